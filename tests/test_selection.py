"""Which codes are reported: flake8's decision engine (the longest matching pattern wins, an
ignore wins a tie), how the command line merges with the config, and unknown codes."""

from __future__ import annotations

import json

import git
import pytest

from learnlog.codes import PREFIXES
from learnlog.diagnostics import Selection
from tests.helpers import CliRunner, root_of, write

# (id, select, ignore, code, reported?)
DECISIONS = [
    ("default-selects-all", ("ALL",), (), "LL104", True),
    ("empty-select-selects-nothing", (), (), "LL104", False),
    ("empty-select-even-without-ignores", (), ("LL2",), "LL104", False),
    ("family-ignore-beats-all", ("ALL",), ("LL1",), "LL104", False),
    ("longer-ignore-beats-family-select", ("LL1",), ("LL10",), "LL104", False),
    ("exact-select-beats-longer-prefix-ignore", ("LL104",), ("LL10",), "LL104", True),
    ("longer-select-beats-family-ignore", ("LL10",), ("LL1",), "LL104", True),
    ("tie-on-family-ignore-wins", ("LL1",), ("LL1",), "LL104", False),
    ("tie-on-exact-code-ignore-wins", ("LL104",), ("LL104",), "LL104", False),
    ("tie-on-all-ignore-wins", ("ALL",), ("ALL",), "LL104", False),
    ("ll-beats-all-in-ignore", ("ALL",), ("LL",), "LL104", False),
    ("ll-beats-all-in-select", ("LL",), ("ALL",), "LL104", True),
    ("not-selected", ("LL2",), (), "LL104", False),
    ("ignore-of-another-family", ("LL1",), ("LL2",), "LL104", True),
    ("exact-select-other-code-ignored-by-all", ("LL104",), ("ALL",), "LL106", False),
    ("longest-of-several-selects", ("LL1", "LL104"), ("LL10",), "LL104", True),
    ("prefix-is-a-string-prefix", ("ALL",), ("LL10",), "LL110", True),
]


@pytest.mark.parametrize(
    ("select", "ignore", "code", "wanted"), [d[1:] for d in DECISIONS], ids=[d[0] for d in DECISIONS]
)
def test_selection_wants(select: tuple[str, ...], ignore: tuple[str, ...], code: str, wanted: bool) -> None:
    assert Selection(select=select, ignore=ignore).wants(code) is wanted


# One entry with an LL104 error, an LL106 warning and an LL108 error.
ENTRY = "# Sep 10, 2024:\n\n### skip\n\nx\n"

# (id, [tool.learnlog] lines, command-line arguments, codes reported)
MERGES = [
    ("defaults", "", (), ["LL104", "LL106", "LL108"]),
    ("config-select", 'select = ["LL104"]', (), ["LL104"]),
    ("cli-select-replaces-config-select", 'select = ["LL104"]', ("--select", "LL108"), ["LL108"]),
    ("cli-select-wider-than-config-select", 'select = ["LL104"]', ("--select", "LL1"), ["LL104", "LL106", "LL108"]),
    ("cli-ignore-adds-to-config-ignore", 'ignore = ["LL104"]', ("--ignore", "LL108"), ["LL106"]),
    ("config-ignore-survives-cli-select", 'ignore = ["LL104"]', ("--select", "LL10"), ["LL106", "LL108"]),
    ("cli-exact-select-beats-config-family-ignore", 'ignore = ["LL1"]', ("--select", "LL104"), ["LL104"]),
    ("config-longer-ignore-beats-cli-select", 'ignore = ["LL10"]', ("--select", "LL1"), []),
    ("repeated-select-extends", "", ("--select", "LL104", "--select", "LL108"), ["LL104", "LL108"]),
    ("comma-separated-select", "", ("--select", "LL104,LL106"), ["LL104", "LL106"]),
    ("lower-case-on-the-command-line", "", ("--ignore", "ll106"), ["LL104", "LL108"]),
]


@pytest.mark.parametrize(("config", "args", "codes"), [m[1:] for m in MERGES], ids=[m[0] for m in MERGES])
def test_command_line_and_config_merge(
    repo: git.Repo, cli: CliRunner, config: str, args: tuple[str, ...], codes: list[str]
) -> None:
    root = root_of(repo)
    (root / "pyproject.toml").write_text(f"[tool.learnlog]\n{config}\n", encoding="utf-8")
    write(root, "log/2024/2024-09-09.md", ENTRY)
    result = cli("check", "--format", "json", *args, cwd=root)
    assert sorted(d["code"] for d in json.loads(result.out)) == codes
    assert result.code == (1 if {"LL104", "LL108"} & set(codes) else 0)


UNKNOWN = [
    ("check-select-unknown-code", "check", "--select", "LL999"),
    ("check-select-unknown-family", "check", "--select", "LL9"),
    ("check-ignore-not-a-code", "check", "--ignore", "E501"),
    ("links-select-unknown-code", "links", "--select", "LL216"),
]


@pytest.mark.parametrize(("command", "option", "value"), [u[1:] for u in UNKNOWN], ids=[u[0] for u in UNKNOWN])
def test_unknown_code_is_a_usage_error_listing_valid_prefixes(
    repo: git.Repo, cli: CliRunner, command: str, option: str, value: str
) -> None:
    root = root_of(repo)
    write(root, "log/2024/2024-09-09.md", ENTRY)
    result = cli(command, option, value, cwd=root)
    assert (result.code, result.out) == (2, "")
    assert f"learnlog: error: {option}: unknown code {value}" in result.err
    assert "ALL, LL, LL1, LL2, LL3" in result.err
    assert ", ".join(PREFIXES) in result.err
