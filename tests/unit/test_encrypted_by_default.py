"""Encrypted unless a clinic says otherwise: a new install's database and every copy of it
cannot be read without the key, which is kept apart from them; a plain database becomes an
encrypted one with one command, leaving no plain copy."""

from __future__ import annotations

import shutil
import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import text

from decisionaid.cli import main
from decisionaid.config import data_dir, load_config
from decisionaid.content.model import ItemRef
from decisionaid.services.doctor import check_database, check_permissions, check_secrets
from decisionaid.services.visits import VisitService
from decisionaid.storage.backup import nightly_backup
from decisionaid.storage.database import SQLITE_HEADER, connect
from decisionaid.storage.migrate import upgrade

SECRET = "Marigold-9931 is what I want to say"
POWER = ItemRef("decision", "power")


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch):
    """A clinic's config file (the site's name, its database in the data folder) and nothing
    else: no key anywhere, as on a new install."""
    for name in ("DECISIONAID_DATABASE_URL", "DECISIONAID_DB_KEY", "DECISIONAID_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    db_file = data_dir() / "decisionaid.db"
    config = tmp_path / "config.toml"
    config.write_text(f'site_name = "Riverside"\ndatabase_url = "sqlite:///{db_file}"\n',
                      encoding="utf-8")
    return config, db_file


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def answer_a_visit(db_file: Path, key: str | None, content) -> None:
    with connect(f"sqlite:///{db_file}", key) as db:
        kv = VisitService(db, content).start()
        kv.go_to(POWER)
        kv.confirm(SECRET)


def unreadable_by_sqlite(path: Path) -> None:
    """What someone who copied the file would see: the sqlite3 command (when installed) and
    Python's own sqlite3 both refuse it, and the words are nowhere in its bytes."""
    assert SECRET.encode() not in path.read_bytes()
    assert not path.read_bytes().startswith(SQLITE_HEADER)
    if shutil.which("sqlite3"):
        done = subprocess.run(["sqlite3", str(path), "SELECT * FROM answers"],
                              capture_output=True, text=True)
        assert done.returncode != 0 and "not a database" in done.stderr
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="not a database"):
            conn.execute("SELECT * FROM answers").fetchall()
    finally:
        conn.close()


def test_a_new_install_makes_an_encrypted_database_with_its_key_kept_apart(fresh, capsys,
                                                                          visit_content):
    config, db_file = fresh
    code, _, err = run(capsys, "db", "upgrade", "--config", str(config))
    assert code == 0, err
    loaded = load_config(config)
    key_file = loaded.db_key_file
    assert key_file.is_file() and stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert data_dir() not in key_file.parents  # a copy of the data folder does not carry it
    assert loaded.key_from == str(key_file) and len(loaded.db_key) >= 40
    answer_a_visit(db_file, loaded.db_key, visit_content)
    unreadable_by_sqlite(db_file)
    # doctor's lines about the data pass: encrypted, private files, private secrets.
    data_dir().chmod(0o700)
    findings = [*check_database(loaded), *check_permissions(loaded), *check_secrets(loaded)]
    assert all(f.ok for f in findings), [f.line() for f in findings]
    assert [f.name for f in findings] == ["database", "schema", "key", "permissions", "secrets"]


def test_every_backup_is_sealed_and_restores_only_whole_and_with_its_key(fresh, tmp_path,
                                                                        capsys, visit_content):
    config, db_file = fresh
    run(capsys, "db", "upgrade", "--config", str(config))
    key = load_config(config).db_key
    answer_a_visit(db_file, key, visit_content)
    backup = tmp_path / "monday.db"
    code, out, err = run(capsys, "backup", "-o", str(backup), "--config", str(config))
    assert code == 0 and "encrypted" in out, err
    unreadable_by_sqlite(backup)

    # One byte changed in the middle: refused in one line, the database untouched.
    before = db_file.read_bytes()
    tampered = tmp_path / "tampered.db"
    data = bytearray(backup.read_bytes())
    data[len(data) // 2] ^= 0x01
    tampered.write_bytes(bytes(data))
    code, _, err = run(capsys, "restore", str(tampered), "--yes", "--config", str(config))
    assert code == 2 and err.count("\n") == 1
    assert f"the backup {tampered} is refused" in err and "tampered" in err
    cut = tmp_path / "cut.db"
    cut.write_bytes(backup.read_bytes()[:-100])
    code, _, err = run(capsys, "restore", str(cut), "--yes", "--config", str(config))
    assert code == 2 and "is refused" in err and err.count("\n") == 1
    assert db_file.read_bytes() == before

    # Another clinic's key: refused in one line, naming where the key came from.
    other = tmp_path / "other.toml"
    other.write_text(config.read_text() + 'db_key = "another clinic key"\n', encoding="utf-8")
    other.chmod(0o600)
    code, _, err = run(capsys, "restore", str(backup), "--yes", "--config", str(other))
    assert code == 2 and err.count("\n") == 1
    assert f"the backup {backup} does not open with the database key from db_key in " in err

    code, out, err = run(capsys, "restore", str(backup), "--yes", "--config", str(config))
    assert code == 0, err
    kept = Path(out.split("kept at ")[1].strip())
    unreadable_by_sqlite(kept)  # the before-restore copy is sealed too
    with connect(f"sqlite:///{db_file}", key) as db:
        (visit_id,) = db.read(lambda s: list(s.scalars(text(
            "SELECT id FROM visits"))))
        assert VisitService(db, visit_content).load(visit_id).answers[POWER] == SECRET


def test_the_nightly_backup_is_sealed(fresh, tmp_path, capsys, visit_content):
    config, db_file = fresh
    run(capsys, "db", "upgrade", "--config", str(config))
    answer_a_visit(db_file, load_config(config).db_key, visit_content)
    made = nightly_backup(load_config(config), folder=tmp_path / "nightly")
    unreadable_by_sqlite(made)


def test_a_plain_database_is_encrypted_by_one_command_leaving_no_plain_copy(fresh, capsys,
                                                                           visit_content):
    config, db_file = fresh
    db_file.parent.mkdir(parents=True, mode=0o700, exist_ok=True)
    with connect(f"sqlite:///{db_file}") as db:  # made before encryption was the default
        upgrade(db)
    answer_a_visit(db_file, None, visit_content)
    loaded = load_config(config)
    [key] = [f for f in check_database(loaded) if f.name == "key"]
    assert not key.ok and "not encrypted" in key.found and "db encrypt" in key.fix
    old_nightly = nightly_backup(loaded)  # made while it was plain
    assert old_nightly.read_bytes().startswith(SQLITE_HEADER)

    code, out, err = run(capsys, "db", "encrypt", "--config", str(config))
    assert code == 0, err
    assert f"Its key is in {loaded.db_key_file}" in out and "no plain copy" in out
    assert "1 older plain copies" in out
    assert sorted(p.name for p in db_file.parent.iterdir() if p.is_file()) == ["decisionaid.db"]
    unreadable_by_sqlite(db_file)
    unreadable_by_sqlite(old_nightly)  # sealed in its place, and it still restores
    code, _, err = run(capsys, "restore", str(old_nightly), "--config", str(config))
    assert code == 2 and "run again with --yes" in err
    loaded = load_config(config)
    assert stat.S_IMODE(loaded.db_key_file.stat().st_mode) == 0o600
    with connect(f"sqlite:///{db_file}", loaded.db_key) as db:
        assert db.encrypted
    assert [f.ok for f in check_database(loaded) if f.name == "key"] == [True]
    code, _, err = run(capsys, "db", "encrypt", "--config", str(config))
    assert code == 0 and "already encrypted" in err


def test_plain_storage_only_when_asked_for_and_then_doctor_fails_it(fresh, capsys):
    config, db_file = fresh
    config.write_text(config.read_text() + "plain_database = true\n", encoding="utf-8")
    code, _, err = run(capsys, "db", "upgrade", "--config", str(config))
    assert code == 0, err
    assert db_file.read_bytes().startswith(SQLITE_HEADER)
    loaded = load_config(config)
    from decisionaid.config import default_key_file

    assert loaded.db_key is None and not default_key_file().exists()
    [key] = [f for f in check_database(loaded) if f.name == "key"]
    assert not key.ok and "plain_database = true" in key.found
    code, _, err = run(capsys, "db", "encrypt", "--config", str(config))
    assert code == 2 and "remove that line" in err


def test_a_key_file_others_can_read_is_refused_in_one_line(fresh, capsys):
    config, _ = fresh
    run(capsys, "db", "upgrade", "--config", str(config))
    key_file = load_config(config).db_key_file
    key_file.chmod(0o644)
    code, _, err = run(capsys, "db", "status", "--config", str(config))
    assert code == 2 and err == (f"decisionaid: {key_file} holds the database key and other "
                                 f"accounts can read it: run chmod 600 {key_file}\n")


def test_a_lost_key_is_one_line_saying_where_to_put_it_back(fresh, capsys):
    config, db_file = fresh
    run(capsys, "db", "upgrade", "--config", str(config))
    load_config(config).db_key_file.unlink()
    code, _, err = run(capsys, "db", "status", "--config", str(config))
    assert code == 2 and err.count("\n") == 1
    assert f"the database {db_file} is encrypted: set its key (put it back in the key file" in err



def test_a_plain_backup_from_before_is_encrypted_as_it_is_restored(fresh, tmp_path, capsys,
                                                                   visit_content):
    config, db_file = fresh
    old = tmp_path / "from-last-year.db"
    with connect(f"sqlite:///{old}") as db:  # a backup made before encryption was the default
        upgrade(db)
    answer_a_visit(old, None, visit_content)
    run(capsys, "db", "upgrade", "--config", str(config))
    key = load_config(config).db_key
    code, _, err = run(capsys, "restore", str(old), "--config", str(config))
    assert code == 2 and "it is encrypted with the database key as it is restored" in err
    code, _, err = run(capsys, "restore", str(old), "--yes", "--config", str(config))
    assert code == 0, err
    unreadable_by_sqlite(db_file)
    with connect(f"sqlite:///{db_file}", key) as db:
        assert db.read(lambda s: s.scalar(text(
            "SELECT count(*) FROM answers"))) == 1


def test_the_kiosk_started_with_no_configuration_at_all_makes_it_encrypted(monkeypatch):
    """What `make run` does on a machine with a screen: the kiosk opens the built-in defaults."""
    from decisionaid.app import open_app
    from decisionaid.config import config_dir

    for name in ("DECISIONAID_DATABASE_URL", "DECISIONAID_DB_KEY", "DECISIONAID_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    with open_app(None, content=False) as app:
        assert app.db.encrypted and app.config.key_from == str(config_dir() / "db.key")
    unreadable_by_sqlite(data_dir() / "decisionaid.db")
    with open_app(None, content=False) as again:  # the next start finds the same key
        assert again.config.db_key == app.config.db_key
