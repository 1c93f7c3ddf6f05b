"""Generated files depend on the log, not on the day they are generated: the README's table of
contents and a past week's summary come out byte-identical whatever today is, so the update
workflow never opens a pull request that only moves a date."""

from __future__ import annotations

from pathlib import Path

import git
import pytest

from tests.helpers import CliRunner, root_of, write

README = "# Learning log\n\n<!-- learnlog:toc start -->\n<!-- learnlog:toc end -->\n\nNotes below.\n"
ENTRIES = {
    "log/2024/2024-09-09.md": "# Sep 9, 2024: Retrieval\n\nTags: #rag\n\n## Retrieval\n\n- [paper](https://example.com/rag)\n",
    "log/2024/2024-09-10.md": "# Sep 10, 2024: Embeddings\n\n## Embeddings\n\n- [ ] compare models\n",
    "log/2024/2024-09-12.md": "# Sep 12, 2024\n\n## Review\n\n- notes\n",
    "log/2024/2024-09-16.md": "# Sep 16, 2024: Next week\n\n## Later\n\n- x\n",
}
DAYS = ("2025-01-01", "2026-06-30")


@pytest.fixture
def committed_log(repo: git.Repo) -> Path:
    root = root_of(repo)
    write(root, "README.md", README)
    for rel, text in ENTRIES.items():
        write(root, rel, text)
    first, last = list(ENTRIES)[:-1], list(ENTRIES)[-1]
    for paths, when in ((["README.md", *first], "2024-09-12T20:00:00"), ([last], "2024-09-16T20:00:00")):
        repo.index.add(paths)
        repo.index.commit(f"log {when[:10]}", author_date=when, commit_date=when)
    return root


def test_toc_is_the_same_whatever_today_is(
    committed_log: Path, cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    readme = committed_log / "README.md"
    made = []
    for today in DAYS:
        monkeypatch.setenv("LEARNLOG_TODAY", today)
        readme.write_text(README, encoding="utf-8")
        result = cli("toc", cwd=committed_log)
        assert result.code == 0, result.err
        made.append(readme.read_bytes())
    assert made[0] != README.encode() and b"2024-09-16" in made[0]
    assert made[0] == made[1]
    assert cli("toc", "--check", cwd=committed_log).code == 0  # and --check agrees on either day


def test_a_past_weeks_summary_is_the_same_whatever_today_is(
    committed_log: Path, cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    weekly = committed_log / "log/weekly/2024-W37.md"
    made = []
    for today in DAYS:
        monkeypatch.setenv("LEARNLOG_TODAY", today)
        weekly.unlink(missing_ok=True)
        result = cli("summary", "--week", "2024-W37", cwd=committed_log)
        assert result.code == 0, result.err
        made.append(weekly.read_bytes())
    assert b"Sep 9, 2024" in made[0] and b"Sep 12, 2024" in made[0] and b"Sep 16" not in made[0]
    assert made[0] == made[1]
    monkeypatch.setenv("LEARNLOG_TODAY", DAYS[0])
    assert cli("summary", "--week", "2024-W37", "--check", cwd=committed_log).code == 0
