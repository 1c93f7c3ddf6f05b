"""A task that holds a link is listed in the weekly summary as text a reader can read."""

from __future__ import annotations

import git

from tests.helpers import CliRunner, root_of, write


def test_task_with_a_link_is_not_shown_as_escaped_markdown_source(repo: git.Repo, cli: CliRunner) -> None:
    root = root_of(repo)
    write(root, "log/2024/2024-09-09.md", "# Sep 9, 2024\n\n- [ ] Read the [paper](https://arxiv.org/abs/2106.09685)\n")
    assert cli("summary", "--week", "2024-W37", cwd=root).code == 0
    text = (root / "log/weekly/2024-W37.md").read_text(encoding="utf-8")
    task = next(line for line in text.splitlines() if line.startswith("- [ ] "))
    assert "\\[" not in task and "\\]" not in task, task
