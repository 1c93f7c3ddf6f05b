"""``learnlog search``: words (case- and accent-insensitive), tags, date ranges, newest first."""

from __future__ import annotations

import json

import git

from learnlog.search import Query, fold, front_matter_tags, search_entry
from tests.helpers import CliRunner, root_of, write


def _log(repo: git.Repo) -> None:
    root = root_of(repo)
    write(
        root,
        "log/2024/2024-09-09.md",
        "---\ntags: [LLM, fine-tuning]\n---\n\n# Sep 9, 2024: LoRA\n\n## Café notes\n\n- Low-rank adaptation.\n- Nothing else.\n",
    )
    write(root, "log/2024/2024-09-10.md", "# Sep 10, 2024\n\n## Karpathy\n\n- lora is cheap at the CAFE.\n")
    write(root, "log/2023/2023-12-31.md", "---\ntags: llm\n---\n\n# Dec 31, 2023\n\n- Ｌｏｒａ in full width\n")
    write(root, "log/weekly/2024-W37.md", "# Week\n\n- lora\n")
    write(root, "log/backlog.md", "# Backlog\n\n- lora\n")


def test_words_fold_case_and_accents_newest_first(repo: git.Repo, cli: CliRunner) -> None:
    _log(repo)
    result = cli("search", "lora", "cafe", cwd=root_of(repo))
    assert result.code == 0
    assert result.out.splitlines() == [
        "log/2024/2024-09-10.md:5: - lora is cheap at the CAFE.",
        "log/2024/2024-09-09.md:5: # Sep 9, 2024: LoRA",
        "log/2024/2024-09-09.md:7: ## Café notes",
    ]
    wide = cli("search", "LORA", cwd=root_of(repo)).out.splitlines()
    assert len(wide) == 3 and wide[-1] == "log/2023/2023-12-31.md:7: - Ｌｏｒａ in full width"  # NFKD folds full width
    assert cli("search", "lora", "missing", cwd=root_of(repo)).code == 1


def test_tag_and_date_filters(repo: git.Repo, cli: CliRunner) -> None:
    _log(repo)
    root = root_of(repo)
    assert cli("search", "--tag", "llm", cwd=root).out.splitlines() == [
        "log/2024/2024-09-09.md:5: # Sep 9, 2024: LoRA",
        "log/2023/2023-12-31.md:5: # Dec 31, 2023",
    ]
    assert cli("search", "lora", "--tag", "llm", "--tag", "fine-tuning", cwd=root).out.count("\n") == 1
    result = cli("search", "lora", "--from", "2024-01-01", "--to", "2024-09-09", "--format", "json", cwd=root)
    assert json.loads(result.out) == [
        {"path": "log/2024/2024-09-09.md", "date": "2024-09-09", "line": 5, "text": "# Sep 9, 2024: LoRA"}
    ]
    assert cli("search", cwd=root).code == 2
    assert cli("search", "x", "--from", "2024-02-30", cwd=root).code == 2


def test_pure_parts() -> None:
    assert fold("Crème BRÛLÉE ﬁ") == "creme brulee fi"
    assert fold("a\nb\u0301\n") == "a\nb\n"
    assert front_matter_tags("---\ntags: [a, b]\n---\n# x\n") == ("a", "b")
    assert front_matter_tags("---\ntags: [a\n---\n") == ()  # invalid YAML: no tags, no crash
    assert front_matter_tags("# no front matter\n---\ntags: [a]\n---\n") == ()
    from datetime import date

    hits = search_entry("p.md", date(2024, 1, 1), "# T\n\nnaïve x\nnaive y\n", Query.build("NAÏVE"))
    assert [(h.line, h.text) for h in hits] == [(3, "naïve x"), (4, "naive y")]
