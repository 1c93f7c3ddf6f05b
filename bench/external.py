"""External check of N unique loopback URLs: learnlog vs lychee vs linkcheckmd, one run.

Usage: python bench/external.py [N] [--scale 10]

The URLs are served by the aiohttp server of the tests (tests/loopback.py), running in this
process; one in a hundred answers 404, so the tools' findings can be compared as well as their
times. Each tool runs as a whole process, as a user would run it, three times (median). With
``--scale K`` learnlog and lychee also check K*N URLs, which separates the fixed cost of a run
(start-up, imports, parsing) from the cost per URL.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).parent))
from tests.loopback import loopback_server
from timing import BIN, USER_ENV, timed

CONFIG = "[tool.learnlog.links]\nallow_private = true\nconcurrency = 64\nper_host = 64\n"


def make_log(work: Path, base: str, n: int) -> int:
    """One file of n links, every hundredth to a 404; returns how many are broken."""
    lines = [
        f"- [page {k}]({base}/status/404?k={k})" if k % 100 == 99 else f"- [page {k}]({base}/page/{k})"
        for k in range(n)
    ]
    (work / "log").mkdir(parents=True, exist_ok=True)
    (work / "log" / "links.md").write_text("# Links\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return sum(1 for k in range(n) if k % 100 == 99)


def learnlog(work: Path) -> tuple[float, str, str]:
    return _learnlog(work, ["--no-cache"])


def learnlog_parse_cached(work: Path) -> tuple[float, str, str]:
    """A second run, as in CI where actions/cache restores .cache/learnlog: the links and
    anchors of unchanged files come from the cache; ``cache_ttl_hours = 0`` still sends every
    request."""
    (work / "pyproject.toml").write_text(CONFIG + "cache_ttl_hours = 0\n", encoding="utf-8")
    subprocess.run([str(BIN / "learnlog"), "links", "log/links.md"], cwd=work, capture_output=True, env=USER_ENV)
    try:
        return _learnlog(work, [])
    finally:
        (work / "pyproject.toml").write_text(CONFIG, encoding="utf-8")


def _learnlog(work: Path, options: list[str]) -> tuple[float, str, str]:
    t, out = timed([str(BIN / "learnlog"), "links", "--external", *options, "log/links.md"], work, 3)
    summary = out.strip().splitlines()[-1]
    web = re.search(r"([\d.]+) s on the web", summary)
    errors = re.search(r"(\d+) error", summary)
    return t, f"{errors[1] if errors else '?'} errors", f"{web[1]} s" if web else ""


def imports_only(work: Path) -> tuple[float, str, str]:
    """The floor of any learnlog run that checks the web: start Python and import what
    ``learnlog links --external`` needs (pydantic, the config, aiohttp), nothing else."""
    t, _ = timed([sys.executable, "-c", "import learnlog.linkcheck, learnlog.webcheck, aiohttp"], work, 3)
    return t, "(checks nothing)", ""


def lychee(work: Path) -> tuple[float, str, str]:
    cmd = [str(BIN / "lychee"), "--no-progress", "--host-concurrency", "64", "--host-request-interval", "0ms"]
    t, out = timed([*cmd, "--max-concurrency", "64", "log/links.md"], work, 3)
    errors = re.search(r"(\d+) Errors", out)
    inner = re.search(r"in (?:(\d+)s )?(\d+)ms", out)
    seconds = int(inner[1] or 0) + int(inner[2]) / 1000 if inner else None
    return t, f"{errors[1] if errors else '?'} errors", f"{seconds:.2f} s" if seconds is not None else ""


def linkcheckmd(work: Path) -> tuple[float, str, str]:
    exe = BIN / "linkcheckMarkdown"
    cmd = [str(exe), "log"] if exe.exists() else [sys.executable, "-m", "linkcheckmd", "log"]
    t, out = timed(cmd, work, 3)
    found = len(re.findall(r"404|Not Found", out))
    return t, f"{found} errors (checked none: its URL regex rejects a port)", ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("n", nargs="?", type=int, default=2000)
    parser.add_argument("--scale", type=int, default=10)
    args = parser.parse_args()
    rows = []
    with loopback_server() as server:
        everything = (learnlog, learnlog_parse_cached, lychee, linkcheckmd, imports_only)
        for n, tools in ((args.n, everything), (args.n * args.scale, everything[:3])):
            work = Path(tempfile.mkdtemp(prefix="learnlog-external-"))
            (work / "pyproject.toml").write_text(CONFIG, encoding="utf-8")
            broken = make_log(work, server.base, n)
            for tool in tools:
                t, findings, inner = tool(work)
                expected = f" (expected {broken})" if tool is not imports_only else ""
                rows.append((tool.__name__, n, t, inner, findings + expected))
            shutil.rmtree(work)
    print("| Tool | URLs | Whole run (s) | URLs/s | Checking alone, as the tool reports it | Findings |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, n, t, inner, findings in rows:
        print(f"| {name} | {n} | {t:.2f} | {n / t:.0f} | {inner} | {findings} |")
    by = {(name, n): t for name, n, t, _, _ in rows}
    more = args.n * args.scale - args.n
    print("\n| Tool | Cost of each further URL (us) | Fixed cost of a run (s) |\n| --- | --- | --- |")
    for name in ("learnlog", "learnlog_parse_cached", "lychee"):
        per_url = (by[(name, args.n * args.scale)] - by[(name, args.n)]) / more
        print(f"| {name} | {per_url * 1e6:.0f} | {by[(name, args.n)] - args.n * per_url:.2f} |")


if __name__ == "__main__":
    main()
