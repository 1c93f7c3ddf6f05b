"""One diagnostic type for every check, so every command prints and filters problems alike."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """A problem at a place: ``path:line:col: CODE message`` (line and col are 1-based)."""

    path: str
    line: int
    col: int
    code: str
    message: str
    severity: Severity = Severity.ERROR
    fixable: bool = False

    def render(self) -> str:
        note = "" if self.severity is Severity.ERROR else " (warning)"
        return f"{self.path}:{self.line}:{self.col}: {self.code} {self.message}{note}"

    def render_github(self) -> str:
        kind = "error" if self.severity is Severity.ERROR else "warning"
        message = _github_escape(f"{self.code} {self.message}")
        file = _github_escape(self.path, prop=True)
        return f"::{kind} file={file},line={self.line},col={self.col},title={self.code}::{message}"


def _github_escape(text: str, *, prop: bool = False) -> str:
    """Escape workflow-command data as the GitHub runner expects (%, CR, LF; plus : and , in
    properties)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def code_matches(code: str, patterns: Iterable[str]) -> bool:
    """True when ``code`` is named by any pattern: a full code (``LL104``) or a prefix
    (``LL1``, ``LL2``, ``ALL``)."""
    return any(p == "ALL" or code.startswith(p) for p in patterns)


def filter_diagnostics(
    diagnostics: Iterable[Diagnostic], select: Sequence[str], ignore: Sequence[str]
) -> list[Diagnostic]:
    """Keep the diagnostics selected and not ignored; the more specific pattern wins, ignore on a tie."""
    kept = []
    for diag in diagnostics:
        sel = max((len(p) for p in select if code_matches(diag.code, [p])), default=-1)
        ign = max((len(p) for p in ignore if code_matches(diag.code, [p])), default=-1)
        if sel >= 0 and sel > ign:
            kept.append(diag)
    return kept


def format_diagnostics(diagnostics: Sequence[Diagnostic], fmt: str) -> str:
    """Render diagnostics as ``text`` lines, ``github`` annotations or a ``json`` array."""
    if fmt == "json":
        rows = [{**asdict(d), "severity": d.severity.value} for d in diagnostics]
        return json.dumps(rows, indent=2, ensure_ascii=False)
    if fmt == "github":
        return "\n".join(d.render_github() for d in diagnostics)
    return "\n".join(d.render() for d in diagnostics)


def has_failures(diagnostics: Iterable[Diagnostic], *, strict: bool) -> bool:
    return any(strict or d.severity is Severity.ERROR for d in diagnostics)


# Every stable code, with the one-line summary shown by ``learnlog rules`` and in docs/rules.md.
CODES: dict[str, str] = {
    "LL100": "file is not at log/YYYY/YYYY-MM-DD.md",
    "LL101": "no H1 date heading at the top of the entry",
    "LL102": "more than one H1",
    "LL103": "heading date unparseable or impossible",
    "LL104": "heading date differs from the file name",
    "LL105": "entry dated in the future",
    "LL106": "empty title after the colon",
    "LL107": "entry has no content",
    "LL108": "heading levels skip",
    "LL109": "duplicate topic title in one entry",
    "LL110": "invalid front matter",
    "LL111": "tag not in the configured vocabulary",
    "LL112": "empty file",
    "LL190": "not a readable file inside the repository",
    "LL191": "file too large",
    "LL192": "binary file",
    "LL201": "link target does not exist",
    "LL202": "link anchor does not exist",
    "LL203": "link target differs in case",
    "LL204": "link leaves the repository",
    "LL205": "external link broken",
    "LL206": "external link permanently redirected",
    "LL207": "redirect loop or too many redirects",
    "LL208": "external link timed out or refused the connection",
    "LL209": "external link to a private or loopback address refused",
    "LL210": "external link answered with a status accepted as a warning",
    "LL211": "date link to a day with no entry",
    "LL301": "file is not UTF-8",
    "LL302": "mojibake (text decoded with the wrong codec)",
    "LL303": "UTF-8 byte-order mark",
    "LL304": "CRLF or mixed line endings",
    "LL305": "stray control character or NUL",
    "LL306": "U+FFFD replacement character (original bytes lost)",
}
