"""URLs found OK recently, so a re-run within the TTL sends no request for them."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from learnlog.files import write_cache
from learnlog.links.external import UrlVerdict
from learnlog.links.outcome import Status


class LinkCache:
    """URLs found OK recently, so a re-run within the TTL sends no request for them."""

    def __init__(self, path: Path | None, ttl_hours: float) -> None:
        self.path = path
        self.ttl = ttl_hours * 3600
        self.entries: dict[str, float] = {}
        if path is not None and path.is_file():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                self.entries = {str(k): float(v) for k, v in data.get("ok", {}).items()}
            except (ValueError, OSError, AttributeError):
                self.entries = {}

    def fresh(self, url: str, now: float) -> bool:
        checked = self.entries.get(url)
        return checked is not None and now - checked < self.ttl

    def record(self, verdicts: Iterable[UrlVerdict], now: float) -> None:
        for verdict in verdicts:
            if verdict.status is Status.OK:
                self.entries[verdict.url] = now
            else:
                self.entries.pop(verdict.url, None)

    def save(self) -> None:
        if self.path is None:
            return
        payload = {"version": 1, "ok": dict(sorted(self.entries.items()))}
        write_cache(self.path, (json.dumps(payload, indent=1) + "\n").encode("utf-8"))
