"""Export: the entries written back as one file, the inverse of import for a log like the seed.

Headings are lowered one level and relative links rewritten back; the output is the backlog's
preamble, the entries by date, then the backlog's sections.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from learnlog.markdown import parse_document
from learnlog.singlefile.frontmatter import to_section
from learnlog.singlefile.rebase import rewrite_links, shift_headings


def _paragraph_end(chunk: str) -> str:
    """An entry ends with a blank line, so the next entry's heading does not join its text."""
    if not chunk or chunk.endswith("\n\n"):
        return chunk
    return chunk + ("\n" if chunk.endswith("\n") else "\n\n")


def join_log(entries: dict[str, str], backlog: str | None, target_dir: str, log_dir: str) -> str:
    """The single-file form: preamble, entries by date (headings lowered), backlog sections.

    ``entries`` maps repo-relative entry paths to their text; ``target_dir`` is where the
    single file will live (repo-relative), so relative links keep pointing at their targets.
    """
    preamble, backlog_sections = "", ""
    if backlog is not None:
        doc = parse_document(backlog.replace("\r\n", "\n"))
        lines = backlog.splitlines(keepends=True)
        lines = rewrite_links(lines, 0, doc, log_dir, target_dir)
        first_h2 = next((h.line - 1 for h in doc.headings if h.level == 2), len(lines))
        preamble, backlog_sections = "".join(lines[:first_h2]), "".join(lines[first_h2:])
    chunks = [preamble]
    for path in sorted(entries, key=lambda p: PurePosixPath(p).name):
        text = to_section(entries[path])
        doc = parse_document(text.replace("\r\n", "\n"))
        lines = text.splitlines(keepends=True)
        lines = shift_headings(lines, 0, doc, +1)
        lines = rewrite_links(lines, 0, doc, str(PurePosixPath(path).parent), target_dir)
        chunks.append("".join(lines))
    chunks.append(backlog_sections)
    parts = [chunk for chunk in chunks if chunk]
    return "".join(_paragraph_end(c) if i < len(parts) - 1 else c for i, c in enumerate(parts))
