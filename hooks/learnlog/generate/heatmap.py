"""The activity heatmap: a self-contained SVG calendar of the last 53 weeks, like GitHub's.

Pure: activity per day and an as-of date in, SVG text out, the same bytes for the same input
(no clock, no randomness). It draws its own background and switches palette with
``prefers-color-scheme``, so it reads the same on a light or dark page, or none.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date, timedelta
from xml.sax.saxutils import escape

from learnlog.dates import MONTHS, format_date
from learnlog.generate.stats import WEEKDAYS, DayActivity

CELL, GAP = 11, 2
PITCH = CELL + GAP
PAD, LEFT, TOP = 10, 30, 18
WEEKS = 53
LEVELS = 4
LIGHT = ("#ebedf0", "#9be9a8", "#40c463", "#30a14e", "#216e39")
DARK = ("#161b22", "#0e4429", "#006d32", "#26a641", "#39d353")
FONT = "10px -apple-system,BlinkMacSystemFont,'Segoe UI',Helvetica,Arial,sans-serif"
STYLE = (
    f".bg{{fill:#ffffff;stroke:#d0d7de}}.t{{fill:#57606a;font:{FONT}}}"
    + "".join(f".l{i}{{fill:{c}}}" for i, c in enumerate(LIGHT))
    + "@media (prefers-color-scheme: dark){.bg{fill:#0d1117;stroke:#30363d}.t{fill:#8b949e}"
    + "".join(f".l{i}{{fill:{c}}}" for i, c in enumerate(DARK))
    + "}"
)


def first_day(as_of: date) -> date:
    """Monday of the week 52 weeks before the as-of date's: the top-left cell."""
    start = as_of - timedelta(weeks=WEEKS - 1)
    return start - timedelta(days=start.weekday())


def size() -> tuple[int, int]:
    width = PAD + LEFT + WEEKS * PITCH - GAP + PAD
    height = PAD + TOP + 7 * PITCH - GAP + 8 + CELL + PAD
    return width, height


def cell_origin(day: date, as_of: date) -> tuple[int, int] | None:
    """Top-left pixel of a day's cell, or ``None`` when the calendar does not show the day."""
    offset = (day - first_day(as_of)).days
    if offset < 0 or day > as_of:
        return None
    return PAD + LEFT + (offset // 7) * PITCH, PAD + TOP + (offset % 7) * PITCH


def level(weight: int, most: int) -> int:
    """0 for nothing logged, else 1 to 4 by share of the busiest day shown."""
    if weight <= 0 or most <= 0:
        return 0
    return max(1, min(LEVELS, math.ceil(LEVELS * weight / most)))


def _text(x: int, y: int, body: str, anchor: str = "start") -> str:
    extra = f' text-anchor="{anchor}"' if anchor != "start" else ""
    return f'<text class="t" x="{x}" y="{y}"{extra}>{escape(body)}</text>'


def _month_labels(start: date) -> list[str]:
    out, last_col = [], -3
    for col in range(WEEKS):
        monday = start + timedelta(weeks=col)
        previous = monday - timedelta(weeks=1)
        if col == 0 or monday.month != previous.month:
            if col - last_col < 3 and col:
                continue
            if col == 0 and (monday + timedelta(weeks=2)).month != monday.month:
                continue  # a month's last days: too narrow for a label
            name = MONTHS[monday.month - 1] + (f" {monday.year}" if monday.month == 1 else "")
            out.append(_text(PAD + LEFT + col * PITCH, PAD + TOP - 6, name))
            last_col = col
    return out


def _cells(activity: Mapping[date, DayActivity], as_of: date, style: str) -> tuple[list[str], int]:
    start = first_day(as_of)
    shown = [start + timedelta(days=n) for n in range((as_of - start).days + 1)]
    most = max((activity[d].weight for d in shown if d in activity), default=0)
    out, logged = [], 0
    for day in shown:
        x, y = cell_origin(day, as_of) or (0, 0)
        found = activity.get(day)
        shade = level(found.weight, most) if found else 0
        logged += found is not None
        label = found.label if found else f"{format_date(day, style)}: nothing logged"
        out.append(
            f'<rect class="l{shade}" x="{x}" y="{y}" width="{CELL}" height="{CELL}" rx="2" '
            f'fill="{LIGHT[shade]}" data-date="{day.isoformat()}" data-level="{shade}">'
            f"<title>{escape(label)}</title></rect>"
        )
    return out, logged


def render_heatmap(activity: Mapping[date, DayActivity], as_of: date, style: str) -> str:
    """The SVG document (one cell per day up to ``as_of``, each with a ``<title>`` tooltip)."""
    width, height = size()
    start = first_day(as_of)
    cells, logged = _cells(activity, as_of, style)
    legend_y = PAD + TOP + 7 * PITCH - GAP + 8
    days = f"{logged} day{'s' * (logged != 1)}"
    caption = f"{days} logged from {format_date(start, style)} to {format_date(as_of, style)}"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="heatmap-title">',
        f'<title id="heatmap-title">Learning log activity: {escape(caption)}</title>',
        f"<style>{STYLE}</style>",
        f'<rect class="bg" x="0.5" y="0.5" width="{width - 1}" height="{height - 1}" rx="6" '
        'fill="#ffffff" stroke="#d0d7de"/>',
        *_month_labels(start),
        *(_text(PAD, PAD + TOP + row * PITCH + CELL - 1, WEEKDAYS[row]) for row in (0, 2, 4)),
        *cells,
        _text(PAD + LEFT, legend_y + CELL - 1, caption),
    ]
    legend_x = width - PAD - LEVELS * PITCH - CELL - 28
    parts.append(_text(legend_x - 4, legend_y + CELL - 1, "Less", "end"))
    for shade in range(LEVELS + 1):
        x = legend_x + shade * PITCH
        parts.append(
            f'<rect class="l{shade}" x="{x}" y="{legend_y}" width="{CELL}" height="{CELL}" rx="2" '
            f'fill="{LIGHT[shade]}"><title>level {shade}</title></rect>'
        )
    parts.append(_text(legend_x + (LEVELS + 1) * PITCH + 2, legend_y + CELL - 1, "More"))
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
