"""``learnlog schema``: the JSON Schema of the very models the check validates entries with."""

from __future__ import annotations

import json
from dataclasses import dataclass

from learnlog.diagnostics import ExitCode
from learnlog.model import Entry, Log


@dataclass(frozen=True)
class Options:
    model: str = "entry"


def run(options: Options) -> int:
    model = Log if options.model == "log" else Entry
    print(json.dumps(model.model_json_schema(), indent=2))
    return ExitCode.OK
