"""Helpers the tests share (fixtures live in conftest.py; plain functions and data here)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


CACHE_DIR = ".cache/learnlog/parse"


def cache_shards(root: Path) -> list[Path]:
    return sorted((root / CACHE_DIR).glob("??.json"))


def read_cache(root: Path) -> dict[str, Any]:
    """The parse cache's shards merged: {"fingerprint": ..., "facts": {...}, "checks": {...}}."""
    merged: dict[str, Any] = {"facts": {}, "checks": {}}
    for shard in cache_shards(root):
        data = json.loads(shard.read_text(encoding="utf-8"))
        merged["fingerprint"] = data["fingerprint"]
        merged["facts"].update(data["facts"])
        merged["checks"].update(data["checks"])
    return merged


def edit_cache(root: Path, edit: Callable[[dict[str, Any]], object]) -> None:
    """Change every shard of the parse cache in place (to plant or damage results)."""
    for shard in cache_shards(root):
        data = json.loads(shard.read_text(encoding="utf-8"))
        edit(data)
        shard.write_text(json.dumps(data), encoding="utf-8")
