"""``learnlog import``: split a single-file log into entry files (``--dry-run`` shows the plan)."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from learnlog.diagnostics import Diagnostic, ExitCode, UsageError
from learnlog.files import SafeReader, decode_text, relative_to_root, write_atomic
from learnlog.project import load_project
from learnlog.singlefile.split import ImportProblem, split_log


@dataclass(frozen=True)
class Options:
    file: Path
    force: bool = False
    dry_run: bool = False


def run(options: Options) -> int:
    project = load_project()
    root, config = project.root, project.config
    source = options.file
    if source.is_dir():
        raise UsageError(f"{source}: is a folder; give the single Markdown file that holds the log")
    if not source.exists():
        raise UsageError(f"{source}: no such file")
    raw = SafeReader(source.resolve().parent, config.max_file_bytes).read(source.resolve())
    if isinstance(raw, Diagnostic):
        raise UsageError(f"{source}: {raw.message}")
    text, problems = decode_text(raw, normalize=False)
    if text is None:
        raise UsageError(f"{source}: {problems[0].message}")
    rel = relative_to_root(source.parent, root)
    source_dir = "" if rel.startswith("/") or rel == "." else rel
    try:
        parts = split_log(text, config.date_style, source_dir, config.log_dir)
    except ImportProblem as exc:
        print(f"{source}: {exc}", file=sys.stderr)
        return ExitCode.PROBLEMS
    for note in parts.notes:
        print(f"{source}: note: {note}", file=sys.stderr)
    existing = [p for p in parts.files if (root / p).exists()]
    if existing and not options.force and not options.dry_run:
        for path in existing:
            print(f"{path}: exists; not overwritten (use --force to replace it)", file=sys.stderr)
        return ExitCode.PROBLEMS
    for path, content in parts.files.items():
        if options.dry_run:
            print(f"would write {path} ({len(content.encode())} bytes)")
            continue
        write_atomic(root / path, content.encode("utf-8"))
        print(f"wrote {path}")
    return ExitCode.OK
