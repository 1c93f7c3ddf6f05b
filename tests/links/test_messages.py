"""What the link check says: a near miss of an anchor is named, a connection error names the
host and port (not aiohttp's ``ssl:default`` for a plain http:// URL), and a URL that never
answers is tried twice however many retries are allowed."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import git
import pytest

from tests.helpers import CliRunner, root_of, write
from tests.loopback import Loopback, loopback_server


def messages(out: str) -> dict[int, tuple[str, str]]:
    return {d["line"]: (d["code"], d["message"]) for d in json.loads(out)}


# --- anchors ------------------------------------------------------------------------------------


def test_an_anchor_one_edit_away_gets_did_you_mean(repo: git.Repo, cli: CliRunner) -> None:
    root = root_of(repo)
    write(root, "log/2024/2024-09-08.md", "# Sep 8, 2024\n\n## Embeddings\n\n- x\n")
    write(
        root,
        "log/2024/2024-09-09.md",
        "# Sep 9, 2024\n\n## Retrieval\n\n- [a](#retreival)\n- [b](2024-09-08.md#embedings)\n- [c](#zebra-crossing)\n",
    )
    result = cli("links", "--format", "json", cwd=root)
    assert result.code == 1
    found = messages(result.out)
    assert found[5] == ("LL202", "no heading or anchor '#retreival' (did you mean #retrieval?)")
    assert found[6][0] == "LL202" and "'#embedings'" in found[6][1]
    assert "(did you mean #embeddings?)" in found[6][1]
    assert found[7] == ("LL202", "no heading or anchor '#zebra-crossing'")  # nothing near: no guess
    assert "did you mean #retrieval?" in cli("check", cwd=root).out


# --- the web ------------------------------------------------------------------------------------

CONFIG = """
[tool.learnlog.links]
allow_private = true
retries = {retries}
backoff = 0.05
total_timeout = 0.5
connect_timeout = 1.0
"""


@pytest.fixture(scope="module")
def server() -> Iterator[Loopback]:
    with loopback_server() as state:
        yield state


def _closed_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def _web_entry(root: Path, url: str, retries: int) -> None:
    (root / "pyproject.toml").write_text(CONFIG.format(retries=retries), encoding="utf-8")
    write(root, "log/2024/2024-09-09.md", f"# Sep 9, 2024\n\n- <{url}>\n")


def test_a_refused_connection_names_host_and_port(repo: git.Repo, cli: CliRunner) -> None:
    root = root_of(repo)
    port = _closed_port()
    _web_entry(root, f"http://127.0.0.1:{port}/page", retries=1)
    result = cli("links", "--external", "--no-cache", "--format", "json", cwd=root)
    assert result.code == 1
    code, message = messages(result.out)[3]
    assert code == "LL208"
    assert f"connection failed: cannot connect to 127.0.0.1:{port}" in message
    assert message.endswith("(2 attempts)")
    assert "ssl:default" not in message and "ssl" not in message.lower()


def test_a_timeout_is_retried_once_whatever_the_retries(repo: git.Repo, cli: CliRunner, server: Loopback) -> None:
    """test_external_verdicts pins two requests with retries = 2; more retries do not mean more
    waiting on a host that hangs."""
    root = root_of(repo)
    before = server.hits["/hang"]
    _web_entry(root, f"{server.base}/hang", retries=5)
    result = cli("links", "--external", "--no-cache", "--format", "json", cwd=root)
    assert result.code == 1
    assert messages(result.out)[3] == ("LL208", f"{server.base}/hang: timed out after 0.5 s (2 attempts)")
    assert server.hits["/hang"] - before == 2
