"""What checking a link can come to (like lychee's ``Status``), and statistics computed from
those outcomes rather than from counters kept by hand."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    OK = "ok"
    BROKEN = "broken"
    REDIRECTED = "redirected"
    WARNED = "warned"
    EXCLUDED = "excluded"
    UNSUPPORTED = "unsupported"
    CACHED = "cached"
    UNCHECKED = "unchecked"


@dataclass(frozen=True)
class Outcome:
    """One link's outcome; ``detail`` is the URL scheme of an unsupported link."""

    status: Status
    detail: str = ""


@dataclass(frozen=True)
class Statistics:
    counts: Counter[Status]
    schemes: Counter[str]

    @classmethod
    def of(cls, outcomes: Iterable[Outcome]) -> Statistics:
        listed = list(outcomes)
        schemes = Counter(o.detail for o in listed if o.status is Status.UNSUPPORTED)
        return cls(Counter(o.status for o in listed), schemes)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def not_checkable(self) -> str:
        """Links no checker can follow (``mailto:``, ``tel:``...): counted and named, not dropped."""
        if not self.schemes:
            return ""
        named = ", ".join(f"{count} {scheme}" for scheme, count in sorted(self.schemes.items()))
        return f", {sum(self.schemes.values())} not checkable ({named})"
