"""Pydantic models of a learning log: what an entry *is*, independent of any file or parser.

No I/O here: parsing builds these, commands read them. Every model a diagnostic may point at
carries a 1-based source line.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum

from pydantic import BaseModel, ConfigDict, Field


class LinkKind(str, Enum):
    INLINE = "inline"
    REFERENCE = "reference"
    DEFINITION = "definition"
    AUTOLINK = "autolink"
    BARE_URL = "bare_url"
    IMAGE = "image"
    HTML = "html"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Link(_Frozen):
    """A link as written: ``target`` is the destination after Markdown unescaping."""

    target: str
    text: str = ""
    line: int = Field(ge=1)
    col: int = Field(ge=1)
    kind: LinkKind
    title: str | None = None


class Task(_Frozen):
    """A ``- [ ]`` / ``- [x]`` item or a ``[TODO]`` marker."""

    text: str
    done: bool
    line: int = Field(ge=1)


class Topic(_Frozen):
    """A section of an entry under an H2 (or deeper) heading."""

    title: str
    url: str | None = None
    level: int = Field(ge=2, le=6)
    line: int = Field(ge=1)
    anchor: str
    links: tuple[Link, ...] = ()
    tasks: tuple[Task, ...] = ()


class Entry(_Frozen):
    """One day of the log: ``log/YYYY/YYYY-MM-DD.md``."""

    date: dt.date
    title: str | None = None
    tags: tuple[str, ...] = ()
    topics: tuple[Topic, ...] = ()
    tasks: tuple[Task, ...] = ()
    links: tuple[Link, ...] = ()
    path: str
    heading_line: int = Field(ge=1)
    end_line: int = Field(ge=1)

    @property
    def display_title(self) -> str:
        """The title, or for an untitled day its topic titles (what a reader would call it)."""
        if self.title:
            return self.title
        names = [t.title for t in self.topics if t.level == 2]
        return "; ".join(names)


class Backlog(_Frozen):
    """Non-dated notes (``log/backlog.md``): the log's preamble and its TODO-like sections."""

    path: str
    topics: tuple[Topic, ...] = ()
    tasks: tuple[Task, ...] = ()
    links: tuple[Link, ...] = ()


class Log(_Frozen):
    """The whole log: entries by date and the backlog."""

    entries: dict[dt.date, Entry] = Field(default_factory=dict)
    backlog: Backlog | None = None

    def sorted_entries(self, *, newest_first: bool = False) -> list[Entry]:
        return sorted(self.entries.values(), key=lambda e: e.date, reverse=newest_first)
