"""Prototype: learnlog's ``Document`` built from a markdown_it_pyrs (markdown-it.rs) tree.

Only for the parser comparison (bench/parser_compare.py); learnlog does not use it. It builds
the same facts as ``learnlog.markdown.parse_document``: front matter, headings with GitHub
anchors (``learnlog.markdown.anchors.Slugger``), links with line/col and destination offsets, tasks,
HTML ids, and the protected (non-prose) ranges.

What markdown-it.rs gives and what this file has to make up for:

- every node has a ``srcmap``: (start, end) *byte* offsets of its source (UTF-8), inline nodes
  included. learnlog works in character offsets, so they are converted (``_Offsets``).
- a link or image node has its ``url`` and ``title`` (meta) and its whole source span, but not
  where its label ends nor where its destination sits: the destination is found again by a
  small scan of the link's own source (``_destination_after_label``), as learnlog did before
  it recorded markdown-it-py's own parse.
- a reference definition is a ``definition`` node (raw label, destination, title, srcmap);
  duplicates are all kept, so the first of each normalised label wins here, as in markdown-it.
- ``linkify`` (Rust ``linkify`` crate) links only scheme URLs; ``autolink_ext`` is GFM's
  extended autolinks (``www.``, e-mail, scheme) and yields ``autolink`` nodes like ``<url>``,
  told apart here by the ``<``.
- ``tasklist`` yields a ``todo_checkbox`` node (no srcmap) as the list item's first child.
- tight list items have no ``paragraph`` node: their inline nodes sit in the ``list_item``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from learnlog.markdown.anchors import Slugger
from learnlog.markdown.document import Document, FrontMatter, Heading, SourceLink
from learnlog.markdown.document import line_starts as _line_starts
from learnlog.markdown.parse import _TODO_MARKER, _html_links
from learnlog.model import Link, LinkKind, Task

BASE_PLUGINS = ["table", "strikethrough", "front_matter", "tasklist"]
_LIST_TASK_RE = re.compile(r"[ \t]*(?:[-+*]|[0-9]{1,9}[.)])[ \t]*\[( |x|X)\][ \t]")
_INLINE_CONTAINERS = frozenset({"paragraph", "heading", "lheading", "tcell", "list_item"})
_BLOCKS_PROTECTED = frozenset({"fence", "code_block", "html_block", "front_matter", "definition"})
_INLINE_PROTECTED = frozenset({"code_inline", "autolink", "linkify", "html_inline", "image"})


@lru_cache(maxsize=4)
def pyrs_parser(bare_urls: str = "autolink_ext") -> Any:
    """CommonMark + table, strikethrough, front matter, task lists, and bare URLs through
    ``autolink_ext`` (GFM) or ``linkify`` (scheme URLs only)."""
    from markdown_it_pyrs import MarkdownIt

    return MarkdownIt("commonmark").enable_many([*BASE_PLUGINS, bare_urls])


class _Offsets:
    """UTF-8 byte offsets (markdown-it.rs) to character offsets (learnlog)."""

    def __init__(self, text: str, line_starts: list[int]) -> None:
        self.ascii = text.isascii()
        if self.ascii:
            return
        self.data = text.encode("utf-8")
        self.char_starts = line_starts
        self.byte_starts = [0]
        for match in re.finditer(b"\n", self.data):
            self.byte_starts.append(match.end())

    def char(self, byte: int) -> int:
        if self.ascii:
            return byte
        index = bisect.bisect_right(self.byte_starts, byte) - 1
        start = self.byte_starts[index]
        return self.char_starts[index] + len(self.data[start:byte].decode("utf-8", errors="replace"))


def _line_end(doc: Document, offset: int) -> int:
    """Offset just past the newline of the line holding ``offset`` (or the text's end)."""
    index = bisect.bisect_right(doc.line_starts, offset) - 1
    return doc.line_starts[index + 1] if index + 1 < len(doc.line_starts) else len(doc.text)


def _line_start(doc: Document, offset: int) -> int:
    return doc.line_starts[bisect.bisect_right(doc.line_starts, offset) - 1]


def _rendered(node: Any) -> str:
    """What markdown-it-py's text tokens hold (images' alt text left out, as learnlog does)."""
    parts = []
    for child in node.children:
        name = child.name
        if name in ("text", "text_special"):
            parts.append(child.meta.get("content", ""))
        elif name in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif name != "image":
            parts.append(_rendered(child))
    return "".join(parts)


def _destination_after_label(text: str, label_end: int, end: int) -> tuple[int, int] | None:
    """The destination of ``[label](dest ...)`` when ``text[label_end]`` is the label's ``]``:
    (start, end) without ``<>``, as CommonMark's link destination rule reads it."""
    if not text.startswith("](", label_end):
        return None
    pos = label_end + 2
    while pos < end and text[pos] in " \t\n":
        pos += 1
    if pos < end and text[pos] == "<":
        close = pos + 1
        while close < end and text[close] not in ">\n<":
            close += 2 if text[close] == "\\" else 1
        return (pos + 1, close) if close < end and text[close] == ">" else None
    start, level = pos, 0
    while pos < end:
        char = text[pos]
        if char == "\\" and pos + 1 < end:
            pos += 2
            continue
        if char == "(":
            level += 1
        elif char == ")":
            if level == 0:
                break
            level -= 1
        elif char in " \t\n" or ord(char) < 0x20:
            break
        pos += 1
    return start, pos


def _label_end(text: str, node_start: int, node: Any, conv: _Offsets, opener: int) -> int:
    """Character offset of the ``]`` that closes a link's or image's label."""
    end = node_start + opener
    for child in node.children:
        if child.srcmap:
            end = max(end, conv.char(child.srcmap[1]))
    close = text.find("]", end)
    return close if close >= 0 else end


def _normal_label(label: str) -> str:
    return " ".join(label.split()).lower().upper()


def _definition_destination(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Destination of a reference definition ``[label]: dest`` in text[start:end]."""
    pos = start + 1
    while pos < end:
        if text[pos] == "\\":
            pos += 2
            continue
        if text[pos] == "]":
            break
        pos += 1
    if not text.startswith("]:", pos):
        return None
    pos += 2
    while pos < end and text[pos] in " \t\n":
        pos += 1
    if pos < end and text[pos] == "<":
        close = text.find(">", pos)
        return (pos + 1, close) if 0 <= close < end else None
    stop = pos
    while stop < end and text[stop] not in " \t\n":
        stop += 1
    return pos, stop


class _Builder:
    def __init__(self, text: str) -> None:
        starts = _line_starts(text)
        self.text = text
        self.doc = Document(text=text, line_starts=starts)
        self.conv = _Offsets(text, starts)
        self.slugger = Slugger()
        self.definitions: set[str] = set()

    def span(self, node: Any) -> tuple[int, int]:
        start, end = node.srcmap
        return self.conv.char(start), self.conv.char(end)

    def walk(self, node: Any, block_start: int | None) -> None:
        doc = self.doc
        name = node.name
        if name in _BLOCKS_PROTECTED and node.srcmap:
            self.block(node)
            return
        if name in _INLINE_CONTAINERS:
            first = next((c for c in node.children if c.srcmap and c.name != "todo_checkbox"), None)
            block_start = self.span(first)[0] if first is not None else block_start
        if name in ("heading", "lheading"):
            self.heading(node)
        elif name == "list_item" and node.children and node.children[0].name == "todo_checkbox":
            self.task(node)
        elif name in ("link", "image", "autolink", "linkify") and node.srcmap:
            self.link(node)
        elif name == "html_inline" and node.srcmap:
            start, end = self.span(node)
            doc.protected.append((start, end))
            doc.links.extend(_html_links(node.meta.get("content", ""), start, doc, doc.position))
        elif name == "text_special" and node.srcmap and node.meta.get("info") in ("entity", "escape"):
            doc.protected.append(self.span(node))
        elif name == "code_inline" and node.srcmap:
            doc.protected.append(self.span(node))
            return
        if name in ("autolink", "linkify", "image"):
            # markdown-it-py keeps an image's alt inside the image token: learnlog sees no
            # link, task or text in it (the alt is plain text in HTML too)
            return
        pending = ""
        for child in node.children:
            if child.name in ("text", "text_special"):
                pending += child.meta.get("content", "")
            else:
                self.todo(pending, block_start)
                pending = ""
            self.walk(child, block_start)
        self.todo(pending, block_start)

    def todo(self, content: str, block_start: int | None) -> None:
        if _TODO_MARKER in content and block_start is not None:
            rest = content.split(_TODO_MARKER, 1)[1].strip()
            self.doc.tasks.append(Task(text=rest or "TODO", done=False, line=self.doc.position(block_start)[0]))

    def block(self, node: Any) -> None:
        doc = self.doc
        start, end = self.span(node)
        line_start = _line_start(doc, start)
        range_end = _line_end(doc, max(start, end - 1))
        if node.name == "definition":
            label = _normal_label(node.meta.get("label", ""))
            if label in self.definitions:
                return
            self.definitions.add(label)
            dest = _definition_destination(self.text, start, end)
            offset = dest[0] if dest else line_start
            line, col = doc.position(offset)
            target = node.meta.get("destination", "")
            link = Link(target=target, text=label, line=line, col=col, kind=LinkKind.DEFINITION)
            doc.links.append(SourceLink(link, *(dest or (None, None))))
            doc.protected.append((line_start, range_end))
            return
        doc.protected.append((line_start, range_end))
        if node.name == "front_matter":
            doc.front_matter = FrontMatter(
                node.meta.get("content", ""), doc.position(start)[0], doc.position(max(start, end - 1))[0]
            )
        elif node.name == "html_block":
            doc.links.extend(_html_links(node.meta.get("content", ""), line_start, doc, doc.position))

    def heading(self, node: Any) -> None:
        doc = self.doc
        children = node.children
        rendered = _rendered(node)
        start = self.span(node)[0]
        spans = [self.span(c) for c in children if c.srcmap]
        content_start = spans[0][0] if spans else start
        source = self.text[content_start : spans[-1][1]] if spans else ""
        meaningful = [c for c in children if not (c.name == "text" and not c.meta.get("content", "").strip())]
        link_url = meaningful[0].meta.get("url") if len(meaningful) == 1 and meaningful[0].name == "link" else None
        doc.headings.append(
            Heading(
                level=int(node.meta.get("level", 1)),
                text=rendered,
                source=source,
                line=doc.position(start)[0],
                col=doc.position(content_start)[1],
                setext=node.name == "lheading",
                anchor=self.slugger.slug(rendered),
                link_url=link_url,
            )
        )

    def task(self, node: Any) -> None:
        start, _ = self.span(node)
        line_text = self.text[start : _line_end(self.doc, start)].rstrip("\n")
        match = _LIST_TASK_RE.match(line_text)
        text = line_text[match.end() :].strip() if match else ""
        done = bool(node.children[0].meta.get("checked"))
        self.doc.tasks.append(Task(text=text, done=done, line=self.doc.position(start)[0]))

    def link(self, node: Any) -> None:
        doc, text = self.doc, self.text
        start, end = self.span(node)
        target = node.meta.get("url", "")
        title = node.meta.get("title")
        dest: tuple[int, int] | None = None
        if node.name == "autolink" and text.startswith("<", start):
            kind, label = LinkKind.AUTOLINK, target
            dest = (start + 1, end - 1)
            doc.protected.append((start, end))
        elif node.name in ("autolink", "linkify"):
            kind, label = LinkKind.BARE_URL, target
            dest = (start, end)
            doc.protected.append((start, end))
        else:
            opener = 2 if node.name == "image" else 1
            label_end = _label_end(text, start, node, self.conv, opener)
            if node.name == "image":
                kind, label = LinkKind.IMAGE, text[start + 2 : label_end]
                doc.protected.append((start, end))
            else:
                kind = LinkKind.INLINE if text[start:end].endswith(")") else LinkKind.REFERENCE
                label = _rendered(node)
                doc.protected.append((start, start + 1))
                doc.protected.append((label_end, end))
            if kind in (LinkKind.INLINE, LinkKind.IMAGE) and text[start:end].endswith(")"):
                dest = _destination_after_label(text, label_end, end)
        line, col = doc.position(start)
        link = Link(target=target, text=label, line=line, col=col, kind=kind, title=title)
        doc.links.append(SourceLink(link, *(dest or (None, None))))


def pyrs_document(text: str, bare_urls: str = "autolink_ext") -> Document:
    """The :class:`learnlog.markdown.Document` of ``text``, from markdown_it_pyrs."""
    builder = _Builder(text)
    tree = pyrs_parser(bare_urls).tree(text)
    builder.walk(tree, None)
    doc = builder.doc
    doc.links.sort(key=lambda s: (s.link.line, s.link.col))
    doc.tasks.sort(key=lambda t: t.line)
    doc.protected.sort()
    return doc


def iter_facts(doc: Document) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """The facts compared between the two parsers, one comparable tuple each."""
    if doc.front_matter:
        yield "front_matter", (doc.front_matter.start_line, doc.front_matter.end_line, doc.front_matter.text)
    for h in doc.headings:
        yield "heading", (h.line, h.col, h.level, h.setext, h.text, h.anchor, h.link_url)
    for s in doc.links:
        link = s.link
        yield "link", (link.line, link.col, link.kind.value, link.target, link.text, link.title)
        yield "link_dest", (link.line, link.col, s.dest_start, s.dest_end)
    for t in doc.tasks:
        yield "task", (t.line, t.done, t.text)
    for anchor in sorted(doc.html_anchors):
        yield "html_anchor", (anchor,)
