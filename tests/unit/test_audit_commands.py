"""Every command that touches a person's data or a staff account is recorded as the command
line, with the operating-system user who ran it, against the people it touched."""

from __future__ import annotations

import io
import sys
from datetime import date
from pathlib import Path

import pytest

from decisionaid.cli import main
from decisionaid.config import PROJECT_ROOT
from decisionaid.content.loader import load_content
from decisionaid.services import audit, roles, staff
from decisionaid.services.pins import PinHasher
from decisionaid.services.profiles import ProfileService
from decisionaid.services.visits import VisitService
from decisionaid.storage.database import connect
from decisionaid.storage.migrate import upgrade


@pytest.fixture
def site(tmp_path: Path, monkeypatch):
    """A site with one person and one finished visit; commands run as 'clinic-it'."""
    url = f"sqlite:///{tmp_path / 'decisionaid.db'}"
    config = tmp_path / "config.toml"
    config.write_text(f'database_url = "{url}"\n', encoding="utf-8")
    for name in ("DECISIONAID_DATABASE_URL", "DECISIONAID_DB_KEY", "DECISIONAID_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(roles.getpass, "getuser", lambda: "clinic-it")
    monkeypatch.setattr(staff, "_default_hasher", PinHasher.fast())
    db = connect(url)
    upgrade(db)
    ana = ProfileService(db, hasher=PinHasher.fast()).create("Ana", date(1980, 5, 6), "1111", "en")
    kv = VisitService(db, load_content(PROJECT_ROOT, ("en", "es"))).start(ana.id)
    kv.finish()
    db.dispose()
    return config, url, ana.id, kv.id


def run(monkeypatch, capsys, *argv: str, stdin: str = "") -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(argv))
    _, err = capsys.readouterr()
    assert code == 0, err


def test_each_command_leaves_an_event_with_the_operating_system_user(site, monkeypatch, capsys,
                                                                     tmp_path):
    config, url, ana, visit = site
    c = ("--config", str(config))
    commands = [
        (("staff", "add", "Maria", "--role", "prescriber", *c), "1234\n1234\n", staff.ADDED),
        (("staff", "list", *c), "", audit.STAFF_COMMAND),
        (("staff", "reset-pin", "Maria", *c), "5678\n5678\n", staff.PIN_RESET),
        (("staff", "set-language", "Maria", "--language", "es", *c), "", staff.LANGUAGE_CHANGED),
        (("staff", "disable", "Maria", *c), "", staff.DISABLED),
        (("report", str(visit), "-o", str(tmp_path / "r.pdf"), *c), "", audit.REPORT_VIEW),
        (("export", "--format", "csv", "-o", str(tmp_path / "a.csv"), *c), "", audit.EXPORT),
        (("purge", "--older-than", "1", "--yes", *c), "", audit.PURGE),
    ]
    for argv, stdin, action in commands:
        run(monkeypatch, capsys, *argv, stdin=stdin)
        with connect(url) as db:
            [event, *_] = audit.events(db, action=action)
        assert (event.actor, event.staff_id, event.details.get("os_user")) == (
            "cli", None, "clinic-it"), argv
    with connect(url) as db:
        about_ana = {e.action for e in audit.events(db, service_user_id=ana)}
        about_visit = {e.action for e in audit.events(db, visit_id=visit)}
        assert {audit.EXPORTED_PERSON} <= about_ana and audit.REPORT_VIEW in about_visit
        # No command is recorded as a peer worker without a name any more.
        assert not [e for e in audit.events(db, limit=1000)
                    if e.actor == "peer" and e.staff_id is None]
