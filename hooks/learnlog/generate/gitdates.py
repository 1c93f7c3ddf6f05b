"""When entries were created and edited, from git history: the only module that touches git.

One pass over ``git log --name-status -M`` (oldest first) follows renames, so a renamed entry
keeps its first commit as its creation date. A shallow clone (GitHub's checkout default) has no
real history: :func:`read_history` says so, and callers fall back to the file-name dates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path


@dataclass
class History:
    """Creation and edit dates per current path; ``available`` is False for shallow clones."""

    available: bool
    reason: str = ""
    created: dict[str, date] = field(default_factory=dict)
    edits: dict[str, list[date]] = field(default_factory=dict)
    modified: dict[str, datetime] = field(default_factory=dict)  # last commit touching the path


def read_history(root: Path, prefix: str = "log/") -> History:
    try:
        import git
    except ImportError:  # pragma: no cover - GitPython is a dependency
        return History(False, "GitPython is not installed")
    try:
        repo = git.Repo(root, search_parent_directories=False)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return History(False, "not a git repository")
    with repo:
        if repo.git.rev_parse("--is-shallow-repository").strip() == "true":
            return History(False, "shallow clone (fetch-depth: 1)")
        try:
            raw = repo.git.log("--reverse", "--name-status", "-M", "--format=%x00%aI", "--", prefix)
        except git.GitCommandError:
            return History(True)  # no commits yet
    history = History(True)
    when: date | None = None
    stamp = datetime.min
    for line in raw.splitlines():
        if line.startswith("\x00"):
            stamp = datetime.fromisoformat(line[1:].strip())
            when = stamp.date()
            continue
        parts = line.split("\t")
        if when is None or len(parts) < 2:
            continue
        status = parts[0]
        if status.startswith("R") and len(parts) == 3:
            old, new = parts[1], parts[2]
            history.created[new] = history.created.pop(old, when)
            history.edits[new] = [*history.edits.pop(old, []), when]
            history.modified.pop(old, None)
            history.modified[new] = stamp
        elif status == "A":
            history.created[parts[1]] = when
            history.edits.setdefault(parts[1], []).append(when)
            history.modified[parts[1]] = stamp
        elif status == "M":
            history.created.setdefault(parts[1], when)
            history.edits.setdefault(parts[1], []).append(when)
            history.modified[parts[1]] = stamp
        elif status == "D":
            history.created.pop(parts[1], None)
            history.edits.pop(parts[1], None)
            history.modified.pop(parts[1], None)
    return history


def remote_url(root: Path, name: str = "origin") -> str | None:
    """``git remote get-url origin``, or ``None`` when there is no repository or remote."""
    try:
        import git
    except ImportError:  # pragma: no cover - GitPython is a dependency
        return None
    try:
        with git.Repo(root, search_parent_directories=False) as repo:
            return str(repo.git.remote("get-url", name)).strip() or None
    except (git.InvalidGitRepositoryError, git.NoSuchPathError, git.GitCommandError):
        return None
