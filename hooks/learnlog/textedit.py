"""Replacing many spans of a text in one pass.

Rewriting 20,000 links one slice at a time copies the text 20,000 times; joining the pieces
once keeps every rewrite (import, export, date links) linear in the size of the text.
"""

from __future__ import annotations

from collections.abc import Iterable


def apply_edits(text: str, edits: Iterable[tuple[int, int, str]]) -> str:
    """``text`` with each ``(start, end, new)`` span replaced; spans must not overlap.

    >>> apply_edits("a [x](1) b [y](2)", [(6, 7, "one"), (15, 16, "two")])
    'a [x](one) b [y](two)'
    """
    pieces: list[str] = []
    cursor = 0
    for start, end, new in sorted(edits):
        pieces += [text[cursor:start], new]
        cursor = end
    return "".join(pieces) + text[cursor:]
