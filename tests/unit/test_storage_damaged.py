"""Damaged is not encrypted: one line naming the file and the way back, for every command."""

from __future__ import annotations

import os
import random
from pathlib import Path
from types import SimpleNamespace

import pytest

from decisionaid.cli import main
from decisionaid.content.model import ItemRef
from decisionaid.services.visits import VisitService
from decisionaid.storage import DatabaseError, open_database
from decisionaid.storage.database import connect
from decisionaid.storage.migrate import upgrade

MINI = Path(__file__).resolve().parent.parent / "data" / "mini"
KEY = "the clinic's long key"
PAGE = 4096


def make_database(path: Path, key: str | None, content) -> bytes:
    """A database with a few finished visits; its bytes once closed."""
    with connect(f"sqlite:///{path}", key) as db:
        upgrade(db, key=key)
        visits = VisitService(db, content)
        for n in range(60):
            kv = visits.start()
            kv.go_to(ItemRef("decision", "power"))
            kv.confirm(f"visit {n}: " + "words " * 70)
            kv.finish()
    data = path.read_bytes()
    path.unlink()
    return data


_made: dict = {}


def real_database(path: Path, key: str | None, content) -> bytes:
    """``make_database``, made once per key for the whole module."""
    if key not in _made:
        _made[key] = make_database(path, key, content)
    return _made[key]


def damage(kind: str, path: Path, content) -> str | None:
    """Write a damaged database of ``kind`` at ``path``; returns the key it is opened with."""
    rng = random.Random(kind)
    if kind == "200 random bytes":
        path.write_bytes(rng.randbytes(200))
        return None
    if kind == "text, not a database":
        path.write_bytes(b"Dear admin, these are my notes.\n" * 256)
        return None
    key = KEY if kind.startswith("encrypted") else None
    data = real_database(path, key, content)
    if kind.endswith("cut short"):
        data = data[: len(data) // 2 + 100]
    else:  # pages in the middle overwritten: the header and schema are fine
        middle = len(data) // PAGE // 2
        data = data[: middle * PAGE] + rng.randbytes(3 * PAGE) + data[(middle + 3) * PAGE:]
    path.write_bytes(data)
    return key


KINDS = [
    "200 random bytes",
    "text, not a database",
    "plain, cut short",
    "plain, broken pages",
    "encrypted, cut short",
    "encrypted, broken pages",
]
COMMANDS = [
    ["db", "status"],
    ["db", "upgrade"],
    ["report", "1", "-o", "{tmp}/r.pdf"],
    ["export", "--format", "csv", "-o", "{tmp}/a.csv"],
    ["purge", "--older-than", "90"],
    ["staff", "list"],
    ["backup", "-o", "{tmp}/b.db"],
]


@pytest.fixture
def damaged_site(request, tmp_path, monkeypatch, visit_content):
    for name in ("DECISIONAID_DATABASE_URL", "DECISIONAID_DB_KEY", "DECISIONAID_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    path = tmp_path / "data" / "decisionaid.db"
    path.parent.mkdir()
    key = damage(request.param, path, visit_content)
    config = tmp_path / "config.toml"
    config.write_text(f'database_url = "sqlite:///{path}"\ncontent_dir = "{MINI}"\n'
                      + (f'db_key = "{key}"\n' if key else ""), encoding="utf-8")
    config.chmod(0o600)
    return config, path, key


def assert_damaged_line(message: str, path: Path) -> None:
    assert message.count("\n") <= 1 and "Traceback" not in message
    assert f"the database {path} is damaged" in message
    assert "'decisionaid restore BACKUP_FILE'" in message


@pytest.mark.parametrize("damaged_site", KINDS, indirect=True)
def test_the_kiosk_start_gets_one_damaged_line(damaged_site):
    _, path, key = damaged_site
    before = path.read_bytes()
    with pytest.raises(DatabaseError) as caught:  # what the kiosk's start path calls
        open_database(SimpleNamespace(database_url=f"sqlite:///{path}", db_key=key))
    assert_damaged_line(str(caught.value), path)
    assert "encrypted: set its key" not in str(caught.value)
    assert path.read_bytes() == before  # never "repaired" into an empty database


@pytest.mark.parametrize("damaged_site", KINDS, indirect=True)
@pytest.mark.parametrize("argv", COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_every_command_says_damaged_in_one_line(damaged_site, argv, tmp_path, capsys):
    config, path, _ = damaged_site
    code = main([a.format(tmp=tmp_path) for a in argv] + ["--config", str(config)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("decisionaid: ") and err.endswith("\n")
    assert_damaged_line(err, path)


def test_an_encrypted_file_without_its_key_still_says_encrypted(tmp_path, visit_content):
    path = tmp_path / "enc.db"
    path.write_bytes(real_database(path, KEY, visit_content))
    with pytest.raises(DatabaseError, match="is encrypted: set its key"):
        open_database(SimpleNamespace(database_url=f"sqlite:///{path}", db_key=None))
    with pytest.raises(DatabaseError, match="the database key does not open"):
        open_database(SimpleNamespace(database_url=f"sqlite:///{path}", db_key="another key!"))


def test_a_healthy_database_passes(tmp_path, visit_content):
    path = tmp_path / "ok.db"
    path.write_bytes(real_database(path, None, visit_content))
    open_database(SimpleNamespace(database_url=f"sqlite:///{path}", db_key=None)).dispose()
    assert os.path.getsize(path) > 0
