"""``learnlog check``: find the files, read them safely, run the rules, filter the results."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from learnlog.config import Config
from learnlog.diagnostics import Diagnostic
from learnlog.entries import GENERATED_MARKER, entry_kind
from learnlog.parsing import parse_document
from learnlog.rules import CheckContext, run_rules
from learnlog.textfiles import RawFile, SafeReader, utf8_error_position


def relative_to_root(path: Path, root: Path) -> str:
    """Repo-relative posix path; a path outside the repository comes back absolute."""
    absolute = (path if path.is_absolute() else Path.cwd() / path).resolve()
    try:
        return absolute.relative_to(root.resolve()).as_posix()
    except ValueError:
        return absolute.as_posix()


def log_files(root: Path, config: Config) -> list[Path]:
    """Every Markdown file of the log, in a stable order."""
    base = root / config.log_dir
    if not base.is_dir():
        return []
    return sorted(p for p in base.rglob("*.md") if p.is_file() or p.is_symlink())


def expand_paths(paths: Sequence[Path], root: Path, config: Config) -> list[Path]:
    """Paths as given, with directories inside the repo expanded to their Markdown files."""
    if not paths:
        return log_files(root, config)
    found: list[Path] = []
    for path in paths:
        if path.is_dir() and not path.is_symlink() and path.resolve().is_relative_to(root.resolve()):
            found.extend(sorted(path.rglob("*.md")))
        else:
            found.append(path)
    return found


def decode_text(raw: RawFile) -> tuple[str | None, list[Diagnostic]]:
    """UTF-8 text with BOM and CR line endings normalised for parsing, or why not."""
    data = raw.data
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = utf8_error_position(data, exc)
        return None, [
            Diagnostic(
                raw.shown,
                line,
                col,
                "LL301",
                f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); run 'learnlog fix' to transcode it",
            )
        ]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


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


def check_file(
    path: Path, root: Path, config: Config, today: date, reader: SafeReader | None = None
) -> list[Diagnostic]:
    reader = reader or SafeReader(root, config.max_file_bytes)
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
        found.extend(check_file(path, root, config, today, reader))
    return found
