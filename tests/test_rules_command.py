"""``learnlog rules``: every code of the registry, in every format, with nothing left of the
docstring markup (RST double backticks) the texts were once written in."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from learnlog.codes import CODES
from tests.helpers import CliRunner


def _rules(cli: CliRunner, tmp_path: Path, *args: str) -> str:
    result = cli("rules", *args, cwd=tmp_path)
    assert (result.code, result.err) == (0, "")
    return result.out


def test_text_lists_every_code_with_its_name_once(cli: CliRunner, tmp_path: Path) -> None:
    lines = _rules(cli, tmp_path).splitlines()
    assert len(lines) == len(CODES)
    for line, code in zip(lines, CODES.values(), strict=True):
        assert line.startswith(f"{code.code}  {code.name}: {code.summary} ({code.severity.value}")
        assert line.endswith(", fixable)" if code.fixable else f"({code.severity.value})")


def test_text_without_verbose_has_no_why(cli: CliRunner, tmp_path: Path) -> None:
    out = _rules(cli, tmp_path)
    assert not any(code.why[:40] in out for code in CODES.values())


def test_verbose_adds_every_why_under_its_code(cli: CliRunner, tmp_path: Path) -> None:
    out = _rules(cli, tmp_path, "--verbose")
    blocks = {}
    for line in out.splitlines():
        if line.startswith("LL"):
            current = line.split()[0]
            blocks[current] = []
        else:
            assert line.startswith("       "), line
            blocks[current].append(line.strip())
    assert list(blocks) == list(CODES)
    for code in CODES.values():
        assert " ".join(blocks[code.code]) == " ".join(code.why.split()), code.code


def test_json_has_every_code_with_severity_and_fixable(cli: CliRunner, tmp_path: Path) -> None:
    rows = json.loads(_rules(cli, tmp_path, "--format", "json"))
    assert [row["code"] for row in rows] == list(CODES)
    for row in rows:
        code = CODES[row["code"]]
        assert (row["name"], row["severity"], row["fixable"]) == (code.name, code.severity.value, code.fixable)
        assert row["why"] == code.why and row["summary"] == code.summary


@pytest.mark.parametrize(
    "args",
    [(), ("--verbose",), ("--format", "json"), ("--format", "markdown")],
    ids=["text", "verbose", "json", "markdown"],
)
def test_no_rst_double_backticks(cli: CliRunner, tmp_path: Path, args: tuple[str, ...]) -> None:
    out = _rules(cli, tmp_path, *args)
    assert "``" not in out


def test_registry_texts_have_no_rst_double_backticks() -> None:
    """The output above is only as clean as the registry it prints."""
    for code in CODES.values():
        for text in (code.name, code.summary, code.why):
            assert "``" not in text, code.code
