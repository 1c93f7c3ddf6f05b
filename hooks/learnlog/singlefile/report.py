"""What an import will do, in words: the preview table, the problems, and why nothing matched.

Pure: a :class:`SplitLog` in, text out. A person deciding whether to run the import needs to
see every day found and every part that will not become a day, with the reason, before a file
is written.
"""

from __future__ import annotations

from collections import Counter

from learnlog.diagnostics import Diagnostic
from learnlog.layout import BACKLOG_NAME
from learnlog.singlefile.split import Leftover, SplitLog

PROBLEM_CODES = {"impossible": "LL401", "range": "LL402", "ambiguous": "LL403", "yearless": "LL404"}
_WIDTH = 48


def _short(text: str, width: int = _WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def preview(split: SplitLog, log_dir: str) -> str:
    """The dry-run table: each day (line, date, title, entry), then what goes to the backlog."""
    entries = len({p.path for p in split.placed})
    out = [f"{len(split.placed)} dated section(s) -> {entries} entr{'y' if entries == 1 else 'ies'}"]
    out.append(f"  {'line':>5}  {'date':<10}  {'title':<{_WIDTH}}  entry")
    for placed in split.placed:
        title = _short(placed.title or "-")
        where = placed.path + (f" (topic {placed.part} of {placed.parts})" if placed.parts > 1 else "")
        out.append(f"  {placed.line:>5}  {placed.day.isoformat():<10}  {title:<{_WIDTH}}  {where}")
    if split.leftovers:
        out.append(f"to the backlog ({log_dir}/{BACKLOG_NAME}):")
        out.append(f"  {'lines':>11}  {'what':<{_WIDTH}}  why")
        for left in split.leftovers:
            span = f"{left.line}-{left.end}" if left.end > left.line else str(left.line)
            out.append(f"  {span:>11}  {_short(left.what or '(text)'):<{_WIDTH}}  {left.reason}")
    return "\n".join(out)


def problems(split: SplitLog, shown_path: str) -> list[Diagnostic]:
    """Sections that look like days but cannot be placed on one date, as diagnostics."""
    found = []
    for left in split.leftovers:
        if left.problem:
            code = PROBLEM_CODES.get(left.kind, "LL401")
            found.append(Diagnostic(shown_path, left.line, 1, code, left.reason))
    return found


def _hint(leftovers: list[Leftover]) -> str:
    kinds = {left.kind for left in leftovers if left.problem}
    if "ambiguous" in kinds:
        return "pass --date-order mdy or --date-order dmy"
    if "yearless" in kinds:
        return "pass --year YYYY (or put the days under a heading that names the year)"
    return (
        "start each day's heading with its date, for example '## Sep 9, 2024: Title' or "
        "'### 2024-09-09 Title' (H2 to H4), then run the import again"
    )


def nothing_found(split: SplitLog, source: str) -> str:
    """Why no day was found: what the file has instead, and how to proceed."""
    if not split.headings:
        seen = "no headings at all"
    elif any(left.problem for left in split.leftovers):
        count = sum(1 for left in split.leftovers if left.problem)
        seen = f"{count} heading(s) look like days but none can be placed on one date"
    else:
        levels = Counter(level for _, level, _ in split.headings)
        level, count = levels.most_common(1)[0]
        example = next(text for _, lvl, text in split.headings if lvl == level)
        seen = f"no dated headings; {count} H{level} heading(s) like {_short(example, 40)!r}"
    return f"{source}: {seen}; nothing written.\n  To proceed: {_hint(split.leftovers)}."
