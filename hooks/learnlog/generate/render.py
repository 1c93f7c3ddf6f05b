"""Helpers every generated file shares: Markdown escaping, mdformat's style, marker splicing,
and date arithmetic that stays inside the calendar (0001-01-01 and 9999-12-31 are valid days)."""

from __future__ import annotations

from collections.abc import Set
from datetime import date, timedelta

TOC_START = "<!-- learnlog:toc start -->"
TOC_END = "<!-- learnlog:toc end -->"


def shift(day: date, days: int) -> date | None:
    """``day + days``, or None past either end of the calendar."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return None


def streak_ending(days: Set[date], last: date) -> int:
    """Consecutive logged days ending on ``last``."""
    count = 0
    current: date | None = last
    while current is not None and current in days:
        count += 1
        current = shift(current, -1)
    return count


def streak_lengths(days: Set[date]) -> dict[date, int]:
    """For every logged day, the streak that ends on it: one pass in date order, so asking
    for the streak at each of ten years of weeks is not quadratic."""
    lengths: dict[date, int] = {}
    for day in sorted(days):
        before = shift(day, -1)
        lengths[day] = lengths.get(before, 0) + 1 if before is not None else 1
    return lengths


def current_streak(days: set[date], today: date) -> int:
    """The streak that counts from today, or from yesterday when today has no entry yet."""
    yesterday = shift(today, -1)
    return streak_ending(days, today) or (streak_ending(days, yesterday) if yesterday else 0)


def longest_streak(days: set[date]) -> int:
    return max((streak_ending(days, d) for d in days if shift(d, 1) not in days), default=0)


def escape_markdown(text: str) -> str:
    """Escape characters that would turn a title into markup in a list item or link text."""
    return "".join("\\" + char if char in "\\`*_[]<>|#!" else char for char in text)


def format_markdown(text: str) -> str:
    """Generated Markdown in the style the mdformat hook keeps, so the hook never changes it."""
    import mdformat

    return str(mdformat.text(text, extensions={"gfm", "frontmatter"}))


def splice(text: str, body: str, start: str = TOC_START, end: str = TOC_END) -> str:
    """Put ``body`` between the markers (appended at the end when both are missing); nothing
    else moves. A start marker without its end marker is an error, not a second block."""
    block = f"{start}\n\n{body.strip()}\n\n{end}" if body.strip() else f"{start}\n\n{end}"
    has_start, has_end = start in text, end in text
    if has_start and has_end and text.index(start) < text.index(end):
        head, rest = text.split(start, 1)
        _, tail = rest.split(end, 1)
        return head + block + tail
    if has_start or has_end:
        raise ValueError(f"the markers {start} and {end} must both be present, in that order")
    sep = "" if not text or text.endswith("\n\n") else ("\n" if text.endswith("\n") else "\n\n")
    return f"{text}{sep}{block}\n"
