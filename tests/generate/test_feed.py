"""The Atom feed: valid, stable ids, dates from git where it knows them, links to the entries."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import git
import pytest

from learnlog.generate.feed import web_url
from tests.helpers import CliRunner, root_of, write

A = "{http://www.w3.org/2005/Atom}"
WHEN = {"GIT_AUTHOR_DATE": "2024-09-20T18:30:00+02:00", "GIT_COMMITTER_DATE": "2024-09-20T18:30:00+02:00"}


def _entries(root: Path, count: int) -> None:
    for day in range(1, count + 1):
        write(
            root,
            f"log/2024/2024-09-{day:02d}.md",
            f"---\ntags: [llm]\n---\n\n# Sep {day}, 2024: Day {day} & more\n\n## Topic <{day}>\n\n- notes\n",
        )


def _feed(root: Path) -> ET.Element:
    return ET.fromstring((root / "feed.xml").read_bytes())


def _required(element: ET.Element, *names: str) -> None:
    for name in names:
        found = element.find(A + name)
        assert found is not None, name
        assert (found.text or "").strip() or found.get("href") or found.findtext(A + "name"), name


def test_feed_is_valid_atom_with_git_dates(repo: git.Repo, cli: CliRunner) -> None:
    root = root_of(repo)
    _entries(root, 25)
    repo.git.add(A=True)
    repo.git.commit(m="log", env=WHEN)
    write(root, "log/2024/2024-09-26.md", "# Sep 26, 2024: Not committed yet\n\n- notes\n")
    assert cli("feed", cwd=root).code == 0
    feed = _feed(root)
    _required(feed, "id", "title", "updated", "author")
    entries = feed.findall(A + "entry")
    assert len(entries) == 20  # the default
    for entry in entries:
        _required(entry, "id", "title", "updated", "link", "summary")
    ids = [e.findtext(A + "id") for e in entries] + [feed.findtext(A + "id")]
    assert len(set(ids)) == len(ids) and all(i and i.startswith("urn:uuid:") for i in ids)
    titles = [e.findtext(A + "title") for e in entries]
    assert titles[:2] == ["Sep 26, 2024: Not committed yet", "Sep 25, 2024: Day 25 & more"]
    assert entries[0].findtext(A + "updated") == "2024-09-26T00:00:00Z"  # no commit: the entry's date
    assert entries[1].findtext(A + "updated") == "2024-09-20T16:30:00Z"  # its commit, in UTC
    assert feed.findtext(A + "updated") == "2024-09-26T00:00:00Z"
    assert entries[1].find(A + "link").get("href") == "log/2024/2024-09-25.md"  # type: ignore[union-attr]
    assert "Topic <25>" in (entries[1].findtext(A + "summary") or "")
    assert entries[1].find(A + "category").get("term") == "llm"  # type: ignore[union-attr]


def test_ids_stable_and_links_follow_the_remote(repo: git.Repo, cli: CliRunner) -> None:
    root = root_of(repo)
    _entries(root, 3)
    assert cli("feed", "--limit", "2", cwd=root).code == 0
    before = (root / "feed.xml").read_bytes()
    assert len(_feed(root).findall(A + "entry")) == 2
    result = cli("feed", "--limit", "2", cwd=root)
    assert result.code == 0 and (root / "feed.xml").read_bytes() == before and "wrote" not in result.out
    assert cli("feed", "--limit", "2", "--check", cwd=root).code == 0
    repo.create_remote("origin", "https://user:secret@github.com/someone/mylog.git")
    assert cli("feed", "--limit", "2", "--check", cwd=root).code == 1
    assert cli("feed", "--limit", "2", cwd=root).code == 0
    text = (root / "feed.xml").read_text()
    assert "secret" not in text
    assert 'href="https://github.com/someone/mylog/blob/main/log/2024/2024-09-03.md"' in text
    ids = lambda raw: [e.findtext(A + "id") for e in ET.fromstring(raw).iter(A + "entry")]  # noqa: E731
    assert ids(text.encode()) == ids(before)  # the remote changes links, never ids


def test_configured_url_branch_and_size(repo: git.Repo, cli: CliRunner) -> None:
    root = root_of(repo)
    _entries(root, 5)
    write(
        root,
        "pyproject.toml",
        '[tool.learnlog]\n[tool.learnlog.feed]\nentries = 3\npath = "public/atom.xml"\ntitle = "Notes & things"\n'
        'url = "https://git.example.org/me/notes/"\nbranch = "trunk"\n',
    )
    assert cli("feed", cwd=root).code == 0
    feed = ET.fromstring((root / "public/atom.xml").read_bytes())
    assert feed.findtext(A + "title") == "Notes & things"
    assert len(feed.findall(A + "entry")) == 3
    link = feed.find(A + "entry").find(A + "link")  # type: ignore[union-attr]
    assert link is not None and link.get("href") == "https://git.example.org/me/notes/blob/trunk/log/2024/2024-09-05.md"


def test_empty_log_is_still_a_valid_feed(repo: git.Repo, cli: CliRunner) -> None:
    root = root_of(repo)
    assert cli("feed", cwd=root).code == 0
    feed = _feed(root)
    _required(feed, "id", "title", "updated", "author")
    assert feed.findall(A + "entry") == []


@pytest.mark.parametrize(
    ("remote", "url"),
    [
        ("git@github.com:owner/name.git", "https://github.com/owner/name"),
        ("https://github.com/owner/name.git", "https://github.com/owner/name"),
        ("https://x-access-token:abc@github.com/owner/name", "https://github.com/owner/name"),
        ("ssh://git@gitlab.com/group/sub/name.git", "https://gitlab.com/group/sub/name"),
        ("file:///tmp/repo", None),
        ("/srv/git/repo.git", None),
        ("../other", None),
    ],
)
def test_web_url(remote: str, url: str | None) -> None:
    assert web_url(remote) == url
