"""The README's table of contents, between ``<!-- learnlog:toc start/end -->`` markers.

Rendered from the log alone (never from today's date: numbers that change with the calendar
belong to ``learnlog stats``), then passed through mdformat, so the section is byte-identical on
a re-run and already in the style the mdformat hook keeps.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from learnlog.dates import FULL_MONTHS, format_date
from learnlog.generate.render import escape_markdown, format_markdown, longest_streak
from learnlog.model import Entry, Log


def entry_line(entry: Entry, style: str, link_base: str) -> str:
    title = escape_markdown(entry.display_title) if entry.display_title else ""
    line = f"- [{format_date(entry.date, style)}]({link_base}{entry.path})"
    if title:
        line += f": {title}"
    if entry.tags:
        line += " " + " ".join(f"`{t}`" for t in entry.tags)
    return line


def _headline(log: Log, weekly: list[str], backlog: str | None) -> list[str]:
    longest = longest_streak(set(log.entries))
    lines = [f"{len(log.entries)} entries · longest streak {longest} day{'s' * (longest != 1)}", ""]
    if weekly:
        recent = sorted(weekly, reverse=True)
        links = ", ".join(f"[{PurePosixPath(w).stem}]({w})" for w in recent)
        lines += [f"Weekly summaries: {links}", ""]
    if backlog:
        lines += [f"Backlog: [{PurePosixPath(backlog).name}]({backlog})", ""]
    return lines


def render_toc(log: Log, style: str, weekly: list[str], backlog: str | None) -> str:
    """Entries newest first, under a heading per year and per month."""
    lines = _headline(log, weekly, backlog)
    month: tuple[int, int] | None = None
    for entry in log.sorted_entries(newest_first=True):
        day = entry.date
        if month is None or day.year != month[0]:
            if month is not None:
                lines.append("")
            lines += [f"### {day.year}", ""]
            month = None
        if month != (day.year, day.month):
            if month is not None:
                lines.append("")
            month = (day.year, day.month)
            lines += [f"#### {FULL_MONTHS[day.month - 1]} {day.year}", ""]
        lines.append(entry_line(entry, style, ""))
    return format_markdown("\n".join(lines) + "\n")
