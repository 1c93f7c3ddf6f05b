"""The package's shape, checked: small functions and modules, no grab-bag modules, third-party
parsers and git behind one family each, and one shape for every command module."""

from __future__ import annotations

import ast
import dataclasses
import importlib
import inspect
import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from learnlog.cli import COMMANDS

PROJECT = Path(__file__).resolve().parents[1]
PACKAGE = PROJECT / "hooks" / "learnlog"
BIN = Path(sys.executable).parent
MAX_COMPLEXITY = 15
MAX_MODULE_LINES = 400

# Functions over MAX_COMPLEXITY today, as "module path: qualified name". Do not add to this set:
# split the function instead. Remove an entry once its function is back under the limit.
KNOWN_COMPLEX: set[str] = set()


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _rel(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


def _functions(block: dict[str, Any], prefix: str = "") -> Iterator[tuple[str, int]]:
    """(qualified name, complexity) of a radon block's functions, methods and closures."""
    name = str(block["name"])
    if block["type"] == "method":
        name = f"{block['classname']}.{name}"
    qualified = f"{prefix}{name}"
    if block["type"] != "class":
        yield qualified, int(block["complexity"])
    for closure in block.get("closures", []):
        yield from _functions(closure, qualified + ".")


def _complexities() -> dict[str, int]:
    proc = subprocess.run(
        [BIN / "radon", "cc", "--json", str(PACKAGE)], cwd=PROJECT, capture_output=True, text=True, check=True
    )
    found = {}
    for filename, blocks in json.loads(proc.stdout).items():
        assert isinstance(blocks, list), f"radon could not read {filename}: {blocks}"
        for block in blocks:  # methods are listed at the top level as well as in their class
            for name, complexity in _functions(block):
                found[f"{_rel(PROJECT / filename)}: {name}"] = complexity
    return found


def _defines_functions(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return any(isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef) for n in ast.walk(tree))


def test_radon_sees_the_whole_package() -> None:
    """A control for the complexity test: radon reads every module, methods and closures too."""
    found = _complexities()
    assert {name.split(":")[0] for name in found} == {_rel(p) for p in _modules() if _defines_functions(p)}
    assert "files.py: SafeReader.read" in found
    assert "links/external.py: periodic_progress.show" in found


def test_no_new_function_over_the_complexity_limit() -> None:
    over = {name: c for name, c in _complexities().items() if c > MAX_COMPLEXITY}
    new = {name: c for name, c in over.items() if name not in KNOWN_COMPLEX}
    assert new == {}, f"cyclomatic complexity over {MAX_COMPLEXITY} (radon cc): split these functions"


def test_no_module_over_the_line_limit() -> None:
    lengths = {_rel(p): len(p.read_text(encoding="utf-8").splitlines()) for p in _modules()}
    assert {m: n for m, n in lengths.items() if n > MAX_MODULE_LINES} == {}


def test_no_utils_module() -> None:
    """A module named for what it is, not a grab bag."""
    found = [p for folder in ("hooks", "tests", "bench") for p in (PROJECT / folder).rglob("utils.py")]
    assert found == []


def _imported_roots(path: Path) -> set[str]:
    """Top-level names of every absolute import in the module, including lazy imports in functions."""
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def _in_markdown_family(rel: str) -> bool:
    return rel.startswith("markdown/")


def _git_module(rel: str) -> bool:
    return rel == "generate/gitdates.py" or Path(rel).name.startswith("git")


# (third-party package, where it may be imported, what that place is)
IMPORT_RULES = [
    ("markdown_it", _in_markdown_family, "learnlog/markdown/"),
    ("mdit_py_plugins", _in_markdown_family, "learnlog/markdown/"),
    ("git", _git_module, "generate/gitdates.py or a git*.py module"),
]


@pytest.mark.parametrize(("package", "allowed", "where"), IMPORT_RULES, ids=[r[0] for r in IMPORT_RULES])
def test_third_party_imports_stay_in_their_family(package: str, allowed: Callable[[str], bool], where: str) -> None:
    importers = {_rel(p) for p in _modules() if package in _imported_roots(p)}
    assert importers, f"nothing imports {package}: the rule checks nothing"
    assert {m for m in importers if not allowed(m)} == set(), f"{package} may only be imported in {where}"


def test_the_markdown_family_does_not_import_mdformat() -> None:
    """Parsing reads Markdown; only the generators format it."""
    assert "mdformat" in _imported_roots(PACKAGE / "generate" / "render.py")  # control: the scan sees it
    importers = {_rel(p) for p in _modules() if _in_markdown_family(_rel(p)) and "mdformat" in _imported_roots(p)}
    assert importers == set()


@pytest.mark.parametrize("module_name", sorted({c.module for c in COMMANDS}))
def test_command_modules_expose_frozen_options_and_run(module_name: str) -> None:
    module = importlib.import_module(module_name)
    options = getattr(module, "Options", None)
    assert options is not None and dataclasses.is_dataclass(options), f"{module_name}.Options is not a dataclass"
    assert options.__dataclass_params__.frozen, f"{module_name}.Options is not frozen"
    run = getattr(module, "run", None)
    assert callable(run)
    assert list(inspect.signature(run).parameters) == ["options"]
