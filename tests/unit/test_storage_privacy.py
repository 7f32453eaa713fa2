"""Files with health data are private: 0600 in 0700 folders, set by the code itself."""

from __future__ import annotations

import logging
import os
import stat
import tempfile
from pathlib import Path
from types import SimpleNamespace

import pytest

from decisionaid.cli import main
from decisionaid.config import load_config
from decisionaid.errors import ConfigError
from decisionaid.storage import DatabaseError, open_database
from decisionaid.storage.database import key_warning

MINI = Path(__file__).resolve().parent.parent / "data" / "mini"
KEY = "a long enough clinic key"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask():
    """The umask most desktops start with (022), so only the code can make files private."""
    before = os.umask(0o022)
    yield
    os.umask(before)


@pytest.fixture
def clean_env(monkeypatch, tmp_path):
    for name in ("DECISIONAID_DATABASE_URL", "DECISIONAID_DB_KEY", "DECISIONAID_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))


@pytest.mark.parametrize("key", [None, KEY])
def test_a_fresh_database_is_0600_in_0700_folders(tmp_path, open_umask, key):
    path = tmp_path / "site" / "data" / "decisionaid.db"
    with open_database(SimpleNamespace(database_url=f"sqlite:///{path}", db_key=key)) as db, \
            db.engine.connect() as conn:
        conn.exec_driver_sql("SELECT 1").scalar()  # -wal and -shm exist while it is open
        made = [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]
        assert {p.name: mode(p) for p in made} == {p.name: 0o600 for p in made}
    assert mode(path.parent) == 0o700 and mode(path.parent.parent) == 0o700


def test_an_existing_install_is_tightened_and_logged(tmp_path, open_umask, caplog):
    path = tmp_path / "data" / "decisionaid.db"
    config = SimpleNamespace(database_url=f"sqlite:///{path}", db_key=None)
    open_database(config).dispose()
    old_backup = path.with_name("decisionaid.db.backup-20250101T000000")
    old_backup.write_bytes(path.read_bytes())
    for p in (path, old_backup):
        p.chmod(0o644)
    path.parent.chmod(0o755)
    with caplog.at_level(logging.WARNING):
        open_database(config).dispose()
    assert mode(path) == 0o600 and mode(old_backup) == 0o600 and mode(path.parent) == 0o700
    said = [r.getMessage() for r in caplog.records if "tightened" in r.getMessage()]
    assert any(str(path) in m and "0644 to 0600" in m for m in said)
    assert any(str(path.parent) in m and "0755 to 0700" in m for m in said)


def test_a_shared_folder_is_left_alone(tmp_path):
    from decisionaid.files import tighten

    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)  # like /tmp: never made private by us
    assert not tighten(shared) and mode(shared) == 0o1777


def test_the_command_line_makes_everything_it_writes_private(tmp_path, open_umask, clean_env):
    config = tmp_path / "config.toml"
    config.write_text(f'database_url = "sqlite:///{tmp_path / "d.db"}"\n', encoding="utf-8")
    assert main(["db", "upgrade", "--config", str(config)]) == 0
    assert os.umask(0o022) == 0o077
    # What the print path does: a file in a temporary folder, with the process's umask.
    os.umask(0o077)
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "page.pdf"
        page.write_bytes(b"%PDF")
        assert mode(Path(folder)) == 0o700 and mode(page) == 0o600


def test_no_key_is_warned_about_in_the_log_and_to_the_caller(tmp_path, caplog, capsys,
                                                              clean_env):
    path = tmp_path / "plain.db"
    url = f"sqlite:///{path}"
    with caplog.at_level(logging.WARNING):
        open_database(SimpleNamespace(database_url=url, db_key=None)).dispose()
    warning = key_warning(url, None)
    assert warning and str(path) in warning and "not encrypted" in warning
    assert warning in [r.getMessage() for r in caplog.records]
    assert key_warning(url, KEY) is None
    assert key_warning("postgresql+psycopg://u@127.0.0.1/db", None) is None
    config = tmp_path / "config.toml"
    config.write_text(f'database_url = "{url}"\n', encoding="utf-8")
    assert main(["db", "status", "--config", str(config)]) == 0
    assert f"warning: {warning}" in capsys.readouterr().out


def test_a_config_file_holding_the_key_must_be_private(tmp_path, clean_env):
    path = tmp_path / "config.toml"
    path.write_text(f'db_key = "{KEY}"\n', encoding="utf-8")
    path.chmod(0o644)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value) == (
        f"{path} holds db_key and other accounts can read it: run chmod 600 {path}"
    )
    path.chmod(0o600)
    assert load_config(path).db_key == KEY
    path.write_text('site_name = "Main St"\n', encoding="utf-8")
    path.chmod(0o644)  # no key in it: nothing to hide
    assert load_config(path).site_name == "Main St"


@pytest.mark.parametrize(
    "argv",
    [
        ["db", "status"],
        ["report", "1", "-o", "{tmp}/r.pdf"],
        ["export", "--format", "csv", "-o", "{tmp}/a.csv"],
    ],
)
def test_reading_commands_never_create_a_database(tmp_path, capsys, clean_env, argv):
    path = tmp_path / "nothing" / "here.db"
    config = tmp_path / "config.toml"
    config.write_text(f'database_url = "sqlite:///{path}"\ncontent_dir = "{MINI}"\n',
                      encoding="utf-8")
    code = main([a.format(tmp=tmp_path) for a in argv] + ["--config", str(config)])
    err = capsys.readouterr().err
    assert code == 2 and err == (
        f"decisionaid: there is no database at {path}: check database_url, or start the kiosk "
        "(or run 'decisionaid db upgrade') to make a new one\n"
    )
    assert not path.parent.exists()


def test_opening_for_reading_only_never_creates(tmp_path):
    path = tmp_path / "nothing" / "here.db"
    with pytest.raises(DatabaseError, match="there is no database at"):
        open_database(SimpleNamespace(database_url=f"sqlite:///{path}", db_key=None),
                      create=False)
    assert not path.parent.exists()
