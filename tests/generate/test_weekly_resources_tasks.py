"""A weekly summary with every section filled: resources, open and done tasks, backlog items.

The seed log's summary (test_generated.py) has no resources and no tasks; this week has both,
so the snapshot pins how they are gathered, de-duplicated, ordered and written."""

from __future__ import annotations

from pathlib import Path

import git

from tests.helpers import DATA, CliRunner, root_of, write

SNAPSHOT = DATA / "snapshots" / "2024-W37-resources-tasks.md"
WEEK = "2024-W37"
COMMITTED = {"GIT_AUTHOR_DATE": "2024-09-12T20:00:00+00:00", "GIT_COMMITTER_DATE": "2024-09-12T20:00:00+00:00"}

FILES = {
    "log/2024/2024-09-09.md": """\
---
tags: [llm, lora]
---

# Sep 9, 2024: Soft Prompting vs LoRA

## [Hands-On LLM Fine-Tuning](https://www.wandb.courses/courses/take/training-fine-tuning-LLMs)

- [x] Lesson 1 [TODO] lesson 2
- [ ] Read the prefix-tuning paper
- Prefix tuning: [the paper](https://arxiv.org/abs/2101.00190)

## LoRA

- Paper: <https://arxiv.org/abs/2106.09685>
- Same paper again: [LoRA](https://arxiv.org/abs/2106.09685)
""",
    "log/2024/2024-09-11.md": """\
# Sep 11, 2024

## Evaluation

- [x] Ran HELM on a subset
- [ ] Compare with lm-eval-harness
- Harness: [lm-eval-harness](https://github.com/EleutherAI/lm-evaluation-harness)
- Related: [the same course](https://www.wandb.courses/courses/take/training-fine-tuning-LLMs)
""",
    # the next week: its link and task must not appear
    "log/2024/2024-09-16.md": "# Sep 16, 2024\n\n- [ ] Next week's task <https://example.com/next-week>\n",
    "log/backlog.md": """\
# Daily-Learning-Log

## TODO

- [ ] Watch the Karpathy interview
- [x] Set up the log
- [ ] Read about QLoRA
""",
}


def _week_repo(repo: git.Repo) -> Path:
    root = root_of(repo)
    for rel, text in FILES.items():
        write(root, rel, text)
    repo.git.add(A=True)
    repo.git.commit(m="a week of notes", env=COMMITTED)
    return root


def test_summary_with_resources_and_tasks_matches_the_snapshot(repo: git.Repo, cli: CliRunner) -> None:
    root = _week_repo(repo)
    summary = root / "log" / "weekly" / f"{WEEK}.md"
    for _ in range(2):  # the second run must find the file up to date and leave its bytes alone
        result = cli("summary", "--week", WEEK, cwd=root)
        assert result.code == 0, result.err
        assert summary.read_bytes() == SNAPSHOT.read_bytes()
    assert result.out == ""
    assert "1 weekly summary is up to date" in result.err
    assert cli("summary", "--week", WEEK, "--check", cwd=root).code == 0
