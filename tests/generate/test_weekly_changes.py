"""A week's git changes are listed, but not thousands of them (a whole log imported at once)."""

from __future__ import annotations

from datetime import date

from learnlog.generate.gitdates import History
from learnlog.generate.weekly import MAX_LISTED_CHANGES, render_summary
from learnlog.model import Log


def test_a_week_that_added_many_files_lists_some_and_counts_the_rest() -> None:
    added = {f"log/2024/2024-01-{i:02d}-{n}.md": date(2024, 9, 10) for i in range(1, 3) for n in range(40)}
    history = History(True, created=added, edits={p: [d] for p, d in added.items()})
    text = render_summary(Log(), 2024, 37, history, "mdy", "log/weekly")
    listed = [line for line in text.splitlines() if line.startswith("- Added: [")]
    assert len(listed) == MAX_LISTED_CHANGES
    assert f"- Added: {len(added) - MAX_LISTED_CHANGES} more files" in text
    assert "- Edited:" not in text  # a file added in the week is not also listed as edited
