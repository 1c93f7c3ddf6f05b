"""Allow ``python -m learnlog``."""

from __future__ import annotations

from learnlog.cli import main

raise SystemExit(main())
