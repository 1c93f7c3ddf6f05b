"""Progress of ``learnlog links --external``: a bar on a terminal, and without one (CI) a line
now and then, so a long run is never silent and a short one prints nothing extra."""

from __future__ import annotations

import inspect
import io
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import git
import pytest

from learnlog.links.command import _progress
from learnlog.links.external import periodic_progress
from tests.helpers import TODAY, root_of, write
from tests.loopback import Loopback, loopback_server


def test_periodic_progress_prints_only_after_its_interval() -> None:
    stream = io.StringIO()
    show = periodic_progress(every=0.4, stream=stream)
    show(1, 4)
    assert stream.getvalue() == ""  # a short run says nothing
    time.sleep(0.45)
    show(2, 4)
    assert stream.getvalue() == "learnlog: checked 2 of 4 URLs\n"
    show(3, 4)
    assert stream.getvalue().count("\n") == 1  # the interval starts again
    time.sleep(0.25)
    show(4, 4)  # the last URL, half an interval on: the final count
    assert stream.getvalue() == "learnlog: checked 2 of 4 URLs\nlearnlog: checked 4 of 4 URLs\n"


def test_periodic_progress_final_count_waits_half_an_interval() -> None:
    stream = io.StringIO()
    show = periodic_progress(every=0.4, stream=stream)
    show(3, 3)
    assert stream.getvalue() == ""


def test_auto_without_a_terminal_is_the_periodic_line_every_ten_seconds(capsys: pytest.CaptureFixture[str]) -> None:
    assert not sys.stderr.isatty()
    show = _progress("auto")
    assert show.__qualname__ == periodic_progress(every=1).__qualname__
    assert inspect.getclosurevars(show).nonlocals["every"] == 10.0
    show(1, 2)
    show(2, 2)
    assert capsys.readouterr().err == ""  # a bar would have been drawn at once
    _progress("always")(1, 2)
    assert "\r[" in capsys.readouterr().err


@pytest.fixture(scope="module")
def server() -> Iterator[Loopback]:
    with loopback_server() as state:
        yield state


def _links(root: Path, progress: str) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "learnlog", "links", "--external", "--no-cache", "--progress", progress],
        cwd=root,
        env={**os.environ, "LEARNLOG_TODAY": TODAY},
        stdin=subprocess.DEVNULL,
        capture_output=True,  # stderr is a pipe, as in CI
        timeout=60,
    )
    # bytes decoded by hand: text mode would turn the bar's carriage returns into newlines
    return subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout.decode(), proc.stderr.decode())


def test_links_progress_auto_in_a_pipe_draws_no_bar(repo: git.Repo, server: Loopback) -> None:
    root = root_of(repo)
    (root / "pyproject.toml").write_text("[tool.learnlog.links]\nallow_private = true\n", encoding="utf-8")
    urls = "".join(f"- <{server.base}/page/{n}>\n" for n in range(3))
    write(root, "log/2024/2024-09-09.md", "# Sep 9, 2024\n\n" + urls)
    auto = _links(root, "auto")
    assert auto.returncode == 0, auto.stderr
    assert "\r" not in auto.stderr and "checked 3 of 3" not in auto.stderr  # a quick run: no progress at all
    assert "(3 unique web URLs, 0 from cache" in auto.stderr
    always = _links(root, "always")
    assert always.returncode == 0 and "\r[" in always.stderr and "] 3/3\n" in always.stderr
