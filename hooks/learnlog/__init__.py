"""learnlog keeps a daily learning log healthy.

The public API is deliberately small; everything else is reached through the CLI.
"""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "0.2.0"
