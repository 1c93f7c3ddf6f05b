"""Anchors as GitHub serves them: a case-only match is a warning (LL212), and the
``user-content-`` prefix GitHub puts on every id is accepted for headings and explicit ids."""

from __future__ import annotations

import json

import git
import pytest

from tests.helpers import CliRunner, root_of, write

ENTRY = """\
# Sep 9, 2024

## Topic

<a id="x"></a>

- {link}
"""
OTHER_DAY = '# Sep 10, 2024\n\n## Soft Prompting\n\n<a name="notes"></a>\n\n- y\n'


def _links(repo: git.Repo, cli: CliRunner, link: str, *args: str) -> tuple[int, list[tuple[str, str]]]:
    root = root_of(repo)
    write(root, "log/2024/2024-09-09.md", ENTRY.format(link=link))
    write(root, "log/2024/2024-09-10.md", OTHER_DAY)
    result = cli("links", "--format", "json", *args, cwd=root)
    return result.code, [(d["code"], d["severity"]) for d in json.loads(result.out)]


# --- LL212: the anchor exists, but only ignoring case ----------------------------------------

CASE_ONLY = [
    ("heading-in-same-file", "[x](#Topic)"),
    ("heading-all-caps", "[x](#TOPIC)"),
    ("explicit-id", "[x](#X)"),
    ("heading-in-other-file", "[x](2024-09-10.md#Soft-Prompting)"),
]


@pytest.mark.parametrize("link", [c[1] for c in CASE_ONLY], ids=[c[0] for c in CASE_ONLY])
def test_case_only_anchor_is_a_warning_that_fails_only_when_strict(repo: git.Repo, cli: CliRunner, link: str) -> None:
    code, found = _links(repo, cli, link)
    assert (code, found) == (0, [("LL212", "warning")])
    strict, found_strict = _links(repo, cli, link, "--strict")
    assert (strict, found_strict) == (1, [("LL212", "warning")])


def test_case_only_anchor_message_names_the_real_anchor(repo: git.Repo, cli: CliRunner) -> None:
    root = root_of(repo)
    write(root, "log/2024/2024-09-09.md", ENTRY.format(link="[x](#Topic)"))
    result = cli("links", cwd=root)
    assert result.out == (
        "log/2024/2024-09-09.md:7:3: LL212 anchor '#Topic' only matches '#topic' ignoring case (warning)\n"
    )


# --- #user-content-: GitHub's prefix on rendered ids -------------------------------------------

USER_CONTENT = [
    ("heading", "[x](#user-content-topic)", []),
    ("explicit-a-id", "[x](#user-content-x)", []),
    ("heading-in-other-file", "[x](2024-09-10.md#user-content-soft-prompting)", []),
    ("a-name-in-other-file", "[x](2024-09-10.md#user-content-notes)", []),
    ("plain-heading-still-valid", "[x](#topic)", []),
    ("prefix-of-a-missing-anchor", "[x](#user-content-nope)", [("LL202", "error")]),
    ("prefix-alone", "[x](#user-content-)", [("LL202", "error")]),
    ("anchor-of-the-wrong-file", "[x](2024-09-10.md#user-content-topic)", [("LL202", "error")]),
]


@pytest.mark.parametrize(("link", "expected"), [c[1:] for c in USER_CONTENT], ids=[c[0] for c in USER_CONTENT])
def test_user_content_prefix(repo: git.Repo, cli: CliRunner, link: str, expected: list[tuple[str, str]]) -> None:
    code, found = _links(repo, cli, link, "--strict")
    assert found == expected
    assert code == (1 if expected else 0)
