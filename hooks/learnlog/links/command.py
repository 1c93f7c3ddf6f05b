"""``learnlog links``: gather links from the Markdown, check them, account for every one.

Internal links are checked offline (``learnlog check`` does the same on every commit);
``--external`` adds the web (for CI).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from learnlog.cache import open_cache, save_cache
from learnlog.check.command import CheckingOptions, report_options
from learnlog.diagnostics import Diagnostic, count_line, report
from learnlog.files import SafeReader, expand_paths
from learnlog.links.collect import markdown_files
from learnlog.links.external import check_urls, periodic_progress, terminal_progress
from learnlog.links.internal import RepoView
from learnlog.links.offline import LinkRun, gather
from learnlog.links.outcome import Outcome, Statistics, Status
from learnlog.links.report import summary_line, write_markdown_report
from learnlog.links.urlcache import LinkCache
from learnlog.project import Project, load_project


@dataclass(frozen=True)
class Options(CheckingOptions):
    external: bool = False
    progress: str = "auto"
    show_excluded: bool = False
    summary_md: Path | None = None


def _progress(choice: str) -> Callable[[int, int], None]:
    if choice == "always" or (choice == "auto" and sys.stderr.isatty()):
        return terminal_progress()
    return periodic_progress()


def _external(run: LinkRun, project: Project, options: Options) -> tuple[int, float]:
    """Check the web URLs; returns (answered from cache, seconds on the web)."""
    import asyncio

    settings = project.config.links
    cache = LinkCache(None if options.no_cache else project.root / settings.cache_path, settings.cache_ttl_hours)
    now = time.time()
    to_check = [u for u in run.web if not cache.fresh(u, now)]
    progress = _progress(options.progress) if options.progress != "never" else None
    started = time.perf_counter()
    verdicts = asyncio.run(check_urls(to_check, settings, progress))
    seconds = time.perf_counter() - started
    cache.record(verdicts, time.time())
    _save_cache(cache.save, settings.cache_path)
    by_url = {v.url: v for v in verdicts}
    # the offline pass counted each web link as unchecked; its verdict replaces that
    run.outcomes = [o for o in run.outcomes if o.status is not Status.UNCHECKED]
    for url, uses in run.web.items():
        verdict = by_url.get(url)
        status = verdict.status if verdict else Status.CACHED
        run.outcomes.extend(Outcome(status) for _ in uses)
        if verdict is not None and verdict.code:
            run.found.extend(Diagnostic(s, ln, c, verdict.code, f"{url}: {verdict.message}") for s, ln, c in uses)
    return len(run.web) - len(to_check), seconds


def _save_cache(save: Callable[[], None], where: str) -> None:
    """A cache is only an optimisation: failing to write one is a note, not a failure."""
    try:
        save()
    except OSError as exc:
        print(f"learnlog: note: cache {where} not written: {exc.strerror or exc}", file=sys.stderr)


def run(options: Options) -> int:
    project = load_project(options.paths)
    how = report_options(project, options.select, options.ignore, options.format, options.strict)
    config = project.config
    reader = SafeReader(project.root, config.max_file_bytes)
    if options.paths:
        files = [reader.relative(p) for p in expand_paths(list(options.paths), project.root, config)]
    else:
        files = markdown_files(project.root, config.links.files)
    facts_cache = open_cache(project, use=not options.no_cache)
    view = RepoView(project.root, reader, config.log_dir, facts_cache)
    gathered = gather(files, view, project.root, project.config.links.exclude, show_excluded=options.show_excluded)
    save_cache(facts_cache, complete=not options.paths)
    cached, seconds = _external(gathered, project, options) if options.external and gathered.web else (0, 0.0)
    stats = Statistics.of(gathered.outcomes)
    summary = summary_line(stats, len(files), len(gathered.web), options.external, cached, seconds)
    status = report(gathered.found, how, summary=summary)
    if options.summary_md:
        shown = sorted(how.selection.apply(gathered.found))
        write_markdown_report(options.summary_md, summary.replace("{counts}", count_line(shown)), shown)
    return status
