"""What the entry model says about a heading it cannot read: an ISO date in a log that writes
``Sep 9, 2024`` gets the config line that would make it valid."""

from __future__ import annotations

import json

import git
import pytest

from tests.helpers import CliRunner, root_of, write

ENTRY = "log/2024/2024-09-09.md"
HINT = 'set date_style = "iso" in [tool.learnlog]'


def ll103(cli: CliRunner, repo: git.Repo) -> str:
    result = cli("check", ENTRY, "--format", "json", cwd=root_of(repo))
    assert result.code == 1
    found = [d["message"] for d in json.loads(result.out) if d["code"] == "LL103"]
    assert len(found) == 1, result.out
    return found[0]


@pytest.mark.parametrize("heading", ["# 2024-09-09", "# 2024-09-09: Retrieval"])
def test_an_iso_heading_in_an_mdy_log_gets_the_date_style_hint(repo: git.Repo, cli: CliRunner, heading: str) -> None:
    write(root_of(repo), ENTRY, f"{heading}\n\n- notes\n")
    message = ll103(cli, repo)
    assert "does not start with a date like 'Sep 9, 2024'" in message
    assert HINT in message


@pytest.mark.parametrize("heading", ["# Someday", "# Sept 9th 2024"])
def test_a_heading_that_is_no_iso_date_gets_no_such_hint(repo: git.Repo, cli: CliRunner, heading: str) -> None:
    write(root_of(repo), ENTRY, f"{heading}\n\n- notes\n")
    assert HINT not in ll103(cli, repo)


def test_an_iso_log_is_not_told_to_set_iso(repo: git.Repo, cli: CliRunner) -> None:
    root = root_of(repo)
    (root / "pyproject.toml").write_text('[tool.learnlog]\ndate_style = "iso"\n', encoding="utf-8")
    write(root, ENTRY, "# Sep 9, 2024\n\n- notes\n")
    message = ll103(cli, repo)
    assert "like '2024-09-09'" in message and "date_style" not in message
