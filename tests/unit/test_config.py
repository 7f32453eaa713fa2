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


@pytest.mark.parametrize(
    ("text", "key", "char"),
    [
        ('db_key = "abcdefgh\\u0000ij"\n', "db_key", "U+0000"),
        ('database_url = "sqlite:////tmp/a\\u000b.db"\n', "database_url", "U+000B"),
        ('site_name = "Main\\u0000St"\n', "site_name", "U+0000"),
        ('printer = "Front\\u001bDesk"\n', "printer", "U+001B"),
        ('emergency_number = "91\\u00001"\n', "emergency_number", "U+0000"),
        ('content_dir = "/srv/\\u0007content"\n', "content_dir", "U+0007"),
        ('languages = ["en", "e\\u0000s"]\n', "languages", "U+0000"),
        ('[crisis_message]\nen = "Tell\\u0000Ana"\nes = "Dile"\n', "crisis_message.en", "U+0000"),
    ],
)
def test_a_control_character_in_any_setting_is_one_line_naming_the_key(tmp_path, text, key, char):
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, text))
    message = str(caught.value)
    assert message == f"{tmp_path / 'site.toml'}: {key} holds a control character ({char}); remove it"
    assert "abcdefgh" not in message  # never the key itself


def test_a_crisis_message_may_break_lines(tmp_path):
    config = load_config(write(tmp_path, 'crisis_message = """Tell Ana at the desk.\nOr call 988."""\n'))
    assert config.crisis_text("es") == "Tell Ana at the desk.\nOr call 988."


@pytest.mark.parametrize(("value", "words"), [("x", "at least 8"), ("abcdefgh\x0b", r"U\+000B")])
def test_the_key_rules_apply_to_the_environment_too(monkeypatch, value, words):
    monkeypatch.setenv("DECISIONAID_DB_KEY", value)
    with pytest.raises(ConfigError, match=words) as caught:
        load_config()
    assert str(caught.value).startswith("DECISIONAID_DB_KEY ")


def test_the_key_rules_apply_to_every_other_way_a_config_is_made():
    from dataclasses import replace

    with pytest.raises(ConfigError, match="db_key must be a text of at least 8 characters"):
        replace(Config(), db_key="short")
    with pytest.raises(ConfigError, match="relative path"):
        Config(database_url="sqlite:///here.db")


@pytest.mark.parametrize("url", ["sqlite:///relative.db", "sqlite:///data/visits.db?mode=rwc", "sqlite:///~/x.db"])
def test_a_relative_sqlite_path_is_refused_with_the_absolute_one(tmp_path, monkeypatch, url):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, f'database_url = "{url}"\n'))
    message = str(caught.value)
    assert "relative path" in message and "\n" not in message
    assert "give the absolute path: sqlite:////" in message


def test_a_relative_sqlite_path_from_the_environment_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DECISIONAID_DATABASE_URL", "sqlite:///relative.db")
    with pytest.raises(ConfigError) as caught:
        load_config()
    assert str(caught.value) == (
        "DECISIONAID_DATABASE_URL names a relative path (relative.db), which changes with the folder a "
        f"command runs in; give the absolute path: sqlite:///{tmp_path / 'relative.db'}"
    )


def test_an_absolute_sqlite_path_and_postgresql_are_accepted(tmp_path):
    config = load_config(write(tmp_path, f'database_url = "sqlite:///{tmp_path}/visits.db"\n'))
    assert config.database_url == f"sqlite:///{tmp_path}/visits.db"


def test_a_config_file_that_is_not_utf8_is_one_line(tmp_path):
    path = tmp_path / "site.toml"
    path.write_bytes(b'site_name = "\xff"\n')
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_config(path)


def test_a_command_with_a_nul_in_the_key_exits_2_without_a_traceback(tmp_path):
    import subprocess
    import sys

    path = write(tmp_path, 'db_key = "abcdefgh\\u0000ij"\n')
    path.chmod(0o600)
    result = subprocess.run([sys.executable, "-m", "decisionaid", "db", "status", "--config", str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip().endswith("db_key holds a control character (U+0000); remove it")
