"""One pass per file: read, decode and parse once; the structure, encoding and link checks all
read that one parse. An unchanged file is not parsed at all: its results come from the parse
cache (:mod:`learnlog.cache`), and a cold run over many files parses them on every core."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from itertools import repeat
from pathlib import Path
from typing import Any

from learnlog.cache import ParseCache
from learnlog.check.rules import CheckContext, future_date, heading_date, run_rules
from learnlog.check.validate import build_backlog, read_tags, validate_entry
from learnlog.config import Config
from learnlog.diagnostics import Diagnostic
from learnlog.files import RawFile, SafeReader, decode_text
from learnlog.fix.encoding import decode_bytes
from learnlog.fix.repairs import date_link_diagnostics, encoding_diagnostics
from learnlog.layout import GENERATED_MARKER, FileKind, file_kind
from learnlog.links.facts import FileFacts
from learnlog.markdown import Document, parse_document
from learnlog.model import Backlog, Entry

PARALLEL_FROM = 300

_UNCLOSED_FRONT_MATTER_RE = re.compile(r"---[ \t]*\n[A-Za-z_][\w-]*[ \t]*:")


@dataclass
class FileResult:
    """What checking one file found: its problems, its link facts and the entry (or backlog) it
    describes."""

    shown: str
    rel_path: str
    kind: FileKind
    entry: Entry | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    facts: FileFacts | None = None
    backlog: Backlog | None = None
    heading: tuple[int, int, date] | None = None
    entry_data: dict[str, Any] | None = None

    def model_entry(self) -> Entry | None:
        """The entry, validated from the cache's JSON only when a generator asks for it (a
        warm check needs none)."""
        if self.entry is None and self.entry_data is not None:
            self.entry = Entry.model_validate(self.entry_data)
        return self.entry


def check_document(result: FileResult, doc: Document, config: Config, today: date) -> None:
    """Structure: the models validate the entry, the rules judge the Markdown shape."""
    if GENERATED_MARKER in doc.text[:2000]:
        return
    if not doc.text.strip():
        result.diagnostics.append(
            Diagnostic(result.shown, 1, 1, "LL112", "empty file: an entry needs a date heading and notes")
        )
        return
    if doc.front_matter is None and _UNCLOSED_FRONT_MATTER_RE.match(doc.text):
        message = "front matter opened with '---' on line 1 is never closed: add a '---' line after it"
        result.diagnostics.append(Diagnostic(result.shown, 1, 1, "LL110", message))
    if result.kind is FileKind.ENTRY:
        result.entry, problems = validate_entry(doc, result.shown, result.rel_path, config)
        result.diagnostics.extend(problems)
    elif result.kind is FileKind.BACKLOG:
        result.diagnostics.extend(read_tags(doc, result.shown, config)[1])
    ctx = CheckContext(result.shown, result.rel_path, result.kind, doc, config, today)
    result.heading = heading_date(ctx) if result.kind is FileKind.ENTRY else None
    if result.kind is FileKind.BACKLOG:
        result.backlog = build_backlog(doc, result.rel_path)
    result.diagnostics.extend(run_rules(ctx))


def _undecodable(raw: RawFile, problems: list[Diagnostic]) -> list[Diagnostic]:
    """Say what ``learnlog fix`` will do with a file that is not UTF-8, in the fixer's words,
    so the check and the fixer never send the user in circles."""
    verdict = next((c for c in decode_bytes(raw.data).changes if c.code == "LL301"), None)
    if verdict is None:
        return problems
    return [Diagnostic(raw.shown, verdict.line, verdict.col, "LL301", verdict.problem or verdict.message)]


def check_raw(raw: RawFile, rel_path: str, config: Config, today: date) -> FileResult:
    """Decode and parse one file's bytes once; encoding and structure read that parse."""
    result = FileResult(raw.shown, rel_path, file_kind(rel_path, config.log_dir, config.weekly_dir))
    text, problems = decode_text(raw)
    if text is None:
        result.diagnostics.extend(_undecodable(raw, problems))
        return result
    doc = parse_document(text)
    result.facts = FileFacts.of(doc)
    result.diagnostics.extend(encoding_diagnostics(raw, text, doc, config.fix))
    if result.kind in (FileKind.ENTRY, FileKind.BACKLOG):
        result.diagnostics.extend(date_link_diagnostics(raw.shown, text, doc, rel_path, config.log_dir))
    if result.kind is not FileKind.WEEKLY:
        check_document(result, doc, config, today)
    return result


def _record(result: FileResult) -> dict[str, Any]:
    """What the cache keeps of a result: no path (it is printed as the user named it), no LL105
    (it depends on today), the entry and backlog as JSON."""
    return {
        "d": [[d.line, d.col, d.code, d.message] for d in result.diagnostics if d.code != "LL105"],
        "h": [result.heading[0], result.heading[1], result.heading[2].isoformat()] if result.heading else None,
        "e": result.entry.model_dump(mode="json") if result.entry else None,
        "b": result.backlog.model_dump(mode="json") if result.backlog else None,
    }


def _from_record(record: dict[str, Any], result: FileResult, config: Config, today: date) -> FileResult:
    result.diagnostics = [Diagnostic(result.shown, ln, col, code, msg) for ln, col, code, msg in record["d"]]
    if record["h"]:
        line, col, day = record["h"]
        result.heading = (line, col, date.fromisoformat(day))
        late = future_date(result.shown, result.heading, config, today)
        result.diagnostics += [late] if late else []
    result.entry_data = record["e"]
    result.backlog = Backlog.model_validate(record["b"]) if record["b"] else None
    return result


def _restore(record: dict[str, Any], result: FileResult, config: Config, today: date) -> bool:
    """Fill ``result`` from a cached record; False (and the file is parsed again) when the
    record is damaged."""
    try:
        _from_record(record, result, config, today)
    except (KeyError, TypeError, ValueError):
        result.diagnostics, result.heading, result.entry_data, result.backlog = [], None, None, None
        return False
    return True


def _compute(raw: RawFile, rel_path: str, config: Config, today: date) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """One file's cacheable record and link facts (run in a worker process on a cold run)."""
    result = check_raw(raw, rel_path, config, today)
    return _record(result), result.facts.to_json() if result.facts else None


def _compute_many(pending: list[tuple[RawFile, str]], config: Config, today: date) -> list[tuple[Any, Any]]:
    """Parse on every core when there is enough to parse; a process costs ~0.2 s to start."""
    workers = min(os.cpu_count() or 1, 4)
    if len(pending) < PARALLEL_FROM or workers < 2:
        return [_compute(raw, rel, config, today) for raw, rel in pending]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers) as pool:
        jobs = pool.map(_compute, *zip(*pending, strict=True), repeat(config), repeat(today), chunksize=64)
        return list(jobs)


def check_files(
    paths: Iterable[Path], reader: SafeReader, config: Config, today: date, cache: ParseCache | None = None
) -> list[FileResult]:
    """Every file's result, in order: from the cache when its bytes are unchanged, else parsed."""
    cache = cache or ParseCache(None)
    results: list[FileResult] = []
    pending: list[tuple[RawFile, str]] = []
    waiting: list[FileResult] = []
    for path in paths:
        rel_path = reader.relative(path)
        result = FileResult(reader.shown(path), rel_path, file_kind(rel_path, config.log_dir, config.weekly_dir))
        results.append(result)
        raw = reader.read(path)
        if isinstance(raw, Diagnostic):
            result.diagnostics = [raw]
            continue
        record = cache.checked(rel_path, raw.data)
        facts = cache.cached_facts(raw.data) if record is not None else None
        if record is not None and facts is not None and _restore(record, result, config, today):
            result.facts = facts
            continue
        pending.append((raw, rel_path))
        waiting.append(result)
    for (raw, rel_path), result, (record, facts_json) in zip(
        pending, waiting, _compute_many(pending, config, today), strict=True
    ):
        cache.store_checked(rel_path, raw.data, record)
        if facts_json is not None:
            cache.store_facts(raw.data, facts_json)
            result.facts = FileFacts.from_json(facts_json)
        _from_record(record, result, config, today)
    return results


def check_text(shown: str, rel_path: str, text: str, config: Config, today: date) -> list[Diagnostic]:
    """Structure diagnostics of one file's (LF-normalised) text: the pure core of the check."""
    result = FileResult(shown, rel_path, file_kind(rel_path, config.log_dir, config.weekly_dir))
    if result.kind is not FileKind.WEEKLY:
        check_document(result, parse_document(text), config, today)
    return result.diagnostics
