"""Timing whole processes the way a user runs them (shared by the bench scripts)."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
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
