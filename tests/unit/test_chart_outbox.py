"""The outbox for the health record, with a document-import folder as destination: what a
print, save or review owes is stored with it, written once under the clinic's file name, and
retried with back-off (a fake clock) while the folder is away."""

from __future__ import annotations

import stat
from datetime import date
from pathlib import Path

import pytest

from decisionaid.cli import main
from decisionaid.content.model import ItemRef
from decisionaid.errors import ConfigError
from decisionaid.health_record import HealthRecordSettings
from decisionaid.services.chart_outbox import ChartOutbox, back_off
from decisionaid.services.profiles import ProfileService
from decisionaid.services.visit_records import VisitClosed
from decisionaid.services.visits import VisitService
from decisionaid.storage.database import connect
from decisionaid.storage.migrate import upgrade

FAKE_PDF = b"%PDF-1.4 the page"
MINI = Path(__file__).parents[1] / "data" / "mini"


@pytest.fixture
def visits(database, visit_content, clock):
    service = VisitService(database, visit_content, clock=clock)
    service.chart_destinations = ("folder",)
    return service


def finished_visit(visits, person_id=None):
    kv = visits.start(person_id)
    kv.go_to(ItemRef("medicines", "side-effects"))
    kv.confirm(["weight"])
    kv.finish()
    return kv.id


def outbox(database, visits, folder, clock, **settings):
    return ChartOutbox(database, visits.content, HealthRecordSettings(folder=folder, **settings),
                       lambda visit_id: FAKE_PDF, clock=clock)


def test_a_printed_page_lands_once_in_the_folder_under_the_clinics_name(
        visits, database, fast_pins, clock, tmp_path):
    tmp_path = tmp_path / "import"
    tmp_path.mkdir()
    person = ProfileService(database, hasher=fast_pins, clock=clock).create(
        "Rosa", date(1980, 2, 3), "2468", "en", clinic_id="A 1234")
    visit_id = finished_visit(visits, person.id)
    visits.mark_printed(visit_id)
    visits.mark_printed(visit_id, actor="peer")  # printed again before it was sent: owed once
    sender = outbox(database, visits, tmp_path, clock,
                    file_name="{record_number}_{date}_{visit}.pdf", fhir_json_in_folder=True)
    assert sender.send_due() == 1
    day = clock().astimezone().date().isoformat()
    written = tmp_path / f"A-1234_{day}_{visit_id}.pdf"
    assert written.read_bytes() == FAKE_PDF
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert '"QuestionnaireResponse"' in written.with_suffix(".fhir.json").read_text()
    [line] = sender.lines()
    assert (line.state, line.first_name, line.sent_at) == ("sent", "Rosa", clock())
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [written.name, written.with_suffix(".fhir.json").name])


def test_a_missing_folder_is_retried_with_back_off_and_sent_again_by_hand(
        visits, database, clock, tmp_path):
    folder = tmp_path / "ehr-import"
    visit_id = finished_visit(visits)
    visits.mark_printed(visit_id)
    sender = outbox(database, visits, folder, clock)
    tries = []
    for _ in range(4):
        sender.send_due()
        [line] = sender.lines()
        tries.append(line.attempts)
        clock.advance(seconds=29)  # under the shortest wait: nothing is tried
        sender.send_due()
        assert sender.lines()[0].attempts == line.attempts
        clock.advance(seconds=1 + (back_off(line.attempts) - back_off(1)).total_seconds())
    assert tries == [1, 2, 3, 4]
    [line] = sender.lines()
    assert line.state == "failed"
    assert line.error.startswith(f"the health record folder {folder} is not there")
    folder.mkdir()
    assert sender.send_again(line.id).state == "sent"
    assert (folder / f"no-record-number_{clock().astimezone().date()}_{visit_id}_report.pdf").exists()


def test_the_review_owes_the_decided_page_and_a_refused_review_owes_nothing(
        visits, database, clock, tmp_path):
    tmp_path = tmp_path / "import"
    tmp_path.mkdir()
    visit_id = finished_visit(visits)
    in_progress = visits.start().id
    with pytest.raises(VisitClosed):
        visits.review(in_progress, staff_id=None, shared_decision="Not yet.")
    visits.review(visit_id, staff_id=None, shared_decision="I will try it.")
    sender = outbox(database, visits, tmp_path, clock)
    assert [(line.visit_id, line.event) for line in sender.lines()] == [(visit_id, "reviewed")]
    assert sender.send_due() == 1
    assert (tmp_path / f"no-record-number_{clock().astimezone().date()}_{visit_id}_reviewed.pdf").exists()


def test_without_a_health_record_nothing_is_owed(database, visit_content, clock, tmp_path):
    visits = VisitService(database, visit_content, clock=clock)
    visits.mark_printed(finished_visit(visits))
    assert outbox(database, visits, tmp_path, clock).lines() == []


@pytest.mark.parametrize(("table", "says"), [
    ('fhir_token = "abc"', "would leave the token readable"),
    ('fhir_url = "http://ehr.example.org/fhir"', "must start with https://"),
    ('file_name = "{first_name}.pdf"', "must be a file name ending in .pdf"),
    ('folders = "/srv"', "unknown setting 'health_record.folders'"),
])
def test_unsafe_or_mistyped_settings_are_refused_in_one_line(tmp_path, table, says):
    from decisionaid.config import load_config

    path = tmp_path / "config.toml"
    path.write_text(f"[health_record]\n{table}\n", encoding="utf-8")
    path.chmod(0o600)
    with pytest.raises(ConfigError, match=says) as refused:
        load_config(path)
    assert "\n" not in str(refused.value)


def test_the_outbox_command_sends_and_lists_without_names(
        tmp_path, monkeypatch, visit_content, capsys):
    url = f"sqlite:///{tmp_path / 'decisionaid.db'}"
    folder = tmp_path / "import"
    folder.mkdir()
    config = tmp_path / "config.toml"
    config.write_text(f'database_url = "{url}"\ncontent_dir = "{MINI}"\n'
                      f'[health_record]\nfolder = "{folder}"\n', encoding="utf-8")
    for name in ("DECISIONAID_DATABASE_URL", "DECISIONAID_DB_KEY", "DECISIONAID_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    db = connect(url)
    upgrade(db)
    visits = VisitService(db, visit_content)
    visits.chart_destinations = ("folder",)
    visit_id = finished_visit(visits)
    visits.mark_printed(visit_id)
    db.dispose()
    assert main(["outbox", "send", "--config", str(config)]) == 0
    said = capsys.readouterr().out
    assert "1 sent now; 0 pending, 0 failed" in said
    assert main(["outbox", "status", "--config", str(config)]) == 0
    said = capsys.readouterr().out
    assert f"visit {visit_id}" in said and "sent" in said
    [page] = folder.glob("*.pdf")
    assert page.read_bytes().startswith(b"%PDF")


def test_a_page_saved_at_the_desk_is_owed_with_the_save(visits, database, clock, tmp_path):
    from decisionaid.services.desk import Desk
    from decisionaid.services.peer_queries import PeerQueries

    visit_id = finished_visit(visits)
    desk = Desk(database, visits, PeerQueries(database, visits.content, clock=clock),
                lambda _visit_id: FAKE_PDF, clock=clock)
    desk.save_pdf(visit_id, tmp_path / "for-telehealth.pdf", by=None)
    sender = outbox(database, visits, tmp_path / "import", clock)
    assert [(line.visit_id, line.event, line.state) for line in sender.lines()] == [
        (visit_id, "saved", "pending")]


def test_doctor_names_reports_not_sent_and_a_missing_folder(
        visits, database, clock, tmp_path, db_url):
    from decisionaid.config import Config
    from decisionaid.services.doctor import check_health_record

    assert check_health_record(Config(database_url=db_url)) == []  # none configured
    folder = tmp_path / "import"
    visits.mark_printed(finished_visit(visits))
    outbox(database, visits, folder, clock).send_due()
    config = Config(database_url=db_url, plain_database=True,
                    health_record=HealthRecordSettings(folder=folder))
    lines = [f.line() for f in check_health_record(config)]
    assert lines == [
        f"FAIL  health record folder: {folder} is not there or not writable; mount the share "
        "or fix health_record.folder",
        "WARN  health record outbox: 1 report(s) not sent; see 'decisionaid outbox status' for "
        "the reason, then 'decisionaid outbox send --again ID'",
    ]


def test_a_folder_that_refuses_says_so_without_the_record_number(
        visits, database, fast_pins, clock, tmp_path, caplog):
    folder = tmp_path / "import"
    folder.mkdir()
    person = ProfileService(database, hasher=fast_pins, clock=clock).create(
        "Rosa", date(1980, 2, 3), "2468", "en", clinic_id="MRN-77")
    visit_id = finished_visit(visits, person.id)
    visits.mark_printed(visit_id)
    # Something else already holds the file's name: a folder someone made by mistake.
    (folder / f"MRN-77_{clock().astimezone().date()}_{visit_id}_report.pdf").mkdir()
    sender = outbox(database, visits, folder, clock)
    sender.send_due()
    [line] = sender.lines()
    assert line.state == "failed"
    assert line.error.startswith(f"the report was not written into {folder}: ")
    assert "MRN-77" not in line.error
    assert "MRN-77" not in caplog.text and "Rosa" not in caplog.text


def test_a_visit_linked_to_the_fhir_schedule_is_filed_with_its_appointment(
        visits, database, fast_pins, clock, tmp_path):
    """The record files the page with the appointment the clinic's own FHIR schedule sent; a
    visit linked to none says none."""
    import json

    from decisionaid.services import staff
    from decisionaid.services.appointments import Appointments
    from tests.unit.test_appointments import SETTINGS, schedule_fhir

    day = clock().astimezone().date()
    (tmp_path / "today.json").write_text(json.dumps(schedule_fhir(day)))
    appointments = Appointments(database, clock=clock)
    peer = staff.add(database, "Maria", "peer", "4321", hasher=fast_pins)
    appointments.import_file(tmp_path / "today.json", SETTINGS)
    folder = tmp_path / "import"
    folder.mkdir()
    sender = outbox(database, visits, folder, clock, file_name="{visit}.pdf",
                    fhir_json_in_folder=True)

    from_fhir = finished_visit(visits)
    sam = next(a for a in appointments.today() if a.name == "Sam Okafor")
    appointments.link(sam.id, from_fhir, by=peer)
    visits.mark_printed(from_fhir)
    assert sender.send_due() == 1
    sent = (folder / f"{from_fhir}.fhir.json").read_text()
    assert '"Appointment/f3"' in sent

    unlinked = finished_visit(visits)
    visits.mark_printed(unlinked)
    assert sender.send_due() == 1
    assert '"Appointment/' not in (folder / f"{unlinked}.fhir.json").read_text()
