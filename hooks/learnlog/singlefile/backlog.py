"""Merging new backlog sections into an existing backlog without losing or repeating any.

``import --force`` must not replace notes a person already keeps in the backlog, and running
the same import twice must not add the same section twice.
"""

from __future__ import annotations


def merge_backlog(existing: str, chunks: list[str]) -> str:
    """``existing`` kept as it is, then each chunk it does not already contain, in order."""
    merged = existing
    for chunk in chunks:
        if not chunk.strip() or chunk.strip() in merged:
            continue
        if merged and not merged.endswith("\n"):
            merged += "\n"
        if merged and not merged.endswith("\n\n"):
            merged += "\n"
        merged += chunk
    return merged
