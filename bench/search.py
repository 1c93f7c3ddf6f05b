"""Time ``learnlog search`` on a generated log (target: under 0.5 s for 3650 entries).

Usage: python bench/search.py [-n 3650] [--repeat 5]
Whole processes, as a user runs them; prints a Markdown table of medians. CPU seconds (user +
system, from ``getrusage``) are printed too: on a busy machine wall-clock time mostly measures
the other processes.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from timing import BIN, timed

from generate import generate

QUERIES = (
    ("one word in every entry, accented", ["café"]),
    ("two words, one entry", ["cafe", "3000"]),
    ("no match", ["zebra"]),
    ("date range only", ["--from", "2020-01-01", "--to", "2020-12-31"]),
    ("word and date range", ["task", "--from", "2024-01-01"]),
)
TARGET = 0.5


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=3650)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="learnlog-bench-search-"))
    try:
        generate(work, args.n)
        learnlog = str(BIN / "learnlog")
        head = f"learnlog search, {args.n} entries (median of {args.repeat})"
        print(f"| {head} | Wall (s) | CPU (s, mean) | Hits | Under {TARGET} s |")
        print("| --- | --- | --- | --- | --- |")
        for name, query in QUERIES:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            seconds, out = timed([learnlog, "search", *query], work, args.repeat)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) / args.repeat
            hits = out.count("\n")
            ok = "yes" if seconds < TARGET else "NO"
            print(f"| {name}: `{' '.join(query)}` | {seconds:.3f} | {cpu:.3f} | {hits} | {ok} |")
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
