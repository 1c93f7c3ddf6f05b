"""The structure check's core: each entry is validated into the Pydantic models of
:mod:`learnlog.model`, and each ``ValidationError`` becomes a diagnostic at its line and column.

The models say what an entry *is* (front matter of known keys with tags that are words, a real
heading date equal to the file name's, a title, topics); the rules in :mod:`learnlog.check.rules`
say what a Markdown shape a model cannot express must look like.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePosixPath
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from learnlog.codes import CODES
from learnlog.config import Config
from learnlog.dates import date_from_entry_name, read_date_heading
from learnlog.diagnostics import Diagnostic
from learnlog.markdown import Document, Heading
from learnlog.markdown.frontmatter import FrontMatterError, read_front_matter
from learnlog.model import Backlog, Entry, FrontMatter, Topic

_FRONT_MATTER_KEYS = ", ".join(sorted(FrontMatter.model_fields))


def build_topics(doc: Document) -> tuple[Topic, ...]:
    """Each H2-or-deeper heading with the links and tasks up to the next heading of its level."""
    headings = [h for h in doc.headings if h.level >= 2]
    last_line = len(doc.line_starts) + 1
    topics = []
    for index, heading in enumerate(headings):
        stop = next((later.line for later in headings[index + 1 :] if later.level <= heading.level), last_line)
        topics.append(
            Topic(
                title=heading.text.strip(),
                url=heading.link_url,
                level=heading.level,
                line=heading.line,
                anchor=heading.anchor,
                links=tuple(s.link for s in doc.links if heading.line <= s.link.line < stop),
                tasks=tuple(t for t in doc.tasks if heading.line <= t.line < stop),
            )
        )
    return tuple(topics)


def build_backlog(doc: Document, rel_path: str) -> Backlog:
    """The backlog's topics, tasks and links (what the weekly summaries list as open)."""
    return Backlog(
        path=rel_path, topics=build_topics(doc), tasks=tuple(doc.tasks), links=tuple(s.link for s in doc.links)
    )


def _key_line(doc: Document, key: str) -> int:
    assert doc.front_matter is not None
    for offset, raw in enumerate(doc.front_matter.text.split("\n")):
        if raw.startswith(f"{key}:"):
            return doc.front_matter.start_line + 1 + offset
    return doc.front_matter.start_line


def _front_matter_message(error: ErrorDetails) -> str:
    key = str(error["loc"][0]) if error["loc"] else ""
    if error["type"] == "extra_forbidden":
        return f"unknown front matter key {key!r} (valid keys: {_FRONT_MATTER_KEYS})"
    if error["type"] in CODES:
        return error["msg"]
    if len(error["loc"]) > 1:
        return f"tag {error['input']!r} is not a word; tags look like 'tags: [llm, fine-tuning]'"
    return f"{key!r} must be a list of words, like 'tags: [llm, fine-tuning]'"


def read_tags(doc: Document, shown: str, config: Config) -> tuple[tuple[str, ...], list[Diagnostic]]:
    """The front matter's tags, validated by :class:`FrontMatter`, and what is wrong with it."""
    front = doc.front_matter
    if front is None:
        return (), []
    data = read_front_matter(front.text)
    if isinstance(data, FrontMatterError):
        line, col = front.start_line + 1 + data.line, data.col + 1
        return (), [Diagnostic(shown, line, col, "LL110", f"front matter is not valid YAML: {data.message}")]
    if data is None:
        return (), []
    if not isinstance(data, dict):
        return (), [
            Diagnostic(shown, front.start_line, 1, "LL110", "front matter must be a mapping like 'tags: [llm]'")
        ]
    context = {"vocabulary": config.tags}
    try:
        return FrontMatter.model_validate(data, context=context).tags, []
    except ValidationError as exc:
        found = []
        for error in exc.errors():
            code = error["type"] if error["type"] in CODES else "LL110"
            line = _key_line(doc, str(error["loc"][0])) if error["loc"] else front.start_line
            found.append(Diagnostic(shown, line, 1, code, _front_matter_message(error)))
        return (), found


def first_h1(doc: Document) -> Heading | None:
    return next((h for h in doc.headings if h.level == 1), None)


def _entry_data(doc: Document, rel_path: str, h1: Heading, tags: Iterable[str], config: Config) -> dict[str, Any]:
    heading = read_date_heading(h1.text, config.date_style)
    return {
        "date": heading.date_text.strip(),
        "title": heading.title,
        "tags": tuple(tags),
        "topics": build_topics(doc),
        "tasks": tuple(doc.tasks),
        "links": tuple(s.link for s in doc.links),
        "path": rel_path,
        "heading_line": h1.line,
        "end_line": max(1, len(doc.line_starts)),
    }


def validate_entry(doc: Document, shown: str, rel_path: str, config: Config) -> tuple[Entry | None, list[Diagnostic]]:
    """The :class:`Entry` a dated file describes, or the diagnostics that say why it is not one.

    An entry without an H1 is the LL101 rule's to report; it yields no entry and no diagnostic.
    """
    tags, found = read_tags(doc, shown, config)
    h1 = first_h1(doc)
    if h1 is None:
        return None, found
    named = date_from_entry_name(PurePosixPath(rel_path).name)
    context = {"style": config.date_style, "file_date": named.value if named else None}
    try:
        entry = Entry.model_validate(_entry_data(doc, rel_path, h1, tags, config), context=context)
    except ValidationError as exc:
        for error in exc.errors():
            code = error["type"] if error["type"] in CODES else "LL103"
            found.append(Diagnostic(shown, h1.line, h1.col, code, error["msg"]))
        return None, found
    return (entry if not found else None), found
