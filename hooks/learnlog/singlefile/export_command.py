"""``learnlog export``: write the log back as one Markdown file, or as JSON or CSV data.

It never overwrites a file it did not write itself (a digest of each export is kept in the
cache folder), unless ``--force`` says so: ``-o README.md`` must not cost the user their README.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from learnlog.diagnostics import Diagnostic, ExitCode, UsageError
from learnlog.files import SafeReader, decode_text, log_files, relative_to_root, write_atomic, write_cache
from learnlog.generate.load import load_log, report_skipped
from learnlog.layout import FileKind, backlog_path, file_kind
from learnlog.project import Project, load_project
from learnlog.singlefile.export_formats import render_csv, render_json
from learnlog.singlefile.join import join_log

EXPORTS_RECORD = ".cache/learnlog/exports.json"


@dataclass(frozen=True)
class Options:
    output: Path | None = None
    force: bool = False
    format: str = "markdown"


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _recorded(project: Project) -> dict[str, str]:
    try:
        data = json.loads((project.root / EXPORTS_RECORD).read_text(encoding="utf-8"))
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _read_entries(project: Project) -> tuple[dict[str, str], str | None, list[Diagnostic]]:
    config = project.config
    reader = SafeReader(project.root, config.max_file_bytes)
    entries: dict[str, str] = {}
    backlog: str | None = None
    problems: list[Diagnostic] = []
    for path in log_files(project.root, config):
        rel = reader.relative(path)
        kind = file_kind(rel, config.log_dir, config.weekly_dir)
        if kind not in (FileKind.ENTRY, FileKind.BACKLOG):
            continue
        raw = reader.read(path)
        text, found = decode_text(raw) if not isinstance(raw, Diagnostic) else (None, [raw])
        problems += found
        if text is None:
            continue
        if rel == backlog_path(config.log_dir):
            backlog = text
        else:
            entries[rel] = text
    return entries, backlog, problems


def _check_target(target: Path, project: Project, force: bool) -> str:
    if target.is_dir():
        raise UsageError(f"{target}: is a folder; give a file name, like -o Daily-Learning-Log.md")
    key = relative_to_root(target, project.root)
    if target.exists() and not force:
        recorded = _recorded(project).get(key)
        if recorded is None or recorded != _digest(target.read_bytes()):
            raise UsageError(f"{target}: exists and was not written by 'learnlog export'; use --force to replace it")
    return key


def run(options: Options) -> int:
    project = load_project()
    config = project.config
    key = _check_target(options.output, project, options.force) if options.output else ""
    entries, backlog, problems = _read_entries(project)
    for problem in problems:
        print(problem.render(), file=sys.stderr)
    target_dir = ""
    if options.output:
        rel = relative_to_root(options.output.parent, project.root)
        target_dir = "" if rel == "." else rel
    if options.format == "markdown":
        data = join_log(entries, backlog, target_dir, config.log_dir).encode("utf-8")
    else:
        loaded = load_log(project)
        report_skipped(loaded)
        render = render_json if options.format == "json" else render_csv
        data = render(loaded.log).encode("utf-8")
    if options.output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        write_atomic(options.output, data)
        record = _recorded(project) | {key: _digest(data)}
        write_cache(project.root / EXPORTS_RECORD, json.dumps(record, indent=1, sort_keys=True).encode("utf-8"))
        print(f"wrote {options.output} ({len(entries)} entries)", file=sys.stderr)
    return ExitCode.PROBLEMS if problems else ExitCode.OK
