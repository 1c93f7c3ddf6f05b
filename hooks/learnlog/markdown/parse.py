"""Markdown in, a :class:`~learnlog.markdown.document.Document` out.

Everything learnlog knows about a file comes from the CommonMark + GFM parse, never from
regexes over raw Markdown: a ``#`` in a fenced block is not a heading and a link in a code span
is not a link. The parser is instrumented (:mod:`learnlog.markdown.instrument`) so every link
and every non-prose range carries its exact source position.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from learnlog.markdown.anchors import Slugger
from learnlog.markdown.document import Document, FrontMatter, Heading, SourceLink, line_starts, offset_of_line_end
from learnlog.markdown.instrument import markdown_parser
from learnlog.model import Link, LinkKind, Task

if TYPE_CHECKING:
    from markdown_it.token import Token

_TASK_RE = re.compile(r"\[( |x|X)\]\s")
_TODO_MARKER = "[TODO]"
_HTML_ATTR_RE = re.compile(
    r"""\b(?P<name>href|src|id|name)\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"'=<>`]+))""",
    re.IGNORECASE,
)
_PROTECTED_INLINE = frozenset({"link", "image", "backticks", "autolink", "html_inline", "linkify", "entity", "escape"})
_GFM_AUTOLINK_RE = re.compile(r"(?i)[a-z][a-z0-9+.-]*://|www\.|mailto:|[^\s@]+@")
_CODE_BLOCKS = frozenset({"fence", "code_block", "html_block"})


@dataclass
class _InlineMap:
    """Maps offsets in an inline token's content back to absolute source offsets."""

    origins: list[int]
    line_offsets: list[int]

    def absolute(self, pos: int) -> int:
        index = bisect.bisect_right(self.line_offsets, pos) - 1
        return self.origins[index] + (pos - self.line_offsets[index])


def _inline_map(content: str, first_line: int, doc_lines: Sequence[str], starts: list[int]) -> _InlineMap:
    origins: list[int] = []
    offsets: list[int] = []
    pos = 0
    for i, piece in enumerate(content.split("\n")):
        line_no = min(first_line + i, len(doc_lines) - 1)
        src = doc_lines[line_no]
        if piece and src.endswith(piece):
            col = len(src) - len(piece)
        else:
            col = max(src.find(piece), 0) if piece else len(src)
        origins.append(starts[line_no] + col)
        offsets.append(pos)
        pos += len(piece) + 1
    return _InlineMap(origins, offsets)


def _rendered_text(children: Sequence[Token]) -> str:
    parts = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def _heading_link(children: Sequence[Token]) -> str | None:
    """The URL when a heading is one link and nothing else (``## [Talk](https://...)``)."""
    meaningful = [c for c in children if not (c.type == "text" and not c.content.strip())]
    if (
        len(meaningful) >= 2
        and meaningful[0].type == "link_open"
        and meaningful[-1].type == "link_close"
        and sum(1 for c in meaningful if c.type == "link_open") == 1
    ):
        return str(meaningful[0].attrs.get("href", ""))
    return None


def _html_links(
    html: str, base: int, doc: Document, kind_line: Callable[[int], tuple[int, int]]
) -> Iterator[SourceLink]:
    if html.lstrip().startswith("<!--"):
        return
    for match in _HTML_ATTR_RE.finditer(html):
        value = match["dq"] if match["dq"] is not None else match["sq"] or match["bare"] or ""
        group = "dq" if match["dq"] is not None else "sq" if match["sq"] is not None else "bare"
        name = match["name"].lower()
        if name in ("id", "name"):
            doc.html_anchors.add(value)
            continue
        start = base + match.start(group)
        line, col = kind_line(start)
        link = Link(target=_decode_html_entities(value), line=line, col=col, kind=LinkKind.HTML)
        yield SourceLink(link, start, start + len(value))


def _decode_html_entities(value: str) -> str:
    import html

    return html.unescape(value)


def _definition_destination(block: str) -> tuple[int, int] | None:
    """Where a definition's destination sits in its block: after ``]:``, spaces and at most
    one line break (``[label]:`` may end its line)."""
    from markdown_it.helpers import parseLinkDestination

    index = block.find("]:")
    if index < 0:
        return None
    pos = index + 2
    while pos < len(block) and block[pos] in " \t":
        pos += 1
    if block.startswith("\n", pos):
        pos += 1
        while pos < len(block) and block[pos] in " \t":
            pos += 1
    result = parseLinkDestination(block, pos, len(block))
    if not result.ok:
        return None
    start, end = pos, result.pos
    if block.startswith("<", start):
        start, end = start + 1, end - 1
    return start, end


def _link_kind(child: Token, raw: str, children: Sequence[Token], index: int, target: str) -> tuple[LinkKind, str]:
    if child.type == "image":
        return LinkKind.IMAGE, child.content
    if child.markup == "linkify":
        return LinkKind.BARE_URL, target
    if child.markup == "autolink":
        return LinkKind.AUTOLINK, target
    kind = LinkKind.INLINE if raw.endswith(")") else LinkKind.REFERENCE
    return kind, _rendered_text(_until_close(children, index + 1))


def _destination(
    kind: LinkKind, child: Token, span: tuple[int, int], raw: str, imap: _InlineMap
) -> tuple[int, int] | None:
    """Absolute source offsets of a link's destination, where the parse recorded them."""
    found = child.meta.get("destination")
    if kind in (LinkKind.INLINE, LinkKind.IMAGE) and found:
        return imap.absolute(found[0]), imap.absolute(found[0]) + found[1] - found[0]
    if kind is LinkKind.AUTOLINK:
        return imap.absolute(span[0] + 1), imap.absolute(span[0] + 1) + len(raw) - 2
    if kind is LinkKind.BARE_URL:
        return imap.absolute(span[0]), imap.absolute(span[0]) + len(raw)
    return None


def _source_link(
    doc: Document, children: Sequence[Token], index: int, content: str, imap: _InlineMap, cursor: int
) -> SourceLink:
    """One link or image; ``cursor`` is where the previous link ended (a link made by the core
    linkify rule is searched for from there, so repeated text is found in order, in linear time)."""
    child = children[index]
    span = child.meta.get("span") if child.meta else None
    target = str(child.attrs.get("href" if child.type == "link_open" else "src", ""))
    if span is None and index + 1 < len(children):
        # links made by the core linkify rule (``www.``) carry no span: find their text
        found_at = content.find(children[index + 1].content, cursor)
        if found_at >= 0:
            span = (found_at, found_at + len(children[index + 1].content))
    line, col = doc.position(imap.absolute(span[0]) if span else imap.absolute(0))
    raw = content[span[0] : span[1]] if span else ""
    kind, text = _link_kind(child, raw, children, index, target)
    dest = _destination(kind, child, span, raw, imap) if span else None
    title = child.attrs.get("title")
    link = Link.model_construct(
        target=target, text=text, line=line, col=col, kind=kind, title=str(title) if title is not None else None
    )
    start, end = dest if dest else (None, None)
    return SourceLink(link, start, end, span_end=span[1] if span else cursor)


def _todo_task(doc: Document, content: str, imap: _InlineMap) -> Task:
    """A ``[TODO]`` marker: the task is the rest of its line, as written (Markdown source, like
    a ``- [ ]`` item's text)."""
    at = content.find(_TODO_MARKER)
    rest = content[at + len(_TODO_MARKER) :].split("\n", 1)[0].strip() if at >= 0 else ""
    line = doc.position(imap.absolute(max(at, 0)))[0]
    return Task.model_construct(text=rest or "TODO", done=False, line=line)


def _linked_on_github(child: Token, children: Sequence[Token], index: int) -> bool:
    """GitHub links a bare address only with a scheme, ``www.`` or an ``@`` (GFM's autolink
    extension); linkify's fuzzy links also take ``README.md`` or ``notes.md`` (``.md`` is
    Moldova's domain), which are file names in prose, not links."""
    if child.markup != "linkify" or index + 1 >= len(children):
        return True
    return _GFM_AUTOLINK_RE.match(children[index + 1].content) is not None


def _collect_inline(doc: Document, token: Token, imap: _InlineMap, spans: list[tuple[str, int, int]]) -> None:
    for name, start, end in spans:
        if name in _PROTECTED_INLINE:
            doc.protected.append((imap.absolute(start), imap.absolute(max(start, end - 1)) + 1))
    children = token.children or []
    cursor = 0
    for index, child in enumerate(children):
        if child.type in ("link_open", "image"):
            if not _linked_on_github(child, children, index):
                continue
            source = _source_link(doc, children, index, token.content, imap, cursor)
            cursor = source.span_end
            doc.links.append(source)
        elif child.type == "html_inline" and child.meta and child.meta.get("span"):
            base = imap.absolute(child.meta["span"][0])
            doc.links.extend(_html_links(child.content, base, doc, doc.position))
        elif child.type == "text" and _TODO_MARKER in child.content:
            doc.tasks.append(_todo_task(doc, token.content, imap))


def _until_close(children: Sequence[Token], start: int) -> list[Token]:
    """The tokens of one link's text (no slice of the rest: that made a paragraph of many
    links quadratic)."""
    depth = 1
    out = []
    for index in range(start, len(children)):
        child = children[index]
        if child.type == "link_open":
            depth += 1
        elif child.type == "link_close":
            depth -= 1
            if depth == 0:
                break
        out.append(child)
    return out


class _Walker:
    """One pass over markdown-it's block tokens, filling a :class:`Document`."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.lines = doc.text.split("\n")
        self.slugger = Slugger()
        self.depth = 0
        self.pending_heading: Token | None = None
        self.list_item_line: int | None = None

    def block_range(self, token_map: list[int]) -> tuple[int, int]:
        starts = self.doc.line_starts
        return starts[token_map[0]], offset_of_line_end(starts, self.doc.text, token_map[1] - 1)

    def block(self, token: Token) -> None:
        """Front matter, code and HTML blocks, top-level content, headings and list items."""
        doc = self.doc
        if token.type == "front_matter" and token.map:
            doc.front_matter = FrontMatter(token.content, token.map[0] + 1, token.map[1])
            doc.protected.append(self.block_range(token.map))
            return
        if token.type in _CODE_BLOCKS and token.map:
            start, end = self.block_range(token.map)
            doc.protected.append((start, end))
            if token.type == "html_block":
                doc.links.extend(_html_links(token.content, start, doc, doc.position))
        if self.depth == 0 and token.nesting >= 0 and token.map:
            doc.content_blocks.append((token.type, token.map[0] + 1))
        if token.type == "heading_open":
            self.pending_heading = token
        if token.type == "list_item_open" and token.map:
            self.list_item_line = token.map[0]
        self.depth += token.nesting

    def inline(self, token: Token, previous: Token | None) -> None:
        assert token.map is not None
        imap = _inline_map(token.content, token.map[0], self.lines, self.doc.line_starts)
        _collect_inline(self.doc, token, imap, token.meta.get("spans", []))
        heading = self.pending_heading
        if heading is not None and previous is heading:
            self.heading(heading, token, imap)
            self.pending_heading = None
        elif self.list_item_line is not None and token.map[0] == self.list_item_line:
            match = _TASK_RE.match(token.content)
            if match:
                task_text = token.content[match.end() :].split("\n", 1)[0].strip()
                done = match.group(1) != " "
                self.doc.tasks.append(Task.model_construct(text=task_text, done=done, line=token.map[0] + 1))
            self.list_item_line = None

    def heading(self, opening: Token, token: Token, imap: _InlineMap) -> None:
        children = token.children or []
        rendered = _rendered_text(children)
        line, col = self.doc.position(imap.absolute(0))
        self.doc.headings.append(
            Heading(
                level=int(opening.tag[1]),
                text=rendered,
                source=token.content,
                line=opening.map[0] + 1 if opening.map else line,
                col=col,
                setext=opening.markup in ("=", "-"),
                anchor=self.slugger.slug(rendered),
                link_url=_heading_link(children),
            )
        )

    def definitions(self, references: dict[str, Any]) -> None:
        """Reference definitions (``[label]: url``) are links too, checked where they are written."""
        doc = self.doc
        starts = doc.line_starts
        for label, ref in references.items():
            ref_map = ref.get("map")
            if not ref_map:
                continue
            first = ref_map[0]
            dest = _definition_destination("\n".join(self.lines[first : ref_map[1]]))
            offset = starts[first] + (dest[0] if dest else 0)
            line, col = doc.position(offset)
            link = Link.model_construct(
                target=str(ref["href"]), text=label, line=line, col=col, kind=LinkKind.DEFINITION, title=None
            )
            doc.links.append(SourceLink(link, offset if dest else None, starts[first] + dest[1] if dest else None))
            doc.protected.append(self.block_range(ref_map))


def parse_document(text: str, *, headings_only: bool = False) -> Document:
    """Parse Markdown (LF line endings expected) into a :class:`Document`. ``headings_only``
    skips the inline parse of everything but headings: the headings and their anchors are
    complete, links and tasks are not collected."""
    env: dict[str, Any] = {"headings_only": headings_only}
    doc = Document(text=text, line_starts=line_starts(text))
    tokens = markdown_parser().parse(text, env)
    walker = _Walker(doc)
    previous: Token | None = None
    for token in tokens:
        if token.type == "inline" and token.map:
            walker.inline(token, previous)
        else:
            walker.block(token)
        previous = token
    walker.definitions(env.get("references", {}))
    doc.links.sort(key=lambda s: (s.link.line, s.link.col))
    doc.tasks.sort(key=lambda t: t.line)
    doc.protected.sort()
    return doc
