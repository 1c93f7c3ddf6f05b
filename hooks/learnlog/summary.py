"""Weekly summaries: ``log/weekly/YYYY-Www.md``, one per ISO week, generated, never edited."""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path

from learnlog.config import Config
from learnlog.dates import ISO_WEEK_RE, format_date
from learnlog.entries import GENERATED_MARKER
from learnlog.gitdates import History, read_history
from learnlog.models import Log
from learnlog.toc import escape_markdown, format_markdown, streak_ending


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
    return f"{year}-W{week:02d}"


def render_summary(log: Log, year: int, week: int, history: History, style: str, weekly_dir: str) -> str:
    monday = date.fromisocalendar(year, week, 1)
    sunday = monday + timedelta(days=6)
    days = [e for e in log.sorted_entries() if monday <= e.date <= sunday]
    up = "../" * len(Path(weekly_dir).parts)
    lines = [
        GENERATED_MARKER,
        "",
        f"# Week {week_name(year, week)}: {format_date(monday, style)} – {format_date(sunday, style)}",
        "",
    ]
    lines += [
        f"- Days logged: {len(days)} of 7",
        f"- Streak at week's end: {streak_ending(set(log.entries), sunday)} days",
        "",
    ]
    lines += ["## Entries", ""]
    for entry in days:
        title = escape_markdown(entry.display_title)
        lines.append(f"- [{format_date(entry.date, style)}]({up}{entry.path})" + (f": {title}" if title else ""))
        for topic in entry.topics:
            if topic.level == 2:
                lines.append(f"  - [{escape_markdown(topic.title)}]({up}{entry.path}#{topic.anchor})")
    if not days:
        lines.append("No entries this week.")
    lines += ["", "## Resources", ""]
    seen: set[str] = set()
    for entry in days:
        for link in entry.links:
            if link.target.startswith(("http://", "https://")) and link.target not in seen:
                seen.add(link.target)
                text = escape_markdown(link.text) if link.text and link.text != link.target else link.target
                lines.append(f"- [{text}]({link.target})" if text != link.target else f"- <{link.target}>")
    if not seen:
        lines.append("No external resources this week.")
    opened = [(e, t) for e in days for t in e.tasks if not t.done]
    done = [(e, t) for e in days for t in e.tasks if t.done]
    lines += ["", "## Tasks", ""]
    lines += [f"- [ ] {escape_markdown(t.text)} ({format_date(e.date, style)})" for e, t in opened]
    lines += [f"- [x] {escape_markdown(t.text)} ({format_date(e.date, style)})" for e, t in done]
    if not opened and not done:
        lines.append("No tasks this week.")
    if log.backlog is not None:
        backlog_open = [t for t in log.backlog.tasks if not t.done]
        items = [f"- {escape_markdown(t.text)}" for t in backlog_open] or [
            f"- [{escape_markdown(t.title)}]({up}{log.backlog.path}#{t.anchor})"
            for t in log.backlog.topics
            if t.level == 3
        ]
        lines += ["", "### Open backlog items", "", *(items or ["None."])]
    lines += ["", "## Changes in git", ""]
    if not history.available:
        lines.append(
            f"Git history unavailable ({history.reason}); entries are listed by the dates in their file names."
        )
        lines += [f"- Logged: [{format_date(e.date, style)}]({up}{e.path})" for e in days]
    else:
        added = sorted(
            p for p, d in history.created.items() if monday <= d <= sunday and p.startswith(Path(weekly_dir).parts[0])
        )
        edited = sorted(
            p for p, ds in history.edits.items() if any(monday <= d <= sunday for d in ds) and p not in added
        )
        added = [p for p in added if not p.startswith(weekly_dir)]
        edited = [p for p in edited if not p.startswith(weekly_dir)]
        lines += [f"- Added: [{p}]({up}{p})" for p in added]
        lines += [f"- Edited: [{p}]({up}{p})" for p in edited]
        if not added and not edited:
            lines.append("No entries were added or edited in this week's commits.")
    return format_markdown("\n".join(lines) + "\n")


def default_weeks(today: date) -> list[tuple[int, int]]:
    """The last complete ISO week and the current one."""
    last = (today - timedelta(days=7)).isocalendar()
    now = today.isocalendar()
    return [(last.year, last.week), (now.year, now.week)]


def run_summary(root: Path, config: Config, today: date, *, week: str | None, every_week: bool, check: bool) -> int:
    from learnlog.loading import load_log
    from learnlog.textfiles import write_atomic

    log = load_log(root, config)
    if week:
        weeks = [parse_week(week)]
    elif every_week:
        weeks = sorted({(d.isocalendar().year, d.isocalendar().week) for d in log.entries})
    else:
        weeks = default_weeks(today)
    history = read_history(root, config.log_dir + "/")
    if not history.available:
        print(f"note: {history.reason}; using the dates in file names", file=sys.stderr)
    stale = 0
    for year, number in weeks:
        path = root / config.weekly_dir / f"{week_name(year, number)}.md"
        text = render_summary(log, year, number, history, config.date_style, config.weekly_dir)
        old = path.read_text(encoding="utf-8") if path.is_file() else None
        if old == text:
            continue
        stale += 1
        if check:
            print(f"{path.relative_to(root).as_posix()}: stale (run 'learnlog summary')", file=sys.stderr)
        else:
            write_atomic(path, text.encode("utf-8"))
            print(f"wrote {path.relative_to(root).as_posix()}")
    return 1 if check and stale else 0
