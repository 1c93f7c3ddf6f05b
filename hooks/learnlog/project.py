"""The repository a command works on: its root, its validated config and today's date."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from learnlog.config import Config, ConfigError, find_root, load_config
from learnlog.diagnostics import UsageError


@dataclass(frozen=True)
class Project:
    root: Path
    config: Config
    today: date


def today() -> date:
    """Today, or ``LEARNLOG_TODAY`` (ISO) for reproducible runs and tests."""
    fixed = os.environ.get("LEARNLOG_TODAY")
    if fixed:
        try:
            return date.fromisoformat(fixed)
        except ValueError:
            raise UsageError(f"LEARNLOG_TODAY={fixed!r} is not an ISO date like 2024-09-09") from None
    return date.today()


def _start(paths: Sequence[Path]) -> Path:
    """Find the repository from the first path given (as git and ruff do), else the cwd."""
    if not paths:
        return Path.cwd()
    first = paths[0] if paths[0].is_absolute() else Path.cwd() / paths[0]
    return first if first.is_dir() else first.parent


def load_project(paths: Sequence[Path] = ()) -> Project:
    root = find_root(_start(paths))
    try:
        return Project(root, load_config(root), today())
    except ConfigError as exc:
        raise UsageError(str(exc)) from None
