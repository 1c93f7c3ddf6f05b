"""Import and export: the user's seed survives import then export byte for byte."""

from __future__ import annotations

import git

from learnlog.singlefile import rebase_link, split_log
from tests.helpers import SEED, CliRunner, root_of, write


def test_seed_round_trips_byte_for_byte(repo: git.Repo, cli: CliRunner) -> None:
    root = root_of(repo)
    assert cli("import", str(SEED), cwd=root).code == 0
    result = cli("export", "-o", "Daily-Learning-Log.md", cwd=root)
    assert result.code == 0
    assert (root / "Daily-Learning-Log.md").read_bytes() == SEED.read_bytes()


def test_seed_import_layout(repo: git.Repo, cli: CliRunner) -> None:
    root = root_of(repo)
    result = cli("import", str(SEED), cwd=root)
    written = sorted(p.relative_to(root).as_posix() for p in (root / "log").rglob("*.md"))
    assert written == [
        "log/2024/2024-09-09.md", "log/2024/2024-09-10.md", "log/2024/2024-09-12.md",
        "log/2024/2024-09-18.md", "log/backlog.md",
    ]  # fmt: skip
    assert result.out.count("wrote ") == 5
    sep9 = (root / "log/2024/2024-09-09.md").read_text(encoding="utf-8")
    assert sep9.startswith("# Sep 9, 2024: Soft Prompting vs LoRA\n\n## Soft Prompting:\n")
    sep12 = (root / "log/2024/2024-09-12.md").read_text(encoding="utf-8")
    assert "](../../QA_SQL/README.md)" in sep12
    backlog = (root / "log/backlog.md").read_text(encoding="utf-8")
    assert backlog.startswith("# Daily-Learning-Log\n\n## TODO\n### [Neural")


def test_relative_link_still_points_at_the_same_target() -> None:
    assert rebase_link("QA_SQL/README.md", "", "log/2024") == "../../QA_SQL/README.md"
    assert rebase_link("../../QA_SQL/README.md#x", "log/2024", "") == "QA_SQL/README.md#x"
    assert rebase_link("docs/", "", "log") == "../docs/"


def test_links_in_code_are_not_rewritten() -> None:
    text = "## Sep 9, 2024: T\n\n[a](x.md) `[b](y.md)`\n\n```\n[c](z.md)\n```\n"
    files = split_log(text, "mdy", "", "log").files
    assert files["log/2024/2024-09-09.md"] == "# Sep 9, 2024: T\n\n[a](../../x.md) `[b](y.md)`\n\n```\n[c](z.md)\n```\n"


def test_headings_in_code_blocks_are_not_raised() -> None:
    text = "## Sep 9, 2024\n\n```\n### not a heading\n```\n\n### Topic\n"
    out = split_log(text, "mdy", "", "log").files["log/2024/2024-09-09.md"]
    assert "### not a heading" in out and "\n## Topic\n" in out


def test_refuses_to_overwrite_then_force(repo: git.Repo, cli: CliRunner) -> None:
    root = root_of(repo)
    write(root, "log/2024/2024-09-09.md", "mine\n")
    result = cli("import", str(SEED), cwd=root)
    assert result.code == 1 and "not overwritten" in result.err
    assert (root / "log/2024/2024-09-09.md").read_text() == "mine\n"
    assert not (root / "log/2024/2024-09-10.md").exists()
    assert cli("import", str(SEED), "--force", cwd=root).code == 0
    assert (root / "log/2024/2024-09-09.md").read_text(encoding="utf-8").startswith("# Sep 9, 2024")


def test_dry_run_writes_nothing(repo: git.Repo, cli: CliRunner) -> None:
    root = root_of(repo)
    result = cli("import", str(SEED), "--dry-run", cwd=root)
    assert result.code == 0 and "would write log/2024/2024-09-09.md" in result.out
    assert list((root / "log").iterdir()) == []


def test_two_sections_for_one_day_become_topics_of_one_entry() -> None:
    split = split_log("## Sep 9, 2024\n\na\n\n## Sep 9, 2024: again\n\nb\n", "mdy", "", "log")
    assert split.files == {"log/2024/2024-09-09.md": "# Sep 9, 2024\n\n## Part 1\n\na\n\n## again\n\nb\n"}
    assert [(p.line, p.part, p.parts) for p in split.placed] == [(1, 1, 2), (5, 2, 2)]


def test_impossible_date_goes_to_the_backlog_with_its_line() -> None:
    split = split_log("## Feb 30, 2024\n\na\n", "mdy", "", "log")
    assert split.files == {"log/backlog.md": "## Feb 30, 2024\n\na\n"}
    assert [(x.line, x.kind) for x in split.leftovers] == [(1, "impossible")]
    assert "impossible date 'Feb 30, 2024'" in split.leftovers[0].reason


def test_export_to_stdout_matches_file(repo: git.Repo, cli: CliRunner) -> None:
    root = root_of(repo)
    cli("import", str(SEED), cwd=root)
    result = cli("export", cwd=root)
    assert (result.code, result.out) == (0, SEED.read_text(encoding="utf-8"))


def test_new_entry_from_template(repo: git.Repo, cli: CliRunner) -> None:
    root = root_of(repo)
    result = cli("new", "2024-09-20", "--title", "LoRA", "--tag", "llm", cwd=root)
    assert (result.code, result.out.strip()) == (0, "log/2024/2024-09-20.md")
    text = (root / "log/2024/2024-09-20.md").read_text(encoding="utf-8")
    assert text.startswith("---\ntags: [llm]\n---\n\n# Sep 20, 2024: LoRA\n")
    assert cli("check", "log/2024/2024-09-20.md", cwd=root).code == 0
    again = cli("new", "2024-09-20", cwd=root)
    assert again.code == 1 and "already exists" in again.err
    assert cli("new", "yesterday", cwd=root).out.strip() == "log/2026/2026-11-25.md"
    assert cli("new", "2024-13-01", cwd=root).code == 2


def test_tags_survive_export_and_import(repo: git.Repo, cli: CliRunner) -> None:
    """Front matter cannot sit in the middle of one file: export keeps it as a comment under the
    day's heading, and import puts it back at the top of the entry."""
    root = root_of(repo)
    assert cli("new", "2024-09-20", "--title", "LoRA", "--tag", "llm", "--tag", "lora", cwd=root).code == 0
    entry = root / "log/2024/2024-09-20.md"
    before = entry.read_text(encoding="utf-8")
    assert cli("export", "-o", "all.md", cwd=root).code == 0
    exported = (root / "all.md").read_text(encoding="utf-8")
    assert "\n---\n" not in exported and "<!-- learnlog:front-matter\ntags: [llm, lora]\n-->" in exported
    entry.unlink()
    assert cli("import", "all.md", cwd=root).code == 0
    assert entry.read_text(encoding="utf-8").rstrip("\n") == before.rstrip("\n")
    assert cli("check", "log/2024/2024-09-20.md", cwd=root).code == 0
