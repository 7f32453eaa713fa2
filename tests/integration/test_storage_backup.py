"""`decisionaid backup` and `restore` as an admin uses them, while a kiosk keeps writing."""

from __future__ import annotations

import multiprocessing
import os
import stat
import traceback
from pathlib import Path

import pytest
from sqlalchemy import text

from decisionaid.cli import main
from decisionaid.config import load_config
from decisionaid.content.model import ItemRef
from decisionaid.services.visits import VisitService
from decisionaid.storage import sealed
from decisionaid.storage.backup import nightly_backup
from decisionaid.storage.database import connect, raw_sqlite, sqlite_path
from decisionaid.storage.migrate import upgrade

pytestmark = pytest.mark.integration

KEY = "a clinic's long database key"
POWER = ItemRef("decision", "power")


def write_config(folder: Path, url: str, key: str | None) -> Path:
    path = folder / "config.toml"
    text = f'database_url = "{url}"\n' + (f'db_key = "{key}"\n' if key else "")
    path.write_text(text, encoding="utf-8")
    path.chmod(0o600)
    return path


@pytest.fixture
def site(request, tmp_path: Path, monkeypatch):
    """(config file, url, key): an encrypted SQLite file, or a PostgreSQL schema."""
    for name in ("DECISIONAID_DATABASE_URL", "DECISIONAID_DB_KEY", "DECISIONAID_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    if request.param == "sqlite":
        url, key = f"sqlite:///{tmp_path / 'data' / 'decisionaid.db'}", KEY
    else:
        url, key = request.getfixturevalue("pg_url"), None
    with connect(url, key) as db:
        upgrade(db, key=key)
    return write_config(tmp_path, url, key), url, key


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def kiosk_writing(url, key, content, stop, committed) -> None:
    """A kiosk in another process: one visit after another, each answer committed, then
    reported as (visit id, text). Stops when told."""
    try:
        db = connect(url, key)
        visits = VisitService(db, content)
        n = 0
        while not stop.is_set():
            kv = visits.start()
            kv.go_to(POWER)
            text = f"answer {n}"
            kv.confirm(text)  # committed when this returns
            committed.put((kv.id, text))
            n += 1
        db.dispose()
        committed.put(None)
    except BaseException:
        committed.put(traceback.format_exc())


def drain(queue, into: list, at_least: int | None = None) -> None:
    """Move what the kiosk reported into ``into``: until it holds ``at_least``, or (None) until
    the kiosk says it has stopped."""
    while at_least is None or len(into) < at_least:
        item = queue.get(timeout=60)
        assert not isinstance(item, str), item  # the kiosk's traceback
        if item is None:
            return
        into.append(item)


def answers_in(url: str, key: str | None, content) -> dict[int, object]:
    with connect(url, key) as db:
        visits = VisitService(db, content)
        ids = db.read(lambda s: list(s.scalars(text("SELECT id FROM visits"))))
        answers = {i: visits.load(i).answers.get(POWER) for i in ids}
        return {i: a for i, a in answers.items() if a is not None}


@pytest.mark.parametrize("site", ["sqlite", "postgresql"], indirect=True)
def test_a_backup_taken_while_a_kiosk_writes_restores_every_answer_before_it(
    site, tmp_path, capsys, visit_content
):
    config, url, key = site
    context = multiprocessing.get_context("spawn")
    stop, committed = context.Event(), context.Queue()
    kiosk = context.Process(target=kiosk_writing, args=(url, key, visit_content, stop, committed))
    kiosk.start()
    seen: list = []
    try:
        drain(committed, seen, at_least=30)
        before = list(seen)  # every answer here was committed before the backup began
        out = tmp_path / "backups" / "monday.backup"
        out.parent.mkdir()
        code, said, err = run(capsys, "backup", "-o", str(out), "--config", str(config))
        assert code == 0, err
        assert said.startswith(f"Backed up to {out}") and "checked" in said
        drain(committed, seen, at_least=len(before) + 5)  # the kiosk carried on
    finally:
        stop.set()
        drain(committed, seen)
        kiosk.join(60)
    assert kiosk.exitcode == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert not [p.name for p in out.parent.iterdir() if p != out]  # no temporary file left
    if key:
        assert b"answer 1" not in out.read_bytes()  # encrypted with the same key

    code, _, err = run(capsys, "restore", str(out), "--config", str(config))
    assert code == 2 and "run again with --yes" in err and err.count("\n") == 1
    assert len(answers_in(url, key, visit_content)) == len(seen)  # nothing replaced yet

    code, said, err = run(capsys, "restore", str(out), "--yes", "--config", str(config))
    assert code == 0, err
    restored = answers_in(url, key, visit_content)
    for visit_id, answer in before:
        assert restored[visit_id] == answer
    assert len(before) <= len(restored) < len(seen)  # what came after the backup is not there
    kept = Path(said.split("kept at ")[1].strip())
    assert kept.is_file() and stat.S_IMODE(kept.stat().st_mode) == 0o600
    if sqlite_path(url):
        assert kept.parent == sqlite_path(url).parent and "before-restore-" in kept.name
        assert sealed.is_sealed(kept)  # sealed with the key, like every copy
        whole = tmp_path / "kept.db"
        sealed.unseal_file(kept, whole, key)
        with raw_sqlite(whole, key) as conn:  # the replaced database, whole
            assert conn.execute("SELECT count(*) FROM answers").fetchone()[0] == len(seen)


@pytest.mark.parametrize("site", ["sqlite"], indirect=True)
def test_restore_checks_the_file_first_and_changes_nothing_when_it_is_bad(
    site, tmp_path, capsys
):
    config, url, _ = site
    db_file = sqlite_path(url)
    before = db_file.read_bytes()
    bad = tmp_path / "bad.backup"
    bad.write_bytes(os.urandom(8192))
    code, _, err = run(capsys, "restore", str(bad), "--yes", "--config", str(config))
    assert code == 2 and err.startswith(f"decisionaid: the backup {bad} cannot be restored")
    assert err.count("\n") == 1
    missing = tmp_path / "nope.backup"
    code, _, err = run(capsys, "restore", str(missing), "--yes", "--config", str(config))
    assert code == 2 and err == f"decisionaid: no backup file at {missing}\n"
    assert db_file.read_bytes() == before
    assert not list(db_file.parent.glob("*before-restore*"))


@pytest.mark.parametrize("site", ["sqlite"], indirect=True)
def test_restore_refuses_while_a_kiosk_has_the_database_open(site, tmp_path, capsys):
    config, url, key = site
    out = tmp_path / "b.db"
    assert run(capsys, "backup", "-o", str(out), "--config", str(config))[0] == 0
    context = multiprocessing.get_context("spawn")  # its own process: its own file locks
    ready, done = context.Event(), context.Event()
    holder = context.Process(target=hold_open, args=(url, key, ready, done))
    holder.start()
    try:
        assert ready.wait(60)
        code, _, err = run(capsys, "restore", str(out), "--yes", "--config", str(config))
        assert code == 2 and "is in use: close every kiosk" in err
    finally:
        done.set()
        holder.join(60)
    assert not list(sqlite_path(url).parent.glob("*before-restore*"))
    assert run(capsys, "restore", str(out), "--yes", "--config", str(config))[0] == 0


def hold_open(url, key, ready, done) -> None:
    db = connect(url, key)
    with db.engine.connect() as conn:  # an open kiosk: a connection in WAL mode
        conn.exec_driver_sql("SELECT count(*) FROM visits").scalar()
        ready.set()
        done.wait(60)
    db.dispose()


@pytest.mark.parametrize("site", ["sqlite", "postgresql"], indirect=True)
def test_the_nightly_backup_keeps_the_newest(site, tmp_path):
    from datetime import datetime, timedelta

    config_file, _, _ = site
    config = load_config(config_file)
    folder = tmp_path / "nightly"
    start = datetime(2026, 3, 1, 18, 0)
    made = [nightly_backup(config, keep=3, folder=folder, now=start + timedelta(days=d))
            for d in range(5)]
    (folder / "notes.txt").write_text("the admin's own file")
    nightly_backup(config, keep=3, folder=folder, now=start + timedelta(days=5))
    left = sorted(p.name for p in folder.iterdir())
    assert len(left) == 4 and "notes.txt" in left
    assert made[0].name not in left and made[1].name not in left and made[2].name not in left
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in folder.glob("decisionaid-*"))


def test_the_default_nightly_folder_is_in_the_data_folder(tmp_path, monkeypatch):
    from types import SimpleNamespace

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    url = f"sqlite:///{tmp_path / 'd.db'}"
    with connect(url) as db:
        upgrade(db)
    path = nightly_backup(SimpleNamespace(database_url=url, db_key=None, backup_keep=2))
    assert path.parent == tmp_path / "xdg" / "decisionaid" / "backups"


@pytest.fixture
def pg_role_db(request, tmp_path, monkeypatch):
    """A database of its own owned by a new, ordinary role, whose public schema that role does
    not own (as on PostgreSQL 15 and later); yields a URL as that role."""
    import uuid

    import psycopg
    from sqlalchemy.engine import make_url

    admin = request.getfixturevalue("pg_url")
    name = f"t_{uuid.uuid4().hex[:10]}"
    base = make_url(admin).set(query={})
    plain = base.set(drivername="postgresql").render_as_string(hide_password=False)

    def sql(*statements, database=None):
        target = make_url(plain).set(database=database) if database else make_url(plain)
        with psycopg.connect(target.render_as_string(hide_password=False),
                             autocommit=True) as conn:
            for statement in statements:
                conn.execute(statement)

    sql(f'CREATE ROLE "{name}" LOGIN', f'CREATE DATABASE "{name}" OWNER "{name}"')
    me = base.username
    sql(f'ALTER SCHEMA public OWNER TO "{me}"', f'GRANT USAGE, CREATE ON SCHEMA public TO "{name}"',
        database=name)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    try:
        yield base.set(username=name, database=name).render_as_string(hide_password=False), sql
    finally:
        sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'DROP ROLE IF EXISTS "{name}"')


def test_postgresql_restore_as_an_ordinary_role_into_the_public_schema(pg_role_db, tmp_path,
                                                                       capsys, visit_content):
    url, _ = pg_role_db
    config = write_config(tmp_path, url, None)
    assert run(capsys, "db", "upgrade", "--config", str(config))[0] == 0
    with connect(url) as db:
        first = VisitService(db, visit_content).start().id
    out = tmp_path / "public.dump"
    assert run(capsys, "backup", "-o", str(out), "--config", str(config))[0] == 0
    with connect(url) as db:
        VisitService(db, visit_content).start()
    code, _, err = run(capsys, "restore", str(out), "--yes", "--config", str(config))
    assert code == 0, err
    with connect(url) as db:
        assert db.read(lambda s: list(s.scalars(text("SELECT id FROM visits")))) == [first]


def test_a_role_without_rights_gets_one_line(pg_role_db, tmp_path, capsys):
    import uuid

    url, sql = pg_role_db
    assert run(capsys, "db", "upgrade", "--config", str(write_config(tmp_path, url, None)))[0] == 0
    other = f"t_{uuid.uuid4().hex[:10]}"
    from sqlalchemy.engine import make_url

    database = make_url(url).database
    sql(f'CREATE ROLE "{other}" LOGIN', f'GRANT CONNECT ON DATABASE "{database}" TO "{other}"')
    try:
        sql(f'GRANT USAGE ON SCHEMA public TO "{other}"', database=database)
        config = write_config(tmp_path, make_url(url).set(username=other).render_as_string(
            hide_password=False), None)
        code, _, err = run(capsys, "db", "status", "--config", str(config))
        assert code == 2 and err.count("\n") == 1 and "Traceback" not in err
        assert "refused: permission denied for table alembic_version" in err
    finally:
        sql(f'REVOKE ALL ON SCHEMA public FROM "{other}"', database=database)
        sql(f'REVOKE ALL ON DATABASE "{database}" FROM "{other}"', f'DROP ROLE "{other}"')
