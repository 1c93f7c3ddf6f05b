"""What the log adds up to: counts, streaks and activity per day, week, month and weekday.

Pure: a :class:`~learnlog.models.Log` and an as-of date in, a :class:`Stats` out. Entries after
the as-of date are left out, so ``--as-of`` shows the log as it stood that day.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from learnlog.dates import format_date
from learnlog.generate.render import current_streak, longest_streak
from learnlog.model import Entry, LinkKind, Log

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
RECENT_WEEKS = 8
RECENT_MONTHS = 12


@dataclass(frozen=True)
class DayActivity:
    """One logged day as the heatmap shows it: how much, and a label for its tooltip."""

    weight: int
    label: str


@dataclass(frozen=True)
class Stats:
    as_of: date
    entries: int
    first_day: date | None
    last_day: date | None
    days_logged_in_year: int
    current_streak: int
    longest_streak: int
    per_week: dict[str, int]
    per_month: dict[str, int]
    per_weekday: dict[str, int]
    top_tags: list[tuple[str, int]]
    topics: int
    links: int
    external_links: int
    open_tasks: int
    done_tasks: int


def counted_links(entry: Entry) -> int:
    """Links as a reader counts them: a reference link and its definition are one link."""
    return sum(1 for link in entry.links if link.kind is not LinkKind.DEFINITION)


def topic_count(entry: Entry) -> int:
    return sum(1 for topic in entry.topics if topic.level == 2)


def week_key(day: date) -> str:
    iso = day.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"


def entries_until(log: Log, as_of: date) -> list[Entry]:
    return [e for e in log.sorted_entries() if e.date <= as_of]


def _calendar_counts(days: list[date]) -> dict[str, Any]:
    return {
        "per_week": dict(sorted(Counter(week_key(d) for d in days).items())),
        "per_month": dict(sorted(Counter(f"{d.year:04d}-{d.month:02d}" for d in days).items())),
        "per_weekday": {name: sum(1 for d in days if d.weekday() == i) for i, name in enumerate(WEEKDAYS)},
    }


def _content_counts(entries: list[Entry], top: int) -> dict[str, Any]:
    tags = Counter(tag for e in entries for tag in e.tags)
    links = [link.target for e in entries for link in e.links]
    tasks = [t.done for e in entries for t in e.tasks]
    return {
        "top_tags": sorted(tags.items(), key=lambda item: (-item[1], item[0]))[:top],
        "topics": sum(topic_count(e) for e in entries),
        "links": sum(counted_links(e) for e in entries),
        "external_links": len({t for t in links if t.startswith(("http://", "https://"))}),
        "open_tasks": tasks.count(False),
        "done_tasks": tasks.count(True),
    }


def compute_stats(log: Log, as_of: date, top: int = 10) -> Stats:
    entries = entries_until(log, as_of)
    days = [e.date for e in entries]
    logged = set(days)
    return Stats(
        as_of=as_of,
        entries=len(entries),
        first_day=days[0] if days else None,
        last_day=days[-1] if days else None,
        days_logged_in_year=sum(1 for d in days if d.year == as_of.year),
        current_streak=current_streak(logged, as_of),
        longest_streak=longest_streak(logged),
        **_calendar_counts(days),
        **_content_counts(entries, top),
    )


def day_activity(log: Log, style: str) -> dict[date, DayActivity]:
    """Every logged day weighted by what it holds: one for logging at all, plus its topics and
    links (so a day with only notes still shows)."""
    out = {}
    for entry in log.entries.values():
        topics, links = topic_count(entry), counted_links(entry)
        label = format_date(entry.date, style)
        if entry.display_title:
            label += f": {entry.display_title}"
        label += f" ({topics} topic{'s' * (topics != 1)}, {links} link{'s' * (links != 1)})"
        out[entry.date] = DayActivity(1 + topics + links, label)
    return out


def recent_weeks(stats: Stats, count: int = RECENT_WEEKS) -> list[tuple[str, int]]:
    """The last ``count`` ISO weeks up to the as-of date, empty weeks included."""
    keys = [week_key(stats.as_of - timedelta(weeks=n)) for n in reversed(range(count))]
    return [(key, stats.per_week.get(key, 0)) for key in keys]


def recent_months(stats: Stats, count: int = RECENT_MONTHS) -> list[tuple[str, int]]:
    year, month = stats.as_of.year, stats.as_of.month
    keys = []
    for _ in range(count):
        keys.append(f"{year}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return [(key, stats.per_month.get(key, 0)) for key in reversed(keys)]


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' * (count != 1)}"


def _bars(rows: list[tuple[str, int]]) -> list[str]:
    most = max((n for _, n in rows), default=0) or 1
    width = max((len(k) for k, _ in rows), default=0)
    return [f"  {key:<{width}}  {n:>3} {'█' * round(12 * n / most)}".rstrip() for key, n in rows]


def render_stats_text(stats: Stats) -> str:
    span = f" ({stats.first_day} to {stats.last_day})" if stats.first_day else ""
    lines = [
        f"As of {stats.as_of}",
        f"Entries: {stats.entries}{span}",
        f"Days logged in {stats.as_of.year}: {stats.days_logged_in_year}",
        f"Streak: current {_plural(stats.current_streak, 'day')}, longest {_plural(stats.longest_streak, 'day')}",
        f"Topics: {stats.topics} · Links: {stats.links} ({stats.external_links} distinct web addresses)",
        f"Tasks: {stats.open_tasks} open, {stats.done_tasks} done",
        "",
        f"Entries per week (last {RECENT_WEEKS}):",
        *_bars(recent_weeks(stats)),
        "",
        f"Entries per month (last {RECENT_MONTHS}):",
        *_bars(recent_months(stats)),
        "",
        "Entries per weekday:",
        *_bars(list(stats.per_weekday.items())),
        "",
        "Top tags:",
    ]
    lines += [f"  {tag}  {n}" for tag, n in stats.top_tags] or ["  (none)"]
    return "\n".join(lines) + "\n"


def stats_json(stats: Stats) -> dict[str, Any]:
    """Plain JSON types; weeks and months keep every period that has an entry."""
    return {
        "as_of": stats.as_of.isoformat(),
        "entries": stats.entries,
        "first_day": stats.first_day.isoformat() if stats.first_day else None,
        "last_day": stats.last_day.isoformat() if stats.last_day else None,
        "days_logged_in_year": stats.days_logged_in_year,
        "current_streak": stats.current_streak,
        "longest_streak": stats.longest_streak,
        "per_week": stats.per_week,
        "per_month": stats.per_month,
        "per_weekday": stats.per_weekday,
        "top_tags": [{"tag": tag, "entries": n} for tag, n in stats.top_tags],
        "topics": stats.topics,
        "links": stats.links,
        "external_links": stats.external_links,
        "tasks": {"open": stats.open_tasks, "done": stats.done_tasks},
    }
