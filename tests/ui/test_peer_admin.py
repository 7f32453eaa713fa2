"""Export and purge on the peer station's Admin screen, driven as an admin would: pick a format,
save, read the one line that says what happened; delete old visits after saying yes to the
number shown, and type the word as well for fewer than 30 days."""

from __future__ import annotations

import csv
import json
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt

from decisionaid.app import open_app
from decisionaid.config import Config
from decisionaid.content.model import ItemRef
from decisionaid.services import audit, staff
from decisionaid.services.visit_records import UnknownVisit
from decisionaid.ui.common.operations import wait_for_background
from decisionaid.ui.station.services import Dialogs, station_services
from decisionaid.ui.station.station import PeerStation
from decisionaid.ui.testing import wait_for

SAD = ItemRef("feelings", "sad")
SLEEP = ItemRef("feelings", "sleep")


class ScriptedDialogs(Dialogs):
    """Answers as the test sets it and records every question; never opens a modal box."""

    def __init__(self):
        self.asked: list[str] = []
        self.save_to: Path | None = None
        self.yes = True
        self.typed: str | None = None

    def confirm(self, parent, title, text) -> bool:
        self.asked.append(text)
        return self.yes

    def ask_text(self, parent, title, text) -> str | None:
        self.asked.append(text)
        return self.typed

    def save_file(self, parent, title, suggested, kinds):
        self.asked.append(title)
        return self.save_to


@pytest.fixture
def services(fake_time, database, visit_content, fast_pins, clock):
    app = open_app(Config(database_url=str(database.url)), content=visit_content, database=database,
                   hasher=fast_pins, clock=clock)
    return station_services(
        app, timers=fake_time, printer=None, make_page=lambda visit_id: b"%PDF-1.4 fake", dialogs=ScriptedDialogs(),
        render_pages=lambda pdf: [],
    )


@pytest.fixture
def admin(qtbot, services):
    """The Admin screen of an admin, Sam, signed in at the station."""
    staff.add(services.db, "Sam", "admin", "2468", hasher=services.hasher, clock=services.clock)
    window = PeerStation(services)
    qtbot.addWidget(window)
    window.show()
    window.sign_in.name.setText("Sam")
    window.sign_in.pin.setText("2468")
    qtbot.mouseClick(window.sign_in.button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: window.workspace is not None)
    yield window.workspace.open_admin()
    window.end_session()
    wait_for_background()


def visit(services, *answers) -> int:
    kv = services.visits.start()
    for ref, value in answers:
        kv.go_to(ref)
        kv.confirm(value)
    kv.finish()
    return kv.id


def export_done(qtbot, admin) -> str:
    wait_for(qtbot, lambda: admin.export_button.isEnabled())
    return admin.export_status.text()


def purge_done(qtbot, admin) -> str:
    wait_for(qtbot, lambda: admin.purge_button.isEnabled())
    return admin.purge_status.text()


def test_export_saves_a_fhir_bundle_of_every_visit_and_says_how_many(
    qtbot, admin, services, tmp_path
):
    first = visit(services, (SAD, 2), (SLEEP, 1))
    second = visit(services, (SAD, 0))
    services.dialogs.save_to = tmp_path / "answers.json"
    admin.export_button.click()
    assert admin.export_button.text() == "Exporting…" and not admin.export_button.isEnabled()
    assert export_done(qtbot, admin) == f"Saved 2 visits (3 answers) to {tmp_path / 'answers.json'}."
    bundle = json.loads((tmp_path / "answers.json").read_text(encoding="utf-8"))
    assert bundle["resourceType"] == "Bundle"
    responses = [e["resource"] for e in bundle["entry"]]
    assert {r["identifier"]["value"] for r in responses} == {str(first), str(second)}
    assert all(r["resourceType"] == "QuestionnaireResponse" for r in responses)
    [event] = audit.events(services.db, action=audit.EXPORT)
    assert (event.actor, event.staff_id) == ("peer", admin.member.id)
    assert event.details["format"] == "fhir" and event.details["visits"] == 2


def test_a_csv_export_since_a_date_has_a_row_per_answer_of_the_later_visits_only(
    qtbot, admin, services, clock, tmp_path
):
    visit(services, (SAD, 3))
    clock.advance(days=10)
    recent = visit(services, (SAD, 1), (SLEEP, 2))
    admin.export_format.setCurrentIndex(admin.export_format.findText("CSV"))
    qtbot.mouseClick(admin.since_on, Qt.MouseButton.LeftButton)
    since = (clock.now - timedelta(days=1)).astimezone().date()
    admin.since.setDate(QDate(since.year, since.month, since.day))
    services.dialogs.save_to = tmp_path / "answers.csv"
    qtbot.mouseClick(admin.export_button, Qt.MouseButton.LeftButton)
    assert export_done(qtbot, admin).startswith("Saved 1 visit (2 answers) to ")
    with (tmp_path / "answers.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [(r["visit_id"], r["item_id"], r["value"]) for r in rows] == [
        (str(recent), "sad", "1"), (str(recent), "sleep", "2")]
    [event] = audit.events(services.db, action=audit.EXPORT)
    assert event.details["format"] == "csv" and event.staff_id == admin.member.id


def test_an_unwritable_place_gives_one_plain_line_and_the_export_can_be_tried_again(
    qtbot, admin, services, tmp_path
):
    visit(services, (SAD, 2))
    services.dialogs.save_to = Path("/proc/1/answers.json")  # /proc takes no new files, even root's
    qtbot.mouseClick(admin.export_button, Qt.MouseButton.LeftButton)
    line = export_done(qtbot, admin)
    assert line.startswith("Not saved: ") and "/proc/1" in line
    assert "\n" not in line and "Traceback" not in line and "Errno" not in line
    assert admin.export_button.text() == "Export…" and admin.purge_button.isEnabled()
    assert audit.events(services.db, action=audit.EXPORT) == []
    services.dialogs.save_to = tmp_path / "answers.json"
    qtbot.mouseClick(admin.export_button, Qt.MouseButton.LeftButton)
    assert export_done(qtbot, admin).startswith("Saved 1 visit ")


def test_cancelling_the_save_box_exports_nothing(qtbot, admin, services):
    services.dialogs.save_to = None
    qtbot.mouseClick(admin.export_button, Qt.MouseButton.LeftButton)
    assert admin.export_button.isEnabled() and admin.export_status.text() == ""
    assert audit.events(services.db, action=audit.EXPORT) == []


def test_purge_asks_with_the_number_then_deletes_only_the_old_visits(
    qtbot, admin, services, clock
):
    old = [visit(services, (SAD, 2)), visit(services, (SAD, 1))]
    clock.advance(days=400)
    recent = visit(services, (SAD, 0))
    assert admin.purge_days.value() == 365
    qtbot.mouseClick(admin.purge_button, Qt.MouseButton.LeftButton)
    line = purge_done(qtbot, admin)
    [question] = services.dialogs.asked  # no word to type for a year
    assert question.startswith("Delete 2 visits started before ")
    assert line.startswith("Deleted 2 visits started before ") and "(2 answers," in line
    for visit_id in old:
        with pytest.raises(UnknownVisit):
            services.visits.load(visit_id)
    assert services.visits.load(recent).answers
    [event] = audit.events(services.db, action=audit.PURGE)
    assert (event.actor, event.staff_id) == ("peer", admin.member.id)
    assert event.details["visits"] == 2 and event.details["older_than_days"] == 365


def test_saying_no_deletes_nothing(qtbot, admin, services, clock):
    kept = visit(services, (SAD, 2))
    clock.advance(days=400)
    services.dialogs.yes = False
    qtbot.mouseClick(admin.purge_button, Qt.MouseButton.LeftButton)
    assert purge_done(qtbot, admin) == "Nothing was deleted."
    assert services.visits.load(kept).answers
    assert audit.events(services.db, action=audit.PURGE) == []


def test_under_30_days_the_word_must_be_typed_as_well(qtbot, admin, services, clock):
    recent = visit(services, (SAD, 2))
    clock.advance(days=10)
    admin.purge_days.setValue(7)
    services.dialogs.typed = None  # said yes to the number, then cancelled the second box
    qtbot.mouseClick(admin.purge_button, Qt.MouseButton.LeftButton)
    assert purge_done(qtbot, admin).startswith("Nothing was deleted")
    assert "Type DELETE" in services.dialogs.asked[-1]
    assert services.visits.load(recent).answers
    assert audit.events(services.db, action=audit.PURGE) == []
    services.dialogs.typed = "DELETE"
    qtbot.mouseClick(admin.purge_button, Qt.MouseButton.LeftButton)
    assert purge_done(qtbot, admin).startswith("Deleted 1 visit started before ")
    with pytest.raises(UnknownVisit):
        services.visits.load(recent)


def test_with_nothing_old_enough_purge_says_so_and_asks_nothing(qtbot, admin, services):
    visit(services, (SAD, 2))
    qtbot.mouseClick(admin.purge_button, Qt.MouseButton.LeftButton)
    assert purge_done(qtbot, admin).endswith("nothing to delete.")
    assert services.dialogs.asked == []
