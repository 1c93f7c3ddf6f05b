"""Which files and links the link check looks at, and what kind of link each is."""

from __future__ import annotations

import glob
import os
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
    """Repo-relative Markdown files matching the configured globs, in a stable order (string
    globbing: pathlib's costs more than the cached check itself)."""
    found: set[str] = set()
    base = os.fspath(root)
    for pattern in patterns:
        for path in glob.iglob(pattern, root_dir=base, recursive=True):
            rel = path.replace(os.sep, "/")
            if any(part in SKIP_DIRS for part in rel.split("/")):
                continue
            full = os.path.join(base, path)
            # a dangling or looping symlink is listed too: the reader reports it (LL190)
            if rel.lower().endswith(MARKDOWN_SUFFIXES) and (os.path.islink(full) or not os.path.isdir(full)):
                found.add(rel)
    return sorted(found)
