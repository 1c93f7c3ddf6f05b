"""The README's table of contents, between ``<!-- learnlog:toc start/end -->`` markers.

Rendered from the log alone (plus today's date for the streak), then passed through mdformat,
so the section is byte-identical on a re-run and already in the style the mdformat hook keeps.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path

from learnlog.config import Config
from learnlog.dates import FULL_MONTHS, format_date
from learnlog.models import Entry, Log

TOC_START = "<!-- learnlog:toc start -->"
TOC_END = "<!-- learnlog:toc end -->"


def streak_ending(days: set[date], last: date) -> int:
    """Consecutive logged days ending on ``last``."""
    count = 0
    while last - timedelta(days=count) in days:
        count += 1
    return count


def streaks(days: Iterable[date], today: date) -> tuple[int, int]:
    """(current, longest): the current streak counts from today, or from yesterday when today
    has no entry yet."""
    logged = set(days)
    current = streak_ending(logged, today) or streak_ending(logged, today - timedelta(days=1))
    longest = max((streak_ending(logged, d) for d in logged if d + timedelta(days=1) not in logged), default=0)
    return current, longest


def escape_markdown(text: str) -> str:
    """Escape characters that would turn a title into markup in a list item or link text."""
    out = []
    for char in text:
        if char in "\\`*_[]<>|#!":
            out.append("\\" + char)
        else:
            out.append(char)
    return "".join(out)


def entry_line(entry: Entry, style: str, link_base: str) -> str:
    title = escape_markdown(entry.display_title) if entry.display_title else ""
    line = f"- [{format_date(entry.date, style)}]({link_base}{entry.path})"
    if title:
        line += f": {title}"
    if entry.tags:
        line += " " + " ".join(f"`{t}`" for t in entry.tags)
    return line


def format_markdown(text: str) -> str:
    import mdformat

    return str(mdformat.text(text, extensions={"gfm"}))


def render_toc(log: Log, today: date, style: str, weekly: list[str], backlog: str | None) -> str:
    entries = log.sorted_entries(newest_first=True)
    current, longest = streaks(log.entries, today)
    this_year = sum(1 for d in log.entries if d.year == today.year)
    lines = [
        f"{len(entries)} entries · {this_year} days logged in {today.year} · current streak "
        f"{current} day{'s' * (current != 1)} · longest streak {longest} day{'s' * (longest != 1)}",
        "",
    ]
    extras = []
    if weekly:
        recent = sorted(weekly, reverse=True)
        extras.append("Weekly summaries: " + ", ".join(f"[{Path(w).stem}]({w})" for w in recent))
    if backlog:
        extras.append(f"Backlog: [{Path(backlog).name}]({backlog})")
    for extra in extras:
        lines += [extra, ""]
    year = month = None
    for entry in entries:
        if entry.date.year != year:
            year, month = entry.date.year, None
            lines += [f"### {year}", ""]
        if entry.date.month != month:
            month = entry.date.month
            lines += [f"#### {FULL_MONTHS[month - 1]} {year}", ""]
        lines.append(entry_line(entry, style, ""))
        next_index = entries.index(entry) + 1
        if (
            next_index == len(entries)
            or entries[next_index].date.month != month
            or entries[next_index].date.year != year
        ):
            lines.append("")
    return format_markdown("\n".join(lines))


def splice(text: str, body: str, start: str = TOC_START, end: str = TOC_END) -> str:
    """Put ``body`` between the markers (appended at the end when missing); nothing else moves."""
    block = f"{start}\n\n{body.strip()}\n\n{end}" if body.strip() else f"{start}\n\n{end}"
    if start in text and end in text and text.index(start) < text.index(end):
        head, rest = text.split(start, 1)
        _, tail = rest.split(end, 1)
        return head + block + tail
    sep = "" if not text or text.endswith("\n\n") else ("\n" if text.endswith("\n") else "\n\n")
    return f"{text}{sep}{block}\n"


def update_readme(root: Path, config: Config, today: date, *, check: bool) -> int:
    from learnlog.loading import load_log
    from learnlog.textfiles import write_atomic

    log = load_log(root, config)
    weekly_dir = root / config.weekly_dir
    weekly = sorted(p.relative_to(root).as_posix() for p in weekly_dir.glob("*.md")) if weekly_dir.is_dir() else []
    backlog = log.backlog.path if log.backlog else None
    body = render_toc(log, today, config.date_style, weekly, backlog)
    readme = root / config.readme
    old = readme.read_text(encoding="utf-8") if readme.is_file() else ""
    new = splice(old, body)
    if new == old:
        return 0
    if check:
        print(f"{config.readme}: table of contents is stale (run 'learnlog toc')", file=sys.stderr)
        return 1
    write_atomic(readme, new.encode("utf-8"))
    print(f"Updated table of contents in {config.readme} ({len(log.entries)} entries)")
    return 0
