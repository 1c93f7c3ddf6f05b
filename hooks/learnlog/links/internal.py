"""Internal links (LL2xx, offline): files, folders and ``#anchors`` inside the repository.

Links come from the parse (inline, reference definitions, images, autolinks, bare URLs, HTML
``href``/``src``), never from a regex over raw text, so nothing in code is checked and nothing
outside code is skipped. Targets are URL-decoded (mdformat percent-encodes spaces and non-ASCII),
must exist with the exact case (GitHub is case-sensitive) and must stay inside the repository.
Anchors follow GitHub's rules (:mod:`learnlog.anchors`) plus explicit ``id``/``name`` anchors.

A bare ISO date (``[yesterday](2024-09-10)`` or ``2024-09-10#topic``) links to that day's entry:
it is checked like a path to ``log/2024/2024-09-10.md`` and ``learnlog fix`` rewrites it to that
relative path so it also works on GitHub.
"""

from __future__ import annotations

import difflib
import os
import posixpath
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from learnlog.cache import ParseCache
from learnlog.dates import date_link_path
from learnlog.diagnostics import Diagnostic
from learnlog.files import SafeReader, decode_text
from learnlog.layout import MARKDOWN_SUFFIXES
from learnlog.links.collect import is_external
from learnlog.links.facts import FileFacts, LinkFact
from learnlog.markdown import parse_document

_ALWAYS_VALID_FRAGMENTS = frozenset({"", "top"})


@dataclass
class RepoView:
    """Cached view of the repository's files, listings and the links and anchors of its
    Markdown. Every Markdown file, checked or only linked to, is read once, through
    ``reader`` (regular, inside the repository, small enough) and the facts cache."""

    root: Path
    reader: SafeReader
    log_dir: str = "log"
    facts_cache: ParseCache = field(default_factory=lambda: ParseCache(None))
    _listings: dict[str, dict[str, str] | None] = field(default_factory=dict)
    _facts: dict[str, FileFacts | list[Diagnostic]] = field(default_factory=dict)

    def _listing(self, rel_dir: str) -> dict[str, str] | None:
        """Names in a folder, keyed by their case-folded form (None if not a folder)."""
        if rel_dir not in self._listings:
            try:
                names = os.listdir(self.root / rel_dir) if rel_dir else os.listdir(self.root)
                self._listings[rel_dir] = {n.casefold(): n for n in names} | {n: n for n in names}
            except (NotADirectoryError, FileNotFoundError, PermissionError):
                self._listings[rel_dir] = None
        return self._listings[rel_dir]

    def lookup(self, rel_path: str) -> tuple[str, str | None]:
        """``("ok"|"case"|"missing", actual_path)`` with exact, case-sensitive matching."""
        if rel_path in ("", "."):
            return "ok", ""
        parts = PurePosixPath(rel_path).parts
        actual: list[str] = []
        status = "ok"
        for part in parts:
            listing = self._listing("/".join(actual))
            if listing is None:
                return "missing", None
            if part in listing and listing[part] == part:
                actual.append(part)
            elif part.casefold() in listing:
                actual.append(listing[part.casefold()])
                status = "case"
            else:
                return "missing", None
        return status, "/".join(actual)

    def know(self, rel_path: str, facts: FileFacts) -> None:
        """Facts of a file another pass already has (the check's own parse): never read twice."""
        self._facts[rel_path] = facts

    def facts(self, rel_path: str) -> FileFacts | list[Diagnostic]:
        """A Markdown file's links and anchors, or why it cannot be read."""
        if rel_path not in self._facts:
            raw = self.reader.read(self.root / rel_path)
            if isinstance(raw, Diagnostic):
                self._facts[rel_path] = [raw]
            else:
                text, problems = decode_text(raw)
                if text is None:
                    self._facts[rel_path] = problems
                else:
                    self._facts[rel_path] = self.facts_cache.facts(raw.data, partial(parse_document, text))
        return self._facts[rel_path]

    def anchors(self, rel_path: str) -> tuple[frozenset[str], frozenset[str]] | None:
        """Heading and explicit ``id``/``name`` anchors; None for a file that cannot be read
        (a symlink out of the repository, a huge file: links into it are not judged)."""
        facts = self.facts(rel_path)
        return None if isinstance(facts, list) else (facts.headings, facts.explicit)


def _fragment_problem(fragment: str, headings: frozenset[str], explicit: frozenset[str]) -> tuple[str, str] | None:
    """(code, message) for a fragment no anchor of the target has."""
    if fragment in _ALWAYS_VALID_FRAGMENTS or fragment in headings or fragment in explicit:
        return None
    if fragment.startswith("user-content-") and fragment[len("user-content-") :] in headings | explicit:
        return None
    lowered = fragment.lower().removeprefix("user-content-")
    close = next((a for a in sorted(headings | explicit) if a.lower() == lowered), None)
    if close is not None:
        return "LL212", f"anchor '#{fragment}' only matches '#{close}' ignoring case"
    near = difflib.get_close_matches(lowered, sorted(headings | explicit), n=3, cutoff=0.75)
    near = near or (sorted(a for a in headings if a.startswith(lowered[:4]))[:3] if lowered else [])
    hint = f" (did you mean {', '.join('#' + a for a in near)}?)" if near else ""
    return "LL202", f"no heading or anchor '#{fragment}'{hint}"


def resolve_target(target: str, source_rel: str, log_dir: str) -> tuple[str, str, bool]:
    """(repo-relative path, decoded fragment, is a date link) of an internal link target."""
    dated = date_link_path(target, log_dir)
    if dated is not None:
        path_part, _, fragment = dated.partition("#")
        return path_part, unquote(fragment), True
    raw_path, _, fragment = target.partition("#")
    path_part = unquote(raw_path.split("?", 1)[0])
    base = "" if path_part.startswith("/") else posixpath.dirname(source_rel)
    absolute = posixpath.normpath(posixpath.join(base, path_part.lstrip("/"))) if path_part else source_rel
    return absolute, unquote(fragment), False


def _path_problem(target: str, absolute: str, dated: bool, view: RepoView) -> tuple[str, str] | str:
    """(code, message) when the path part is wrong, else the path as it is on disk."""
    if absolute == ".." or absolute.startswith("../") or posixpath.isabs(absolute):
        return "LL204", f"link to '{target}' leaves the repository"
    status, actual = view.lookup(absolute)
    if status == "missing" or actual is None:
        if dated:
            return "LL211", f"link target '{target}' has no entry for that day ({absolute})"
        return "LL201", f"link target '{target}' does not exist"
    if status == "case":
        return "LL203", f"link target '{target}' differs in case from '{actual}' (GitHub is case-sensitive)"
    return actual


def check_internal_link(link: LinkFact, source_rel: str, view: RepoView) -> Diagnostic | None:
    """The problem with one internal link, or None. ``source_rel`` is repo-relative."""
    target = link.target
    if not target or is_external(target):
        return None
    absolute, fragment, dated = resolve_target(target, source_rel, view.log_dir)
    found = _path_problem(target, absolute, dated, view)
    if isinstance(found, tuple):
        return _diag(link, source_rel, *found)
    if not fragment or not found.lower().endswith(MARKDOWN_SUFFIXES):
        return None  # GitHub's #L10 line anchors and anchors into other files are not judged
    anchors = view.anchors(found)
    problem = _fragment_problem(fragment, *anchors) if anchors is not None else None
    if problem is None:
        return None
    code, message = problem
    where = "" if found == source_rel else f" in {found}"
    return _diag(link, source_rel, code, message + where)


def _diag(link: LinkFact, source_rel: str, code: str, message: str) -> Diagnostic:
    return Diagnostic(source_rel, link.line, link.col, code, message)
