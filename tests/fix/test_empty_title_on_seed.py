"""LL106 on the user's own log: ``# Sep 10, 2024:`` loses its colon, and nothing else moves."""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import git

from tests.helpers import SEED, CliRunner, root_of

# (file, line number, line before, line after): every line `learnlog fix` changes in the seed.
EXPECTED_CHANGES = {
    ("log/2024/2024-09-10.md", 1, "# Sep 10, 2024: ", "# Sep 10, 2024"),
    ("log/2024/2024-09-12.md", 1, "# Sep 12, 2024:", "# Sep 12, 2024"),
    ("log/2024/2024-09-18.md", 1, "# Sep 18, 2024:", "# Sep 18, 2024"),
    # the one encoding repair in the seed (pinned in detail in test_repairs.py)
    ("log/2024/2024-09-09.md", 7, "Itâ€™s", "It’s"),
}


def _lines(root: Path) -> dict[str, list[str]]:
    return {
        p.relative_to(root).as_posix(): p.read_text(encoding="utf-8").split("\n")
        for p in sorted((root / "log").rglob("*.md"))
    }


def _changed_lines(before: dict[str, list[str]], after: dict[str, list[str]]) -> set[tuple[str, int, str, str]]:
    """(file, line, old, new) of each line replaced one for one; any other edit fails the test."""
    assert before.keys() == after.keys()
    changes = set()
    for rel in before:
        matcher = difflib.SequenceMatcher(a=before[rel], b=after[rel], autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                continue
            assert tag == "replace" and i2 - i1 == j2 - j1, (rel, tag, before[rel][i1:i2], after[rel][j1:j2])
            changes |= {(rel, i + 1, before[rel][i], after[rel][j1 + i - i1]) for i in range(i1, i2)}
    return changes


def _shorten(change: tuple[str, int, str, str]) -> tuple[str, int, str, str]:
    """The mojibake line is long: when only "Itâ€™s" -> "It’s" differs, keep just those words."""
    rel, line, old, new = change
    if old != new == old.replace("Itâ€™s", "It’s"):
        return rel, line, "Itâ€™s", "It’s"
    return change


def test_fix_removes_the_empty_title_colons_of_the_seed_and_nothing_else(repo: git.Repo, cli: CliRunner) -> None:
    root = root_of(repo)
    assert cli("import", str(SEED), cwd=root).code == 0
    before = _lines(root)
    warned = json.loads(cli("check", "--format", "json", "--select", "LL106", cwd=root).out)
    assert [(d["path"], d["line"], d["severity"], d["fixable"]) for d in warned] == [
        ("log/2024/2024-09-10.md", 1, "warning", True),
        ("log/2024/2024-09-12.md", 1, "warning", True),
        ("log/2024/2024-09-18.md", 1, "warning", True),
    ]

    result = cli("fix", cwd=root)
    assert result.code == 1  # files changed
    assert (
        'log/2024/2024-09-10.md:1:15: LL106 removed empty title colon: "# Sep 10, 2024:" -> "# Sep 10, 2024" (warning)'
        in result.out.splitlines()
    )
    assert {_shorten(c) for c in _changed_lines(before, _lines(root))} == EXPECTED_CHANGES

    assert json.loads(cli("check", "--format", "json", "--select", "LL106", cwd=root).out) == []
    again = cli("fix", cwd=root)
    assert (again.code, again.out) == (0, "")
