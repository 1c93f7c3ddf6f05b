"""Import: split a single-file log into one entry per day and a backlog, losing no line.

Day sections are found from the parse (a ``#`` in a fenced block is not a heading) at H2 to
H4; a section runs to the next heading of its level or above, or to the next day. Each source
line is given to exactly one file first, then written there with its headings moved to the
entry's levels and its links rewritten for the new place: relative links rebased, ``#anchor``
links pointed at the file and anchor their heading now has. What cannot be placed on one date
goes to the backlog with the reason, never to a guessed day.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import unquote

from learnlog.dates import format_date, read_date_heading
from learnlog.layout import BACKLOG_NAME, entry_path
from learnlog.markdown import Document, Heading, parse_document
from learnlog.singlefile.dayheadings import DateOrder, DayHeading, infer_order, read_day_heading, with_year, year_in
from learnlog.singlefile.frontmatter import to_entry
from learnlog.singlefile.rebase import ATX_RE, is_relative_reference, line_of, rebase_link
from learnlog.textedit import apply_edits

DAY_LEVELS = (2, 3, 4)
_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


@dataclass(frozen=True)
class Section:
    """A heading read as a day and the lines it owns (0-based, end exclusive)."""

    heading: Heading
    read: DayHeading
    start: int
    end: int


@dataclass(frozen=True)
class Placed:
    """A day section and the entry it goes to (``part`` of ``parts`` sections for that day)."""

    line: int
    day: date
    title: str | None
    path: str
    part: int
    parts: int


@dataclass(frozen=True)
class Leftover:
    """Lines that go to the backlog, from 1-based ``line`` to ``end``, and why."""

    line: int
    end: int
    what: str
    reason: str
    problem: bool = False
    kind: str = ""


@dataclass
class SplitLog:
    """Where every part of a single-file log goes, and what to tell the person about it."""

    files: dict[str, str] = field(default_factory=dict)
    placed: list[Placed] = field(default_factory=list)
    leftovers: list[Leftover] = field(default_factory=list)
    backlog_chunks: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    blocking: list[str] = field(default_factory=list)
    headings: list[tuple[int, int, str]] = field(default_factory=list)  # (line, level, text)


def source_lines(text: str) -> list[str]:
    """Lines with their endings, split exactly where the parser splits (LF, CRLF or CR)."""
    return _LINE_RE.findall(text)


def _ancestor_year(stack: list[Heading]) -> int | None:
    return next((y for h in reversed(stack) if (y := year_in(h.text)) is not None), None)


def _inferred_order(doc: Document, notes: list[str]) -> DateOrder | None:
    """The numeric date order the unambiguous dates of the file show, said in a note."""
    sources = [h.source for h in doc.headings if h.level in DAY_LEVELS]
    order = infer_order(sources)
    if order is not None and any((r := read_day_heading(s)) and r.kind == "ambiguous" for s in sources):
        notes.append(f"numeric dates read as {order} (inferred from the unambiguous ones; --date-order overrides)")
    return order


def _read_headings(doc: Document, order: DateOrder | None, year: int | None, notes: list[str]) -> dict[int, DayHeading]:
    """Each H2-H4 that reads as a day, keyed by its 1-based line; yearless ones get a year."""
    order = order or _inferred_order(doc, notes)
    found: dict[int, DayHeading] = {}
    stack: list[Heading] = []
    for heading in doc.headings:
        while stack and stack[-1].level >= heading.level:
            stack.pop()
        read = read_day_heading(heading.source, order) if heading.level in DAY_LEVELS else None
        if read is not None and read.kind == "yearless":
            known = _ancestor_year(stack) or year
            read = with_year(read, known) if known else read
        if read is not None:
            found[heading.line] = read
        stack.append(heading)
    return found


def _sections(doc: Document, reads: dict[int, DayHeading], line_count: int) -> list[Section]:
    sections = []
    headings = doc.headings
    for index, heading in enumerate(headings):
        if heading.line not in reads:
            continue
        later = (h for h in headings[index + 1 :] if h.level <= heading.level or h.line in reads)
        end = next((h.line - 1 for h in later), line_count)
        sections.append(Section(heading, reads[heading.line], heading.line - 1, end))
    return sections


def _leftovers(doc: Document, sections: list[Section], owners: list[str | None]) -> list[Leftover]:
    """Backlog runs: each problem section, and each other run, cut at its undated headings."""
    problems = {s.start: s for s in sections if s.read.kind != "day"}
    top = min((s.heading.level for s in sections), default=2)
    cuts = {h.line - 1: h for h in doc.headings if h.level <= top}
    found: list[Leftover] = []
    index = 0
    first_day = min((s.start for s in sections if s.read.kind == "day"), default=len(owners))
    while index < len(owners):
        if owners[index] is not None:
            index += 1
            continue
        stop = index + 1
        if index in problems:
            stop = problems[index].end
        else:
            while stop < len(owners) and owners[stop] is None and stop not in cuts and stop not in problems:
                stop += 1
        found.append(_describe(index, stop, problems.get(index), cuts.get(index), first_day))
        index = stop
    return found


def _describe(start: int, stop: int, problem: Section | None, heading: Heading | None, first_day: int) -> Leftover:
    if problem is not None:
        what = "#" * problem.heading.level + " " + problem.heading.text
        reason = problem.read.reason or problem.read.kind
        return Leftover(start + 1, stop, what, reason, problem=True, kind=problem.read.kind)
    if heading is not None:
        return Leftover(start + 1, stop, "#" * heading.level + " " + heading.text, "no date in the heading")
    reason = "text before the first day" if start < first_day else "text outside any day section"
    return Leftover(start + 1, stop, "", reason)


@dataclass
class _Layout:
    """Which file each source line goes to, and how each day's heading is written."""

    owners: list[str | None]
    headings: dict[int, tuple[int, str | None, str | None]]  # start -> (level, new text or None to keep, title)
    prefix: dict[str, str]  # path -> synthesised H1 for days of several sections
    shifts: dict[int, int]  # line -> heading level change for sub-headings


def _layout(sections: list[Section], line_count: int, style: str, log_dir: str, split: SplitLog) -> _Layout:
    layout = _Layout([None] * line_count, {}, {}, {})
    by_day: dict[date, list[Section]] = {}
    for section in sections:
        if section.read.kind == "day" and section.read.day is not None:
            by_day.setdefault(section.read.day, []).append(section)
    for day, parts in by_day.items():
        path = entry_path(day, log_dir)
        if len(parts) > 1:
            layout.prefix[path] = f"# {format_date(day, style)}\n"
            split.notes.append(f"{len(parts)} sections for {day.isoformat()} become topics of {path}, in source order")
        used: set[str] = set()
        for number, section in enumerate(parts, start=1):
            level = 1 if len(parts) == 1 else 2
            for line in range(section.start, section.end):
                layout.owners[line] = path
                layout.shifts[line] = level - section.heading.level
            new = _new_heading(section, style, len(parts), number, used)
            layout.headings[section.start] = (level, new, section.read.title)
            split.placed.append(Placed(section.heading.line, day, section.read.title, path, number, len(parts)))
    split.placed.sort(key=lambda p: p.line)
    return layout


def _new_heading(section: Section, style: str, parts: int, number: int, used: set[str]) -> str | None:
    """The day heading's new text, or ``None`` when it already is in the log's style."""
    title = section.read.title
    if parts == 1:
        own = read_date_heading(section.heading.source, style)
        in_style = own.parsed is not None and own.parsed.value == section.read.day
        if in_style and (own.has_colon or not own.title) and not section.heading.setext:
            return None
        assert section.read.day is not None
        return format_date(section.read.day, style) + (f": {title}" if title else "")
    topic = title or f"Part {number}"
    while topic in used:
        topic = f"{title or 'Part'} ({number})"
        number += 1
    used.add(topic)
    return topic


def _anchor_edit(raw: str, path: str, anchors: dict[str, tuple[str, str]]) -> str | None:
    target = anchors.get(raw[1:]) or anchors.get(unquote(raw[1:]).lower())
    if target is None:
        return None
    other, anchor = target
    if other == path:
        return "#" + anchor
    return posixpath.relpath(other, posixpath.dirname(path)) + "#" + anchor


def _link_edits(
    doc: Document, owners: list[str | None], source_dir: str, log_dir: str, anchors: dict[str, tuple[str, str]]
) -> dict[int, list[tuple[int, int, str]]]:
    edits: dict[int, list[tuple[int, int, str]]] = {}
    for link in doc.links:
        if link.dest_start is None or link.dest_end is None:
            continue
        line, col = line_of(doc, link.dest_start)
        path = owners[line] or f"{log_dir}/{BACKLOG_NAME}"
        raw = doc.text[link.dest_start : link.dest_end]
        new = None
        if raw.startswith("#"):
            new = _anchor_edit(raw, path, anchors)
        elif is_relative_reference(raw):
            new = rebase_link(raw, source_dir, posixpath.dirname(path))
        if new is not None and new != raw:
            edits.setdefault(line, []).append((col, col + len(raw), new))
    return edits


def _write_line(text: str, changes: list[tuple[int, int, str]], shift: int) -> str:
    """A source line with its link edits (joined once, not re-sliced per edit) and heading shift."""
    text = apply_edits(text, changes) if changes else text
    match = ATX_RE.match(text) if shift else None
    if match:
        text = match.group(1) + "#" * (len(match.group(2)) + shift) + text[match.end() :]
    return text


def _assemble(
    lines: list[str], doc: Document, layout: _Layout, edits: dict[int, list[tuple[int, int, str]]], log_dir: str
) -> tuple[dict[str, list[str]], dict[str, list[int | None]]]:
    """File texts as line lists, and for each output line the source line it came from."""
    out: dict[str, list[str]] = {}
    origin: dict[str, list[int | None]] = {}
    heading_lines = {h.line - 1: h for h in doc.headings}
    skip: set[int] = set()
    for index, line in enumerate(lines):
        if index in skip:
            continue
        path = layout.owners[index] or f"{log_dir}/{BACKLOG_NAME}"
        target, where = out.setdefault(path, []), origin.setdefault(path, [])
        if not target and path in layout.prefix:
            target += [layout.prefix[path], "\n"]  # one item per line: ``origin`` is by line
            where += [None, None]
        if target and not target[-1].endswith(("\n", "\r")):
            target[-1] += "\n"
        changed = _write_line(line, edits.get(index, []), layout.shifts.get(index, 0) if index in heading_lines else 0)
        if index in layout.headings:
            changed = _day_heading_line(lines, index, changed, heading_lines[index], layout.headings[index])
            skip.update(
                range(index + 1, index + 2 + heading_lines[index].source.count("\n"))
                if heading_lines[index].setext
                else ()
            )
        target.append(changed)
        where.append(index)
    return out, origin


def _day_heading_line(
    lines: list[str], index: int, edited: str, heading: Heading, new: tuple[int, str | None, str | None]
) -> str:
    """The day heading as written: kept (levels shifted) or rewritten, with its links' edits."""
    level, text, title = new
    if text is None and not heading.setext:
        return edited
    last = lines[index + heading.source.count("\n") + 1] if heading.setext else edited
    ending = last[len(last.rstrip("\r\n")) :]
    if text is None:
        return "#" * level + " " + heading.source.replace("\n", " ").strip() + ending
    if title and not heading.setext:
        match = ATX_RE.match(edited)
        content = edited[match.end() :] if match else edited
        fresh = read_day_heading(re.sub(r"[ \t]+#+[ \t]*$", "", content.rstrip("\r\n")))
        if fresh is not None and fresh.title:
            text = text.replace(title, fresh.title)
    return "#" * level + " " + text + ending


def _anchor_map(
    doc: Document, texts: dict[str, list[str]], origin: dict[str, list[int | None]]
) -> dict[str, tuple[str, str]]:
    """Source heading anchor -> (file, anchor) where that heading now lives."""
    source_anchor = {h.line - 1: h.anchor for h in doc.headings}
    anchors: dict[str, tuple[str, str]] = {}
    for path, lines in texts.items():
        written = parse_document("".join(lines).replace("\r\n", "\n").replace("\r", "\n"), headings_only=True)
        for heading in written.headings:
            source_line = origin[path][heading.line - 1]
            if source_line is not None and source_line in source_anchor:
                anchors[source_anchor[source_line]] = (path, heading.anchor)
    return anchors


def _restore_front_matter(path: str, text: str, log_dir: str) -> str:
    """An exported entry's front matter goes back to the top of its file."""
    return text if path == f"{log_dir}/{BACKLOG_NAME}" else to_entry(text)


def split_log(
    text: str,
    style: str,
    source_dir: str,
    log_dir: str,
    *,
    order: DateOrder | None = None,
    year: int | None = None,
) -> SplitLog:
    """Split a single-file log; ``source_dir`` is where it lived, relative to the repo root."""
    doc = parse_document(text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = source_lines(text)
    split = SplitLog(headings=[(h.line, h.level, h.text) for h in doc.headings])
    reads = _read_headings(doc, order, year, split.notes)
    sections = _sections(doc, reads, len(lines))
    split.blocking = [f"line {s.heading.line}: {s.read.reason}" for s in sections if s.read.kind == "ambiguous"]
    layout = _layout(sections, len(lines), style, log_dir, split)
    split.leftovers = _leftovers(doc, sections, layout.owners)
    first, origin = _assemble(lines, doc, layout, _link_edits(doc, layout.owners, source_dir, log_dir, {}), log_dir)
    anchors = _anchor_map(doc, first, origin)
    edits = _link_edits(doc, layout.owners, source_dir, log_dir, anchors)
    texts, _ = _assemble(lines, doc, layout, edits, log_dir)
    split.files = {path: _restore_front_matter(path, "".join(chunk), log_dir) for path, chunk in texts.items()}
    split.backlog_chunks = [
        "".join(_write_line(lines[i], edits.get(i, []), 0) for i in range(x.line - 1, x.end)) for x in split.leftovers
    ]
    _order_notes(split)
    return split


def _order_notes(split: SplitLog) -> None:
    days = [p.day for p in split.placed if p.part == 1]
    if days != sorted(days):
        split.notes.append("dated sections are not in date order; export writes them by date")
    first_day = min((p.line for p in split.placed), default=0)
    if any(x.line > first_day and not x.problem for x in split.leftovers if x.what):
        split.notes.append("non-dated sections sit between dated ones; export writes them last")
