"""The offline half of the link check: every link of the given files judged against the
repository (files, folders, ``#anchors``), web links collected for ``--external``.

Shared by ``learnlog check`` (which folds the offline link check into its one pass) and
``learnlog links``.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from learnlog.diagnostics import Diagnostic
from learnlog.links.collect import is_external, is_web
from learnlog.links.facts import LinkFact
from learnlog.links.internal import RepoView, check_internal_link
from learnlog.links.outcome import Outcome, Status
from learnlog.model import LinkKind

WebUses = dict[str, list[tuple[str, int, int]]]


@dataclass
class LinkRun:
    """What one run gathered: problems, outcomes and the web URLs with where they are used."""

    found: list[Diagnostic] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    web: WebUses = field(default_factory=lambda: defaultdict(list))


def _special(link: LinkFact) -> tuple[str, str] | None:
    """Links that are wrong whatever they point at: empty, or into the author's own disk."""
    if not link.target.strip() and link.kind in (LinkKind.INLINE, LinkKind.IMAGE, LinkKind.HTML):
        return "LL215", f"link '{link.text}' has an empty destination" if link.text else "empty link destination"
    if link.target.lower().startswith("file:"):
        return "LL214", f"'{link.target}' is a file:// link, which works only on the author's disk"
    return None


def _judge(
    link: LinkFact, rel: str, shown: str, view: RepoView, patterns: list[re.Pattern[str]], run: LinkRun
) -> Outcome:
    """One link's outcome offline; web links are collected for later."""
    if link.kind is LinkKind.REFERENCE:
        # ``[text][label]`` takes its target from a definition, checked (and reported) once,
        # where the fix goes
        return Outcome(Status.OK)
    special = _special(link)
    if special is not None:
        run.found.append(Diagnostic(shown, link.line, link.col, *special))
        return Outcome(Status.BROKEN)
    if any(p.search(link.target) for p in patterns):
        return Outcome(Status.EXCLUDED)
    if is_web(link.target) or link.target.startswith("//"):
        # a protocol-relative ``//host/x`` opens as https on GitHub
        url = "https:" + link.target if link.target.startswith("//") else link.target
        run.web[url].append((shown, link.line, link.col))
        return Outcome(Status.UNCHECKED)
    if is_external(link.target):
        return Outcome(Status.UNSUPPORTED, link.target.split(":", 1)[0].lower() + ":")
    problem = check_internal_link(link, rel, view)
    if problem is None:
        return Outcome(Status.OK)
    run.found.append(replace(problem, path=shown))
    return Outcome(Status.BROKEN)


def gather(
    files: Iterable[str], view: RepoView, root: Path, exclude: Iterable[str], *, show_excluded: bool = False
) -> LinkRun:
    """Judge every link of ``files`` (repo-relative) offline; a file that cannot be read is a
    diagnostic of its own."""
    patterns = [re.compile(p) for p in exclude]
    run = LinkRun()
    for rel in files:
        facts = view.facts(rel)
        if isinstance(facts, list):
            run.found.extend(facts)
            continue
        shown = view.reader.shown_relative(rel)
        for link in facts.links:
            outcome = _judge(link, rel, shown, view, patterns, run)
            if outcome.status is Status.EXCLUDED and show_excluded:
                print(f"{shown}:{link.line}:{link.col}: excluded {link.target}", file=sys.stderr)
            run.outcomes.append(outcome)
    return run
