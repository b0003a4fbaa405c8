"""Settings: a frozen tree of dataclasses, each field with a default and help text.

Precedence, lowest first: defaults < newsweave.toml < NEWSWEAVE_<SECTION>_<KEY> environment
variables (and NEWSWEAVE_DB for the store) < `--set section.key=value` overrides.
Values are validated once, at load; a ConfigError lists every bad key at once.
Nothing here reads the environment or files at import time.
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, TypeVar

from newsweave.errors import ConfigError

__all__ = [
    "ApiSettings",
    "CompareSettings",
    "IngestSettings",
    "NlpSettings",
    "Settings",
    "StoreSettings",
    "StoriesSettings",
    "describe_settings",
    "load_settings",
]

T = TypeVar("T")


def _opt(default: T, help_text: str) -> T:
    return field(default=default, metadata={"help": help_text})


@dataclass(frozen=True, slots=True)
class IngestSettings:
    max_bytes: int = _opt(
        20_000_000,
        "Largest input (file, record or download) read, in bytes; larger is quarantined.",
    )
    min_chars: int = _opt(40, "Shortest cleaned article body kept, in characters.")
    allow_private_urls: bool = _opt(
        False, "Let URL ingestion fetch private, loopback and link-local addresses."
    )
    fetch_timeout: float = _opt(15.0, "Seconds a URL fetch may wait to connect or for data.")
    max_redirects: int = _opt(5, "Most redirects followed per URL (each one checked).")
    min_fetch_interval: float = _opt(
        1.0, "Least seconds between two requests to one host (robots.txt Crawl-delay if longer)."
    )
    respect_robots: bool = _opt(True, "Skip URLs that the site's robots.txt disallows.")
    copy_threshold: float = _opt(
        0.5,
        "Least share of 5-word shingles two articles have in common (over the shorter one) "
        "for the later to be linked as a copy of the earlier (wire copies, republications).",
    )


@dataclass(frozen=True, slots=True)
class NlpSettings:
    batch_size: int = _opt(32, "Articles annotated together (spaCy batches them).")
    n_threads: int = _opt(1, "Threads the sentence encoder may use.")


@dataclass(frozen=True, slots=True)
class StoriesSettings:
    threshold: float = _opt(
        0.30,
        "Least score of an article against a story (its mean similarity to the story's "
        "articles in lead vector, TF-IDF terms, names and numbers, less a time-gap penalty) "
        "for it to join rather than open one.",
    )
    window_days: float = _opt(
        10.0,
        "Days outside a story's publication span during which new articles may still join it.",
    )


@dataclass(frozen=True, slots=True)
class CompareSettings:
    align_threshold: float = _opt(
        0.78,
        "Least alignment score (static-vector cosine plus 0.08 per shared person, number or "
        "date) for two sentences of different sources to count as one claim.",
    )
    brief_sentences: int = _opt(8, "Most sentences in a story's brief (at least 5 when possible).")
    cached_stories: int = _opt(
        2000,
        "Most stories whose compare cache (claim spans and pair judgements, about 100 KB an "
        "article) is kept for their next comparison; the least recently compared lose theirs "
        "first and are compared from scratch, to the same report.",
    )
    cross_encoder: bool = _opt(
        False,
        "Let the MiniLM cross-encoder decide the story's sentence pairs the static classifier "
        "is unsure of (MRPC dev F1 0.888 instead of 0.836, but a 3-outlet story costs about "
        "1.9x the CPU). `compare_sentences` and `newsweave compare` always use it.",
    )


@dataclass(frozen=True, slots=True)
class StoreSettings:
    db: str = _opt("newsweave.db", "SQLite file path or a postgresql:// URL.")
    batch_size: int = _opt(64, "Articles written per transaction during ingest.")
    exact_search_below: int = _opt(
        100_000,
        "Stories below which related-story search is exact; from there on it uses an IVF "
        "index over 8-bit vectors (384 bytes a story).",
    )


@dataclass(frozen=True, slots=True)
class ApiSettings:
    token: str = _opt(
        "",
        "Bearer token that `POST /api/articles` requires (env NEWSWEAVE_API_TOKEN); "
        "empty means writes are refused.",
    )
    protect_reads: bool = _opt(False, "Require the bearer token on read endpoints too.")
    max_body_bytes: int = _opt(
        5_000_000, "Largest request body the API accepts, in bytes; larger gets 413."
    )
    reads_per_minute: int = _opt(
        1200,
        "GET requests one client address may make per minute (bursts of a quarter); 0 = no limit.",
    )
    writes_per_minute: int = _opt(
        60,
        "POST requests one client address may make per minute (bursts of a quarter); 0 = no limit.",
    )


@dataclass(frozen=True, slots=True)
class Settings:
    ingest: IngestSettings = field(default_factory=IngestSettings)
    nlp: NlpSettings = field(default_factory=NlpSettings)
    stories: StoriesSettings = field(default_factory=StoriesSettings)
    compare: CompareSettings = field(default_factory=CompareSettings)
    store: StoreSettings = field(default_factory=StoreSettings)
    api: ApiSettings = field(default_factory=ApiSettings)


def describe_settings() -> list[tuple[str, str, object, str]]:
    """Every setting as (key, type, default, help), for docs and `newsweave config`."""
    rows: list[tuple[str, str, object, str]] = []
    defaults = Settings()
    for section in fields(Settings):
        section_default = getattr(defaults, section.name)
        for item in fields(section_default):
            rows.append(
                (
                    f"{section.name}.{item.name}",
                    str(item.type),
                    getattr(section_default, item.name),
                    item.metadata["help"],
                )
            )
    return rows


def load_settings(
    *,
    path: str | Path | None = None,
    env: Mapping[str, str] | None = None,
    overrides: Iterable[str] = (),
) -> Settings:
    """Build Settings from defaults, an optional TOML file, the environment and overrides.

    Args:
        path: a newsweave.toml; when None, ./newsweave.toml is read if it exists.
        env: the environment to read NEWSWEAVE_* variables from (pass os.environ).
        overrides: "section.key=value" strings, highest precedence.

    Raises:
        ConfigError: naming every unknown key and every value of the wrong type.
    """
    raw: dict[str, dict[str, Any]] = {}
    errors: list[str] = []
    toml_path = Path(path) if path is not None else Path("newsweave.toml")
    if path is not None or toml_path.exists():
        _merge(raw, _read_toml(toml_path), errors, origin=str(toml_path))
    if env is not None:
        _merge(raw, _from_env(env), errors, origin="environment")
    _merge(raw, _from_overrides(overrides, errors), errors, origin="--set")
    settings = _build(raw, errors)
    if errors:
        raise ConfigError(
            "invalid settings: " + "; ".join(errors),
            hint="see `newsweave config` for every key, its type and default",
        )
    return settings


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read settings file {path}: {exc}") from exc


def _from_env(env: Mapping[str, str]) -> dict[str, Any]:
    known = {key for key, *_ in describe_settings()}
    found: dict[str, dict[str, Any]] = {}
    if "NEWSWEAVE_DB" in env:
        found.setdefault("store", {})["db"] = env["NEWSWEAVE_DB"]
    for name, value in env.items():
        if not name.startswith("NEWSWEAVE_") or name == "NEWSWEAVE_DB":
            continue
        key = name.removeprefix("NEWSWEAVE_").lower()
        section, _, rest = key.partition("_")
        if f"{section}.{rest}" in known:
            found.setdefault(section, {})[rest] = value
    return found


def _from_overrides(overrides: Iterable[str], errors: list[str]) -> dict[str, Any]:
    found: dict[str, dict[str, Any]] = {}
    for item in overrides:
        key, sep, value = item.partition("=")
        section, dot, name = key.strip().partition(".")
        if not sep or not dot:
            errors.append(f"override {item!r} is not section.key=value")
            continue
        found.setdefault(section, {})[name] = value.strip()
    return found


def _merge(
    into: dict[str, dict[str, Any]], new: Mapping[str, Any], errors: list[str], *, origin: str
) -> None:
    for section, values in new.items():
        if not isinstance(values, Mapping):
            errors.append(f"{origin}: {section} is not a section")
            continue
        into.setdefault(section, {}).update(values)


def _build(raw: Mapping[str, Mapping[str, Any]], errors: list[str]) -> Settings:
    defaults = Settings()
    sections = {f.name for f in fields(Settings)}
    built: dict[str, Any] = {}
    for section, values in raw.items():
        if section not in sections:
            errors.append(f"unknown section {section!r}")
            continue
        default = getattr(defaults, section)
        kinds = {f.name: type(getattr(default, f.name)) for f in fields(default)}
        changes: dict[str, Any] = {}
        for key, value in values.items():
            if key not in kinds:
                errors.append(f"unknown key {section}.{key}")
                continue
            try:
                changes[key] = _coerce(value, kinds[key])
            except ValueError:
                errors.append(f"{section}.{key}={value!r} is not a {kinds[key].__name__}")
        built[section] = dataclasses.replace(default, **changes)
    return Settings(**built)


def _coerce(value: Any, kind: type) -> Any:
    if isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
        return value
    if not isinstance(value, str):
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        raise ValueError(value)
    if kind is bool:
        lowered = value.lower()
        if lowered in {"1", "true", "yes", "on"}:
            return True
        if lowered in {"0", "false", "no", "off"}:
            return False
        raise ValueError(value)
    return kind(value)
