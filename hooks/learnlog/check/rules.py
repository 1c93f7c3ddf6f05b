"""Structure rules (LL1xx) about Markdown shape that a model cannot express: each a small
``check_*`` function registered with its code (whose summary, severity and why live in
:mod:`learnlog.codes`). What an entry *says* (dates, title, tags) is validated by the models in
:mod:`learnlog.check.validate`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import PurePosixPath

from learnlog.config import Config
from learnlog.dates import ENTRY_NAME_RE, date_from_entry_name, read_date_heading
from learnlog.diagnostics import Diagnostic
from learnlog.layout import FileKind
from learnlog.markdown import Document

_KINDS_WITH_DATES = frozenset({FileKind.ENTRY})


@dataclass(frozen=True)
class CheckContext:
    """What a rule may look at: one file's text and parse, the config and today's date."""

    shown: str
    rel_path: str
    kind: FileKind
    doc: Document
    config: Config
    today: date

    def diag(self, line: int, col: int, code: str, message: str) -> Diagnostic:
        return Diagnostic(self.shown, line, col, code, message)

    @property
    def h1s(self) -> list[tuple[int, int, str]]:
        return [(h.line, h.col, h.text) for h in self.doc.headings if h.level == 1]


Check = Callable[[CheckContext], Iterator[Diagnostic]]


@dataclass(frozen=True)
class Rule:
    code: str
    kinds: frozenset[FileKind]
    check: Check


RULES: list[Rule] = []


def rule(code: str, kinds: frozenset[FileKind] = _KINDS_WITH_DATES) -> Callable[[Check], Check]:
    def register(func: Check) -> Check:
        RULES.append(Rule(code, kinds, func))
        return func

    return register


@rule("LL100", frozenset({FileKind.ENTRY, FileKind.OTHER}))
def check_entry_path(ctx: CheckContext) -> Iterator[Diagnostic]:
    """Entries live at log/YYYY/YYYY-MM-DD.md so that the folder, the file name and the
    heading agree on one date and tools can find a day without opening files."""
    log_dir = ctx.config.log_dir
    path = PurePosixPath(ctx.rel_path)
    where = f"entries live in {log_dir}/YYYY/YYYY-MM-DD.md"
    if ctx.kind is FileKind.OTHER:
        yield ctx.diag(1, 1, "LL100", f"not in the log folder '{log_dir}/': {where}")
        return
    parts = path.relative_to(log_dir).parts
    if len(parts) != 2 or not ENTRY_NAME_RE.fullmatch(parts[1]):
        yield ctx.diag(1, 1, "LL100", f"file name or folder is not YYYY/YYYY-MM-DD.md: {where}")
        return
    parsed = date_from_entry_name(parts[1])
    if parsed is not None and parsed.value is None:
        yield ctx.diag(1, 1, "LL100", f"file name is not a real date: {parsed.error}")
    elif parts[0] != parts[1][:4]:
        yield ctx.diag(1, 1, "LL100", f"entry of {parts[1][:4]} is in folder {parts[0]}/: {where}")


@rule("LL101")
def check_h1_present(ctx: CheckContext) -> Iterator[Diagnostic]:
    """The first heading of an entry is its date; without it the entry has no day and no
    title in the table of contents."""
    headings = ctx.doc.headings
    if not headings or headings[0].level != 1:
        line = headings[0].line if headings else 1
        example = "# Sep 9, 2024: Title" if ctx.config.date_style == "mdy" else "# 2024-09-09: Title"
        yield ctx.diag(line, 1, "LL101", f"entry must start with one H1 date heading, like '{example}'")


@rule("LL102")
def check_single_h1(ctx: CheckContext) -> Iterator[Diagnostic]:
    """One entry is one day: a second H1 usually means two days were pasted into one file."""
    for line, col, text in ctx.h1s[1:]:
        yield ctx.diag(line, col, "LL102", f"second H1 {text!r}: an entry has one H1; use H2 for topics")


def heading_date(ctx: CheckContext) -> tuple[int, int, date] | None:
    """Where the entry's heading date is, and which day it names (when it names one)."""
    for line, col, text in ctx.h1s[:1]:
        heading = read_date_heading(text, ctx.config.date_style)
        if heading.parsed and heading.parsed.value:
            return line, col, heading.parsed.value
    return None


def future_date(shown: str, where: tuple[int, int, date], config: Config, today: date) -> Diagnostic | None:
    """LL105, judged on every run (cached results keep the heading date, not the verdict)."""
    line, col, day = where
    try:
        limit = today + timedelta(days=config.allow_future_days)
    except OverflowError:
        limit = date.max
    if day > limit:
        return Diagnostic(shown, line, col, "LL105", f"date {day.isoformat()} is in the future")
    return None


@rule("LL105")
def check_future_date(ctx: CheckContext) -> Iterator[Diagnostic]:
    """A log records what was learned; a future date is almost always a typo in the year."""
    where = heading_date(ctx)
    found = future_date(ctx.shown, where, ctx.config, ctx.today) if where else None
    if found is not None:
        yield found


@rule("LL106")
def check_empty_title(ctx: CheckContext) -> Iterator[Diagnostic]:
    """``# Sep 10, 2024:`` promises a title and gives none; `learnlog fix` drops the colon."""
    for line, col, text in ctx.h1s[:1]:
        heading = read_date_heading(text, ctx.config.date_style)
        if heading.parsed and heading.has_colon and not heading.title:
            yield ctx.diag(
                line,
                col,
                "LL106",
                "empty title after the colon (learnlog fix removes the colon)",
            )


@rule("LL107")
def check_has_content(ctx: CheckContext) -> Iterator[Diagnostic]:
    """An entry with only a heading is usually a template that was committed by mistake."""
    h1_lines = {line for line, _, _ in ctx.h1s}
    content = [b for b in ctx.doc.content_blocks if not (b[0] == "heading_open" and b[1] in h1_lines)]
    content = [b for b in content if b[0] != "front_matter"]
    if ctx.h1s and not content:
        line, col, _ = ctx.h1s[0]
        yield ctx.diag(line, col, "LL107", "entry has a heading but no content")


@rule("LL108", frozenset({FileKind.ENTRY, FileKind.BACKLOG}))
def check_heading_levels(ctx: CheckContext) -> Iterator[Diagnostic]:
    """Skipped levels (H1 then H3) break the outline screen readers and the TOC rely on."""
    previous = 0
    for heading in ctx.doc.headings:
        if previous and heading.level > previous + 1:
            yield ctx.diag(
                heading.line,
                1,
                "LL108",
                f"heading level jumps from H{previous} to H{heading.level}; use H{previous + 1}",
            )
        previous = heading.level


@rule("LL109", frozenset({FileKind.ENTRY, FileKind.BACKLOG}))
def check_duplicate_topics(ctx: CheckContext) -> Iterator[Diagnostic]:
    """Two topics with one title in a day get anchors ``x`` and ``x-1``: links break silently
    when one is renamed. Merge them or name them apart."""
    seen: dict[tuple[int, str], int] = {}
    for heading in ctx.doc.headings:
        if heading.level < 2:
            continue
        key = (heading.level, heading.text.strip().casefold())
        if key in seen:
            yield ctx.diag(
                heading.line,
                heading.col,
                "LL109",
                f"duplicate topic {heading.text.strip()!r} (first at line {seen[key]})",
            )
        else:
            seen[key] = heading.line


def run_rules(ctx: CheckContext) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for registered in RULES:
        if ctx.kind in registered.kinds:
            found.extend(registered.check(ctx))
    return found
