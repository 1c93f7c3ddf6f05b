"""A snapshot of this project as a git repository, so tests install the published hooks.

pre-commit installs a hook repository by cloning it at a revision; the snapshot is committed
with fixed author and dates, so the same code gives the same SHA and pre-commit's cache is
reused between runs.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
FIXED_ENV = {
    "GIT_AUTHOR_NAME": "learnlog tests",
    "GIT_AUTHOR_EMAIL": "tests@learnlog.invalid",
    "GIT_COMMITTER_NAME": "learnlog tests",
    "GIT_COMMITTER_EMAIL": "tests@learnlog.invalid",
    "GIT_AUTHOR_DATE": "2024-01-01T00:00:00+00:00",
    "GIT_COMMITTER_DATE": "2024-01-01T00:00:00+00:00",
}


def snapshot_hook_repo(target: Path) -> tuple[Path, str]:
    """Copy the package and hook manifest to ``target`` and commit; return (path, sha)."""
    import os

    if not (target / ".git").exists():
        target.mkdir(parents=True, exist_ok=True)
        for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
            shutil.copy2(PROJECT / name, target / name)
        shutil.copytree(
            PROJECT / "hooks" / "learnlog",
            target / "hooks" / "learnlog",
            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
        )
        env = {**os.environ, **FIXED_ENV}
        run = lambda *a: subprocess.run(a, cwd=target, env=env, check=True, capture_output=True)  # noqa: E731
        run("git", "init", "-q", "-b", "main")
        run("git", "add", "-A")
        run("git", "-c", "commit.gpgsign=false", "commit", "-q", "-m", "snapshot")
    sha = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=target, check=True, capture_output=True, text=True
    ).stdout.strip()
    return target, sha
