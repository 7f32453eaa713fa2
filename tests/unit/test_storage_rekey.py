"""`decisionaid db rekey`: a new key, proved before the old file is replaced."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from decisionaid.cli import main
from decisionaid.content.model import ItemRef
from decisionaid.services.visits import VisitService
from decisionaid.storage.database import SQLITE_HEADER, connect
from decisionaid.storage.migrate import upgrade

OLD = "the old key of the clinic"
NEW = "a brand new key, longer"
SECRET = "Marigold-9931 is what I want to say"


@pytest.fixture
def site(tmp_path: Path, monkeypatch, visit_content):
    """A config file (0600) without a key, and a function making the database with ``key``."""
    for name in ("DECISIONAID_DATABASE_URL", "DECISIONAID_DB_KEY", "DECISIONAID_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    db_file = tmp_path / "data" / "decisionaid.db"
    config = tmp_path / "config.toml"

    def make(key: str | None) -> int:
        config.write_text(f'database_url = "sqlite:///{db_file}"\n'
                          + (f'db_key = "{key}"\n' if key else ""), encoding="utf-8")
        config.chmod(0o600)
        with connect(f"sqlite:///{db_file}", key) as db:
            upgrade(db, key=key)
            kv = VisitService(db, visit_content).start()
            kv.go_to(ItemRef("decision", "power"))
            kv.confirm(SECRET)
            return kv.id

    return config, db_file, make


def key_file(tmp_path: Path, key: str, mode: int = 0o600) -> Path:
    path = tmp_path / "new.key"
    path.write_text(key + "\n", encoding="utf-8")
    path.chmod(mode)
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def answer(db_file: Path, key: str | None, visit_id: int, content) -> object:
    with connect(f"sqlite:///{db_file}", key) as db:
        return VisitService(db, content).load(visit_id).answers[ItemRef("decision", "power")]


def test_rekey_changes_the_key_and_keeps_every_answer(site, tmp_path, capsys, visit_content):
    config, db_file, make = site
    visit_id = make(OLD)
    code, out, err = run(capsys, "db", "rekey", "--key-file", str(key_file(tmp_path, NEW)),
                         "--config", str(config))
    assert code == 0, err
    assert f"Put it in {config} as db_key" in out
    assert answer(db_file, NEW, visit_id, visit_content) == SECRET
    assert stat.S_IMODE(db_file.stat().st_mode) == 0o600
    # The old key no longer opens it, and the configuration (still the old key) says so.
    code, _, err = run(capsys, "db", "status", "--config", str(config))
    assert code == 2 and "the database key does not open" in err
    (kept,) = db_file.parent.glob("decisionaid.db.before-rekey-*")
    assert str(kept) in out
    assert answer(kept, OLD, visit_id, visit_content) == SECRET
    # The copy kept is encrypted (with the old key): nothing in it reads without a key.
    assert not kept.read_bytes().startswith(SQLITE_HEADER)
    assert SECRET.encode() not in kept.read_bytes()


def test_rekey_with_the_key_in_the_key_file_puts_the_new_key_there(site, tmp_path, capsys,
                                                                    visit_content):
    config, db_file, make = site
    visit_id = make(OLD)
    config.write_text(f'database_url = "sqlite:///{db_file}"\n'
                      f'db_key_file = "{tmp_path / "db.key"}"\n', encoding="utf-8")
    key_file(tmp_path, OLD).rename(tmp_path / "db.key")
    code, out, err = run(capsys, "db", "rekey", "--key-file", str(key_file(tmp_path, NEW)),
                         "--config", str(config))
    assert code == 0, err
    assert f"the key file {tmp_path / 'db.key'} holds it" in out
    assert (tmp_path / "db.key").read_text().strip() == NEW
    assert stat.S_IMODE((tmp_path / "db.key").stat().st_mode) == 0o600
    assert run(capsys, "db", "status", "--config", str(config))[0] == 0
    assert answer(db_file, NEW, visit_id, visit_content) == SECRET


def test_a_wrong_old_key_changes_nothing(site, tmp_path, capsys):
    config, db_file, make = site
    make(OLD)
    before = sorted((p.name, p.read_bytes()) for p in db_file.parent.iterdir())
    config.write_text(f'database_url = "sqlite:///{db_file}"\ndb_key = "not the key at all"\n')
    code, _, err = run(capsys, "db", "rekey", "--key-file", str(key_file(tmp_path, NEW)),
                       "--config", str(config))
    assert code == 2 and err == (
        f"decisionaid: the database key does not open {db_file}: check DECISIONAID_DB_KEY or "
        "db_key in the config file\n"
    )
    assert sorted((p.name, p.read_bytes()) for p in db_file.parent.iterdir()) == before


def test_a_plain_database_is_encrypted_this_way(site, tmp_path, capsys, visit_content):
    config, db_file, make = site
    visit_id = make(None)
    assert db_file.read_bytes().startswith(SQLITE_HEADER)
    code, _, err = run(capsys, "db", "rekey", "--key-file", str(key_file(tmp_path, NEW)),
                         "--config", str(config))
    assert code == 0, err
    data = db_file.read_bytes()
    assert not data.startswith(SQLITE_HEADER) and SECRET.encode() not in data
    assert answer(db_file, NEW, visit_id, visit_content) == SECRET
    # No plain copy is kept beside it: nothing in the folder but the encrypted database (and
    # its salt, kept to tell a damaged file from another key; it is stored in the clear anyway).
    assert sorted(p.name for p in db_file.parent.iterdir()
                  if p.name != ".decisionaid.db.salt") == ["decisionaid.db"]


def test_the_new_key_is_asked_twice(site, capsys, monkeypatch, visit_content):
    config, db_file, make = site
    visit_id = make(OLD)
    typed = iter([NEW, NEW + "x"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(typed))
    code, _, err = run(capsys, "db", "rekey", "--config", str(config))
    assert code == 2 and "the two keys differ: nothing was changed" in err
    assert answer(db_file, OLD, visit_id, visit_content) == SECRET
    typed = iter([NEW, NEW])
    assert run(capsys, "db", "rekey", "--config", str(config))[0] == 0
    assert answer(db_file, NEW, visit_id, visit_content) == SECRET


@pytest.mark.parametrize(
    ("key", "mode", "words"),
    [
        ("short", 0o600, "at least 8 characters"),
        (NEW, 0o644, "can be read by other accounts: run chmod 600"),
        (OLD, 0o600, "the key the database already has"),
    ],
)
def test_a_bad_new_key_is_one_line(site, tmp_path, capsys, key, mode, words):
    config, db_file, make = site
    make(OLD)
    before = db_file.read_bytes()
    code, _, err = run(capsys, "db", "rekey", "--key-file", str(key_file(tmp_path, key, mode)),
                       "--config", str(config))
    assert code == 2 and words in err and err.count("\n") == 1
    assert db_file.read_bytes() == before
    assert not list(db_file.parent.glob("*before-rekey*"))


def test_rekey_refuses_while_the_database_is_open_elsewhere(site, tmp_path, capsys):
    import multiprocessing

    config, db_file, make = site
    make(OLD)
    context = multiprocessing.get_context("spawn")
    ready, done = context.Event(), context.Event()
    holder = context.Process(target=hold_open, args=(f"sqlite:///{db_file}", OLD, ready, done))
    holder.start()
    try:
        assert ready.wait(60)
        code, _, err = run(capsys, "db", "rekey", "--key-file", str(key_file(tmp_path, NEW)),
                           "--config", str(config))
        assert code == 2 and "is in use: close every kiosk" in err
    finally:
        done.set()
        holder.join(60)
    assert not list(db_file.parent.glob("*before-rekey*"))


def hold_open(url, key, ready, done) -> None:
    """An open kiosk in its own process (its own file locks): a connection in WAL mode."""
    db = connect(url, key)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("SELECT count(*) FROM visits").scalar()
        ready.set()
        done.wait(60)
    db.dispose()


def test_rekey_reseals_the_kiosks_kept_calls_so_a_waiting_call_still_arrives(
        site, tmp_path, capsys, monkeypatch):
    from decisionaid.config import data_dir
    from decisionaid.services.help_outbox import HelpOutbox

    class Away:
        def ask(self, **kw):
            raise OSError("connection refused")

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home"))
    config, _db_file, make = site
    make(OLD)
    path = data_dir() / "help-outbox.json"
    HelpOutbox(path, Away(), key=OLD).ask("talk-now", screen="safety")
    code, _, err = run(capsys, "db", "rekey", "--key-file", str(key_file(tmp_path, NEW)),
                       "--config", str(config))
    assert code == 0, err
    assert [c.kind for c in HelpOutbox(path, Away(), key=NEW).pending()] == ["talk-now"]
