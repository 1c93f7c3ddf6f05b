"""Writing a generated file: only when its bytes change, or just saying it is stale."""

from __future__ import annotations

import sys
from pathlib import Path

from learnlog.files import write_atomic


def write_generated(root: Path, rel: str, text: str, command: str, *, check: bool) -> int:
    """Write ``root/rel`` atomically if it differs (an unchanged file keeps its mtime, so a
    re-run touches nothing); with ``check`` write nothing and exit 1 when it is stale."""
    path = root / rel
    data = text.encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return 0
    if check:
        print(f"{rel}: stale (run '{command}')", file=sys.stderr)
        return 1
    write_atomic(path, data)
    print(f"wrote {rel}")
    return 0
