"""The link check's summary line and its Markdown report (``$GITHUB_STEP_SUMMARY``)."""

from __future__ import annotations

from pathlib import Path

from learnlog.diagnostics import Diagnostic
from learnlog.links.outcome import Statistics, Status


def summary_line(stats: Statistics, files: int, web_urls: int, external: bool, cached: int, seconds: float) -> str:
    """One line that accounts for every link (``{counts}`` is filled in by the report)."""
    web = f", {cached} from cache, {seconds:.2f} s on the web" if external else ", not checked: use --external"
    return (
        f"Checked {stats.total} links in {files} files ({web_urls} unique web URLs{web}): {{counts}}, "
        f"{stats.counts[Status.EXCLUDED]} excluded{stats.not_checkable()}."
    )


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def write_markdown_report(path: Path, summary: str, found: list[Diagnostic]) -> None:
    """Append a Markdown report (GitHub shows $GITHUB_STEP_SUMMARY as the job's summary)."""
    lines = ["## Link check", "", summary, ""]
    if found:
        lines += ["| Where | Code | Problem |", "| --- | --- | --- |"]
        lines += [f"| `{d.path}:{d.line}:{d.col}` | {d.code} | {_cell(d.message)} |" for d in found]
    else:
        lines.append("No broken links.")
    with path.open("a", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
