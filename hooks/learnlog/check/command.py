"""``learnlog check``: structure (LL1xx) and encoding (LL3xx) of entries, one parse per file."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from learnlog.check.engine import check_files
from learnlog.diagnostics import ExitCode, OutputFormat, ReportOptions, Selection, parse_patterns, report
from learnlog.files import SafeReader, expand_paths
from learnlog.project import Project, load_project


@dataclass(frozen=True)
class Options:
    paths: tuple[Path, ...] = ()
    format: OutputFormat = OutputFormat.TEXT
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    strict: bool = False


def report_options(project: Project, select: tuple[str, ...], ignore: tuple[str, ...], fmt: OutputFormat,
                   strict: bool) -> ReportOptions:  # fmt: skip
    """The command line's select replaces the config's; ignores add up."""
    config = project.config
    selection = Selection(
        parse_patterns(select, "--select") or config.select,
        config.ignore + parse_patterns(ignore, "--ignore"),
    )
    return ReportOptions(selection, fmt, strict)


def run(options: Options) -> int:
    project = load_project(options.paths)
    how = report_options(project, options.select, options.ignore, options.format, options.strict)
    if not options.paths and not (project.root / project.config.log_dir).is_dir():
        print(f"learnlog: no {project.config.log_dir}/ folder in {project.root}; nothing to check", file=sys.stderr)
        return ExitCode.OK
    reader = SafeReader(project.root, project.config.max_file_bytes)
    files = expand_paths(list(options.paths), project.root, project.config)
    results = check_files(files, reader, project.config, project.today)
    found = [d for result in results for d in result.diagnostics]
    where = "" if options.paths else f" in {project.config.log_dir}/"
    summary = f"Checked {len(results)} file(s){where}: {{counts}}."
    return report(found, how, summary=summary)
