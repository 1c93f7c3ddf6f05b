"""Read the whole log from disk into a :class:`~learnlog.models.Log` (the I/O edge of the
generators: TOC and weekly summaries)."""

from __future__ import annotations

from pathlib import Path

from learnlog.config import Config
from learnlog.entries import build_entry, build_topics, entry_kind
from learnlog.models import Backlog, Entry, Log
from learnlog.parsing import parse_document
from learnlog.textfiles import RawFile, SafeReader, decode_text, log_files


def load_log(root: Path, config: Config) -> Log:
    """Every readable entry (unreadable files are the checker's business) and the backlog."""
    entries: dict[object, Entry] = {}
    backlog: Backlog | None = None
    reader = SafeReader(root, config.max_file_bytes)
    for path in log_files(root, config):
        rel = reader.relative(path)
        kind = entry_kind(rel, config.log_dir, config.weekly_dir)
        if kind not in ("entry", "backlog"):
            continue
        raw = reader.read(path)
        if not isinstance(raw, RawFile):
            continue
        text, _ = decode_text(raw)
        if text is None:
            continue
        doc = parse_document(text)
        if kind == "backlog":
            backlog = Backlog(
                path=rel, topics=build_topics(doc), tasks=tuple(doc.tasks), links=tuple(s.link for s in doc.links)
            )
            continue
        entry = build_entry(doc, rel, config.date_style)
        if entry is not None:
            entries[entry.date] = entry
    return Log(entries=entries, backlog=backlog)
