"""A complete audit: an admin walks every peer-station screen that shows a person's data (the
Today board, search, the person's page, a visit, a reprint, a PIN reset, an export, a purge),
and each leaves an event in the log that "Who has looked at my information" then shows."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from decisionaid.app import open_app
from decisionaid.config import Config
from decisionaid.services import audit, staff
from decisionaid.services.profiles import ProfileService
from decisionaid.ui.station.services import Dialogs, station_services
from decisionaid.ui.testing import wait_for


class FakePrinter:
    def __init__(self):
        self.printed: list[str] = []

    def print_pdf(self, pdf: bytes, title: str) -> None:
        self.printed.append(title)


class SavingDialogs(Dialogs):
    """Says yes to every question and saves files where the test says."""

    def __init__(self, folder):
        self.folder = folder

    def confirm(self, parent, title, text) -> bool:
        return True

    def ask_text(self, parent, title, text):
        return "DELETE"

    def save_file(self, parent, title, suggested, kinds):
        return self.folder / suggested


@pytest.fixture
def services(fake_time, database, visit_content, fast_pins, clock, tmp_path):
    app = open_app(Config(database_url=str(database.url)), content=visit_content,
                   database=database, printer=FakePrinter(), hasher=fast_pins, clock=clock)
    return station_services(app, timers=fake_time, make_page=lambda visit_id: b"%PDF-1.4 fake",
                            dialogs=SavingDialogs(tmp_path), sound=lambda: None,
                            render_pages=lambda pdf: [])


def events_for(db, person_id, visit_id=None):
    """(action, staff id) of each event about the person or their visit."""
    found = audit.events(db, service_user_id=person_id, limit=1000)
    if visit_id is not None:
        found += audit.events(db, visit_id=visit_id, limit=1000)
    return {(e.action, e.staff_id) for e in found}


def test_every_staff_screen_that_shows_a_person_leaves_an_event(qtbot, station, services,
                                                                clock):
    db = services.db
    ana = ProfileService(db, hasher=services.hasher, clock=clock).create(
        "Ana", date(1980, 5, 6), "1111", "en")
    clock.advance(days=-60)
    old = services.visits.start(ana.id)
    old.finish()
    clock.advance(days=60)
    kv = services.visits.start(ana.id)
    kv.finish()
    admin = staff.add(db, "Sam", "admin", "2468", hasher=services.hasher, clock=clock)
    station.sign_in.name.setText("Sam")
    station.sign_in.pin.setText("2468")
    qtbot.mouseClick(station.sign_in.button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: station.workspace is not None)
    workspace, me = station.workspace, admin.id

    # The Today board: the row shown, once a day however often it refreshes.
    today = workspace.today
    wait_for(qtbot, lambda: today.list.rowCount() == 1)
    today.refresh()
    wait_for(qtbot, lambda: (audit.BOARD_VIEW, me) in events_for(db, ana.id, kv.id))
    # One row per visit the board lists, however often it refreshes: today's, and the one from
    # 60 days ago, whose unanswered safety question still asks for a check-in.
    shown = {e.visit_id for e in audit.events(db, action=audit.BOARD_VIEW)}
    assert len(audit.events(db, action=audit.BOARD_VIEW)) == len(shown) == 2
    assert shown == {old.id, kv.id}

    # Search results.
    workspace.search.query.setText("An")
    workspace.search.search()
    wait_for(qtbot, lambda: workspace.search.results.rowCount() == 1)
    wait_for(qtbot, lambda: (audit.SEARCH_VIEW, me) in events_for(db, ana.id))

    # The person's page, and a PIN reset from it.
    person = workspace.open_person(ana.id)
    wait_for(qtbot, lambda: person.visits.rowCount() == 2)
    assert (audit.PERSON_VIEW, me) in events_for(db, ana.id)
    qtbot.mouseClick(person.reset_pin_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: (audit.PIN_RESET, me) in events_for(db, ana.id))

    # A visit, and a reprint of its report.
    visit = workspace.open_visit(kv.id)
    wait_for(qtbot, lambda: visit.record is not None)
    assert (audit.VIEW, me) in events_for(db, ana.id, kv.id)
    today.list.selectRow(0)
    qtbot.mouseClick(today.reprint_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: (audit.PRINT, me) in events_for(db, ana.id, kv.id))

    # An export that contains her, and a purge of her old visit.
    screen = workspace.open_admin()
    qtbot.mouseClick(screen.export_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: (audit.EXPORTED_PERSON, me) in events_for(db, ana.id))
    wait_for(qtbot, lambda: screen.purge_button.isEnabled() and screen.export_button.isEnabled())
    screen.purge_days.setValue(30)
    qtbot.mouseClick(screen.purge_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: (audit.PURGED_PERSON, me) in events_for(db, ana.id))

    # "Who has looked at my information" shows every one of them, under the admin's name.
    lines = services.queries.who_looked(ana.id)
    said = {(line.who, line.what) for line in lines}
    for what in ("saw the visit on the Today board", "saw them in search results",
                 "looked at their history", "reset the PIN", "opened a visit",
                 "printed a report", "exported their answers", "deleted their old visits"):
        assert ("Sam", what) in said, what
