"""The command line's help: every option of every command says what it does, in the words the
rest of the documentation uses. (That every command has an ``Example:`` epilog is
tests/check/test_command.py's.)"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator

from learnlog.cli import COMMANDS, build_parser

# How the help writes these words; a lower-case choice value (``--format json``) is not prose.
PROPER = ("BOM", "CRLF", "README", "Markdown", "JSON")
WORD = re.compile(r"(?<![\w./$-])(" + "|".join(PROPER) + r")(?![\w-]|\.\w)", re.I)


def subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def options(child: argparse.ArgumentParser) -> Iterator[argparse.Action]:
    for action in child._actions:
        if not isinstance(action, argparse._HelpAction):
            yield action


def help_texts() -> Iterator[tuple[str, str, frozenset[str]]]:
    """(where, text, choice values allowed in it) for every help string a user reads."""
    for command in COMMANDS:
        yield command.name, command.help, frozenset()
    for name, child in subcommands().items():
        yield name, child.description or "", frozenset()
        for action in options(child):
            where = f"{name} {'/'.join(action.option_strings) or action.dest}"
            yield where, action.help or "", frozenset(str(c) for c in action.choices or ())


def miswritten(text: str, choices: frozenset[str]) -> list[str]:
    return [m[0] for m in WORD.finditer(text) if m[0] not in PROPER and m[0] not in choices]


def test_every_option_of_every_command_has_help() -> None:
    missing = [
        f"{name} {'/'.join(action.option_strings) or action.dest}"
        for name, child in subcommands().items()
        for action in options(child)
        if not (action.help or "").strip() or action.help == argparse.SUPPRESS
    ]
    assert missing == []
    assert len(subcommands()) == len(COMMANDS)


def test_help_writes_bom_crlf_readme_markdown_json_capitalised() -> None:
    wrong = {where: found for where, text, choices in help_texts() if (found := miswritten(text, choices))}
    assert wrong == {}


def test_the_capitalisation_check_sees_a_lower_case_word() -> None:
    assert miswritten("removes the bom and crlf; Markdown and a readme", frozenset()) == ["bom", "crlf", "readme"]
    assert miswritten("markdown: the single-file log; json: the model", frozenset({"markdown", "json"})) == []
    assert miswritten("write README.md or log.json (see docs/json)", frozenset()) == []
