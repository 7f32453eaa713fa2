"""Today's appointments at the peer station: the board lists who is expected and how far they
are; a peer worker links a guest's visit to an appointment with one button (marking them
arrived); the visit list then names the person as the schedule does; a schedule dropped in the
watched folder shows on the board by itself."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt

from decisionaid.config import Config
from decisionaid.ui.common.operations import wait_for_background
from decisionaid.ui.station.schedule_watch import watch_schedule_folder
from decisionaid.ui.testing import wait_for
from tests.ui.test_peer_station import (  # noqa: F401 (fixtures)
    services,
    signed_in,
)
from tests.unit.test_appointments import SETTINGS, schedule_csv


def cells(table, row):
    return [table.item(row, c).text() for c in range(table.columnCount())]


def test_a_peer_links_a_guest_visit_to_an_appointment_with_one_button(
        qtbot, station, services, tmp_path):  # noqa: F811
    day = services.clock().astimezone().date()
    (tmp_path / "s.csv").write_text(schedule_csv(day))
    services.appointments.import_file(tmp_path / "s.csv", SETTINGS)
    guest = services.visits.start()
    today = signed_in(qtbot, station, services).today
    panel = today.appointments
    wait_for(qtbot, lambda: panel.list.rowCount() == 3 and today.list.rowCount() == 1)
    assert cells(panel.list, 2)[1:] == ["Sam Okafor", "1975-11-30", "MRN-300", "Dr. Patel",
                                        "Medication check", "Expected"]
    assert today.list.item(0, 1).text() == "Guest"
    assert not panel.link_button.isEnabled()

    panel.list.selectRow(2)
    today.list.selectRow(0)
    assert panel.link_button.text() == f"Link to visit {guest.id}"
    qtbot.mouseClick(panel.link_button, Qt.MouseButton.LeftButton)

    wait_for(qtbot, lambda: cells(panel.list, 2)[6] == f"At the kiosk (visit {guest.id})")
    assert today.list.item(0, 1).text() == "Sam Okafor"
    assert "linked to Sam Okafor's appointment" in today.message.text()


def test_a_peer_marks_someone_arrived(qtbot, station, services, tmp_path):  # noqa: F811
    day = services.clock().astimezone().date()
    (tmp_path / "s.csv").write_text(schedule_csv(day))
    services.appointments.import_file(tmp_path / "s.csv", SETTINGS)
    panel = signed_in(qtbot, station, services).today.appointments
    wait_for(qtbot, lambda: panel.list.rowCount() == 3)
    panel.list.selectRow(0)
    qtbot.mouseClick(panel.arrived_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: cells(panel.list, 0)[6] == "Arrived")
    assert not panel.arrived_button.isEnabled()


def test_a_schedule_dropped_in_the_watched_folder_reaches_the_board(
        qtbot, station, services, tmp_path):  # noqa: F811
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    services.config = Config(database_url=services.config.database_url,
                             appointments=replace(SETTINGS, watch_folder=inbox))
    today = signed_in(qtbot, station, services).today
    watch = watch_schedule_folder(services, station)
    watch.imported.connect(today.appointments.imported)  # as the station window does
    imports = []
    watch.imported.connect(imports.append)
    (inbox / "today.csv").write_text(schedule_csv(services.clock().astimezone().date()))
    services.timers.advance(SETTINGS.poll_seconds - 1)  # a second before the next look: waiting
    assert not watch.running and imports == [] and (inbox / "today.csv").exists()
    assert today.appointments.list.rowCount() == 0
    services.timers.advance(1)
    assert watch.running  # the look finds the file and imports it off the UI thread
    wait_for(qtbot, lambda: len(imports) == 1)
    wait_for(qtbot, lambda: today.appointments.list.rowCount() == 3)
    assert not (inbox / "today.csv").exists() and (inbox / "done").is_dir()
    assert today.message.text().startswith("Schedule today.csv: 3 added, 0 updated, 2 rows")
    wait_for_background()
