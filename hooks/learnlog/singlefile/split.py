"""Import a single-file log into entry files, and export the entries back to one file.

The two are inverse: a log like the user's seed survives import then export byte for byte.
Import splits at H2 headings: a dated ``## Sep 9, 2024[: title]`` section becomes
``log/2024/2024-09-09.md`` with every ATX heading raised one level and its relative links
rewritten to point at the same target from the new folder; the text before the first H2 (the
log's title) and the non-dated sections go to ``log/backlog.md`` unchanged. Export lowers the
headings, rewrites the links back, and writes preamble, entries by date, backlog sections.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePosixPath

from learnlog.dates import read_date_heading
from learnlog.layout import BACKLOG_NAME
from learnlog.markdown import Document, parse_document

_ATX_RE = re.compile(r"^( {0,3})(#{1,6})(?=[ \t]|$)")
_SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


class ImportProblem(Exception):
    """The single file cannot be split without losing something; the message says where."""


@dataclass
class Section:
    heading_line: int  # 0-based index of the H2 line
    lines: list[str]
    day: date | None


@dataclass
class SplitLog:
    """The parts of a single-file log, keyed by where they will be written."""

    preamble: list[str]
    sections: list[Section]
    files: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def is_relative_reference(target: str) -> bool:
    """True for links to files of this repo by relative path (what moving a file breaks)."""
    return bool(target) and not (target.startswith(("#", "/", "?")) or _SCHEME_RE.match(target))


def rebase_link(target: str, from_dir: str, to_dir: str) -> str:
    """The same target, written relative to ``to_dir`` instead of ``from_dir`` (posix, repo-relative)."""
    cut = min((i for i in (target.find("#"), target.find("?")) if i >= 0), default=len(target))
    path, rest = target[:cut], target[cut:]
    if not path:
        return target
    absolute = posixpath.normpath(posixpath.join(from_dir or ".", path))
    new = posixpath.relpath(absolute, to_dir or ".")
    if path.endswith("/") and not new.endswith("/"):
        new += "/"
    return new + rest


def _line_of(doc: Document, offset: int) -> tuple[int, int]:
    line, col = doc.position(offset)
    return line - 1, col - 1


def _rewrite_links(lines: list[str], first: int, doc: Document, from_dir: str, to_dir: str) -> list[str]:
    """Rewrite relative link destinations in ``lines`` (which start at doc line ``first``)."""
    out = list(lines)
    edits: dict[int, list[tuple[int, int, str]]] = {}
    for source in doc.links:
        if source.dest_start is None or source.dest_end is None:
            continue
        line, col = _line_of(doc, source.dest_start)
        if not first <= line < first + len(lines):
            continue
        raw = doc.text[source.dest_start : source.dest_end]
        if not is_relative_reference(raw):
            continue
        new = rebase_link(raw, from_dir, to_dir)
        if new != raw:
            edits.setdefault(line - first, []).append((col, col + len(raw), new))
    for index, changes in edits.items():
        text = out[index]
        for start, end, new in sorted(changes, reverse=True):
            text = text[:start] + new + text[end:]
        out[index] = text
    return out


def _shift_headings(lines: list[str], first: int, doc: Document, delta: int) -> list[str]:
    """Raise (delta=-1) or lower (+1) every ATX heading inside the given lines."""
    out = list(lines)
    for heading in doc.headings:
        index = heading.line - 1 - first
        if not 0 <= index < len(out):
            continue
        if heading.setext:
            underline = index + heading.source.count("\n") + 1
            if underline < len(out):
                out[underline] = out[underline].replace("-" if delta < 0 else "=", "=" if delta < 0 else "-")
            continue
        match = _ATX_RE.match(out[index])
        if match:
            hashes = "#" * (len(match.group(2)) + delta)
            out[index] = match.group(1) + hashes + out[index][match.end() :]
    return out


def split_log(text: str, style: str, source_dir: str, log_dir: str) -> SplitLog:
    """Split a single-file log; ``source_dir`` is where it lived, relative to the repo root."""
    doc = parse_document(text.replace("\r\n", "\n").replace("\r", "\n"))
    raw_lines = text.splitlines(keepends=True)
    cuts = [h for h in doc.headings if h.level <= 2]
    first_h2 = next((h.line - 1 for h in cuts if h.level == 2), len(raw_lines))
    parts = SplitLog(preamble=raw_lines[:first_h2], sections=[])
    h2_lines = [h.line - 1 for h in doc.headings if h.level == 2]
    h1_after = [h.line - 1 for h in doc.headings if h.level == 1 and h.line - 1 > first_h2]
    if h1_after:
        raise ImportProblem(f"line {h1_after[0] + 1}: an H1 after the first dated section cannot be placed")
    headings_by_line = {h.line - 1: h for h in doc.headings}
    for number, start in enumerate(h2_lines):
        end = h2_lines[number + 1] if number + 1 < len(h2_lines) else len(raw_lines)
        heading = headings_by_line[start]
        parsed = read_date_heading(heading.text, style).parsed
        if parsed is None and style != "iso":
            parsed = read_date_heading(heading.text, "iso").parsed
        if parsed is not None and parsed.value is None:
            raise ImportProblem(f"line {start + 1}: {parsed.error}")
        day = parsed.value if parsed else None
        parts.sections.append(Section(start, raw_lines[start:end], day))
    seen: dict[date, int] = {}
    for section in parts.sections:
        if section.day is None:
            continue
        if section.day in seen:
            raise ImportProblem(
                f"line {section.heading_line + 1}: a second section for {section.day.isoformat()} "
                f"(the first is at line {seen[section.day] + 1}); merge them first"
            )
        seen[section.day] = section.heading_line
    dated = [s for s in parts.sections if s.day]
    undated = [s for s in parts.sections if s.day is None]
    if [s.day for s in dated] != sorted(s.day for s in dated if s.day):
        parts.notes.append("dated sections are not in date order; export writes them by date")
    if undated and any(u.heading_line < d.heading_line for u in undated for d in dated):
        parts.notes.append("non-dated sections sit between dated ones; export writes them last")
    for section in dated:
        assert section.day is not None
        folder = f"{log_dir}/{section.day.year}"
        lines = _shift_headings(section.lines, section.heading_line, doc, -1)
        lines = _rewrite_links(lines, section.heading_line, doc, source_dir, folder)
        parts.files[f"{folder}/{section.day.isoformat()}.md"] = "".join(lines)
    if parts.preamble or undated:
        backlog: list[str] = _rewrite_links(parts.preamble, 0, doc, source_dir, log_dir)
        for section in undated:
            backlog += _rewrite_links(section.lines, section.heading_line, doc, source_dir, log_dir)
        parts.files[f"{log_dir}/{BACKLOG_NAME}"] = "".join(backlog)
    return parts


def _paragraph_end(chunk: str) -> str:
    """An entry ends with a blank line, so the next entry's heading does not join its text."""
    if not chunk or chunk.endswith("\n\n"):
        return chunk
    return chunk + ("\n" if chunk.endswith("\n") else "\n\n")


def join_log(entries: dict[str, str], backlog: str | None, target_dir: str, log_dir: str) -> str:
    """The single-file form: preamble, entries by date (headings lowered), backlog sections.

    ``entries`` maps repo-relative entry paths to their text; ``target_dir`` is where the
    single file will live (repo-relative), so relative links keep pointing at their targets.
    """
    preamble, backlog_sections = "", ""
    if backlog is not None:
        doc = parse_document(backlog.replace("\r\n", "\n"))
        lines = backlog.splitlines(keepends=True)
        lines = _rewrite_links(lines, 0, doc, log_dir, target_dir)
        first_h2 = next((h.line - 1 for h in doc.headings if h.level == 2), len(lines))
        preamble, backlog_sections = "".join(lines[:first_h2]), "".join(lines[first_h2:])
    chunks = [preamble]
    for path in sorted(entries, key=lambda p: PurePosixPath(p).name):
        text = entries[path]
        doc = parse_document(text.replace("\r\n", "\n"))
        lines = text.splitlines(keepends=True)
        lines = _shift_headings(lines, 0, doc, +1)
        lines = _rewrite_links(lines, 0, doc, str(PurePosixPath(path).parent), target_dir)
        chunks.append("".join(lines))
    chunks.append(backlog_sections)
    parts = [chunk for chunk in chunks if chunk]
    return "".join(_paragraph_end(c) if i < len(parts) - 1 else c for i, c in enumerate(parts))
