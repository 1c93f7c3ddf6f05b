"""``learnlog fix``: the I/O around the pure repairs in :mod:`learnlog.fix.repairs`.

Follows pre-commit's fixer convention: one line per change, ``Fixing PATH`` per file written,
exit 1 when a file changed or a problem could not be fixed, 0 when everything was already clean.
``--diff`` is a dry run, as in black and ruff, and prints a patch ``git apply`` accepts.
"""

from __future__ import annotations

import difflib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from learnlog.diagnostics import Diagnostic, ExitCode
from learnlog.files import FileChangedError, RawFile, SafeReader, expand_paths, replace_if_unchanged
from learnlog.fix.repairs import repair_file
from learnlog.layout import FileKind, file_kind
from learnlog.project import Project, load_project


@dataclass(frozen=True)
class Options:
    paths: tuple[Path, ...] = ()
    check: bool = False
    diff: bool = False


def _lines(data: bytes) -> list[bytes]:
    """Lines as git sees them: ended by ``\n`` only (not form feeds, U+2028 or lone CRs)."""
    return [line for line in re.split(b"(?<=\n)", data) if line]


def unified_diff(shown: str, old: bytes, new: str) -> bytes:
    """A patch of one file that ``git apply`` accepts: the old side in its own bytes (a
    Latin-1 or UTF-16 file included), lines split where git splits them, and the no-newline
    markers."""
    out = []
    for line in difflib.diff_bytes(
        difflib.unified_diff, _lines(old), _lines(new.encode("utf-8")), f"a/{shown}".encode(), f"b/{shown}".encode()
    ):
        if line.startswith((b"---", b"+++")) or line.endswith(b"\n"):
            out.append(line)
        else:
            out.append(line + b"\n\\ No newline at end of file\n")
    return b"".join(out)


def _fix_one(raw: RawFile, path: Path, project: Project, options: Options, rel: str) -> tuple[bool, bool]:
    """Repair one file; returns (problem left, file changed or would change)."""
    config = project.config
    kind = file_kind(rel, config.log_dir, config.weekly_dir)
    if kind is FileKind.WEEKLY:
        return False, False
    repair = repair_file(raw.data, config, rel, kind)
    dry = options.check or options.diff
    for change in repair.changes:
        message = change.message if change.fixed and not dry else (change.problem or change.message)
        print(Diagnostic(raw.shown, change.line, change.col, change.code, message).render())
    if repair.text is None:
        return bool(repair.unfixable), False
    new = repair.text.encode("utf-8")
    if new == raw.data:
        return bool(repair.unfixable), False
    if options.diff:
        sys.stdout.flush()
        sys.stdout.buffer.write(unified_diff(raw.shown, raw.data, repair.text))
        sys.stdout.buffer.flush()
    if not dry:
        try:
            replace_if_unchanged(path, raw.data, new)
        except FileChangedError:
            print(f"{raw.shown}: changed while learnlog fix was reading it; left as it is (run it again)")
            return True, False
        print(f"Fixing {raw.shown}")
    return bool(repair.unfixable), True


def run(options: Options) -> int:
    project = load_project(options.paths)
    reader = SafeReader(project.root, project.config.max_file_bytes)
    status = ExitCode.OK
    changed = 0
    for path in expand_paths(list(options.paths), project.root, project.config):
        raw = reader.read(path)
        if isinstance(raw, Diagnostic):
            print(raw.render())
            status = ExitCode.PROBLEMS
            continue
        problem, touched = _fix_one(raw, path, project, options, reader.relative(path))
        changed += touched
        if problem or touched:
            status = ExitCode.PROBLEMS
    if (options.check or options.diff) and changed:
        print(f"{changed} file(s) would be changed (run 'learnlog fix' to write them)", file=sys.stderr)
    return status
