"""``learnlog feed``: write the Atom feed (``feed.xml``) of the latest entries."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from learnlog.files import relative_to_root
from learnlog.generate.feed import FeedSettings, render_feed, web_url
from learnlog.generate.gitdates import read_history, remote_url
from learnlog.generate.load import load_project_log
from learnlog.generate.output import write_generated


@dataclass(frozen=True)
class Options:
    limit: int | None = None  # None: the configured number (20 by default)
    output: Path | None = None  # as typed; None: the configured path (feed.xml)
    check: bool = False


def run(options: Options) -> int:
    project, log = load_project_log()
    root, config = project.root, project.config
    history = read_history(root, config.log_dir + "/")
    if not history.available:
        print(f"note: {history.reason}; entries are dated by their file names", file=sys.stderr)
    remote = remote_url(root)
    repo_url = config.feed.url.rstrip("/") if config.feed.url else (web_url(remote) if remote else None)
    settings = FeedSettings(
        title=config.feed.title,
        author=config.feed.author or config.feed.title,
        repo_url=repo_url,
        branch=config.feed.branch,
        id_seed=config.feed.url or "",
        style=config.date_style,
    )
    entries = list(log.entries.values())
    text = render_feed(entries, history.modified, settings, options.limit or config.feed.entries)
    target = relative_to_root(options.output, root) if options.output else config.feed.path
    return write_generated(root, target, text, "learnlog feed", check=options.check)
