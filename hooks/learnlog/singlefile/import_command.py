"""``learnlog import``: read a single-file log, preview or write its entries and backlog.

The I/O edge of :mod:`learnlog.singlefile.split`: it reads the file, prints the preview and
the problems, refuses to overwrite without ``--force`` and writes each file atomically. An
existing backlog is merged, never replaced: it may hold notes the import knows nothing of.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from learnlog.config import Config
from learnlog.diagnostics import Diagnostic, ExitCode, UsageError
from learnlog.files import SafeReader, decode_text, relative_to_root, write_atomic
from learnlog.layout import BACKLOG_NAME
from learnlog.project import load_project
from learnlog.singlefile.backlog import merge_backlog
from learnlog.singlefile.dayheadings import DateOrder
from learnlog.singlefile.report import nothing_found, preview, problems
from learnlog.singlefile.split import SplitLog, split_log


@dataclass(frozen=True)
class Options:
    """What ``learnlog import`` was asked to do."""

    file: Path
    force: bool = False
    dry_run: bool = False
    date_order: DateOrder | None = None
    year: int | None = None


def read_source(source: Path, max_bytes: int) -> str:
    """The single-file log's text (line endings kept, for a byte-exact round trip), read with the
    check's safety: a folder, a binary, a huge or non-UTF-8 file is a usage error, not a traceback."""
    if source.is_dir():
        raise UsageError(f"{source}: is a folder; give the single Markdown file that holds the log")
    if not source.exists():
        raise UsageError(f"{source}: no such file")
    absolute = source.resolve()
    raw = SafeReader(absolute.parent, max_bytes).read(absolute)
    if isinstance(raw, Diagnostic):
        raise UsageError(f"{source}: {raw.message}")
    text, problems = decode_text(raw, normalize=False)
    if text is None:
        where = f"line {problems[0].line}, column {problems[0].col}: " if problems else ""
        raise UsageError(f"{source}: {where}{problems[0].message if problems else 'not UTF-8'}")
    return text


def _final_texts(split: SplitLog, root: Path, config: Config) -> dict[str, str]:
    """The files to write: entries as split, the backlog merged into an existing one."""
    texts = dict(split.files)
    backlog = f"{config.log_dir}/{BACKLOG_NAME}"
    if backlog in texts and (root / backlog).is_file():
        texts[backlog] = merge_backlog((root / backlog).read_bytes().decode("utf-8"), split.backlog_chunks)
    return texts


@dataclass(frozen=True)
class Outcome:
    """The exit status, and the files written (or that would be, with ``--dry-run``)."""

    code: int
    written: tuple[str, ...] = ()


def import_log(root: Path, config: Config, options: Options) -> Outcome:
    """Import ``options.file`` into the log at ``root`` (also used by ``learnlog init``)."""
    text = read_source(options.file, config.max_file_bytes)
    rel = relative_to_root(options.file.parent, root)
    source_dir = "" if rel.startswith("/") or rel == "." else rel
    split = split_log(text, config.date_style, source_dir, config.log_dir, order=options.date_order, year=options.year)
    shown = str(options.file)
    for diagnostic in problems(split, shown):
        print(diagnostic.render(), file=sys.stderr)
    for note in split.notes:
        print(f"{shown}: note: {note}", file=sys.stderr)
    if split.blocking:
        print(f"{shown}: ambiguous dates; pass --date-order mdy or --date-order dmy. Nothing written.", file=sys.stderr)
        return Outcome(ExitCode.USAGE)
    if not split.placed:
        print(nothing_found(split, shown), file=sys.stderr)
        return Outcome(ExitCode.PROBLEMS)
    if options.dry_run:
        print(preview(split, config.log_dir))
    texts = _final_texts(split, root, config)
    existing = [p for p, t in texts.items() if (root / p).exists() and (root / p).read_bytes() != t.encode("utf-8")]
    if existing and not options.force:
        for path in existing:
            print(f"{path}: exists; not overwritten (use --force to replace it)", file=sys.stderr)
        return Outcome(ExitCode.PROBLEMS)
    return Outcome(ExitCode.OK, _write(root, texts, dry_run=options.dry_run))


def _write(root: Path, texts: dict[str, str], *, dry_run: bool) -> tuple[str, ...]:
    written = []
    for path, content in texts.items():
        data = content.encode("utf-8")
        if (root / path).is_file() and (root / path).read_bytes() == data:
            print(f"unchanged {path}")
            continue
        if dry_run:
            print(f"would write {path} ({len(data)} bytes)")
        else:
            write_atomic(root / path, data)
            print(f"wrote {path}")
        written.append(path)
    return tuple(written)


def run(options: Options) -> int:
    """``learnlog import`` in the project around the current directory."""
    project = load_project()
    return import_log(project.root, project.config, options).code
