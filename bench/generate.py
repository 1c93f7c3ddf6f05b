"""Generate a synthetic log of N daily entries (default 3650) with internal links and anchors."""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from pathlib import Path

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def generate(root: Path, count: int, seed: int = 1) -> list[Path]:
    rng = random.Random(seed)
    start = date(2015, 1, 1)
    (root / "log").mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text("[tool.learnlog]\n", encoding="utf-8")
    paths = []
    for n in range(count):
        day = start + timedelta(days=n)
        prev = day - timedelta(days=1)
        heading = f"# {MONTHS[day.month - 1]} {day.day}, {day.year}: Topic {n}"
        body = [
            heading,
            "",
            f"## Notes on item {n}",
            "",
            f"- Learned café thing {n}, it’s fine.",
            f"- See [yesterday](../{prev.year}/{prev.isoformat()}.md#notes-on-item-{n - 1})" if n else "- First day.",
            f"- And [this topic](#details-{n}).",
            "",
            f"## Details {n}",
            "",
            "```",
            "# not a heading",
            "```",
            f"- [ ] task {n}",
            f"- [x] done {n}",
            "",
        ]
        path = root / "log" / str(day.year) / f"{day.isoformat()}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(body), encoding="utf-8")
        paths.append(path)
    rng.shuffle(paths)
    return paths


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("root", type=Path)
    parser.add_argument("-n", type=int, default=3650)
    args = parser.parse_args()
    generate(args.root, args.n)
