"""The ``learnlog`` command line: argparse only.

One table names every command, its help, an example, its arguments and the module that runs
it. That module is imported only when its command runs (a commit hook pays for nothing else),
and its ``run(options) -> int`` gets a typed ``Options`` built from the parsed arguments: an
``argparse.Namespace`` goes no further than this file.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from learnlog import __version__
from learnlog.diagnostics import ExitCode, OutputFormat, UsageError


@dataclass(frozen=True)
class Arg:
    flags: tuple[str, ...]
    options: dict[str, Any]


def arg(*flags: str, **options: Any) -> Arg:
    return Arg(flags, options)


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    example: str
    module: str
    arguments: tuple[Arg, ...] = ()


def _iso_day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2024-09-09") from None


def _codes(value: str) -> list[str]:
    return [c for c in value.split(",") if c.strip()]


PATHS = arg("paths", nargs="*", type=Path, help="files or folders (default: the whole log)")
REPORTING = (
    arg("--format", choices=[f.value for f in OutputFormat], default="text", type=OutputFormat,
        help="output format (github: workflow annotations)"),
    arg("--select", type=_codes, action="extend", default=[], help="only these codes or prefixes (LL1,LL104)"),
    arg("--ignore", type=_codes, action="extend", default=[], help="skip these codes or prefixes"),
    arg("--strict", action="store_true", help="warnings fail too"),
)  # fmt: skip
CHECK_ONLY = arg("--check", action="store_true", help="write nothing; exit 1 if a file is stale")

COMMANDS = (
    Command("check", "check entry structure, encoding and internal links of files or the whole log",
            "learnlog check --select LL1 log/2024/2024-09-09.md", "learnlog.check.command",
            (PATHS, *REPORTING, arg("--no-cache", action="store_true", help="neither read nor write the parse cache"))),
    Command("fix", "repair encoding damage, BOM, CRLF, control characters, date links, empty title colons",
            "learnlog fix --diff", "learnlog.fix.command",
            (PATHS, arg("--check", action="store_true", help="report what would change; write nothing"),
             arg("--diff", action="store_true", help="print a patch of the changes; write nothing"))),
    Command("links", "check links: files and #anchors offline, the web with --external",
            "learnlog links --external --ignore LL210 --format github", "learnlog.links.command",
            (PATHS, *REPORTING,
             arg("--external", action="store_true", help="also check http(s) links on the web"),
             arg("--no-cache", action="store_true", help="neither read nor write the caches"),
             arg("--progress", choices=("auto", "always", "never"), default="auto",
                 help="progress of the web check (auto: a bar on a terminal, a line every 10 s in CI)"),
             arg("--show-excluded", action="store_true", help="list the links skipped by 'exclude'"),
             arg("--summary-md", type=Path, help="also append a Markdown report (e.g. $GITHUB_STEP_SUMMARY)"))),
    Command("toc", "regenerate the README's table of contents", "learnlog toc --check",
            "learnlog.generate.toc_command", (CHECK_ONLY,)),
    Command("summary", "write weekly summaries to log/weekly/", "learnlog summary --week 2024-W37",
            "learnlog.generate.summary_command",
            (CHECK_ONLY, arg("--week", help="one ISO week, like 2024-W37 (default: the two newest weeks with entries)"),
             arg("--all", action="store_true", help="every week that has entries"))),
    Command("import", "split a single-file log into entry files", "learnlog import Daily-Learning-Log.md --dry-run",
            "learnlog.singlefile.import_command",
            (arg("file", type=Path, help="the single-file log"),
             arg("--force", action="store_true", help="overwrite existing entries; merge the backlog"),
             arg("--dry-run", action="store_true", help="show the days found and what would be written; write nothing"),
             arg("--date-order", choices=("mdy", "dmy"), help="how to read numeric dates like 3/4/2024"),
             arg("--year", type=int, help="the year of day headings that name none"))),
    Command("init", "set a repository up for learnlog (log folder, hooks, workflows, config, README markers)",
            "learnlog init --import Daily-Learning-Log.md --dry-run", "learnlog.init.command",
            (arg("directory", nargs="?", type=Path, default=Path(), metavar="DIR",
                 help="the repository (default: the current folder)"),
             arg("--import", dest="import_file", type=Path, metavar="FILE", help="also import this single-file log"),
             arg("--force", action="store_true", help="replace files that init did not write"),
             arg("--dry-run", action="store_true", help="show the plan; write nothing"),
             arg("--date-style", choices=("mdy", "iso"), default="mdy", help="how entry headings write dates"),
             arg("--date-order", choices=("mdy", "dmy"), help="how --import reads numeric dates like 3/4/2024"),
             arg("--year", type=int, help="the year of imported day headings that name none"),
             arg("--hooks-repo", help="the hook repository URL (default: the published one)"),
             arg("--hooks-rev", help="its tag or commit (default: this version's tag)"))),
    Command("export", "write the log back as one Markdown file, or as JSON or CSV",
            "learnlog export --format json -o log.json", "learnlog.singlefile.export_command",
            (arg("-o", "--output", type=Path, help="write to this file instead of standard output"),
             arg("--force", action="store_true", help="replace a file that learnlog did not write"),
             arg("--format", choices=("markdown", "json", "csv"), default="markdown",
                 help="markdown: the single-file log; json: the log model (see 'learnlog schema --model log');"
                      " csv: one row per entry, tag, topic, link and task"))),
    Command("stats", "count entries, streaks, tags and tasks; draw the activity heatmap", "learnlog stats --svg",
            "learnlog.generate.stats_command",
            (arg("--format", choices=("text", "json"), default="text", help="output format"),
             arg("--as-of", type=_iso_day, help="count as of this day (default: today)"),
             arg("--svg", nargs="?", const="", metavar="PATH",
                 help="write the activity heatmap instead (default path: tool.learnlog.heatmap, docs/activity.svg);"
                      " it ends on --as-of or the newest entry"),
             arg("--check", action="store_true", help="with --svg: write nothing; exit 1 if stale"))),
    Command("feed", "write the Atom feed of the latest entries", "learnlog feed --limit 20",
            "learnlog.generate.feed_command",
            (arg("-n", "--limit", type=int, help="entries in the feed (default: tool.learnlog.feed.entries)"),
             arg("-o", "--output", type=Path, help="write here (default: tool.learnlog.feed.path, feed.xml)"),
             arg("--check", action="store_true", help="write nothing; exit 1 if stale"))),
    Command("search", "find entries by words, tag and date", "learnlog search lora --from 2024-09-01",
            "learnlog.search_command",
            (arg("query", nargs="*", help="words that must all occur in an entry (exit 1: nothing matched)"),
             arg("--tag", action="append", default=[], help="only entries with this tag (repeatable)"),
             arg("--from", dest="start", type=_iso_day, help="first day (YYYY-MM-DD)"),
             arg("--to", dest="end", type=_iso_day, help="last day (YYYY-MM-DD)"),
             arg("--format", choices=("text", "json"), default="text", help="output format"))),
    Command("new", "start an entry from the template", "learnlog new yesterday --title 'LoRA' --tag llm",
            "learnlog.new_command",
            (arg("date", nargs="?", default="today", help="today (default), yesterday or YYYY-MM-DD"),
             arg("--title", help="the title after the date"),
             arg("--tag", action="append", default=[], help="a tag, one word (repeatable)"))),
    Command("schema", "print the JSON Schema of an entry or of the whole log", "learnlog schema --model log",
            "learnlog.schema_command",
            (arg("--model", choices=("entry", "log"), default="entry", help="which model"),)),
    Command("rules", "list every diagnostic code", "learnlog rules --verbose", "learnlog.rules_command",
            (arg("-v", "--verbose", action="store_true", help="also say why each code exists"),
             arg("--format", choices=("text", "json", "markdown"), default="text",
                 help="output format (markdown: docs/rules.md)"))),
)  # fmt: skip


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="learnlog",
        description="Keep a daily learning log healthy (entries in log/YYYY/YYYY-MM-DD.md).",
        epilog="Exit status: 0 all well, 1 problems found or files changed, 2 usage error.",
    )
    parser.add_argument("--version", action="version", version=f"learnlog {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        child = sub.add_parser(
            command.name,
            help=command.help,
            description=command.help[0].upper() + command.help[1:] + ".",
            epilog=f"Example: {command.example}",
        )
        child.set_defaults(command_module=command.module)
        for argument in command.arguments:
            child.add_argument(*argument.flags, **argument.options)
    return parser


def _options(options_type: type[Any], namespace: argparse.Namespace) -> Any:
    """The command's typed options; an option left out keeps the dataclass's default."""
    values = {}
    for field in dataclasses.fields(options_type):
        value = getattr(namespace, field.name, None)
        if value is not None:
            values[field.name] = tuple(value) if isinstance(value, list) else value
    return options_type(**values)


def run(argv: Sequence[str] | None = None) -> int:
    """Run learnlog with ``argv``; return the exit status instead of exiting."""
    parser = build_parser()
    if not (sys.argv[1:] if argv is None else list(argv)):
        parser.print_help(sys.stderr)  # no command: show them all, not just "COMMAND is required"
        return ExitCode.USAGE
    try:
        namespace = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code) if isinstance(exc.code, int) else ExitCode.USAGE
    try:
        module = importlib.import_module(namespace.command_module)
        return int(module.run(_options(module.Options, namespace)))
    except UsageError as exc:
        print(f"learnlog: error: {exc}", file=sys.stderr)
        return ExitCode.USAGE
    except KeyboardInterrupt:
        print("learnlog: interrupted", file=sys.stderr)
        return ExitCode.INTERRUPTED
    except BrokenPipeError:
        return ExitCode.OK


def main(argv: Sequence[str] | None = None) -> int:
    return run(argv)
