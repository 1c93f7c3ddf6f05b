"""Parse results, kept in one place by content, so an unchanged file is never parsed again.

Two kinds of result live in one folder (``cache_path``, ``.cache/learnlog/parse/``, 256 JSON
shards by the first byte of the key): a file's link facts, keyed by a digest of its bytes
(they depend on nothing else), and what ``learnlog check`` found in it, keyed by its bytes
and its path (the path decides what kind of file it is and which date it must carry). The
whole cache is dropped when learnlog's code, the parser's version or the config change: its
fingerprint is derived from them, not from names, so a moved module or a new setting cannot
leave stale results. Today's date is not in it: the one rule that reads the date (LL105) is
re-judged from the cached heading date on every run. A missing, damaged or foreign cache is
rebuilt; failing to write one is a note, not an error.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from learnlog import __version__
from learnlog.config import Config
from learnlog.files import write_cache
from learnlog.links.facts import FileFacts
from learnlog.markdown import Document
from learnlog.project import Project

CACHE_VERSION = 3
PACKAGE_DIR = Path(__file__).resolve().parent
_PARSER_PACKAGES = ("markdown-it-py", "mdit-py-plugins", "linkify-it-py", "pydantic", "ftfy", "PyYAML")


def code_fingerprint() -> str:
    """Every source file of learnlog (by content) and the versions of the libraries whose
    behaviour decides a result."""
    from importlib.metadata import PackageNotFoundError, version

    digest = hashlib.blake2b(digest_size=12)
    digest.update(f"{CACHE_VERSION}/{__version__}".encode())
    for package in _PARSER_PACKAGES:
        try:
            digest.update(f"/{package}={version(package)}".encode())
        except PackageNotFoundError:
            digest.update(f"/{package}=?".encode())
    for source in sorted(PACKAGE_DIR.rglob("*.py")):
        digest.update(source.relative_to(PACKAGE_DIR).as_posix().encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()


def content_key(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def check_key(rel_path: str, data: bytes) -> str:
    return hashlib.blake2b(rel_path.encode() + b"\0" + data, digest_size=16).hexdigest()


KINDS = ("facts", "checks")


class _Shard:
    """One of 256 files of the cache, holding the keys that start with its two hex digits, so
    checking one entry of a ten-year log reads a few kilobytes, not the whole cache."""

    def __init__(self, path: Path | None, fingerprint: str) -> None:
        self.path = path
        self.stored: dict[str, dict[str, Any]] = {kind: {} for kind in KINDS}
        self.used: dict[str, dict[str, Any]] = {kind: {} for kind in KINDS}
        self.changed = False
        if path is None or not path.is_file():
            return
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(data, dict) and data.get("fingerprint") == fingerprint:
            self.stored = {kind: data[kind] if isinstance(data.get(kind), dict) else {} for kind in KINDS}

    def payload(self, fingerprint: str, *, complete: bool) -> dict[str, Any] | None:
        """What to write (None: nothing changed). After a run over every file only what it used
        is kept, so the cache does not grow with every edit; otherwise the others' stay."""
        if not self.changed and not (complete and any(len(self.used[k]) < len(self.stored[k]) for k in KINDS)):
            return None
        kept = self.used if complete else {k: {**self.stored[k], **self.used[k]} for k in KINDS}
        return {"fingerprint": fingerprint, **kept}


class ParseCache:
    """Facts by content and check results by path and content, in a folder of 256 shards;
    ``path`` None keeps them in memory only (``--no-cache``)."""

    def __init__(self, path: Path | None, config: Config | None = None) -> None:
        self.path = path
        self.fingerprint = ""
        if path is not None:
            settings = config.model_dump_json() if config is not None else ""
            self.fingerprint = code_fingerprint() + hashlib.blake2b(settings.encode(), digest_size=8).hexdigest()
        self._shards: dict[str, _Shard] = {}

    def _shard(self, key: str) -> _Shard:
        prefix = key[:2]
        if prefix not in self._shards:
            file = self.path / f"{prefix}.json" if self.path is not None else None
            self._shards[prefix] = _Shard(file, self.fingerprint)
        return self._shards[prefix]

    def _get(self, kind: str, key: str) -> dict[str, Any] | None:
        shard = self._shard(key)
        found = shard.stored[kind].get(key) or shard.used[kind].get(key)
        if isinstance(found, dict):
            shard.used[kind][key] = found
            return found
        return None

    def _put(self, kind: str, key: str, record: dict[str, Any]) -> None:
        shard = self._shard(key)
        shard.used[kind][key] = record
        shard.changed = True

    def facts(self, data: bytes, parse: Callable[[], Document]) -> FileFacts:
        """The facts of a file with these bytes; ``parse`` is called only when not cached."""
        key = content_key(data)
        stored = self._get("facts", key)
        if stored is not None:
            try:
                return FileFacts.from_json(stored)
            except (KeyError, TypeError, ValueError):
                pass  # damaged entry: parse again
        facts = FileFacts.of(parse())
        self._put("facts", key, facts.to_json())
        return facts

    def cached_facts(self, data: bytes) -> FileFacts | None:
        stored = self._get("facts", content_key(data))
        try:
            return FileFacts.from_json(stored) if stored is not None else None
        except (KeyError, TypeError, ValueError):
            return None  # damaged entry: parse again

    def store_facts(self, data: bytes, facts: dict[str, Any]) -> None:
        self._put("facts", content_key(data), facts)

    def checked(self, rel_path: str, data: bytes) -> dict[str, Any] | None:
        return self._get("checks", check_key(rel_path, data))

    def store_checked(self, rel_path: str, data: bytes, record: dict[str, Any]) -> None:
        self._put("checks", check_key(rel_path, data), record)

    def save(self, *, complete: bool = False) -> None:
        """Write the shards this run changed; after a run over every file (``complete``) a
        shard it did not touch holds only stale results and is removed."""
        if self.path is None:
            return
        for shard in self._shards.values():
            payload = shard.payload(self.fingerprint, complete=complete)
            if payload is not None and shard.path is not None:
                write_cache(shard.path, json.dumps(payload, separators=(",", ":"), sort_keys=True).encode("utf-8"))
        if complete and self.path.is_dir():
            for stale in self.path.glob("??.json"):
                if stale.stem not in self._shards:
                    stale.unlink()


def open_cache(project: Project, *, use: bool = True) -> ParseCache:
    """The project's parse cache (``use=False``: memory only, neither read nor written)."""
    return ParseCache(project.root / project.config.cache_path if use else None, project.config)


def save_cache(cache: ParseCache, *, complete: bool) -> None:
    """A cache is only an optimisation: failing to write one is a note, not a failure."""
    try:
        cache.save(complete=complete)
    except OSError as exc:
        print(f"learnlog: note: cache {cache.path} not written: {exc.strerror or exc}", file=sys.stderr)
