"""The check's parse cache is never stale: each change that can alter a result is re-checked."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import git
import pytest

from learnlog import cache as cache_module
from tests.helpers import CliRunner, cache_shards, edit_cache, read_cache, root_of, write

LINKED = "# Sep 9, 2024: Linked\n\n## Retrieval tricks\n\n- note\n"
LINKING = "# Sep 10, 2024\n\n- see [tricks](../2024/2024-09-09.md#retrieval-tricks) and [img](pic.png)\n"


@pytest.fixture
def log_repo(repo: git.Repo, cli: CliRunner) -> Path:
    root = root_of(repo)
    write(root, "log/2024/2024-09-09.md", LINKED)
    write(root, "log/2024/2024-09-10.md", LINKING)
    write(root, "log/2024/pic.png", b"\x89PNG\r\n\x1a\n")
    first = cli("check", "--format", "json", cwd=root)
    assert (first.code, json.loads(first.out)) == (0, [])
    assert cache_shards(root)
    return root


def _plant(data: dict[str, Any]) -> None:
    for record in data["checks"].values():
        record["d"].append([1, 1, "LL109", "planted"])


def test_checking_one_file_reads_and_keeps_the_others_results(log_repo: Path, cli: CliRunner) -> None:
    """One entry's check reads its own shards and leaves every other result in place."""
    before = read_cache(log_repo)
    assert cli("check", "log/2024/2024-09-10.md", cwd=log_repo).code == 0
    assert read_cache(log_repo) == before


def _codes(result: object) -> list[tuple[str, str]]:
    return [(d["path"], d["code"]) for d in json.loads(result.out)]  # type: ignore[attr-defined]


def test_a_warm_run_uses_the_cache(log_repo: Path, cli: CliRunner) -> None:
    """A result planted in the cache is what the next run reports: the cache is really read."""
    edit_cache(log_repo, _plant)
    assert sorted(_codes(cli("check", "--format", "json", cwd=log_repo))) == [
        ("log/2024/2024-09-09.md", "LL109"),
        ("log/2024/2024-09-10.md", "LL109"),
    ]
    assert _codes(cli("check", "--no-cache", "--format", "json", cwd=log_repo)) == []


def test_editing_an_entry_is_rechecked(log_repo: Path, cli: CliRunner) -> None:
    write(log_repo, "log/2024/2024-09-10.md", LINKING.replace("# Sep 10, 2024", "# Sep 11, 2024"))
    assert _codes(cli("check", "--format", "json", cwd=log_repo)) == [("log/2024/2024-09-10.md", "LL104")]


def test_renaming_a_heading_another_entry_links_to_is_rechecked(log_repo: Path, cli: CliRunner) -> None:
    write(log_repo, "log/2024/2024-09-09.md", LINKED.replace("Retrieval tricks", "Retrieval"))
    assert _codes(cli("check", "--format", "json", cwd=log_repo)) == [("log/2024/2024-09-10.md", "LL202")]


def test_deleting_a_linked_file_is_rechecked(log_repo: Path, cli: CliRunner) -> None:
    (log_repo / "log/2024/pic.png").unlink()
    assert _codes(cli("check", "--format", "json", cwd=log_repo)) == [("log/2024/2024-09-10.md", "LL201")]


def test_changing_the_config_is_rechecked(log_repo: Path, cli: CliRunner) -> None:
    (log_repo / "pyproject.toml").write_text('[tool.learnlog]\ndate_style = "iso"\n', encoding="utf-8")
    found = _codes(cli("check", "--format", "json", cwd=log_repo))
    assert found == [("log/2024/2024-09-09.md", "LL103"), ("log/2024/2024-09-10.md", "LL103")]


def test_a_new_day_rejudges_future_dates(log_repo: Path, cli: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    write(log_repo, "log/2030/2030-01-01.md", "# Jan 1, 2030\n\n- note\n")
    assert _codes(cli("check", "--format", "json", cwd=log_repo)) == [("log/2030/2030-01-01.md", "LL105")]
    monkeypatch.setenv("LEARNLOG_TODAY", "2030-01-02")
    assert _codes(cli("check", "--format", "json", cwd=log_repo)) == []


def test_upgrading_learnlog_empties_the_cache(log_repo: Path, cli: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    before = read_cache(log_repo)["fingerprint"]
    edit_cache(log_repo, _plant)
    monkeypatch.setattr(cache_module, "__version__", "99.0.0")
    assert _codes(cli("check", "--format", "json", cwd=log_repo)) == []
    assert read_cache(log_repo)["fingerprint"] != before


@pytest.mark.parametrize("damage", ["{not json", '{"fingerprint": "x", "checks": {}}', '{"checks": []}', "[]"])
def test_a_damaged_or_foreign_cache_is_rebuilt(log_repo: Path, cli: CliRunner, damage: str) -> None:
    for shard in cache_shards(log_repo):
        shard.write_text(damage, encoding="utf-8")
    assert _codes(cli("check", "--format", "json", cwd=log_repo)) == []
    assert len(read_cache(log_repo)["checks"]) == 2


def test_a_damaged_record_is_rechecked(log_repo: Path, cli: CliRunner) -> None:
    edit_cache(log_repo, lambda data: data.update(checks={key: {"d": "not a list"} for key in data["checks"]}))
    assert _codes(cli("check", "--format", "json", cwd=log_repo)) == []
