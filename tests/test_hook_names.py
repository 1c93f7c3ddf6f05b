"""Hook names survive YAML: a name written ``name: learnlog fix #1`` would lose everything from
`` #`` on (a comment), so every ``name`` YAML loads must be the whole text written in the file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

PROJECT = Path(__file__).resolve().parents[1]
NAME_LINE = re.compile(r"^\s*(?:-\s+)?name:[ \t]*(?P<value>.*?)[ \t]*$", re.M)


def written_names(text: str) -> list[str]:
    """Each ``name:`` value as written: inside its quotes, or the whole rest of the line."""
    names = []
    for match in NAME_LINE.finditer(text):
        value = match["value"]
        if value[:1] in ("'", '"'):
            quote = value[0]
            end = value.index(quote, 1)  # no escaped quotes in these files
            names.append(value[1:end])
        else:
            names.append(value)
    return names


def hooks_of(manifest: str, data: object) -> list[dict[str, object]]:
    if manifest == ".pre-commit-hooks.yaml":
        assert isinstance(data, list)
        return data
    assert isinstance(data, dict)
    return [hook for repo in data["repos"] for hook in repo["hooks"]]


@pytest.mark.parametrize("manifest", [".pre-commit-hooks.yaml", ".pre-commit-config.yaml"])
def test_every_hook_name_is_the_whole_text_written(manifest: str) -> None:
    text = (PROJECT / manifest).read_text(encoding="utf-8")
    loaded = [str(hook["name"]) for hook in hooks_of(manifest, yaml.safe_load(text))]
    assert loaded, manifest
    assert loaded == written_names(text)
    for name in loaded:
        assert name.count("(") == name.count(")"), name  # nothing cut off half-way


def test_written_names_sees_what_a_comment_would_cut() -> None:
    text = 'hooks:\n  - id: a\n    name: learnlog fix #1 thing\n  - id: b\n    name: "keeps #2 whole"\n'
    loaded = [hook["name"] for hook in yaml.safe_load(text)["hooks"]]
    assert loaded == ["learnlog fix", "keeps #2 whole"]
    assert written_names(text) == ["learnlog fix #1 thing", "keeps #2 whole"]
