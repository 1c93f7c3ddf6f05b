"""The files ``learnlog init`` writes, each as a pure function of what is already there.

A repository being adopted has its own ``.pre-commit-config.yaml``, ``pyproject.toml`` and
README; init adds to them (round-trip YAML and TOML keep comments and order) and returns the
existing text unchanged when there is nothing to add, so a second run writes nothing.
"""

from __future__ import annotations

import io
from importlib.resources import files
from typing import Any

from learnlog.generate.render import TOC_END, TOC_START

# learnlog-check covers the staged files' links too; learnlog-links (the whole repository) is optional
HOOK_IDS = ("learnlog-fix", "learnlog-check")
WORKFLOWS = ("learnlog-ci.yml", "learnlog-links.yml", "learnlog-update.yml")
_PLACEHOLDER = "@LEARNLOG_PACKAGE@"


class MergeError(Exception):
    """An existing file init must add to cannot be read; the message says which and why."""


def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    return yaml


def _load_precommit(existing: str) -> tuple[Any, int, int]:
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.util import load_yaml_guess_indent

    try:
        data, indent, block_seq_indent = load_yaml_guess_indent(existing)
    except YAMLError as exc:
        raise MergeError(f"not valid YAML ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("repos", []), list):
        raise MergeError("expected a mapping with a 'repos' list")
    return data, indent or 2, block_seq_indent or 0


def _configured_hooks(repos: list[Any]) -> set[str]:
    entries = [entry for entry in repos if isinstance(entry, dict)]
    return {str(hook.get("id")) for entry in entries for hook in entry.get("hooks") or [] if isinstance(hook, dict)}


def precommit_config(existing: str | None, repo: str, rev: str) -> str:
    """``.pre-commit-config.yaml`` with the learnlog hooks; other repos, hooks and comments kept.

    A hook id already configured anywhere (``repo: local`` included) is not added again.
    """
    if existing is None or not existing.strip():
        hooks = "".join(f"      - id: {hook}\n" for hook in HOOK_IDS)
        return (existing or "") + f"repos:\n  - repo: {repo}\n    rev: {rev}\n    hooks:\n{hooks}"
    data, sequence, offset = _load_precommit(existing)
    repos = data.setdefault("repos", [])
    missing = [hook for hook in HOOK_IDS if hook not in _configured_hooks(repos)]
    if not missing:
        return existing
    ours = next((entry for entry in repos if isinstance(entry, dict) and entry.get("repo") == repo), None)
    if ours is not None:
        ours.setdefault("hooks", []).extend({"id": hook} for hook in missing)
    else:
        repos.append({"repo": repo, "rev": rev, "hooks": [{"id": hook} for hook in missing]})
    yaml = _yaml()
    yaml.indent(mapping=max(sequence - offset, 2), sequence=sequence, offset=offset)
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def config_table(date_style: str, log_dir: str) -> dict[str, str]:
    table = {"date_style": date_style}
    if log_dir != "log":
        table["log_dir"] = log_dir
    return table


def pyproject_with_config(existing: str, table: dict[str, str]) -> str:
    """``pyproject.toml`` with a ``[tool.learnlog]`` table added at the end, if it has none."""
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    try:
        doc = tomlkit.parse(existing)
    except TOMLKitError as exc:
        raise MergeError(f"not valid TOML ({exc})") from None
    tool = doc.get("tool")
    if tool is not None and "learnlog" in tool:
        return existing
    section = tomlkit.table()
    for key, value in table.items():
        section.add(key, value)
    if tool is None:
        tool = tomlkit.table(is_super_table=True)
        doc.add("tool", tool)
    tool.add("learnlog", section)
    return tomlkit.dumps(doc)


def standalone_config(table: dict[str, str]) -> str:
    """``learnlog.toml``: the ``[tool.learnlog]`` table for a repository without pyproject.toml."""
    lines = ["# learnlog settings: the keys of [tool.learnlog] (see the learnlog README).\n"]
    lines += [f'{key} = "{value}"\n' for key, value in table.items()]
    return "".join(lines)


def readme_with_toc(existing: str | None, title: str) -> str:
    """The README with the table-of-contents markers ``learnlog toc`` fills, added if missing."""
    block = f"## Table of contents\n\n{TOC_START}\n\n{TOC_END}\n"
    if existing is None:
        return f"# {title}\n\nWhat I learn, one entry a day in `log/`.\n\n{block}"
    if TOC_START in existing and TOC_END in existing:
        return existing
    if existing and not existing.endswith("\n"):
        existing += "\n"
    return existing + ("\n" if existing else "") + block


def workflow(name: str, package: str) -> str:
    """A workflow template with the pip requirement that installs learnlog."""
    template = files("learnlog.init").joinpath("templates", name).read_text(encoding="utf-8")
    return template.replace(_PLACEHOLDER, package.replace('"', '\\"'))


def package_requirement(repo: str, rev: str) -> str:
    """What the workflows ``pip install``: learnlog from its repository at the hooks' revision."""
    return f"learnlog @ git+{repo}@{rev}" if "://" in repo else f"learnlog @ file://{repo}"
