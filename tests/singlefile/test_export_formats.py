"""``learnlog export --format json|csv``: JSON valid against ``learnlog schema --model log``."""

from __future__ import annotations

import csv
import io
import json

import git
import jsonschema

from learnlog.model import Log
from tests.helpers import SEED, CliRunner, root_of, write


def test_json_validates_against_the_log_schema(repo: git.Repo, cli: CliRunner) -> None:
    root = root_of(repo)
    assert cli("import", str(SEED), cwd=root).code == 0
    write(root, "log/2024/2024-09-20.md", "---\ntags: [llm, rag]\n---\n\n# Sep 20, 2024: Tags\n\n## T\n\n- [x] done\n")
    schema = json.loads(cli("schema", "--model", "log", cwd=root).out)
    result = cli("export", "--format", "json", cwd=root)
    assert result.code == 0
    data = json.loads(result.out)
    jsonschema.validate(data, schema)
    assert list(data["entries"]) == ["2024-09-09", "2024-09-10", "2024-09-12", "2024-09-18", "2024-09-20"]
    assert data["entries"]["2024-09-20"]["tags"] == ["llm", "rag"]
    assert data["entries"]["2024-09-20"]["tasks"][0]["done"] is True
    assert data["backlog"]["path"] == "log/backlog.md"
    assert Log.model_validate(data).entries.keys() == Log.model_validate(data).entries.keys()
    broken = json.loads(result.out)
    broken["entries"]["2024-09-20"]["tags"] = "llm"
    try:
        jsonschema.validate(broken, schema)
    except jsonschema.ValidationError:
        pass
    else:
        raise AssertionError("the schema should reject tags that are not an array")


def test_csv_rows(repo: git.Repo, cli: CliRunner) -> None:
    root = root_of(repo)
    write(
        root,
        "log/2024/2024-09-20.md",
        '---\ntags: [llm, c++]\n---\n\n# Sep 20, 2024: T "q"\n\n## [Topic](https://t.example)\n\n- [ ] open\n',
    )
    assert cli("export", "--format", "csv", "-o", "out.csv", cwd=root).code == 0
    rows = list(csv.DictReader(io.StringIO((root / "out.csv").read_text(encoding="utf-8"))))
    assert [(r["kind"], r["text"], r["url"], r["done"]) for r in rows] == [
        ("entry", 'T "q"', "", ""),
        ("tag", "llm", "", ""),
        ("tag", "c++", "", ""),
        ("topic", "Topic", "https://t.example", ""),
        ("link", "Topic", "https://t.example", ""),
        ("task", "open", "", "false"),
    ]
    assert {r["date"] for r in rows} == {"2024-09-20"}
