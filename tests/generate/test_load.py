"""The generators list an entry exactly when ``learnlog check`` accepts its structure: ``toc``
and ``summary`` name on stderr every entry they leave out, and an entry whose only damage is its
encoding (waiting for ``learnlog fix``) is still listed."""

from __future__ import annotations

from pathlib import Path

import git
import pytest

from tests.helpers import CliRunner, root_of, write

README = "# Learning log\n\n<!-- learnlog:toc start -->\n<!-- learnlog:toc end -->\n"
GOOD = "log/2024/2024-09-02.md"
BAD_DATE = "log/2024/2024-13-01.md"  # LL100: no such month
WRONG_DAY = "log/2024/2024-09-04.md"  # LL104: the heading names another day
MOJIBAKE = "log/2024/2024-09-05.md"  # LL302 only


@pytest.fixture
def mixed_log(repo: git.Repo) -> Path:
    root = root_of(repo)
    write(root, "README.md", README)
    write(root, GOOD, "# Sep 2, 2024: Good day\n\n## Ok\n\n- ok\n")
    write(root, BAD_DATE, "# Jan 13, 2024: Thirteenth month\n\n- x\n")
    write(root, WRONG_DAY, "# Sep 10, 2024: Wrong day\n\n- x\n")
    write(root, MOJIBAKE, "# Sep 5, 2024: Mojibake day\n\n- It\u00e2\u20ac\u2122s fine\n")
    return root


def test_check_rejects_exactly_the_two_left_out(mixed_log: Path, cli: CliRunner) -> None:
    out = cli("check", cwd=mixed_log).out
    assert f"{BAD_DATE}:1:1: LL100" in out and f"{WRONG_DAY}:1:3: LL104" in out
    assert f"{MOJIBAKE}:3:3: LL302" in out and "LL1" not in out.split(MOJIBAKE)[1].split("\n")[0]


def _named_left_out(err: str) -> dict[str, str]:
    found = {}
    for line in err.splitlines():
        path, sep, why = line.partition(": left out: ")
        if sep:
            found[path] = why
    return found


def test_toc_names_what_it_leaves_out_and_lists_the_rest(mixed_log: Path, cli: CliRunner) -> None:
    result = cli("toc", cwd=mixed_log)
    assert result.code == 0
    left_out = _named_left_out(result.err)
    assert set(left_out) == {BAD_DATE, WRONG_DAY}
    assert left_out[BAD_DATE].startswith("LL100 ") and left_out[WRONG_DAY].startswith("LL104 ")
    readme = (mixed_log / "README.md").read_text(encoding="utf-8")
    assert f"]({GOOD}): Good day" in readme
    assert f"]({MOJIBAKE}): Mojibake day" in readme
    assert "2024-13-01" not in readme and "Thirteenth" not in readme
    assert "2024-09-04" not in readme and "Wrong day" not in readme
    assert "(2 entries)" in result.out


def test_summary_names_what_it_leaves_out_and_lists_the_rest(mixed_log: Path, cli: CliRunner) -> None:
    result = cli("summary", "--week", "2024-W36", cwd=mixed_log)
    assert result.code == 0
    assert set(_named_left_out(result.err)) == {BAD_DATE, WRONG_DAY}
    weekly = (mixed_log / "log/weekly/2024-W36.md").read_text(encoding="utf-8")
    assert "2024-09-02.md): Good day" in weekly and "2024-09-05.md): Mojibake day" in weekly
    assert "2024-09-04" not in weekly and "Wrong day" not in weekly
    assert "Days logged: 2 of 7" in weekly
