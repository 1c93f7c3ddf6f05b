"""The log as data: JSON (the :class:`~learnlog.models.Log` model itself) and tidy CSV.

Pure: a loaded log in, text out. The JSON is ``Log.model_dump``, so it validates against
``learnlog schema --model log`` by construction and reads back with ``Log.model_validate``.
The CSV has one row per thing (entry, tag, topic, link, task), so a spreadsheet can filter or
pivot it without unpacking lists from cells.
"""

from __future__ import annotations

import csv
import io
import json

from learnlog.model import Link, Log, Task, Topic

CSV_COLUMNS = ("date", "path", "kind", "line", "text", "url", "done")


def render_json(log: Log) -> str:
    data = log.model_dump(mode="json")
    data["entries"] = dict(sorted(data["entries"].items()))
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _item_rows(
    day: str, path: str, topics: tuple[Topic, ...], tasks: tuple[Task, ...], links: tuple[Link, ...]
) -> list[list[str]]:
    rows = [[day, path, "topic", str(t.line), t.title, t.url or "", ""] for t in topics]
    rows += [[day, path, "link", str(k.line), k.text, k.target, ""] for k in links]
    rows += [[day, path, "task", str(t.line), t.text, "", "true" if t.done else "false"] for t in tasks]
    order = {"topic": 0, "link": 1, "task": 2}
    return sorted(rows, key=lambda row: (int(row[3]), order[row[2]]))


def render_csv(log: Log) -> str:
    """Columns ``date,path,kind,line,text,url,done``; kinds are entry (text: the title), tag,
    topic (url: a linked heading's target), link, task (done: true/false); backlog rows have
    no date."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for entry in log.sorted_entries():
        day = entry.date.isoformat()
        writer.writerow([day, entry.path, "entry", entry.heading_line, entry.title or "", "", ""])
        writer.writerows([day, entry.path, "tag", entry.heading_line, tag, "", ""] for tag in entry.tags)
        writer.writerows(_item_rows(day, entry.path, entry.topics, entry.tasks, entry.links))
    if log.backlog is not None:
        backlog = log.backlog
        writer.writerows(_item_rows("", backlog.path, backlog.topics, backlog.tasks, backlog.links))
    return out.getvalue()
