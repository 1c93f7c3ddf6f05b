"""What one parse of a Markdown file yields: headings, links, tasks and the ranges that are not
prose, each with 1-based lines and columns. Plain dataclasses, no parser: rules and repairs read
these without importing markdown-it."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from learnlog.model import Link, Task

_NEWLINE_RE = re.compile("\n")


@dataclass(frozen=True)
class Heading:
    """A heading as parsed: ``text`` is its rendered text (what anchors are made from)."""

    level: int
    text: str
    source: str
    line: int
    col: int
    setext: bool
    anchor: str
    link_url: str | None = None


@dataclass(frozen=True)
class SourceLink:
    """A link plus where its destination sits in the source (absolute offsets), if known."""

    link: Link
    dest_start: int | None = None
    dest_end: int | None = None
    span_end: int = field(default=0, compare=False, repr=False)


@dataclass(frozen=True)
class FrontMatter:
    text: str
    start_line: int
    end_line: int


@dataclass
class Document:
    """The parse of one Markdown text, with 1-based lines and columns."""

    text: str
    line_starts: list[int]
    front_matter: FrontMatter | None = None
    headings: list[Heading] = field(default_factory=list)
    links: list[SourceLink] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    html_anchors: set[str] = field(default_factory=set)
    protected: list[tuple[int, int]] = field(default_factory=list)
    content_blocks: list[tuple[str, int]] = field(default_factory=list)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, col) of an absolute character offset."""
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def anchors(self) -> set[str]:
        return {h.anchor for h in self.headings} | self.html_anchors


def line_starts(text: str) -> list[int]:
    """Offsets where each line starts (line 1 at offset 0)."""
    return [0, *(match.end() for match in _NEWLINE_RE.finditer(text))]


def offset_of_line_end(starts: list[int], text: str, line_index: int) -> int:
    if line_index + 1 < len(starts):
        return starts[line_index + 1]
    return len(text)


def prose_ranges(doc: Document) -> list[tuple[int, int]]:
    """Absolute ranges of the text that is prose: everything not code, HTML, a URL or front
    matter. The encoding fixer touches only these."""
    ranges = []
    cursor = 0
    for start, end in sorted(doc.protected):
        if start > cursor:
            ranges.append((cursor, start))
        cursor = max(cursor, end)
    if cursor < len(doc.text):
        ranges.append((cursor, len(doc.text)))
    return ranges
