"""Export: FHIR QuestionnaireResponses that validate against the exported Questionnaires, and
CSV."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from decisionaid.content.fhir import questionnaire_to_fhir
from decisionaid.content.model import ItemRef
from decisionaid.services import audit
from decisionaid.services.export import export
from decisionaid.services.profiles import ProfileService
from decisionaid.services.visits import VisitService

POWER_TEXT = "Soy Ana: quiero dormir, sin niebla"


@pytest.fixture
def stored(database, visit_content, fast_pins, clock):
    """Two visits: Ana's (every answer type, finished) and a guest's (in progress)."""
    ana = ProfileService(database, hasher=fast_pins, clock=clock).create(
        "Ana", date(1980, 1, 2), "1357", "es"
    )
    visits = VisitService(database, visit_content, clock=clock)
    kv = visits.start(ana.id)
    for ref, value in [
        (ItemRef("feelings", "sad"), 2),
        (ItemRef("feelings", "harm-self"), 1),
        (ItemRef("medicines", "side-effects"), ["sleepy", "weight"]),
        (ItemRef("decision", "sure-1"), True),
        (ItemRef("decision", "power"), POWER_TEXT),
    ]:
        kv.go_to(ref)
        kv.confirm(value)
    kv.finish()
    guest = visits.start()
    guest.go_to(ItemRef("feelings", "sleep"))
    guest.confirm(0)
    return database, ana, kv.id, guest.id


def test_every_response_validates_and_refers_to_its_questionnaire(stored, visit_content, tmp_path):
    db, ana, visit_id, guest_id = stored
    out = tmp_path / "answers.json"
    result = export(db, out, format="fhir", content=visit_content)
    assert (result.visits, result.answers) == (2, 6)
    bundle = Bundle.model_validate_json(out.read_text(encoding="utf-8"))
    responses = [e.resource for e in bundle.entry]
    assert all(isinstance(r, QuestionnaireResponse) for r in responses)
    assert len(responses) == 4  # Ana: 3 questionnaires, the guest: 1
    questionnaires = {
        f"{q['url']}|{q['version']}": q
        for q in (questionnaire_to_fhir(q, visit_content) for q in visit_content.questionnaires)
    }
    for response in responses:
        questionnaire = questionnaires[response.questionnaire]  # its url and version
        items = {i["linkId"]: i for i in questionnaire["item"]}
        for item in response.item:
            spec = items[item.linkId]
            for answer in item.answer:
                if spec["type"] == "choice":
                    codes = {o["valueCoding"]["code"] for o in spec["answerOption"]}
                    assert answer.valueCoding.code in codes
                    assert answer.valueCoding.system == questionnaire["url"]
                elif spec["type"] == "boolean":
                    assert answer.valueBoolean is not None
                else:
                    assert spec["type"] == "text" and answer.valueString
    by_id = {r.id: r for r in responses}
    feelings = by_id[f"visit-{visit_id}-feelings"]
    assert feelings.status == "completed"
    assert feelings.questionnaire == "urn:decisionaid:questionnaire:feelings|2"
    assert feelings.subject.identifier.value == ana.pseudonym
    assert feelings.subject.display is None
    side = by_id[f"visit-{visit_id}-medicines"].item[0]
    assert [a.valueCoding.code for a in side.answer] == ["sleepy", "weight"]
    power = by_id[f"visit-{visit_id}-decision"].item[-1]
    assert power.answer[0].valueString == POWER_TEXT
    assert by_id[f"visit-{guest_id}-feelings"].status == "in-progress"
    assert by_id[f"visit-{guest_id}-feelings"].subject is None


def test_names_appear_only_when_asked_for(stored, visit_content, tmp_path):
    db, *_ = stored
    for fmt in ("fhir", "csv"):
        plain = tmp_path / f"plain.{fmt}"
        named = tmp_path / f"named.{fmt}"
        export(db, plain, format=fmt, content=visit_content)
        export(db, named, format=fmt, content=visit_content, include_names=True)
        assert "Ana" not in plain.read_text(encoding="utf-8").replace(POWER_TEXT, "")
        assert "Ana" in named.read_text(encoding="utf-8").replace(POWER_TEXT, "")


def test_csv_has_one_row_per_answer_with_a_pseudonymous_user(stored, tmp_path):
    db, ana, visit_id, guest_id = stored
    out = tmp_path / "answers.csv"
    export(db, out, format="csv")
    with open(out, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 6
    mine = {r["item_id"]: r for r in rows if r["visit_id"] == str(visit_id)}
    assert mine["sad"]["value"] == "2"
    assert mine["sad"]["user"] == ana.pseudonym
    assert (mine["sad"]["questionnaire_id"], mine["sad"]["questionnaire_version"]) == (
        "feelings",
        "2",
    )
    assert json.loads(mine["side-effects"]["value"]) == ["sleepy", "weight"]
    assert mine["sure-1"]["value"] == "true"
    assert mine["power"]["value"] == POWER_TEXT
    assert [r["user"] for r in rows if r["visit_id"] == str(guest_id)] == ["guest"]


def test_since_leaves_out_older_visits(stored, tmp_path, clock):
    db, *_ = stored
    later = clock.now.astimezone().date().replace(year=clock.now.year + 1)
    result = export(db, tmp_path / "none.csv", format="csv", since=later)
    assert result.visits == 0
    assert result.answers == 0


def test_every_export_is_audit_logged_without_names(stored, tmp_path):
    db, *_ = stored
    export(db, tmp_path / "a.csv", format="csv", include_names=True)
    (event,) = audit.events(db, action=audit.EXPORT)
    assert event.details["format"] == "csv" and event.details["answers"] == 6
    assert "Ana" not in json.dumps(event.details)


def test_a_bad_output_path_is_one_clear_line_and_leaves_nothing(stored, tmp_path: Path):
    db, *_ = stored
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(Exception, match="does not exist"):
        export(db, out / "missing" / "a.csv", format="csv")
    with pytest.raises(Exception, match="is a folder"):
        export(db, out, format="csv")
    assert list(out.iterdir()) == []
