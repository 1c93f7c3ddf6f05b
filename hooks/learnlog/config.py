"""``[tool.learnlog]`` in ``pyproject.toml`` (or the same table at the top of ``learnlog.toml``),
validated strictly.

A typo in a config key silently doing nothing is the worst kind of config bug, so unknown keys
are errors that name the file, the key and the keys that are valid. No config at all is fine.
A repository without a ``pyproject.toml`` (a log is not a Python project) uses
``learnlog.toml``; both at once is an error, since which one wins would be a guess.
"""

from __future__ import annotations

import posixpath
import tomllib
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import ErrorDetails

from learnlog.codes import PREFIXES, is_known_pattern


def _inside_repository(value: str) -> str:
    """A path setting names a place inside the repository: relative, and not above its root."""
    normal = posixpath.normpath(value.replace("\\", "/"))
    if posixpath.isabs(normal) or normal == ".." or normal.startswith("../") or ":" in normal.split("/")[0]:
        raise ValueError(f"points outside the repository ({value!r}); give a path relative to the repository root")
    return normal


def _known_codes(value: tuple[str, ...]) -> tuple[str, ...]:
    patterns = tuple(v.strip().upper() for v in value if v.strip())
    unknown = [p for p in patterns if not is_known_pattern(p)]
    if unknown:
        raise ValueError(
            f"has an unknown code {', '.join(unknown)} (use a code like LL104 or a prefix: {', '.join(PREFIXES)})"
        )
    return patterns


RepoPath = Annotated[str, AfterValidator(_inside_repository)]
Codes = Annotated[tuple[str, ...], AfterValidator(_known_codes)]


class ConfigError(Exception):
    """A config problem a person can act on (the message says where and what)."""


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class FixConfig(_Section):
    """Options of ``learnlog fix``. Off by default: only encoding damage is repaired."""

    uncurl_quotes: bool = False
    fix_latin_ligatures: bool = False
    fix_character_width: bool = False
    normalization: Literal["NFC", "NFKC", "NFD", "NFKD"] | None = None
    remove_empty_title_colon: bool = True


class LinksConfig(_Section):
    """Options of ``learnlog links``."""

    files: tuple[str, ...] = ("README.md", "log/**/*.md", "docs/**/*.md")
    exclude: tuple[str, ...] = ()
    allow_private: bool = False
    concurrency: int = Field(default=32, ge=1, le=1024)
    per_host: int = Field(default=4, ge=1, le=1024)
    connect_timeout: float = Field(default=10.0, gt=0)
    total_timeout: float = Field(default=30.0, gt=0)
    retries: int = Field(default=3, ge=0, le=10)
    backoff: float = Field(default=0.5, ge=0)
    max_retry_after: float = Field(default=30.0, ge=0)
    max_redirects: int = Field(default=10, ge=0, le=50)
    cache_path: RepoPath = ".cache/learnlog/links.json"
    cache_ttl_hours: float = Field(default=24.0, ge=0)
    warn_status: tuple[int, ...] = (403, 999)
    accept_status: tuple[int, ...] = ()
    user_agent: str = "learnlog-linkcheck/0.1 (+https://github.com/)"

    @field_validator("exclude")
    @classmethod
    def _valid_regexes(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        import re

        for pattern in value:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"invalid regex {pattern!r}: {exc}") from None
        return value


class FeedConfig(_Section):
    """Options of ``learnlog feed``: the Atom feed of the latest entries."""

    path: RepoPath = "feed.xml"
    entries: int = Field(default=20, ge=1, le=10_000)
    title: str = "Learning log"
    author: str | None = None
    # The repository's web address (https://github.com/OWNER/NAME): entry links point there
    # and it makes the feed's ids unique; without it the git remote gives the links.
    url: str | None = None
    branch: str = "main"


class Config(_Section):
    """The whole ``[tool.learnlog]`` table."""

    log_dir: RepoPath = "log"
    date_style: Literal["mdy", "iso"] = "mdy"
    tags: tuple[str, ...] | None = None
    select: Codes = ("ALL",)
    ignore: Codes = ()
    allow_future_days: int = Field(default=0, ge=0)
    max_file_bytes: int = Field(default=1_000_000, ge=1)
    readme: RepoPath = "README.md"
    weekly_dir: RepoPath = "log/weekly"
    heatmap: RepoPath = "docs/activity.svg"
    cache_path: RepoPath = ".cache/learnlog/parse"
    feed: FeedConfig = FeedConfig()
    fix: FixConfig = FixConfig()
    links: LinksConfig = LinksConfig()


CONFIG_FILES = ("pyproject.toml", "learnlog.toml")


def find_root(start: Path) -> Path:
    """The project root: the nearest folder with ``pyproject.toml``, ``learnlog.toml`` or ``.git``
    (else start)."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if any((folder / name).is_file() for name in CONFIG_FILES) or (folder / ".git").exists():
            return folder
    return start


def _valid_keys(model: type[BaseModel], loc: tuple[int | str, ...]) -> list[str]:
    for part in loc[:-1]:
        field = model.model_fields.get(str(part))
        annotation = field.annotation if field else None
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            model = annotation
        else:
            break
    return sorted(model.model_fields)


_PLAIN = {
    "tuple_type": 'must be a list of strings, like ["a", "b"]',
    "list_type": 'must be a list of strings, like ["a", "b"]',
    "string_type": "must be a string in quotes",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "float_type": "must be a number",
    "float_parsing": "must be a number",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "model_type": "must be a table",
}


def _plain(err: ErrorDetails) -> str:
    """A config error in plain words ("a list of strings", not "a valid tuple")."""
    if err["type"] in _PLAIN:
        return _PLAIN[err["type"]]
    if err["type"] == "literal_error":
        return f"must be one of {err.get('ctx', {}).get('expected', '')}"
    message = str(err["msg"]).removeprefix("Value error, ")
    return message[0].lower() + message[1:] if message else "is not valid"


def parse_config(table: object, source: str, prefix: str = "tool.learnlog.") -> Config:
    """Validate a ``[tool.learnlog]`` table; errors name ``source``, the key and valid keys."""
    try:
        return Config.model_validate(table)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            key = ".".join(str(p) for p in err["loc"])
            if err["type"] == "extra_forbidden":
                valid = ", ".join(_valid_keys(Config, err["loc"]))
                problems.append(f"unknown key '{prefix}{key}' (valid keys: {valid})")
            else:
                problems.append(f"'{prefix}{key}' {_plain(err)}")
        raise ConfigError(f"{source}: " + "; ".join(problems)) from None


def _read_toml(path: Path) -> dict[str, object] | None:
    if not path.is_file():
        return None
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read TOML: {exc}") from None


def load_config(root: Path) -> Config:
    """``[tool.learnlog]`` of ``root/pyproject.toml`` or the whole ``root/learnlog.toml``;
    neither means defaults, both is an error."""
    pyproject = _read_toml(root / "pyproject.toml")
    tool = pyproject.get("tool") if pyproject else None
    table = tool.get("learnlog") if isinstance(tool, dict) else None
    standalone = _read_toml(root / "learnlog.toml")
    if table is not None and standalone is not None:
        raise ConfigError(
            f"{root / 'learnlog.toml'}: learnlog is also configured in [tool.learnlog] of pyproject.toml; "
            "keep one of the two"
        )
    if standalone is not None:
        if "tool" in standalone and isinstance(standalone["tool"], dict) and "learnlog" in standalone["tool"]:
            raise ConfigError(
                f"{root / 'learnlog.toml'}: in learnlog.toml the settings go at the top level, without the "
                "[tool.learnlog] header (that header is for pyproject.toml)"
            )
        config = parse_config(standalone, str(root / "learnlog.toml"), prefix="")
    elif table is not None:
        config = parse_config(table, str(root / "pyproject.toml"))
    else:
        return Config()
    _refuse_links_out(root, config, "the config")
    return config


def _refuse_links_out(root: Path, config: Config, source: str) -> None:
    """A configured folder that is a symlink out of the repository would let a command write
    outside it: refused when the config is loaded."""
    real_root = root.resolve()
    for key in ("log_dir", "readme", "weekly_dir"):
        target = (root / getattr(config, key)).resolve()
        if not target.is_relative_to(real_root):
            raise ConfigError(f"{source}: 'tool.learnlog.{key}' leads outside the repository (to {target})")
