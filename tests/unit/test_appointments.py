"""Today's appointments: a CSV export and a FHIR bundle of the same day make the same board; bad
rows are named by file and line and the rest come in; a signed-in person is linked by name and
date of birth, a guest by a peer worker; the watched folder moves what it has read."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime

import pytest

from decisionaid.config import AppointmentSettings
from decisionaid.services import audit, staff
from decisionaid.services.appointments import Appointments, ScheduleFolder
from decisionaid.services.profiles import ProfileService
from decisionaid.services.visits import VisitService

SETTINGS = AppointmentSettings(
    columns=(("id", "Appt ID"), ("name", "Patient"), ("date_of_birth", "DOB"),
             ("record_number", "MRN"), ("date", "Date"), ("time", "Time"),
             ("prescriber", "Provider"), ("visit_type", "Type")),
    date_formats=("%m/%d/%Y",),
)


def schedule_csv(day: date) -> str:
    us = f"{day:%m/%d/%Y}"
    return (
        "Appt ID,Patient,DOB,MRN,Date,Time,Provider,Type\n"
        f"A1,\"Martinez, Rosa\",03/14/1982,MRN-100,{us},09:30,Dr. Lee,Medication check\n"
        f"A2,Rosa Alvarez,07/02/1990,,{us},10:00,Dr. Lee,New patient\n"
        f"A3,Sam Okafor,1975-11-30,MRN-300,{us},2:15 PM,Dr. Patel,Medication check\n"
        f"A4,Broken Row,31/31/1999,,{us},11:00,Dr. Lee,Medication check\n"
        f"A5,No Time,01/01/1980,,{us},,Dr. Lee,Medication check\n"
    )


def schedule_fhir(day: date) -> dict:
    def at(hour: int, minute: int) -> str:
        return datetime(day.year, day.month, day.day, hour, minute).astimezone().isoformat()

    def patient(pid, given, family, born, mrn=None):
        resource = {"resourceType": "Patient", "id": pid, "birthDate": born,
                    "name": [{"use": "official", "given": [given], "family": family}]}
        if mrn:
            resource["identifier"] = [{"type": {"coding": [{"code": "MR"}]}, "value": mrn}]
        return {"fullUrl": f"urn:uuid:{pid}", "resource": resource}

    def appointment(aid, start, pid, prid, kind):
        return {"resource": {
            "resourceType": "Appointment", "id": aid, "status": "booked", "start": start,
            "appointmentType": {"text": kind},
            "participant": [{"actor": {"reference": f"urn:uuid:{pid}"}},
                            {"actor": {"reference": f"Practitioner/{prid}"}}]}}

    return {"resourceType": "Bundle", "type": "collection", "entry": [
        patient("p1", "Rosa", "Martinez", "1982-03-14", "MRN-100"),
        patient("p2", "Rosa", "Alvarez", "1990-07-02"),
        patient("p3", "Sam", "Okafor", "1975-11-30", "MRN-300"),
        {"resource": {"resourceType": "Practitioner", "id": "lee",
                      "name": [{"prefix": ["Dr."], "family": "Lee"}]}},
        {"resource": {"resourceType": "Practitioner", "id": "patel",
                      "name": [{"prefix": ["Dr."], "family": "Patel"}]}},
        appointment("f1", at(9, 30), "p1", "lee", "Medication check"),
        appointment("f2", at(10, 0), "p2", "lee", "New patient"),
        appointment("f3", at(14, 15), "p3", "patel", "Medication check"),
        {"resource": {"resourceType": "Appointment", "id": "f4", "status": "booked",
                      "start": at(11, 0), "participant": []}},
    ]}


@pytest.fixture
def appointments(database, clock):
    return Appointments(database, clock=clock)


@pytest.fixture
def peer(database, fast_pins):
    return staff.add(database, "Maria", "peer", "4321", hasher=fast_pins)


def board(appointments):
    return [(a.starts_at, a.name, a.date_of_birth, a.record_number, a.prescriber, a.visit_type,
             a.status) for a in appointments.today()]


def test_a_csv_schedule_and_a_fhir_bundle_of_the_same_day_make_the_same_board(
        database, db_url, appointments, clock, tmp_path):
    day = clock().astimezone().date()
    csv_file = tmp_path / "today.csv"
    csv_file.write_text(schedule_csv(day))
    fhir_file = tmp_path / "today.json"
    fhir_file.write_text(json.dumps(schedule_fhir(day), indent=2))

    from_csv = appointments.import_file(csv_file, SETTINGS)
    assert (from_csv.added, from_csv.updated) == (3, 0)
    # The bad rows are named by file and line, each on one line; the rest came in.
    assert from_csv.problems == (
        f"{csv_file}:5: date of birth '31/31/1999' is not a date in the form MM/DD/YYYY",
        f"{csv_file}:6: time '' is not a time in the form HH:MM or hh:MM AM/PM",
    )
    csv_board = board(appointments)
    assert [(line[1], line[3], line[4], line[6]) for line in csv_board] == [
        ("Rosa Martinez", "MRN-100", "Dr. Lee", "expected"),
        ("Rosa Alvarez", None, "Dr. Lee", "expected"),
        ("Sam Okafor", "MRN-300", "Dr. Patel", "expected"),
    ]

    # The FHIR export of the same day lands on the same appointments: nothing doubles.
    from_fhir = appointments.import_file(fhir_file, SETTINGS)
    assert (from_fhir.added, from_fhir.updated) == (0, 3)
    assert len(from_fhir.problems) == 1 and from_fhir.problems[0].startswith(f"{fhir_file}:")
    assert "Appointment/f4: no Patient" in from_fhir.problems[0]
    assert board(appointments) == csv_board

    # And into an empty board, the FHIR bundle alone gives the very same lines.
    from decisionaid.storage.models import Appointment
    database.write(lambda s: s.query(Appointment).delete())
    appointments.import_file(fhir_file, SETTINGS)
    assert board(appointments) == csv_board

    [event, *_] = audit.events(database, action="appointments-import")
    assert {k: event.details[k] for k in ("kind", "added", "updated", "bad_rows")} == {
        "kind": "fhir", "added": 3, "updated": 0, "bad_rows": 1}


def test_a_signed_in_person_matching_one_appointment_is_linked_and_the_kiosk_is_told_nothing(
        database, visit_content, appointments, clock, fast_pins, tmp_path):
    day = clock().astimezone().date()
    (tmp_path / "s.csv").write_text(schedule_csv(day))
    appointments.import_file(tmp_path / "s.csv", SETTINGS)
    profiles = ProfileService(database, hasher=fast_pins, clock=clock)
    visits = VisitService(database, visit_content, clock=clock)
    rosa = profiles.create("Rosa", date(1982, 3, 14), "1234", "en")
    other_rosa = profiles.create("Rosa", date(2001, 1, 1), "1234", "en")

    started = visits.start(rosa.id)
    assert not hasattr(started, "appointment")  # the kiosk's visit carries nothing of it
    visits.start(other_rosa.id)  # no appointment with this birthday: left for a peer

    lines = {a.name: a for a in appointments.today()}
    assert lines["Rosa Martinez"].visit_id == started.id
    assert lines["Rosa Martinez"].status == "at_kiosk"
    assert lines["Rosa Alvarez"].visit_id is None and lines["Rosa Alvarez"].status == "expected"
    who = appointments.identifiers(started.id)
    assert (who.name, who.date_of_birth, who.record_number, who.prescriber) == (
        "Rosa Martinez", date(1982, 3, 14), "MRN-100", "Dr. Lee")


def test_two_appointments_with_the_same_name_and_birthday_link_neither(
        database, visit_content, appointments, clock, fast_pins, tmp_path):
    day = clock().astimezone().date()
    us = f"{day:%m/%d/%Y}"
    (tmp_path / "twins.csv").write_text(
        "Appt ID,Patient,DOB,MRN,Date,Time,Provider,Type\n"
        f"T1,Ana Ruiz,05/17/1980,,{us},09:00,Dr. Lee,Check\n"
        f"T2,Ana Soto,05/17/1980,,{us},09:30,Dr. Lee,Check\n")
    appointments.import_file(tmp_path / "twins.csv", SETTINGS)
    ana = ProfileService(database, hasher=fast_pins, clock=clock).create(
        "Ana", date(1980, 5, 17), "1234", "en")
    VisitService(database, visit_content, clock=clock).start(ana.id)
    assert [a.visit_id for a in appointments.today()] == [None, None]


def test_a_peer_links_a_guest_visit_in_one_step_and_the_guest_gets_the_appointments_names(
        database, visit_content, appointments, peer, clock, tmp_path):
    day = clock().astimezone().date()
    (tmp_path / "s.csv").write_text(schedule_csv(day))
    appointments.import_file(tmp_path / "s.csv", SETTINGS)
    visits = VisitService(database, visit_content, clock=clock)
    guest = visits.start()
    assert appointments.identifiers(guest.id).name is None

    sam = next(a for a in appointments.today() if a.name == "Sam Okafor")
    appointments.link(sam.id, guest.id, by=peer)

    sam = next(a for a in appointments.today() if a.name == "Sam Okafor")
    assert (sam.visit_id, sam.status, sam.arrived_at) == (guest.id, "at_kiosk", clock())
    who = appointments.identifiers(guest.id)
    assert (who.name, who.date_of_birth, who.record_number, who.initials) == (
        "Sam Okafor", date(1975, 11, 30), "MRN-300", "S.O.")
    [linked] = audit.events(database, action="appointment-linked")
    assert (linked.staff_id, linked.visit_id) == (peer.id, guest.id)



def test_arrived_then_report_ready_then_seen(database, visit_content, appointments, peer, clock,
                                             tmp_path):
    day = clock().astimezone().date()
    (tmp_path / "s.csv").write_text(schedule_csv(day))
    appointments.import_file(tmp_path / "s.csv", SETTINGS)
    first = appointments.today()[0]
    appointments.mark_arrived(first.id, by=peer)
    assert appointments.today()[0].status == "arrived"

    from decisionaid.services.visit_saving import KioskVisits
    saving = KioskVisits(database, visit_content, clock=clock)
    visit = saving.start()
    appointments.link(first.id, visit.id, by=peer)
    saving.finish(visit.id)
    assert appointments.today()[0].status == "report_ready"
    VisitService(database, visit_content, clock=clock).review(
        visit.id, staff_id=peer.id, shared_decision="Keep the dose", follow_up=[], note="")
    assert appointments.today()[0].status == "seen"


def test_the_watched_folder_imports_each_file_once_and_moves_it_aside(
        database, appointments, clock, tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    day = clock().astimezone().date()
    (folder / "monday.csv").write_text(schedule_csv(day))
    (folder / "junk.json").write_text("{ not json")
    watcher = ScheduleFolder(appointments, SETTINGS, folder)

    results = watcher.poll()
    assert [r if isinstance(r, str) else r.added for r in results] == [
        f"{folder / 'junk.json'}:1: not valid JSON (Expecting property name enclosed in double quotes)",
        3,
    ]
    assert watcher.waiting() == []
    assert [p.suffix for p in sorted((folder / "done").iterdir())] == [".csv", ".txt"]
    problems = next((folder / "done").glob("*.problems.txt")).read_text()
    assert problems.count("monday.csv:") == 2
    assert [p.name.split(".")[0] for p in (folder / "failed").iterdir()
            if p.suffix == ".json"] == ["junk"]
    assert watcher.poll() == []  # nothing read twice
    assert len(appointments.today()) == 3


def test_a_missing_column_is_one_line_naming_it(appointments, tmp_path):
    from decisionaid.services.schedule_files import ScheduleUnreadable

    (tmp_path / "odd.csv").write_text("Who,When\nRosa,09:00\n")
    with pytest.raises(ScheduleUnreadable, match=r"odd.csv:1: no column named 'DOB'"):
        appointments.import_file(tmp_path / "odd.csv", replace(SETTINGS))


def test_the_persons_own_list_at_the_kiosk_says_nothing_of_the_schedule(
        database, visit_content, appointments, peer, clock, fast_pins, tmp_path):
    from decisionaid.services import reads
    from decisionaid.services.appointments import ARRIVED, LINKED
    from decisionaid.services.peer_queries import PeerQueries

    assert {LINKED, ARRIVED} == reads.SCHEDULE_ACTIONS
    (tmp_path / "s.csv").write_text(schedule_csv(clock().astimezone().date()))
    appointments.import_file(tmp_path / "s.csv", SETTINGS)
    ana = ProfileService(database, hasher=fast_pins, clock=clock).create(
        "Ana", date(1980, 5, 17), "1234", "en")
    visit = VisitService(database, visit_content, clock=clock).start(ana.id)
    sam = next(a for a in appointments.today() if a.name == "Sam Okafor")
    appointments.mark_arrived(sam.id, by=peer)
    appointments.link(sam.id, visit.id, by=peer)

    at_kiosk = reads.own_access(database, ana.id, at=clock())
    assert not any(e.action in (LINKED, ARRIVED) for e in at_kiosk)
    at_station = PeerQueries(database, visit_content, clock=clock).who_looked(ana.id, by=peer)
    assert "linked the visit to their appointment today" in [line.what for line in at_station]
