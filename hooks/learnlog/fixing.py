"""``learnlog fix``: the I/O around the pure repairs in :mod:`learnlog.fixes`.

Follows pre-commit's fixer convention: one line per change, exit 1 when a file changed or a
problem could not be fixed, 0 when everything was already clean.
"""

from __future__ import annotations

import difflib
import sys
from collections.abc import Sequence
from pathlib import Path

from learnlog.config import Config
from learnlog.diagnostics import Diagnostic
from learnlog.entries import entry_kind
from learnlog.fixes import repair_file
from learnlog.textfiles import SafeReader, expand_paths, write_atomic


def _diff(shown: str, old: bytes, new: str) -> str:
    before = old.decode("utf-8", errors="replace").splitlines(keepends=True)
    after = new.splitlines(keepends=True)
    return "".join(difflib.unified_diff(before, after, f"a/{shown}", f"b/{shown}"))


def fix_paths(paths: Sequence[Path], root: Path, config: Config, *, check_only: bool, show_diff: bool) -> int:
    status = 0
    changed = 0
    reader = SafeReader(root, config.max_file_bytes)
    for path in expand_paths(list(paths), root, config):
        raw = reader.read(path)
        if isinstance(raw, Diagnostic):
            print(raw.render())
            status = 1
            continue
        rel = reader.relative(path)
        kind = entry_kind(rel, config.log_dir, config.weekly_dir)
        if kind == "weekly":
            continue
        repair = repair_file(
            raw.data,
            config.fix,
            config.date_style,
            is_entry=kind == "entry",
            rel_path=rel if kind != "other" else "",
            log_dir=config.log_dir,
        )
        for change in repair.changes:
            message = change.message if change.fixed and not check_only else (change.problem or change.message)
            print(f"{raw.shown}:{change.line}:{change.col}: {change.code} {message}")
        if repair.unfixable:
            status = 1
        if repair.text is None:
            continue
        new = repair.text.encode("utf-8")
        if new == raw.data:
            continue
        status = 1
        changed += 1
        if show_diff:
            sys.stdout.write(_diff(raw.shown, raw.data, repair.text))
        if not check_only:
            write_atomic(path, new)
            print(f"Fixing {raw.shown}")
    if check_only and changed:
        print(f"{changed} file(s) would be changed (run 'learnlog fix' to write them)", file=sys.stderr)
    return status
