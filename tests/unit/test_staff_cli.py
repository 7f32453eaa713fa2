"""``decisionaid staff``: accounts from a terminal, the PIN read twice from standard input."""

from __future__ import annotations

import io
import sys

import pytest

from decisionaid.cli import main
from decisionaid.config import load_config
from decisionaid.services import audit, staff
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
    assert out.splitlines() == ["Maria G\tadmin\tactive\tsite"]
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
    assert out.splitlines() == ["Ana\tpeer\tdisabled\tsite"]


def test_resetting_an_unknown_account_says_so_before_asking_for_a_pin(site, monkeypatch, capsys):
    code, _, err = run(monkeypatch, capsys, ["reset-pin", "Nobody"])
    assert code != 0 and "no staff account named 'Nobody'" in err


def test_an_account_is_given_its_own_language_and_a_language_the_site_lacks_is_refused(
        site, tmp_path, monkeypatch, capsys):
    """The language is one of the site's: added with it, changed later, back to the site's first."""
    (tmp_path / "none.toml").write_text('languages = ["en", "es"]\n')
    code, out, err = run(monkeypatch, capsys, ["add", "Maria G", "--language", "es"], "1234\n1234\n")
    assert (code, err) == (0, "")
    code, out, _ = run(monkeypatch, capsys, ["add", "Sam", "--role", "admin"], "1234\n1234\n")
    _, out, _ = run(monkeypatch, capsys, ["list"])
    assert out.splitlines() == ["Maria G\tpeer\tactive\tes", "Sam\tadmin\tactive\tsite"]

    code, out, err = run(monkeypatch, capsys, ["set-language", "Sam", "--language", "es"])
    assert (code, err, out.strip()) == (0, "", "Sam now sees the station and the desk in es")
    code, out, _ = run(monkeypatch, capsys, ["set-language", "maria g", "--language", "site"])
    assert out.strip() == "Maria G now sees the station and the desk in en (the site's first language)"
    with site_db(site) as db:
        assert [(m.name, m.language) for m in staff.list(db)] == [("Maria G", None), ("Sam", "es")]
        changes = audit.events(db, action=staff.LANGUAGE_CHANGED)
        assert sorted(e.details["language"] for e in changes) == ["es", "site"]
        assert {(e.actor, e.staff_id) for e in changes} == {("cli", None)}

    # A language the site does not offer: one line naming the ones it does, nothing changed
    # (and no PIN asked for a new account).
    code, _, err = run(monkeypatch, capsys, ["set-language", "Sam", "--language", "fr"])
    assert code != 0 and err.strip() == (
        "decisionaid: a staff language is one of this site's languages: en, es "
        "(or 'site' for the site's first), not 'fr'")
    code, _, err = run(monkeypatch, capsys, ["add", "Ana", "--language", "fr"], "")
    assert code != 0 and err.count("\n") == 1 and "en, es" in err
    code, _, err = run(monkeypatch, capsys, ["set-language", "Nobody", "--language", "es"])
    assert code != 0 and "no staff account named 'Nobody'" in err
    _, out, _ = run(monkeypatch, capsys, ["list"])
    assert out.splitlines() == ["Maria G\tpeer\tactive\tsite", "Sam\tadmin\tactive\tes"]
