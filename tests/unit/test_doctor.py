"""``decisionaid doctor``: one line per check, what to do on each failing one, and exit 0 only
when every check passes (1 with a warning, 2 with a failure)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from decisionaid.cli import main
from decisionaid.services.doctor import Finding, check_backup_age, check_permissions

MINI = Path(__file__).resolve().parents[1] / "data" / "mini"
KEY = "correct horse battery"


def _site(tmp_path: Path, key: str = KEY, printer: str | None = None) -> Path:
    config = tmp_path / "site.toml"
    lines = ['site_name = "Riverside"', f'content_dir = "{MINI}"',
             f'database_url = "sqlite:///{tmp_path / "db" / "decisionaid.db"}"',
             f'db_key = "{key}"']
    if printer:
        lines.append(f'printer = "{printer}"')
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    config.chmod(0o600)
    return config


def _doctor(capsys, config: Path) -> tuple[int, list[str]]:
    capsys.readouterr()  # only what doctor prints
    code = main(["doctor", "--config", str(config), "--no-qt"])
    return code, capsys.readouterr().out.splitlines()


def _line(lines: list[str], name: str) -> str:
    return next(line for line in lines if line.split(maxsplit=1)[1].startswith(f"{name}:"))


@pytest.fixture
def in_new_york(monkeypatch):
    """The machine's clock in the clinic's zone (the test machine may be on UTC)."""
    import time

    def move():
        monkeypatch.setenv("TZ", "America/New_York")
        time.tzset()

    yield move
    monkeypatch.undo()
    time.tzset()


def test_a_finding_is_one_plain_line_with_what_to_do_when_it_fails():
    assert Finding("disk", True, "80 GB free").line() == "ok    disk: 80 GB free"
    assert (Finding("disk", False, "0.2 GB free", "free at least 1 GB").line()
            == "FAIL  disk: 0.2 GB free; free at least 1 GB")


def test_a_wrong_key_and_a_missing_backup_fail_with_what_to_do(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    assert main(["db", "upgrade", "--config", str(_site(tmp_path))]) == 0
    code, lines = _doctor(capsys, _site(tmp_path, key="another key entirely"))
    assert code == 2
    assert _line(lines, "configuration").startswith("ok")
    assert _line(lines, "content").startswith("ok")
    database = _line(lines, "database")
    assert database.startswith("FAIL") and "key" in database
    backup = _line(lines, "backup")
    assert backup.startswith("FAIL") and "decisionaid backup -o " in backup
    assert all("; " in line for line in lines if line.startswith("FAIL"))
    assert lines[-1].endswith("then run 'decisionaid doctor' again")


def test_an_old_schema_says_to_run_db_upgrade(tmp_path, capsys):
    config = _site(tmp_path)
    from decisionaid.storage.database import connect

    (tmp_path / "db").mkdir(mode=0o700)
    db = connect(f"sqlite:///{tmp_path / 'db' / 'decisionaid.db'}", KEY)
    with db.engine.begin() as conn:  # a database, but no schema yet
        conn.exec_driver_sql("CREATE TABLE notes (text TEXT)")
    db.dispose()
    code, lines = _doctor(capsys, config)
    assert code == 2
    assert _line(lines, "database").startswith("ok")
    schema = _line(lines, "schema")
    assert schema.startswith("FAIL") and "decisionaid db upgrade" in schema


def test_a_database_others_can_read_is_named_with_the_command_that_mends_it(tmp_path):
    from decisionaid.config import load_config

    config = load_config(_site(tmp_path))
    main(["db", "upgrade", "--config", str(config.source)])
    db_file = tmp_path / "db" / "decisionaid.db"
    db_file.chmod(0o644)
    [finding] = check_permissions(config)
    assert not finding.ok and finding.fix == f"chmod 600 {db_file}"
    db_file.chmod(0o600)
    assert check_permissions(config)[0].ok


def test_a_backup_two_days_old_fails(tmp_path):
    from decisionaid.config import load_config
    from decisionaid.storage.backup import backups_dir

    config = load_config(_site(tmp_path))
    main(["db", "upgrade", "--config", str(config.source)])
    main(["backup", "-o", str(tmp_path / "x.db"), "--config", str(config.source)])
    from decisionaid.storage.backup import nightly_backup

    made = nightly_backup(config)
    assert made.parent == backups_dir()
    assert check_backup_age(config)[0].ok
    two_days = made.stat().st_mtime + 48 * 3600
    [old] = check_backup_age(config, now=two_days)
    assert not old.ok and "48 hours old" in old.found


@pytest.mark.integration
def test_everything_in_order_passes_and_exits_0(tmp_path, capsys, in_new_york):
    queue = os.environ.get("DECISIONAID_TEST_PRINTER")
    if not queue:
        reason = "DECISIONAID_TEST_PRINTER is not set (make test adds a CUPS PDF queue)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    from decisionaid.config import data_dir, load_config
    from decisionaid.storage.backup import nightly_backup

    in_new_york()

    config = _site(tmp_path, printer=queue)
    assert main(["db", "upgrade", "--config", str(config)]) == 0
    nightly_backup(load_config(config))
    data_dir().chmod(0o700)
    code, lines = _doctor(capsys, config)
    assert code == 0, "\n".join(lines)
    names = [line.split(maxsplit=1)[1].split(":")[0] for line in lines[:-1]]
    assert names == ["configuration", "content", "database", "schema", "key", "permissions",
                     "secrets", "disk", "printer", "backup", "time zone"]
    assert lines[-1] == "all checks passed"


def test_a_check_that_breaks_is_logged_and_the_line_says_where_the_log_is(tmp_path, capsys,
                                                                          monkeypatch):
    from decisionaid.app import log_file
    from decisionaid.services import doctor

    def check_printer(config):
        raise RuntimeError("the printer driver fell over")

    monkeypatch.setattr(doctor, "PLAIN_CHECKS", (check_printer,))
    config = tmp_path / "config.toml"
    config.write_text(f'database_url = "sqlite:///{tmp_path / "d.db"}"\n', encoding="utf-8")
    assert main(["doctor", "--config", str(config), "--no-qt"]) == 2
    out, err = capsys.readouterr()
    [line] = [x for x in out.splitlines() if "printer" in x]
    assert f"see the log in {log_file()}" in line
    assert "Traceback" not in out + err
    assert "the printer driver fell over" in log_file().read_text(encoding="utf-8")


def test_a_database_from_a_newer_version_says_to_update_this_machine(tmp_path, capsys):
    from decisionaid.storage.database import connect

    config = _site(tmp_path)
    assert main(["db", "upgrade", "--config", str(config)]) == 0
    db = connect(f"sqlite:///{tmp_path / 'db' / 'decisionaid.db'}", KEY)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    db.dispose()
    code, lines = _doctor(capsys, config)
    schema = _line(lines, "schema")
    assert code == 2
    assert "newer decisionaid" in schema and "update decisionaid on this machine" in schema
    assert "db upgrade" not in schema
