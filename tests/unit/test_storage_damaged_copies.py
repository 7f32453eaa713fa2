"""A byte flipped anywhere in a real database (plain or encrypted) is either unseen by SQLite or
named as damage, by every command and by the kiosk's start: never as a wrong key, an
"unexpected error" or a traceback."""

from __future__ import annotations

import random

import pytest
from test_storage_damaged import KEY, MINI, real_database

from decisionaid.cli import main
from decisionaid.config import Config
from decisionaid.storage.problems import as_user_error

SALT = 16  # an SQLCipher file's first bytes: its salt, which no key can be checked without
COPIES = 48  # of each kind: 96 in all


def offsets(size: int, key: str | None) -> list[int]:
    rng = random.Random(f"flips-{bool(key)}")
    first = SALT if key else 0
    header = list(range(first, 100, 7))  # the header and first page, where it matters most
    rest = sorted(rng.sample(range(100, size), COPIES - len(header)))
    return header + rest


def said_by(argv: list[str], capsys) -> tuple[int, str]:
    capsys.readouterr()
    code = main(argv)
    return code, capsys.readouterr().err


@pytest.mark.parametrize("key", [None, KEY], ids=["plain", "encrypted"])
def test_every_flipped_byte_is_unseen_or_called_damage(key, tmp_path, capsys, visit_content,
                                                        monkeypatch):
    for name in ("DECISIONAID_DATABASE_URL", "DECISIONAID_DB_KEY", "DECISIONAID_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    data = real_database(tmp_path / "made.db", key, visit_content)
    wrong = []
    for n, offset in enumerate(offsets(len(data), key)):
        folder = tmp_path / f"copy{n}"
        folder.mkdir(mode=0o700)
        path = folder / "decisionaid.db"
        damaged = bytearray(data)
        damaged[offset] ^= 0xA5
        path.write_bytes(bytes(damaged))
        config = folder / "config.toml"
        config.write_text(f'database_url = "sqlite:///{path}"\ncontent_dir = "{MINI}"\n'
                          + (f'db_key = "{key}"\n' if key else ""), encoding="utf-8")
        config.chmod(0o600)
        for argv in (["db", "status"], ["backup", "-o", str(folder / "b.db")]):
            code, err = said_by([*argv, "--config", str(config)], capsys)
            if code == 0:
                continue
            if not (f"the database {path} is damaged" in err and "decisionaid restore" in err
                    and err.count("\n") == 1):
                wrong.append((offset, argv[0], err))
        try:  # the kiosk's start: its services open, then what it says if they do not
            from decisionaid.app import open_app

            open_app(Config(database_url=f"sqlite:///{path}", db_key=key,
                            content_dir=MINI), logging_to=False).close()
        except Exception as e:
            line = str(as_user_error(e, f"sqlite:///{path}", key))
            if "is damaged" not in line:
                wrong.append((offset, "kiosk", line))
    assert wrong == []


def test_a_broken_first_page_is_not_taken_for_a_wrong_key(tmp_path, visit_content, capsys):
    data = bytearray(real_database(tmp_path / "made.db", KEY, visit_content))
    data[200] ^= 0xFF  # inside the first page, past the salt
    path = tmp_path / "decisionaid.db"
    path.write_bytes(bytes(data))
    config = tmp_path / "config.toml"
    config.write_text(f'database_url = "sqlite:///{path}"\ndb_key = "{KEY}"\n', encoding="utf-8")
    config.chmod(0o600)
    code, err = said_by(["db", "status", "--config", str(config)], capsys)
    assert code == 2 and f"the database {path} is damaged" in err
    config.write_text(f'database_url = "sqlite:///{path}"\ndb_key = "another key!"\n',
                      encoding="utf-8")
    path.write_bytes(real_database(tmp_path / "made.db", KEY, visit_content))
    code, err = said_by(["db", "status", "--config", str(config)], capsys)
    assert code == 2 and "the database key does not open" in err and "damaged" not in err


@pytest.mark.parametrize("offset", [0, 7, 15])
def test_a_broken_salt_is_damage_once_the_key_has_opened_the_file(offset, tmp_path, capsys,
                                                                  visit_content):
    """The key is mixed with the file's first 16 bytes; kept beside the file each time the key
    opens it, a broken one is told from another key."""
    data = real_database(tmp_path / "made.db", KEY, visit_content)
    path = tmp_path / "decisionaid.db"
    path.write_bytes(data)
    config = tmp_path / "config.toml"
    config.write_text(f'database_url = "sqlite:///{path}"\ndb_key = "{KEY}"\n', encoding="utf-8")
    config.chmod(0o600)
    assert said_by(["db", "status", "--config", str(config)], capsys)[0] == 0
    broken = bytearray(data)
    broken[offset] ^= 0x01
    path.write_bytes(bytes(broken))
    code, err = said_by(["db", "status", "--config", str(config)], capsys)
    assert code == 2 and f"the database {path} is damaged (its first bytes are broken)" in err
    # Another database in its place, which this key does not open: a key problem, not damage.
    path.write_bytes(_other_encrypted(tmp_path, visit_content))
    code, err = said_by(["db", "status", "--config", str(config)], capsys)
    assert code == 2 and "the database key does not open" in err


def _other_encrypted(tmp_path, content) -> bytes:
    from test_storage_damaged import make_database

    return make_database(tmp_path / "other.db", "a different key", content)
