"""``learnlog stats``: counts, streaks and periods as of a day, in text and JSON."""

from __future__ import annotations

import json

import git

from tests.helpers import CliRunner, root_of, write


def _log(repo: git.Repo) -> None:
    root = root_of(repo)
    write(
        root,
        "log/2024/2024-09-09.md",
        "---\ntags: [llm, lora]\n---\n\n# Sep 9, 2024: A\n\n## One\n\n- [ ] open\n- [x] done\n\n## Two\n\n[x][r] and [y](https://y.example)\n\n[r]: https://r.example\n",
    )
    write(root, "log/2024/2024-09-10.md", "---\ntags: [llm]\n---\n\n# Sep 10, 2024\n\n## Three\n\n- [TODO] later\n")
    write(root, "log/2024/2024-09-11.md", "# Sep 11, 2024\n\n- notes\n")
    write(root, "log/2024/2024-09-15.md", "# Sep 15, 2024\n\n- notes\n")
    write(root, "log/2025/2025-01-01.md", "# Jan 1, 2025\n\n- notes\n")


def test_json_counts_as_of_a_day(repo: git.Repo, cli: CliRunner) -> None:
    _log(repo)
    result = cli("stats", "--format", "json", "--as-of", "2024-09-16", cwd=root_of(repo))
    assert result.code == 0
    stats = json.loads(result.out)
    assert stats["as_of"] == "2024-09-16"
    assert stats["entries"] == 4  # 2025-01-01 is after the as-of day
    assert (stats["first_day"], stats["last_day"]) == ("2024-09-09", "2024-09-15")
    assert (stats["current_streak"], stats["longest_streak"]) == (1, 3)
    assert stats["per_week"] == {"2024-W37": 4}
    assert stats["per_month"] == {"2024-09": 4}
    assert stats["per_weekday"] == {"Mon": 1, "Tue": 1, "Wed": 1, "Thu": 0, "Fri": 0, "Sat": 0, "Sun": 1}
    assert stats["top_tags"] == [{"tag": "llm", "entries": 2}, {"tag": "lora", "entries": 1}]
    assert stats["topics"] == 3
    assert stats["links"] == 2 and stats["external_links"] == 2  # a reference and its definition: one link
    assert stats["tasks"] == {"open": 2, "done": 1}


def test_text_defaults_to_today(repo: git.Repo, cli: CliRunner) -> None:
    _log(repo)
    result = cli("stats", cwd=root_of(repo))
    assert result.code == 0
    assert result.out.startswith("As of 2026-11-26\nEntries: 5 (2024-09-09 to 2025-01-01)\n")
    assert "Streak: current 0 days, longest 3 days" in result.out
    assert "  llm  2" in result.out
    assert cli("stats", "--as-of", "2024-13-01", cwd=root_of(repo)).code == 2


def test_empty_log(repo: git.Repo, cli: CliRunner) -> None:
    result = cli("stats", "--format", "json", cwd=root_of(repo))
    assert result.code == 0
    stats = json.loads(result.out)
    assert stats["entries"] == 0 and stats["first_day"] is None and stats["top_tags"] == []
    assert cli("stats", cwd=root_of(repo)).out.endswith("Top tags:\n  (none)\n")
