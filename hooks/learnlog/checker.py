"""``learnlog check``: find the files, read them safely, run the rules, filter the results."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from learnlog.config import Config
from learnlog.diagnostics import Diagnostic
from learnlog.entries import GENERATED_MARKER, entry_kind
from learnlog.parsing import parse_document
from learnlog.rules import CheckContext, run_rules
from learnlog.textfiles import SafeReader, decode_text, expand_paths


def check_text(shown: str, rel_path: str, text: str, config: Config, today: date) -> list[Diagnostic]:
    """Run the structure rules over one file's (LF-normalised) text."""
    kind = entry_kind(rel_path, config.log_dir, config.weekly_dir)
    if kind == "weekly" or GENERATED_MARKER in text[:2000]:
        return []
    if not text.strip():
        return [Diagnostic(shown, 1, 1, "LL112", "empty file: an entry needs a date heading and notes")]
    doc = parse_document(text)
    ctx = CheckContext(shown, rel_path, kind, doc, config, today)
    return run_rules(ctx)


def check_file(path: Path, reader: SafeReader, config: Config, today: date) -> list[Diagnostic]:
    raw = reader.read(path)
    if isinstance(raw, Diagnostic):
        return [raw]
    rel_path = reader.relative(path)
    if entry_kind(rel_path, config.log_dir, config.weekly_dir) == "weekly":
        return []
    text, problems = decode_text(raw)
    if text is None:
        return problems
    from learnlog.fixes import encoding_diagnostics

    problems.extend(encoding_diagnostics(raw.shown, raw.data, config.fix))  # type: ignore[arg-type]
    problems.extend(check_text(raw.shown, rel_path, text, config, today))
    return problems


def check_paths(paths: Iterable[Path], root: Path, config: Config, today: date) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    reader = SafeReader(root, config.max_file_bytes)
    for path in expand_paths(list(paths), root, config):
        found.extend(check_file(path, reader, config, today))
    return found
