"""Every diagnostic code learnlog reports: the single source of its name, summary, severity,
whether ``learnlog fix`` repairs it, and why it matters.

Rules, repairs and link checks take severity and summary from here; ``learnlog rules`` prints
this table and ``docs/rules.md`` is generated from it (a test fails when the file is stale), so
the three can never drift apart again.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Family(StrEnum):
    STRUCTURE = "LL1"
    LINKS = "LL2"
    ENCODING = "LL3"
    IMPORT = "LL4"


FAMILY_TITLES = {
    Family.STRUCTURE: "Structure (LL1xx)",
    Family.LINKS: "Links (LL2xx)",
    Family.ENCODING: "Encoding (LL3xx)",
    Family.IMPORT: "Import (LL4xx): sections of a single-file log that stay in the backlog",
}


@dataclass(frozen=True)
class Code:
    """One stable code. ``why`` is plain text: it is printed by ``learnlog rules --verbose``."""

    code: str
    name: str
    summary: str
    severity: Severity
    fixable: bool
    why: str

    @property
    def family(self) -> Family:
        return Family(self.code[:3])


E, W = Severity.ERROR, Severity.WARNING

_ALL = (
    Code("LL100", "entry-path", "file is not at log/YYYY/YYYY-MM-DD.md", E, False,
         "The folder, the file name and the heading must agree on one date, so that tools find a day "
         "without opening files. Files outside the log folder are not entries."),
    Code("LL101", "missing-date-heading", "entry does not start with one H1 date heading", E, False,
         "The first heading of an entry is its date; without it the entry has no day and no title in the "
         "table of contents."),
    Code("LL102", "multiple-h1", "more than one H1 in an entry", E, False,
         "One entry is one day: a second H1 usually means two days were pasted into one file. Use H2 for "
         "topics."),
    Code("LL103", "bad-date", "heading date is not a real date in the log's style", E, False,
         "The heading date is what readers see; it must be a real date written in the configured style "
         "(Sep 9, 2024, or 2024-09-09 with date_style = \"iso\")."),
    Code("LL104", "date-mismatch", "heading date differs from the file name", E, False,
         "A heading date that differs from the file name puts the entry under two days."),
    Code("LL105", "future-date", "entry dated in the future", E, False,
         "A log records what was learned; a future date is almost always a typo in the year. "
         "allow_future_days relaxes it."),
    Code("LL106", "empty-title", "empty title after the colon", W, True,
         "'# Sep 10, 2024:' promises a title and gives none; learnlog fix drops the colon."),
    Code("LL107", "empty-entry", "entry has a heading but no content", E, False,
         "An entry with only a heading is usually a template committed by mistake."),
    Code("LL108", "heading-skip", "heading levels skip (H1 then H3)", E, False,
         "Skipped levels break the outline that screen readers and the table of contents rely on."),
    Code("LL109", "duplicate-topic", "two topics with one title in an entry", E, False,
         "Two topics with one title get the anchors x and x-1: links break silently when one is renamed. "
         "Merge them or name them apart."),
    Code("LL110", "front-matter", "front matter is not valid", E, False,
         "Front matter holds only 'tags', a list of words; any other key is a typo that would be silently "
         "ignored, and YAML that does not parse hides the tags."),
    Code("LL111", "unknown-tag", "tag not in the configured vocabulary", E, False,
         "With a tag vocabulary configured (tool.learnlog.tags), a new tag is usually a misspelling of an "
         "old one."),
    Code("LL112", "empty-file", "empty file", E, False,
         "An empty Markdown file in the log is an entry that was never written."),
    Code("LL190", "unreadable", "not a readable regular file inside the repository", E, False,
         "Symlinks out of the repository, folders, devices and pipes are not entries; learnlog never "
         "follows a link out of the repository."),
    Code("LL191", "too-large", "file too large", E, False,
         "An entry is a page of notes; a file over max_file_bytes is almost always something else, and "
         "reading it would cost every commit."),
    Code("LL192", "binary", "binary file, not Markdown text", E, False,
         "A binary file with a .md name (an image or an archive saved by mistake) cannot be checked."),
    Code("LL201", "missing-target", "link target does not exist", E, False,
         "A relative link to a file or folder that is not in the repository is broken on GitHub too."),
    Code("LL202", "missing-anchor", "link anchor does not exist", E, False,
         "GitHub gives each heading an anchor; a link to an anchor no heading has opens the page at the "
         "top. Renaming a heading is the usual cause."),
    Code("LL203", "target-case", "link target differs in case", E, False,
         "GitHub is case-sensitive: a link that works on a case-insensitive disk is broken there."),
    Code("LL204", "leaves-repository", "link leaves the repository", E, False,
         "A relative link above the repository root cannot work on GitHub or in a clone."),
    Code("LL205", "external-broken", "external link broken", E, False,
         "The web page answered with an error status (404, 410, 500...)."),
    Code("LL206", "permanent-redirect", "external link permanently redirected", W, False,
         "A 301 or 308 says the page has moved for good; update the link before the old address goes."),
    Code("LL207", "redirect-loop", "redirect loop or too many redirects", E, False,
         "A loop or a chain longer than max_redirects never reaches a page."),
    Code("LL208", "unreachable", "external link timed out or refused the connection", E, False,
         "The host did not answer (after one retry for a timeout); the site may be gone."),
    Code("LL209", "private-address", "external link to a private or loopback address refused", E, False,
         "A link to a private address works only on the author's network, and checking it from CI would "
         "probe that network. Set [tool.learnlog.links] allow_private = true to check such links."),
    Code("LL210", "status-warning", "external link answered with a status accepted as a warning", W, False,
         "Many sites refuse bots (403, 999); those statuses are warnings (warn_status), not errors."),
    Code("LL211", "missing-day", "date link to a day with no entry", E, False,
         "A link like [yesterday](2024-09-10) points at that day's entry, which does not exist."),
    Code("LL212", "anchor-case", "link anchor matches a heading only ignoring case", W, False,
         "Browsers match anchors exactly; GitHub's anchors are lower case."),
    Code("LL213", "bare-date-link", "date link written as a bare date", W, True,
         "[x](2024-09-10) is learnlog's shorthand; GitHub cannot follow it, so learnlog fix writes the "
         "relative path (../2024/2024-09-10.md)."),
    Code("LL214", "file-url", "file:// link", E, False,
         "A file:// link points into the author's own disk; it never works on GitHub or for anyone else. "
         "Link to the file by its path in the repository."),
    Code("LL215", "empty-link", "link with an empty destination", W, False,
         "`[text]()` goes nowhere; it is usually a link whose URL was never pasted."),
    Code("LL301", "not-utf8", "file is not UTF-8", E, True,
         "Git, GitHub and every tool here read Markdown as UTF-8. learnlog fix transcodes a file when one "
         "codec reads it unambiguously (UTF-16 with a BOM, Windows-1252, Latin-1) and leaves it alone "
         "otherwise."),
    Code("LL302", "mojibake", "text decoded with the wrong codec", E, True,
         "'Itâ€™s' is 'It’s' saved as UTF-8, read as Windows-1252 and saved again. learnlog fix undoes it in "
         "prose only, and only when the repair is clearly better."),
    Code("LL303", "bom", "UTF-8 byte-order mark", W, True,
         "A BOM is invisible, breaks front matter detection and shows as a stray character in some tools."),
    Code("LL304", "crlf", "CRLF or mixed line endings", W, True,
         "Mixed line endings make every diff noisy; the log uses LF."),
    Code("LL305", "control-character", "stray control character or NUL in prose", E, True,
         "Control characters are invisible in an editor and break rendering and search."),
    Code("LL306", "replacement-character", "U+FFFD replacement character: the original bytes are lost", E, False,
         "Something decoded the text with errors replaced; the original character cannot be recovered, "
         "so it must be retyped. learnlog never removes it."),
    Code("LL401", "import-impossible-date", "a day heading names an impossible date", W, False,
         "'Feb 30, 2024' is no day, and 'Monday, Sep 10, 2024' names a weekday that date does not fall on: "
         "learnlog import keeps the section in the backlog rather than guess."),
    Code("LL402", "import-date-range", "a heading names a range of days", W, False,
         "'Day 33-40' or 'Jan 1-3, 2024' spans several days; the section stays in the backlog to be split by "
         "hand."),
    Code("LL403", "import-ambiguous-date", "an ambiguous numeric date", W, False,
         "3/4/2025 is March 4 or April 3. Unambiguous dates in the same file settle the order; without them "
         "the import writes nothing until --date-order mdy or dmy says which."),
    Code("LL404", "import-no-year", "a day heading without a year", W, False,
         "'Thursday, January 1' takes its year from an enclosing heading or --year; without either it stays "
         "in the backlog."),
)  # fmt: skip

CODES: dict[str, Code] = {c.code: c for c in _ALL}
PREFIXES = ("ALL", "LL", *sorted({c.code[:3] for c in _ALL}))


def lookup(code: str) -> Code:
    return CODES[code]


def is_known_pattern(pattern: str) -> bool:
    """A select/ignore pattern must name a code or a prefix of one (``LL1``, ``LL10``, ``ALL``)."""
    return pattern == "ALL" or (any(code.startswith(pattern) for code in CODES) and pattern.startswith("LL"))
