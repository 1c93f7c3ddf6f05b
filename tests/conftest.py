"""Shared fixtures: real git repositories in tmp_path and an in-process CLI runner."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import git
import pytest

from learnlog.cli import run
from tests.helpers import TODAY, CliRunner, Result
from tests.hookrepo import snapshot_hook_repo


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


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """One snapshot of this project as a hook repository (path, sha) for the whole session, so
    pre-commit builds the hooks' environment once per session (per xdist worker)."""
    return snapshot_hook_repo(tmp_path_factory.mktemp("hookrepo") / "learnlog")


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
