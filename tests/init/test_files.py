"""What init adds to files a repository already has: comments, other hooks and order survive."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from learnlog.config import ConfigError, load_config
from learnlog.init.files import WORKFLOWS, precommit_config, pyproject_with_config, readme_with_toc, workflow
from learnlog.init.plan import find_log_dir

PROJECT = Path(__file__).resolve().parents[2]
THEIRS = """# Our hooks. Keep the black pin in step with CI.
exclude: ^vendor/
repos:
- repo: https://github.com/psf/black
  rev: 24.8.0  # pinned
  hooks:
  - id: black
- repo: local
  hooks:
  - id: no-tabs  # tabs break our tables
    name: no tabs
    entry: "\\t"
    language: pygrep
"""
PYPROJECT = """[project]
name = "notes"  # not a package really

[tool.ruff]
line-length = 100

[tool.black]
target-version = ["py311"]
"""


def test_precommit_hooks_added_with_comments_and_other_hooks_kept() -> None:
    merged = precommit_config(THEIRS, "https://github.com/OWNER/learnlog", "v0.1.0")
    assert merged.startswith(THEIRS)  # the existing text is untouched, in its own indentation
    assert merged[len(THEIRS) :] == (
        "- repo: https://github.com/OWNER/learnlog\n  rev: v0.1.0\n  hooks:\n"
        "  - id: learnlog-fix\n  - id: learnlog-check\n"
    )
    assert precommit_config(merged, "https://github.com/OWNER/learnlog", "v0.2.0") == merged


def test_precommit_hook_already_configured_locally_is_not_added_again() -> None:
    local = "repos:\n  - repo: local\n    hooks:\n      - id: learnlog-check\n        entry: x\n        language: system\n        name: n\n"
    merged = yaml.safe_load(precommit_config(local, "R", "v1"))
    assert [[h["id"] for h in r["hooks"]] for r in merged["repos"]] == [
        ["learnlog-check"],
        ["learnlog-fix"],
    ]


def test_pyproject_gets_the_table_at_the_end_without_reordering() -> None:
    merged = pyproject_with_config(PYPROJECT, {"date_style": "iso"})
    assert merged == PYPROJECT + '\n[tool.learnlog]\ndate_style = "iso"\n'
    assert tomllib.loads(merged)["tool"]["learnlog"] == {"date_style": "iso"}
    assert pyproject_with_config(merged, {"date_style": "mdy"}) == merged


def test_readme_markers_added_once() -> None:
    readme = readme_with_toc("# Notes\n\nMine.", "x")
    assert (
        readme
        == "# Notes\n\nMine.\n\n## Table of contents\n\n<!-- learnlog:toc start -->\n\n<!-- learnlog:toc end -->\n"
    )
    assert readme_with_toc(readme, "x") == readme


def test_log_folder_found_from_existing_entries() -> None:
    assert find_log_dir(["README.md", "journal/2024/2024-09-09.md", "journal/2024/2024-09-10.md"]) == "journal"
    assert find_log_dir(["README.md", "docs/a.md"]) is None


def test_config_from_learnlog_toml_and_both_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "learnlog.toml").write_text('date_style = "iso"\n', encoding="utf-8")
    assert load_config(tmp_path).date_style == "iso"
    (tmp_path / "learnlog.toml").write_text('date_stile = "iso"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"learnlog.toml: unknown key 'date_stile'"):
        load_config(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.learnlog]\ndate_style = "mdy"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="keep one of the two"):
        load_config(tmp_path)


def test_generated_workflows_pin_the_same_actions_and_pass_zizmor(tmp_path: Path) -> None:
    ours = "".join(p.read_text(encoding="utf-8") for p in (PROJECT / ".github/workflows").glob("*.yml"))
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    for name in WORKFLOWS:
        text = workflow(name, "learnlog @ git+https://github.com/OWNER/learnlog@v0.1.0")
        for line in text.splitlines():
            if "uses:" in line:
                assert line in ours, line  # the same pinned SHAs as this repository's workflows
        assert yaml.safe_load(text)["permissions"] == {}
        (folder / name).write_text(text, encoding="utf-8")
    zizmor = Path(sys.executable).parent / "zizmor"
    proc = subprocess.run([zizmor, "--offline", str(folder)], capture_output=True, text=True)
    assert proc.returncode == 0 and "No findings" in proc.stdout + proc.stderr, proc.stdout + proc.stderr
