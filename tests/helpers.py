"""Helpers the tests share (fixtures live in conftest.py; plain functions and data here)."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import git

DATA = Path(__file__).parent / "data"
SEED = DATA / "seed" / "Daily-Learning-Log.md"
TODAY = "2026-11-26"


@dataclass
class Result:
    code: int
    out: str
    err: str


CliRunner = Callable[..., Result]


def write(root: Path, rel: str, text: str | bytes) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_bytes(text.encode("utf-8"))
    return path


def root_of(repository: git.Repo) -> Path:
    return Path(repository.working_tree_dir or os.getcwd())
