"""Moving Markdown between files: relative links rebased, heading levels shifted.

Import and export both move sections between the single file and the entries; a relative link
must keep pointing at the same target from its new folder, and headings change level with the
file they land in.
"""

from __future__ import annotations

import posixpath
import re

from learnlog.markdown import Document
from learnlog.textedit import apply_edits

ATX_RE = re.compile(r"^( {0,3})(#{1,6})(?=[ \t]|$)")
_SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def is_relative_reference(target: str) -> bool:
    """True for links to files of this repo by relative path (what moving a file breaks)."""
    return bool(target) and not (target.startswith(("#", "/", "?")) or _SCHEME_RE.match(target))


def rebase_link(target: str, from_dir: str, to_dir: str) -> str:
    """The same target, written relative to ``to_dir`` instead of ``from_dir`` (posix, repo-relative)."""
    cut = min((i for i in (target.find("#"), target.find("?")) if i >= 0), default=len(target))
    path, rest = target[:cut], target[cut:]
    if not path:
        return target
    absolute = posixpath.normpath(posixpath.join(from_dir or ".", path))
    new = posixpath.relpath(absolute, to_dir or ".")
    if path.endswith("/") and not new.endswith("/"):
        new += "/"
    return new + rest


def line_of(doc: Document, offset: int) -> tuple[int, int]:
    line, col = doc.position(offset)
    return line - 1, col - 1


def rewrite_links(lines: list[str], first: int, doc: Document, from_dir: str, to_dir: str) -> list[str]:
    """Rewrite relative link destinations in ``lines`` (which start at doc line ``first``)."""
    out = list(lines)
    edits: dict[int, list[tuple[int, int, str]]] = {}
    for source in doc.links:
        if source.dest_start is None or source.dest_end is None:
            continue
        line, col = line_of(doc, source.dest_start)
        if not first <= line < first + len(lines):
            continue
        raw = doc.text[source.dest_start : source.dest_end]
        if not is_relative_reference(raw):
            continue
        new = rebase_link(raw, from_dir, to_dir)
        if new != raw:
            edits.setdefault(line - first, []).append((col, col + len(raw), new))
    for index, changes in edits.items():
        out[index] = apply_edits(out[index], changes)
    return out


def shift_headings(lines: list[str], first: int, doc: Document, delta: int) -> list[str]:
    """Raise (delta=-1) or lower (+1) every ATX heading inside the given lines."""
    out = list(lines)
    for heading in doc.headings:
        index = heading.line - 1 - first
        if not 0 <= index < len(out):
            continue
        if heading.setext:
            underline = index + heading.source.count("\n") + 1
            if underline < len(out):
                out[underline] = out[underline].replace("-" if delta < 0 else "=", "=" if delta < 0 else "-")
            continue
        match = ATX_RE.match(out[index])
        if match:
            hashes = "#" * (len(match.group(2)) + delta)
            out[index] = match.group(1) + hashes + out[index][match.end() :]
    return out
