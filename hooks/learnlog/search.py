"""Finding entries by words, tag and date: pure matching over an entry's raw text.

Search reads text, not parsed entries: parsing 3650 files with markdown-it takes seconds,
while folding and scanning them takes a fraction of one. Words match case- and
accent-insensitively (``cafe`` finds ``Café``) as substrings of the folded text; every word must
occur somewhere in an entry, and each line holding one of them is a hit.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any

from learnlog.markdown.frontmatter import read_front_matter

_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(?P<body>.*?)(?:\n|\A)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_H1_RE = re.compile(r"^ {0,3}# ", re.MULTILINE)
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")


class _MarkStripper:
    """Deletes combining marks with one regex of the marks seen so far: Python's ``re`` has no
    ``\\p{M}``, and checking every character in Python is several times slower."""

    def __init__(self) -> None:
        self.seen: set[str] = set()
        self.marks: set[str] = set()
        self.pattern: re.Pattern[str] | None = None

    def __call__(self, text: str) -> str:
        chars = set(_NON_ASCII_RE.findall(text))
        new = chars - self.seen
        if new:
            self.seen |= new
            marks = {c for c in new if unicodedata.combining(c)}
            if marks:
                self.marks |= marks
                self.pattern = re.compile("[" + "".join(sorted(self.marks)) + "]")
        if self.pattern is None or chars.isdisjoint(self.marks):
            return text
        return self.pattern.sub("", text)


_strip_marks = _MarkStripper()


def fold(text: str) -> str:
    """Case- and accent-insensitive form: casefold, NFKD, combining marks dropped. Never adds or
    removes a newline, so folded lines line up with the original ones."""
    if text.isascii():
        return text.lower()
    return _strip_marks(unicodedata.normalize("NFKD", text.casefold()))


def front_matter_tags(text: str) -> tuple[str, ...]:
    """Tags from the front matter block alone (the same reading as a parsed entry's)."""
    match = _FRONT_MATTER_RE.match(text)
    if not match:
        return ()
    data = read_front_matter(match["body"])  # bounded: no aliases, no huge blocks
    tags = data.get("tags", ()) if isinstance(data, dict) else ()
    if isinstance(tags, str):
        return (tags,)
    if isinstance(tags, list):
        return tuple(str(t) for t in tags)
    return ()


@dataclass(frozen=True)
class Query:
    words: tuple[str, ...] = ()  # already folded
    tags: tuple[str, ...] = ()  # already folded; an entry needs all of them
    start: date | None = None
    end: date | None = None

    @classmethod
    def build(cls, text: str, tags: tuple[str, ...] = (), start: date | None = None, end: date | None = None) -> Query:
        return cls(tuple(dict.fromkeys(fold(text).split())), tuple(fold(t) for t in tags), start, end)

    def takes_day(self, day: date) -> bool:
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Hit:
    path: str
    day: date
    line: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "date": self.day.isoformat(), "line": self.line, "text": self.text}


def heading_line(lines: list[str]) -> int:
    """1-based line of the entry's H1 (where a match on tag or date alone points), else 1."""
    for number, line in enumerate(lines, start=1):
        if _H1_RE.match(line):
            return number
    return 1


def search_entry(path: str, day: date, text: str, query: Query) -> list[Hit]:
    """Hits in one entry, in line order; empty when the entry does not match."""
    if not query.takes_day(day):
        return []
    if query.tags:
        tags = {fold(t) for t in front_matter_tags(text)}
        if not all(t in tags for t in query.tags):
            return []
    lines = text.split("\n")
    if not query.words:
        number = heading_line(lines)
        return [Hit(path, day, number, lines[number - 1].strip())]
    folded = fold(text)
    if not all(word in folded for word in query.words):
        return []
    numbers = sorted({folded.count("\n", 0, at) + 1 for word in query.words for at in _occurrences(folded, word)})
    return [Hit(path, day, number, lines[number - 1].strip()) for number in numbers]


def _occurrences(text: str, word: str) -> list[int]:
    found, at = [], text.find(word)
    while at >= 0:
        found.append(at)
        at = text.find(word, at + len(word))
    return found


def newest_first(hits: list[Hit]) -> list[Hit]:
    return sorted(hits, key=lambda h: (-h.day.toordinal(), h.path, h.line))


def render_hits(hits: list[Hit]) -> str:
    return "".join(f"{h.path}:{h.line}: {h.text}\n" for h in hits)
