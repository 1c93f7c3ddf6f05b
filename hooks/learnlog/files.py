"""Reading and writing log files safely: the I/O edge every command goes through.

Bad input (a directory, a symlink out of the repository, a 50 MB file, a binary, invalid
UTF-8) becomes a :class:`Diagnostic`, never a traceback; every write is atomic and keeps the
file's mode, so an interrupted fix never leaves half a file behind.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from learnlog.config import Config
from learnlog.diagnostics import Diagnostic
from learnlog.layout import MARKDOWN_SUFFIXES

BINARY_MAGIC = (b"\x89PNG", b"%PDF", b"PK\x03\x04", b"GIF8", b"\xff\xd8\xff", b"\x7fELF", b"\x1f\x8b")
_TEXT_CONTROL_OK = frozenset(b"\t\n\r\f\x1b")
# every byte but the odd ones (controls that text does not use), for a C-speed count
_NOT_ODD = bytes(b for b in range(256) if not (b < 0x20 and b not in _TEXT_CONTROL_OK))


@dataclass(frozen=True)
class RawFile:
    """A file's bytes, read only after it passed the safety checks."""

    path: Path
    shown: str
    data: bytes


def display_path(path: Path, cwd: Path | None = None) -> str:
    """Path as the user should see it: relative to the (resolved) working directory when inside it."""
    base = cwd if cwd is not None else Path.cwd().resolve()
    absolute = path if path.is_absolute() else base / path
    try:
        return absolute.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def looks_binary(data: bytes) -> bool:
    """Binary files are known formats or mostly non-text bytes; one stray NUL is not binary,
    and neither is UTF-16 text with its byte-order mark."""
    if data.startswith(BINARY_MAGIC):
        return True
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    sample = data[:8192]
    if not sample:
        return False
    odd = len(sample.translate(None, _NOT_ODD))
    return odd / len(sample) > 0.10


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


class SafeReader:
    """Reads files that must be regular, inside ``root`` and small enough.

    Commands read thousands of entries from a few folders, so the root, the working directory
    and each folder are resolved once; only a file that is itself a symlink is resolved again.
    Paths are handled as strings here: pathlib's parsing was most of a cached run.
    """

    def __init__(self, root: Path, max_bytes: int) -> None:
        self.root = root.resolve()
        self.cwd = Path.cwd().resolve()
        self._root = str(self.root)
        self._cwd = str(self.cwd)
        self.max_bytes = max_bytes
        self._folders: dict[str, str] = {}
        self._shown: dict[Path, str] = {}

    def _absolute(self, path: Path) -> str:
        text = os.fspath(path)
        return text if os.path.isabs(text) else self._cwd + os.sep + text

    def shown(self, path: Path) -> str:
        """How a path is printed: relative to the working directory when inside it (computed once
        per path: reading and reporting both ask)."""
        if path not in self._shown:
            absolute = os.path.normpath(self._absolute(path))
            inside = _inside(absolute, self._cwd)
            self._shown[path] = os.path.relpath(absolute, self._cwd) if inside else path.as_posix()
        return self._shown[path]

    def shown_relative(self, rel_path: str) -> str:
        """How a repo-relative path is printed (without building a Path for it)."""
        absolute = self._root + os.sep + rel_path.replace("/", os.sep)
        if absolute.startswith(self._cwd + os.sep):
            return absolute[len(self._cwd) + 1 :].replace(os.sep, "/")
        return self.shown(Path(absolute)) if self._cwd != self._root else rel_path

    def _real_folder(self, folder: str) -> str:
        real_folder = self._folders.get(folder)
        if real_folder is None:
            real_folder = self._folders[folder] = os.path.realpath(folder)
        return real_folder

    def _named(self, absolute: str) -> str:
        """The path with its folders resolved but the file itself as named."""
        folder, _, name = absolute.rpartition(os.sep)
        return self._real_folder(folder or os.sep).rstrip(os.sep) + os.sep + name

    def _real_path(self, absolute: str) -> tuple[str, os.stat_result]:
        """The file's real path and its ``stat``; raises as ``Path.resolve(strict=True)``."""
        info = os.lstat(absolute)
        name = os.path.basename(absolute)
        if stat.S_ISLNK(info.st_mode) or name in ("", ".", ".."):
            real = str(Path(absolute).resolve(strict=True))
            return real, os.stat(real)
        return self._named(absolute), info

    def relative(self, path: Path) -> str:
        """Repo-relative posix path of the file as named (a symlink is where it sits, not where
        it points: that is the reader's business); absolute if outside."""
        named = self._named(self._absolute(path))
        if _inside(named, self._root):
            return os.path.relpath(named, self._root).replace(os.sep, "/")
        return named.replace(os.sep, "/")

    def _refusal(self, resolved: str, info: os.stat_result) -> tuple[str, str] | None:
        if not _inside(resolved, self._root):
            return "LL190", f"points outside the repository (to {resolved})"
        if stat.S_ISDIR(info.st_mode):
            return "LL190", "is a directory, not a Markdown file"
        if not stat.S_ISREG(info.st_mode):
            return "LL190", "is not a regular file"
        if info.st_size > self.max_bytes:
            return "LL191", (
                f"file is {info.st_size:,} bytes, over the {self.max_bytes:,}-byte limit "
                "(raise tool.learnlog.max_file_bytes if this is really an entry)"
            )
        return None

    def read(self, path: Path) -> RawFile | Diagnostic:
        shown = self.shown(path)
        try:
            resolved, info = self._real_path(self._absolute(path))
        except (FileNotFoundError, RuntimeError) as exc:
            reason = "a symlink loop" if isinstance(exc, RuntimeError) else "does not exist"
            return Diagnostic(shown, 1, 1, "LL190", f"cannot read: {reason}")
        except OSError as exc:
            return Diagnostic(shown, 1, 1, "LL190", f"cannot read: {exc.strerror or exc}")
        refusal = self._refusal(resolved, info)
        if refusal is not None:
            return Diagnostic(shown, 1, 1, *refusal)
        try:
            with open(resolved, "rb") as handle:
                data = handle.read()
        except OSError as exc:
            return Diagnostic(shown, 1, 1, "LL190", f"cannot read: {exc.strerror or exc}")
        if looks_binary(data):
            return Diagnostic(shown, 1, 1, "LL192", "binary file, not Markdown text")
        return RawFile(path, shown, data)


def utf8_error_position(data: bytes, exc: UnicodeDecodeError) -> tuple[int, int]:
    """1-based line and column (in characters) of the first undecodable byte."""
    before = data[: exc.start]
    line = before.count(b"\n") + 1
    line_start = before.rfind(b"\n") + 1
    col = len(before[line_start:].decode("utf-8", errors="replace")) + 1
    return line, col


def write_atomic(path: Path, data: bytes, *, expected: bytes | None = None) -> None:
    """Replace ``path`` with ``data`` in one rename, keeping its permission bits. With
    ``expected``, the file is compared again just before the rename."""
    target = path.resolve()
    try:
        mode: int | None = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = None
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        Path(tmp_name).chmod(mode)
        if expected is not None and target.read_bytes() != expected:
            raise FileChangedError(f"{path} changed since it was read")
        Path(tmp_name).replace(target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            Path(tmp_name).unlink()
        raise


class FileChangedError(OSError):
    """The file is no longer what was read: someone edited it meanwhile."""


def replace_if_unchanged(path: Path, expected: bytes, data: bytes) -> None:
    """Write ``data`` atomically unless the file no longer holds ``expected`` (an edit made
    while a fixer ran is never overwritten)."""
    if path.read_bytes() != expected:
        raise FileChangedError(f"{path} changed since it was read")
    write_atomic(path, data, expected=expected)


def write_cache(path: Path, data: bytes) -> None:
    """Write a cache file atomically; its folder gets a ``.gitignore`` of ``*`` (as pytest and
    ruff do for theirs) so a repository using the hooks never sees it as untracked."""
    ignore = path.parent / ".gitignore"
    if not ignore.exists():
        write_atomic(ignore, b"# created by learnlog: caches, safe to delete\n*\n")
    write_atomic(path, data)


def relative_to_root(path: Path, root: Path) -> str:
    """Repo-relative posix path; a path outside the repository comes back absolute."""
    absolute = (path if path.is_absolute() else Path.cwd() / path).resolve()
    try:
        return absolute.relative_to(root.resolve()).as_posix()
    except ValueError:
        return absolute.as_posix()


def markdown_paths(base: Path) -> list[Path]:
    """Everything below ``base`` named like Markdown (``.md``, ``.MD``, ``.markdown``), whatever
    it is: a folder, a pipe or a symlink named ``x.md`` is reported by the reader, not skipped
    in silence. Symlinked folders are not followed."""
    found: list[str] = []
    for folder, dirs, files in os.walk(base):
        found += [os.path.join(folder, name) for name in (*files, *dirs) if name.lower().endswith(MARKDOWN_SUFFIXES)]
    return [Path(path) for path in sorted(found)]


def log_files(root: Path, config: Config) -> list[Path]:
    """Every Markdown file of the log, in a stable order."""
    base = root / config.log_dir
    return markdown_paths(base) if base.is_dir() else []


def expand_paths(paths: Sequence[Path], root: Path, config: Config) -> list[Path]:
    """Paths as given, with directories inside the repo expanded to their Markdown files."""
    if not paths:
        return log_files(root, config)
    found: list[Path] = []
    for path in paths:
        if path.is_dir() and not path.is_symlink() and path.resolve().is_relative_to(root.resolve()):
            found.extend(markdown_paths(path))
        else:
            found.append(path)
    return found


def decode_text(raw: RawFile, *, normalize: bool = True) -> tuple[str | None, list[Diagnostic]]:
    """UTF-8 text without a BOM, its line endings normalised to LF for parsing (unless
    ``normalize`` is False), or why not."""
    data = raw.data
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [
            Diagnostic(raw.shown, 1, 1, "LL301", "file is UTF-16, not UTF-8; run 'learnlog fix' to transcode it")
        ]
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
    if not normalize:
        return text, []
    return text.replace("\r\n", "\n").replace("\r", "\n"), []
