"""One diagnostic type for every check, and one way to select, print and count them.

Every command reports through :func:`report`, so ``--select``/``--ignore``, the output formats
and the exit status mean the same everywhere.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import IntEnum, StrEnum
from typing import TextIO

from learnlog.codes import CODES, PREFIXES, Severity, is_known_pattern


class ExitCode(IntEnum):
    """pre-commit's convention: 0 clean, 1 problems found or files changed, 2 usage error."""

    OK = 0
    PROBLEMS = 1
    USAGE = 2
    INTERRUPTED = 130


class OutputFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    GITHUB = "github"


class UsageError(Exception):
    """Something the person must change in how they called learnlog (exit 2)."""


@dataclass(frozen=True, order=True)
class Diagnostic:
    """A problem at a place: ``path:line:col: CODE message`` (line and col are 1-based)."""

    path: str
    line: int
    col: int
    code: str
    message: str

    @property
    def severity(self) -> Severity:
        return CODES[self.code].severity

    def render(self) -> str:
        note = "" if self.severity is Severity.ERROR else " (warning)"
        return f"{self.path}:{self.line}:{self.col}: {self.code} {self.message}{note}"

    def render_github(self) -> str:
        kind = self.severity.value
        message = _github_escape(f"{self.code} {self.message}")
        file = _github_escape(self.path, prop=True)
        return f"::{kind} file={file},line={self.line},col={self.col},title={self.code}::{message}"

    def as_json(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "code": self.code,
            "message": self.message,
            "severity": self.severity.value,
            "fixable": CODES[self.code].fixable,
        }


def _github_escape(text: str, *, prop: bool = False) -> str:
    """Escape workflow-command data as the GitHub runner expects (%, CR, LF; plus : and , in
    properties)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def parse_patterns(values: Iterable[str], where: str) -> tuple[str, ...]:
    """Upper-cased select/ignore patterns; an unknown code is a usage error, never a silent no-op."""
    patterns = tuple(v.strip().upper() for v in values if v.strip())
    unknown = [p for p in patterns if not is_known_pattern(p)]
    if unknown:
        raise UsageError(
            f"{where}: unknown code {', '.join(unknown)} (use a code like LL104 or a prefix: {', '.join(PREFIXES)};"
            " 'learnlog rules' lists every code)"
        )
    return patterns


def _specificity(code: str, patterns: Sequence[str]) -> int:
    return max((0 if p == "ALL" else len(p) for p in patterns if p == "ALL" or code.startswith(p)), default=-1)


@dataclass(frozen=True)
class Selection:
    """Which codes are reported: the longest matching pattern wins, ignore wins a tie (flake8's
    decision engine)."""

    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()

    def wants(self, code: str) -> bool:
        selected = _specificity(code, self.select)
        return selected >= 0 and selected > _specificity(code, self.ignore)

    def apply(self, diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
        return [d for d in diagnostics if self.wants(d.code)]


def format_diagnostics(diagnostics: Sequence[Diagnostic], fmt: OutputFormat) -> str:
    """Render diagnostics as ``text`` lines, ``github`` annotations or a ``json`` array."""
    if fmt is OutputFormat.JSON:
        return json.dumps([d.as_json() for d in diagnostics], indent=2, ensure_ascii=False)
    if fmt is OutputFormat.GITHUB:
        return "\n".join(d.render_github() for d in diagnostics)
    return "\n".join(d.render() for d in diagnostics)


def has_failures(diagnostics: Iterable[Diagnostic], *, strict: bool) -> bool:
    return any(strict or d.severity is Severity.ERROR for d in diagnostics)


def count_line(diagnostics: Sequence[Diagnostic]) -> str:
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    return f"{errors} error(s), {len(diagnostics) - errors} warning(s)"


@dataclass(frozen=True)
class ReportOptions:
    """How a command's diagnostics are shown and judged."""

    selection: Selection = Selection()
    fmt: OutputFormat = OutputFormat.TEXT
    strict: bool = False


def report(
    diagnostics: Iterable[Diagnostic],
    options: ReportOptions,
    *,
    summary: str = "",
    out: TextIO | None = None,
) -> ExitCode:
    """Select, sort and print diagnostics (stdout) and the summary line (stderr); the exit code
    says whether any selected diagnostic fails the run."""
    shown = sorted(options.selection.apply(diagnostics))
    stream = out or sys.stdout
    if options.fmt is OutputFormat.JSON or shown:
        print(format_diagnostics(shown, options.fmt), file=stream)
    if summary:
        print(summary.replace("{counts}", count_line(shown)), file=sys.stderr)
    return ExitCode.PROBLEMS if has_failures(shown, strict=options.strict) else ExitCode.OK
