"""Which files and links the link check looks at, and what kind of link each is."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from learnlog.layout import MARKDOWN_SUFFIXES

_SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
SKIP_DIRS = frozenset({".git", ".venv", "venv", "node_modules", ".cache", "__pycache__", ".tox", ".mypy_cache"})


def is_external(target: str) -> bool:
    return bool(_SCHEME_RE.match(target)) or target.startswith("//")


def is_web(target: str) -> bool:
    return target.lower().startswith(("http://", "https://"))


def markdown_files(root: Path, patterns: Iterable[str]) -> list[str]:
    """Repo-relative Markdown files matching the configured globs, in a stable order."""
    found: set[str] = set()
    for pattern in patterns:
        for path in root.glob(pattern):
            rel = path.relative_to(root)
            if any(part in SKIP_DIRS for part in rel.parts):
                continue
            # a dangling or looping symlink is listed too: the reader reports it (LL190)
            if path.suffix.lower() in MARKDOWN_SUFFIXES and (path.is_symlink() or not path.is_dir()):
                found.add(rel.as_posix())
    return sorted(found)
