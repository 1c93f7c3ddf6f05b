"""GitHub's heading anchors (the ``id`` GitHub gives a rendered heading).

GitHub lowercases the heading's rendered text, drops every character that is not a letter,
mark, decimal or letter number, connector punctuation, space or hyphen (emoji and all other
punctuation and symbols go), turns each space into ``-`` without collapsing runs, and
de-duplicates with ``-1``, ``-2`` suffixes against *every* slug issued so far. This mirrors
github-slugger 2.0, whose 78 fixtures scraped from real GitHub renders we agree with.
"""

from __future__ import annotations

import unicodedata

_KEPT_CATEGORIES = frozenset({"Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "Pc"})
# Symbols (So) that Unicode also counts as Alphabetic: circled and squared Latin letters.
_ALPHABETIC_SYMBOLS = (
    (0x24B6, 0x24E9),
    (0x1F130, 0x1F149),
    (0x1F150, 0x1F169),
    (0x1F170, 0x1F189),
)


def _is_kept(char: str) -> bool:
    if char in " -":
        return True
    if unicodedata.category(char) in _KEPT_CATEGORIES:
        return True
    code = ord(char)
    return any(lo <= code <= hi for lo, hi in _ALPHABETIC_SYMBOLS)


def slug_base(text: str) -> str:
    """The anchor for ``text`` before de-duplication."""
    return "".join(c for c in text.lower() if _is_kept(c)).replace(" ", "-")


class Slugger:
    """Issues unique anchors in document order, as GitHub does for one rendered file."""

    def __init__(self) -> None:
        self._seen: dict[str, int] = {}

    def slug(self, text: str) -> str:
        base = slug_base(text)
        result = base
        while result in self._seen:
            self._seen[base] += 1
            result = f"{base}-{self._seen[base]}"
        self._seen[result] = 0
        return result
