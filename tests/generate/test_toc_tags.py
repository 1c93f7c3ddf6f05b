"""Tags from an entry's front matter follow its title in the README's table of contents."""

from __future__ import annotations

import git

from learnlog.generate.render import TOC_END, TOC_START
from tests.helpers import CliRunner, root_of, write

TAGGED = "---\ntags: [llm, lora]\n---\n\n# Sep 9, 2024: Soft Prompting vs LoRA\n\n## LoRA\n\n- x\n"
ONE_TAG = "---\ntags: evaluation\n---\n\n# Sep 11, 2024\n\n## HELM\n\n- y\n"
UNTAGGED = "# Sep 10, 2024: Karpathy\n\n- z\n"


def test_toc_lines_end_with_the_entry_tags(repo: git.Repo, cli: CliRunner) -> None:
    root = root_of(repo)
    write(root, "README.md", "# My log\n")
    write(root, "log/2024/2024-09-09.md", TAGGED)
    write(root, "log/2024/2024-09-10.md", UNTAGGED)
    write(root, "log/2024/2024-09-11.md", ONE_TAG)
    assert cli("toc", cwd=root).code == 0
    readme = (root / "README.md").read_text(encoding="utf-8")
    toc = readme.split(TOC_START, 1)[1].split(TOC_END, 1)[0]
    entries = [line for line in toc.splitlines() if line.startswith("- [")]
    assert entries == [
        "- [Sep 11, 2024](log/2024/2024-09-11.md): HELM `evaluation`",
        "- [Sep 10, 2024](log/2024/2024-09-10.md): Karpathy",
        "- [Sep 9, 2024](log/2024/2024-09-09.md): Soft Prompting vs LoRA `llm` `lora`",
    ]
    assert cli("toc", "--check", cwd=root).code == 0
