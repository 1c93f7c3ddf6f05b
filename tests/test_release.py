"""Publishing: the package builds and installs from its artifacts, every published hook works
through ``pre-commit try-repo``, and the README's hook snippet names the release it says."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

import learnlog
from learnlog.init.command import Options
from tests.helpers import write
from tests.hookrepo import PROJECT, snapshot_hook_repo

VERSION = learnlog.__version__
TEMPLATES = sorted(p.name for p in (PROJECT / "hooks" / "learnlog" / "init" / "templates").glob("*.yml"))
HOOK_IDS = [h["id"] for h in yaml.safe_load((PROJECT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))]
SNIPPET_SECTION = "## Using the hooks from another repository"
PLACEHOLDER = "0" * 40
# What the release does once the release commit is tagged (GNU sed): the README's frozen rev
# becomes the tag's commit.
FREEZE = 'sed -i -E "s/^(    rev: )[0-9a-f]{{40}}(  # frozen: v{v})$/\\1$(git rev-parse v{v}^{{commit}})\\2/" README.md'


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)


# --- build and install --------------------------------------------------------------------


@pytest.mark.slow
def test_sdist_and_wheel_build_and_the_wheel_installs_and_runs(tmp_path: Path) -> None:
    src = tmp_path / "src"  # what the package is made of, so the build leaves the checkout alone
    snapshot_hook_repo(src)
    dist = tmp_path / "dist"
    # No --sdist/--wheel: build makes the sdist, then the wheel from the sdist, which proves the
    # sdist is complete. No isolation: setuptools comes from the test extra, nothing is fetched.
    built = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(dist), str(src)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert built.returncode == 0, built.stdout + built.stderr
    sdist, wheel = dist / f"learnlog-{VERSION}.tar.gz", dist / f"learnlog-{VERSION}-py3-none-any.whl"
    assert sorted(dist.iterdir()) == sorted([sdist, wheel])
    with tarfile.open(sdist) as archive:
        in_sdist = set(archive.getnames())
    base = f"learnlog-{VERSION}/hooks/learnlog"
    assert {f"{base}/py.typed", *(f"{base}/init/templates/{t}" for t in TEMPLATES)} <= in_sdist
    with zipfile.ZipFile(wheel) as archive:
        in_wheel = set(archive.namelist())
    assert {"learnlog/py.typed", *(f"learnlog/init/templates/{t}" for t in TEMPLATES)} <= in_wheel
    assert len(TEMPLATES) == 3

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    pip = [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", "--no-index", str(wheel)]
    installed = subprocess.run(pip, capture_output=True, text=True, timeout=300)
    assert installed.returncode == 0, installed.stderr
    # The dependencies come from this test environment, appended after the venv's own
    # site-packages (a plain path: its .pth files, among them the editable learnlog, are not read).
    purelib = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    deps = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (Path(purelib) / "learnlog_test_deps.pth").write_text("\n".join(sorted(deps)) + "\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    work = tmp_path / "work"
    work.mkdir()

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(args, cwd=work, env=env, capture_output=True, text=True, timeout=120)

    where = run(str(python), "-c", "import learnlog; print(learnlog.__file__)")
    assert Path(where.stdout.strip()).is_relative_to(Path(purelib)), where.stdout + where.stderr
    version = run(str(venv / "bin" / "learnlog"), "--version")
    assert (version.returncode, version.stdout.strip()) == (0, f"learnlog {VERSION}"), version.stderr
    rules = run(str(venv / "bin" / "learnlog"), "rules")
    assert rules.returncode == 0 and "LL104" in rules.stdout, rules.stderr
    # init reads the workflow templates from the installed package data.
    _git(work, "init", "-q", "-b", "main")
    init = run(str(venv / "bin" / "learnlog"), "init")
    assert init.returncode == 0, init.stdout + init.stderr
    workflows = work / ".github" / "workflows"
    assert sorted(p.name for p in workflows.iterdir()) == TEMPLATES
    assert all(
        f"learnlog @ git+https://github.com/OWNER/learnlog@v{VERSION}" in (workflows / t).read_text() for t in TEMPLATES
    )


# --- every published hook through pre-commit try-repo ----------------------------------------

GOOD_ENTRY = "# Sep 10, 2024: Right day\n\n## Topic\n\n- It’s fine; see [the day before](2024-09-09.md)\n"


@dataclass
class HookCase:
    """A log with one bad entry (2024-09-09) and one good one (2024-09-10) for a hook."""

    bad: str
    diagnostic: str
    files: bool = True  # False: the hook checks the whole repository (--all-files)
    repaired: str | None = None  # what the hook itself writes to the bad entry
    fixed_by_hand: str | None = None  # the bad entry once the user fixes it


CASES = {
    "learnlog-fix": HookCase(
        bad="# Sep 9, 2024\n\n- Itâ€™s popular; keep `Itâ€™s` in code.\n",
        diagnostic='log/2024/2024-09-09.md:3:3: LL302 fixed mojibake "Itâ€™s" -> "It’s" (sloppy-windows-1252 -> utf-8)',
        repaired="# Sep 9, 2024\n\n- It’s popular; keep `Itâ€™s` in code.\n",
    ),
    "learnlog-check": HookCase(
        bad="# Sep 10, 2024: Wrong day\n\n- note\n",
        diagnostic="log/2024/2024-09-09.md:1:3: LL104 heading date 2024-09-10 differs from the file name date 2024-09-09",
    ),
    "learnlog-links": HookCase(
        bad="# Sep 9, 2024: Day\n\n## Topic\n\n- see [the next day](2024-09-11.md)\n",
        diagnostic="log/2024/2024-09-09.md:5:7: LL201 link target '2024-09-11.md' does not exist",
        files=False,
        fixed_by_hand="# Sep 9, 2024: Day\n\n## Topic\n\n- see [the next day](2024-09-10.md#topic)\n",
    ),
}


def test_every_published_hook_has_a_try_repo_case() -> None:
    assert sorted(CASES) == sorted(HOOK_IDS)
    hooks = {h["id"]: h for h in yaml.safe_load((PROJECT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert [h for h, c in CASES.items() if c.files != hooks[h].get("pass_filenames", True)] == []


def _try_repo(root: Path, hook_repo: tuple[Path, str], hook: str, *selection: str) -> tuple[int, str]:
    path, sha = hook_repo
    _git(root, "add", "-A")
    proc = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(path), hook, "--ref", sha, "--color", "never", *selection],
        cwd=root, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    return proc.returncode, proc.stdout + proc.stderr


@pytest.mark.slow
@pytest.mark.parametrize("hook", HOOK_IDS)
def test_published_hook_fails_the_bad_entry_and_passes_the_good_one(
    hook: str, tmp_path: Path, hook_repo: tuple[Path, str]
) -> None:
    case = CASES[hook]
    root = tmp_path / "notes"  # a repository of its own, not this project
    _git(tmp_path, "init", "-q", "-b", "main", str(root))
    write(root, "pyproject.toml", '[tool.learnlog]\ndate_style = "mdy"\n')
    bad = write(root, "log/2024/2024-09-09.md", case.bad)
    good = write(root, "log/2024/2024-09-10.md", GOOD_ENTRY)
    on_bad = ("--files", "log/2024/2024-09-09.md") if case.files else ("--all-files",)
    on_good = ("--files", "log/2024/2024-09-10.md") if case.files else ("--all-files",)

    code, output = _try_repo(root, hook_repo, hook, *on_bad)
    assert code == 1, output
    assert case.diagnostic in output.splitlines(), output
    assert bad.read_text(encoding="utf-8") == (case.repaired or case.bad)
    if case.fixed_by_hand:
        write(root, "log/2024/2024-09-09.md", case.fixed_by_hand)

    code, output = _try_repo(root, hook_repo, hook, *on_good)
    assert code == 0, output
    assert "Passed" in output
    assert good.read_text(encoding="utf-8") == GOOD_ENTRY


# --- the README's frozen rev -------------------------------------------------------------------


def _snippet(readme: str | None = None) -> str:
    if readme is None:
        readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    section = readme.split(SNIPPET_SECTION, 1)[1].split("\n## ", 1)[0]
    match = re.search(r"```yaml\n(.*?)```", section, re.DOTALL)
    assert match, f"no YAML snippet in {SNIPPET_SECTION!r}"
    return match.group(1)


def _frozen_rev(snippet: str) -> tuple[str, str]:
    """(sha, version) of the learnlog entry's ``rev: <sha>  # frozen: v<version>`` line."""
    match = re.search(r"- repo: https://github\.com/OWNER/learnlog\n +rev: (\S+)(.*)\n", snippet)
    assert match, snippet
    sha, comment = match.groups()
    assert re.fullmatch(r"[0-9a-f]{40}", sha), f"rev {sha!r} is not a full commit SHA"
    frozen = re.fullmatch(r"  # frozen: v(\d+\.\d+\.\d+)", comment)
    assert frozen, f"rev comment {comment!r} is not '  # frozen: vX.Y.Z'"
    return sha, frozen.group(1)


def _release_problems(root: Path, sha: str) -> list[str]:
    """Why ``sha`` is not a commit of ``root`` that publishes this working tree's hooks."""
    if _git(root, "cat-file", "-e", f"{sha}^{{commit}}").returncode != 0:
        return [f"{sha} is not a commit of this repository"]
    if _git(root, "merge-base", "--is-ancestor", sha, "HEAD").returncode != 0:
        return [f"{sha} is not in the history of HEAD"]
    manifest = _git(root, "show", f"{sha}:.pre-commit-hooks.yaml")
    if manifest.returncode != 0:
        return [f"{sha} has no .pre-commit-hooks.yaml"]
    ids = [h["id"] for h in yaml.safe_load(manifest.stdout)]
    return [] if ids == HOOK_IDS else [f"{sha} publishes {ids}, the working tree {HOOK_IDS}"]


def test_readme_rev_is_frozen_at_this_version() -> None:
    _, version = _frozen_rev(_snippet())
    assert version == VERSION
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    assert f'"learnlog @ git+https://github.com/OWNER/learnlog@v{VERSION}"' in readme
    # learnlog init writes the tag (pre-commit accepts one); the README the tag's commit.
    assert Options().hooks_rev == f"v{version}"


def test_readme_mdformat_entry_matches_this_repositorys_pins() -> None:
    snippet = yaml.safe_load(_snippet())
    entry = next(r for r in snippet["repos"] if r["repo"] == "https://github.com/hukkin/mdformat")
    config = yaml.safe_load((PROJECT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    ours = next(h for r in config["repos"] for h in r["hooks"] if h["id"] == "mdformat")
    assert [h["id"] for h in entry["hooks"]] == ["mdformat"]
    assert [f"mdformat=={entry['rev']}", *entry["hooks"][0]["additional_dependencies"]] == ours[
        "additional_dependencies"
    ]


def test_mdformat_without_the_front_matter_plugin_breaks_front_matter_as_the_readme_says(tmp_path: Path) -> None:
    entry = write(tmp_path, "entry.md", "---\ntags: [llm]\n---\n\n# Sep 20, 2024: LoRA\n")
    mdformat = Path(sys.executable).parent / "mdformat"
    subprocess.run([mdformat, "--extensions", "gfm", entry], check=True)
    assert entry.read_text(encoding="utf-8").startswith(
        "______________________________________________________________________\n\n## tags: [llm]\n"
    )
    write(tmp_path, "entry.md", "---\ntags: [llm]\n---\n\n# Sep 20, 2024: LoRA\n")
    subprocess.run([mdformat, "--extensions", "gfm", "--extensions", "frontmatter", entry], check=True)
    assert entry.read_text(encoding="utf-8") == "---\ntags: [llm]\n---\n\n# Sep 20, 2024: LoRA\n"


def test_readme_rev_names_a_commit_that_publishes_these_hooks() -> None:
    top = _git(PROJECT, "rev-parse", "--show-toplevel")
    if top.returncode != 0 or Path(top.stdout.strip()).resolve() != PROJECT:
        pytest.skip("the project is not a git checkout: the README's rev cannot be looked up")
    if _git(PROJECT, "rev-parse", "--is-shallow-repository").stdout.strip() == "true":
        pytest.skip("the project is a shallow clone: the README's rev may be outside the fetched history")
    sha, version = _frozen_rev(_snippet())
    hint = f"tag the release commit v{version}, then: {FREEZE.format(v=version)}"
    assert sha != PLACEHOLDER, f"README rev is still the placeholder; {hint}"
    assert _release_problems(PROJECT, sha) == [], hint


def test_freeze_command_and_release_check_on_a_real_repository(tmp_path: Path) -> None:
    """The check passes on a tagged commit that publishes these hooks, after the FREEZE command
    wrote its SHA into the README, and fails on the placeholder and on an older manifest."""
    root = tmp_path / "release"
    _git(tmp_path, "init", "-q", "-b", "main", str(root))
    env = ("-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false")
    manifest = (PROJECT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    older = yaml.safe_dump(yaml.safe_load(manifest)[:-1])
    write(root, ".pre-commit-hooks.yaml", older)
    assert _git(root, "add", "-A").returncode == 0
    assert _git(root, *env, "commit", "-q", "-m", "older").returncode == 0
    old = _git(root, "rev-parse", "HEAD").stdout.strip()
    write(root, ".pre-commit-hooks.yaml", manifest)
    write(root, "README.md", (PROJECT / "README.md").read_text(encoding="utf-8"))
    assert _git(root, "add", "-A").returncode == 0
    assert _git(root, *env, "commit", "-q", "-m", "release").returncode == 0
    assert _git(root, "tag", f"v{VERSION}").returncode == 0
    release = _git(root, "rev-parse", "HEAD").stdout.strip()
    assert _git(root, "checkout", "-q", "-b", "side").returncode == 0
    assert _git(root, *env, "commit", "-q", "--allow-empty", "-m", "elsewhere").returncode == 0
    side = _git(root, "rev-parse", "HEAD").stdout.strip()
    assert _git(root, "checkout", "-q", "main").returncode == 0

    assert _release_problems(root, PLACEHOLDER) == [f"{PLACEHOLDER} is not a commit of this repository"]
    assert _release_problems(root, side) == [f"{side} is not in the history of HEAD"]
    assert _release_problems(root, old) == [f"{old} publishes {HOOK_IDS[:-1]}, the working tree {HOOK_IDS}"]
    freeze = subprocess.run(["bash", "-c", FREEZE.format(v=VERSION)], cwd=root, capture_output=True, text=True)
    assert freeze.returncode == 0, freeze.stderr
    sha, version = _frozen_rev(_snippet((root / "README.md").read_text(encoding="utf-8")))
    assert (sha, version) == (release, VERSION)
    assert _release_problems(root, sha) == []
