"""The whole fixer for one file, pure: encoding repairs (:mod:`learnlog.fix.encoding`), date
links GitHub cannot follow, and empty title colons. A repair that would change the Markdown
structure is reported, not applied.
"""

from __future__ import annotations

import posixpath

from learnlog.config import Config, FixConfig
from learnlog.dates import date_link_path, read_date_heading
from learnlog.diagnostics import Diagnostic
from learnlog.files import RawFile
from learnlog.fix.encoding import (
    Change,
    Repair,
    decode_bytes,
    has_control_characters,
    normalize_newlines,
    repair_prose,
)
from learnlog.layout import FileKind
from learnlog.markdown import Document, parse_document
from learnlog.textedit import apply_edits


def drop_empty_title_colon(text: str, doc: Document, style: str) -> Repair:
    """``# Sep 10, 2024:`` (colon, no title) becomes ``# Sep 10, 2024`` (rule LL106)."""
    h1 = next((h for h in doc.headings if h.level == 1), None)
    if h1 is None or h1.setext:
        return Repair(text, [])
    heading = read_date_heading(h1.text, style)
    if not (heading.parsed and heading.has_colon and not heading.title):
        return Repair(text, [])
    lines = text.split("\n")
    index = h1.line - 1
    original = lines[index]
    colon = original.rfind(":")
    if colon < 0:
        return Repair(text, [])
    lines[index] = original[:colon].rstrip()
    change = Change(
        h1.line, colon + 1, "LL106", f'removed empty title colon: "{original.strip()}" -> "{lines[index].strip()}"'
    )
    return Repair("\n".join(lines), [change])


def rewrite_date_links(text: str, doc: Document, rel_path: str, log_dir: str) -> Repair:
    """``[x](2024-09-10#a)`` becomes ``[x](../2024/2024-09-10.md#a)`` so GitHub follows it."""
    edits = []
    for source in doc.links:
        if source.dest_start is None or source.dest_end is None:
            continue
        raw = text[source.dest_start : source.dest_end]
        target = date_link_path(raw, log_dir)
        if target is None:
            continue
        new = posixpath.relpath(target.split("#")[0], posixpath.dirname(rel_path) or ".")
        new += "#" + target.split("#", 1)[1] if "#" in target else ""
        line, col = doc.position(source.dest_start)
        edits.append(
            (
                source.dest_start,
                source.dest_end,
                new,
                Change(
                    line,
                    col,
                    "LL213",
                    f'rewrote date link "{raw}" -> "{new}"',
                    problem=f'date link "{raw}" (learnlog fix writes "{new}")',
                ),
            )
        )
    text = apply_edits(text, ((start, end, new) for start, end, new, _ in edits))
    return Repair(text, [e[3] for e in edits])


def _structure(doc: Document) -> tuple[object, ...]:
    return (
        [(h.level, h.line) for h in doc.headings],
        [(s.link.target, s.link.line) for s in doc.links],
        len(doc.protected),
    )


def repair_prose_checked(text: str, doc: Document, options: FixConfig) -> tuple[str, Document, list[Change]]:
    """Prose repairs, applied only when the Markdown structure stays the same."""
    prose = repair_prose(text, doc, options)
    assert prose.text is not None
    if prose.text == text:
        return text, doc, prose.changes
    fixed_doc = parse_document(prose.text)
    if _structure(fixed_doc) == _structure(doc):
        return prose.text, fixed_doc, prose.changes
    kept = [c for c in prose.changes if c.code not in ("LL302", "LL305")]
    kept.append(
        Change(1, 1, "LL302", "a repair would change the Markdown structure; left the text alone: review it by hand",
               fixed=False)
    )  # fmt: skip
    return text, doc, kept


def repair_file(data: bytes, config: Config, rel_path: str, kind: FileKind) -> Repair:
    """The whole fixer for one file's bytes. ``text`` is None when the file must not be written."""
    decoded = decode_bytes(data)
    if decoded.text is None:
        return decoded
    newlines = normalize_newlines(decoded.text)
    assert newlines.text is not None
    text, doc, prose = repair_prose_checked(newlines.text, parse_document(newlines.text), config.fix)
    changes = decoded.changes + newlines.changes + prose
    if kind is not FileKind.OTHER:
        dated = rewrite_date_links(text, doc, rel_path, config.log_dir)
        if dated.changes:
            assert dated.text is not None
            text, doc = dated.text, parse_document(dated.text)
            changes += dated.changes
    if kind is FileKind.ENTRY and config.fix.remove_empty_title_colon:
        colon = drop_empty_title_colon(text, doc, config.date_style)
        assert colon.text is not None
        text = colon.text
        changes += colon.changes
    return Repair(text, changes)


def encoding_diagnostics(raw: RawFile, text: str, doc: Document, options: FixConfig) -> list[Diagnostic]:
    """LL3xx problems of a file already decoded and parsed, without writing anything."""
    data = raw.data
    if data.isascii() and b"\r" not in data and not has_control_characters(text):
        return []
    decoded = decode_bytes(data)
    changes = list(decoded.changes)
    if decoded.text is not None and "\r" in decoded.text:
        changes += normalize_newlines(decoded.text).changes
    changes += repair_prose_checked(text, doc, options)[2]
    return [Diagnostic(raw.shown, c.line, c.col, c.code, c.problem or c.message) for c in changes]


def date_link_diagnostics(shown: str, text: str, doc: Document, rel_path: str, log_dir: str) -> list[Diagnostic]:
    """LL213 for each bare date link, so the check says what ``learnlog fix`` will rewrite."""
    changes = rewrite_date_links(text, doc, rel_path, log_dir).changes
    return [Diagnostic(shown, c.line, c.col, c.code, c.problem or c.message) for c in changes]
