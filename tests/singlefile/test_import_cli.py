"""``learnlog import`` end to end in a real repository: preview, refusals, merges, check."""

from __future__ import annotations

import git

from tests.helpers import CliRunner, root_of, write

STYLES = """# Things I learned

## Day 1: Monday, March 10, 2025

- one

## Day 2 (Tuesday, March 11, 2025) ✅ LoRA

- two

## 2025-03-11 18:00 Evening

- three

## Mar 1-3, 2025

- a range

## Ideas

- someday
"""


def test_dry_run_shows_days_backlog_and_why_and_writes_nothing(repo: git.Repo, cli: CliRunner) -> None:
    root = root_of(repo)
    write(root, "til.md", STYLES)
    result = cli("import", "til.md", "--dry-run", cwd=root)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "3 dated section(s) -> 2 entries"
    assert lines[2].split() == ["3", "2025-03-10", "Day", "1", "log/2025/2025-03-10.md"]
    assert lines[3].split()[:2] == ["7", "2025-03-11"] and lines[3].endswith("(topic 1 of 2)")
    assert lines[4].split()[:4] == ["11", "2025-03-11", "18:00", "Evening"]
    backlog = "\n".join(lines[5:])
    assert "1-2  # Things I learned" in backlog and "text before" not in backlog
    assert "'Mar 1-3, 2025' is a range of days" in backlog and "## Ideas" in backlog
    assert "til.md:15:1: LL402 'Mar 1-3, 2025' is a range of days" in result.err
    assert "would write log/2025/2025-03-11.md" in result.out
    assert list((root / "log").iterdir()) == []


def test_imported_entries_pass_check(repo: git.Repo, cli: CliRunner) -> None:
    root = root_of(repo)
    write(root, "til.md", STYLES)
    assert cli("import", "til.md", cwd=root).code == 0
    assert (
        (root / "log/2025/2025-03-11.md")
        .read_text(encoding="utf-8")
        .startswith("# Mar 11, 2025\n\n## Day 2 — LoRA\n\n- two\n\n## 18:00 Evening\n")
    )
    result = cli("check", cwd=root)
    assert (result.code, result.out) == (0, "")


def test_no_dated_headings_says_what_it_saw_and_exits_1(repo: git.Repo, cli: CliRunner) -> None:
    root = root_of(repo)
    weeks = "# Course\n\n" + "".join(f"### Week {n} - Topic {n}\n\n- notes\n\n" for n in range(1, 13))
    write(root, "course.md", weeks)
    result = cli("import", "course.md", cwd=root)
    assert result.code == 1
    assert "course.md: no dated headings; 12 H3 heading(s) like 'Week 1 - Topic 1'; nothing written." in result.err
    assert "To proceed: start each day's heading with its date" in result.err
    assert list((root / "log").iterdir()) == []


def test_ambiguous_numeric_dates_need_an_order(repo: git.Repo, cli: CliRunner) -> None:
    root = root_of(repo)
    write(root, "til.md", "## 3/4/2024\n\n- a\n\n## 5/6/2024\n\n- b\n")
    result = cli("import", "til.md", cwd=root)
    assert result.code == 2 and "til.md:1:1: LL403 '3/4/2024' is ambiguous" in result.err
    assert list((root / "log").iterdir()) == []
    assert cli("import", "til.md", "--date-order", "dmy", cwd=root).code == 0
    assert (root / "log/2024/2024-04-03.md").read_text(encoding="utf-8") == "# Apr 3, 2024\n\n- a\n\n"


def test_force_merges_the_backlog_and_a_second_import_changes_nothing(repo: git.Repo, cli: CliRunner) -> None:
    root = root_of(repo)
    write(root, "log/backlog.md", "# Backlog\n\n## Mine\n\n- keep me\n")
    write(root, "til.md", "# Notes\n\n## Sep 9, 2024\n\n- a\n\n## Ideas\n\n- new idea\n")
    refused = cli("import", "til.md", cwd=root)
    assert refused.code == 1 and "log/backlog.md: exists; not overwritten" in refused.err
    assert not (root / "log/2024").exists()
    assert cli("import", "til.md", "--force", cwd=root).code == 0
    merged = "# Backlog\n\n## Mine\n\n- keep me\n\n# Notes\n\n## Ideas\n\n- new idea\n"
    assert (root / "log/backlog.md").read_text(encoding="utf-8") == merged
    again = cli("import", "til.md", "--force", cwd=root)
    assert again.code == 0 and "wrote" not in again.out
    assert (root / "log/backlog.md").read_text(encoding="utf-8") == merged


def test_forced_import_replaces_an_entry_but_not_without_force(repo: git.Repo, cli: CliRunner) -> None:
    root = root_of(repo)
    write(root, "log/2024/2024-09-09.md", "# Sep 9, 2024\n\n- mine\n")
    write(root, "til.md", "## 2024-09-09\n\n- theirs\n")
    assert cli("import", "til.md", cwd=root).code == 1
    assert "mine" in (root / "log/2024/2024-09-09.md").read_text(encoding="utf-8")
    assert cli("import", "til.md", "--force", cwd=root).code == 0
    assert (root / "log/2024/2024-09-09.md").read_text(encoding="utf-8") == "# Sep 9, 2024\n\n- theirs\n"
