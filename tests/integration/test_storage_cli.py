"""The `decisionaid db`, `export` and `purge` commands as an admin uses them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from decisionaid.cli import main
from decisionaid.config import load_config
from decisionaid.content.model import ItemRef
from decisionaid.services import audit
from decisionaid.services.visits import VisitService
from decisionaid.storage.database import connect, sqlite_path

MINI = Path(__file__).resolve().parent.parent / "data" / "mini"


@pytest.fixture
def site(tmp_path: Path, db_url: str, monkeypatch):
    """A config file naming a fresh database and the test content."""
    path = tmp_path / "config.toml"
    path.write_text(f'database_url = "{db_url}"\ncontent_dir = "{MINI}"\n', encoding="utf-8")
    for name in ("DECISIONAID_DATABASE_URL", "DECISIONAID_DB_KEY", "DECISIONAID_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    return path, db_url


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_db_status_then_upgrade(site, capsys):
    config, url = site
    code, out, err = run(capsys, "db", "status", "--config", str(config))
    path = sqlite_path(url)
    if path is not None:  # status only looks: no file, no folder made
        assert code == 2 and err == (
            f"decisionaid: there is no database at {path}: check database_url, or start the "
            "kiosk (or run 'decisionaid db upgrade') to make a new one\n"
        )
        assert not path.parent.exists()
    else:
        assert code == 1 and "run 'decisionaid db upgrade'" in out
    code, out, _ = run(capsys, "db", "upgrade", "--config", str(config))
    assert code == 0 and "upgraded from empty to revision" in out
    code, out, _ = run(capsys, "db", "status", "--config", str(config))
    assert code == 0 and "up to date" in out
    code, out, _ = run(capsys, "db", "upgrade", "--config", str(config))
    assert code == 0 and "already at revision" in out


def test_export_writes_fhir_and_csv_and_rejects_a_bad_date(site, capsys, tmp_path, visit_content):
    config, url = site
    run(capsys, "db", "upgrade", "--config", str(config))
    with connect(url, load_config(config).db_key) as db:
        kv = VisitService(db, visit_content).start()
        kv.go_to(ItemRef("feelings", "sad"))
        kv.confirm(3)
    code, out, _ = run(
        capsys,
        "export",
        "--format",
        "fhir",
        "-o",
        str(tmp_path / "a.json"),
        "--config",
        str(config),
    )
    assert code == 0 and "1 answers from 1 visits" in out
    bundle = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    assert bundle["entry"][0]["resource"]["item"][0]["answer"][0]["valueCoding"]["code"] == "3"
    code, _, _ = run(
        capsys,
        "export",
        "--format",
        "csv",
        "-o",
        str(tmp_path / "a.csv"),
        "--since",
        "2000-01-01",
        "--config",
        str(config),
    )
    assert code == 0 and len((tmp_path / "a.csv").read_text().splitlines()) == 2
    code, _, err = run(
        capsys,
        "export",
        "--format",
        "csv",
        "-o",
        str(tmp_path / "b.csv"),
        "--since",
        "yesterday",
        "--config",
        str(config),
    )
    assert code == 2 and err == "decisionaid: --since takes a date as YYYY-MM-DD, not 'yesterday'\n"


def test_purge_refuses_under_thirty_days_without_yes(site, capsys):
    config, url = site
    run(capsys, "db", "upgrade", "--config", str(config))
    code, _, err = run(capsys, "purge", "--older-than", "7", "--config", str(config))
    assert code == 2 and "add --yes" in err and err.count("\n") == 1
    code, out, _ = run(capsys, "purge", "--older-than", "7", "--yes", "--config", str(config))
    assert code == 0 and out.startswith("deleted 0 visits")
    with connect(url, load_config(config).db_key) as db:
        assert [e.details["older_than_days"] for e in audit.events(db, action=audit.PURGE)] == [7]


def test_a_postgresql_database_behind_the_code_is_named_with_the_fix(pg_url, tmp_path, capsys):
    config = tmp_path / "config.toml"
    config.write_text(f'database_url = "{pg_url}"\n', encoding="utf-8")
    code, _, err = run(capsys, "purge", "--older-than", "90", "--config", str(config))
    assert code == 2
    assert (
        err.startswith("decisionaid: the database postgresql")
        and "run 'decisionaid db upgrade'" in err
    )
    assert err.count("\n") == 1


def test_a_wrong_key_is_one_line_from_the_command(tmp_path, capsys, monkeypatch):
    path = tmp_path / "enc.db"
    monkeypatch.setenv("DECISIONAID_DATABASE_URL", f"sqlite:///{path}")
    monkeypatch.setenv("DECISIONAID_DB_KEY", "the right key")
    monkeypatch.delenv("DECISIONAID_CONFIG", raising=False)
    code, out, _ = run(capsys, "db", "upgrade")
    assert code == 0 and "(encrypted)" in out
    monkeypatch.setenv("DECISIONAID_DB_KEY", "a wrong key")
    code, _, err = run(capsys, "db", "status")
    assert code == 2
    assert (
        err == f"decisionaid: the database key does not open {path}: check DECISIONAID_DB_KEY "
        "or db_key in the config file\n"
    )
    monkeypatch.setenv("DECISIONAID_DB_KEY", "the right key")
    code, out, _ = run(capsys, "db", "status")
    assert code == 0 and "up to date" in out
