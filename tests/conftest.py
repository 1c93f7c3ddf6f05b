"""Shared fixtures: real git repositories in tmp_path and an in-process CLI runner."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import git
import pytest

from learnlog.cli import run

DATA = Path(__file__).parent / "data"
SEED = DATA / "seed" / "Daily-Learning-Log.md"
TODAY = "2026-11-26"


@dataclass
class Result:
    code: int
    out: str
    err: str


CliRunner = Callable[..., Result]


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEARNLOG_TODAY", TODAY)


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[git.Repo]:
    """An empty git repository with a learnlog pyproject and a log folder."""
    root = tmp_path / "repo"
    root.mkdir()
    repository = git.Repo.init(root, initial_branch="main")
    with repository.config_writer() as config:
        config.set_value("user", "name", "Test Author")
        config.set_value("user", "email", "author@example.com")
        config.set_value("commit", "gpgsign", "false")
    (root / "pyproject.toml").write_text('[tool.learnlog]\ndate_style = "mdy"\n', encoding="utf-8")
    (root / "log").mkdir()
    yield repository
    repository.close()


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> CliRunner:
    """Run ``learnlog`` in-process in a folder; returns exit code and captured output."""

    def invoke(*args: str, cwd: Path) -> Result:
        monkeypatch.chdir(cwd)
        capsys.readouterr()
        code = run(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke


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
