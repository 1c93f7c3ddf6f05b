"""What the link check needs from each Markdown file: its links with their positions, its
heading anchors and its explicit ``id``/``name`` anchors. They depend only on the file's bytes,
so :mod:`learnlog.cache` keeps them by content."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

from learnlog.markdown import Document
from learnlog.model import Link, LinkKind


class LinkFact(NamedTuple):
    """A link as the check needs it: the model's fields in a tuple (thousands are read from
    the cache on every run; building models for them was a third of a cached check)."""

    target: str
    text: str
    line: int
    col: int
    kind: LinkKind
    title: str | None

    @classmethod
    def of(cls, link: Link) -> LinkFact:
        return cls(link.target, link.text, link.line, link.col, link.kind, link.title)


@dataclass(frozen=True)
class FileFacts:
    """A file's links and anchors, as the link check uses them."""

    links: tuple[LinkFact, ...]
    headings: frozenset[str]
    explicit: frozenset[str]

    @classmethod
    def of(cls, doc: Document) -> FileFacts:
        return cls(
            tuple(LinkFact.of(source.link) for source in doc.links),
            frozenset(h.anchor for h in doc.headings),
            frozenset(doc.html_anchors),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "links": [[k.target, k.text, k.line, k.col, k.kind.value, k.title] for k in self.links],
            "headings": sorted(self.headings),
            "explicit": sorted(self.explicit),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FileFacts:
        links = tuple(LinkFact(t, x, ln, c, LinkKind(k), ti) for t, x, ln, c, k, ti in data["links"])
        return cls(links, frozenset(data["headings"]), frozenset(data["explicit"]))
