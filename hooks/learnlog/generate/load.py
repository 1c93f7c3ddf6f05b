"""Read the whole log into a :class:`~learnlog.model.Log` for the generators, through the
check itself: an entry is in the table of contents, the summaries, the feed and the exports
exactly when ``learnlog check`` accepts its structure (no LL1xx error), and every file left out
is named. Encoding damage (LL3xx) does not change which day an entry is or what it says, so an
entry waiting for ``learnlog fix`` is still listed."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

from learnlog.cache import open_cache, save_cache
from learnlog.check.engine import FileResult, check_files
from learnlog.codes import CODES, Family, Severity
from learnlog.diagnostics import Diagnostic
from learnlog.files import SafeReader, log_files
from learnlog.layout import FileKind
from learnlog.model import Backlog, Entry, Log
from learnlog.project import Project, load_project


@dataclass
class LoadedLog:
    log: Log
    skipped: list[FileResult] = field(default_factory=list)


def _rejects(diagnostic: Diagnostic) -> bool:
    return diagnostic.severity is Severity.ERROR and CODES[diagnostic.code].family is Family.STRUCTURE


def load_log(project: Project, *, use_cache: bool = True) -> LoadedLog:
    config = project.config
    reader = SafeReader(project.root, config.max_file_bytes)
    entries: dict[object, Entry] = {}
    backlog: Backlog | None = None
    skipped: list[FileResult] = []
    cache = open_cache(project, use=use_cache)
    results = check_files(log_files(project.root, config), reader, config, project.today, cache)
    save_cache(cache, complete=False)
    for result in results:
        if result.kind is FileKind.BACKLOG:
            backlog = result.backlog
        elif result.kind is FileKind.ENTRY:
            failed = any(_rejects(d) for d in result.diagnostics)
            entry = result.model_entry()
            if entry is None or failed:
                skipped.append(result)
            else:
                entries[entry.date] = entry
    return LoadedLog(Log(entries=entries, backlog=backlog), skipped)


def report_skipped(loaded: LoadedLog) -> None:
    """Say which entries were left out and why, so a generated file never silently lacks a day."""
    for result in loaded.skipped:
        first = next((d for d in result.diagnostics if _rejects(d)), None)
        why = f"{first.code} {first.message}" if first else "no date heading"
        print(f"{result.shown}: left out: {why} (see 'learnlog check')", file=sys.stderr)


def load_project_log() -> tuple[Project, Log]:
    """The generators' start: the project, and its log as the check accepts it, with every
    entry left out named on stderr."""
    project = load_project()
    loaded = load_log(project)
    report_skipped(loaded)
    return project, loaded.log
