"""Each encoding code (LL301..LL306) as ``learnlog check --format json`` reports it on a real
file: its severity is the registry's, and the exit status follows that severity."""

from __future__ import annotations

import json

import git
import pytest

from learnlog.codes import CODES, Severity
from tests.helpers import CliRunner, root_of, write

HEADING = b"# Sep 9, 2024\n\n"

E, W = Severity.ERROR, Severity.WARNING

# (id, file bytes, the one code expected, line, col, its severity)
CASES = [
    ("windows-1252-bytes", HEADING + b"- It\x92s a caf\xe9.\n", "LL301", 3, 5, E),
    ("mojibake", HEADING + "- Itâ€™s popular.\n".encode(), "LL302", 3, 3, E),
    ("bom", b"\xef\xbb\xbf" + HEADING + b"- note\n", "LL303", 1, 1, W),
    ("crlf", HEADING.replace(b"\n", b"\r\n") + b"- note\r\n", "LL304", 1, 14, W),
    ("control-character", HEADING + b"- a bell \x07 here\n", "LL305", 3, 10, E),
    ("replacement-character", HEADING + "- caf\ufffd lost\n".encode(), "LL306", 3, 6, E),
]


def test_the_table_covers_every_encoding_code() -> None:
    assert sorted(c[2] for c in CASES) == sorted(code for code in CODES if code.startswith("LL3"))


@pytest.mark.parametrize(("data", "code", "line", "col", "severity"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_encoding_code_severity_and_exit_status(
    repo: git.Repo, cli: CliRunner, data: bytes, code: str, line: int, col: int, severity: Severity
) -> None:
    root = root_of(repo)
    write(root, "log/2024/2024-09-09.md", data)
    result = cli("check", "--format", "json", cwd=root)
    found = json.loads(result.out)
    assert [(d["code"], d["line"], d["col"]) for d in found] == [(code, line, col)]
    assert CODES[code].severity is severity
    assert found[0]["severity"] == CODES[code].severity.value
    assert found[0]["fixable"] is CODES[code].fixable
    assert result.code == (1 if severity is Severity.ERROR else 0)
    assert cli("check", "--strict", cwd=root).code == 1
