"""Front matter as data, read with limits: the one YAML reader the check and the generators share.

Entries carry a few tags, so the reader refuses what no entry needs and an attacker would use:
aliases (a "billion laughs" alias bomb takes gigabytes) and blocks over a few kilobytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

MAX_FRONT_MATTER_CHARS = 16_384


@dataclass(frozen=True)
class FrontMatterError:
    """Why front matter cannot be read; ``line`` and ``col`` are 0-based within the block."""

    message: str
    line: int = 0
    col: int = 0


@lru_cache(maxsize=1)
def _no_alias_loader() -> type[Any]:
    import yaml

    class NoAliasLoader(yaml.SafeLoader):
        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
                raise yaml.composer.ComposerError(None, None, "aliases (*name) are not allowed in front matter", mark)
            return super().compose_node(parent, index)

    return NoAliasLoader


def read_front_matter(text: str) -> Any | FrontMatterError:
    """The YAML value of a front-matter block (``None`` when empty), or why not."""
    if len(text) > MAX_FRONT_MATTER_CHARS:
        return FrontMatterError(f"front matter is over {MAX_FRONT_MATTER_CHARS:,} characters")
    import yaml

    try:
        return yaml.load(text, Loader=_no_alias_loader())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return FrontMatterError(problem, mark.line if mark else 0, mark.column if mark else 0)
