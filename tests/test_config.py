"""Settings: defaults < newsweave.toml < environment < --set, validated once."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.config import describe_settings, load_settings
from newsweave.errors import ConfigError


def test_precedence(tmp_path: Path) -> None:
    toml = tmp_path / "newsweave.toml"
    toml.write_text('[stories]\nthreshold = 0.7\nwindow_days = 3\n[store]\ndb = "a.db"\n')
    env = {"NEWSWEAVE_STORIES_THRESHOLD": "0.8", "NEWSWEAVE_DB": "b.db"}
    settings = load_settings(path=toml, env=env, overrides=["stories.threshold=0.9"])
    assert settings.stories.threshold == 0.9
    assert settings.stories.window_days == 3.0
    assert settings.store.db == "b.db"


def test_every_bad_key_is_listed() -> None:
    with pytest.raises(ConfigError) as info:
        load_settings(overrides=["stories.threshold=x", "ingest.nope=1", "bad"])
    message = str(info.value)
    assert "stories.threshold='x' is not a float" in message
    assert "unknown key ingest.nope" in message
    assert "'bad' is not section.key=value" in message


def test_every_setting_is_documented() -> None:
    docs = (Path(__file__).parent.parent / "docs" / "settings.md").read_text(encoding="utf-8")
    for key, _, _, help_text in describe_settings():
        assert help_text
        assert f"`{key}`" in docs, f"{key} missing from docs/settings.md"


def test_settings_doc_is_current() -> None:
    from newsweave.cli.config_cmd import settings_markdown

    docs = Path(__file__).parent.parent / "docs" / "settings.md"
    assert docs.read_text(encoding="utf-8") == settings_markdown(), (
        "regenerate with: newsweave config --markdown > docs/settings.md"
    )
