"""Encryption at rest: with a key, nothing a user told the kiosk can be read from the files."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from decisionaid.content.model import ItemRef
from decisionaid.services.peer_queries import PeerQueries
from decisionaid.services.profiles import ProfileService
from decisionaid.services.visits import VisitService
from decisionaid.storage import DatabaseError, open_database, sealed
from decisionaid.storage.models import ServiceUser

KEY = "correct horse battery staple"
SECRET_ANSWER = "Zanzibar-lullaby-4417 keeps me awake"
NAME = "Quetzalina"


def config(path: Path, key: str | None):
    return SimpleNamespace(database_url=f"sqlite:///{path}", db_key=key)


def files_of(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*") if p.is_file())


@pytest.fixture
def encrypted(tmp_path: Path, visit_content, fast_pins):
    """An encrypted database holding one profile and one visit; the files' bytes while it is
    open (WAL included) and its PIN hash."""
    path = tmp_path / "decisionaid.db"
    db = open_database(config(path, KEY))
    profile = ProfileService(db, hasher=fast_pins).create(NAME, date(1970, 1, 1), "8642", "en")
    visits = VisitService(db, visit_content)
    kv = visits.start(profile.id)
    kv.go_to(ItemRef("decision", "power"))
    kv.confirm(SECRET_ANSWER)
    pin_hash = db.read(lambda s: s.scalar(select(ServiceUser.pin_hash)))
    assert (tmp_path / "decisionaid.db-wal").stat().st_size > 0
    while_open = files_of(path)
    db.dispose()
    return path, while_open, pin_hash


def test_no_answer_name_or_pin_hash_is_in_the_files(encrypted):
    path, while_open, pin_hash = encrypted
    for data in (while_open, files_of(path)):
        for secret in (SECRET_ANSWER, NAME, pin_hash, "Zanzibar"):
            assert secret.encode() not in data
            assert secret.encode("utf-16-le") not in data
    assert not path.read_bytes().startswith(b"SQLite format 3")


def test_the_right_key_opens_it_and_reads_the_answers(encrypted, visit_content):
    path, _, _ = encrypted
    with open_database(config(path, KEY)) as db:
        (line,) = PeerQueries(db, visit_content).board().lines
        record = VisitService(db, visit_content).load(line.visit.id)
        assert record.answers[ItemRef("decision", "power")] == SECRET_ANSWER


def test_a_wrong_key_is_one_clear_line_and_creates_nothing(encrypted, capfd):
    path, _, _ = encrypted
    before = sorted(p.name for p in path.parent.iterdir())
    content = path.read_bytes()
    with pytest.raises(DatabaseError, match="database key does not open") as caught:
        open_database(config(path, "not the key at all"))
    assert "\n" not in str(caught.value)
    assert sorted(p.name for p in path.parent.iterdir()) == before
    assert path.read_bytes() == content
    assert capfd.readouterr().err == ""  # SQLCipher's own log stays quiet


def test_opening_it_derives_the_key_once_the_check_s_connection_serving_the_first_read(
        encrypted, visit_content, monkeypatch):
    """SQLCipher derives the key on every new connection (a tenth of a second, on purpose): the
    kiosk's start pays for it once, the key check's connection then serving its reads."""
    import sqlcipher3.dbapi2 as driver

    path, _, _ = encrypted
    made = []
    real_connect = driver.connect
    monkeypatch.setattr(driver, "connect", lambda *a, **k: made.append(a) or real_connect(*a, **k))
    with open_database(config(path, KEY)) as db:
        (line,) = PeerQueries(db, visit_content).board().lines
        assert VisitService(db, visit_content).load(line.visit.id).answers[
            ItemRef("decision", "power")] == SECRET_ANSWER
    assert len(made) == 1


def test_a_missing_key_says_the_database_is_encrypted(encrypted):
    path, _, _ = encrypted
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="is encrypted: set its key"):
        open_database(config(path, None))
    assert path.read_bytes() == before


def test_a_key_for_a_plain_database_says_so(tmp_path: Path):
    path = tmp_path / "plain.db"
    open_database(config(path, None)).dispose()
    with pytest.raises(DatabaseError, match="not encrypted, but a database key is set"):
        open_database(config(path, KEY))


def test_an_encrypted_backup_before_upgrade_stays_encrypted(tmp_path: Path):
    import sqlcipher3.dbapi2 as sqlcipher

    path = tmp_path / "old.db"
    conn = sqlcipher.connect(str(path))
    conn.execute(f"PRAGMA key = '{KEY}'")
    conn.execute("CREATE TABLE notes (text TEXT)")
    conn.execute("INSERT INTO notes VALUES ('a private note')")
    conn.commit()
    conn.close()
    open_database(config(path, KEY)).dispose()
    (backup,) = tmp_path.glob("old.db.backup-*")
    assert b"a private note" not in backup.read_bytes()
    assert sealed.is_sealed(backup)  # like every backup: it restores with 'decisionaid restore'
    opened = tmp_path / "opened.db"
    sealed.unseal_file(backup, opened, KEY)
    conn = sqlcipher.connect(str(opened))
    conn.execute(f"PRAGMA key = '{KEY}'")
    assert conn.execute("SELECT text FROM notes").fetchall() == [("a private note",)]
    conn.close()


def test_the_app_checks_the_key_while_it_reads_the_content_and_refuses_a_wrong_one_alike(encrypted):
    from decisionaid.app import open_app
    from decisionaid.config import Config

    path, _, _ = encrypted
    mini = Path(__file__).resolve().parents[1] / "data" / "mini"
    before = path.read_bytes()
    wrong = Config(content_dir=mini, database_url=f"sqlite:///{path}", db_key="not the key at all")
    with pytest.raises(DatabaseError, match="database key does not open"):
        open_app(wrong)
    assert path.read_bytes() == before
    right = Config(content_dir=mini, database_url=f"sqlite:///{path}", db_key=KEY)
    with open_app(right) as app:
        assert app.db.read(lambda s: s.scalar(select(ServiceUser.pin_hash)))
