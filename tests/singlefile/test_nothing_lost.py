"""Property: every line of a generated log, in any of the styles people write, lands in
exactly one written file, and every entry written passes ``learnlog check``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from learnlog.check.engine import check_text
from learnlog.config import Config
from learnlog.dates import MONTHS, format_date
from learnlog.singlefile import split_log

STYLES: list[Callable[[date], str]] = [
    lambda d: format_date(d, "mdy"),
    lambda d: d.isoformat(),
    lambda d: d.strftime("%B ") + f"{d.day}, {d.year}",
    lambda d: f"{MONTHS[d.month - 1]} {d.day}th, {d.year}",
    lambda d: f"{d.day} " + d.strftime("%B %Y"),
    lambda d: d.strftime("%Y/%m/%d"),
    lambda d: f"{d.month}/{d.day}/{d.year}" if d.day > 12 else d.isoformat(),
    lambda d: d.strftime("%A, %B ") + f"{d.day}, {d.year}",
    lambda d: f"Day 7 ({d.strftime('%B')} {d.day}, {d.year}) ✅",
    lambda d: d.isoformat() + " 11:38",
]
TITLES = st.sampled_from(["", "LoRA", "Soft prompts vs LoRA", "Tries: part 2", "Reading"])
DAYS = st.dates(min_value=date(2015, 1, 1), max_value=date(2025, 12, 31))


@st.composite
def logs(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A log and its lines other than day headings (headings without their ``#``s), each
    unique so where it lands can be counted."""
    counter = iter(range(10_000))
    body: list[str] = []

    def note() -> str:
        line = f"- note {next(counter)}\n"
        body.append(line)
        return line

    parts = ["# My log\n", "\n", note(), "\n"]
    last = 1  # a heading deeper than last + 1 would skip a level in the source already
    for _ in range(draw(st.integers(1, 8))):
        level = draw(st.integers(2, 4))
        if draw(st.integers(0, 5)) == 0:
            level = min(level, last + 1)
            heading = f"{'#' * level} Misc {next(counter)}\n"
            body.append(heading.lstrip("#"))  # headings may change level, nothing else
        else:
            style = draw(st.sampled_from(STYLES))
            title = draw(TITLES)
            heading = f"{'#' * level} {style(draw(DAYS))}{': ' + title if title else ''}\n"
        parts += [heading, "\n", note()]
        last = level
        if draw(st.booleans()):
            sub = f"{'#' * (level + 1)} Sub {next(counter)}\n"
            body.append(sub.lstrip("#"))
            parts += ["\n", sub, "\n", note()]
            last = level + 1
        if draw(st.booleans()):
            fence = [f"```\n{'#' * level} {format_date(draw(DAYS), 'mdy')} in code {next(counter)}\n```\n"]
            body.extend(fence)
            parts += ["\n", *fence]
        parts.append("\n")
    return "".join(parts), body


@settings(max_examples=150, deadline=None)
@given(logs(), st.sampled_from(["mdy", "iso"]))
def test_every_line_lands_in_exactly_one_file_and_entries_pass_check(log: tuple[str, list[str]], style: str) -> None:
    text, body = log
    split = split_log(text, style, "", "log")
    written = "".join(split.files.values())
    for line in body:
        assert written.count(line) == 1, line
    assert sum(text.count(f"{'#' * n} ") for n in (2, 3, 4)) >= len(split.placed)
    config = Config(date_style=style)  # type: ignore[arg-type]
    for path, content in split.files.items():
        if path == "log/backlog.md":
            continue
        found = [d for d in check_text(path, path, content, config, date(2026, 1, 1)) if d.code != "LL106"]
        assert found == [], (path, content)
