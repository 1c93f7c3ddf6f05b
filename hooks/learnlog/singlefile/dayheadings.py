"""Recognise the day in a heading of a single-file log, in the date styles people write.

Pure: text in, a :class:`DayHeading` out. A heading that merely mentions a date in passing is
not a day: the date must open the heading, follow a short prefix (a weekday, ``Day 12``), or
sit in brackets. Anything that looks like a day but cannot be placed on exactly one date (an
impossible date, a range, an ambiguous ``3/4/2024``, a day without a year) says why, so the
import can report it instead of guessing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from learnlog.dates import FULL_MONTHS

Kind = Literal["day", "impossible", "range", "ambiguous", "yearless"]
DateOrder = Literal["mdy", "dmy"]

_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|rsday|urday)?"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(rf"(?<![\d/.-]){_YEAR}(?P<sep>[-/.])(?P<mm>\d{{1,2}})(?P=sep)(?P<dd>\d{{1,2}})(?![\d/.-])")),
    ("numeric", re.compile(rf"(?<![\d/.-])(?P<a>\d{{1,2}})(?P<sep>[-/.])(?P<b>\d{{1,2}})(?P=sep){_YEAR}(?![\d/.-])")),
    ("month_first", re.compile(rf"\b{_MONTH} +{_DAY},? +{_YEAR}\b")),
    ("day_first", re.compile(rf"\b{_DAY} +{_MONTH},? +{_YEAR}\b")),
    ("yearless", re.compile(rf"\b{_MONTH} +{_DAY}\b(?!\d| *[-–]| *, *\d)")),
    ("yearless", re.compile(rf"\b{_DAY} +{_MONTH}\b(?! *,? *\d)")),
)
_RANGES = (
    re.compile(r"\bdays? +\d+ *(?:[-–—]|to) *\d+\b", re.IGNORECASE),
    re.compile(rf"\b{_MONTH} +\d{{1,2}}(?:st|nd|rd|th)? *(?:[-–—]|to) *\d{{1,2}}(?:st|nd|rd|th)?,? +\d{{4}}\b"),
)
_PREFIX_RE = re.compile(
    rf"\W*(?:(?P<label>(?:day|entry|session|lesson|week|part|til|no\.?|#) *#?\d+)\W*?)?"
    rf"(?:(?P<weekday>{_WEEKDAY})\.?)?[\s,:\-–—|(\[]*",
    re.IGNORECASE,
)
_EDGE = " \t:-–—|,.✅✔☑✓️"
_YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


@dataclass(frozen=True)
class DayHeading:
    """A heading read as a day: ``day`` when it names exactly one date, else ``reason``."""

    kind: Kind
    day: date | None
    title: str | None
    reason: str | None = None
    weekday: str | None = None
    month_day: tuple[int, int] | None = None  # yearless: (month, day) waiting for a year
    candidates: tuple[date, ...] = ()  # ambiguous: the mdy and dmy readings


def month_number(name: str) -> int | None:
    """1-12 for a month name or its abbreviation (``Sep``, ``Sept``, ``September``), else None."""
    low = name.lower().rstrip(".")
    for number, full in enumerate(FULL_MONTHS, start=1):
        if len(low) >= 3 and full.lower().startswith(low):
            return number
    return None


def _try_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _clean_title(prefix_label: str | None, rest: str) -> str | None:
    """The title: what follows the date without separators, after a kept ``Day 12`` label."""
    rest = rest.lstrip(_EDGE).rstrip()
    if rest.startswith((")", "]")):
        rest = rest[1:].lstrip(_EDGE)
    parts = [p for p in (prefix_label, rest) if p]
    return " — ".join(parts) or None


def _numeric(match: re.Match[str], order: DateOrder | None) -> tuple[Kind, date | None, str | None, tuple[date, ...]]:
    a, b, year = int(match["a"]), int(match["b"]), int(match["year"])
    mdy, dmy = _try_date(year, a, b), _try_date(year, b, a)
    text = match.group(0)
    if order is None and bool(mdy) != bool(dmy):
        order = "mdy" if mdy else "dmy"
    if order is not None:
        found, which = (mdy, "month/day") if order == "mdy" else (dmy, "day/month")
        return ("day", found, None, ()) if found else ("impossible", None, f"impossible date {text!r} ({which})", ())
    if mdy and dmy and mdy == dmy:
        return "day", mdy, None, ()
    if mdy and dmy:
        reason = f"{text!r} is ambiguous (month/day or day/month); pass --date-order mdy or dmy"
        return "ambiguous", None, reason, (mdy, dmy)
    return "impossible", None, f"impossible date {text!r}", ()


def _read_match(
    style: str, match: re.Match[str], order: DateOrder | None
) -> tuple[Kind, date | None, str | None, tuple[date, ...], tuple[int, int] | None]:
    text = match.group(0)
    if style == "iso":
        found = _try_date(int(match["year"]), int(match["mm"]), int(match["dd"]))
        return ("day", found, None, (), None) if found else ("impossible", None, f"impossible date {text!r}", (), None)
    if style == "numeric":
        kind, found, reason, candidates = _numeric(match, order)
        return kind, found, reason, candidates, None
    month = month_number(match["month"])
    if month is None:
        return "impossible", None, f"unknown month {match['month']!r}", (), None
    if style == "yearless":
        if _try_date(2000, month, int(match["day"])) is None:  # 2000 is a leap year
            return "impossible", None, f"impossible date {text!r}", (), None
        return (
            "yearless",
            None,
            f"{text!r} has no year; pass --year or add a heading with the year",
            (),
            (
                month,
                int(match["day"]),
            ),
        )
    found = _try_date(int(match["year"]), month, int(match["day"]))
    return ("day", found, None, (), None) if found else ("impossible", None, f"impossible date {text!r}", (), None)


def _accepted(text: str, match: re.Match[str], style: str) -> tuple[str | None, str | None] | None:
    """(label, weekday) when what precedes the date is a prefix a day heading has, else None."""
    before = text[: match.start()]
    prefix = _PREFIX_RE.fullmatch(before)
    if style == "yearless" and not (prefix and prefix["weekday"]) and text[match.end() :].strip(_EDGE):
        return None  # "May 5 things to try" is a title; "Thursday, May 5" and "May 5" are days
    if prefix is not None:
        return prefix["label"], prefix["weekday"]
    if before.rstrip().endswith(("(", "[")):
        return before.rstrip().rstrip("([").strip(_EDGE) or None, None
    return None


def _find_date(text: str) -> tuple[str, re.Match[str], str | None, str | None] | None:
    """The first date (by pattern preference) preceded only by an accepted prefix."""
    for style, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if "month" in pattern.groupindex and month_number(match["month"]) is None:
                continue
            accepted = _accepted(text, match, style)
            if accepted is not None:
                return style, match, *accepted
    return None


def read_day_heading(source: str, order: DateOrder | None = None) -> DayHeading | None:
    """Read a heading's source text as a day; ``None`` when it does not look like one."""
    text = " ".join(source.split())
    for pattern in _RANGES:
        found_range = pattern.search(text)
        if found_range and _PREFIX_RE.fullmatch(text[: found_range.start()]):
            why = f"{found_range.group(0)!r} is a range of days; split it into one section per day"
            return DayHeading("range", None, None, why)
    found = _find_date(text)
    if found is None:
        return None
    style, match, label, weekday = found
    kind, day, reason, candidates, month_day = _read_match(style, match, order)
    # jrnl's "2021-01-03 11:38 Title" keeps its time in the title: several entries a day become
    # topics, and the time is what tells them apart
    title = _clean_title(label, text[match.end() :])
    if kind == "day" and day is not None and weekday and not _weekday_fits(weekday, day):
        return DayHeading("impossible", None, title, f"{weekday} does not fall on {day.isoformat()}; check the date")
    return DayHeading(kind, day, title, reason, weekday, month_day, candidates)


def _weekday_fits(weekday: str, day: date) -> bool:
    named = next((i for i, w in enumerate(_WEEKDAYS) if w.startswith(weekday.lower()[:3])), None)
    return named is None or named == day.weekday()


def with_year(heading: DayHeading, year: int) -> DayHeading:
    """A yearless heading placed in ``year``; a weekday that does not fit is a reason, not a guess."""
    assert heading.month_day is not None
    month, day_number = heading.month_day
    day = _try_date(year, month, day_number)
    if day is None:
        return DayHeading("impossible", None, heading.title, f"impossible date {month}/{day_number}/{year}")
    if heading.weekday and not _weekday_fits(heading.weekday, day):
        reason = f"{heading.weekday} does not fall on {day.isoformat()}; check the year"
        return DayHeading("impossible", None, heading.title, reason)
    return DayHeading("day", day, heading.title)


def year_in(text: str) -> int | None:
    """A year a container heading names (``## 2024``, ``# Log of January 2025``), if exactly one."""
    years = set(_YEAR_RE.findall(text))
    return int(years.pop()) if len(years) == 1 else None


def infer_order(texts: list[str]) -> DateOrder | None:
    """The order the unambiguous numeric dates of ``texts`` use (``13/4/2024`` is dmy), if they agree."""
    seen: set[DateOrder] = set()
    for text in texts:
        for match in _PATTERNS[1][1].finditer(text):
            a, b = int(match["a"]), int(match["b"])
            if a > 12 >= b:
                seen.add("dmy")
            elif b > 12 >= a:
                seen.add("mdy")
    return seen.pop() if len(seen) == 1 else None
