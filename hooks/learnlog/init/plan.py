"""What ``learnlog init`` will do to a repository, decided before anything is written.

Pure: the current text of each file init touches in, one :class:`Step` per file out. A file is
created, updated by adding to it, left unchanged, or skipped because it differs from what init
would write and init did not make it (``--force`` replaces it). The same plan drives
``--dry-run``, the real run, and "nothing to do".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Literal

from learnlog.init.files import (
    WORKFLOWS,
    MergeError,
    config_table,
    package_requirement,
    precommit_config,
    pyproject_with_config,
    readme_with_toc,
    standalone_config,
    workflow,
)

Action = Literal["create", "update", "unchanged", "skip"]
_ENTRY_RE = re.compile(r"(?:^|/)(?P<dir>[^/]+(?:/[^/]+)*?)/\d{4}/\d{4}-\d{2}-\d{2}\.md$")


@dataclass(frozen=True)
class Step:
    """One file: what init does to it, the new text (None for a folder), and why."""

    path: str
    action: Action
    content: str | None
    why: str


@dataclass(frozen=True)
class Request:
    """What init was asked for, with the facts about the repository it needs."""

    date_style: str
    hooks_repo: str
    hooks_rev: str
    force: bool
    log_dir: str
    configured: bool  # learnlog is already configured (pyproject or learnlog.toml)
    readme_title: str


def find_log_dir(markdown_files: Iterable[str]) -> str | None:
    """The folder holding ``YYYY/YYYY-MM-DD.md`` entries, if the repository already has one."""
    found = sorted({m["dir"] for path in markdown_files if (m := _ENTRY_RE.search(path))}, key=len)
    return found[0] if found else None


def _step(path: str, existing: str | None, new: str, why: str, *, force: bool, merged: bool) -> Step:
    if existing is None:
        return Step(path, "create", new, why)
    if existing == new:
        return Step(path, "unchanged", None, "already set up")
    if merged or force:
        return Step(path, "update", new, why if merged else f"{why} (replaced: --force)")
    return Step(path, "skip", None, "exists and differs from what init writes; --force replaces it")


def _merged(path: str, existing: str | None, build: str, request: Request) -> Step:
    try:
        if build == "precommit":
            new = precommit_config(existing, request.hooks_repo, request.hooks_rev)
            why = "learnlog hooks added" if existing else "the learnlog hooks"
        elif build == "pyproject":
            assert existing is not None
            new = pyproject_with_config(existing, config_table(request.date_style, request.log_dir))
            why = "[tool.learnlog] added"
        else:
            new = readme_with_toc(existing, request.readme_title)
            why = "table of contents markers added" if existing else "a README with table of contents markers"
    except MergeError as exc:
        return Step(path, "skip", None, f"cannot add to it: {exc}")
    return _step(path, existing, new, why, force=request.force, merged=True)


def plan(existing: dict[str, str | None], request: Request) -> list[Step]:
    """The steps for the files init manages; ``existing`` maps each path to its text or None."""
    steps = [_folder(existing, request.log_dir)]
    steps.append(_merged(".pre-commit-config.yaml", existing.get(".pre-commit-config.yaml"), "precommit", request))
    if not request.configured:
        if existing.get("pyproject.toml") is not None:
            steps.append(_merged("pyproject.toml", existing["pyproject.toml"], "pyproject", request))
        else:
            text = standalone_config(config_table(request.date_style, request.log_dir))
            steps.append(
                _step(
                    "learnlog.toml",
                    existing.get("learnlog.toml"),
                    text,
                    "the learnlog settings",
                    force=request.force,
                    merged=False,
                )
            )
    steps.append(_merged("README.md", existing.get("README.md"), "readme", request))
    package = package_requirement(request.hooks_repo, request.hooks_rev)
    for name in WORKFLOWS:
        path = f".github/workflows/{name}"
        steps.append(
            _step(
                path,
                existing.get(path),
                workflow(name, package),
                "a GitHub Actions workflow",
                force=request.force,
                merged=False,
            )
        )
    return steps


def _folder(existing: dict[str, str | None], log_dir: str) -> Step:
    marker = f"{log_dir}/"
    if existing.get(marker) is not None:
        return Step(marker, "unchanged", None, "the log folder")
    return Step(marker, "create", None, "the log folder")


def managed_paths(log_dir: str) -> list[str]:
    """Every path :func:`plan` looks at (``log_dir/`` stands for the folder)."""
    paths = [f"{log_dir}/", ".pre-commit-config.yaml", "pyproject.toml", "learnlog.toml", "README.md"]
    return paths + [str(PurePosixPath(".github/workflows", name)) for name in WORKFLOWS]
