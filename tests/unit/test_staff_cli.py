"""``decisionaid staff``: accounts from a terminal, the PIN read twice from standard input."""

from __future__ import annotations

import io
import sys

import pytest

from decisionaid.cli import main
from decisionaid.config import load_config
from decisionaid.services import staff
from decisionaid.services.pins import PinHasher
from decisionaid.storage.database import connect


@pytest.fixture
def site(tmp_path, monkeypatch):
    """A site whose database is a fresh SQLite file; the real hasher is swapped for a fast one."""
    url = f"sqlite:///{tmp_path / 'site.db'}"
    monkeypatch.setenv("DECISIONAID_DATABASE_URL", url)
    monkeypatch.setenv("DECISIONAID_CONFIG", str(tmp_path / "none.toml"))
    (tmp_path / "none.toml").write_text("")
    monkeypatch.setattr(staff, "_default_hasher", PinHasher.fast())
    return url


def site_db(url: str):
    """The site's database as the commands open it: encrypted, with the key the first command
    made in the configuration folder."""
    return connect(url, load_config().db_key)


def run(monkeypatch, capsys, argv, stdin=""):
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(["staff", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_an_admin_adds_a_peer_who_can_then_sign_in(site, monkeypatch, capsys):
    """The PIN comes from standard input, typed twice; it never appears in the output."""
    code, out, err = run(monkeypatch, capsys, ["add", "Maria G", "--role", "admin"], "123456\n123456\n")
    assert (code, err) == (0, "")
    assert "added Maria G (admin)" in out and "123456" not in out
    code, out, _ = run(monkeypatch, capsys, ["list"])
    assert out.splitlines() == ["Maria G\tadmin\tactive"]
    with site_db(site) as db:
        assert staff.sign_in(db, "maria g", "123456").role == "admin"


def test_two_different_pins_change_nothing(site, monkeypatch, capsys):
    code, _, err = run(monkeypatch, capsys, ["add", "Ana"], "1234\n4321\n")
    assert code != 0 and err.strip() == "decisionaid: the two PINs are not the same: nothing was changed"
    _, out, _ = run(monkeypatch, capsys, ["list"])
    assert "Ana" not in out


def test_a_pin_that_is_not_4_to_8_digits_is_refused_in_one_line(site, monkeypatch, capsys):
    code, _, err = run(monkeypatch, capsys, ["add", "Ana"], "12\n12\n")
    assert code != 0 and err.strip() == "decisionaid: a staff PIN is 4 to 8 digits"


def test_the_pin_is_never_an_argument(site, monkeypatch, capsys):
    """There is no --pin option, so a PIN never lands in the shell's history."""
    with pytest.raises(SystemExit):
        run(monkeypatch, capsys, ["add", "Ana", "--pin", "1234"])


def test_reset_pin_and_disable(site, monkeypatch, capsys):
    run(monkeypatch, capsys, ["add", "Ana"], "1234\n1234\n")
    code, out, _ = run(monkeypatch, capsys, ["reset-pin", "ana"], "98765\n98765\n")
    assert code == 0 and "unlocked" in out
    with site_db(site) as db:
        assert staff.sign_in(db, "Ana", "98765").name == "Ana"
    code, out, _ = run(monkeypatch, capsys, ["disable", "Ana"])
    assert code == 0
    _, out, _ = run(monkeypatch, capsys, ["list"])
    assert out.splitlines() == ["Ana\tpeer\tdisabled"]


def test_resetting_an_unknown_account_says_so_before_asking_for_a_pin(site, monkeypatch, capsys):
    code, _, err = run(monkeypatch, capsys, ["reset-pin", "Nobody"])
    assert code != 0 and "no staff account named 'Nobody'" in err
