"""Real pre-commit, real hooks, real ``git commit``s in a repository made in tmp_path."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import git
import pytest

from tests.helpers import root_of, write

pytestmark = pytest.mark.slow


def _install(repository: git.Repo, hook_repo: tuple[Path, str], hook_ids: list[str]) -> Path:
    root = root_of(repository)
    path, sha = hook_repo
    hooks = "\n".join(f"      - id: {h}" for h in hook_ids)
    (root / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {path}\n    rev: {sha}\n    hooks:\n{hooks}\n", encoding="utf-8"
    )
    subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=root, check=True, capture_output=True)
    repository.index.add([".pre-commit-config.yaml", "pyproject.toml"])
    repository.index.commit("config")
    return root


def _commit(repository: git.Repo, paths: list[str], message: str) -> tuple[int, str]:
    repository.git.add(*paths)
    proc = subprocess.run(
        ["git", "commit", "-m", message], cwd=repository.working_tree_dir, capture_output=True, text=True
    )
    return proc.returncode, proc.stdout + proc.stderr


def test_commit_with_wrong_heading_date_is_refused_and_good_entry_commits(
    repo: git.Repo, hook_repo: tuple[Path, str]
) -> None:
    root = _install(repo, hook_repo, ["learnlog-check"])
    write(root, "log/2024/2024-09-09.md", "# Sep 10, 2024: Wrong day\n\n- note\n")
    code, output = _commit(repo, ["log/2024/2024-09-09.md"], "bad entry")
    assert code != 0
    assert "log/2024/2024-09-09.md:1:3: LL104 heading date 2024-09-10 differs from the file name" in output
    assert len(list(repo.iter_commits())) == 1

    write(root, "log/2024/2024-09-09.md", "# Sep 9, 2024: Right day\n\n- note\n")
    code, output = _commit(repo, ["log/2024/2024-09-09.md"], "good entry")
    assert code == 0, output
    assert repo.head.commit.message.strip() == "good entry"


def test_mojibake_commit_is_stopped_repaired_and_then_goes_through(repo: git.Repo, hook_repo: tuple[Path, str]) -> None:
    root = _install(repo, hook_repo, ["learnlog-fix", "learnlog-check"])
    path = write(root, "log/2024/2024-09-09.md", "# Sep 9, 2024\n\n- Itâ€™s popular; keep `Itâ€™s` in code.\n")
    code, output = _commit(repo, ["log/2024/2024-09-09.md"], "entry")
    assert code != 0
    assert 'LL302 fixed mojibake "Itâ€™s" -> "It’s" (sloppy-windows-1252 -> utf-8)' in output
    assert path.read_text(encoding="utf-8") == "# Sep 9, 2024\n\n- It’s popular; keep `Itâ€™s` in code.\n"
    code, output = _commit(repo, ["log/2024/2024-09-09.md"], "entry")
    assert code == 0, output
    committed = repo.head.commit.tree / "log/2024/2024-09-09.md"
    assert committed.data_stream.read().decode("utf-8") == path.read_text(encoding="utf-8")


def test_entry_with_tags_survives_this_repositorys_own_hooks(repo: git.Repo) -> None:
    """The README's own ``learnlog new ... --tag llm`` through this repository's hooks (mdformat
    included): the front matter must come out as it went in, and the commit must go through."""
    root = root_of(repo)
    project = Path(__file__).resolve().parents[1]
    (root / ".pre-commit-config.yaml").write_bytes((project / ".pre-commit-config.yaml").read_bytes())
    shutil.copytree(project / "hooks", root / "hooks", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=root, check=True, capture_output=True)
    repo.git.add(A=True)
    repo.index.commit("hooks")
    env = {**os.environ, "LEARNLOG_TODAY": "2024-09-21"}
    made = subprocess.run(
        [sys.executable, "-m", "learnlog", "new", "yesterday", "--title", "LoRA", "--tag", "llm"],
        cwd=root, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    entry = root / made.stdout.strip()
    before = entry.read_text(encoding="utf-8")
    assert before.startswith("---\ntags: [llm]\n---\n\n# Sep 20, 2024: LoRA\n")
    code, output = _commit(repo, [made.stdout.strip()], "new entry")
    assert code == 0, output
    assert entry.read_text(encoding="utf-8") == before
    assert "______" not in before and "## tags" not in entry.read_text(encoding="utf-8")
