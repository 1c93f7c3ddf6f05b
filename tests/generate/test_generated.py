"""TOC, weekly summaries, git dates, and the update workflow's own run: steps."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import git
import pytest
import yaml

from learnlog.generate.gitdates import read_history
from learnlog.generate.render import TOC_END, TOC_START, longest_streak, splice, streak_ending
from tests.helpers import DATA, SEED, TODAY, CliRunner, root_of, write

SNAPSHOTS = DATA / "snapshots"
WORKFLOWS = Path(__file__).resolve().parents[2] / ".github" / "workflows"
FIXED = {"GIT_AUTHOR_DATE": "2024-09-18T20:00:00+00:00", "GIT_COMMITTER_DATE": "2024-09-18T20:00:00+00:00"}


def _imported(repo: git.Repo, cli: CliRunner) -> Path:
    root = root_of(repo)
    (root / "README.md").write_text("# My log\n\nIntro.\n", encoding="utf-8")
    cli("import", str(SEED), cwd=root)
    cli("fix", cwd=root)
    repo.git.add(A=True)
    repo.git.commit(m="import", env=FIXED)
    return root


def test_toc_snapshot_and_idempotence(repo: git.Repo, cli: CliRunner) -> None:
    root = _imported(repo, cli)
    assert cli("toc", "--check", cwd=root).code == 1
    assert cli("toc", cwd=root).code == 0
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# My log\n\nIntro.\n\n" + TOC_START)
    assert readme == (SNAPSHOTS / "README.md").read_text(encoding="utf-8")
    before = (root / "README.md").read_bytes()
    assert cli("toc", cwd=root).code == 0 and (root / "README.md").read_bytes() == before
    assert cli("toc", "--check", cwd=root).code == 0
    import mdformat

    assert mdformat.text(readme, extensions={"gfm"}) == readme


def test_summary_snapshot(repo: git.Repo, cli: CliRunner) -> None:
    root = _imported(repo, cli)
    assert cli("summary", "--week", "2024-W38", cwd=root).code == 0
    text = (root / "log/weekly/2024-W38.md").read_text(encoding="utf-8")
    assert text == (SNAPSHOTS / "2024-W38.md").read_text(encoding="utf-8")
    assert cli("summary", "--week", "2024-W38", "--check", cwd=root).code == 0
    assert cli("check", "--select", "LL1,LL3", cwd=root).code == 0  # the structure check skips summaries
    assert cli("summary", "--week", "2024-W99", cwd=root).code == 2


def test_splice_keeps_everything_outside_the_markers() -> None:
    text = f"before\n{TOC_START}\nold\n{TOC_END}\nafter\n"
    assert splice(text, "new") == f"before\n{TOC_START}\n\nnew\n\n{TOC_END}\nafter\n"
    assert splice("no markers\n", "x") == f"no markers\n\n{TOC_START}\n\nx\n\n{TOC_END}\n"


def test_streaks() -> None:
    from datetime import date

    days = {date(2024, 9, d) for d in (1, 2, 3, 5, 6)}
    assert streak_ending(days, date(2024, 9, 6)) == 2
    assert streak_ending(days, date(2024, 9, 7)) == 0
    assert longest_streak(days) == 3


def test_streaks_at_the_ends_of_the_calendar() -> None:
    from datetime import date

    days = {date.min, date(1, 1, 2), date.max}
    assert streak_ending(days, date(1, 1, 2)) == 2
    assert longest_streak(days) == 2


def test_splice_refuses_a_start_marker_without_an_end() -> None:
    with pytest.raises(ValueError, match="must both be present"):
        splice(f"x\n{TOC_START}\nold\n", "new")


def test_renamed_entry_keeps_its_creation_date(repo: git.Repo) -> None:
    root = root_of(repo)
    write(root, "log/2024/2024-09-08.md", "# Sep 9, 2024\n\n- x\n")
    repo.git.add(A=True)
    repo.git.commit(
        m="add", env={"GIT_AUTHOR_DATE": "2024-09-09T10:00:00+00:00", "GIT_COMMITTER_DATE": "2024-09-09T10:00:00+00:00"}
    )
    repo.git.mv("log/2024/2024-09-08.md", "log/2024/2024-09-09.md")
    repo.git.commit(
        m="rename",
        env={"GIT_AUTHOR_DATE": "2024-09-20T10:00:00+00:00", "GIT_COMMITTER_DATE": "2024-09-20T10:00:00+00:00"},
    )
    history = read_history(root)
    assert history.available
    assert str(history.created["log/2024/2024-09-09.md"]) == "2024-09-09"
    assert [str(d) for d in history.edits["log/2024/2024-09-09.md"]] == ["2024-09-09", "2024-09-20"]


def _regenerate_steps() -> list[str]:
    workflow = yaml.safe_load((WORKFLOWS / "update-generated.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["regenerate"]["steps"]
    return [s["run"] for s in steps if "run" in s and s.get("name") not in ("Install",)]


@pytest.mark.parametrize("depth", [None, 1], ids=["full-clone", "shallow-clone"])
def test_workflow_run_steps_in_a_clone(repo: git.Repo, cli: CliRunner, tmp_path: Path, depth: int | None) -> None:
    origin = _imported(repo, cli)
    clone_dir = tmp_path / "clone"
    args = ["git", "clone", "-q"] + (["--depth", "1"] if depth else []) + [f"file://{origin}", str(clone_dir)]
    subprocess.run(args, check=True)
    env = {
        **os.environ,
        "RUNNER_TEMP": str(tmp_path),
        "LEARNLOG_TODAY": TODAY,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }

    def run_steps() -> str:
        output = ""
        for script in _regenerate_steps():
            proc = subprocess.run(
                ["bash", "-eo", "pipefail", "-c", script], cwd=clone_dir, env=env, capture_output=True, text=True
            )
            assert proc.returncode == 0, proc.stderr
            output += proc.stdout + proc.stderr
        return output

    output = run_steps()
    body = (tmp_path / "pr-body.md").read_text()
    assert "README.md" in body and "log/weekly/" in body and "docs/activity.svg" in body and "feed.xml" in body
    if depth:
        assert "shallow clone" in output
    clone = git.Repo(clone_dir)
    clone.git.add("README.md", "log/weekly", "docs/activity.svg", "feed.xml")
    clone.git.commit(
        m="generated",
        env={
            "GIT_AUTHOR_NAME": "bot",
            "GIT_AUTHOR_EMAIL": "b@x",
            "GIT_COMMITTER_NAME": "bot",
            "GIT_COMMITTER_EMAIL": "b@x",
        },
    )
    run_steps()
    assert clone.git.status("--porcelain") == ""
    clone.close()
