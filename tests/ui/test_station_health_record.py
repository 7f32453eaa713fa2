"""Sent to the health record, at the peer station: a peer worker sees a printed page that could
not be sent, with the reason, and once the import folder is back, "Send again" sends it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from decisionaid.app import open_app
from decisionaid.config import Config
from decisionaid.content.model import ItemRef
from decisionaid.health_record import HealthRecordSettings
from decisionaid.services import staff
from decisionaid.ui.station.services import station_services
from decisionaid.ui.testing import wait_for

SAD = ItemRef("feelings", "sad")
SEND_SECONDS = 30  # how often the station sends what is due


@pytest.fixture
def folder(tmp_path):
    return tmp_path / "ehr-import"


@pytest.fixture
def services(fake_time, database, visit_content, fast_pins, clock, folder):
    config = Config(database_url=str(database.url),
                    health_record=HealthRecordSettings(folder=folder))
    app = open_app(config, content=visit_content, database=database, hasher=fast_pins,
                   clock=clock)
    return station_services(app, timers=fake_time, printer=None, make_page=lambda visit_id: b"%PDF-1.4 page",
                            render_pages=lambda pdf: [], chart_send_seconds=SEND_SECONDS)


@pytest.fixture
def station(station, services):
    """The shared station (tests/ui/conftest.py), with Ana to sign in."""
    staff.add(services.db, "Ana", "peer", "2468", hasher=services.hasher, clock=services.clock)
    return station


def sign_in(qtbot, window):
    window.sign_in.name.setText("Ana")
    window.sign_in.pin.setText("2468")
    qtbot.mouseClick(window.sign_in.button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: window.workspace is not None)
    return window.workspace


def rows(panel) -> list[list[str]]:
    t = panel.table
    return [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]


def test_a_page_not_sent_shows_why_and_send_again_sends_it(qtbot, station, services, folder,
                                                           fake_time):
    sender = station.chart_sender
    wait_for(qtbot, lambda: sender.rounds == 1)  # the opening round, as the station opens
    kv = services.visits.start()
    kv.go_to(SAD)
    kv.confirm(2)
    kv.finish()
    services.visits.mark_printed(kv.id)  # the kiosk printed it
    fake_time.advance(SEND_SECONDS - 1)  # a second before the next round: it waits
    assert sender.rounds == 1 and not sender.busy
    assert services.chart_outbox.counts() == {"pending": 1, "sent": 0, "failed": 0}
    fake_time.advance(1)
    wait_for(qtbot, lambda: sender.rounds == 2)
    assert services.chart_outbox.counts()["failed"] == 1  # the import folder is not there

    workspace = sign_in(qtbot, station)
    panel = workspace.health_record
    workspace.tabs.setCurrentWidget(panel)
    wait_for(qtbot, lambda: panel.table.rowCount() == 1)
    [row] = rows(panel)
    assert row[1:5] == ["Guest", str(kv.id), "Printed page", "Import folder"]
    assert row[5].startswith("Not sent yet (1 tries), trying again")
    assert f"the health record folder {folder} is not there" in row[5]
    assert panel.counts.text() == "0 waiting · 1 not sent yet · 0 sent"

    folder.mkdir()
    panel.table.selectRow(0)
    qtbot.mouseClick(panel.send_again, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: panel.message.text() == "Sent.")
    wait_for(qtbot, lambda: rows(panel)[0][5].startswith("Sent "))
    [page] = folder.glob("*.pdf")
    assert page.read_bytes().startswith(b"%PDF")  # the visit's one-page report


def test_a_prescriber_has_no_outbox_tab(qtbot, station, services):
    staff.add(services.db, "Dr Lee", "prescriber", "1357", hasher=services.hasher,
              clock=services.clock)
    station.sign_in.name.setText("Dr Lee")
    station.sign_in.pin.setText("1357")
    qtbot.mouseClick(station.sign_in.button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: station.workspace is not None)
    assert station.workspace.health_record is None
