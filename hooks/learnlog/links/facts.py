"""What the link check needs from each Markdown file, kept by content so nothing is parsed twice.

``learnlog links`` checks the whole repository on every commit (a renamed heading breaks links
in files that were not staged), and parsing is nearly all of its time. What it needs from a file
(its links with their positions, its heading anchors and explicit ``id``/``name`` anchors)
depends only on the file's bytes and on the parser, so those facts are kept in a JSON file keyed
by a digest of the bytes; the whole cache is dropped when the parser, its plugins or learnlog
change. The cache is only ever an optimisation: a missing, stale or damaged one is rebuilt.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from learnlog import __version__
from learnlog.files import write_cache
from learnlog.markdown import Document
from learnlog.model import Link, LinkKind

CACHE_VERSION = 2
PACKAGE_DIR = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class FileFacts:
    """A file's links and anchors, as the link check uses them."""

    links: tuple[Link, ...]
    headings: frozenset[str]
    explicit: frozenset[str]

    @classmethod
    def of(cls, doc: Document) -> FileFacts:
        return cls(
            tuple(source.link for source in doc.links),
            frozenset(h.anchor for h in doc.headings),
            frozenset(doc.html_anchors),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "links": [[k.target, k.text, k.line, k.col, k.kind.value, k.title] for k in self.links],
            "headings": sorted(self.headings),
            "explicit": sorted(self.explicit),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FileFacts:
        links = tuple(
            # written by to_json from validated models: no need to validate them again
            Link.model_construct(target=t, text=x, line=ln, col=c, kind=LinkKind(k), title=ti)
            for t, x, ln, c, k, ti in data["links"]
        )
        return cls(links, frozenset(data["headings"]), frozenset(data["explicit"]))


def parser_fingerprint() -> str:
    """Identifies the code that turns bytes into facts: every source file of learnlog (by
    content, so moving or renaming a module cannot leave a stale cache) and the versions of
    markdown-it and its plugins."""
    from importlib.metadata import PackageNotFoundError, version

    digest = hashlib.blake2b(digest_size=12)
    digest.update(f"{CACHE_VERSION}/{__version__}".encode())
    for package in ("markdown-it-py", "mdit-py-plugins", "linkify-it-py"):
        try:
            digest.update(f"/{package}={version(package)}".encode())
        except PackageNotFoundError:
            digest.update(f"/{package}=?".encode())
    for source in sorted(PACKAGE_DIR.rglob("*.py")):
        digest.update(source.relative_to(PACKAGE_DIR).as_posix().encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()


class FactsCache:
    """Facts by content digest, loaded from and saved to ``path`` (None: memory only)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.fingerprint = parser_fingerprint() if path is not None else ""
        self._stored: dict[str, dict[str, Any]] = {}
        self._used: dict[str, dict[str, Any]] = {}
        self._parsed_any = False
        if path is not None and path.is_file():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                if data.get("parser") == self.fingerprint and isinstance(data.get("files"), dict):
                    self._stored = data["files"]
            except (OSError, ValueError, AttributeError):
                self._stored = {}

    def facts(self, data: bytes, parse: Callable[[], Document]) -> FileFacts:
        """The facts of a file with these bytes; ``parse`` is called only when not cached."""
        key = hashlib.blake2b(data, digest_size=16).hexdigest()
        stored = self._stored.get(key) or self._used.get(key)
        if stored is not None:
            try:
                facts = FileFacts.from_json(stored)
            except (KeyError, TypeError, ValueError):
                pass  # damaged entry: parse again
            else:
                self._used[key] = stored
                return facts
        self._parsed_any = True
        facts = FileFacts.of(parse())
        self._used[key] = facts.to_json()
        return facts

    def save(self) -> None:
        """Write the facts used in this run (so the file does not grow with every edit)."""
        if self.path is None or (not self._parsed_any and len(self._used) == len(self._stored)):
            return

        payload = {"parser": self.fingerprint, "files": self._used}
        write_cache(self.path, json.dumps(payload, separators=(",", ":"), sort_keys=True).encode("utf-8"))
