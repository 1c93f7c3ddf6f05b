"""The parse: links of every kind with exact positions, nothing from code, tasks, headings."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from learnlog.markdown import parse_document, prose_ranges
from learnlog.markdown.instrument import ALREADY_NORMAL_URL
from learnlog.model import LinkKind

SAMPLE = """\
# Heading with [link](a.md)

Text [inline](b.md "title") and ![img](pic.png) and <https://auto.example/x>.
Bare https://bare.example/p~q?x=(1) and www.example.org and [ref][r] and [r].
`[code](no.md)` and <a href="html.md" id="anchor1">h</a>.

```
[fenced](no2.md) https://no.example
```

    [indented](no3.md)

[r]: ref.md#frag

- [ ] open task
- [x] done task
- note [TODO] later
"""


def _links() -> list[tuple[str, str, int, int]]:
    doc = parse_document(SAMPLE)
    return [(s.link.kind.value, s.link.target, s.link.line, s.link.col) for s in doc.links]


def _at(marker: str, nth: int = 0) -> tuple[int, int]:
    """1-based line and column of the nth occurrence of ``marker`` in SAMPLE."""
    index = -1
    for _ in range(nth + 1):
        index = SAMPLE.index(marker, index + 1)
    line = SAMPLE.count("\n", 0, index) + 1
    return line, index - (SAMPLE.rfind("\n", 0, index) + 1) + 1


def test_every_link_kind_with_position() -> None:
    assert _links() == [
        ("inline", "a.md", *_at("[link]")),
        ("inline", "b.md", *_at("[inline]")),
        ("image", "pic.png", *_at("![img]")),
        ("autolink", "https://auto.example/x", *_at("<https://auto")),
        ("bare_url", "https://bare.example/p~q?x=(1)", *_at("https://bare")),
        ("bare_url", "http://www.example.org", *_at("www.example.org")),
        ("reference", "ref.md#frag", *_at("[ref][r]")),
        ("reference", "ref.md#frag", *_at("[r].")),
        ("html", "html.md", *_at("html.md")),
        ("definition", "ref.md#frag", *_at("ref.md#frag")),
    ]


def test_nothing_from_code() -> None:
    targets = {t for _, t, _, _ in _links()}
    assert not targets & {"no.md", "no2.md", "no3.md", "https://no.example"}


def test_link_titles_and_text() -> None:
    doc = parse_document(SAMPLE)
    inline = next(s.link for s in doc.links if s.link.target == "b.md")
    assert (inline.text, inline.title) == ("inline", "title")


def test_destination_offsets_point_at_the_source_text() -> None:
    doc = parse_document(SAMPLE)
    for source in doc.links:
        if source.dest_start is None or source.dest_end is None:
            continue
        raw = SAMPLE[source.dest_start : source.dest_end]
        if source.link.kind is not LinkKind.BARE_URL:
            assert raw in (source.link.target, source.link.target.split("#")[0] + "#frag"), raw


def test_tasks_and_todo_markers() -> None:
    doc = parse_document(SAMPLE)
    assert [(t.text, t.done, t.line) for t in doc.tasks] == [
        ("open task", False, 15),
        ("done task", True, 16),
        ("later", False, 17),
    ]


def test_hash_in_code_block_is_not_a_heading() -> None:
    doc = parse_document("# Real\n\n```\n# not a heading\n```\n")
    assert [h.text for h in doc.headings] == ["Real"]


def test_prose_ranges_exclude_code_html_and_urls() -> None:
    text = "a `b` <i>c</i> [d](e.md) https://f.example\n"
    doc = parse_document(text)
    prose = "".join(text[s:e] for s, e in prose_ranges(doc))
    assert "`b`" not in prose and "e.md" not in prose and "https://f.example" not in prose
    assert "<i>" not in prose
    assert prose.startswith("a ") and "d" in prose and "c" in prose


def test_explicit_html_anchors() -> None:
    doc = parse_document('<a name="here"></a>\n\nText <span id="there">x</span>\n')
    assert doc.html_anchors == {"here", "there"}


_URL_ALPHABET = "abcXYZ019-._~:/?#!$&'()*+,;=@[]% "
_URL_PARTS = st.one_of(
    st.sampled_from(
        ["http://", "https://", "HTTP://", "//", "./", "../", "/", "#", "mailto:", "a:", "%", "%4", "%4F", ":80", "@"]
    ),
    st.sampled_from(["127.0.0.1:8080", "example.com", "xn--bcher-kva.de", "a..b", "h:99999", "ä", "\u00a0"]),
    st.text(_URL_ALPHABET, max_size=6),
)


@settings(max_examples=3000, deadline=None)
@given(st.lists(_URL_PARTS, max_size=8).map("".join))
def test_urls_taken_as_already_normal_are_what_markdown_it_would_give(url: str) -> None:
    """The parser skips markdown-it's normalizeLink for URLs the regex calls normal: the
    result must be the same."""
    from markdown_it.common.normalize_url import normalizeLink

    if ALREADY_NORMAL_URL.match(url):
        assert normalizeLink(url) == url


def test_common_log_urls_take_the_quick_path() -> None:
    for url in (
        "https://colab.research.google.com/drive/1a?usp=sharing#x",
        "../2024/2024-09-10.md#day",
        "my%20file.md",
    ):
        assert ALREADY_NORMAL_URL.match(url)
    for url in ("mailto:a@b.c", "my file.md", "https://user@host/", "https://münchen.de/"):
        assert not ALREADY_NORMAL_URL.match(url)


def test_destinations_of_nested_and_angled_links_are_exact() -> None:
    """Destinations come from markdown-it's own parse of each link: an image inside a link's
    label keeps its own, and ``<...>`` is not part of the destination."""
    text = "# T\n\n[![img](a.png \"t\")](<b c.md> 'x') and ![i2](x.png) <http://q.io>\n\n[r]: ./ref.md\n"
    doc = parse_document(text)
    found = [(s.link.target, text[s.dest_start : s.dest_end]) for s in doc.links if s.dest_start is not None]
    assert found == [
        ("b%20c.md", "b c.md"),
        ("a.png", "a.png"),
        ("x.png", "x.png"),
        ("http://q.io", "http://q.io"),
        ("./ref.md", "./ref.md"),
    ]


def test_bare_file_names_are_not_links_but_addresses_github_links_are() -> None:
    """linkify's fuzzy links read README.md as a web address (.md is a country's domain);
    GitHub links a bare address only with a scheme, www. or an @."""
    doc = parse_document("see notes.md and README.md, www.example.com, https://x.org/a, a@b.com, example.com\n")
    assert [(s.link.target, s.link.col) for s in doc.links] == [
        ("http://www.example.com", 29),
        ("https://x.org/a", 46),
        ("mailto:a@b.com", 63),
    ]


def test_a_definition_whose_destination_is_on_the_next_line_points_at_it() -> None:
    text = "See [a].\n\n[a]:\n  other.md 'title'\n"
    (source,) = parse_document(text).links[1:]
    assert (source.link.target, source.link.line, source.link.col) == ("other.md", 4, 3)
    assert source.dest_start is not None and text[source.dest_start : source.dest_end] == "other.md"
