"""Encoding repair (LL3xx), pure: undo mojibake and codec damage in prose, and nothing else.

ftfy knows how text gets mangled; its defaults also "improve" correct Markdown (uncurl quotes,
squash CJK full-width punctuation, unescape ``&amp;``, expand ligatures, normalise Unicode), so
only its encoding steps run unless ``[tool.learnlog.fix]`` turns more on. Repairs touch prose
only: never code spans or blocks, HTML, link destinations or front matter. Every step is pure
``str -> str`` (or bytes -> str at the edge), idempotent, and explains what it changed; a step
that is not sure leaves the text alone and reports.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from learnlog.config import FixConfig
from learnlog.files import utf8_error_position
from learnlog.markdown import prose_ranges

if TYPE_CHECKING:
    from learnlog.markdown import Document

# A UTF-8 lead byte read as Windows-1252/Latin-1 followed by a continuation byte read the same
# way: the signature of almost all mojibake. Only text that matches pays for importing ftfy.
_MOJIBAKE_HINT_RE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2122]"
)
_RUNS_RE = re.compile("[\x00-\x7f]+|[^\x00-\x7f]+")
_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")
BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Change:
    """One repair (or, with ``fixed=False``, one problem that cannot be repaired)."""

    line: int
    col: int
    code: str
    message: str
    fixed: bool = True
    problem: str = ""


@dataclass
class Repair:
    """The outcome of repairing one file: the new text (or None if unusable) and the changes."""

    text: str | None
    changes: list[Change] = field(default_factory=list)

    @property
    def unfixable(self) -> list[Change]:
        return [c for c in self.changes if not c.fixed]


def _ftfy_config(options: FixConfig) -> object:
    from ftfy import TextFixerConfig

    return TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=True,
        fix_encoding=True,
        restore_byte_a0=True,
        replace_lossy_sequences=False,
        decode_inconsistent_utf8=True,
        fix_c1_controls=False,
        fix_latin_ligatures=options.fix_latin_ligatures,
        fix_character_width=options.fix_character_width,
        uncurl_quotes=options.uncurl_quotes,
        fix_line_breaks=False,
        fix_surrogates=True,
        remove_control_chars=False,
        normalization=options.normalization,
        explain=True,
    )


def _wants_ftfy(text: str, options: FixConfig) -> bool:
    if options.uncurl_quotes or options.fix_latin_ligatures or options.fix_character_width:
        return not text.isascii()
    if options.normalization:
        return not text.isascii()
    return bool(_MOJIBAKE_HINT_RE.search(text)) or "\x1b" in text


def _word_span(old: str, new: str) -> tuple[int, str, str]:
    """Where ``old`` and ``new`` differ, widened to whole words (for a readable message)."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    blocks = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    start_old, end_old = blocks[0][1], blocks[-1][2]
    start_new, end_new = blocks[0][3], blocks[-1][4]
    while start_old > 0 and not old[start_old - 1].isspace():
        start_old -= 1
        start_new -= 1
    while end_old < len(old) and not old[end_old].isspace():
        end_old += 1
        end_new += 1
    return start_old, old[start_old:end_old], new[start_new:end_new]


def _mojibake_forms(text: str) -> set[str]:
    """What ``text`` looks like after one, two or three rounds of UTF-8 read as a single-byte
    codec: the damage a repair claims to undo."""
    import ftfy.bad_codecs  # noqa: F401 - registers sloppy-windows-1252

    forms: set[str] = set()
    layer = {text}
    for _ in range(3):
        layer = {
            form
            for item in layer
            for codec in ("sloppy-windows-1252", "latin-1")
            if (form := item.encode("utf-8").decode(codec, errors="replace")) != item
        }
        forms |= layer
    return forms


def repair_is_sure(old: str, new: str) -> bool:
    """A repair is applied only when each changed run of non-ASCII characters is exactly what
    mojibake of its repair looks like (ASCII survives mojibake, so the runs line up).
    ``“quotesâ€ and`` lost a byte: reading its space as the lost one gives ``†``, a guess,
    so it is reported instead."""
    old_runs, new_runs = _RUNS_RE.findall(old), _RUNS_RE.findall(new)
    if len(old_runs) != len(new_runs):
        return False
    return all(a == b or a in _mojibake_forms(b) for a, b in zip(old_runs, new_runs, strict=True))


def _fix_piece(piece: str, options: FixConfig) -> tuple[str, list[tuple[str, str]]]:
    if not _wants_ftfy(piece, options):
        return piece, []
    from ftfy import fix_and_explain

    result = fix_and_explain(piece, config=_ftfy_config(options))  # type: ignore[arg-type]
    return result.text, list(result.explanation or [])


def _extras_on(options: FixConfig) -> bool:
    return bool(
        options.uncurl_quotes or options.fix_latin_ligatures or options.fix_character_width or options.normalization
    )


def fix_prose(piece: str, options: FixConfig) -> tuple[str, str]:
    """Repair one line of prose; return the text and how (empty when unchanged, and ``unsure:``
    with the text unchanged when the repair would be a guess). U+FFFD is never touched: the
    user must retype what it replaced.

    >>> fix_prose("Itâ€™s popular", FixConfig())
    ('It’s popular', 'sloppy-windows-1252 -> utf-8')
    >>> fix_prose("你好，世界！ “curly” &amp;", FixConfig())
    ('你好，世界！ “curly” &amp;', '')
    """
    parts = [_fix_piece(part, options) for part in piece.split("\ufffd")]
    fixed = "\ufffd".join(text for text, _ in parts)
    if fixed == piece:
        return piece, ""
    steps = [step for _, explained in parts for step in explained]
    codecs = list(dict.fromkeys(name for kind, name in steps if kind in ("encode", "decode")))
    how = " -> ".join(codecs) if codecs else ", ".join(dict.fromkeys(name for _, name in steps))
    if not _extras_on(options) and not repair_is_sure(piece, fixed):
        return piece, f"unsure: {how} would give {fixed!r}"
    return fixed, how


UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _utf16(data: bytes) -> Repair | None:
    """UTF-16 with a BOM (Windows PowerShell 5, Notepad's "Unicode"): unambiguous, transcoded."""
    if not data.startswith(UTF16_BOMS):
        return None
    try:
        text = data.decode("utf-16")
    except UnicodeDecodeError as exc:
        message = f"UTF-16 with a byte-order mark, but damaged at byte {exc.start}; left unchanged: convert it by hand"
        return Repair(None, [Change(1, 1, "LL301", message, fixed=False)])
    endian = "LE" if data.startswith(b"\xff\xfe") else "BE"
    problem = f"file is UTF-16 {endian}, not UTF-8; run 'learnlog fix' to transcode it"
    return Repair(text, [Change(1, 1, "LL301", f"transcoded from UTF-16 {endian} to UTF-8", problem=problem)])


def _stray_bytes(data: bytes) -> str | None:
    """UTF-8 text with a few stray Windows-1252 bytes (one Latin-1 ``é`` pasted into a UTF-8
    file), decoded byte by byte when every stray byte is a defined, printable character."""
    stray: list[int] = []

    def as_cp1252(exc: UnicodeError) -> tuple[str, int]:
        assert isinstance(exc, UnicodeDecodeError)
        byte = exc.object[exc.start]
        stray.append(byte)
        return bytes([byte]).decode("cp1252", errors="replace"), exc.start + 1

    import codecs

    codecs.register_error("learnlog-cp1252", as_cp1252)
    text = data.decode("utf-8", errors="learnlog-cp1252")
    if any(b in _CP1252_UNDEFINED for b in stray):
        return None
    return text if len(stray) < sum(1 for b in data if b >= 0x80) else None


def _single_byte(data: bytes, line: int, col: int, first_bad: int) -> Repair:
    high = {b for b in data if b >= 0x80}
    if high & _CP1252_UNDEFINED:
        message = "not UTF-8 and not Windows-1252 (bytes 0x81/0x8d/0x8f/0x90/0x9d); left unchanged: convert it by hand"
        return Repair(None, [Change(line, col, "LL301", message, fixed=False)])
    from ftfy.badness import is_bad

    for text, codec in ((_stray_bytes(data), "windows-1252 (stray bytes in UTF-8 text)"), (data.decode("cp1252"), "")):
        if text is None or is_bad(text) or has_control_characters(text.replace("\r", "")):
            continue
        codec = codec or ("windows-1252" if any(0x80 <= b <= 0x9F for b in high) else "latin-1")
        message = f"transcoded from {codec} to UTF-8 (first non-UTF-8 byte 0x{first_bad:02x})"
        problem = f"not valid UTF-8 (byte 0x{first_bad:02x}); run 'learnlog fix' to transcode it from {codec}"
        return Repair(text, [Change(line, col, "LL301", message, problem=problem)])
    message = f"not UTF-8 (byte 0x{first_bad:02x}) and no single-byte codec reads it cleanly; left unchanged: convert it by hand"  # noqa: E501
    return Repair(None, [Change(line, col, "LL301", message, fixed=False)])


def decode_bytes(data: bytes) -> Repair:
    """Bytes to text: strip a BOM, and transcode UTF-16, Windows-1252 or Latin-1 only when
    unambiguous."""
    utf16 = _utf16(data)
    if utf16 is not None:
        return utf16
    changes: list[Change] = []
    if data.startswith(BOM):
        data = data[len(BOM) :]
        changes.append(
            Change(1, 1, "LL303", "removed UTF-8 byte-order mark", problem="file starts with a UTF-8 byte-order mark")
        )
    try:
        return Repair(data.decode("utf-8"), changes)
    except UnicodeDecodeError as exc:
        line, col = utf8_error_position(data, exc)
        first_bad = data[exc.start]
    single = _single_byte(data, line, col, first_bad)
    return Repair(single.text, changes + single.changes)


def normalize_newlines(text: str) -> Repair:
    """CRLF and lone CR become LF; report where the first one was."""
    if "\r" not in text:
        return Repair(text, [])
    crlf = text.count("\r\n")
    lone = text.count("\r") - crlf
    first = text.index("\r")
    line = text.count("\n", 0, first) + 1
    col = first - (text.rfind("\n", 0, first) + 1) + 1
    kinds = []
    if crlf:
        kinds.append(f"{crlf} CRLF")
    if lone:
        kinds.append(f"{lone} CR")
    mixed = " (mixed)" if (crlf and lone) or (crlf and text.count("\n") > crlf) else ""
    message = f"converted {' and '.join(kinds)} line ending(s) to LF{mixed}"
    problem = f"{' and '.join(kinds)} line ending(s){mixed}; learnlog fix converts them to LF"
    change = Change(line, col, "LL304", message, problem=problem)
    return Repair(text.replace("\r\n", "\n").replace("\r", "\n"), [change])


def has_control_characters(text: str) -> bool:
    return _CONTROL_RE.search(text) is not None


def _control_name(char: str) -> str:
    return "NUL" if char == "\x00" else f"U+{ord(char):04X}"


def _unsure(line: int, col: int, text: str, how: str) -> Change:
    hint = _MOJIBAKE_HINT_RE.search(text)
    at = hint.start() if hint else 0
    return Change(
        line,
        col + at,
        "LL302",
        f"possible mojibake left as it is ({how.removeprefix('unsure: ')}): a byte was lost; retype it by hand",
        fixed=False,
    )


def repair_prose(text: str, doc: Document, options: FixConfig) -> Repair:
    """Fix mojibake and remove control characters inside prose; report U+FFFD everywhere."""
    if not (_wants_ftfy(text, options) or has_control_characters(text) or "\ufffd" in text):
        return Repair(text, [])  # nothing any repair could act on: skip the per-line work
    changes: list[Change] = []
    pieces: list[str] = []
    cursor = 0
    for start, end in prose_ranges(doc):
        pieces.append(text[cursor:start])
        segment = text[start:end]
        out_lines = []
        offset = start
        for raw_line in segment.split("\n"):
            line, col = doc.position(offset)
            fixed = raw_line
            for _ in range(4):  # to a fixed point: removing a control can expose mojibake
                before = fixed
                repaired, how = fix_prose(fixed, options)
                if how.startswith("unsure:"):
                    changes.append(_unsure(line, col, fixed, how))
                elif how:
                    at, old_word, new_word = _word_span(fixed, repaired)
                    what = "mojibake" if "->" in how else "text"
                    changes.append(
                        Change(
                            line,
                            col + at,
                            "LL302",
                            f'fixed {what} "{old_word}" -> "{new_word}" ({how})',
                            problem=f'{what} "{old_word}" should read "{new_word}" ({how})',
                        )
                    )
                for match in _CONTROL_RE.finditer(repaired):
                    name = _control_name(match.group())
                    changes.append(
                        Change(
                            line,
                            col + match.start(),
                            "LL305",
                            f"removed control character {name}",
                            problem=f"control character {name} in prose",
                        )
                    )
                fixed = _CONTROL_RE.sub("", repaired)
                if fixed == before:
                    break
            out_lines.append(fixed)
            offset += len(raw_line) + 1
        pieces.append("\n".join(out_lines))
        cursor = end
    pieces.append(text[cursor:])
    for match in re.finditer("\ufffd", text):
        line, col = doc.position(match.start())
        changes.append(
            Change(
                line,
                col,
                "LL306",
                "U+FFFD replacement character: the original bytes are lost; retype the character",
                fixed=False,
            )
        )
    return Repair("".join(pieces), changes)
