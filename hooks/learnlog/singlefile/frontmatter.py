"""An entry's front matter in the single-file form, and back.

Front matter must open a file, so in the single file it cannot stay where it was: export puts
it right under the day's heading as an HTML comment (``<!-- learnlog:front-matter ... -->``,
invisible on GitHub), and import puts it back at the top of the entry. Without this, the tags
of every exported entry became a thematic break and a heading, and a re-import lost them.
"""

from __future__ import annotations

import re

OPEN = "<!-- learnlog:front-matter"
_IN_ENTRY_RE = re.compile(r"\A---[ \t]*\n(?P<yaml>(?:(?!---[ \t]*\n).*\n)*?)---[ \t]*\n\n*(?P<heading>#[^\n]*\n)")
_IN_SECTION_RE = re.compile(rf"\A(?P<heading>#[^\n]*\n)\n{re.escape(OPEN)}\n(?P<yaml>(?:(?!-->).*\n)*?)-->\n")


def to_section(entry: str) -> str:
    """``---\\ntags: [x]\\n---\\n\\n# Day\\n...`` becomes ``# Day\\n\\n<!-- learnlog:front-matter
    ...-->\\n...`` (entries without front matter are unchanged)."""
    found = _IN_ENTRY_RE.match(entry)
    if found is None:
        return entry
    return f"{found['heading']}\n{OPEN}\n{found['yaml']}-->\n{entry[found.end() :]}"


def to_entry(section: str) -> str:
    """The inverse of :func:`to_section` for an imported entry's text."""
    found = _IN_SECTION_RE.match(section)
    if found is None:
        return section
    return f"---\n{found['yaml']}---\n\n{found['heading']}{section[found.end() :]}"
