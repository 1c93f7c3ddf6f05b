"""``learnlog check`` says what it checked, also when all is well, and a repository without a
log folder is told so instead of getting a silent pass."""

from __future__ import annotations

import shutil

import git

from tests.helpers import CliRunner, root_of, write

GOOD = "# Sep 9, 2024\n\n## Topic\n\n- note\n"


def test_a_clean_log_names_how_many_files_were_checked(repo: git.Repo, cli: CliRunner) -> None:
    root = root_of(repo)
    write(root, "log/2024/2024-09-09.md", GOOD)
    write(root, "log/2024/2024-09-10.md", GOOD.replace("Sep 9", "Sep 10"))
    whole = cli("check", cwd=root)
    assert (whole.code, whole.out) == (0, "")
    assert "Checked 2 file(s) in log/, with their links: 0 error(s), 0 warning(s)" in whole.err
    one = cli("check", "log/2024/2024-09-09.md", cwd=root)
    assert (one.code, one.out) == (0, "")
    assert "Checked 1 file(s), with their links" in one.err


def test_a_repository_without_a_log_folder_is_told_so(repo: git.Repo, cli: CliRunner) -> None:
    root = root_of(repo)
    shutil.rmtree(root / "log")
    result = cli("check", cwd=root)
    assert (result.code, result.out) == (0, "")
    assert "no log/ folder" in result.err and "nothing to check" in result.err
    assert "Checked" not in result.err


def test_the_configured_log_folder_is_the_one_named(repo: git.Repo, cli: CliRunner) -> None:
    root = root_of(repo)
    (root / "pyproject.toml").write_text('[tool.learnlog]\nlog_dir = "journal"\n', encoding="utf-8")
    result = cli("check", cwd=root)  # log/ exists, journal/ does not
    assert result.code == 0 and "no journal/ folder" in result.err
    write(root, "journal/2024/2024-09-09.md", GOOD)
    assert "Checked 1 file(s) in journal/" in cli("check", cwd=root).err
