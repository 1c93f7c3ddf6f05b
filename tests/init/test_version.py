"""One version: ``learnlog.__version__`` is what the package metadata, ``--version`` and the
``rev:`` that init writes all say."""

from __future__ import annotations

import tomllib
from importlib.metadata import version
from pathlib import Path

import learnlog
from learnlog.init.command import Options
from tests.helpers import CliRunner


def test_version_has_one_source(cli: CliRunner, tmp_path: Path) -> None:
    pyproject = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in pyproject["project"] and pyproject["project"]["dynamic"] == ["version"]
    assert pyproject["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "learnlog.__version__"}
    assert version("learnlog") == learnlog.__version__
    result = cli("--version", cwd=tmp_path)
    assert (result.code, result.out.strip()) == (0, f"learnlog {learnlog.__version__}")
    assert Options().hooks_rev == f"v{learnlog.__version__}"
