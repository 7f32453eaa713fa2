"""Two identifiers on every page that may enter the chart: the name and date of birth, the
record number when known, and the appointment's time and prescriber when linked; the clinic
may print initials and record number instead; the page made at the kiosk says nothing of the
schedule."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import pytest
from pypdf import PdfReader

from decisionaid.app import open_app
from decisionaid.config import Config
from decisionaid.services.profiles import ProfileService
from tests.unit.test_appointments import SETTINGS, schedule_csv


def text(pdf: bytes) -> str:
    [page] = PdfReader(io.BytesIO(pdf)).pages
    return " ".join(page.extract_text().split())


@pytest.fixture
def app(database, visit_content, clock, tmp_path):
    app = open_app(Config(database_url=str(database.url)), content=visit_content,
                   database=database, clock=clock, logging_to=False)
    (tmp_path / "s.csv").write_text(schedule_csv(clock().astimezone().date()))
    app.appointments.import_file(tmp_path / "s.csv", SETTINGS)
    return app


def test_a_linked_visit_prints_name_birthday_record_and_the_appointment(app, fast_pins, clock):
    rosa = ProfileService(app.db, hasher=fast_pins, clock=clock).create(
        "Rosa", date(1982, 3, 14), "1234", "en")
    visit = app.visits.start(rosa.id)  # linked by name and date of birth
    page = text(app.report_pdf(visit.id))
    assert "Rosa Martinez · born March 14, 1982 · record MRN-100" in page
    assert "appointment 09:30 with Dr. Lee" in page

    # At the kiosk the same page names the person by their own profile only.
    at_kiosk = text(app.kiosk_report_pdf(visit.id))
    assert "Rosa · born March 14, 1982" in at_kiosk
    assert "Martinez" not in at_kiosk and "MRN-100" not in at_kiosk and "Dr. Lee" not in at_kiosk


def test_a_guest_linked_by_a_peer_gets_the_appointments_identifiers_in_spanish_too(app):
    guest = app.visits.start()
    assert "Guest" in text(app.report_pdf(guest.id))
    sam = next(a for a in app.appointments.today() if a.name == "Sam Okafor")
    app.appointments.link(sam.id, guest.id)
    assert "Sam Okafor · born November 30, 1975 · record MRN-300" in text(app.report_pdf(guest.id))
    spanish = replace(app, config=replace(app.config, report_language="es"))
    page = text(spanish.report_pdf(guest.id))
    assert "Sam Okafor · fecha de nac. 30 de noviembre de 1975 · expediente MRN-300" in page
    assert "cita 14:15 con Dr. Patel" in page


def test_a_clinic_may_print_initials_and_record_number(app):
    initials = replace(app, config=replace(app.config, report_identifiers="initials_record"))
    for name, shown in (("Sam Okafor", "S.O. · record MRN-300"),
                        ("Rosa Alvarez", "R.A. · born July 2, 1990")):  # no record number
        visit = initials.visits.start()
        line = next(a for a in initials.appointments.today() if a.name == name)
        initials.appointments.link(line.id, visit.id)
        page = text(initials.report_pdf(visit.id))
        assert shown in page and name not in page


def test_exported_answers_with_names_carry_the_appointments_identifiers(app, tmp_path):
    import csv
    import json

    from decisionaid.content.model import ItemRef
    from decisionaid.services.export import export

    guest = app.visits.start()
    guest.go_to(ItemRef("feelings", "sad"))
    guest.confirm(1)
    sam = next(a for a in app.appointments.today() if a.name == "Sam Okafor")
    app.appointments.link(sam.id, guest.id)

    export(app.db, tmp_path / "a.csv", format="csv", content=app.content, include_names=True)
    [row, *_] = list(csv.DictReader((tmp_path / "a.csv").open()))
    assert (row["name"], row["date_of_birth"], row["record_number"], row["prescriber"]) == (
        "Sam Okafor", "1975-11-30", "MRN-300", "Dr. Patel")
    assert row["appointment_at"].endswith("Z")

    export(app.db, tmp_path / "a.json", format="fhir", content=app.content, include_names=True)
    [entry, *_] = json.loads((tmp_path / "a.json").read_text())["entry"]
    assert entry["resource"]["subject"]["display"] == "Sam Okafor (born 1975-11-30, record MRN-300)"


def test_what_goes_to_the_health_record_names_a_linked_guest_as_the_schedule_does(app, tmp_path):
    from decisionaid.health_record import HealthRecordSettings
    from decisionaid.services.chart_documents import build_packet, file_name
    from decisionaid.services.export import stored_visit

    guest = app.visits.start()
    sam = next(a for a in app.appointments.today() if a.name == "Sam Okafor")
    app.appointments.link(sam.id, guest.id)
    settings = HealthRecordSettings(folder=tmp_path, record_number_system="urn:clinic:mrn")
    visit = stored_visit(app.db, guest.id)
    assert file_name(settings, visit, "printed").startswith("MRN-300_")
    packet = build_packet(settings, app.content, visit, "printed", b"%PDF-1.4")
    [patient] = [e["resource"] for e in packet.bundle["entry"]
                 if e["resource"]["resourceType"] == "Patient"]
    assert patient["name"] == [{"text": "Sam Okafor"}] and patient["birthDate"] == "1975-11-30"
    assert {"use": "usual", "system": "urn:clinic:mrn", "value": "MRN-300"} in patient["identifier"]
