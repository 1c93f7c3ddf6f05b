"""Hostile input through every command: no traceback, an honest exit status, no collateral writes.

Each corpus case builds one hostile thing in a real git repository (a good entry and a README
with TOC markers are always there too) and runs every command over it: check, fix, links, toc,
summary, import, export and new. For every run:

* no traceback: no exception escapes ``run``, no "Traceback" in the output;
* the exit status is 0, 1 or 2, and bad input gives 1 (or 2) with a message naming the file,
  ``path:line:col: LLxxx message`` for ``check``;
* every file (bytes, mode, symlink target; inside the repository and in the folder a symlink
  points out to) is identical afterwards, unless writing it is the command's job: ``fix`` may
  repair the hostile file's encoding, ``toc`` writes the README, ``summary`` writes log/weekly/,
  ``import`` and ``new`` create entries (never overwrite one). ``.git`` and ``.cache`` are not
  compared;
* it finishes in time (cases that could hang or eat memory run as a subprocess with a timeout
  and an address-space limit).

Then: import/export/new given hostile arguments, invalid configs, the real ``python -m learnlog``
for a few cases, and Ctrl-C during ``links --external`` against a loopback URL that never answers.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import resource
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import git
import pytest

from tests.helpers import TODAY, CliRunner, Result, root_of, write
from tests.loopback import loopback_server

ENTRY = "log/2024/2024-09-09.md"
GOOD = "log/2024/2024-09-02.md"
GOOD_TEXT = "# Sep 2, 2024\n\n## Ok\n\n- ok\n"
README = "README.md"
README_TEXT = "# Learning log\n\n<!-- learnlog:toc start -->\n<!-- learnlog:toc end -->\n"
NEW_ENTRY = "log/2024/2024-09-20.md"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    + bytes(range(256))
)
FIFTY_MB = 50 * 1024 * 1024
DEFAULT_LIMIT = 10.0  # seconds any one command may take on any case
COMMANDS = ("check", "fix", "links", "toc", "summary", "import", "export", "new")
READERS = ("fix", "links", "export")  # read every entry; an unreadable one is exit 1 + named
LISTERS = ("toc", "summary")  # leave an unreadable entry out, but must say so, naming it

DIAGNOSTIC = re.compile(r"^(?P<path>[^\n:]+):(?P<line>\d+):(?P<col>\d+): (?P<code>LL\d{3}) \S", re.M)


def argv_for(command: str, target: str) -> list[str]:
    return {
        "check": ["check"],
        "fix": ["fix"],
        "links": ["links"],
        "toc": ["toc"],
        "summary": ["summary", "--all"],
        "import": ["import", target],
        "export": ["export"],
        "new": ["new", "2024-09-20", "--title", "Fresh"],
    }[command]


# --- snapshots --------------------------------------------------------------------------------

Snapshot = dict[str, tuple[object, ...]]


def snapshot(*folders: Path) -> Snapshot:
    """bytes (as a digest), mode and symlink target of every file under ``folders``; never
    opens anything but regular files (a FIFO is recorded, not read)."""
    found: Snapshot = {}
    for folder in folders:
        for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
            dirnames[:] = [d for d in dirnames if d not in (".git", ".cache")]
            for name in dirnames + filenames:
                path = Path(dirpath) / name
                key = f"{folder.name}/{path.relative_to(folder).as_posix()}"
                info = path.lstat()
                if stat.S_ISLNK(info.st_mode):
                    found[key] = ("link", os.readlink(path))
                elif stat.S_ISDIR(info.st_mode):
                    found[key] = ("dir", stat.S_IMODE(info.st_mode))
                elif stat.S_ISREG(info.st_mode):
                    digest = hashlib.sha256()
                    if os.access(path, os.R_OK):
                        with path.open("rb") as handle:
                            for block in iter(lambda: handle.read(1 << 20), b""):
                                digest.update(block)
                    found[key] = ("file", stat.S_IMODE(info.st_mode), info.st_size, digest.hexdigest())
                else:
                    found[key] = ("special", stat.S_IFMT(info.st_mode), stat.S_IMODE(info.st_mode))
    return found


def changes(before: Snapshot, after: Snapshot) -> dict[str, str]:
    """Path -> 'created' / 'deleted' / 'modified' (new folders are not changes on their own)."""
    out: dict[str, str] = {}
    for key in before.keys() | after.keys():
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        if old is None:
            if new is not None and new[0] != "dir":
                out[key] = "created"
        elif new is None:
            out[key] = "deleted"
        else:
            out[key] = "modified"
    return out


def allowed_change(command: str, key: str, how: str, case: Case) -> bool:
    rel = key.split("/", 1)[1] if key.startswith("repo/") else None
    if rel is None:
        return False  # nothing outside the repository may ever change
    if command == "fix":
        return how == "modified" and rel in case.fix_may_change
    if command == "toc":
        return rel == README and case.toc_may_write
    if command == "summary":
        return rel.startswith("log/weekly/")
    if command == "import":
        return how == "created" and rel.startswith("log/")
    if command == "new":
        return how == "created" and rel == NEW_ENTRY
    return False


# --- running ----------------------------------------------------------------------------------


def run_in_process(cli: CliRunner, argv: list[str], cwd: Path) -> tuple[Result, float]:
    started = time.monotonic()
    try:
        result = cli(*argv, cwd=cwd)
    except BaseException as exc:  # the point: nothing may escape
        pytest.fail(f"learnlog {' '.join(argv)[:80]}: {type(exc).__name__} escaped run(): {str(exc)[:300]}")
    return result, time.monotonic() - started


def _limit_memory() -> None:
    limit = 1536 * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def run_subprocess(
    argv: list[str], cwd: Path, timeout: float = 30.0, env: dict[str, str] | None = None
) -> tuple[Result, float]:
    environment = {**os.environ, "LEARNLOG_TODAY": TODAY, **(env or {})}
    started = time.monotonic()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "learnlog", *argv],
            cwd=cwd,
            env=environment,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=timeout,
            preexec_fn=_limit_memory,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"learnlog {' '.join(argv)[:80]}: still running after {timeout:.0f} s (hangs)")
    return Result(proc.returncode, proc.stdout, proc.stderr), time.monotonic() - started


def assert_sane(result: Result, elapsed: float, argv: list[str], limit: float = DEFAULT_LIMIT) -> str:
    """No traceback, exit 0/1/2, in time; returns stdout+stderr."""
    text = result.out + result.err
    shown = f"learnlog {' '.join(argv)[:80]} -> exit {result.code} in {elapsed:.2f} s\n{text[-1500:]}"
    assert "Traceback" not in text, shown
    assert result.code in (0, 1, 2), shown
    if result.code == 2:
        assert result.err.strip(), "exit 2 without a message\n" + shown
    assert elapsed < limit, f"took {elapsed:.2f} s (limit {limit} s)\n" + shown
    return text


def diagnostics_for(output: str, rel: str) -> list[str]:
    return [m["code"] for m in DIAGNOSTIC.finditer(output) if m["path"] == rel]


# --- the corpus -------------------------------------------------------------------------------


Build = Callable[[Path, Path], None]  # (repository root, folder outside the repository)
After = Callable[[bytes], None]


@dataclass(frozen=True)
class Case:
    id: str
    build: Build
    target: str = ENTRY  # the hostile path the messages must name
    check_codes: frozenset[str] = frozenset()  # check exits 1 reporting one of these on target
    check_optional: bool = False  # check may also pass (exit 0); if it reports, one of check_codes
    check_exit: int = 1  # 0 when the expected codes are warnings
    unreadable: bool = False  # fix/links/export exit 1 naming target; toc/summary name it
    import_refuses: bool | None = None  # 'import target' exits 1/2 naming it (default: unreadable)
    fix_may_change: frozenset[str] = frozenset()
    after_fix: After | None = None  # checks the target's bytes after fix
    fix_clean: bool = False  # after fix, 'check --select LL3' passes
    links_codes: frozenset[str] = frozenset()  # links reports these on target
    links_exit: int | None = None
    toc_may_write: bool = True
    toc_fails: bool = False  # toc exits 1/2 naming the target
    subprocess_only: bool = False  # could hang or eat memory: run as a subprocess
    limit: float = DEFAULT_LIMIT
    marks: tuple[pytest.MarkDecorator, ...] = field(default=())


def entry(rel: str, data: str | bytes) -> Build:
    def build(root: Path, outside: Path) -> None:
        write(root, rel, data)

    return build


def utf16(bom: bytes, codec: str) -> bytes:
    return bom + "# Sep 9, 2024\r\n\r\n- Café note\r\n".encode(codec)


def _symlink(link: str, to: str | Callable[[Path, Path], str]) -> Build:
    def build(root: Path, outside: Path) -> None:
        path = root / link
        path.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(to(root, outside) if callable(to) else to, path)

    return build


def _loop(root: Path, outside: Path) -> None:
    (root / "log/2024").mkdir(parents=True, exist_ok=True)
    os.symlink("2024-09-10.md", root / ENTRY)
    os.symlink("2024-09-09.md", root / "log/2024/2024-09-10.md")


def _fifo(root: Path, outside: Path) -> None:
    os.mkfifo(root / "log/x.md")


def _directory(root: Path, outside: Path) -> None:
    (root / ENTRY).mkdir(parents=True)


def _no_permission(root: Path, outside: Path) -> None:
    write(root, ENTRY, "# Sep 9, 2024\n\n- secret\n").chmod(0)


def _fifty_mb(root: Path, outside: Path) -> None:
    path = write(root, ENTRY, "# Sep 9, 2024\n\n")
    with path.open("ab") as handle:
        handle.write(b"- x\n" * (FIFTY_MB // 4))


def _readme_without_end(root: Path, outside: Path) -> None:
    write(root, README, "# Learning log\n\n<!-- learnlog:toc start -->\n\n## Notes by hand\n\nkeep me\n")


ALIAS_BOMB = (
    "---\n"
    + "a0: &a0 [x, x, x, x, x, x, x, x, x]\n"
    + "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 9))
    + "tags: *a8\n---\n\n# Sep 9, 2024\n\n- x\n"
)

LINKS_20K = (
    "# Sep 9, 2024\n\n"
    + " ".join(f"[l{i}](2024-09-02.md#{'nope' if i % 1000 == 0 else 'ok'})" for i in range(20_000))
    + "\n"
)


def _expect(data: bytes) -> After:
    def check(after: bytes) -> None:
        assert after == data, f"after fix: {after[:200]!r}, expected {data[:200]!r}"

    return check


def _utf8_kept(*kept: str, forbid: tuple[str, ...] = ("\ufffd", "Ã")) -> After:
    def check(after: bytes) -> None:
        text = after.decode("utf-8")  # fix wrote it, so it must be UTF-8 (or be unchanged: caller)
        for part in kept:
            assert part in text, f"fix lost {part!r}: {text[:300]!r}"
        for part in forbid:
            assert part not in text, f"fix introduced {part!r}: {text[:300]!r}"

    return check


def _keeps_fffd(after: bytes) -> None:
    text = after.decode("utf-8")
    assert text.count("\ufffd") == 1, f"fix removed U+FFFD: {text!r}"
    assert text in ("# Sep 9, 2024\n\n- It’s \ufffd x\n", "# Sep 9, 2024\n\n- Itâ€™s \ufffd x\n"), repr(text)


def root_only() -> tuple[pytest.MarkDecorator, ...]:
    return (pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file: no permission cannot be tested"),)


S = frozenset

CASES = [
    # encoding
    Case("utf8-stray-0xff", entry(ENTRY, b"# Sep 9, 2024\n\n- caf\xc3\xa9 \xff au lait\n"), check_codes=S({"LL301"}),
         fix_may_change=S({ENTRY}), after_fix=_utf8_kept("café", "au lait"), unreadable=True),
    Case("latin1-file", entry(ENTRY, "# Sep 9, 2024\n\n- Café naïve façade\n".encode("latin-1")),
         check_codes=S({"LL301"}), fix_may_change=S({ENTRY}),
         after_fix=_expect("# Sep 9, 2024\n\n- Café naïve façade\n".encode()), fix_clean=True, unreadable=True),
    Case("utf8-one-latin1-byte", entry(ENTRY, "# Sep 9, 2024\n\n- Größe: naïve “ok”\n".encode() + b"- caf\xe9\n"),
         check_codes=S({"LL301"}), fix_may_change=S({ENTRY}),
         after_fix=_utf8_kept("Größe: naïve “ok”"), unreadable=True),
    Case("utf16-le-bom-notepad", entry(ENTRY, utf16(codecs.BOM_UTF16_LE, "utf-16-le")), check_codes=S({"LL301"}),
         fix_may_change=S({ENTRY}), after_fix=_expect("# Sep 9, 2024\n\n- Café note\n".encode()), fix_clean=True,
         unreadable=True),
    Case("utf16-be-bom", entry(ENTRY, utf16(codecs.BOM_UTF16_BE, "utf-16-be")), check_codes=S({"LL301"}),
         fix_may_change=S({ENTRY}), after_fix=_expect("# Sep 9, 2024\n\n- Café note\n".encode()), fix_clean=True,
         unreadable=True),
    Case("png-bytes-named-md", entry(ENTRY, PNG), check_codes=S({"LL192"}), unreadable=True),
    Case("empty-file", entry(ENTRY, b""), check_codes=S({"LL112"})),
    Case("whitespace-only", entry(ENTRY, b"  \n\t\n\n"), check_codes=S({"LL112", "LL101"})),
    Case("50mb-file", _fifty_mb, check_codes=S({"LL191"}), limit=5.0, unreadable=True),
    Case("nul-bytes", entry(ENTRY, "# Sep 9, 2024\n\n- a\x00b\n"), check_codes=S({"LL305"}), fix_may_change=S({ENTRY}),
         after_fix=_expect(b"# Sep 9, 2024\n\n- ab\n"), fix_clean=True),
    Case("crlf-and-lone-cr", entry(ENTRY, b"# Sep 9, 2024\r\n\r\n- a\rb\r\n- c\r\n"), check_codes=S({"LL304"}), check_exit=0,
         fix_may_change=S({ENTRY}), after_fix=_expect(b"# Sep 9, 2024\n\n- a\nb\n- c\n"), fix_clean=True),
    Case("mojibake-next-to-fffd", entry(ENTRY, "# Sep 9, 2024\n\n- Itâ€™s \ufffd x\n"), check_codes=S({"LL306"}),
         fix_may_change=S({ENTRY}), after_fix=_keeps_fffd),
    Case("lossy-mojibake-quotes", entry(ENTRY, "# Sep 9, 2024\n\n- “quotesâ€ and\n"),
         check_codes=S({"LL302"}), check_optional=True),  # fix must not touch it: not in fix_may_change
    # dates
    Case("filename-2024-02-30", entry("log/2024/2024-02-30.md", "# Feb 30, 2024\n\n- x\n"),
         target="log/2024/2024-02-30.md", check_codes=S({"LL100", "LL103"})),
    Case("filename-2024-13-01", entry("log/2024/2024-13-01.md", "# Jan 13, 2024\n\n- x\n"),
         target="log/2024/2024-13-01.md", check_codes=S({"LL100", "LL103", "LL104"})),
    Case("heading-feb-30", entry(ENTRY, "# Feb 30, 2024\n\n- x\n"), check_codes=S({"LL103", "LL104"})),
    Case("date-0001-01-01", entry("log/0001/0001-01-01.md", "# Jan 1, 0001\n\n- x [next](0001-01-02)\n"),
         target="log/0001/0001-01-01.md", check_codes=S({"LL103", "LL211"}), check_optional=True,
         fix_may_change=S({"log/0001/0001-01-01.md"})),  # fix may rewrite the bare date link (LL213)
    Case("date-9999-12-31", entry("log/9999/9999-12-31.md", "# Dec 31, 9999\n\n- x [prev](9999-12-30)\n"),
         target="log/9999/9999-12-31.md", check_codes=S({"LL105"}),
         fix_may_change=S({"log/9999/9999-12-31.md"})),  # fix may rewrite the bare date link (LL213)
    # not regular files, or not ours
    Case("symlink-out-of-repo", _symlink(ENTRY, lambda root, outside: str(outside / "secret.md")),
         check_codes=S({"LL190"}), import_refuses=False, unreadable=True),  # importing a file outside is fine
    Case("symlink-loop", _loop, check_codes=S({"LL190"}), unreadable=True),
    Case("symlink-dangling", _symlink(ENTRY, "nowhere.md"), check_codes=S({"LL190"}), unreadable=True),
    Case("directory-named-like-entry", _directory, check_codes=S({"LL190"}), check_optional=True),
    Case("fifo-named-x-md", _fifo, target="log/x.md", check_codes=S({"LL190", "LL100"}), check_optional=True,
         subprocess_only=True, limit=20.0),
    Case("no-read-permission", _no_permission, check_codes=S({"LL190"}), marks=root_only(), unreadable=True),
    Case("upper-MD-extension", entry("log/2024/2024-09-10.MD", "# Sep 10, 2024\n\n- x\n"),
         target="log/2024/2024-09-10.MD", check_codes=S({"LL100"})),
    Case("markdown-extension", entry("log/2024/2024-09-11.markdown", "# Sep 11, 2024\n\n- x\n"),
         target="log/2024/2024-09-11.markdown", check_codes=S({"LL100"})),
    # front matter
    Case("yaml-alias-bomb", entry(ENTRY, ALIAS_BOMB), check_codes=S({"LL110"}), subprocess_only=True, limit=10.0),
    Case("front-matter-unclosed", entry(ENTRY, "---\ntags: [a]\n# Sep 9, 2024\n\n- x\n"), check_codes=S({"LL110"})),
    # README
    Case("readme-toc-start-without-end", _readme_without_end, target=README, check_optional=True,
         toc_may_write=False, toc_fails=True),
    # links
    Case("file-url-passwd", entry(ENTRY, "# Sep 9, 2024\n\n- [pw](file:///etc/passwd)\n"), check_optional=True,
         links_codes=S({"LL214"}), links_exit=1),
    Case("empty-link", entry(ENTRY, "# Sep 9, 2024\n\n- [x]()\n"), check_optional=True,
         links_codes=S({"LL215"}), links_exit=0),
    Case("20k-links-one-paragraph", entry(ENTRY, LINKS_20K), check_optional=True, links_codes=S({"LL202"}),
         links_exit=1, limit=6.0),
    # size and depth
    Case("nested-lists-1000", entry(ENTRY, "# Sep 9, 2024\n\n" + "".join("  " * i + "- x\n" for i in range(1000))),
         check_optional=True),
    Case("nested-blockquotes-1000", entry(ENTRY, "# Sep 9, 2024\n\n" + "> " * 1000 + "deep\n"), check_optional=True),
    Case("nested-mixed-1000", entry(ENTRY, "# Sep 9, 2024\n\n" + "> - " * 500 + "[a](#b) deep\n"), check_optional=True),
    Case("heading-100k-chars", entry(ENTRY, "# Sep 9, 2024: " + "a" * 100_000 + "\n\n## " + "b" * 100_000
                                     + "\n\n- [self](#" + "b" * 100_000 + ")\n"), check_optional=True),
]  # fmt: skip


def _params(cases: list[Case], commands: tuple[str, ...]) -> list[object]:
    return [
        pytest.param(case, command, id=f"{case.id}-{command}", marks=case.marks)
        for case in cases
        for command in commands
    ]


def build_case(repository: git.Repo, tmp_path: Path, case: Case) -> tuple[Path, Path]:
    root = root_of(repository)
    outside = tmp_path / "outside"
    outside.mkdir()
    write(outside, "secret.md", "# Sep 9, 2024\n\n- outside the repository\n")
    write(root, GOOD, GOOD_TEXT)
    write(root, README, README_TEXT)
    case.build(root, outside)
    return root, outside


@pytest.mark.parametrize(("case", "command"), _params(CASES, COMMANDS))
def test_corpus(repo: git.Repo, tmp_path: Path, cli: CliRunner, case: Case, command: str) -> None:
    root, outside = build_case(repo, tmp_path, case)
    argv = argv_for(command, case.target)
    before = snapshot(root, outside)
    if case.subprocess_only:
        result, elapsed = run_subprocess(argv, root, timeout=max(case.limit, 20.0))
    else:
        result, elapsed = run_in_process(cli, argv, root)
    output = assert_sane(result, elapsed, argv, case.limit)
    shown = f"learnlog {' '.join(argv)[:80]} -> exit {result.code}\n{output[-1500:]}"

    after = snapshot(root, outside)
    wrong = {k: how for k, how in changes(before, after).items() if not allowed_change(command, k, how, case)}
    assert not wrong, f"files changed that {command} must not change: {wrong}\n{shown}"
    for key in before.keys() & after.keys():  # a repair keeps the mode
        if before[key][0] == after[key][0] == "file":
            assert before[key][1] == after[key][1], f"{key}: mode changed\n{shown}"

    if command == "check":
        found = diagnostics_for(output, case.target)
        if case.check_optional and result.code == 0:
            return
        if case.check_codes:
            assert result.code == case.check_exit, shown
            assert set(found) & case.check_codes, f"expected {sorted(case.check_codes)} on {case.target}\n{shown}"
        elif not case.check_optional:
            assert result.code == 0, shown
    elif command == "fix":
        if case.unreadable or case.check_codes & {"LL301", "LL302", "LL304", "LL305", "LL306"}:
            assert result.code == 1, shown
            assert case.target in output, shown
        path = root / case.target
        if case.after_fix and path.is_file() and not path.is_symlink():
            data = path.read_bytes()
            if f"repo/{case.target}" in changes(before, after) or case.fix_clean:
                case.after_fix(data)
        if case.fix_clean:
            again, elapsed = run_in_process(cli, ["check", "--select", "LL3"], root)
            assert again.code == 0, f"after fix, check still finds: {again.out}"
    elif command in READERS and case.unreadable:
        assert result.code == 1 and case.target in output, f"{command} must report {case.target}\n{shown}"
    elif command in LISTERS and case.unreadable:
        assert case.target in output, f"{command} left {case.target} out without saying so\n{shown}"
    if command == "links" and case.links_codes:
        found = diagnostics_for(output, case.target)
        assert set(found) >= case.links_codes, f"expected {sorted(case.links_codes)}\n{shown}"
        assert result.code == case.links_exit, shown
        if case.id == "20k-links-one-paragraph":
            assert found.count("LL202") == 20, f"{found.count('LL202')} LL202, expected 20\n{shown}"
    if command == "toc" and case.toc_fails:
        assert result.code in (1, 2) and case.target in output, f"toc must refuse, naming {case.target}\n{shown}"
    if command == "new":
        assert result.code == 0, shown
        assert (root / NEW_ENTRY).is_file(), shown
    if command == "import" and (case.unreadable if case.import_refuses is None else case.import_refuses):
        assert result.code in (1, 2) and case.target in output, shown


# --- dates at the ends of the calendar ----------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "argv"),
    [
        ("9999-12-31", ["summary"]),
        ("9999-12-31", ["new", "--title", "End"]),
        ("9999-12-31", ["check"]),
        ("9999-12-31", ["toc"]),
        ("0001-01-01", ["new", "yesterday"]),
        ("0001-01-01", ["summary"]),
        ("0001-01-01", ["check"]),
    ],
    ids=lambda v: v if isinstance(v, str) else "-".join(v),
)
def test_today_at_calendar_edges(
    repo: git.Repo, tmp_path: Path, cli: CliRunner, monkeypatch: pytest.MonkeyPatch, today: str, argv: list[str]
) -> None:
    root, _ = build_case(repo, tmp_path, Case("edges", entry("log/9999/9999-12-31.md", "# Dec 31, 9999\n\n- x\n")))
    write(root, "log/0001/0001-01-01.md", "# Jan 1, 0001\n\n- x\n")
    monkeypatch.setenv("LEARNLOG_TODAY", today)
    result, elapsed = run_in_process(cli, argv, root)
    assert_sane(result, elapsed, argv)
    if argv == ["new", "yesterday"]:
        assert result.code == 2 and "0001" in result.err, result.err  # no day before 0001-01-01


# --- hostile arguments --------------------------------------------------------------------------

ARGUMENT_CASES = [
    ("import-folder", ["import", "log"], "log"),
    ("import-missing-file", ["import", "nope.md"], "nope.md"),
    ("import-binary-file", ["import", "photo.md"], "photo.md"),
    ("import-utf16-file", ["import", "notepad.md"], "notepad.md"),
    ("import-fifo", ["import", "pipe.md"], "pipe.md"),
    ("export-o-existing-entry", ["export", "-o", GOOD], GOOD),
    ("export-o-readme", ["export", "-o", README], README),
    ("export-o-folder", ["export", "-o", "log"], "log"),
    ("new-tag-hash", ["new", "2024-09-20", "--tag", "#c"], "#c"),
    ("new-tag-bracket", ["new", "2024-09-20", "--tag", "x]"], "x]"),
    ("new-title-newline-heading", ["new", "2024-09-20", "--title", "a\n# b"], "title"),
    ("new-date-feb-30", ["new", "2024-02-30"], "2024-02-30"),
    ("new-existing-entry", ["new", "2024-09-02"], GOOD),
    ("check-select-unknown", ["check", "--select", "FOO"], "FOO"),
    ("check-ignore-unknown", ["check", "--ignore", "FOO"], "FOO"),
    ("links-select-unknown", ["links", "--select", "FOO"], "FOO"),
]


@pytest.mark.parametrize(("argv", "named"), [pytest.param(a, n, id=i) for i, a, n in ARGUMENT_CASES])
def test_hostile_arguments_are_refused(
    repo: git.Repo, tmp_path: Path, cli: CliRunner, argv: list[str], named: str
) -> None:
    root, outside = build_case(repo, tmp_path, Case("arguments", lambda root, outside: None))
    write(root, "photo.md", PNG)
    write(root, "notepad.md", codecs.BOM_UTF16_LE + "# Sep 9, 2024\r\n\r\n- x\r\n".encode("utf-16-le"))
    os.mkfifo(root / "pipe.md")
    before = snapshot(root, outside)
    if argv[:2] == ["import", "pipe.md"]:
        result, elapsed = run_subprocess(argv, root, timeout=20)
    else:
        result, elapsed = run_in_process(cli, argv, root)
    output = assert_sane(result, elapsed, argv)
    if argv == ["import", "notepad.md"] and result.code == 0:  # decoding it is fine too
        return
    expected = (1, 2) if argv[0] == "new" and named == GOOD else (2,)  # refusing to overwrite: 1 or 2
    assert result.code in expected, f"exit {result.code}, expected {expected}\n{output}"
    assert named in result.err, f"message does not name {named!r}:\n{output}"
    assert not changes(before, snapshot(root, outside)), output


# Paths outside the repository point into this test's tmp_path only ({outside} is replaced): a
# tool that follows them anyway may write there (an unrefused ``readme = "/etc/passwd"`` makes
# ``toc`` append a TOC to it). The literal /etc/passwd runs only with read-only commands.
CONFIGS = [
    ("select-unknown-code", 'select = ["FOO"]', "select", COMMANDS),
    ("ignore-unknown-code", 'ignore = ["BAR"]', "ignore", COMMANDS),
    ("log-dir-parent", 'log_dir = "../x"', "log_dir", COMMANDS),
    ("log-dir-absolute", 'log_dir = "{outside}"', "log_dir", COMMANDS),
    ("readme-etc-passwd", 'readme = "/etc/passwd"', "readme", ("check", "links")),
    ("readme-absolute", 'readme = "{outside}/passwd"', "readme", COMMANDS),
    ("readme-parent", 'readme = "../README.md"', "readme", COMMANDS),
    ("weekly-dir-parent", 'weekly_dir = "../weekly"', "weekly_dir", COMMANDS),
]


@pytest.mark.parametrize(
    ("line", "key", "command"),
    [pytest.param(line, key, c, id=f"{i}-{c}") for i, line, key, commands in CONFIGS for c in commands],
)
def test_bad_config_is_refused_at_load(
    repo: git.Repo, tmp_path: Path, cli: CliRunner, line: str, key: str, command: str
) -> None:
    root, outside = build_case(repo, tmp_path, Case("config", lambda root, outside: None))
    write(outside, "passwd", "root:x:0:0:root:/root:/bin/bash\n")
    write(outside, "2024/2024-09-01.md", "# Sep 1, 2024\n\n- outside\n")
    line = line.replace("{outside}", outside.as_posix())
    (root / "pyproject.toml").write_text(f'[tool.learnlog]\ndate_style = "mdy"\n{line}\n', encoding="utf-8")
    before = snapshot(root, outside)
    argv = argv_for(command, GOOD)
    result, elapsed = run_in_process(cli, argv, root)
    output = assert_sane(result, elapsed, argv)
    written = [
        p.relative_to(tmp_path).as_posix()
        for p in (tmp_path / "x", tmp_path / "weekly", tmp_path / "README.md")
        if p.exists()
    ]
    assert not written, f"{line}: {command} wrote outside the repository: {written}\n{output[-1500:]}"
    assert not changes(before, snapshot(root, outside)), (
        f"{line}: {changes(before, snapshot(root, outside))}\n{output[-1500:]}"
    )
    assert result.code == 2, f"{line}: exit {result.code}, expected 2\n{output[-1500:]}"
    assert "pyproject.toml" in result.err and key in result.err, output[-1500:]


# --- the real command ---------------------------------------------------------------------------

SUBPROCESS_CASES = ("latin1-file", "utf16-le-bom-notepad", "png-bytes-named-md", "symlink-loop",
                    "nested-blockquotes-1000", "readme-toc-start-without-end")  # fmt: skip


@pytest.mark.parametrize(("case", "command"), _params([c for c in CASES if c.id in SUBPROCESS_CASES], COMMANDS))
def test_real_subprocess(repo: git.Repo, tmp_path: Path, case: Case, command: str) -> None:
    root, outside = build_case(repo, tmp_path, case)
    argv = argv_for(command, case.target)
    before = snapshot(root, outside)
    result, elapsed = run_subprocess(argv, root)
    assert_sane(result, elapsed, argv, limit=20.0)
    wrong = {
        k: h for k, h in changes(before, snapshot(root, outside)).items() if not allowed_change(command, k, h, case)
    }
    assert not wrong, wrong


def test_ctrl_c_during_external_links_is_one_line_and_130(repo: git.Repo) -> None:
    root = root_of(repo)
    with loopback_server() as server:
        (root / "pyproject.toml").write_text(
            "[tool.learnlog]\n[tool.learnlog.links]\nallow_private = true\nretries = 0\n"
            "connect_timeout = 60\ntotal_timeout = 120\n",
            encoding="utf-8",
        )
        write(root, ENTRY, f"# Sep 9, 2024\n\n- <{server.base}/hang>\n")
        env = {**os.environ, "LEARNLOG_TODAY": TODAY}
        proc = subprocess.Popen(
            [sys.executable, "-m", "learnlog", "links", "--external", "--no-cache", "--progress", "never"],
            cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 15
            while server.hits["/hang"] == 0 and time.monotonic() < deadline and proc.poll() is None:
                time.sleep(0.05)
            assert server.hits["/hang"] >= 1, "the request never reached the server"
            sent = time.monotonic()
            proc.send_signal(signal.SIGINT)
            out, err = proc.communicate(timeout=10)
            waited = time.monotonic() - sent
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
    lines = (out + err).strip().splitlines()
    assert "Traceback" not in out + err, err[-2000:]
    assert proc.returncode == 130, f"exit {proc.returncode} after {waited:.2f} s\n{out}\n{err[-2000:]}"
    assert len(lines) == 1, f"{len(lines)} lines: {lines[:10]}"
    assert waited < 3, f"took {waited:.2f} s to stop"
