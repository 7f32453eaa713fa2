"""Site configuration: defaults that just work, and one clear line for a bad value."""

from __future__ import annotations

import pytest

from decisionaid.config import Config, load_config
from decisionaid.errors import ConfigError


@pytest.fixture(autouse=True)
def no_site_config(monkeypatch, tmp_path):
    monkeypatch.delenv("DECISIONAID_CONFIG", raising=False)
    monkeypatch.delenv("DECISIONAID_DATABASE_URL", raising=False)
    monkeypatch.delenv("DECISIONAID_DB_KEY", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))


def write(tmp_path, text: str):
    path = tmp_path / "site.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_just_work(tmp_path):
    config = load_config()
    assert config.languages == ("en", "es")
    assert config.paper == "letter"
    assert config.idle_timeout_s == 180
    assert config.database_url.startswith("sqlite:///") and "xdg-data" in config.database_url
    assert "988" in config.crisis_text("en") and "988" in config.crisis_text("es")


def test_a_file_sets_the_site(tmp_path):
    config = load_config(
        write(tmp_path, 'site_name = "Main St"\npaper = "a4"\nidle_timeout_s = 120\nlanguages = ["en"]\n'
              'crisis_message = "Tell Ana at the desk."\ncontent_dir = "content"\n')
    )
    assert (config.site_name, config.paper, config.idle_timeout_s, config.languages) == ("Main St", "a4", 120, ("en",))
    assert config.crisis_text("en") == "Tell Ana at the desk."
    assert config.content_dir == tmp_path / "content"


def test_environment_overrides_the_database(tmp_path, monkeypatch):
    monkeypatch.setenv("DECISIONAID_DATABASE_URL", "postgresql+psycopg://u@127.0.0.1/db")
    monkeypatch.setenv("DECISIONAID_DB_KEY", "a long secret key")
    config = load_config()
    assert config.database_url == "postgresql+psycopg://u@127.0.0.1/db"
    assert config.db_key == "a long secret key"


def test_config_from_the_environment_variable(tmp_path, monkeypatch):
    monkeypatch.setenv("DECISIONAID_CONFIG", str(write(tmp_path, 'site_name = "From env"\n')))
    assert load_config().site_name == "From env"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('paper = "legal"\n', ["paper", "letter", "a4"]),
        ("idle_timeout_s = 5\n", ["idle_timeout_s", "60", "3600"]),
        ('idle_timeout_s = "3m"\n', ["idle_timeout_s"]),
        ('languages = "en"\n', ["languages", "list"]),
        ('languages = ["en", "en"]\n', ["languages", "twice"]),
        ('database_url = "mysql://x"\n', ["database_url", "sqlite:///", "postgresql"]),
        ('site_nam = "x"\n', ["site_nam", "site_name"]),
        ("[crisis_message]\nen = \"x\"\n", ["crisis_message", "'es'"]),
        ('db_key = "short"\n', ["db_key", "8"]),
        ("paper = \n", ["not valid TOML"]),
    ],
)
def test_a_bad_value_is_one_line_naming_the_key(tmp_path, text, words):
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, text))
    message = str(caught.value)
    assert "\n" not in message
    assert str(tmp_path / "site.toml") in message
    for word in words:
        assert word in message


def test_a_missing_config_file_is_named(tmp_path):
    with pytest.raises(ConfigError, match="config file not found"):
        load_config(tmp_path / "nope.toml")


def test_config_is_plain_data():
    assert Config().site_name


def test_the_default_crisis_message_uses_the_sites_emergency_number(tmp_path):
    config = load_config(write(tmp_path, 'emergency_number = "112"\n'))
    assert "112" in config.crisis_text("en") and "112" in config.crisis_text("es")
    assert "staff" in config.crisis_text("en") and "personal" in config.crisis_text("es")


@pytest.mark.parametrize("xdg", [None, "/srv/clinic"])
def test_default_folders_follow_the_xdg_rules_like_platformdirs(monkeypatch, xdg):
    """Where the database and config file live by default, with and without XDG variables."""
    import platformdirs

    from decisionaid.config import config_dir, data_dir

    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        if xdg is None:
            monkeypatch.delenv(variable, raising=False)
        else:
            monkeypatch.setenv(variable, f"{xdg}/{variable.lower()}")
    assert str(data_dir()) == platformdirs.user_data_dir("decisionaid", appauthor=False)
    assert str(config_dir()) == platformdirs.user_config_dir("decisionaid", appauthor=False)
