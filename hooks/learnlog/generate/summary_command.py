"""``learnlog summary``: write the weekly summaries (``--check``: only say which are stale)."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from itertools import repeat

from learnlog.diagnostics import ExitCode, UsageError
from learnlog.files import write_atomic
from learnlog.generate.gitdates import History, read_history
from learnlog.generate.load import load_project_log
from learnlog.generate.weekly import default_weeks, parse_week, render_summaries, week_name, weeks_of
from learnlog.model import Log


@dataclass(frozen=True)
class Options:
    week: str | None = None
    all: bool = False
    check: bool = False


POOL_FROM_WEEKS = 64


def _render(log: Log, weeks: list[tuple[int, int]], history: History, style: str, weekly_dir: str) -> list[str]:
    """Every week's summary; ``--all`` over years of weeks formats them on every core (mdformat
    is most of the time, about 10 ms a week)."""
    workers = min(os.cpu_count() or 1, 4)
    if len(weeks) < POOL_FROM_WEEKS or workers < 2:
        return render_summaries(log, weeks, history, style, weekly_dir)
    from concurrent.futures import ProcessPoolExecutor

    size = -(-len(weeks) // workers)
    chunks = [weeks[i : i + size] for i in range(0, len(weeks), size)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        parts = pool.map(render_summaries, repeat(log), chunks, repeat(history), repeat(style), repeat(weekly_dir))
        return [text for part in parts for text in part]


def run(options: Options) -> int:
    project, log = load_project_log()
    root, config = project.root, project.config
    try:
        weeks = [parse_week(options.week)] if options.week else []
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if not options.week:
        weeks = weeks_of(list(log.entries)) if options.all else default_weeks(list(log.entries))
    history = read_history(root, config.log_dir + "/")
    if not history.available:
        print(f"note: {history.reason}; using the dates in file names", file=sys.stderr)
    stale = 0
    texts = _render(log, weeks, history, config.date_style, config.weekly_dir)
    for (year, number), text in zip(weeks, texts, strict=True):
        path = root / config.weekly_dir / f"{week_name(year, number)}.md"
        rel = path.relative_to(root).as_posix()
        old = path.read_text(encoding="utf-8") if path.is_file() else None
        if old == text:
            continue
        stale += 1
        if options.check:
            state = "missing" if old is None else "stale"
            print(f"{rel}: {state} (run 'learnlog summary')", file=sys.stderr)
        else:
            write_atomic(path, text.encode("utf-8"))
            print(f"wrote {rel}")
    if not stale:
        print(f"{len(weeks)} weekly summar{'y is' if len(weeks) == 1 else 'ies are'} up to date", file=sys.stderr)
    return ExitCode.PROBLEMS if options.check and stale else ExitCode.OK
