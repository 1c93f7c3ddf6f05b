"""``learnlog new``: start an entry from the template, one that passes ``learnlog check``.

The front matter is written by a YAML emitter and the result is checked before it is written,
so odd tags or titles are refused with the check's own words instead of committed broken.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from learnlog.check.engine import FileResult, check_document
from learnlog.dates import format_date, resolve_day
from learnlog.diagnostics import ExitCode, UsageError
from learnlog.files import write_atomic
from learnlog.layout import FileKind, entry_path
from learnlog.markdown import parse_document
from learnlog.project import load_project


@dataclass(frozen=True)
class Options:
    date: str = "today"
    title: str | None = None
    tag: tuple[str, ...] = ()


def render_entry(heading: str, tags: tuple[str, ...]) -> str:
    front = ""
    if tags:
        import yaml

        front = "---\n" + yaml.safe_dump({"tags": list(tags)}, default_flow_style=None, allow_unicode=True) + "---\n\n"
    return f"{front}# {heading}\n\n## Topic\n\n- What I learned.\n"


def run(options: Options) -> int:
    project = load_project()
    config = project.config
    try:
        day = resolve_day(options.date, project.today)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    rel = entry_path(day, config.log_dir)
    path = project.root / rel
    if path.exists() or path.is_symlink():
        print(f"{rel}: already exists; not overwritten", file=sys.stderr)
        return ExitCode.PROBLEMS
    title = (options.title or "").strip()
    if any(not ch.isprintable() for ch in title):
        raise UsageError("--title must be one line of text")
    heading = format_date(day, config.date_style) + (f": {title}" if title else "")
    text = render_entry(heading, options.tag)
    result = FileResult(rel, rel, FileKind.ENTRY)
    check_document(result, parse_document(text), config, project.today)
    errors = result.diagnostics
    if errors:
        raise UsageError("the entry would fail 'learnlog check': " + "; ".join(f"{d.code} {d.message}" for d in errors))
    write_atomic(path, text.encode("utf-8"))
    print(rel)
    return ExitCode.OK
