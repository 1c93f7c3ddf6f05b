"""Splitting logs written in other people's styles: levels, merges, anchors, code, line endings."""

from __future__ import annotations

from datetime import date

from learnlog.singlefile import split_log

JRNL = """# 2021

## January

### 2021-01-03 11:38 Morning

Read about tries.

### 2021-01-03 18:02 Evening

#### A detail

Wrote a trie.

### 2021-01-04 09:00 Next day

More.
"""


def test_jrnl_export_several_entries_a_day_become_topics_in_source_order() -> None:
    split = split_log(JRNL, "iso", "", "log")
    assert split.files["log/2021/2021-01-03.md"] == (
        "# 2021-01-03\n\n## 11:38 Morning\n\nRead about tries.\n\n## 18:02 Evening\n\n### A detail\n\nWrote a trie.\n\n"
    )
    assert split.files["log/2021/2021-01-04.md"] == "# 2021-01-04: 09:00 Next day\n\nMore.\n"
    assert split.files["log/backlog.md"] == "# 2021\n\n## January\n\n"
    assert any("2 sections for 2021-01-03" in note for note in split.notes)


def test_mixed_levels_and_styles_in_one_file() -> None:
    text = (
        "# Log\n\n## Sep 9, 2024: LoRA\n\n- a\n\n## September 2024\n\n### 10 September 2024\n\n- b\n\n"
        "#### Day 3 (Sep 11, 2024) ✅ Prompts\n\n- c\n"
    )
    split = split_log(text, "mdy", "", "log")
    assert [(p.line, p.day, p.title) for p in split.placed] == [
        (3, date(2024, 9, 9), "LoRA"),
        (9, date(2024, 9, 10), None),
        (13, date(2024, 9, 11), "Day 3 — Prompts"),
    ]
    assert split.files["log/2024/2024-09-10.md"] == "# Sep 10, 2024\n\n- b\n\n"
    assert split.files["log/2024/2024-09-11.md"] == "# Sep 11, 2024: Day 3 — Prompts\n\n- c\n"
    assert split.files["log/backlog.md"] == "# Log\n\n## September 2024\n\n"


def test_yearless_days_take_the_year_of_the_enclosing_heading_or_the_option() -> None:
    text = "## 2015\n\n### Thursday, January 1\n\n- a\n"
    assert split_log(text, "iso", "", "log").files["log/2015/2015-01-01.md"] == "# 2015-01-01\n\n- a\n"
    bare = "## Thursday, January 1\n\n- a\n"
    assert split_log(bare, "iso", "", "log").leftovers[0].kind == "yearless"
    assert "log/2015/2015-01-01.md" in split_log(bare, "iso", "", "log", year=2015).files


def test_ambiguous_dates_block_until_an_order_is_given_or_inferred() -> None:
    text = "## 3/4/2024\n\n- a\n\n## 5/6/2024\n\n- b\n"
    split = split_log(text, "iso", "", "log")
    assert split.blocking == [
        "line 1: '3/4/2024' is ambiguous (month/day or day/month); pass --date-order mdy or dmy",
        "line 5: '5/6/2024' is ambiguous (month/day or day/month); pass --date-order mdy or dmy",
    ]
    assert "log/2024/2024-04-03.md" in split_log(text, "iso", "", "log", order="dmy").files
    inferred = split_log(text + "\n## 25/6/2024\n\n- c\n", "iso", "", "log")
    assert not inferred.blocking and "log/2024/2024-04-03.md" in inferred.files
    assert any("read as dmy (inferred" in note for note in inferred.notes)


def test_links_between_sections_follow_the_heading_to_its_new_file() -> None:
    text = (
        "# Log\n\nStart at [LoRA](#sep-9-2024-lora).\n\n## Sep 9, 2024: LoRA\n\n### Rank\n\n- see [later](#sep-10-2024)\n\n"
        "## Sep 10, 2024\n\n- back to [rank](#rank) and [same](#sep-10-2024) and [file](notes/a.md#x)\n"
    )
    files = split_log(text, "mdy", "", "log").files
    assert "Start at [LoRA](2024/2024-09-09.md#sep-9-2024-lora)." in files["log/backlog.md"]
    assert "- see [later](2024-09-10.md#sep-10-2024)" in files["log/2024/2024-09-09.md"]
    assert (
        "[rank](2024-09-09.md#rank) and [same](#sep-10-2024) and [file](../../notes/a.md#x)"
        in files["log/2024/2024-09-10.md"]
    )


def test_anchor_of_a_rewritten_heading_is_the_new_one() -> None:
    text = "## 2024-09-09 LoRA\n\n- a\n\n## 2024-09-10\n\n- [x](#2024-09-09-lora)\n"
    files = split_log(text, "mdy", "", "log").files
    assert files["log/2024/2024-09-09.md"].startswith("# Sep 9, 2024: LoRA\n")
    assert "[x](2024-09-09.md#sep-9-2024-lora)" in files["log/2024/2024-09-10.md"]


def test_headings_in_fenced_code_do_not_start_days() -> None:
    text = "## Sep 9, 2024\n\n```md\n## Sep 10, 2024\n```\n\n~~~\n## Oct 1, 2024\n~~~\n"
    split = split_log(text, "mdy", "", "log")
    assert list(split.files) == ["log/2024/2024-09-09.md"]


def test_setext_day_heading_and_crlf_endings() -> None:
    text = "Sep 9, 2024\r\n-----------\r\n\r\n- a\r\n\r\n2024-09-10 Next\r\n---\r\n\r\n- b\r\n"
    files = split_log(text, "mdy", "", "log").files
    assert files["log/2024/2024-09-09.md"] == "# Sep 9, 2024\r\n\r\n- a\r\n\r\n"
    assert files["log/2024/2024-09-10.md"] == "# Sep 10, 2024: Next\r\n\r\n- b\r\n"


def test_ranges_and_impossible_dates_are_left_in_the_backlog_with_their_line() -> None:
    text = "## Sep 9, 2024\n\n- a\n\n## Day 33-40\n\n- b\n\n## Jan 1-3, 2024\n\n- c\n\n## 2024-02-30\n\n- d\n"
    split = split_log(text, "mdy", "", "log")
    assert [(x.line, x.kind) for x in split.leftovers] == [(5, "range"), (9, "range"), (13, "impossible")]
    assert split.files["log/backlog.md"] == "## Day 33-40\n\n- b\n\n## Jan 1-3, 2024\n\n- c\n\n## 2024-02-30\n\n- d\n"


def test_anchor_links_into_a_day_of_several_sections() -> None:
    text = "## Sep 9, 2024: A\n\n### Deep\n\n- a\n\n## Sep 9, 2024: B\n\n- b\n\n## Sep 10, 2024\n\n- [to deep](#deep) [to b](#sep-9-2024-b)\n"
    files = split_log(text, "mdy", "", "log").files
    assert files["log/2024/2024-09-09.md"].startswith("# Sep 9, 2024\n\n## A\n\n### Deep\n")
    assert "[to deep](2024-09-09.md#deep) [to b](2024-09-09.md#b)" in files["log/2024/2024-09-10.md"]
