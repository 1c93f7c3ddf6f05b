"""``learnlog links``: gather links from the Markdown, check them, account for every one.

Internal links are checked offline (``learnlog check`` does the same on every commit);
``--external`` adds the web (for CI).
"""

from __future__ import annotations

import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from learnlog.check.command import report_options
from learnlog.diagnostics import Diagnostic, OutputFormat, count_line, report
from learnlog.files import SafeReader, expand_paths
from learnlog.links.collect import is_external, is_web, markdown_files
from learnlog.links.external import check_urls, periodic_progress, terminal_progress
from learnlog.links.facts import FactsCache
from learnlog.links.internal import RepoView, check_internal_link
from learnlog.links.outcome import Outcome, Statistics, Status
from learnlog.links.report import summary_line, write_markdown_report
from learnlog.links.urlcache import LinkCache
from learnlog.model import Link, LinkKind
from learnlog.project import Project, load_project

WebUses = dict[str, list[tuple[str, int, int]]]


@dataclass(frozen=True)
class Options:
    paths: tuple[Path, ...] = ()
    format: OutputFormat = OutputFormat.TEXT
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    strict: bool = False
    external: bool = False
    no_cache: bool = False
    progress: str = "auto"
    show_excluded: bool = False
    summary_md: Path | None = None


@dataclass
class _Run:
    """What one run gathered: problems, outcomes and the web URLs with where they are used."""

    found: list[Diagnostic]
    outcomes: list[Outcome]
    web: WebUses


def _special(link: Link) -> tuple[str, str] | None:
    """Links that are wrong whatever they point at: empty, or into the author's own disk."""
    if not link.target.strip() and link.kind in (LinkKind.INLINE, LinkKind.IMAGE, LinkKind.HTML):
        return "LL215", f"link '{link.text}' has an empty destination" if link.text else "empty link destination"
    if link.target.lower().startswith("file:"):
        return "LL214", f"'{link.target}' is a file:// link, which works only on the author's disk"
    return None


def _judge(link: Link, rel: str, shown: str, view: RepoView, patterns: list[re.Pattern[str]], run: _Run) -> Outcome:
    """One link's outcome offline; web links are collected for later."""
    if link.kind is LinkKind.REFERENCE:
        # ``[text][label]`` takes its target from a definition, checked (and reported) once,
        # where the fix goes
        return Outcome(Status.OK)
    special = _special(link)
    if special is not None:
        run.found.append(Diagnostic(shown, link.line, link.col, *special))
        return Outcome(Status.BROKEN)
    if any(p.search(link.target) for p in patterns):
        return Outcome(Status.EXCLUDED)
    if is_web(link.target) or link.target.startswith("//"):
        # a protocol-relative ``//host/x`` opens as https on GitHub
        url = "https:" + link.target if link.target.startswith("//") else link.target
        run.web[url].append((shown, link.line, link.col))
        return Outcome(Status.UNCHECKED)
    if is_external(link.target):
        return Outcome(Status.UNSUPPORTED, link.target.split(":", 1)[0].lower() + ":")
    problem = check_internal_link(link, rel, view)
    if problem is None:
        return Outcome(Status.OK)
    run.found.append(replace(problem, path=shown))
    return Outcome(Status.BROKEN)


def _offline(files: list[str], view: RepoView, project: Project, options: Options) -> _Run:
    patterns = [re.compile(p) for p in project.config.links.exclude]
    run = _Run([], [], defaultdict(list))
    for rel in files:
        facts = view.facts(rel)
        if isinstance(facts, list):
            run.found.extend(facts)
            continue
        shown = view.reader.shown(project.root / rel)
        for link in facts.links:
            outcome = _judge(link, rel, shown, view, patterns, run)
            if outcome.status is Status.EXCLUDED and options.show_excluded:
                print(f"{shown}:{link.line}:{link.col}: excluded {link.target}", file=sys.stderr)
            run.outcomes.append(outcome)
    return run


def _progress(choice: str) -> Callable[[int, int], None]:
    if choice == "always" or (choice == "auto" and sys.stderr.isatty()):
        return terminal_progress()
    return periodic_progress()


def _external(run: _Run, project: Project, options: Options) -> tuple[int, float]:
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
    facts_cache = FactsCache(None if options.no_cache else project.root / config.links.facts_cache_path)
    view = RepoView(project.root, reader, config.log_dir, facts_cache)
    gathered = _offline(files, view, project, options)
    _save_cache(facts_cache.save, config.links.facts_cache_path)
    cached, seconds = _external(gathered, project, options) if options.external and gathered.web else (0, 0.0)
    stats = Statistics.of(gathered.outcomes)
    summary = summary_line(stats, len(files), len(gathered.web), options.external, cached, seconds)
    status = report(gathered.found, how, summary=summary)
    if options.summary_md:
        shown = sorted(how.selection.apply(gathered.found))
        write_markdown_report(options.summary_md, summary.replace("{counts}", count_line(shown)), shown)
    return status
