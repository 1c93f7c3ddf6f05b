"""Text output marks warnings with a trailing " (warning)"; errors carry no suffix."""

from __future__ import annotations

import git
import pytest

from learnlog.codes import CODES, Severity
from learnlog.diagnostics import Diagnostic
from tests.helpers import CliRunner, root_of, write


@pytest.mark.parametrize("code", list(CODES))
def test_render_suffix_follows_the_registry_severity(code: str) -> None:
    line = Diagnostic("log/x.md", 3, 7, code, "message").render()
    expected = "log/x.md:3:7: " + code + " message"
    if CODES[code].severity is Severity.WARNING:
        expected += " (warning)"
    assert line == expected


def test_check_output_marks_the_warning_and_not_the_error(repo: git.Repo, cli: CliRunner) -> None:
    root = root_of(repo)
    write(root, "log/2024/2024-09-10.md", "# Sep 10, 2024:\n\n### Deep\n\nx\n")
    result = cli("check", cwd=root)
    assert result.code == 1
    assert result.out.splitlines() == [
        "log/2024/2024-09-10.md:1:3: LL106 empty title after the colon (learnlog fix removes the colon) (warning)",
        "log/2024/2024-09-10.md:3:1: LL108 heading level jumps from H1 to H3; use H2",
    ]


@pytest.mark.parametrize("fmt", ["json", "github"])
def test_other_formats_carry_severity_in_their_own_field(repo: git.Repo, cli: CliRunner, fmt: str) -> None:
    root = root_of(repo)
    write(root, "log/2024/2024-09-10.md", "# Sep 10, 2024:\n\nx\n")
    out = cli("check", "--format", fmt, cwd=root).out
    assert "LL106" in out and "(warning)" not in out
