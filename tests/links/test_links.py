"""Link checking: internal links offline, external links against a real loopback server."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import git
import pytest

from tests.helpers import SEED, CliRunner, cache_shards, edit_cache, read_cache, root_of, write
from tests.loopback import Loopback, loopback_server

LINKS_CONFIG = """
[tool.learnlog.links]
allow_private = true
retries = 2
backoff = 0.05
total_timeout = 1.5
connect_timeout = 1.0
max_retry_after = 2
"""


def codes(result_out: str) -> list[tuple[str, int, int, str]]:
    return [(Path(d["path"]).name, d["line"], d["col"], d["code"]) for d in json.loads(result_out)]


# --- internal -----------------------------------------------------------------------------


def test_seed_dead_link_is_reported_with_line_and_column(repo: git.Repo, cli: CliRunner) -> None:
    root = root_of(repo)
    cli("import", str(SEED), cwd=root)
    result = cli("links", "--format", "json", cwd=root)
    assert result.code == 1
    assert codes(result.out) == [("2024-09-12.md", 2, 3, "LL201")]
    assert "../../QA_SQL/README.md" in json.loads(result.out)[0]["message"]


def test_this_repositorys_log_passes_offline(cli: CliRunner) -> None:
    project = Path(__file__).resolve().parents[2]
    result = cli("links", cwd=project)
    assert result.code == 0, result.out
    assert "1 excluded" in result.err


ENTRY = """\
# Sep 10, 2024

## Größe & Ünïcode: 🎉 emoji!

## Topic

## Topic

<a id="custom"></a>

- [same](#grosse) [ok](#größe--ünïcode--emoji) [enc](#gr%C3%B6%C3%9Fe--%C3%BCn%C3%AFcode--emoji)
- [dup](#topic-1) [dup-missing](#topic-2) [explicit](#custom)
- [other day](../2024/2024-09-09.md#soft-prompting) [bad anchor](2024-09-09.md#nope)
- [by date](2024-09-09#soft-prompting) [no day](2024-09-11)
- [space](my%20file.md) [case](My%20File.md) [escape](../../../outside.md)
- [root](/docs/guide.md) [folder](../../docs/) `[in code](nope.md)`

```
[in block](nope.md)
```
"""


@pytest.fixture
def internal_repo(repo: git.Repo) -> Iterator[Path]:
    root = root_of(repo)
    write(root, "log/2024/2024-09-09.md", "# Sep 9, 2024\n\n## Soft Prompting\n\n- x\n")
    write(root, "log/2024/2024-09-10.md", ENTRY)
    write(root, "log/2024/my file.md", "x\n")
    write(root, "docs/guide.md", "# Guide\n")
    yield root


def test_internal_links(internal_repo: Path, cli: CliRunner) -> None:
    result = cli("links", "--format", "json", cwd=internal_repo)
    found = {(d["line"], d["code"], d["message"].split("'")[1]) for d in json.loads(result.out)}
    assert found == {
        (11, "LL202", "#grosse"),
        (12, "LL202", "#topic-2"),
        (13, "LL202", "#nope"),
        (14, "LL211", "2024-09-11"),
        (15, "LL203", "My%20File.md"),
        (15, "LL204", "../../../outside.md"),
    }
    assert result.code == 1


def test_exclude_regex(internal_repo: Path, cli: CliRunner) -> None:
    (internal_repo / "pyproject.toml").write_text(
        "[tool.learnlog.links]\nexclude = ['#nope$', '#grosse', '#topic-2', '2024-09-11', 'My%20', 'outside']\n"
    )
    result = cli("links", "--show-excluded", cwd=internal_repo)
    assert (result.code, result.out) == (0, "")
    assert "6 excluded" in result.err and "excluded ../../../outside.md" in result.err


def _cached_files(root: Path) -> dict[str, dict[str, list[object]]]:
    files: dict[str, dict[str, list[object]]] = read_cache(root)["facts"]
    return files


def test_link_facts_are_cached_by_content(internal_repo: Path, cli: CliRunner) -> None:
    """An unchanged file is not parsed again: what the cache says is what the check uses, until
    the file's bytes change. The cache folder keeps itself out of git."""
    repo = git.Repo(internal_repo)
    first = cli("links", "--format", "json", cwd=internal_repo)
    assert first.code == 1
    files = _cached_files(internal_repo)
    assert len(files) == 4  # three Markdown files linked or listed, plus docs/guide.md
    assert repo.git.status("--porcelain", "--untracked-files=all", ".cache") == ""
    entry_key = next(key for key, facts in files.items() if facts["explicit"] == ["custom"])
    files[entry_key]["links"].append(["planted.md", "", 3, 1, "inline", None])
    edit_cache(internal_repo, lambda data: data["facts"].update({k: v for k, v in files.items() if k in data["facts"]}))

    second = cli("links", "--format", "json", cwd=internal_repo)
    assert set(codes(second.out)) == set(codes(first.out)) | {("2024-09-10.md", 3, 1, "LL201")}
    assert cli("links", "--no-cache", "--format", "json", cwd=internal_repo).out == first.out

    entry = internal_repo / "log/2024/2024-09-10.md"
    entry.write_text(entry.read_text(encoding="utf-8") + "\n[new](nowhere.md)\n", encoding="utf-8")
    third = cli("links", "--format", "json", cwd=internal_repo)
    assert set(codes(third.out)) == set(codes(first.out)) | {("2024-09-10.md", 22, 1, "LL201")}
    assert entry_key not in _cached_files(internal_repo)


def test_a_cache_that_cannot_be_written_is_a_note(internal_repo: Path, cli: CliRunner) -> None:
    expected = cli("links", "--no-cache", "--format", "json", cwd=internal_repo)
    (internal_repo / ".cache").write_text("a file where the cache folder would go\n", encoding="utf-8")
    result = cli("links", "--format", "json", cwd=internal_repo)
    assert (result.code, result.out) == (expected.code, expected.out)
    assert "note: cache" in result.err and ".cache/learnlog/parse not written" in result.err


def test_damaged_or_foreign_facts_cache_is_rebuilt(internal_repo: Path, cli: CliRunner) -> None:
    expected = cli("links", "--format", "json", cwd=internal_repo).out
    for damage in ("{not json", json.dumps({"fingerprint": "another version", "facts": {}}), '{"facts": []}'):
        for shard in cache_shards(internal_repo):
            shard.write_text(damage, encoding="utf-8")
        assert cli("links", "--format", "json", cwd=internal_repo).out == expected
        assert len(_cached_files(internal_repo)) == 4

    def reshape(data: dict[str, Any]) -> None:
        for facts in data["facts"].values():
            facts["links"] = [["x"]]  # entries of the right version but the wrong shape

    edit_cache(internal_repo, reshape)
    assert cli("links", "--format", "json", cwd=internal_repo).out == expected


def test_a_broken_reference_definition_is_reported_once_where_it_is_written(repo: git.Repo, cli: CliRunner) -> None:
    root = root_of(repo)
    write(root, "docs/refs.md", "# Refs\n\n[a][r] and [b][r] and [r]\n\n[r]: missing.md#x\n[ok]: refs.md\n")
    result = cli("links", "docs/refs.md", "--format", "json", cwd=root)
    assert codes(result.out) == [("refs.md", 5, 6, "LL201")]
    assert "Checked 5 links in 1 files" in result.err


def test_a_target_too_big_to_read_is_not_parsed_for_anchors(repo: git.Repo, cli: CliRunner) -> None:
    root = root_of(repo)
    (root / "pyproject.toml").write_text("[tool.learnlog]\nmax_file_bytes = 200\n", encoding="utf-8")
    write(root, "docs/big.md", "# Big\n\n" + "words " * 100 + "\n")
    write(root, "docs/small.md", "# Small\n\n[anchor in a big file](big.md#big) [missing](big.md#nope)\n")
    result = cli("links", "docs/small.md", "--format", "json", cwd=root)
    assert (result.code, codes(result.out)) == (0, [])
    whole = cli("links", "--format", "json", cwd=root)
    assert codes(whole.out) == [("big.md", 1, 1, "LL191")]


def test_links_no_checker_can_follow_are_counted_by_scheme(repo: git.Repo, cli: CliRunner) -> None:
    root = root_of(repo)
    body = "[mail](mailto:me@example.com) [call](tel:+4912345) <mailto:you@example.com>\n\n[cdn](//example.com/x.js)\n"
    write(root, "docs/contact.md", "# Contact\n\n" + body)
    result = cli("links", "docs/contact.md", cwd=root)
    assert result.code == 0
    assert "Checked 4 links in 1 files (1 unique web URLs, not checked: use --external)" in result.err
    assert "3 not checkable (2 mailto:, 1 tel:)." in result.err


# --- external -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server() -> Iterator[Loopback]:
    with loopback_server() as state:
        yield state


def _web_repo(root: Path, server: Loopback, paths: list[str], config: str = LINKS_CONFIG) -> None:
    (root / "pyproject.toml").write_text(config, encoding="utf-8")
    lines = [f"- <{server.base}{p}>" if p.startswith("/") else f"- <{p}>" for p in paths]
    write(root, "log/2024/2024-09-09.md", "# Sep 9, 2024\n\n" + "\n".join(lines) + "\n")


def test_external_verdicts(repo: git.Repo, cli: CliRunner, server: Loopback) -> None:
    root = root_of(repo)
    paths = ["/ok", "/status/404", "/status/410", "/moved", "/loop-a", "/once/ratelimited",
             "/once/flaky", "/nohead", "/hang", server.reset_url, "/huge"]  # fmt: skip
    _web_repo(root, server, paths)
    started = time.monotonic()
    result = cli("links", "--external", "--no-cache", "--format", "json", cwd=root)
    elapsed = time.monotonic() - started
    by_line = {d["line"]: (d["code"], d["severity"]) for d in json.loads(result.out)}
    assert by_line == {
        4: ("LL205", "error"),  # 404
        5: ("LL205", "error"),  # 410
        6: ("LL206", "warning"),  # 301 to a good page: update the link
        7: ("LL207", "error"),  # redirect loop
        11: ("LL208", "error"),  # never answers
        12: ("LL208", "error"),  # connection reset
    }
    assert result.code == 1
    assert server.hits["/once/ratelimited"] == 2 and server.hits["/once/flaky"] == 2
    assert server.hits["HEAD /nohead"] == 1 and server.hits["GET /nohead"] == 1
    assert server.hits["/hang"] == 2  # a timeout is retried once, not once per retry
    assert server.huge_bytes_sent < 16 * 1024 * 1024, server.huge_bytes_sent
    assert elapsed < 20


def test_retry_after_is_honoured(repo: git.Repo, cli: CliRunner, server: Loopback) -> None:
    root = root_of(repo)
    server.hits.pop("/once/ratelimited", None)
    _web_repo(root, server, ["/once/ratelimited"])
    started = time.monotonic()
    result = cli("links", "--external", "--no-cache", cwd=root)
    assert result.code == 0
    assert time.monotonic() - started >= 0.9  # Retry-After: 1


def test_cache_second_run_sends_no_request(repo: git.Repo, cli: CliRunner, server: Loopback) -> None:
    root = root_of(repo)
    _web_repo(root, server, [f"/page/{n}" for n in range(5)])
    assert cli("links", "--external", cwd=root).code == 0
    sent = sum(server.hits[f"/page/{n}"] for n in range(5))
    assert sent == 5
    second = cli("links", "--external", cwd=root)
    assert second.code == 0 and "5 from cache" in second.err
    assert sum(server.hits[f"/page/{n}"] for n in range(5)) == sent
    cache = json.loads((root / ".cache/learnlog/links.json").read_text())
    assert len(cache["ok"]) == 5


def test_private_addresses_refused_by_default(repo: git.Repo, cli: CliRunner, server: Loopback) -> None:
    """An address written in the URL is refused before any request; a name is refused by the
    resolver aiohttp connects with, so no second lookup could answer differently."""
    root = root_of(repo)
    before = server.hits["/ok"]
    by_name = server.base.replace("127.0.0.1", "localhost") + "/ok"
    _web_repo(root, server, ["/ok", by_name], config="[tool.learnlog.links]\nretries = 3\n")
    result = cli("links", "--external", "--no-cache", "--format", "json", cwd=root)
    found = json.loads(result.out)
    assert [(d["line"], d["code"]) for d in found] == [(3, "LL209"), (4, "LL209")]
    assert "refused: 127.0.0.1 is a private or loopback address" in found[0]["message"]
    assert "localhost resolves to" in found[1]["message"] and "allow_private = true" in found[1]["message"]
    assert server.hits["/ok"] == before


def test_github_format_and_step_summary(repo: git.Repo, cli: CliRunner, server: Loopback, tmp_path: Path) -> None:
    root = root_of(repo)
    _web_repo(root, server, ["/status/404"])
    report = tmp_path / "summary.md"
    result = cli("links", "--external", "--no-cache", "--format", "github", "--summary-md", str(report), cwd=root)
    assert result.out.startswith("::error file=log/2024/2024-09-09.md,line=3,col=3,title=LL205::")
    text = report.read_text()
    assert "| Where | Code | Problem |" in text and "LL205" in text


def test_each_web_link_is_counted_once(repo: git.Repo, cli: CliRunner, server: Loopback) -> None:
    root = root_of(repo)
    _web_repo(root, server, ["/ok", "/ok", "/status/404"])
    offline = cli("links", cwd=root)
    assert "Checked 3 links in 1 files (2 unique web URLs" in offline.err
    external = cli("links", "--external", "--no-cache", cwd=root)
    assert "Checked 3 links in 1 files (2 unique web URLs" in external.err, external.err
