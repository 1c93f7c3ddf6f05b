"""``learnlog init [DIR]``: set a repository up for learnlog, and import a single-file log.

The I/O edge of :mod:`learnlog.init.plan`: it reads the files init manages, prints the plan,
writes it (unless ``--dry-run``) and tells the person the two steps init cannot take for them:
installing the git hook, and letting GitHub Actions open pull requests.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from learnlog import __version__
from learnlog.config import Config, ConfigError, load_config
from learnlog.diagnostics import ExitCode
from learnlog.files import write_atomic
from learnlog.init.plan import Request, Step, find_log_dir, managed_paths, plan
from learnlog.singlefile.dayheadings import DateOrder
from learnlog.singlefile.import_command import Options as ImportOptions
from learnlog.singlefile.import_command import import_log

# Where the published hooks live; --hooks-repo points elsewhere (a fork, or a local clone in tests).
HOOKS_REPO = "https://github.com/OWNER/learnlog"
NEXT_STEPS = """Next steps:
  1. pre-commit install              # run the hooks on every commit (pip install pre-commit first)
  2. git add -A                      # pre-commit only looks at files git knows
  3. pre-commit run --all-files      # repairs encoding damage in log/, reports broken links
  4. learnlog toc                    # fill the README's table of contents
  5. commit, push, and on GitHub open Settings > Actions > General > Workflow permissions and
     check "Allow GitHub Actions to create and approve pull requests" (the update workflow
     opens a pull request with the table of contents and weekly summaries)"""


@dataclass(frozen=True)
class Options:
    """What ``learnlog init`` was asked to do."""

    directory: Path = Path()
    import_file: Path | None = None
    force: bool = False
    dry_run: bool = False
    date_style: Literal["mdy", "iso"] = "mdy"
    hooks_repo: str = HOOKS_REPO
    hooks_rev: str = f"v{__version__}"
    date_order: DateOrder | None = None
    year: int | None = None


def _existing(root: Path, paths: list[str]) -> dict[str, str | None]:
    found: dict[str, str | None] = {}
    for rel in paths:
        path = root / rel
        if rel.endswith("/"):
            found[rel] = "" if path.is_dir() else None
        elif path.is_file():
            found[rel] = path.read_bytes().decode("utf-8", errors="surrogateescape")
        else:
            found[rel] = None
    return found


def _markdown_files(root: Path) -> list[str]:
    skip = {".git", ".venv", "node_modules", ".cache"}
    return [
        p.relative_to(root).as_posix()
        for p in root.rglob("*.md")
        if not skip.intersection(p.relative_to(root).parts) and len(p.relative_to(root).parts) <= 5
    ]


def _request(root: Path, options: Options) -> tuple[Request, Config]:
    config = load_config(root)
    configured = _has_table(root)
    log_dir = config.log_dir if configured else (find_log_dir(_markdown_files(root)) or "log")
    style = config.date_style if configured else options.date_style
    if not configured:
        config = Config(log_dir=log_dir, date_style=style)
    title = root.resolve().name.replace("-", " ").replace("_", " ").strip() or "Learning log"
    request = Request(style, options.hooks_repo, options.hooks_rev, options.force, log_dir, configured, title)
    return request, config


def _has_table(root: Path) -> bool:
    import tomllib

    if (root / "learnlog.toml").is_file():
        return True
    pyproject = root / "pyproject.toml"
    if not pyproject.is_file():
        return False
    return "learnlog" in tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {})


def _show(steps: list[Step], dry_run: bool) -> None:
    verb = (
        {"create": "would create", "update": "would update"} if dry_run else {"create": "created", "update": "updated"}
    )
    for step in steps:
        if step.action == "unchanged":
            continue
        label = verb.get(step.action, "skipped")
        print(f"{label} {step.path}: {step.why}", file=sys.stderr if step.action == "skip" else sys.stdout)


def _apply(root: Path, steps: list[Step]) -> None:
    for step in steps:
        if step.action not in ("create", "update"):
            continue
        if step.content is None:
            (root / step.path).mkdir(parents=True, exist_ok=True)
        else:
            write_atomic(root / step.path, step.content.encode("utf-8"))


def run(options: Options) -> int:
    """Plan, show, write; then import the single-file log if one was given."""
    root = options.directory
    if not root.is_dir():
        print(f"learnlog: error: {root}: not a folder", file=sys.stderr)
        return ExitCode.USAGE
    try:
        request, config = _request(root, options)
    except ConfigError as exc:
        print(f"learnlog: error: {exc}", file=sys.stderr)
        return ExitCode.USAGE
    steps = plan(_existing(root, managed_paths(request.log_dir)), request)
    _show(steps, options.dry_run)
    if not options.dry_run:
        _apply(root, steps)
    changed = any(step.action in ("create", "update") for step in steps)
    code: int = ExitCode.PROBLEMS if any(step.action == "skip" for step in steps) else ExitCode.OK
    if options.import_file is not None:
        wanted = ImportOptions(options.import_file, options.force, options.dry_run, options.date_order, options.year)
        outcome = import_log(root.resolve(), config, wanted)
        code = max(code, outcome.code)
        changed = changed or bool(outcome.written)
    if not changed and code == ExitCode.OK:
        print("nothing to do: the repository is already set up")
    elif not options.dry_run and code != ExitCode.USAGE:
        print(NEXT_STEPS)
        if "/OWNER/" in options.hooks_repo:
            print(
                f"Note: the hooks and workflows name {options.hooks_repo}, a placeholder: replace OWNER with the "
                "account that publishes learnlog (or run init again with --hooks-repo URL --hooks-rev REV --force)."
            )
    return code
