"""Timing whole processes the way a user runs them (shared by the bench scripts)."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

BIN = Path(sys.executable).parent
# As on a user's machine: Python keeps compiled bytecode (some sandboxes turn that off, which
# would time the compilation of learnlog's modules on every run).
USER_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(cmd: list[str], cwd: Path, repeat: int = 1) -> tuple[float, str]:
    """Median wall-clock seconds of ``repeat`` runs, and the last run's stdout + stderr."""
    times, out = [], ""
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=USER_ENV)
        times.append(time.perf_counter() - start)
        out = proc.stdout + proc.stderr
    return statistics.median(times), out


@dataclass(frozen=True)
class Run:
    """One whole process: wall clock, peak resident memory, exit status and output."""

    seconds: float
    peak_kib: int  # ru_maxrss of the process and the children it waited for (KiB on Linux)
    returncode: int
    output: str


@dataclass(frozen=True)
class Measured:
    """Median wall clock of several runs, the highest peak memory, the runs' exit codes."""

    seconds: float
    peak_kib: int
    returncodes: tuple[int, ...]
    last_output: str


def run_once(cmd: list[str], cwd: Path) -> Run:
    """Run ``cmd`` once; ``os.wait4`` gives this process's own rusage (no deltas needed)."""
    with tempfile.TemporaryFile() as sink:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=sink, stderr=subprocess.STDOUT, env=USER_ENV)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        sink.seek(0)
        output = sink.read().decode("utf-8", "replace")
    return Run(seconds, usage.ru_maxrss, proc.returncode, output)


def measure(cmd: list[str], cwd: Path, repeat: int, before: Callable[[], None] | None = None) -> Measured:
    """``repeat`` timed runs of ``cmd`` (``before`` runs, untimed, ahead of each)."""
    runs = []
    for _ in range(repeat):
        if before:
            before()
        runs.append(run_once(cmd, cwd))
    return Measured(
        statistics.median(r.seconds for r in runs),
        max(r.peak_kib for r in runs),
        tuple(r.returncode for r in runs),
        runs[-1].output,
    )
