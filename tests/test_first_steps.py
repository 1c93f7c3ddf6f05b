"""What a new user runs into first: a bare command, a wrong date, a config in the wrong shape."""

from __future__ import annotations

import json
from pathlib import Path

import git

from tests.helpers import CliRunner, root_of, write


def test_learnlog_without_a_command_lists_the_commands(cli: CliRunner, tmp_path: Path) -> None:
    result = cli(cwd=tmp_path)
    assert result.code == 2
    assert "check" in result.err and "import" in result.err and "search" in result.err


def test_new_refuses_a_future_day_and_names_an_impossible_one(repo: git.Repo, cli: CliRunner) -> None:
    root = root_of(repo)
    future = cli("new", "2030-01-01", cwd=root)
    assert future.code == 2 and "LL105" in future.err
    assert not (root / "log/2030").exists()
    impossible = cli("new", "2025-02-30", cwd=root)
    assert impossible.code == 2 and "is not a real day" in impossible.err


def test_learnlog_toml_with_a_tool_header_says_where_settings_go(repo: git.Repo, cli: CliRunner) -> None:
    root = root_of(repo)
    (root / "pyproject.toml").unlink()
    (root / "learnlog.toml").write_text('[tool.learnlog]\ndate_style = "iso"\n', encoding="utf-8")
    result = cli("check", cwd=root)
    assert result.code == 2 and "at the top level" in result.err


def test_search_names_a_file_it_cannot_read(repo: git.Repo, cli: CliRunner) -> None:
    root = root_of(repo)
    write(root, "log/2024/2024-09-09.md", b"# Sep 9, 2024\n\n- caf\xe9 notes\n")
    write(root, "log/2024/2024-09-10.md", "# Sep 10, 2024\n\n- café notes\n")
    result = cli("search", "notes", cwd=root)
    assert result.code == 0 and "2024-09-10.md" in result.out
    assert "log/2024/2024-09-09.md: not searched" in result.err


def test_check_reports_the_bare_date_links_fix_rewrites(repo: git.Repo, cli: CliRunner) -> None:
    root = root_of(repo)
    write(root, "log/2024/2024-09-08.md", "# Sep 8, 2024\n\n- note\n")
    write(root, "log/2024/2024-09-09.md", "# Sep 9, 2024\n\n- see [yesterday](2024-09-08)\n")
    checked = cli("check", "--format", "json", cwd=root)
    assert [(d["code"], d["line"], d["severity"]) for d in json.loads(checked.out)] == [("LL213", 3, "warning")]
    assert checked.code == 0
    assert cli("fix", cwd=root).code == 1
    assert json.loads(cli("check", "--format", "json", cwd=root).out) == []
