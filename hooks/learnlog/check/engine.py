"""One pass per file: read, decode and parse once; the structure, encoding and link checks all
read that one parse."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from learnlog.check.rules import CheckContext, run_rules
from learnlog.check.validate import read_tags, validate_entry
from learnlog.config import Config
from learnlog.diagnostics import Diagnostic
from learnlog.files import RawFile, SafeReader, decode_text
from learnlog.fix.encoding import decode_bytes
from learnlog.fix.repairs import encoding_diagnostics
from learnlog.layout import GENERATED_MARKER, FileKind, file_kind
from learnlog.markdown import Document, parse_document
from learnlog.model import Entry

_UNCLOSED_FRONT_MATTER_RE = re.compile(r"---[ \t]*\n[A-Za-z_][\w-]*[ \t]*:")


@dataclass
class FileResult:
    """What checking one file found: its parse (None if it could not be read) and problems."""

    shown: str
    rel_path: str
    kind: FileKind
    doc: Document | None = None
    entry: Entry | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)


def check_document(result: FileResult, doc: Document, config: Config, today: date) -> None:
    """Structure: the models validate the entry, the rules judge the Markdown shape."""
    result.doc = doc
    if GENERATED_MARKER in doc.text[:2000]:
        return
    if not doc.text.strip():
        result.diagnostics.append(
            Diagnostic(result.shown, 1, 1, "LL112", "empty file: an entry needs a date heading and notes")
        )
        return
    if doc.front_matter is None and _UNCLOSED_FRONT_MATTER_RE.match(doc.text):
        message = "front matter opened with '---' on line 1 is never closed: add a '---' line after it"
        result.diagnostics.append(Diagnostic(result.shown, 1, 1, "LL110", message))
    if result.kind is FileKind.ENTRY:
        result.entry, problems = validate_entry(doc, result.shown, result.rel_path, config)
        result.diagnostics.extend(problems)
    elif result.kind is FileKind.BACKLOG:
        result.diagnostics.extend(read_tags(doc, result.shown, config)[1])
    ctx = CheckContext(result.shown, result.rel_path, result.kind, doc, config, today)
    result.diagnostics.extend(run_rules(ctx))


def _undecodable(raw: RawFile, problems: list[Diagnostic]) -> list[Diagnostic]:
    """Say what ``learnlog fix`` will do with a file that is not UTF-8, in the fixer's words,
    so the check and the fixer never send the user in circles."""
    verdict = next((c for c in decode_bytes(raw.data).changes if c.code == "LL301"), None)
    if verdict is None:
        return problems
    return [Diagnostic(raw.shown, verdict.line, verdict.col, "LL301", verdict.problem or verdict.message)]


def check_raw(raw: RawFile, rel_path: str, config: Config, today: date) -> FileResult:
    """Decode and parse one file's bytes once; encoding and structure read that parse."""
    result = FileResult(raw.shown, rel_path, file_kind(rel_path, config.log_dir, config.weekly_dir))
    text, problems = decode_text(raw)
    if text is None:
        result.diagnostics.extend(_undecodable(raw, problems))
        return result
    doc = parse_document(text)
    result.diagnostics.extend(encoding_diagnostics(raw, text, doc, config.fix))
    if result.kind is not FileKind.WEEKLY:
        check_document(result, doc, config, today)
    return result


def check_file(path: Path, reader: SafeReader, config: Config, today: date) -> FileResult:
    rel_path = reader.relative(path)
    raw = reader.read(path)
    if isinstance(raw, Diagnostic):
        kind = file_kind(rel_path, config.log_dir, config.weekly_dir)
        return FileResult(raw.path, rel_path, kind, diagnostics=[raw])
    return check_raw(raw, rel_path, config, today)


def check_files(paths: Iterable[Path], reader: SafeReader, config: Config, today: date) -> list[FileResult]:
    return [check_file(path, reader, config, today) for path in paths]


def check_text(shown: str, rel_path: str, text: str, config: Config, today: date) -> list[Diagnostic]:
    """Structure diagnostics of one file's (LF-normalised) text: the pure core of the check."""
    result = FileResult(shown, rel_path, file_kind(rel_path, config.log_dir, config.weekly_dir))
    if result.kind is not FileKind.WEEKLY:
        check_document(result, parse_document(text), config, today)
    return result.diagnostics
