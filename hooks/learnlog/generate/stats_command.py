"""``learnlog stats``: print the log's numbers, or write the activity heatmap SVG."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from learnlog.diagnostics import ExitCode
from learnlog.files import relative_to_root
from learnlog.generate.heatmap import render_heatmap
from learnlog.generate.load import load_project_log
from learnlog.generate.output import write_generated
from learnlog.generate.stats import compute_stats, day_activity, render_stats_text, stats_json


@dataclass(frozen=True)
class Options:
    as_of: date | None = None
    format: str = "text"
    svg: str | None = None  # "": the configured path; else a path as typed
    check: bool = False


def heatmap_as_of(entries: list[date], as_of: date | None, today: date) -> date:
    """The heatmap ends on ``--as-of``, else on the newest entry: a file that CI regenerates
    then changes only when the log does, not every day. An empty log ends today."""
    if as_of:
        return as_of
    return max(entries, default=today)


def run(options: Options) -> int:
    project, log = load_project_log()
    config = project.config
    if options.svg is not None:
        target = config.heatmap if options.svg == "" else relative_to_root(Path(options.svg), project.root)
        end = heatmap_as_of(list(log.entries), options.as_of, project.today)
        svg = render_heatmap(day_activity(log, config.date_style), end, config.date_style)
        return write_generated(project.root, target, svg, "learnlog stats --svg", check=options.check)
    stats = compute_stats(log, options.as_of or project.today)
    if options.format == "json":
        print(json.dumps(stats_json(stats), indent=2, ensure_ascii=False))
    else:
        print(render_stats_text(stats), end="")
    return ExitCode.OK
