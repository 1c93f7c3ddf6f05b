"""``max_redirects`` in ``[tool.learnlog.links]``: a chain longer than the limit is LL207; a
chain exactly as long as the limit reaches its page."""

from __future__ import annotations

import json
from collections.abc import Iterator

import git
import pytest

from tests.helpers import CliRunner, root_of, write
from tests.loopback import Loopback, loopback_server
from tests.redirects import ChainServer, chain_server

CONFIG = """\
[tool.learnlog.links]
allow_private = true
retries = 0
total_timeout = 5
max_redirects = {limit}
"""


@pytest.fixture(scope="module")
def chains() -> Iterator[ChainServer]:
    with chain_server() as server:
        yield server


@pytest.fixture(scope="module")
def loopback() -> Iterator[Loopback]:
    with loopback_server() as server:
        yield server


def _check_url(repo: git.Repo, cli: CliRunner, url: str, limit: int) -> tuple[int, list[tuple[str, str]]]:
    """Exit status and (code, message) of `learnlog links --external` on one URL."""
    root = root_of(repo)
    (root / "pyproject.toml").write_text(CONFIG.format(limit=limit), encoding="utf-8")
    write(root, "log/2024/2024-09-09.md", f"# Sep 9, 2024\n\n- <{url}>\n")
    result = cli("links", "--external", "--no-cache", "--format", "json", cwd=root)
    found = [(d["code"], d["message"].removeprefix(f"{url}: ")) for d in json.loads(result.out)]
    return result.code, found


# (id, max_redirects, redirects in the chain, expected diagnostics)
CHAINS = [
    ("no-redirect", 0, 0, []),
    ("one-over-a-limit-of-0", 0, 1, [("LL207", "more than 0 redirects")]),
    ("at-the-limit", 3, 3, []),
    ("one-over-the-limit", 3, 4, [("LL207", "more than 3 redirects")]),
    ("far-over-the-limit", 3, 12, [("LL207", "more than 3 redirects")]),
    ("default-limit-10-reached", 10, 10, []),
    ("default-limit-10-exceeded", 10, 11, [("LL207", "more than 10 redirects")]),
]


@pytest.mark.parametrize(("limit", "redirects", "expected"), [c[1:] for c in CHAINS], ids=[c[0] for c in CHAINS])
def test_redirect_chain_against_the_limit(
    repo: git.Repo, cli: CliRunner, chains: ChainServer, limit: int, redirects: int, expected: list[tuple[str, str]]
) -> None:
    assert _check_url(repo, cli, chains.chain(redirects), limit) == (1 if expected else 0, expected)


def test_chain_over_the_limit_stops_following(repo: git.Repo, cli: CliRunner, chains: ChainServer) -> None:
    """The checker gives up at the limit: the end of a long chain is never requested."""
    chains.hits.clear()
    assert _check_url(repo, cli, chains.chain(20), 2) == (1, [("LL207", "more than 2 redirects")])
    assert chains.hits["/chain/20"] == 1 and chains.hits["/chain/18"] == 1
    assert chains.hits["/chain/17"] == 0 and chains.hits["/chain/0"] == 0


def test_loopback_permanent_move_counts_as_a_redirect(repo: git.Repo, cli: CliRunner, loopback: Loopback) -> None:
    """tests/loopback.py's /moved (301 to /ok): over a limit of 0 it is LL207, within a limit of
    1 it is the permanent-redirect warning."""
    assert _check_url(repo, cli, f"{loopback.base}/moved", 0) == (1, [("LL207", "more than 0 redirects")])
    moved = _check_url(repo, cli, f"{loopback.base}/moved", 1)
    assert moved == (0, [("LL206", f"permanently redirected; update the link to {loopback.base}/ok")])
