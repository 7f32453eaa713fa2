"""The backup_keep setting: how many nightly backups stay in the data folder."""

from __future__ import annotations

import pytest

from decisionaid.config import load_config
from decisionaid.errors import ConfigError


@pytest.fixture(autouse=True)
def no_site_config(monkeypatch, tmp_path):
    for name in ("DECISIONAID_CONFIG", "DECISIONAID_DATABASE_URL", "DECISIONAID_DB_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))


def test_seven_are_kept_unless_the_site_says(tmp_path):
    assert load_config().backup_keep == 7
    path = tmp_path / "site.toml"
    path.write_text("backup_keep = 30\n", encoding="utf-8")
    assert load_config(path).backup_keep == 30


@pytest.mark.parametrize("value", ["0", "366", '"7"', "true", "2.5"])
def test_a_bad_count_is_one_line(tmp_path, value):
    path = tmp_path / "site.toml"
    path.write_text(f"backup_keep = {value}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value).startswith(f"{path}: backup_keep must be a whole number from 1 to 365")
