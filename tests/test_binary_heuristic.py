"""``files.looks_binary``: known magic numbers and mostly-control-byte files are binary (LL192);
a text file with one stray NUL is text, and its NUL is reported as LL305."""

from __future__ import annotations

import json

import git
import pytest

from learnlog.files import looks_binary
from tests.helpers import CliRunner, root_of, write

TEXT = b"# Sep 9, 2024\n\n- a line of notes\n"


def _with_controls(odd: int, total: int = 100) -> bytes:
    """``total`` bytes of which ``odd`` are control bytes a text file does not have."""
    return b"\x01" * odd + b"a" * (total - odd)


# (id, bytes, binary?)
HEURISTIC = [
    ("png-magic", b"\x89PNG\r\n\x1a\n" + b"plain after the magic", True),
    ("pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", True),
    ("zip", b"PK\x03\x04" + b"a" * 50, True),
    ("gzip", b"\x1f\x8b\x08\x00" + b"a" * 50, True),
    ("eleven-percent-control", _with_controls(11), True),
    ("ten-percent-control", _with_controls(10), False),
    ("all-control", bytes(range(1, 9)) * 20, True),
    ("text", TEXT, False),
    ("text-one-stray-nul", TEXT.replace(b"a line", b"a \x00line"), False),
    ("only-tab-cr-lf-formfeed-escape", b"\t\r\n\f\x1b" * 40, False),
    ("empty", b"", False),
    ("magic-not-at-start", b"see \x89PNG and %PDF in prose\n", False),
]


@pytest.mark.parametrize(("data", "binary"), [c[1:] for c in HEURISTIC], ids=[c[0] for c in HEURISTIC])
def test_looks_binary(data: bytes, binary: bool) -> None:
    assert looks_binary(data) is binary


def test_only_the_first_8_kib_are_sampled() -> None:
    assert looks_binary(b"a" * 8192 + b"\x01" * 8192) is False
    assert looks_binary(b"\x01" * 8192 + b"a" * 8192) is True


# (id, bytes, expected (code, line))
CHECKED = [
    ("png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), [("LL192", 1)]),
    ("pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\n", [("LL192", 1)]),
    ("mostly-control-bytes", b"# Sep 9, 2024\n\n" + b"\x02\x03" * 30, [("LL192", 1)]),
    ("one-stray-nul", TEXT.replace(b"a line", b"a \x00line"), [("LL305", 3)]),
]


@pytest.mark.parametrize(("data", "expected"), [c[1:] for c in CHECKED], ids=[c[0] for c in CHECKED])
def test_check_reports_binary_or_the_stray_nul(
    repo: git.Repo, cli: CliRunner, data: bytes, expected: list[tuple[str, int]]
) -> None:
    root = root_of(repo)
    write(root, "log/2024/2024-09-09.md", data)
    result = cli("check", "--format", "json", cwd=root)
    assert [(d["code"], d["line"]) for d in json.loads(result.out)] == expected
    assert result.code == 1
