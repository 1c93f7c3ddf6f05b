"""A week's git changes are listed, but not thousands of them (a whole log imported at once)."""

from __future__ import annotations

from datetime import date

import git
import pytest

from learnlog.dates import format_date
from learnlog.generate.gitdates import History
from learnlog.generate.weekly import MAX_LISTED_CHANGES, render_summary
from learnlog.model import Log
from tests.helpers import CliRunner, root_of, write


def test_a_week_that_added_many_files_lists_some_and_counts_the_rest() -> None:
    added = {f"log/2024/2024-01-{i:02d}-{n}.md": date(2024, 9, 10) for i in range(1, 3) for n in range(40)}
    history = History(True, created=added, edits={p: [d] for p, d in added.items()})
    text = render_summary(Log(), 2024, 37, history, "mdy", "log/weekly")
    listed = [line for line in text.splitlines() if line.startswith("- Added: [")]
    assert len(listed) == MAX_LISTED_CHANGES
    assert f"- Added: {len(added) - MAX_LISTED_CHANGES} more files" in text
    assert "- Edited:" not in text  # a file added in the week is not also listed as edited


def test_summary_without_a_week_writes_the_two_newest_weeks_with_entries(
    repo: git.Repo, cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = root_of(repo)
    for day in ("2024-09-09", "2024-09-16", "2024-09-30"):
        write(root, f"log/2024/{day}.md", f"# {format_date(date.fromisoformat(day), 'mdy')}\n\n- note\n")
    for today in ("2024-10-01", "2026-11-26"):
        monkeypatch.setenv("LEARNLOG_TODAY", today)
        assert cli("summary", cwd=root).code == 0
        assert sorted(p.name for p in (root / "log/weekly").iterdir()) == ["2024-W38.md", "2024-W40.md"]
