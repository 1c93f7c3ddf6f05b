"""``learnlog toc``: regenerate the README's table of contents (``--check``: only say if stale)."""

from __future__ import annotations

import sys
from dataclasses import dataclass

from learnlog.diagnostics import ExitCode, UsageError
from learnlog.files import write_atomic
from learnlog.generate.load import load_project_log
from learnlog.generate.render import splice
from learnlog.generate.toc import render_toc


@dataclass(frozen=True)
class Options:
    check: bool = False


def run(options: Options) -> int:
    project, log = load_project_log()
    root, config = project.root, project.config
    weekly_dir = root / config.weekly_dir
    weekly = sorted(p.relative_to(root).as_posix() for p in weekly_dir.glob("*.md")) if weekly_dir.is_dir() else []
    body = render_toc(log, config.date_style, weekly, log.backlog.path if log.backlog else None)
    readme = root / config.readme
    old = readme.read_text(encoding="utf-8") if readme.is_file() else ""
    try:
        new = splice(old, body)
    except ValueError as exc:
        raise UsageError(f"{config.readme}: {exc}") from None
    if new == old:
        print(f"{config.readme}: table of contents is up to date ({len(log.entries)} entries)", file=sys.stderr)
        return ExitCode.OK
    if options.check:
        print(f"{config.readme}: table of contents is stale (run 'learnlog toc')", file=sys.stderr)
        return ExitCode.PROBLEMS
    write_atomic(readme, new.encode("utf-8"))
    print(f"Updated table of contents in {config.readme} ({len(log.entries)} entries)")
    return ExitCode.OK
