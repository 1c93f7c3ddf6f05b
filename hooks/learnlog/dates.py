"""Entry dates in the log's date style: ``Sep 9, 2024`` (the user's, the default) or ISO.

Parsing reports *why* a date is wrong (unparseable vs impossible) because the two need
different fixes from the author.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
FULL_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MDY_RE = re.compile(r"(?P<month>[A-Za-z]+)\.? +(?P<day>\d{1,2}), *(?P<year>\d{4})")
_ISO_RE = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})")
ISO_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
DATE_TARGET_RE = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})(?P<fragment>#.*)?$")
ENTRY_NAME_RE = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\.md")
ISO_WEEK_RE = re.compile(r"(?P<year>\d{4})-W(?P<week>\d{2})")


@dataclass(frozen=True)
class DateParse:
    """Outcome of reading a date: the date, or why there is none."""

    value: date | None
    error: str | None = None


def _month_number(name: str) -> int | None:
    low = name.lower()
    for i, (short, full) in enumerate(zip(MONTHS, FULL_MONTHS, strict=True), start=1):
        if low in (short.lower(), full.lower()):
            return i
    return None


def _build(year: int, month: int, day: int, text: str) -> DateParse:
    try:
        return DateParse(date(year, month, day))
    except ValueError as exc:
        return DateParse(None, f"impossible date {text!r}: {exc}")


def match_date_prefix(text: str, style: str) -> tuple[DateParse, int] | None:
    """Read a date at the start of ``text``; return it and the number of characters used.

    ``None`` means the text does not even look like a date in ``style``.
    """
    if style == "iso":
        m = _ISO_RE.match(text)
        if not m:
            return None
        return _build(int(m["year"]), int(m["month"]), int(m["day"]), m.group(0)), m.end()
    m = _MDY_RE.match(text)
    if not m:
        return None
    month = _month_number(m["month"])
    if month is None:
        return DateParse(None, f"unknown month {m['month']!r} in {m.group(0)!r}"), m.end()
    return _build(int(m["year"]), month, int(m["day"]), m.group(0)), m.end()


def format_date(day: date, style: str) -> str:
    """Write a date in the log's style (``Sep 9, 2024`` or ``2024-09-09``)."""
    if style == "iso":
        return day.isoformat()
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def date_from_entry_name(name: str) -> DateParse | None:
    """The date a file name ``YYYY-MM-DD.md`` claims, or ``None`` if the name is not one."""
    m = ENTRY_NAME_RE.fullmatch(name)
    if not m:
        return None
    return _build(int(m["year"]), int(m["month"]), int(m["day"]), name)


def resolve_day(spec: str, today: date) -> date:
    """``today``, ``yesterday`` or an ISO date; raises ``ValueError`` with a helpful message."""
    if spec == "today":
        return today
    if spec == "yesterday":
        if today == date.min:
            raise ValueError(f"there is no day before {today.isoformat()}")
        return today - timedelta(days=1)
    try:
        return date.fromisoformat(spec)
    except ValueError:
        if ISO_DATE_RE.fullmatch(spec):
            raise ValueError(f"{spec!r} is not a real day (check the month and the day)") from None
        raise ValueError(f"{spec!r} is not 'today', 'yesterday' or a date like 2024-09-09") from None


def date_link_path(target: str, log_dir: str) -> str | None:
    """``2024-09-10[#x]`` -> ``log/2024/2024-09-10.md[#x]`` (repo-relative), else None."""
    match = DATE_TARGET_RE.match(target)
    if not match:
        return None
    day = match["date"]
    return f"{log_dir}/{day[:4]}/{day}.md" + (match["fragment"] or "")


@dataclass(frozen=True)
class DateHeading:
    """What an entry's H1 says: its date text (or None), and its title after a colon."""

    parsed: DateParse | None
    date_text: str
    title: str | None
    has_colon: bool


def read_date_heading(text: str, style: str) -> DateHeading:
    found = match_date_prefix(text, style)
    if found is None:
        return DateHeading(None, text, None, False)
    parsed, used = found
    stripped = text[used:].strip()
    if stripped.startswith(":"):
        title = stripped[1:].strip()
        return DateHeading(parsed, text[:used], title or None, True)
    return DateHeading(parsed, text[:used], stripped or None, False)
