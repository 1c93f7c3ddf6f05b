"""Structure rules: one case table drives the pure check and the CLI alike."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from learnlog.check.engine import check_text
from learnlog.check.rules import RULES
from learnlog.codes import CODES, Severity
from learnlog.config import Config, parse_config
from tests.helpers import CliRunner, root_of, write

GOOD = "# Sep 9, 2024: Soft Prompting\n\n## Topic\n\n- note\n"
TODAY = date(2026, 11, 26)

# (id, path, text, expected codes)
CASES = [
    ("good", "log/2024/2024-09-09.md", GOOD, []),
    ("good-untitled", "log/2024/2024-09-09.md", "# Sep 9, 2024\n\n- note\n", []),
    ("bad-name", "log/2024/sep-9.md", GOOD, ["LL100"]),
    ("wrong-folder", "log/2023/2024-09-09.md", GOOD, ["LL100"]),
    ("impossible-name", "log/2024/2024-02-30.md", "# Feb 30, 2024\n\nx\n", ["LL100", "LL103"]),
    ("no-h1", "log/2024/2024-09-09.md", "## Sep 9, 2024\n\n- note\n", ["LL101"]),
    ("two-h1", "log/2024/2024-09-09.md", GOOD + "\n# Sep 10, 2024\n", ["LL102"]),
    ("unparseable", "log/2024/2024-09-09.md", "# Ninth of Sep\n\nx\n", ["LL103"]),
    ("impossible", "log/2024/2024-09-09.md", "# Feb 30, 2024\n\nx\n", ["LL103"]),
    ("mismatch", "log/2024/2024-09-09.md", "# Sep 10, 2024\n\nx\n", ["LL104"]),
    ("future", "log/2030/2030-01-01.md", "# Jan 1, 2030\n\nx\n", ["LL105"]),
    ("empty-title", "log/2024/2024-09-10.md", "# Sep 10, 2024: \n\nx\n", ["LL106"]),
    ("no-content", "log/2024/2024-09-09.md", "# Sep 9, 2024\n", ["LL107"]),
    ("skip", "log/2024/2024-09-09.md", "# Sep 9, 2024\n\n### Deep\n\nx\n", ["LL108"]),
    ("duplicate", "log/2024/2024-09-09.md", "# Sep 9, 2024\n\n## A\n\nx\n\n## a\n\ny\n", ["LL109"]),
    ("bad-yaml", "log/2024/2024-09-09.md", "---\ntags: [a\n---\n" + GOOD, ["LL110"]),
    ("unknown-key", "log/2024/2024-09-09.md", "---\ntitel: x\n---\n" + GOOD, ["LL110"]),
    ("tags-ok", "log/2024/2024-09-09.md", "---\ntags: [llm, lora]\n---\n" + GOOD, []),
    ("code-heading", "log/2024/2024-09-09.md", GOOD + "\n```\n# Sep 10, 2024\n```\n", []),
    ("empty", "log/2024/2024-09-09.md", "\n\n", ["LL112"]),
    ("outside-log", "notes/x.md", GOOD, ["LL100"]),
    ("backlog", "log/backlog.md", "# Backlog\n\n## TODO\n\n- x\n", []),
    ("weekly-skipped", "log/weekly/2024-W37.md", "anything", []),
]


@pytest.mark.parametrize(("path", "text", "codes"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_rule_cases(path: str, text: str, codes: list[str]) -> None:
    found = check_text(path, path, text, Config(), TODAY)
    assert sorted(d.code for d in found) == sorted(codes)


@pytest.mark.parametrize(("path", "text", "codes"), [c[1:] for c in CASES if c[3]], ids=[c[0] for c in CASES if c[3]])
def test_rule_cases_through_cli(repo: object, cli: CliRunner, path: str, text: str, codes: list[str]) -> None:
    root = root_of(repo)  # type: ignore[arg-type]
    write(root, path, text)
    result = cli("check", path, "--format", "json", cwd=root)
    import json

    found = json.loads(result.out)
    assert sorted(d["code"] for d in found) == sorted(codes)
    severities = {d["severity"] for d in found}
    assert result.code == (1 if "error" in severities else 0)


def test_tag_vocabulary() -> None:
    config = parse_config({"tags": ["llm"]}, "pyproject.toml")
    text = "---\ntags: [llm, lorra]\n---\n" + GOOD
    found = check_text("x", "log/2024/2024-09-09.md", text, config, TODAY)
    assert [(d.code, d.line) for d in found] == [("LL111", 2)]
    assert "'lorra'" in found[0].message


def test_iso_date_style() -> None:
    config = parse_config({"date_style": "iso"}, "pyproject.toml")
    good = check_text("x", "log/2024/2024-09-09.md", "# 2024-09-09: T\n\nx\n", config, TODAY)
    bad = check_text("x", "log/2024/2024-09-09.md", GOOD, config, TODAY)
    assert good == [] and [d.code for d in bad] == ["LL103"]


def test_empty_title_is_a_fixable_warning() -> None:
    found = check_text("x", "log/2024/2024-09-10.md", "# Sep 10, 2024:\n\nx\n", Config(), TODAY)
    assert [(d.code, d.severity, CODES[d.code].fixable) for d in found] == [("LL106", Severity.WARNING, True)]


def test_every_rule_has_a_registered_code() -> None:
    for registered in RULES:
        assert registered.code in CODES
        assert registered.code.startswith("LL1")


def test_docs_rules_is_generated_from_the_registry(cli: CliRunner, tmp_path: Path) -> None:
    docs = (Path(__file__).parents[2] / "docs" / "rules.md").read_text(encoding="utf-8")
    result = cli("rules", "--format", "markdown", cwd=tmp_path)
    assert result.out == docs, "docs/rules.md is stale: run learnlog rules --format markdown > docs/rules.md"
    for code in CODES.values():
        assert f"| {code.code} |" in docs and f"`{code.name}`" in docs
