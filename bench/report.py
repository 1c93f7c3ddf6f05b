"""The results of ``bench/run.py``: the machine, the table, and its place in bench/README.md."""

from __future__ import annotations

import datetime
import os
import platform
import re
from dataclasses import dataclass
from pathlib import Path

START = "<!-- bench:results start -->"
END = "<!-- bench:results end -->"
BUSY = 1.5  # load average above which other processes skew wall-clock times


@dataclass(frozen=True)
class Row:
    task: str
    size: int
    ours: float | None  # learnlog's median seconds; None when it could not run
    peer: str
    theirs: float | None  # the peer's median seconds; None when it is not available
    target: float  # the ratio ours / theirs must not exceed this
    peak_kib: int | None = None  # learnlog's peak resident memory

    @property
    def ratio(self) -> float | None:
        return self.ours / self.theirs if self.ours is not None and self.theirs else None


@dataclass(frozen=True)
class Machine:
    cores: int
    cpu: str
    python: str
    load_start: float
    load_end: float
    when: str


def load_average() -> float:
    """The one-minute load average."""
    return os.getloadavg()[0]


def cpu_model() -> str:
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8")
    except OSError:
        return platform.processor() or "unknown"
    found = re.search(r"^model name\s*:\s*(.+)$", text, re.MULTILINE)
    return found[1].strip() if found else platform.processor() or "unknown"


def machine(load_start: float) -> Machine:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 0
    when = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    return Machine(cores, cpu_model(), platform.python_version(), load_start, load_average(), when)


def _seconds(value: float | None, missing: str) -> str:
    return missing if value is None else f"{value:.3f}"


def _cells(row: Row) -> list[str]:
    ratio = row.ratio
    met = "n/a" if ratio is None else ("yes" if ratio <= row.target else "**no**")
    memory = "" if row.peak_kib is None else f"{row.peak_kib / 1024:.0f}"
    return [
        row.task,
        str(row.size),
        _seconds(row.ours, "failed"),
        memory,
        row.peer,
        _seconds(row.theirs, "—"),
        "—" if ratio is None else f"{ratio:.2f}x",
        f"≤ {row.target:.2f}x",
        met,
    ]


def table(rows: list[Row]) -> str:
    head = ["Task", "Size", "learnlog (s)", "learnlog peak RSS (MB)", "Peer", "Peer (s)", "Ratio", "Target", "Met?"]
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    lines += ["| " + " | ".join(_cells(row)) + " |" for row in rows]
    return "\n".join(lines)


def busy_warning(m: Machine) -> str | None:
    if m.load_start <= BUSY:
        return None
    return (
        f"**Warning: load average {m.load_start:.2f} at start (above {BUSY}): other processes were running, "
        "wall-clock times and ratios are skewed.**"
    )


def section(rows: list[Row], m: Machine, command: str, repeat: int, repeat_one: int) -> str:
    """The Markdown that goes between the markers."""
    parts = [
        f"Results of `{command}` on {m.when}: {m.cores} cores ({m.cpu}), Python {m.python}, "
        f"load average {m.load_start:.2f} at start and {m.load_end:.2f} at end. Whole processes, wall clock "
        f"(median of {repeat}; one-entry rows median of {repeat_one}), after one untimed warm-up run of each "
        "tool; peak RSS is the highest of the timed runs. Ratio is learnlog / peer.",
    ]
    warning = busy_warning(m)
    if warning:
        parts.append(warning)
    parts.append(table(rows))
    return formatted("\n\n".join(parts))


def formatted(markdown: str) -> str:
    """As the repository's mdformat hook writes it (tables padded), so the README stays clean."""
    try:
        import mdformat
    except ImportError:
        return markdown
    return str(mdformat.text(markdown, extensions={"gfm"})).rstrip("\n")


def write_readme(readme: Path, body: str) -> None:
    """Replace what is between the markers; add the markers, before the first ``## `` heading
    (or at the end), when the README has none. The rest of the file is kept as it is."""
    text = readme.read_text(encoding="utf-8") if readme.is_file() else "# Benchmarks\n"
    block = f"{START}\n\n{body}\n\n{END}"
    if START in text and END in text and text.index(START) < text.index(END):
        head, rest = text.split(START, 1)
        tail = rest.split(END, 1)[1]
        text = head + block + tail
    else:
        heading = re.search(r"^## ", text, re.MULTILINE)
        at = heading.start() if heading else len(text)
        text = text[:at].rstrip("\n") + f"\n\n## Results\n\n{block}\n\n" + text[at:]
    readme.write_text(text.rstrip("\n") + "\n", encoding="utf-8")
