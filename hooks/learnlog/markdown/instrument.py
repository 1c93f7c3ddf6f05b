"""markdown-it, instrumented to say where things are.

markdown-it gives block line numbers but no inline columns, so the structural inline rules are
wrapped to record the source span each one consumed, and the link rules' own parses of a label
and a destination are recorded. That yields exact ``line:col`` for links and the exact prose
ranges the encoding fixer may touch, without parsing anything twice.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore
    from markdown_it.rules_inline import StateInline

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


def _own_parts(
    recorder: _LinkPartsRecorder, start: int, label_offset: int | None, marks: tuple[int, int]
) -> tuple[int, tuple[int, int] | None]:
    """(end of the rule's own label, its destination) among the parts recorded since ``marks``.

    The rule's own label starts right after its ``[`` (nested labels start later); its
    destination is the first one parsed after that label ends (a nested image sits inside the
    label)."""
    if label_offset is None:
        return -1, None
    label_start = start + label_offset - 1
    label_end = next((e for s, e in recorder.labels[marks[0] :] if s == label_start), -1)
    if label_end <= 0:
        return -1, None
    return label_end, next((span for span in recorder.spans[marks[1] :] if span[0] > label_end), None)


def _linkify_start(state: StateInline, count: int, end: int) -> int:
    """A bare URL's rule consumed text before the URL too: the URL starts its length before the end."""
    new = state.tokens[count:]
    opens = [k for k, t in enumerate(new) if t.type == "link_open"]
    url_len = len(new[opens[0] + 1].content) if opens and len(new) > opens[0] + 1 else 0
    return max(0, end - url_len)


def _mark_tokens(state: StateInline, count: int, span: tuple[int, int], destination: tuple[int, int] | None) -> None:
    """The first link, image, code or HTML token the rule made carries its source span."""
    for token in state.tokens[count:]:
        if token.type in ("link_open", "image", "code_inline", "html_inline") and ("span" not in token.meta):
            token.meta["span"] = span
            if destination is not None:
                token.meta["destination"] = destination
            break


def _wrap_inline_rule(name: str, rule: Callable[..., bool], recorder: _LinkPartsRecorder) -> Callable[..., bool]:
    label_offset = {"link": 1, "image": 2}.get(name)

    def recording_rule(state: StateInline, silent: bool) -> bool:
        start, count = state.pos, len(state.tokens)
        marks = (len(recorder.labels), len(recorder.spans))
        ok = rule(state, silent)
        own = _own_parts(recorder, start, label_offset, marks) if ok and not silent else (-1, None)
        del recorder.labels[marks[0] :]
        del recorder.spans[marks[1] :]
        if not ok or silent:
            return ok
        label_end, destination = own
        end = state.pos
        if name == "linkify":
            start = _linkify_start(state, count, end)
        spans: list[tuple[str, int, int]] = state.env.setdefault("_spans", [])
        if name == "link" and label_end > 0:
            spans += [(name, start, start + 1), (name, label_end, end)]
        else:
            spans.append((name, start, end))
        _mark_tokens(state, count, (start, end), destination)
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
    md.validateLink = _file_links_too(md.validateLink)  # type: ignore[method-assign,assignment]
    for rule in list(md.inline.ruler.__rules__):
        if rule.name in _STRUCTURAL_INLINE_RULES:
            md.inline.ruler.at(rule.name, _wrap_inline_rule(rule.name, rule.fn, recorder))
    md.core.ruler.at("inline", _inline_with_spans)
    return md


def _file_links_too(validate: Callable[[str], bool]) -> Callable[[str], bool]:
    """markdown-it drops ``file:`` links (unsafe in HTML); learnlog keeps them, to report them."""

    def validate_link(url: str) -> bool:
        return url.strip().lower().startswith("file:") or validate(url)

    return validate_link


def _normalize_link_quickly(normalize: Callable[[str], str]) -> Callable[[str], str]:
    """markdown-it normalises every destination through a full URL parse and re-encode (about
    20 us each); most are already normal, which one regex match can tell."""

    def normalize_link(url: str) -> str:
        return url if ALREADY_NORMAL_URL.match(url) else normalize(url)

    return normalize_link


_STRUCTURE_CHARS_RE = re.compile(r"[\[\]<`&\\:@]|www\.", re.IGNORECASE)


def _plain_prose(content: str) -> bool:
    """Text in which no inline rule can find a link, code, HTML, an entity or an escape: the
    check needs nothing from its inline parse (emphasis is not its business), so it is skipped."""
    return _STRUCTURE_CHARS_RE.search(content) is None


def _inline_with_spans(state: StateCore) -> None:
    """The core ``inline`` rule, keeping each inline token's recorded spans in its meta. With
    ``headings_only`` in the environment, only headings are parsed inline (their anchors are
    all some callers need). Paragraphs of plain prose are not parsed inline at all."""
    headings_only = state.env.get("headings_only", False)
    for index, token in enumerate(state.tokens):
        if token.type != "inline":
            continue
        heading = index > 0 and state.tokens[index - 1].type == "heading_open"
        if not heading and (headings_only or _plain_prose(token.content)):
            token.children = []
            continue
        if token.children is None:
            token.children = []
        state.env["_spans"] = []
        state.md.helpers.clear()
        state.md.inline.parse(token.content, state.md, state.env, token.children)
        token.meta["spans"] = state.env.pop("_spans")
