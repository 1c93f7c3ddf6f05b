"""The Atom feed of the latest entries (RFC 4287), rendered from the log and git dates.

Pure and stable: ids are UUIDs derived from each entry's path (and the configured repository
address), never from the clock or the order of runs, so a feed reader sees an edited entry as
the same entry; ``updated`` is the entry's last commit, or its date when git cannot say.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, time
from urllib.parse import quote, urlsplit
from xml.sax.saxutils import escape, quoteattr

from learnlog.dates import format_date
from learnlog.generate.stats import counted_links
from learnlog.model import Entry

ATOM_NS = "http://www.w3.org/2005/Atom"
ID_NAMESPACE = uuid.UUID("6f1d3c2a-5b0e-4a8e-9c1d-2f4b7e9a0c11")  # learnlog's own, fixed forever
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_SCP_RE = re.compile(r"^(?:[\w.-]+@)?(?P<host>[\w.-]+):(?P<path>[^/].*)$")


@dataclass(frozen=True)
class FeedSettings:
    title: str
    author: str
    repo_url: str | None  # https://host/owner/name, or None: links stay relative to the feed
    branch: str
    id_seed: str  # the configured repository address or "": ids never follow the git remote
    style: str


def web_url(remote: str) -> str | None:
    """A git remote as the repository's https address, without credentials; ``None`` for
    remotes with no web page (local paths, ``file://``)."""
    remote = remote.strip()
    scp = _SCP_RE.match(remote) if "://" not in remote else None
    if scp:
        host, path = scp["host"], scp["path"]
    else:
        parts = urlsplit(remote)
        if parts.scheme not in ("https", "http", "ssh", "git") or not parts.hostname:
            return None
        host, path = parts.hostname, parts.path.lstrip("/")
    path = path.removesuffix("/").removesuffix(".git")
    if not path or host in ("localhost", "127.0.0.1"):
        return None
    return f"https://{host}/{path}"


def stamp(moment: datetime) -> str:
    """RFC 3339 in UTC, to the second."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def updated_at(entry: Entry, modified: Mapping[str, datetime]) -> datetime:
    found = modified.get(entry.path)
    return found if found is not None else datetime.combine(entry.date, time(), UTC)


def entry_id(settings: FeedSettings, path: str) -> str:
    return f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, f'{settings.id_seed}|{path}')}"


def entry_link(settings: FeedSettings, path: str) -> str:
    if settings.repo_url:
        return f"{settings.repo_url}/blob/{quote(settings.branch)}/{quote(path)}"
    return quote(path)


def summary(entry: Entry) -> str:
    """One line a feed reader can show: topics, tags, and how many links and tasks."""
    parts = []
    topics = [t.title for t in entry.topics if t.level == 2]
    if topics:
        parts.append("Topics: " + "; ".join(topics))
    if entry.tags:
        parts.append("Tags: " + ", ".join(entry.tags))
    links = counted_links(entry)
    open_tasks = sum(1 for t in entry.tasks if not t.done)
    parts.append(f"{links} link{'s' * (links != 1)}, {open_tasks} open task{'s' * (open_tasks != 1)}")
    return " · ".join(parts)


def _entry_xml(entry: Entry, settings: FeedSettings, modified: Mapping[str, datetime]) -> list[str]:
    title = format_date(entry.date, settings.style) + (f": {entry.display_title}" if entry.display_title else "")
    return [
        "  <entry>",
        f"    <id>{entry_id(settings, entry.path)}</id>",
        f"    <title>{escape(title)}</title>",
        f"    <updated>{stamp(updated_at(entry, modified))}</updated>",
        f"    <published>{stamp(datetime.combine(entry.date, time(), UTC))}</published>",
        f'    <link rel="alternate" href={quoteattr(entry_link(settings, entry.path))}/>',
        *(f"    <category term={quoteattr(tag)}/>" for tag in entry.tags),
        f"    <summary>{escape(summary(entry))}</summary>",
        "  </entry>",
    ]


def render_feed(entries: list[Entry], modified: Mapping[str, datetime], settings: FeedSettings, limit: int) -> str:
    """The feed document: the ``limit`` newest entries, newest first."""
    latest = sorted(entries, key=lambda e: e.date, reverse=True)[:limit]
    newest = max((updated_at(e, modified) for e in latest), default=EPOCH)
    home = settings.repo_url or "./"
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="{ATOM_NS}">',
        f"  <id>urn:uuid:{uuid.uuid5(ID_NAMESPACE, f'{settings.id_seed}|feed')}</id>",
        f"  <title>{escape(settings.title)}</title>",
        f"  <updated>{stamp(newest)}</updated>",
        f"  <author><name>{escape(settings.author)}</name></author>",
        f'  <link rel="alternate" href={quoteattr(home)}/>',
        '  <generator uri="https://pypi.org/project/learnlog/">learnlog</generator>',
    ]
    for entry in latest:
        lines += _entry_xml(entry, settings, modified)
    lines.append("</feed>")
    return "\n".join(lines) + "\n"
