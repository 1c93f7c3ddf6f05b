"""External check of N unique loopback URLs: learnlog vs lychee vs linkcheckmd, one run."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.loopback import loopback_server

BIN = Path(sys.executable).parent
N = int(sys.argv[1]) if len(sys.argv) > 1 else 2000


def timed(cmd: list[str], cwd: Path) -> tuple[float, str]:
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    return time.perf_counter() - start, proc.stdout + proc.stderr


with loopback_server() as server:
    work = Path(tempfile.mkdtemp())
    (work / "pyproject.toml").write_text(
        "[tool.learnlog.links]\nallow_private = true\nconcurrency = 64\nper_host = 64\n", encoding="utf-8"
    )
    lines = [f"- [page {n}]({server.base}/page/{n})" for n in range(N)]
    (work / "log").mkdir()
    (work / "log" / "links.md").write_text("# Links\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
    rows = []
    t, out = timed([str(BIN / "learnlog"), "links", "--external", "--no-cache", "log/links.md"], work)
    rows.append(("learnlog", t, out.strip().splitlines()[-1]))
    lychee = str(BIN / "lychee")
    t, out = timed(
        [
            lychee,
            "--no-progress",
            "--host-concurrency",
            "64",
            "--host-request-interval",
            "0ms",
            "--max-concurrency",
            "64",
            "log/links.md",
        ],
        work,
    )
    rows.append(("lychee", t, " ".join(out.split())[-160:]))
    t, out = timed(
        [str(BIN / "linkcheckMarkdown"), "log"]
        if (BIN / "linkcheckMarkdown").exists()
        else [sys.executable, "-m", "linkcheckmd", "log"],
        work,
    )
    rows.append(("linkcheckmd", t, " ".join(out.split())[-160:]))
    shutil.rmtree(work)
print(f"| Tool | {N} URLs (s) | URLs/s | Output (tail) |\n| --- | --- | --- | --- |")
for name, t, out in rows:
    print(f"| {name} | {t:.2f} | {N / t:.0f} | {out} |")
