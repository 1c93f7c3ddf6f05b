"""Run learnlog from this checkout: the entry of this repo's ``repo: local`` pre-commit hooks.

pre-commit builds a fresh virtualenv for local hooks with only ``additional_dependencies``;
running this file puts ``hooks/`` on ``sys.path`` so the package in the checkout is the one run.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from learnlog.cli import main

raise SystemExit(main())
