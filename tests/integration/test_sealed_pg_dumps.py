"""PostgreSQL: a dump on disk is unreadable without the key, restores only whole and with its
key, and the connection may take its password from libpq's own files instead of the URL."""

from __future__ import annotations

import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from decisionaid.cli import main
from decisionaid.config import load_config
from decisionaid.content.model import ItemRef
from decisionaid.services.doctor import check_secrets
from decisionaid.services.visits import VisitService
from decisionaid.storage.database import connect

pytestmark = pytest.mark.integration

SECRET = "Marigold-9931 is what I want to say"
POWER = ItemRef("decision", "power")


@pytest.fixture
def site(pg_url, tmp_path: Path, monkeypatch):
    for name in ("DECISIONAID_DATABASE_URL", "DECISIONAID_DB_KEY", "DECISIONAID_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    config = tmp_path / "config.toml"
    config.write_text(f'database_url = "{pg_url}"\n', encoding="utf-8")
    config.chmod(0o600)
    return config, pg_url


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def visits_in(url: str) -> list[int]:
    with connect(url) as db:
        return db.read(lambda s: list(s.scalars(text("SELECT id FROM visits ORDER BY id"))))


def test_a_dump_on_disk_is_unreadable_without_the_key(site, tmp_path, capsys, visit_content):
    config, url = site
    assert run(capsys, "db", "upgrade", "--config", str(config))[0] == 0
    key_file = load_config(config).db_key_file
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600  # made with the install
    with connect(url) as db:
        kv = VisitService(db, visit_content).start()
        kv.go_to(POWER)
        kv.confirm(SECRET)
    dump = tmp_path / "tuesday.dump"
    code, out, err = run(capsys, "backup", "-o", str(dump), "--config", str(config))
    assert code == 0 and "encrypted" in out, err
    assert SECRET.encode() not in dump.read_bytes() and b"answers" not in dump.read_bytes()
    if shutil.which("pg_restore"):
        listed = subprocess.run(["pg_restore", "--list", str(dump)], capture_output=True)
        assert listed.returncode != 0  # pg_restore itself cannot read it

    data = bytearray(dump.read_bytes())
    data[-40] ^= 0x01
    tampered = tmp_path / "tampered.dump"
    tampered.write_bytes(bytes(data))
    code, _, err = run(capsys, "restore", str(tampered), "--yes", "--config", str(config))
    assert code == 2 and "is refused" in err and err.count("\n") == 1

    other = tmp_path / "other.toml"
    other.write_text(config.read_text() + 'db_key = "another clinic key"\n', encoding="utf-8")
    other.chmod(0o600)
    code, _, err = run(capsys, "restore", str(dump), "--yes", "--config", str(other))
    assert code == 2 and "does not open with the database key" in err and err.count("\n") == 1

    first = visits_in(url)
    with connect(url) as db:
        VisitService(db, visit_content).start()  # after the dump: gone once it is restored
    code, out, err = run(capsys, "restore", str(dump), "--yes", "--config", str(config))
    assert code == 0, err
    assert visits_in(url) == first
    kept = Path(out.split("kept at ")[1].strip())
    assert SECRET.encode() not in kept.read_bytes()  # the before-restore dump is sealed too


def test_the_password_can_live_in_libpq_files_instead_of_the_url(site, tmp_path, capsys,
                                                                 monkeypatch):
    _, url = site
    u = make_url(url)
    service = tmp_path / "pg_service.conf"
    service.write_text(f"[clinic]\nhost={u.host}\nport={u.port}\ndbname={u.database}\n"
                       f"user={u.username}\n", encoding="utf-8")
    service.chmod(0o600)
    passfile = tmp_path / "pgpass"
    # (The test server may trust local connections; a clinic's asks for this password.)
    passfile.write_text(f"{u.host}:{u.port}:{u.database}:{u.username}:{u.password or 'x'}\n",
                        encoding="utf-8")
    passfile.chmod(0o600)
    monkeypatch.setenv("PGSERVICEFILE", str(service))
    monkeypatch.setenv("PGPASSFILE", str(passfile))
    options = u.query.get("options")
    by_service = make_url("postgresql+psycopg:///").update_query_dict(
        {"service": "clinic", **({"options": options} if options else {})})
    config = tmp_path / "service.toml"
    config.write_text(f'database_url = "{by_service.render_as_string()}"\n', encoding="utf-8")
    assert run(capsys, "db", "upgrade", "--config", str(config))[0] == 0
    dump = tmp_path / "by-service.dump"
    code, _, err = run(capsys, "backup", "-o", str(dump), "--config", str(config))
    assert code == 0, err  # pg_dump found the same password
    loaded = load_config(config)
    [ok] = check_secrets(loaded)
    assert ok.ok and str(passfile) in ok.found and str(service) in ok.found
    passfile.chmod(0o644)
    [loose] = check_secrets(loaded)
    assert not loose.ok and loose.fix == f"run chmod 600 {passfile}"
