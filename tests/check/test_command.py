"""``learnlog check`` as a user runs it: formats, exit codes, bad input, select/ignore, config."""

from __future__ import annotations

import json
import os
from pathlib import Path

import git
import pytest

from tests.helpers import CliRunner, root_of, write

GOOD = "# Sep 9, 2024: Soft Prompting\n\n## Topic\n\n- note\n"


def test_clean_log_exits_zero(repo: git.Repo, cli: CliRunner) -> None:
    root = root_of(repo)
    write(root, "log/2024/2024-09-09.md", GOOD)
    result = cli("check", cwd=root)
    assert (result.code, result.out) == (0, "")


def test_text_format_and_exit_one(repo: git.Repo, cli: CliRunner) -> None:
    root = root_of(repo)
    write(root, "log/2024/2024-09-09.md", "# Sep 10, 2024\n\nx\n")
    result = cli("check", cwd=root)
    assert result.code == 1
    assert result.out.strip() == (
        "log/2024/2024-09-09.md:1:3: LL104 heading date 2024-09-10 differs from the file name date 2024-09-09"
    )


def test_github_format(repo: git.Repo, cli: CliRunner) -> None:
    root = root_of(repo)
    write(root, "log/2024/2024-09-09.md", "# Sep 10, 2024\n\nx\n")
    result = cli("check", "--format", "github", cwd=root)
    assert result.out.startswith("::error file=log/2024/2024-09-09.md,line=1,col=3,title=LL104::LL104 heading")


def test_warnings_pass_unless_strict(repo: git.Repo, cli: CliRunner) -> None:
    root = root_of(repo)
    write(root, "log/2024/2024-09-10.md", "# Sep 10, 2024:\n\nx\n")
    assert cli("check", cwd=root).code == 0
    assert cli("check", "--strict", cwd=root).code == 1


def test_select_and_ignore(repo: git.Repo, cli: CliRunner) -> None:
    root = root_of(repo)
    write(root, "log/2024/2024-09-09.md", "# Sep 10, 2024\n\n### skip\n\nx\n")
    codes = lambda *a: sorted(d["code"] for d in json.loads(cli("check", "--format", "json", *a, cwd=root).out))  # noqa: E731
    assert codes() == ["LL104", "LL108"]
    assert codes("--ignore", "LL104") == ["LL108"]
    assert codes("--select", "LL104") == ["LL104"]
    (root / "pyproject.toml").write_text('[tool.learnlog]\nignore = ["LL1"]\n', encoding="utf-8")
    assert codes() == []
    assert codes("--select", "LL108") == ["LL108"]


def test_usage_error_exits_two(repo: git.Repo, cli: CliRunner) -> None:
    assert cli("check", "--format", "xml", cwd=root_of(repo)).code == 2
    assert cli("nonsense", cwd=root_of(repo)).code == 2


def test_unknown_config_key_names_file_key_and_valid_keys(repo: git.Repo, cli: CliRunner) -> None:
    root = root_of(repo)
    (root / "pyproject.toml").write_text("[tool.learnlog]\ndate_stlye = 'iso'\n", encoding="utf-8")
    result = cli("check", cwd=root)
    assert result.code == 2
    assert "pyproject.toml" in result.err
    assert "unknown key 'tool.learnlog.date_stlye'" in result.err
    assert "date_style" in result.err and "log_dir" in result.err


def test_nested_config_key_typo(repo: git.Repo, cli: CliRunner) -> None:
    root = root_of(repo)
    (root / "pyproject.toml").write_text("[tool.learnlog.fix]\nuncurl_quote = true\n", encoding="utf-8")
    result = cli("check", cwd=root)
    assert result.code == 2 and "tool.learnlog.fix.uncurl_quote" in result.err and "uncurl_quotes" in result.err


BAD_INPUT = [
    ("invalid-utf8", b"# Sep 9, 2024\n\ncaf\xc3(\n", "LL301", 3),
    ("binary", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "LL192", 1),
    ("empty", b"", "LL112", 1),
]


@pytest.mark.parametrize(("data", "code", "line"), [c[1:] for c in BAD_INPUT], ids=[c[0] for c in BAD_INPUT])
def test_bad_input_gets_a_diagnostic(repo: git.Repo, cli: CliRunner, data: bytes, code: str, line: int) -> None:
    root = root_of(repo)
    write(root, "log/2024/2024-09-09.md", data)
    result = cli("check", "log/2024/2024-09-09.md", cwd=root)
    assert result.code == 1
    assert result.out.startswith(f"log/2024/2024-09-09.md:{line}:")
    assert f" {code} " in result.out
    assert "Traceback" not in result.out + result.err


def test_fifty_megabyte_file_is_not_read(repo: git.Repo, cli: CliRunner) -> None:
    root = root_of(repo)
    path = root / "log/2024/2024-09-09.md"
    path.parent.mkdir(parents=True)
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    result = cli("check", "log/2024/2024-09-09.md", cwd=root)
    assert result.code == 1 and "LL191" in result.out and "52,428,800 bytes" in result.out


def test_symlink_and_directory_out_of_repo(repo: git.Repo, cli: CliRunner, tmp_path: Path) -> None:
    root = root_of(repo)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.md").write_text(GOOD, encoding="utf-8")
    (root / "log/2024").mkdir(parents=True)
    os.symlink(outside / "x.md", root / "log/2024/2024-09-09.md")
    os.symlink(outside, root / "log/elsewhere")
    # a regular file reached through a symlinked folder is outside too
    result = cli("check", "log/2024/2024-09-09.md", "log/elsewhere", "log/elsewhere/x.md", cwd=root)
    assert result.code == 1
    lines = result.out.strip().splitlines()
    assert len(lines) == 3 and all("LL190" in line and "outside the repository" in line for line in lines)


def test_directory_inside_repo_is_expanded(repo: git.Repo, cli: CliRunner) -> None:
    root = root_of(repo)
    write(root, "log/2024/2024-09-09.md", "# Sep 10, 2024\n\nx\n")
    assert "LL104" in cli("check", "log/2024", cwd=root).out


def test_schema_prints_entry_json_schema(repo: git.Repo, cli: CliRunner) -> None:
    result = cli("schema", cwd=root_of(repo))
    schema = json.loads(result.out)
    assert schema["title"] == "Entry"
    assert {"date", "title", "tags", "topics", "tasks", "links", "path"} <= set(schema["properties"])


def test_every_command_has_help_with_example(cli: CliRunner, tmp_path: Path) -> None:
    from learnlog.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, child in sub.choices.items():  # type: ignore[union-attr]
        assert "Example: learnlog" in (child.epilog or ""), name
