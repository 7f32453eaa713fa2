"""Reports into the clinic's health record, sent to a real FHIR R4 server (Medplum's router,
tests/fhir_server): with the server down the reports wait; once it is up each arrives once, and
the server gives back the DocumentReference with the PDF and the QuestionnaireResponses."""

from __future__ import annotations

import base64
from datetime import date

import pytest
from fhir_test_server import FhirTestServer

from decisionaid.content.model import ItemRef
from decisionaid.health_record import HealthRecordSettings
from decisionaid.services.chart_documents import DOCUMENT_SYSTEM, RESPONSE_SYSTEM
from decisionaid.services.chart_outbox import ChartOutbox
from decisionaid.services.profiles import ProfileService
from decisionaid.services.visit_report import report_pdf
from decisionaid.services.visits import VisitService

pytestmark = pytest.mark.integration
MRN = "urn:oid:2.16.840.1.113883.3.9999.1"
TOKEN = "test-token-0123456789"


@pytest.fixture
def server():
    fhir = FhirTestServer(TOKEN)
    try:
        yield fhir
    finally:
        fhir.stop()


@pytest.fixture
def settings(server, tmp_path):
    token_file = tmp_path / "fhir.token"
    token_file.write_text(TOKEN + "\n")
    token_file.chmod(0o600)
    return HealthRecordSettings(record_number_system=MRN, fhir_url=server.base,
                                fhir_token_file=token_file)


def answered_visit(visits, database, fast_pins, clock):
    profiles = ProfileService(database, hasher=fast_pins, clock=clock)
    person = profiles.create("Rosa", date(1980, 2, 3), "2468", "en", clinic_id="A1234")
    kv = visits.start(person.id)
    kv.go_to(ItemRef("medicines", "side-effects"))
    kv.confirm(["weight"])
    kv.go_to(ItemRef("feelings", "harm-self"))
    kv.confirm(0)
    kv.finish()
    return kv.id


def outbox_for(database, visits, settings, clock):
    """A sender as a freshly started station has it: nothing but the database in common."""
    return ChartOutbox(database, visits.content, settings,
                       lambda visit_id: report_pdf(visits, visit_id, "Main St Clinic"),
                       clock=clock)


def test_reports_wait_while_the_server_is_down_and_arrive_once_when_it_is_up(
        server, settings, database, visit_content, fast_pins, clock):
    visits = VisitService(database, visit_content, clock=clock)
    visits.chart_destinations = ("fhir",)
    visit_id = answered_visit(visits, database, fast_pins, clock)

    visits.mark_printed(visit_id)
    outbox = outbox_for(database, visits, settings, clock)
    assert outbox.send_due() == 0
    [waiting] = outbox.lines()
    assert (waiting.state, waiting.event, waiting.attempts) == ("failed", "printed", 1)
    assert "cannot be reached" in waiting.error and "\n" not in waiting.error

    visits.review(visit_id, staff_id=None, shared_decision="I will try the lower dose.")
    clock.advance(seconds=10)  # before the back-off is over only the new one is tried
    assert outbox.send_due() == 0
    assert sorted(line.attempts for line in outbox.lines()) == [1, 1]

    server.start()
    clock.advance(minutes=2)
    restarted = outbox_for(database, visits, settings, clock)
    assert restarted.send_due() == 2
    assert {line.state for line in restarted.lines()} == {"sent"}
    assert restarted.send_due() == 0  # nothing is sent twice

    [document] = server.search("DocumentReference",
                               identifier=f"{DOCUMENT_SYSTEM}|visit-{visit_id}-report")
    attachment = document["content"][0]["attachment"]
    assert attachment["contentType"] == "application/pdf"
    assert base64.b64decode(attachment["data"]).startswith(b"%PDF")
    assert len(server.search("DocumentReference")) == 2  # the page printed, and once reviewed
    [patient] = server.search("Patient", identifier=f"{MRN}|A1234")
    assert patient["birthDate"] == "1980-02-03" and patient["name"][0]["given"] == ["Rosa"]
    assert document["subject"]["reference"] == f"Patient/{patient['id']}"

    responses = server.search("QuestionnaireResponse")
    assert {r["identifier"]["value"] for r in responses} == {
        f"visit-{visit_id}-medicines", f"visit-{visit_id}-feelings"}
    [medicines] = server.search("QuestionnaireResponse",
                                identifier=f"{RESPONSE_SYSTEM}|visit-{visit_id}-medicines")
    assert medicines["item"][0]["answer"][0]["valueCoding"]["code"] == "weight"
    assert medicines["subject"]["reference"] == f"Patient/{patient['id']}"

    # "Send again" on a report already stored changes nothing on the server.
    first = min(line.id for line in restarted.lines())
    visits.mark_printed(visit_id, actor="peer")  # a reprint owes the page again
    assert restarted.send_due() == 1
    assert len(server.search("DocumentReference")) == 2
    assert len(server.search("Patient")) == 1
    assert len(server.search("QuestionnaireResponse")) == 2
    assert first in {line.id for line in restarted.lines() if line.state == "sent"}


def test_a_wrong_token_waits_for_a_person_with_a_clear_line(
        server, settings, database, visit_content, fast_pins, clock, tmp_path):
    server.start()
    wrong = tmp_path / "wrong.token"
    wrong.write_text("not-the-token")
    wrong.chmod(0o600)
    settings = HealthRecordSettings(record_number_system=MRN, fhir_url=server.base,
                                    fhir_token_file=wrong)
    visits = VisitService(database, visit_content, clock=clock)
    visits.chart_destinations = ("fhir",)
    visit_id = answered_visit(visits, database, fast_pins, clock)
    visits.mark_printed(visit_id)
    outbox = outbox_for(database, visits, settings, clock)
    assert outbox.send_due() == 0
    [line] = outbox.lines()
    assert line.state == "failed" and line.next_attempt_at is None
    assert line.error == "the FHIR server refused the report (HTTP 401: check the token)"
    clock.advance(hours=3)
    assert outbox.send_due() == 0  # not tried by itself: a person fixes the token first
    assert server.search("DocumentReference") == []
