"""The log says what went wrong and where, never who or what they said: a name, an answer and a
note planted in a real database stay out of the log file and stderr when saves and prints fail."""

from __future__ import annotations

import stat
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from decisionaid.app import log_file, open_app
from decisionaid.config import Config
from decisionaid.content.model import ItemRef
from decisionaid.services import staff
from decisionaid.services.pins import PinHasher
from decisionaid.storage.database import sqlite_driver
from decisionaid.ui.common.operations import wait_for_background
from decisionaid.ui.station.services import Dialogs, station_services
from decisionaid.ui.station.station import PeerStation
from decisionaid.ui.testing import wait_for

MINI = Path(__file__).resolve().parents[1] / "data" / "mini"
NAME = "Quillon Zebrastripe"
ANSWER = "sentinelanswer lullaby owls"
NOTE = "sentinel-note: called her sister Wren"
SENTINELS = ("Quillon", "Zebrastripe", "sentinelanswer", "lullaby owls", "sentinel-note", "Wren")


class BrokenPrinter:
    def print_pdf(self, pdf: bytes, title: str) -> None:
        raise OSError("the printer is out of paper")


class NoDialogs(Dialogs):
    def confirm(self, parent, title, text) -> bool:
        return True


def fail_inserts(path: Path, table: str) -> None:
    """From now on every write to ``table`` fails inside the database, as a full disk would:
    the real engine raises with the statement (and its values, unless it hides them)."""
    with sqlite_driver().connect(path) as raw:  # the program's own SQLite (see sqlite_driver)
        raw.execute(f"CREATE TRIGGER fail_{table} BEFORE INSERT ON {table} "
                    "BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END")


@pytest.fixture
def clinic(fake_time, tmp_path, qtbot):
    path = tmp_path / "clinic.db"
    app = open_app(Config(content_dir=MINI, database_url=f"sqlite:///{path}"),
                   printer=BrokenPrinter(), hasher=PinHasher.fast())
    # A finished visit by a named person, with a free-text answer.
    person = app.profiles.create(NAME, date(1980, 2, 3), "2468", "en")
    kv = app.visits.start(person.id)
    kv.go_to(ItemRef("feelings", "sleep"))
    kv.confirm(2)
    kv.confirm(ANSWER)  # "Tell us more about your sleep"
    app.visits.finish(kv.id)
    staff.add(app.db, "Maria", "peer", "4321", hasher=app.hasher)
    station = PeerStation(station_services(app, timers=fake_time, dialogs=NoDialogs(), sound=lambda: None,
                                           render_pages=lambda pdf: []))
    qtbot.addWidget(station)
    station.show()
    yield app, path, kv.id, station
    station.end_session()
    wait_for_background()
    app.close()


def test_failed_saves_and_prints_are_logged_without_names_answers_or_notes(clinic, qtbot, capfd):
    _app, path, visit_id, station = clinic
    station.sign_in.name.setText("Maria")
    station.sign_in.pin.setText("4321")
    qtbot.mouseClick(station.sign_in.button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: station.workspace is not None)

    # A print that fails.
    today = station.workspace.today
    wait_for(qtbot, lambda: today.list.rowCount() == 1)
    today.list.selectRow(0)
    qtbot.mouseClick(today.reprint_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: "Could not print" in today.message.text())

    # A review (with a note) whose save fails in the database.
    screen = station.workspace.open_visit(visit_id)
    wait_for(qtbot, lambda: screen.record is not None)
    fail_inserts(path, "peer_reviews")
    qtbot.keyClicks(screen.decision, f"Talk to Dr Lee. {NOTE}")
    screen.note.setText(NOTE)
    qtbot.mouseClick(screen.save, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: "see the log" in screen.message.text())
    wait_for_background()

    # The person is told where the log is; the log has the failures with their context.
    assert str(log_file()) in screen.message.text()
    text = log_file().read_text(encoding="utf-8")
    assert "peer station work failed" in text
    assert "IntegrityError" in text or "OperationalError" in text
    assert "INSERT INTO peer_reviews" in text  # what failed, without the values
    assert "OSError" in text  # the failed print
    # ...and nothing of the person's.
    stderr = capfd.readouterr().err
    for sentinel in SENTINELS:
        assert sentinel not in text, f"{sentinel!r} is in the log"
        assert sentinel not in stderr, f"{sentinel!r} is on stderr"
    assert stat.S_IMODE(log_file().stat().st_mode) == 0o600
    assert stat.S_IMODE(log_file().parent.stat().st_mode) == 0o700
