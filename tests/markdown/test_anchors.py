"""GitHub's heading anchors: all 78 github-slugger fixtures (scraped from real GitHub renders)."""

from __future__ import annotations

import json
import re

import pytest

from learnlog.markdown import parse_document
from learnlog.markdown.anchors import Slugger, slug_base
from tests.helpers import DATA

_ESCAPE_RE = re.compile(r"([!-/:-@\[-`{-~])")
FIXTURES = json.loads((DATA / "github-slugger" / "fixtures.json").read_text(encoding="utf-8"))


def test_fixture_count() -> None:
    assert len(FIXTURES) == 78


def test_slugger_agrees_with_all_fixtures_in_order() -> None:
    slugger = Slugger()
    got = [slugger.slug(case["input"]) for case in FIXTURES]
    mismatches = [(c["name"], g, c["expected"]) for c, g in zip(FIXTURES, got, strict=True) if g != c["expected"]]
    assert mismatches == []


def test_fixtures_written_as_markdown_headings_agree() -> None:
    """The same cases as headings of one document, anchors computed from the rendered text."""
    lines = []
    for case in FIXTURES:
        escaped = _ESCAPE_RE.sub(r"\\\1", case["input"])
        source = case.get("markdownOverwrite") or "# " + escaped
        lines.append(source)
    doc = parse_document("\n\n".join(lines) + "\n")
    assert [h.anchor for h in doc.headings] == [c["expected"] for c in FIXTURES]


@pytest.mark.parametrize(
    ("heading", "anchor"),
    [
        ("# Soft Prompting:", "soft-prompting"),
        ("# LoRA (Low-Rank Adaptation):", "lora-low-rank-adaptation"),
        ("# [No Priors Ep. 80 | With Andrej](https://x.y)", "no-priors-ep-80--with-andrej"),
        ("# `code` and *emphasis*", "code-and-emphasis"),
        ("# Größe 🎉 émoji", "größe--émoji"),
    ],
    ids=["colon", "parens", "link-heading", "inline-markup", "unicode-emoji"],
)
def test_anchor_of_markdown_heading(heading: str, anchor: str) -> None:
    assert parse_document(heading + "\n").headings[0].anchor == anchor


def test_duplicates_count_against_every_issued_slug() -> None:
    slugger = Slugger()
    assert [slugger.slug(t) for t in ("a", "a", "a-1", "a")] == ["a", "a-1", "a-1-1", "a-2"]
    assert slug_base("A  B") == "a--b"
