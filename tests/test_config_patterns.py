"""select/ignore in [tool.learnlog] are held to the same rules as --select/--ignore."""

from __future__ import annotations

import git
import pytest

from tests.helpers import CliRunner, root_of, write

ENTRY = "# Sep 10, 2024\n\n### skip\n\nx\n"  # LL104 and LL108


@pytest.mark.parametrize("config", ['select = ["LL999"]', 'ignore = ["LL9"]'], ids=["select-unknown", "ignore-unknown"])
def test_unknown_code_in_config_is_a_usage_error(repo: git.Repo, cli: CliRunner, config: str) -> None:
    root = root_of(repo)
    (root / "pyproject.toml").write_text(f"[tool.learnlog]\n{config}\n", encoding="utf-8")
    write(root, "log/2024/2024-09-09.md", ENTRY)
    result = cli("check", cwd=root)
    assert result.code == 2 and "unknown code" in result.err


def test_lower_case_config_patterns_work_like_the_command_line(repo: git.Repo, cli: CliRunner) -> None:
    root = root_of(repo)
    write(root, "log/2024/2024-09-09.md", ENTRY)
    (root / "pyproject.toml").write_text('[tool.learnlog]\nignore = ["ll104"]\n', encoding="utf-8")
    config_out = cli("check", cwd=root).out
    (root / "pyproject.toml").write_text("[tool.learnlog]\n", encoding="utf-8")
    assert config_out == cli("check", "--ignore", "ll104", cwd=root).out
