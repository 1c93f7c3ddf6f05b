"""The one parse of a Markdown file: the only package that imports a Markdown parser."""

from __future__ import annotations

from learnlog.markdown.document import Document, FrontMatter, Heading, SourceLink, prose_ranges
from learnlog.markdown.parse import parse_document

__all__ = ["Document", "FrontMatter", "Heading", "SourceLink", "parse_document", "prose_ranges"]
