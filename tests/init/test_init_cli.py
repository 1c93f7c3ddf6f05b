"""``learnlog init`` in real repositories: plan, dry run, second run, refusals, import."""

from __future__ import annotations

from pathlib import Path

import git
import pytest

import learnlog
from tests.helpers import SEED, CliRunner, write
from tests.init.test_files import PYPROJECT, THEIRS

WORKFLOW_FILES = [
    ".github/workflows/learnlog-ci.yml",
    ".github/workflows/learnlog-links.yml",
    ".github/workflows/learnlog-update.yml",
]


@pytest.fixture
def bare(tmp_path: Path) -> Path:
    """An empty git repository: no pyproject, no log."""
    root = tmp_path / "notes"
    git.Repo.init(root, initial_branch="main").close()
    return root


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file() and ".git" not in p.parts
    }


def test_empty_repository_dry_run_then_init_then_nothing_to_do(bare: Path, cli: CliRunner) -> None:
    dry = cli("init", "--dry-run", cwd=bare)
    assert dry.code == 0 and "would create learnlog.toml" in dry.out and "Next steps" not in dry.out
    assert _tree(bare) == {} and not (bare / "log").exists()
    first = cli("init", cwd=bare)
    assert first.code == 0, first.err
    assert sorted(_tree(bare)) == sorted([".pre-commit-config.yaml", "README.md", "learnlog.toml", *WORKFLOW_FILES])
    assert (bare / "log").is_dir()
    assert "pre-commit install" in first.out and "Allow GitHub Actions to create and approve pull requests" in first.out
    assert (bare / "learnlog.toml").read_text(encoding="utf-8").endswith('date_style = "mdy"\n')
    assert f"rev: v{learnlog.__version__}" in (bare / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    before = _tree(bare)
    second = cli("init", cwd=bare)
    assert (second.code, second.out.strip()) == (0, "nothing to do: the repository is already set up")
    assert _tree(bare) == before
    assert cli("toc", cwd=bare).code == 0  # the markers init wrote are the ones toc fills
    assert "<!-- learnlog:toc start -->\n\n0 entries" in (bare / "README.md").read_text(encoding="utf-8")


def test_a_changed_workflow_is_not_overwritten_without_force(bare: Path, cli: CliRunner) -> None:
    cli("init", cwd=bare)
    write(bare, WORKFLOW_FILES[0], "name: mine\n")
    refused = cli("init", cwd=bare)
    assert refused.code == 1 and f"skipped {WORKFLOW_FILES[0]}: exists and differs" in refused.err
    assert (bare / WORKFLOW_FILES[0]).read_text(encoding="utf-8") == "name: mine\n"
    assert cli("init", "--force", cwd=bare).code == 0
    assert (bare / WORKFLOW_FILES[0]).read_text(encoding="utf-8").startswith("# Written by `learnlog init`")


def test_existing_config_files_are_added_to(bare: Path, cli: CliRunner) -> None:
    write(bare, ".pre-commit-config.yaml", THEIRS)
    write(bare, "pyproject.toml", PYPROJECT)
    write(bare, "README.md", "# Notes\n")
    result = cli("init", "--date-style", "iso", cwd=bare)
    assert result.code == 0, result.err
    assert "updated pyproject.toml: [tool.learnlog] added" in result.out
    assert (bare / ".pre-commit-config.yaml").read_text(encoding="utf-8").startswith(THEIRS)
    assert (bare / "pyproject.toml").read_text(encoding="utf-8").startswith(PYPROJECT)
    assert not (bare / "learnlog.toml").exists()
    assert cli("new", "2024-09-09", cwd=bare).out.strip() == "log/2024/2024-09-09.md"
    assert (bare / "log/2024/2024-09-09.md").read_text(encoding="utf-8").startswith("# 2024-09-09\n")
    assert cli("init", cwd=bare).out.strip() == "nothing to do: the repository is already set up"


def test_init_imports_the_seed_with_a_preview_on_dry_run(bare: Path, cli: CliRunner) -> None:
    write(bare, "Daily-Learning-Log.md", SEED.read_bytes())
    dry = cli("init", "--import", "Daily-Learning-Log.md", "--dry-run", cwd=bare)
    assert dry.code == 0, dry.err
    assert "4 dated section(s) -> 4 entries" in dry.out and "would write log/2024/2024-09-09.md" in dry.out
    assert sorted(_tree(bare)) == ["Daily-Learning-Log.md"]
    done = cli("init", "--import", "Daily-Learning-Log.md", cwd=bare)
    assert done.code == 0, done.err
    assert (bare / "log/2024/2024-09-18.md").is_file() and (bare / "log/backlog.md").is_file()
    assert cli("init", "--import", "Daily-Learning-Log.md", cwd=bare).out.splitlines()[-1] == (
        "nothing to do: the repository is already set up"
    )
    exported = cli("export", cwd=bare)
    assert exported.out == SEED.read_text(encoding="utf-8")


def test_existing_log_folder_is_found(bare: Path, cli: CliRunner) -> None:
    write(bare, "journal/2024/2024-09-09.md", "# Sep 9, 2024\n\n- a\n")
    assert cli("init", cwd=bare).code == 0
    assert 'log_dir = "journal"' in (bare / "learnlog.toml").read_text(encoding="utf-8")
    assert not (bare / "log").exists()
    assert cli("check", cwd=bare).code == 0
