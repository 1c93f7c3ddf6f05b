"""``learnlog fix`` as a command: an edit made while it runs is never overwritten, and
``--diff`` writes nothing and prints a patch ``git apply`` turns into exactly what ``fix`` writes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import git
import pytest

from learnlog.files import FileChangedError, RawFile, SafeReader, replace_if_unchanged, write_atomic
from learnlog.fix.command import Options, _fix_one
from learnlog.project import load_project
from tests.helpers import TODAY, CliRunner, root_of, write

ENTRY = "log/2024/2024-09-09.md"
MOJIBAKE = "It\u00e2\u20ac\u2122s"  # "It’s" read as cp1252
DAMAGED = "# Sep 9, 2024\n\n" + "".join(f"- {MOJIBAKE} line {n}\n" for n in range(2000))
EDITED = b"# Sep 9, 2024\n\n- written in the editor while the fixer ran\n"


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# --- the write refuses a file that changed ------------------------------------------------------


def test_replace_if_unchanged_keeps_an_edit_made_since_the_read(tmp_path: Path) -> None:
    path = tmp_path / "entry.md"
    path.write_bytes(b"old\n")
    read = path.read_bytes()
    path.write_bytes(EDITED)
    with pytest.raises(FileChangedError):
        replace_if_unchanged(path, read, b"fixed\n")
    assert path.read_bytes() == EDITED
    assert _leftovers(tmp_path) == []
    replace_if_unchanged(path, EDITED, b"fixed\n")  # unchanged since read: written
    assert path.read_bytes() == b"fixed\n"


def test_write_atomic_with_expected_compares_just_before_the_rename(tmp_path: Path) -> None:
    path = tmp_path / "entry.md"
    path.write_bytes(EDITED)
    with pytest.raises(FileChangedError):
        write_atomic(path, b"fixed\n", expected=b"what was read\n")
    assert path.read_bytes() == EDITED
    assert _leftovers(tmp_path) == []


def test_fix_one_leaves_a_file_edited_after_it_was_read(
    repo: git.Repo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = root_of(repo)
    path = write(root, ENTRY, DAMAGED)
    monkeypatch.chdir(root)
    project = load_project((Path(ENTRY),))
    reader = SafeReader(project.root, project.config.max_file_bytes)
    raw = reader.read(Path(ENTRY))
    assert isinstance(raw, RawFile) and raw.data == DAMAGED.encode()
    path.write_bytes(EDITED)  # the editor saves between the read and the write
    problem, changed = _fix_one(raw, Path(ENTRY), project, Options(), reader.relative(Path(ENTRY)))
    out = capsys.readouterr().out
    assert (problem, changed) == (True, False)
    assert f"{ENTRY}: changed while learnlog fix was reading it; left as it is" in out
    assert "Fixing" not in out
    assert path.read_bytes() == EDITED


# --- the same race through a real process ---------------------------------------------------------

# The fixer runs in its own interpreter; an audit hook (a CPython facility, nothing of learnlog's
# is replaced) stops it at a chosen moment after it read the entry and waits until the test's
# thread has saved an edit, so the race is the same on every run.
CHILD = r"""
import os, sys

target, where = os.path.realpath(sys.argv[1]), sys.argv[2]
to_test, from_test = int(sys.argv[3]), int(sys.argv[4])
state = {"opens": 0, "paused": False, "busy": False}


def pause():
    state["paused"] = True
    os.write(to_test, b"p")
    os.read(from_test, 1)


def hook(event, args):
    if state["paused"] or state["busy"]:
        return
    state["busy"] = True
    try:
        if event == "open" and isinstance(args[0], (str, os.PathLike)):
            if os.path.realpath(os.fspath(args[0])) == target:
                state["opens"] += 1
                if where == "second-read" and state["opens"] == 2:
                    pause()
        elif event == "tempfile.mkstemp" and where == "temp-file":
            pause()
    finally:
        state["busy"] = False


sys.addaudithook(hook)
from learnlog.cli import main

sys.exit(main(["fix", sys.argv[1]]))
"""


@pytest.mark.parametrize("where", ["second-read", "temp-file"])
def test_fix_process_does_not_overwrite_an_edit_saved_while_it_runs(repo: git.Repo, where: str) -> None:
    """second-read: the fixer has read and repaired the entry and is about to compare it before
    writing; temp-file: it compared and is writing the repaired text next to it."""
    root = root_of(repo)
    path = write(root, ENTRY, DAMAGED)
    paused_r, paused_w = os.pipe()
    go_r, go_w = os.pipe()
    seen: list[bytes] = []

    def editor() -> None:
        seen.append(os.read(paused_r, 1))  # b"" when the fixer exits without pausing
        if seen[0]:
            path.write_bytes(EDITED)
        os.write(go_w, b"g")

    thread = threading.Thread(target=editor, daemon=True)
    thread.start()
    try:
        proc = subprocess.Popen(
            [sys.executable, "-c", CHILD, ENTRY, where, str(paused_w), str(go_r)],
            cwd=root,
            env={**os.environ, "LEARNLOG_TODAY": TODAY},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            pass_fds=(paused_w, go_r),
        )
        os.close(paused_w)
        os.close(go_r)
        out, err = proc.communicate(timeout=120)
    finally:
        thread.join(10)
        os.close(paused_r)
        os.close(go_w)
    assert seen == [b"p"], (out, err)
    assert proc.returncode == 1, (out, err)
    assert f"{ENTRY}: changed while learnlog fix was reading it; left as it is" in out, out
    assert "Fixing" not in out and "Traceback" not in err
    assert path.read_bytes() == EDITED
    assert _leftovers(path.parent) == []


# --- --diff ---------------------------------------------------------------------------------------

DIFF_FILES = {
    # mojibake, and no newline at the end: the patch must say so on both sides
    "log/2024/2024-09-09.md": f"# Sep 9, 2024\n\n- {MOJIBAKE}\n- last line".encode(),
    # a byte-order mark and CRLF line endings
    "log/2024/2024-09-10.md": b"\xef\xbb\xbf# Sep 10, 2024\r\n\r\n- caf\xc3\xa9\r\n",
    # nothing to fix: not in the patch
    "log/2024/2024-09-11.md": b"# Sep 11, 2024\n\n- fine\n",
}


def _files(root: Path) -> dict[str, bytes]:
    return {rel: (root / rel).read_bytes() for rel in DIFF_FILES}


def test_diff_writes_nothing_and_its_patch_gives_what_fix_writes(
    repo: git.Repo, cli: CliRunner, tmp_path: Path
) -> None:
    root = root_of(repo)
    for rel, data in DIFF_FILES.items():
        write(root, rel, data)
    twin = tmp_path / "twin"
    shutil.copytree(root, twin)

    result = cli("fix", "--diff", cwd=root)
    assert result.code == 1
    assert _files(root) == DIFF_FILES
    assert "2 file(s) would be changed" in result.err
    patch = result.out
    assert "--- a/log/2024/2024-09-09.md\n+++ b/log/2024/2024-09-09.md\n" in patch
    assert "--- a/log/2024/2024-09-10.md\n" in patch and "2024-09-11.md" not in patch
    assert " - last line\n\\ No newline at end of file\n" in patch

    patch_file = tmp_path / "fix.diff"
    patch_file.write_text(patch, encoding="utf-8")
    checked = subprocess.run(["git", "apply", "--check", str(patch_file)], cwd=root, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    applied = subprocess.run(["git", "apply", str(patch_file)], cwd=root, capture_output=True, text=True)
    assert applied.returncode == 0, applied.stderr

    assert cli("fix", cwd=twin).code == 1
    assert _files(root) == _files(twin)
    assert _files(twin) != DIFF_FILES


def test_diff_on_a_clean_log_prints_nothing_and_exits_zero(repo: git.Repo, cli: CliRunner) -> None:
    root = root_of(repo)
    path = write(root, ENTRY, "# Sep 9, 2024\n\n- It’s fine\n")
    before = path.stat().st_mtime_ns
    result = cli("fix", "--diff", cwd=root)
    assert (result.code, result.out) == (0, "")
    assert path.stat().st_mtime_ns == before


@pytest.mark.parametrize(
    "data",
    [
        b"# Sep 11, 2024\n\n- caf\xe9 au lait\n",  # Latin-1: the old side keeps its own bytes
        "# Sep 11, 2024\n\n- it is fine\n".encode("utf-16"),  # UTF-16 with a BOM
        "# Sep 11, 2024\n\n- Itâ€™s \u2028 here\x0c there\n".encode(),  # separators git does not split at
        b"# Sep 11, 2024\r\r- Its\r",  # lone CRs
    ],
    ids=["latin-1", "utf-16", "unicode-separators", "lone-cr"],
)
def test_diff_patch_applies_to_any_file_fix_repairs(repo: git.Repo, tmp_path: Path, data: bytes) -> None:
    """The patch is made of the file's own bytes and git's own lines, so ``git apply`` takes it
    and gives exactly what ``learnlog fix`` writes."""
    root = root_of(repo)
    path = write(root, "log/2024/2024-09-11.md", data)
    repo.git.add(A=True)
    repo.index.commit("entry")
    run = [sys.executable, "-m", "learnlog", "fix"]
    diff = subprocess.run([*run, "--diff"], cwd=root, capture_output=True, check=False)
    assert diff.returncode == 1 and path.read_bytes() == data
    patch_file = tmp_path / "fix.diff"
    patch_file.write_bytes(diff.stdout)
    applied = subprocess.run(["git", "apply", str(patch_file)], cwd=root, capture_output=True, text=True)
    assert applied.returncode == 0, applied.stderr
    patched = path.read_bytes()
    path.write_bytes(data)
    subprocess.run(run, cwd=root, capture_output=True, check=False)
    assert path.read_bytes() == patched
