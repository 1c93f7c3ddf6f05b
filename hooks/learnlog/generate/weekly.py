"""Weekly summaries: ``log/weekly/YYYY-Www.md``, one per ISO week, generated, never edited.

Pure: each section is a small renderer over the week's entries and the git history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import PurePosixPath

from learnlog.dates import ISO_WEEK_RE, format_date
from learnlog.generate.gitdates import History
from learnlog.generate.render import escape_markdown, format_markdown, shift, streak_lengths
from learnlog.layout import GENERATED_MARKER
from learnlog.model import Entry, Log


def parse_week(spec: str) -> tuple[int, int]:
    match = ISO_WEEK_RE.fullmatch(spec)
    if not match:
        raise ValueError(f"{spec!r} is not an ISO week like 2024-W37")
    year, week = int(match["year"]), int(match["week"])
    try:
        date.fromisocalendar(year, week, 1)
    except ValueError:
        raise ValueError(f"{spec!r}: {year} has no week {week}") from None
    return year, week


def week_name(year: int, week: int) -> str:
    return f"{year:04d}-W{week:02d}"


@dataclass(frozen=True)
class Week:
    """One ISO week of the log, and how its files link back up to the entries."""

    year: int
    number: int
    monday: date
    sunday: date
    days: list[Entry]
    up: str
    style: str

    @classmethod
    def of(cls, year: int, number: int, style: str, weekly_dir: str, days: list[Entry]) -> Week:
        monday = date.fromisocalendar(year, number, 1)
        sunday = shift(monday, 6) or date.max
        return cls(year, number, monday, sunday, days, "../" * len(PurePosixPath(weekly_dir).parts), style)

    def day(self, entry: Entry) -> str:
        return format_date(entry.date, self.style)


def _entries(week: Week) -> list[str]:
    lines = ["## Entries", ""]
    for entry in week.days:
        title = escape_markdown(entry.display_title)
        lines.append(f"- [{week.day(entry)}]({week.up}{entry.path})" + (f": {title}" if title else ""))
        lines += [
            f"  - [{escape_markdown(t.title)}]({week.up}{entry.path}#{t.anchor})" for t in entry.topics if t.level == 2
        ]
    return lines if week.days else [*lines, "No entries this week."]


def _resources(week: Week) -> list[str]:
    lines = ["## Resources", ""]
    seen: set[str] = set()
    for link in (link for entry in week.days for link in entry.links):
        if link.target.startswith(("http://", "https://")) and link.target not in seen:
            seen.add(link.target)
            text = escape_markdown(link.text) if link.text and link.text != link.target else link.target
            lines.append(f"- [{text}]({link.target})" if text != link.target else f"- <{link.target}>")
    return lines if seen else [*lines, "No external resources this week."]


def _tasks(week: Week, log: Log) -> list[str]:
    lines = ["## Tasks", ""]
    for done, box in ((False, "[ ]"), (True, "[x]")):
        lines += [
            # a task's text is its Markdown source (a link in it stays a link)
            f"- {box} {t.text} ({week.day(e)})"
            for e in week.days
            for t in e.tasks
            if t.done == done
        ]
    if len(lines) == 2:
        lines.append("No tasks this week.")
    if log.backlog is not None:
        backlog = log.backlog
        items = [f"- {t.text}" for t in backlog.tasks if not t.done] or [
            f"- [{escape_markdown(t.title)}]({week.up}{backlog.path}#{t.anchor})"
            for t in backlog.topics
            if t.level == 3
        ]
        lines += ["", "### Open backlog items", "", *(items or ["None."])]
    return lines


@dataclass(frozen=True)
class WeekIndex:
    """The log and its git history sorted by ISO week once, so rendering every week of ten
    years costs one pass over them, not one per week."""

    days: dict[tuple[int, int], list[Entry]]
    streaks: dict[date, int]
    added: dict[tuple[int, int], set[str]]
    edited: dict[tuple[int, int], set[str]]

    @classmethod
    def of(cls, log: Log, history: History, weekly_dir: str) -> WeekIndex:
        log_root = PurePosixPath(weekly_dir).parts[0]
        weekly = weekly_dir.rstrip("/") + "/"

        def in_log(path: str) -> bool:
            return path.startswith(log_root) and not path.startswith(weekly)

        added: dict[tuple[int, int], set[str]] = {}
        edited: dict[tuple[int, int], set[str]] = {}
        for path, day in history.created.items():
            if in_log(path):
                added.setdefault(_iso_week(day), set()).add(path)
        for path, days in history.edits.items():
            for day in days if in_log(path) else ():
                edited.setdefault(_iso_week(day), set()).add(path)
        return cls(entries_by_week(log), streak_lengths(set(log.entries)), added, edited)

    def changes(self, key: tuple[int, int]) -> tuple[list[str], list[str]]:
        """Log files (not summaries) first committed, and edited, in the week."""
        added = self.added.get(key, set())
        return sorted(added), sorted(self.edited.get(key, set()) - added)


def _iso_week(day: date) -> tuple[int, int]:
    iso = day.isocalendar()
    return iso.year, iso.week


MAX_LISTED_CHANGES = 50


def _listed(verb: str, paths: list[str], up: str) -> list[str]:
    """At most ``MAX_LISTED_CHANGES`` files a kind: a week that imported a whole log would
    otherwise list thousands, which no reader wants (and which mdformat formats in quadratic
    time)."""
    lines = [f"- {verb}: [{p}]({up}{p})" for p in paths[:MAX_LISTED_CHANGES]]
    if len(paths) > MAX_LISTED_CHANGES:
        lines.append(f"- {verb}: {len(paths) - MAX_LISTED_CHANGES} more files")
    return lines


def _git_changes(week: Week, history: History, index: WeekIndex) -> list[str]:
    lines = ["## Changes in git", ""]
    if not history.available:
        lines.append(
            f"Git history unavailable ({history.reason}); entries are listed by the dates in their file names."
        )
        return lines + [f"- Logged: [{week.day(e)}]({week.up}{e.path})" for e in week.days]
    added, edited = index.changes((week.year, week.number))
    lines += _listed("Added", added, week.up) + _listed("Edited", edited, week.up)
    if not added and not edited:
        lines.append("No entries were added or edited in this week's commits.")
    return lines


def render_summary(
    log: Log, year: int, number: int, history: History, style: str, weekly_dir: str, index: WeekIndex | None = None
) -> str:
    """One week's summary; ``index`` (shared by all the weeks of a run) saves scans of the log."""
    index = index or WeekIndex.of(log, history, weekly_dir)
    week = Week.of(year, number, style, weekly_dir, index.days.get((year, number), []))
    streak = index.streaks.get(week.sunday, 0)
    lines = [
        GENERATED_MARKER,
        "",
        f"# Week {week_name(year, number)}: {format_date(week.monday, style)} – {format_date(week.sunday, style)}",
        "",
        f"- Days logged: {len(week.days)} of 7",
        f"- Streak at week's end: {streak} days",
        "",
    ]
    for section in (_entries(week), _resources(week), _tasks(week, log), _git_changes(week, history, index)):
        lines += [*section, ""]
    return format_markdown("\n".join(lines))


def entries_by_week(log: Log) -> dict[tuple[int, int], list[Entry]]:
    """Every entry under its ISO week, oldest first: one pass, not one scan per week."""
    grouped: dict[tuple[int, int], list[Entry]] = {}
    for entry in log.sorted_entries():
        iso = entry.date.isocalendar()
        grouped.setdefault((iso.year, iso.week), []).append(entry)
    return grouped


def weeks_of(days: list[date]) -> list[tuple[int, int]]:
    return sorted({(d.isocalendar().year, d.isocalendar().week) for d in days})


def default_weeks(days: list[date]) -> list[tuple[int, int]]:
    """The two newest ISO weeks that have entries: what a push that adds an entry changes.
    Chosen from the log, not from today's date, so the workflow writes no empty summaries for
    weeks nobody logged and a re-run on another day changes nothing."""
    return weeks_of(days)[-2:]


def render_summaries(
    log: Log, weeks: list[tuple[int, int]], history: History, style: str, weekly_dir: str
) -> list[str]:
    """Each week's summary, in the order of ``weeks``."""
    index = WeekIndex.of(log, history, weekly_dir)
    return [render_summary(log, y, n, history, style, weekly_dir, index) for y, n in weeks]
