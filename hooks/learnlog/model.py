"""Pydantic models of a learning log: what an entry *is*, independent of any file or parser.

No I/O here: the parse builds links and tasks, :mod:`learnlog.check.validate` validates each
entry into an :class:`Entry` (the structure check *is* this validation), and the generators read
the models. Every model a diagnostic may point at carries a 1-based source line. Validation
errors that map to a diagnostic code are raised with that code as their error type.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError

from learnlog.dates import match_date_prefix

TAG_PATTERN = r"^\w[\w.+#/-]*$"


class LinkKind(StrEnum):
    INLINE = "inline"
    REFERENCE = "reference"
    DEFINITION = "definition"
    AUTOLINK = "autolink"
    BARE_URL = "bare_url"
    IMAGE = "image"
    HTML = "html"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


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


def _tags_as_list(value: Any) -> Any:
    """``tags: llm`` means one tag; ``tags:`` with nothing means none."""
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else value


Tag = Annotated[str, StringConstraints(pattern=TAG_PATTERN, max_length=64)]
Tags = Annotated[tuple[Tag, ...], BeforeValidator(_tags_as_list)]


class FrontMatter(_Frozen):
    """An entry's YAML front matter: only ``tags``, a list of words."""

    tags: Tags = ()

    @field_validator("tags")
    @classmethod
    def _in_vocabulary(cls, tags: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        vocabulary = (info.context or {}).get("vocabulary")
        for tag in tags:
            if vocabulary is not None and tag not in vocabulary:
                message = f"tag {tag!r} is not in tool.learnlog.tags ({', '.join(vocabulary)})"
                raise PydanticCustomError("LL111", "{message}", {"message": message})
        return tags


def _looks_iso(value: str, style: str) -> bool:
    return style != "iso" and match_date_prefix(value, "iso") is not None


def _heading_date(value: Any, info: ValidationInfo) -> Any:
    """Read the heading's date in the log's style (``Sep 9, 2024`` or ``2024-09-09``) when
    validating an entry's heading (the context names the style)."""
    style = (info.context or {}).get("style")
    if not isinstance(value, str) or style is None:
        return value  # data (JSON, an export): an ISO date, read by pydantic itself
    found = match_date_prefix(value, style)
    example = "Sep 9, 2024" if style == "mdy" else "2024-09-09"
    if found is None or found[1] != len(value):
        hint = ' (set date_style = "iso" in [tool.learnlog] for ISO dates)' if _looks_iso(value, style) else ""
        message = f"heading {value!r} does not start with a date like {example!r}{hint}"
        raise PydanticCustomError("LL103", "{message}", {"message": message})
    parsed, _ = found
    if parsed.value is None:
        raise PydanticCustomError("LL103", "{error}", {"error": parsed.error})
    return parsed.value


class Entry(_Frozen):
    """One day of the log: ``log/YYYY/YYYY-MM-DD.md``."""

    date: Annotated[dt.date, BeforeValidator(_heading_date)]
    title: str | None = None
    tags: Tags = ()
    topics: tuple[Topic, ...] = ()
    tasks: tuple[Task, ...] = ()
    links: tuple[Link, ...] = ()
    path: str
    heading_line: int = Field(ge=1)
    end_line: int = Field(ge=1)

    @field_validator("date")
    @classmethod
    def _matches_file_name(cls, day: dt.date, info: ValidationInfo) -> dt.date:
        named = (info.context or {}).get("file_date")
        if named is not None and named != day:
            raise PydanticCustomError(
                "LL104",
                "heading date {day} differs from the file name date {named}",
                {"day": day.isoformat(), "named": named.isoformat()},
            )
        return day

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
