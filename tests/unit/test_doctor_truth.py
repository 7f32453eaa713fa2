"""``doctor``, ``backup`` and ``restore`` tell a full disk, a folder of another account, a wrong
key and real damage apart, and only real damage is told to restore; the backup check fails a
backup that the current key does not open or that is of another database."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

import pytest

from decisionaid.cli import main
from decisionaid.config import load_config

MINI = Path(__file__).resolve().parents[1] / "data" / "mini"
KEY = "correct horse battery"


def site(folder: Path, key: str | None = KEY, database: Path | None = None) -> Path:
    database = database or folder / "db" / "decisionaid.db"
    config = folder / "site.toml"
    config.write_text("\n".join([
        'site_name = "Riverside"', f'content_dir = "{MINI}"',
        f'database_url = "sqlite:///{database}"', *([f'db_key = "{key}"'] if key else []),
    ]) + "\n", encoding="utf-8")
    config.chmod(0o600)
    return config


def run(capsys, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def line(out: str, name: str) -> str:
    return next(x for x in out.splitlines() if x[6:].startswith(f"{name}:"))


@pytest.fixture
def in_new_york(monkeypatch):
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


# ---- a full disk ----------------------------------------------------------------------------


@pytest.fixture
def tiny_disk(tmp_path):
    """A 4 MB file system of its own (tmpfs), unmounted afterwards."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs",
                           str(mount)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        reason = f"cannot mount a small tmpfs here: {done.stderr.strip() or 'not root'}"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(folder: Path) -> None:
    for size in (65536, 1):  # then the last few bytes too
        try:
            with open(folder / f"filler-{size}", "wb") as f:
                while True:
                    f.write(b"\0" * size)
                    f.flush()
        except OSError:
            pass


@pytest.mark.parametrize("key", [KEY, None], ids=["encrypted", "plain"])
def test_a_full_disk_is_never_called_damaged_and_restore_changes_nothing(
        tmp_path, tiny_disk, capsys, key, in_new_york):
    config = site(tmp_path, key, database=tiny_disk / "data" / "decisionaid.db")
    assert main(["db", "upgrade", "--config", str(config)]) == 0
    backup = tmp_path / "before.db"
    assert main(["backup", "-o", str(backup), "--config", str(config)]) == 0
    database = tiny_disk / "data" / "decisionaid.db"
    before = database.read_bytes()
    fill(tiny_disk)
    said = []
    for argv in (["doctor", "--no-qt"], ["db", "status"], ["backup", "-o", str(tmp_path / "b.db")],
                 ["backup", "-o", str(tiny_disk / "b.db")], ["staff", "list"],
                 ["restore", str(backup), "--yes"]):
        code, out, err = run(capsys, *argv, "--config", str(config))
        said.append((argv[0], code, out + err))
        assert "Traceback" not in out + err
        assert "damaged" not in out + err and "restore" not in (out + err).replace(
            "decisionaid restore", "").replace("restore " + str(backup), ""), (argv, out, err)
    doctor = said[0][2]
    assert said[0][1] == 2
    assert "damag" not in doctor.lower() and "restor" not in doctor.lower()
    assert "FAIL  database: the disk holding" in doctor and "is full" in doctor
    for command, code, text in said[1:]:
        assert code != 0 and "full" in text, (command, text)
    assert database.read_bytes() == before  # restore over a full disk replaced nothing


# ---- another account's folder ---------------------------------------------------------------


def as_nobody(argv: list[str], env: dict[str, str]) -> tuple[int, str]:
    """Run the command in a child that has become 'nobody' (root only): the modules it needs
    are already loaded, since that account cannot read the interpreter's own folder."""
    import pwd

    nobody = pwd.getpwnam("nobody")
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        code = 99
        try:
            os.close(read)
            sys.stdout = sys.stderr = os.fdopen(write, "w", buffering=1)
            os.setgroups([])
            os.setgid(nobody.pw_gid)
            os.setuid(nobody.pw_uid)
            os.environ.update(env)
            code = main(argv)
        except BaseException:  # shown to the test, which would otherwise read nothing
            traceback.print_exc(file=sys.stdout)
        finally:
            sys.stdout.flush()
            os._exit(code)
    os.close(write)
    with os.fdopen(read, encoding="utf-8", errors="replace") as f:
        text = f.read()
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), text


@pytest.mark.skipif(os.geteuid() != 0, reason="making a folder of another account needs root")
def test_a_backups_folder_left_by_root_is_named_with_the_chown_that_mends_it(tmp_path, capsys,
                                                                            in_new_york):
    import pwd

    nobody = pwd.getpwnam("nobody")
    base = Path(tempfile.mkdtemp(prefix="decisionaid-not-root-"))  # a folder nobody can enter
    base.chmod(0o755)
    home = base / "kiosk"
    home.mkdir()
    data = home / "share"
    config = site(home, KEY, database=data / "decisionaid" / "decisionaid.db")
    env = {"XDG_DATA_HOME": str(data), "HOME": str(home)}
    os.environ.update(env)
    try:
        assert main(["db", "upgrade", "--config", str(config)]) == 0
        assert main(["backup", "-o", str(tmp_path / "warm.db"), "--config", str(config)]) == 0
        # Everything the kiosk's account owns, except backups/, made by a command run as root.
        (data / "decisionaid" / "backups").mkdir(mode=0o700)
        for path in [home, *home.rglob("*")]:
            if path.name != "backups":
                os.chown(path, nobody.pw_uid, nobody.pw_gid)
        # The child cannot read this checkout (it may sit in a folder only root can enter), so
        # everything the two commands load is loaded here first, by running them as root on
        # a site of their own.
        (tmp_path / "warm").mkdir()
        warm = site(tmp_path / "warm", KEY)
        assert main(["db", "upgrade", "--config", str(warm)]) == 0
        (tmp_path / "warm" / "backups").mkdir(mode=0o700)
        assert main(["backup", "-o", str(tmp_path / "warm" / "backups" / "x.db"),
                     "--config", str(warm)]) == 0
        run(capsys, "doctor", "--no-qt", "--config", str(warm))
        code, text = as_nobody(["backup", "-o", str(data / "decisionaid" / "backups" / "x.db"),
                                "--config", str(config)], env)
        assert code == 2 and text.count("\n") == 1, text
        assert "backups" in text and "permission denied (it belongs to root)" in text
        assert "unexpected" not in text
        code, text = as_nobody(["doctor", "--no-qt", "--config", str(config)], env)
        permissions = line(text, "permissions")
        assert permissions.startswith("FAIL") and "belongs to root, not to nobody" in permissions
        assert f"as root, with 'chown -R nobody: {data / 'decisionaid' / 'backups'}" in permissions
        assert "damaged" not in text and "Traceback" not in text
    finally:
        for name in env:
            os.environ.pop(name, None)
        shutil.rmtree(base)


# ---- the backup check ------------------------------------------------------------------------


def test_a_backup_made_before_a_key_change_fails(tmp_path, capsys, in_new_york):
    from decisionaid.storage.backup import nightly_backup

    config = site(tmp_path)
    assert main(["db", "upgrade", "--config", str(config)]) == 0
    nightly_backup(load_config(config))
    backup = line(run(capsys, "doctor", "--no-qt", "--config", str(config))[1], "backup")
    assert backup.startswith("ok") and "opens with the current key" in backup
    new_key = tmp_path / "new.key"
    new_key.write_text("a brand new key 2\n", encoding="utf-8")
    new_key.chmod(0o600)
    assert main(["db", "rekey", "--key-file", str(new_key), "--config", str(config)]) == 0
    config = site(tmp_path, "a brand new key 2")
    code, out, _ = run(capsys, "doctor", "--no-qt", "--config", str(config))
    backup = line(out, "backup")
    assert code == 2 and backup.startswith("FAIL")
    assert "cannot be restored with this configuration" in backup and "key" in backup
    assert "decisionaid backup -o" in backup


def test_a_backup_of_another_database_fails(tmp_path, capsys, in_new_york):
    from decisionaid.storage.backup import backups_dir

    other = site(tmp_path / "other" if (tmp_path / "other").mkdir() is None else tmp_path)
    assert main(["db", "upgrade", "--config", str(other)]) == 0
    backups_dir().mkdir(parents=True, mode=0o700)
    stamp = time.strftime("%Y%m%dT%H%M%S")
    assert main(["backup", "-o", str(backups_dir() / f"decisionaid-{stamp}.db"),
                 "--config", str(other)]) == 0
    config = site(tmp_path)
    assert main(["db", "upgrade", "--config", str(config)]) == 0
    backup = line(run(capsys, "doctor", "--no-qt", "--config", str(config))[1], "backup")
    assert backup.startswith("FAIL") and "a backup of another database" in backup


def test_an_sqlite_backup_is_no_backup_of_a_postgresql_database(tmp_path, monkeypatch):
    from decisionaid.services.doctor import check_backup
    from decisionaid.storage.backup import backups_dir

    backups_dir().mkdir(parents=True, mode=0o700)
    (backups_dir() / f"decisionaid-{time.strftime('%Y%m%dT%H%M%S')}.db").write_bytes(b"x")
    monkeypatch.setenv("DECISIONAID_DATABASE_URL", "postgresql+psycopg://u@127.0.0.1/x")
    config = load_config(site(tmp_path, None))
    [finding] = check_backup(config)
    assert not finding.ok and "no backup of this PostgreSQL database" in finding.found
    assert "is of the database used before" in finding.found


def test_a_failed_nightly_backup_is_a_failure_until_one_works(tmp_path, in_new_york):
    from datetime import UTC, datetime

    from decisionaid.services.closing import _nightly_backup
    from decisionaid.services.doctor import check_backup
    from decisionaid.storage.backup import backups_dir, nightly_backup

    config = load_config(site(tmp_path))
    main(["db", "upgrade", "--config", str(config.source)])

    def broken(config):
        raise OSError(28, "No space left on device")

    _nightly_backup(config, datetime.now(UTC), broken, backups_dir())
    [finding] = check_backup(config)
    assert not finding.ok and finding.found.startswith("last night's backup failed")
    assert "No space left on device" in finding.found
    _nightly_backup(config, datetime.now(UTC), nightly_backup, backups_dir())
    assert check_backup(config)[0].ok


def test_a_backup_killed_half_way_leaves_no_part_file_behind(tmp_path):
    from decisionaid.storage.backup import backups_dir, nightly_backup

    config = load_config(site(tmp_path))
    main(["db", "upgrade", "--config", str(config.source)])
    folder = backups_dir()
    folder.mkdir(parents=True, mode=0o700)
    left = folder / ".decisionaid-20261201T180000.db.k2j3h4.part"
    left.write_bytes(b"\0" * 4096)
    old = time.time() - 3600
    os.utime(left, (old, old))
    nightly_backup(config)
    assert not left.exists()
    assert [p.name for p in folder.iterdir() if p.name.endswith(".part")] == []


# ---- time zone, pg_dump, --json -------------------------------------------------------------


def test_a_machine_on_utc_is_warned_about_and_the_zone_is_shown(tmp_path, monkeypatch, capsys):
    from decisionaid.services.doctor import check_time_zone

    config = load_config(site(tmp_path))
    monkeypatch.setenv("TZ", "Etc/UTC")
    time.tzset()
    try:
        [utc] = check_time_zone(config)
        assert utc.state == "warn" and "Etc/UTC" in utc.found and "timedatectl" in utc.fix
        monkeypatch.setenv("TZ", "America/Chicago")
        time.tzset()
        [chicago] = check_time_zone(config)
        assert chicago.ok and chicago.found.startswith("America/Chicago (UTC-")
    finally:
        monkeypatch.undo()
        time.tzset()


def test_postgresql_without_pg_dump_fails_and_says_to_install_the_client(tmp_path, monkeypatch):
    from decisionaid.services.doctor import check_pg_tools

    config = load_config(site(tmp_path, None))
    assert check_pg_tools(config) == []  # SQLite needs no client tools
    monkeypatch.setenv("DECISIONAID_DATABASE_URL", "postgresql+psycopg://u@127.0.0.1:1/x")
    monkeypatch.setenv("PATH", str(tmp_path))
    [finding] = check_pg_tools(load_config(site(tmp_path, None)))
    assert not finding.ok and "pg_dump and pg_restore not installed" in finding.found
    assert finding.fix.endswith("apt install postgresql-client")


def test_json_and_the_exit_code_say_the_worst_state(tmp_path, capsys, monkeypatch):
    from decisionaid.services import doctor
    from decisionaid.services.findings import Finding

    def fine(config):
        return [Finding("disk", True, "80 GB free")]

    def zone(config):
        return [Finding("time zone", False, "Etc/UTC (UTC+0)", "set it", warning=True)]

    def printer(config):
        return [Finding("printer", False, "the printer 'Desk' cannot be reached", "switch it on")]

    config = site(tmp_path)
    prom = tmp_path / "decisionaid.prom"
    for checks, code, state in (((fine,), 0, "ok"), ((fine, zone), 1, "warn"),
                                ((fine, zone, printer), 2, "fail")):
        monkeypatch.setattr(doctor, "PLAIN_CHECKS", checks)
        got, out, err = run(capsys, "doctor", "--no-qt", "--json", "--config", str(config),
                            "--textfile", str(prom))
        result = json.loads(out)
        assert got == code and result["state"] == state, (out, err)
        assert [c["name"] for c in result["checks"]] == ["configuration", *(
            c(None)[0].name for c in checks)]
        assert f"decisionaid_doctor_state {code}\n" in prom.read_text(encoding="utf-8")
    assert 'decisionaid_doctor_check{check="printer"} 2' in prom.read_text(encoding="utf-8")
    _, out, _ = run(capsys, "doctor", "--no-qt", "--config", str(config))
    assert out.splitlines()[-1].startswith("1 of 4 checks failed and 1 warns")


def test_a_postgresql_backup_carries_its_database_id(pg_url, tmp_path, monkeypatch, in_new_york):
    """The nightly pg_dump of this database passes; it is read back with pg_restore."""
    from decisionaid.services.doctor import check_backup
    from decisionaid.services.doctor_checks import database_id
    from decisionaid.storage.backup import backup_database_id, nightly_backup

    if shutil.which("pg_dump") is None:
        reason = "pg_dump is not installed (postgresql-client)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    monkeypatch.setenv("DECISIONAID_DATABASE_URL", pg_url)
    config = load_config(site(tmp_path, None))
    assert main(["db", "upgrade", "--config", str(config.source)]) == 0
    made = nightly_backup(config)
    assert made.suffix == ".dump"
    assert backup_database_id(config, made) == database_id(config) is not None
    [finding] = check_backup(config)
    assert finding.ok, finding.line()
