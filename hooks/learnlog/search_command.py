"""``learnlog search``: the I/O edge of :mod:`learnlog.search` (find, read, decode, print)."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from learnlog.dates import date_from_entry_name
from learnlog.diagnostics import UsageError
from learnlog.files import RawFile, SafeReader, decode_text, log_files
from learnlog.project import load_project
from learnlog.search import Query, newest_first, render_hits, search_entry


@dataclass(frozen=True)
class Options:
    query: tuple[str, ...] = ()
    tag: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None
    format: str = "text"


def _read_text(reader: SafeReader, path: Path) -> str | None:
    """An entry's text; a file search cannot read is named on stderr, not skipped in silence."""
    raw = reader.read(path)
    text, problems = decode_text(raw) if isinstance(raw, RawFile) else (None, [raw])
    for problem in problems if text is None else []:
        print(f"{problem.path}: not searched: {problem.message}", file=sys.stderr)
    return text


def run(options: Options) -> int:
    """Exit 0 with hits, 1 with none (as grep does, so scripts can test for a match)."""
    words = " ".join(options.query)
    if not words.strip() and not (options.tag or options.start or options.end):
        raise UsageError("give words to search for, or --tag, --from or --to")
    project = load_project()
    root, config = project.root, project.config
    query = Query.build(words, options.tag, options.start, options.end)
    reader = SafeReader(root, config.max_file_bytes)
    weekly = str(root / config.weekly_dir) + os.sep
    hits = []
    for path in log_files(root, config):
        # Dates from file names and the weekly folder by string: pathlib per file costs more
        # than the search itself. Entries are log/**/YYYY-MM-DD.md outside the weekly folder.
        parsed = date_from_entry_name(path.name)
        day = parsed.value if parsed else None
        if day is None or not query.takes_day(day) or str(path).startswith(weekly):
            continue
        text = _read_text(reader, path)
        if text is not None:
            hits += search_entry(reader.shown(path), day, text, query)
    hits = newest_first(hits)
    if options.format == "json":
        print(json.dumps([h.to_json() for h in hits], indent=2, ensure_ascii=False))
    else:
        sys.stdout.write(render_hits(hits))
    return 0 if hits else 1
