"""The repository a command works on is found from the first path given, as git does: run from
another folder, ``learnlog check /abs/path/entry.md`` uses that entry's repository and config."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import git
import pytest

from learnlog.project import load_project
from tests.helpers import TODAY, CliRunner, root_of, write

ENTRY = "log/2024/2024-09-09.md"
ISO_ENTRY = "# 2024-09-09: Retrieval\n\n## Retrieval\n\n- notes\n"


@pytest.fixture
def iso_repo(repo: git.Repo) -> Path:
    root = root_of(repo)
    (root / "pyproject.toml").write_text('[tool.learnlog]\ndate_style = "iso"\n', encoding="utf-8")
    write(root, ENTRY, ISO_ENTRY)
    return root


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    """An unrelated project (its own git repository and an mdy config) to run from."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    git.Repo.init(folder).close()
    (folder / "pyproject.toml").write_text('[tool.learnlog]\ndate_style = "mdy"\n', encoding="utf-8")
    return folder


def test_load_project_starts_from_the_first_path(
    iso_repo: Path, elsewhere: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(elsewhere)
    project = load_project((iso_repo / ENTRY,))
    assert project.root == iso_repo.resolve()
    assert project.config.date_style == "iso"
    assert load_project().root == elsewhere.resolve()


def test_check_from_another_folder_uses_the_files_repository(iso_repo: Path, elsewhere: Path) -> None:
    target = str(iso_repo / ENTRY)
    proc = subprocess.run(
        [sys.executable, "-m", "learnlog", "check", target],
        cwd=elsewhere,
        env={**os.environ, "LEARNLOG_TODAY": TODAY},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "LL1" not in proc.stdout and "LL190" not in proc.stdout
    assert "Checked 1 file(s)" in proc.stderr


def test_check_from_another_folder_reports_with_the_repositorys_rules(
    iso_repo: Path, elsewhere: Path, cli: CliRunner
) -> None:
    """The same entry, now with an mdy heading: that repository's iso style rejects it."""
    write(iso_repo, ENTRY, "# Sep 9, 2024\n\n- notes\n")
    result = cli("check", str(iso_repo / ENTRY), cwd=elsewhere)
    assert result.code == 1
    assert "LL103" in result.out and "LL100" not in result.out and "LL190" not in result.out
    assert "2024-09-09" in result.out  # the example it gives is an ISO heading
