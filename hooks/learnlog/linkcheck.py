"""``learnlog links``: gather links from the Markdown, check them, report every one.

Internal links are checked offline on every commit; ``--external`` adds the web (for CI).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from learnlog.config import Config
from learnlog.diagnostics import Diagnostic, Severity, filter_diagnostics, format_diagnostics, has_failures
from learnlog.linkfacts import FactsCache
from learnlog.links import RepoView, check_internal_link, is_external, is_web, markdown_files
from learnlog.models import LinkKind
from learnlog.textfiles import SafeReader, expand_paths


def _excluded(target: str, patterns: list[re.Pattern[str]]) -> bool:
    return any(p.search(target) for p in patterns)


def run_links(args: argparse.Namespace, root: Path, config: Config) -> int:
    options = config.links
    patterns = [re.compile(p) for p in options.exclude]
    reader = SafeReader(root, config.max_file_bytes)
    if args.paths:
        files = [reader.relative(p) for p in expand_paths(args.paths, root, config)]
    else:
        files = markdown_files(root, options.files)
    facts_cache = FactsCache(None if args.no_cache else root / options.facts_cache_path)
    view = RepoView(root, reader, config.log_dir, facts_cache)
    found: list[Diagnostic] = []
    web: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    total = excluded = 0
    other_schemes: Counter[str] = Counter()
    for rel in files:
        facts = view.facts(rel)
        if isinstance(facts, list):
            found.extend(facts)
            continue
        shown = reader.shown(root / rel)
        for link in facts.links:
            total += 1
            if link.kind is LinkKind.REFERENCE:
                # ``[text][label]`` takes its target from a definition in the same file, and
                # the definition is checked (and reported) where the fix goes: once, not at
                # every use
                continue
            if _excluded(link.target, patterns):
                excluded += 1
                if args.show_excluded:
                    print(f"{shown}:{link.line}:{link.col}: excluded {link.target}", file=sys.stderr)
                continue
            if is_web(link.target) or link.target.startswith("//"):
                # a protocol-relative ``//host/x`` opens as https on GitHub
                url = "https:" + link.target if link.target.startswith("//") else link.target
                web[url].append((shown, link.line, link.col))
                continue
            if is_external(link.target):
                other_schemes[link.target.split(":", 1)[0].lower() + ":"] += 1
                continue
            problem = check_internal_link(link, rel, view)
            if problem is not None:
                found.append(replace(problem, path=shown))
    _save_cache(facts_cache.save, options.facts_cache_path)
    cached = 0
    web_seconds = 0.0
    verdict_rows: list[tuple[str, str, str, str]] = []
    if args.external and web:
        import asyncio

        from learnlog.webcheck import LinkCache, check_urls, terminal_progress

        cache = LinkCache(None if args.no_cache else root / options.cache_path, options.cache_ttl_hours)
        now = time.time()
        to_check = [u for u in web if not cache.fresh(u, now)]
        cached = len(web) - len(to_check)
        show = args.progress == "always" or (args.progress == "auto" and sys.stderr.isatty())
        started = time.perf_counter()
        verdicts = asyncio.run(check_urls(to_check, options, terminal_progress() if show else None))
        web_seconds = time.perf_counter() - started
        cache.record(verdicts, time.time())
        if not args.no_cache:
            _save_cache(cache.save, options.cache_path)
        for verdict in verdicts:
            verdict_rows.append((verdict.url, verdict.level, verdict.code, verdict.message))
            if verdict.level == "ok":
                continue
            severity = Severity.ERROR if verdict.level == "error" else Severity.WARNING
            for shown, line, col in web[verdict.url]:
                found.append(Diagnostic(shown, line, col, verdict.code, f"{verdict.url}: {verdict.message}", severity))
    select = args.select or list(config.select)
    ignore = list(config.ignore) + (args.ignore or [])
    found = sorted(filter_diagnostics(found, select, ignore))
    if args.format == "json":
        print(format_diagnostics(found, "json"))
    elif found:
        print(format_diagnostics(found, args.format))
    errors = sum(1 for d in found if d.severity is Severity.ERROR)
    web_note = (
        f", {cached} from cache, {web_seconds:.2f} s on the web" if args.external else ", not checked: use --external"
    )
    summary = (
        f"Checked {total} links in {len(files)} files ({len(web)} unique web URLs"
        + web_note
        + f"): {errors} error(s), {len(found) - errors} warning(s), {excluded} excluded"
        + _not_checkable(other_schemes)
        + "."
    )
    print(summary, file=sys.stderr)
    if args.summary_md:
        _write_report(args.summary_md, summary, found, verdict_rows)
    return 1 if has_failures(found, strict=args.strict) else 0


def _save_cache(save: Callable[[], None], where: str) -> None:
    """A cache is only an optimisation: failing to write one is a note, not a failure."""
    try:
        save()
    except OSError as exc:
        print(f"learnlog: note: cache {where} not written: {exc.strerror or exc}", file=sys.stderr)


def _not_checkable(schemes: Counter[str]) -> str:
    """Links no checker can follow (``mailto:``, ``tel:``...): counted and named, not dropped."""
    if not schemes:
        return ""
    named = ", ".join(f"{count} {scheme}" for scheme, count in sorted(schemes.items()))
    return f", {sum(schemes.values())} not checkable ({named})"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _write_report(path: Path, summary: str, found: list[Diagnostic], rows: list[tuple[str, str, str, str]]) -> None:
    """Append a Markdown report (GitHub shows $GITHUB_STEP_SUMMARY as the job's summary)."""
    lines = ["## Link check", "", summary, ""]
    if found:
        lines += ["| Where | Code | Problem |", "| --- | --- | --- |"]
        lines += [f"| `{d.path}:{d.line}:{d.col}` | {d.code} | {_cell(d.message)} |" for d in found]
    else:
        lines.append("No broken links.")
    with path.open("a", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
