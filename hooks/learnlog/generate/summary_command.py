"""``learnlog summary``: write the weekly summaries (``--check``: only say which are stale)."""

from __future__ import annotations

import sys
from dataclasses import dataclass

from learnlog.diagnostics import ExitCode, UsageError
from learnlog.files import write_atomic
from learnlog.generate.gitdates import read_history
from learnlog.generate.load import load_project_log
from learnlog.generate.weekly import default_weeks, entries_by_week, parse_week, render_summary, week_name, weeks_of


@dataclass(frozen=True)
class Options:
    week: str | None = None
    all: bool = False
    check: bool = False


def run(options: Options) -> int:
    project, log = load_project_log()
    root, config = project.root, project.config
    try:
        weeks = [parse_week(options.week)] if options.week else []
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if not options.week:
        weeks = weeks_of(list(log.entries)) if options.all else default_weeks(project.today)
    history = read_history(root, config.log_dir + "/")
    if not history.available:
        print(f"note: {history.reason}; using the dates in file names", file=sys.stderr)
    stale = 0
    grouped = entries_by_week(log)
    for year, number in weeks:
        path = root / config.weekly_dir / f"{week_name(year, number)}.md"
        rel = path.relative_to(root).as_posix()
        days = grouped.get((year, number), [])
        text = render_summary(log, year, number, history, config.date_style, config.weekly_dir, days)
        old = path.read_text(encoding="utf-8") if path.is_file() else None
        if old == text:
            continue
        stale += 1
        if options.check:
            print(f"{rel}: stale (run 'learnlog summary')", file=sys.stderr)
        else:
            write_atomic(path, text.encode("utf-8"))
            print(f"wrote {rel}")
    if not stale:
        print(f"{len(weeks)} weekly summar{'y is' if len(weeks) == 1 else 'ies are'} up to date", file=sys.stderr)
    return ExitCode.PROBLEMS if options.check and stale else ExitCode.OK
