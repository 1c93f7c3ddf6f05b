"""The ``learnlog`` command: a thin layer over the modules that do the work.

Every subcommand is ``cmd_<name>(args) -> int`` so tests call :func:`run` without a process
exit. Library errors become one :class:`UsageError` (exit 2) here, in one place. Imports are
lazy: the commit hooks pay only for what their command uses.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from learnlog.config import Config
    from learnlog.diagnostics import Diagnostic

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Something the person must change in how they called learnlog (exit 2)."""


def today() -> date:
    """Today, or ``LEARNLOG_TODAY`` (ISO) for reproducible runs and tests."""
    fixed = os.environ.get("LEARNLOG_TODAY")
    if fixed:
        try:
            return date.fromisoformat(fixed)
        except ValueError:
            raise UsageError(f"LEARNLOG_TODAY={fixed!r} is not an ISO date like 2024-09-09") from None
    return date.today()


def project() -> tuple[Path, Config]:
    from learnlog.config import ConfigError, find_root, load_config

    root = find_root(Path.cwd())
    try:
        return root, load_config(root)
    except ConfigError as exc:
        raise UsageError(str(exc)) from None


def _codes(value: str) -> list[str]:
    return [c.strip().upper() for c in value.split(",") if c.strip()]


def emit(diagnostics: Sequence[Diagnostic], fmt: str, *, summary: bool = True) -> None:
    from learnlog.diagnostics import Severity, format_diagnostics

    ordered = sorted(diagnostics)
    if fmt == "json":
        print(format_diagnostics(ordered, "json"))
        return
    if ordered:
        print(format_diagnostics(ordered, fmt))
    if summary and ordered and fmt == "text":
        errors = sum(1 for d in ordered if d.severity is Severity.ERROR)
        warnings = len(ordered) - errors
        print(f"Found {errors} error(s) and {warnings} warning(s).", file=sys.stderr)


def select_diagnostics(diagnostics: list[Diagnostic], config: Config, args: argparse.Namespace) -> list[Diagnostic]:
    from learnlog.diagnostics import filter_diagnostics

    select = args.select or list(config.select)
    ignore = list(config.ignore) + (args.ignore or [])
    return filter_diagnostics(diagnostics, select, ignore)


def cmd_check(args: argparse.Namespace) -> int:
    from learnlog.checker import check_paths
    from learnlog.diagnostics import has_failures

    root, config = project()
    found = check_paths(args.paths, root, config, today())
    found = select_diagnostics(found, config, args)
    emit(found, args.format)
    return EXIT_PROBLEMS if has_failures(found, strict=args.strict) else EXIT_OK


def cmd_fix(args: argparse.Namespace) -> int:
    from learnlog.fixing import fix_paths

    root, config = project()
    return fix_paths(args.paths, root, config, check_only=args.check, show_diff=args.diff)


def cmd_links(args: argparse.Namespace) -> int:
    from learnlog.linkcheck import run_links

    root, config = project()
    return run_links(args, root, config)


def cmd_toc(args: argparse.Namespace) -> int:
    from learnlog.toc import update_readme

    root, config = project()
    return update_readme(root, config, today(), check=args.check)


def cmd_summary(args: argparse.Namespace) -> int:
    from learnlog.summary import run_summary

    root, config = project()
    try:
        return run_summary(root, config, today(), week=args.week, every_week=args.all, check=args.check)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def cmd_import(args: argparse.Namespace) -> int:
    from learnlog.singlefile import ImportProblem, split_log
    from learnlog.textfiles import relative_to_root, write_atomic

    root, config = project()
    source = Path(args.file)
    try:
        text = source.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise UsageError(f"{args.file}: no such file") from None
    except UnicodeDecodeError as exc:
        raise UsageError(f"{args.file}: not UTF-8 ({exc.reason} at byte {exc.start}); fix the encoding first") from None
    rel = relative_to_root(source.parent, root)
    source_dir = "" if rel.startswith("/") or rel == "." else rel
    try:
        parts = split_log(text, config.date_style, source_dir, config.log_dir)
    except ImportProblem as exc:
        print(f"{args.file}: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    for note in parts.notes:
        print(f"{args.file}: note: {note}", file=sys.stderr)
    existing = [p for p in parts.files if (root / p).exists()]
    if existing and not args.force and not args.dry_run:
        for path in existing:
            print(f"{path}: exists; not overwritten (use --force to replace it)", file=sys.stderr)
        return EXIT_PROBLEMS
    for path, content in parts.files.items():
        if args.dry_run:
            print(f"would write {path} ({len(content.encode())} bytes)")
            continue
        write_atomic(root / path, content.encode("utf-8"))
        print(f"wrote {path}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from learnlog.entries import entry_kind
    from learnlog.singlefile import BACKLOG_NAME, join_log
    from learnlog.textfiles import log_files, relative_to_root, write_atomic

    root, config = project()
    entries: dict[str, str] = {}
    for path in log_files(root, config):
        rel = relative_to_root(path, root)
        if entry_kind(rel, config.log_dir, config.weekly_dir) == "entry":
            entries[rel] = path.read_bytes().decode("utf-8")
    backlog_path = root / config.log_dir / BACKLOG_NAME
    backlog = backlog_path.read_bytes().decode("utf-8") if backlog_path.is_file() else None
    target_dir = ""
    if args.output:
        rel = relative_to_root(Path(args.output).parent, root)
        target_dir = "" if rel == "." else rel
    text = join_log(entries, backlog, target_dir, config.log_dir)
    if args.output:
        write_atomic(Path(args.output), text.encode("utf-8"))
        print(f"wrote {args.output} ({len(entries)} entries)", file=sys.stderr)
    else:
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    from learnlog.dates import format_date, resolve_day
    from learnlog.textfiles import write_atomic

    root, config = project()
    try:
        day = resolve_day(args.date, today())
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    path = root / config.log_dir / str(day.year) / f"{day.isoformat()}.md"
    if path.exists():
        print(f"{path.relative_to(root).as_posix()}: already exists; not overwritten", file=sys.stderr)
        return EXIT_PROBLEMS
    heading = format_date(day, config.date_style)
    if args.title:
        heading += f": {args.title}"
    front = ""
    if args.tag:
        front = "---\ntags: [" + ", ".join(args.tag) + "]\n---\n\n"
    write_atomic(path, f"{front}# {heading}\n\n## Topic\n\n- What I learned.\n".encode())
    print(path.relative_to(root).as_posix())
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    import json

    from learnlog.models import Entry, Log

    model = Log if args.model == "log" else Entry
    print(json.dumps(model.model_json_schema(), indent=2))
    return EXIT_OK


def cmd_rules(args: argparse.Namespace) -> int:
    from learnlog.diagnostics import CODES
    from learnlog.rules import RULES

    why = {r.code: r.why.split("\n\n")[0].replace("\n", " ") for r in RULES}
    for code, summary in CODES.items():
        print(f"{code}  {summary}")
        if args.verbose and code in why:
            print(f"       {' '.join(why[code].split())}")
    return EXIT_OK


def _add_diagnostic_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default="text",
        help="output format (github: workflow annotations)",
    )
    parser.add_argument("--select", type=_codes, help="only these codes or prefixes (LL1,LL104)")
    parser.add_argument("--ignore", type=_codes, help="skip these codes or prefixes")
    parser.add_argument("--strict", action="store_true", help="warnings fail too")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="learnlog",
        description="Keep a daily learning log healthy (entries in log/YYYY/YYYY-MM-DD.md).",
        epilog="Exit status: 0 all well, 1 problems found or files changed, 2 usage error.",
    )
    from learnlog import __version__

    parser.add_argument("--version", action="version", version=f"learnlog {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands: dict[str, tuple[Callable[[argparse.Namespace], int], str, str]] = {
        "check": (
            cmd_check,
            "check entry structure (and encoding) of files or the whole log",
            "learnlog check log/2024/2024-09-09.md",
        ),
        "fix": (cmd_fix, "repair encoding damage, BOM, CRLF, control characters, empty titles", "learnlog fix --diff"),
        "links": (
            cmd_links,
            "check links: files and #anchors offline, the web with --external",
            "learnlog links --external --format github",
        ),
        "toc": (cmd_toc, "regenerate the README's table of contents", "learnlog toc --check"),
        "summary": (cmd_summary, "write weekly summaries to log/weekly/", "learnlog summary --week 2024-W37"),
        "import": (
            cmd_import,
            "split a single-file log into entry files",
            "learnlog import Daily-Learning-Log.md --dry-run",
        ),
        "export": (
            cmd_export,
            "write the log back as one Markdown file",
            "learnlog export --format markdown -o Daily-Learning-Log.md",
        ),
        "new": (cmd_new, "start an entry from the template", "learnlog new yesterday --title 'LoRA' --tag llm"),
        "schema": (cmd_schema, "print the JSON Schema of an entry", "learnlog schema"),
        "rules": (cmd_rules, "list every diagnostic code", "learnlog rules --verbose"),
    }
    for name, (func, help_text, example) in commands.items():
        child = sub.add_parser(
            name, help=help_text, description=help_text.capitalize() + ".", epilog=f"Example: {example}"
        )
        child.set_defaults(func=func)
        if name in ("check", "fix", "links"):
            child.add_argument("paths", nargs="*", type=Path, help="files or folders (default: the whole log)")
        if name == "check":
            _add_diagnostic_options(child)
        elif name == "fix":
            child.add_argument("--check", action="store_true", help="report, write nothing")
            child.add_argument("--diff", action="store_true", help="print a unified diff of the changes")
        elif name == "links":
            _add_diagnostic_options(child)
            child.add_argument("--external", action="store_true", help="also check http(s) links on the web")
            child.add_argument("--offline", action="store_true", help="only files and anchors (default)")
            child.add_argument("--no-cache", action="store_true", help="ignore and do not update the cache")
            child.add_argument("--progress", choices=("auto", "always", "never"), default="auto")
            child.add_argument("--show-excluded", action="store_true", help="list links skipped by exclude")
            child.add_argument(
                "--summary-md", type=Path, help="also write a Markdown report (e.g. $GITHUB_STEP_SUMMARY)"
            )
        elif name in ("toc", "summary"):
            child.add_argument("--check", action="store_true", help="write nothing; exit 1 if stale")
            if name == "summary":
                group = child.add_mutually_exclusive_group()
                group.add_argument("--week", help="ISO week like 2024-W37")
                group.add_argument("--all", action="store_true", help="every week that has entries")
        elif name == "import":
            child.add_argument("file", help="the single-file log")
            child.add_argument("--force", action="store_true", help="overwrite existing entries")
            child.add_argument("--dry-run", action="store_true", help="show what would be written")
        elif name == "export":
            child.add_argument("--format", choices=("markdown",), default="markdown")
            child.add_argument("-o", "--output", help="write to this file instead of stdout")
        elif name == "new":
            child.add_argument("date", nargs="?", default="today", help="today (default), yesterday or YYYY-MM-DD")
            child.add_argument("--title", help="title after the date")
            child.add_argument("--tag", action="append", help="a tag (repeatable)")
        elif name == "schema":
            child.add_argument("--model", choices=("entry", "log"), default="entry")
        elif name == "rules":
            child.add_argument("-v", "--verbose", action="store_true", help="also say why")
    return parser


def run(argv: Sequence[str] | None = None) -> int:
    """Run learnlog with ``argv``; return the exit status instead of exiting."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code) if isinstance(exc.code, int) else EXIT_USAGE
    try:
        result: int = args.func(args)
    except UsageError as exc:
        print(f"learnlog: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK
    return result


def main(argv: Sequence[str] | None = None) -> int:
    return run(argv)
