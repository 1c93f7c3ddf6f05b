"""After ``learnlog init``, ``pre-commit run --all-files`` behaves as the README says: quiet on
a new log, repairs then reports on an imported one, and runs the repository's other hooks too.
The hooks come from a local snapshot of this project (``--hooks-repo``/``--hooks-rev``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import git
import pytest
import yaml

from tests.helpers import SEED, CliRunner, write
from tests.init.test_files import PYPROJECT

pytestmark = pytest.mark.slow

OTHER_HOOKS = """# Team hooks: offline ones only.
repos:
  - repo: local
    hooks:
      - id: no-tabs  # tabs break our tables
        name: no tabs in Markdown
        entry: "\\t"
        language: pygrep
        types: [markdown]
"""


def _init(root: Path, cli: CliRunner, hook_repo: tuple[Path, str], *extra: str) -> None:
    path, sha = hook_repo
    result = cli("init", "--hooks-repo", str(path), "--hooks-rev", sha, *extra, cwd=root)
    assert result.code == 0, result.err


def _run_all(root: Path) -> tuple[int, str]:
    repository = git.Repo(root)
    repository.git.add("-A")
    repository.close()
    proc = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files"], cwd=root, capture_output=True, text=True
    )
    return proc.returncode, proc.stdout + proc.stderr


def _repo(tmp_path: Path) -> Path:
    root = tmp_path / "notes"
    git.Repo.init(root, initial_branch="main").close()
    return root


def test_new_log_passes(tmp_path: Path, cli: CliRunner, hook_repo: tuple[Path, str]) -> None:
    root = _repo(tmp_path)
    _init(root, cli, hook_repo)
    assert cli("new", "2024-09-09", "--title", "First", cwd=root).code == 0
    code, output = _run_all(root)
    assert code == 0, output
    assert output.count("Passed") == 2  # learnlog-fix and learnlog-check (which checks links too)


def test_imported_seed_is_repaired_then_reports_its_missing_folder(
    tmp_path: Path, cli: CliRunner, hook_repo: tuple[Path, str]
) -> None:
    root = _repo(tmp_path)
    write(root, "Daily-Learning-Log.md", SEED.read_bytes())
    _init(root, cli, hook_repo, "--import", "Daily-Learning-Log.md")
    code, output = _run_all(root)
    assert code == 1
    assert "files were modified by this hook" in output  # learnlog-fix repaired the mojibake
    assert "It’s popular" in (root / "log/2024/2024-09-09.md").read_text(encoding="utf-8")
    assert "log/2024/2024-09-12.md:2:3: LL201 link target '../../QA_SQL/README.md' does not exist" in output
    write(root, "QA_SQL/README.md", "# QA over SQL\n")
    code, output = _run_all(root)
    assert code == 0, output


def test_existing_hooks_and_tool_sections_keep_working(
    tmp_path: Path, cli: CliRunner, hook_repo: tuple[Path, str]
) -> None:
    root = _repo(tmp_path)
    write(root, ".pre-commit-config.yaml", OTHER_HOOKS)
    write(root, "pyproject.toml", PYPROJECT)
    _init(root, cli, hook_repo)
    config = (root / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert config.startswith(OTHER_HOOKS)
    assert [r["repo"] for r in yaml.safe_load(config)["repos"]] == ["local", str(hook_repo[0])]
    write(root, "log/2024/2024-09-09.md", "# Sep 9, 2024\n\n- a\tb\n")
    code, output = _run_all(root)
    assert code == 1 and "no tabs in Markdown" in output and "log/2024/2024-09-09.md:3:- a\tb" in output
    write(root, "log/2024/2024-09-09.md", "# Sep 9, 2024\n\n- a b\n")
    code, output = _run_all(root)
    assert code == 0, output
    assert output.count("Passed") == 3  # their hook, learnlog-fix and learnlog-check
