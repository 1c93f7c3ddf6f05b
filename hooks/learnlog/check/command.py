"""``learnlog check``: structure (LL1xx), encoding (LL3xx) and internal links (LL2xx, files and
``#anchors``), in one process and one parse per file; unchanged files come from the cache.

Without paths it checks the whole log, and the links of every Markdown file the link check
covers (``[tool.learnlog.links] files``: the README and docs too). With paths (the pre-commit
hook), those files. Web links are ``learnlog links --external``'s.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from learnlog.cache import open_cache, save_cache
from learnlog.check.engine import FileResult, check_files
from learnlog.diagnostics import Diagnostic, ExitCode, OutputFormat, ReportOptions, Selection, parse_patterns, report
from learnlog.files import SafeReader, expand_paths
from learnlog.layout import FileKind
from learnlog.links.collect import markdown_files
from learnlog.links.internal import RepoView
from learnlog.links.offline import gather
from learnlog.project import Project, load_project


@dataclass(frozen=True)
class CheckingOptions:
    """What every command that checks files and reports diagnostics takes."""

    paths: tuple[Path, ...] = ()
    format: OutputFormat = OutputFormat.TEXT
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    strict: bool = False
    no_cache: bool = False


@dataclass(frozen=True)
class Options(CheckingOptions):
    pass


def report_options(project: Project, select: tuple[str, ...], ignore: tuple[str, ...], fmt: OutputFormat,
                   strict: bool) -> ReportOptions:  # fmt: skip
    """The command line's select replaces the config's; ignores add up."""
    config = project.config
    selection = Selection(
        parse_patterns(select, "--select") or config.select,
        config.ignore + parse_patterns(ignore, "--ignore"),
    )
    return ReportOptions(selection, fmt, strict)


def _link_problems(project: Project, results: list[FileResult], view: RepoView, whole: bool) -> list[Diagnostic]:
    """The offline link check over the files just checked (and, for the whole log, the other
    Markdown the link check covers), reading each file's links from the one parse."""
    readable = {r.rel_path: r for r in results if r.facts is not None}
    for rel, result in readable.items():
        assert result.facts is not None
        view.know(rel, result.facts)
    files = [r.rel_path for r in results if r.kind is not FileKind.WEEKLY and r.facts is not None]
    if whole:
        checked = {r.rel_path for r in results}
        files += [f for f in markdown_files(project.root, project.config.links.files) if f not in checked]
    return gather(files, view, project.root, project.config.links.exclude).found


def run(options: Options) -> int:
    project = load_project(options.paths)
    config = project.config
    how = report_options(project, options.select, options.ignore, options.format, options.strict)
    if not options.paths and not (project.root / config.log_dir).is_dir():
        print(f"learnlog: no {config.log_dir}/ folder in {project.root}; nothing to check", file=sys.stderr)
        return ExitCode.OK
    reader = SafeReader(project.root, config.max_file_bytes)
    cache = open_cache(project, use=not options.no_cache)
    results = check_files(expand_paths(list(options.paths), project.root, config), reader, config, project.today, cache)
    found = [d for result in results for d in result.diagnostics]
    found += _link_problems(project, results, RepoView(project.root, reader, config.log_dir, cache), not options.paths)
    save_cache(cache, complete=not options.paths)
    where = "" if options.paths else f" in {config.log_dir}/"
    return report(found, how, summary=f"Checked {len(results)} file(s){where}, with their links: {{counts}}.")
