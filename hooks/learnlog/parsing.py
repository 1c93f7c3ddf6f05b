"""Markdown in, structure out: the only module that imports markdown-it.

Everything learnlog knows about a file comes from the CommonMark + GFM parse, never from
regexes over raw Markdown: a ``#`` in a fenced block is not a heading and a link in a code span
is not a link. markdown-it gives block line numbers but no inline columns, so the inline rules
are wrapped to record the source span each rule consumed; that yields exact ``line:col`` for
links and the exact prose ranges the encoding fixer may touch.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from learnlog.anchors import Slugger
from learnlog.models import Link, LinkKind, Task

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore
    from markdown_it.rules_inline import StateInline
    from markdown_it.token import Token

_TASK_RE = re.compile(r"\[( |x|X)\]\s")
_TODO_MARKER = "[TODO]"
_HTML_ATTR_RE = re.compile(
    r"""\b(?P<name>href|src|id|name)\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"'=<>`]+))""",
    re.IGNORECASE,
)
_PERCENT_ESCAPE = r"%[0-9A-Fa-f]{2}"
_URL_REST = rf"(?:[/?#](?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#]|{_PERCENT_ESCAPE})*)?"
# URLs that markdown-it's normalizeLink returns unchanged: plain http(s) or relative, ASCII,
# already escaped, no user info. A test checks the claim against normalizeLink itself.
ALREADY_NORMAL_URL = re.compile(
    rf"(?:(?:[Hh][Tt][Tt][Pp][Ss]?:)?//[A-Za-z0-9.-]+(?::[0-9]{{1,5}})?|(?!//)(?:[A-Za-z0-9\-._~]|{_PERCENT_ESCAPE})*)"
    rf"{_URL_REST}\Z"
)
_STRUCTURAL_INLINE_RULES = (
    "backticks",
    "autolink",
    "html_inline",
    "entity",
    "escape",
    "linkify",
    "link",
    "image",
)


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


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for match in re.finditer("\n", text):
        starts.append(match.end())
    return starts


class _LinkPartsRecorder:
    """Stands in for ``md.helpers`` so the link and image rules' own parses of a label and a
    destination are recorded (``(start, end)`` in the inline source; a label's end is its
    ``]``, a destination's ``<>`` are excluded). Parsing them a second time to find where
    they sit would cost as much as the rules themselves."""

    def __init__(self) -> None:
        from markdown_it import helpers

        self.parseLinkTitle = helpers.parseLinkTitle
        self._parse_label = helpers.parseLinkLabel
        self._parse_destination = helpers.parseLinkDestination
        self.labels: list[tuple[int, int]] = []
        self.spans: list[tuple[int, int]] = []

    def parseLinkLabel(self, state: StateInline, start: int, disableNested: bool = False) -> int:
        end: int = self._parse_label(state, start, disableNested)
        self.labels.append((start, end))
        return end

    def parseLinkDestination(self, text: str, start: int, maximum: int) -> Any:
        result = self._parse_destination(text, start, maximum)
        if result.ok:
            angled = text.startswith("<", start)
            self.spans.append((start + angled, result.pos - angled))
        return result

    def clear(self) -> None:
        self.labels.clear()
        self.spans.clear()


def _wrap_inline_rule(name: str, rule: Callable[..., bool], recorder: _LinkPartsRecorder) -> Callable[..., bool]:
    label_offset = {"link": 1, "image": 2}.get(name)

    def recording_rule(state: StateInline, silent: bool) -> bool:
        start = state.pos
        count = len(state.tokens)
        labels, spans_before = len(recorder.labels), len(recorder.spans)
        ok = rule(state, silent)
        label_end = -1
        destination = None
        if ok and not silent and label_offset is not None:
            # the rule's own label starts right after its ``[`` (nested labels start later);
            # its destination is the first one parsed after that label ends (a nested image
            # sits inside the label)
            label_start = start + label_offset - 1
            label_end = next((e for s, e in recorder.labels[labels:] if s == label_start), -1)
            if label_end > 0:
                destination = next((span for span in recorder.spans[spans_before:] if span[0] > label_end), None)
        del recorder.labels[labels:]
        del recorder.spans[spans_before:]
        if not ok or silent:
            return ok
        end = state.pos
        if name == "linkify":
            new = state.tokens[count:]
            opens = [k for k, t in enumerate(new) if t.type == "link_open"]
            url_len = len(new[opens[0] + 1].content) if opens and len(new) > opens[0] + 1 else 0
            start = max(0, end - url_len)
        spans: list[tuple[str, int, int]] = state.env.setdefault("_spans", [])
        if name in ("link",) and label_end > 0:
            spans.append((name, start, start + 1))
            spans.append((name, label_end, end))
        else:
            spans.append((name, start, end))
        for token in state.tokens[count:]:
            if token.type in ("link_open", "image", "code_inline", "html_inline") and ("span" not in token.meta):
                token.meta["span"] = (start, end)
                if destination is not None:
                    token.meta["destination"] = destination
                break
        return ok

    return recording_rule


@lru_cache(maxsize=1)
def markdown_parser() -> MarkdownIt:
    """CommonMark + GFM tables, strikethrough, bare-URL linkify and YAML front matter."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark", {"linkify": True}).enable(["table", "strikethrough", "linkify"])
    md.use(front_matter_plugin)
    recorder = _LinkPartsRecorder()
    md.helpers = recorder  # type: ignore[assignment]
    md.normalizeLink = _normalize_link_quickly(md.normalizeLink)  # type: ignore[method-assign,assignment]
    for rule in list(md.inline.ruler.__rules__):
        if rule.name in _STRUCTURAL_INLINE_RULES:
            md.inline.ruler.at(rule.name, _wrap_inline_rule(rule.name, rule.fn, recorder))
    md.core.ruler.at("inline", _inline_with_spans)
    return md


def _normalize_link_quickly(normalize: Callable[[str], str]) -> Callable[[str], str]:
    """markdown-it normalises every destination through a full URL parse and re-encode (about
    20 us each); most are already normal, which one regex match can tell."""

    def normalize_link(url: str) -> str:
        return url if ALREADY_NORMAL_URL.match(url) else normalize(url)

    return normalize_link


def _inline_with_spans(state: StateCore) -> None:
    """The core ``inline`` rule, keeping each inline token's recorded spans in its meta."""
    for token in state.tokens:
        if token.type == "inline":
            if token.children is None:
                token.children = []
            state.env["_spans"] = []
            state.md.helpers.clear()
            state.md.inline.parse(token.content, state.md, state.env, token.children)
            token.meta["spans"] = state.env.pop("_spans")


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


def _definition_destination(line_text: str) -> tuple[int, int] | None:
    from markdown_it.helpers import parseLinkDestination

    index = line_text.find("]:")
    if index < 0:
        return None
    pos = index + 2
    while pos < len(line_text) and line_text[pos] in " \t":
        pos += 1
    result = parseLinkDestination(line_text, pos, len(line_text))
    if not result.ok:
        return None
    start, end = pos, result.pos
    if line_text.startswith("<", start):
        start, end = start + 1, end - 1
    return start, end


def _collect_inline(
    doc: Document,
    token: Token,
    imap: _InlineMap,
    spans: list[tuple[str, int, int]],
) -> None:
    for name, start, end in spans:
        if name in ("link", "image", "backticks", "autolink", "html_inline", "linkify", "entity", "escape"):
            doc.protected.append((imap.absolute(start), imap.absolute(max(start, end - 1)) + 1))
    children = token.children or []
    content = token.content
    for index, child in enumerate(children):
        span = child.meta.get("span") if child.meta else None
        if child.type in ("link_open", "image"):
            attr = "href" if child.type == "link_open" else "src"
            target = str(child.attrs.get(attr, ""))
            if span is None and index + 1 < len(children):
                # links made by the core linkify rule (``www.``) carry no span: find their text
                found_at = content.find(children[index + 1].content)
                if found_at >= 0:
                    span = (found_at, found_at + len(children[index + 1].content))
            start_abs = imap.absolute(span[0]) if span else imap.absolute(0)
            line, col = doc.position(start_abs)
            dest: tuple[int, int] | None = None
            if child.type == "image":
                kind, text = LinkKind.IMAGE, child.content
            elif child.markup == "linkify":
                kind, text = LinkKind.BARE_URL, target
            elif child.markup == "autolink":
                kind, text = LinkKind.AUTOLINK, target
            else:
                raw = content[span[0] : span[1]] if span else ""
                kind = LinkKind.INLINE if raw.endswith(")") else LinkKind.REFERENCE
                text = _rendered_text(_until_close(children, index + 1))
            if span:
                raw = content[span[0] : span[1]]
                found = child.meta.get("destination")
                if kind in (LinkKind.INLINE, LinkKind.IMAGE) and found:
                    dest = (imap.absolute(found[0]), imap.absolute(found[0]) + found[1] - found[0])
                elif kind is LinkKind.AUTOLINK:
                    dest = (imap.absolute(span[0] + 1), imap.absolute(span[0] + 1) + len(raw) - 2)
                elif kind is LinkKind.BARE_URL:
                    dest = (imap.absolute(span[0]), imap.absolute(span[0]) + len(raw))
            title = child.attrs.get("title")
            link = Link(
                target=target,
                text=text,
                line=line,
                col=col,
                kind=kind,
                title=str(title) if title is not None else None,
            )
            doc.links.append(SourceLink(link, *(dest or (None, None))))
        elif child.type == "html_inline" and span:
            base = imap.absolute(span[0])
            doc.links.extend(_html_links(child.content, base, doc, doc.position))
        elif child.type == "text" and _TODO_MARKER in child.content:
            rest = child.content.split(_TODO_MARKER, 1)[1].strip()
            line = doc.position(imap.absolute(0))[0]
            doc.tasks.append(Task(text=rest or "TODO", done=False, line=line))


def _until_close(children: Sequence[Token], start: int) -> list[Token]:
    depth = 1
    out = []
    for child in children[start:]:
        if child.type == "link_open":
            depth += 1
        elif child.type == "link_close":
            depth -= 1
            if depth == 0:
                break
        out.append(child)
    return out


def parse_document(text: str) -> Document:
    """Parse Markdown (LF line endings expected) into a :class:`Document`."""
    md = markdown_parser()
    env: dict[str, Any] = {}
    starts = _line_starts(text)
    lines = text.split("\n")
    doc = Document(text=text, line_starts=starts)
    tokens = md.parse(text, env)
    slugger = Slugger()
    depth = 0
    pending_heading: Token | None = None
    list_item_line: int | None = None
    for i, token in enumerate(tokens):
        if token.type == "front_matter" and token.map:
            doc.front_matter = FrontMatter(token.content, token.map[0] + 1, token.map[1])
            doc.protected.append((starts[token.map[0]], _offset_of_line_end(starts, text, token.map[1] - 1)))
            continue
        if token.type in ("fence", "code_block", "html_block") and token.map:
            start = starts[token.map[0]]
            end = _offset_of_line_end(starts, text, token.map[1] - 1)
            doc.protected.append((start, end))
            if token.type == "html_block":
                doc.links.extend(_html_links(token.content, start, doc, doc.position))
        if depth == 0 and token.nesting >= 0 and token.map and token.type != "heading_open":
            doc.content_blocks.append((token.type, token.map[0] + 1))
        if token.type == "heading_open":
            pending_heading = token
            if depth == 0 and token.map:
                doc.content_blocks.append((token.type, token.map[0] + 1))
        if token.type == "list_item_open" and token.map:
            list_item_line = token.map[0]
        depth += token.nesting
        if token.type != "inline" or not token.map:
            continue
        spans: list[tuple[str, int, int]] = token.meta.get("spans", [])
        imap = _inline_map(token.content, token.map[0], lines, starts)
        _collect_inline(doc, token, imap, spans)
        if pending_heading is not None and tokens[i - 1] is pending_heading:
            children = token.children or []
            rendered = _rendered_text(children)
            line, col = doc.position(imap.absolute(0))
            doc.headings.append(
                Heading(
                    level=int(pending_heading.tag[1]),
                    text=rendered,
                    source=token.content,
                    line=pending_heading.map[0] + 1 if pending_heading.map else line,
                    col=col,
                    setext=pending_heading.markup in ("=", "-"),
                    anchor=slugger.slug(rendered),
                    link_url=_heading_link(children),
                )
            )
            pending_heading = None
        elif list_item_line is not None and token.map[0] == list_item_line:
            match = _TASK_RE.match(token.content)
            if match:
                task_text = token.content[match.end() :].split("\n", 1)[0].strip()
                doc.tasks.append(Task(text=task_text, done=match.group(1) != " ", line=token.map[0] + 1))
            list_item_line = None
    for label, ref in env.get("references", {}).items():
        ref_map = ref.get("map")
        if not ref_map:
            continue
        first = ref_map[0]
        dest = _definition_destination(lines[first])
        offset = starts[first] + (dest[0] if dest else 0)
        line, col = doc.position(offset)
        link = Link(target=str(ref["href"]), text=label, line=line, col=col, kind=LinkKind.DEFINITION)
        doc.links.append(SourceLink(link, offset if dest else None, starts[first] + dest[1] if dest else None))
        doc.protected.append((starts[first], _offset_of_line_end(starts, text, ref_map[1] - 1)))
    doc.links.sort(key=lambda s: (s.link.line, s.link.col))
    doc.tasks.sort(key=lambda t: t.line)
    doc.protected.sort()
    return doc


def _offset_of_line_end(starts: list[int], text: str, line_index: int) -> int:
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
