"""The questionnaires exported as FHIR R4 Questionnaires validate and keep their skip logic."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fhir.resources.R4B.questionnaire import Questionnaire as FhirQuestionnaire

from decisionaid.cli import main
from decisionaid.config import PROJECT_ROOT
from decisionaid.content.fhir import ENABLE_WHEN_EXPRESSION, questionnaire_to_fhir
from decisionaid.content.loader import load_content


@pytest.fixture(scope="module")
def shipped():
    return load_content(PROJECT_ROOT, ("en", "es"))


def all_items(resource: dict) -> list[dict]:
    return list(resource.get("item", []))


def test_every_shipped_questionnaire_validates_as_r4(shipped):
    for questionnaire in shipped.questionnaires:
        resource = questionnaire_to_fhir(questionnaire, shipped)
        parsed = FhirQuestionnaire.model_validate(resource)
        assert parsed.url == questionnaire.url
        assert parsed.version == str(questionnaire.version)


def test_link_ids_are_unique_and_are_the_item_ids(shipped):
    for questionnaire in shipped.questionnaires:
        ids = [i["linkId"] for i in all_items(questionnaire_to_fhir(questionnaire, shipped)) if i["linkId"] != "_intro"]
        assert ids == [item.id for item in questionnaire.items]
        assert len(set(ids)) == len(ids)


def test_spanish_travels_as_a_translation(shipped):
    questionnaire = shipped.questionnaire("how-ive-been")
    resource = questionnaire_to_fhir(questionnaire, shipped)
    first = next(i for i in resource["item"] if i["linkId"] == questionnaire.items[0].id)
    translation = first["_text"]["extension"][0]["extension"]
    assert {"url": "lang", "valueCode": "es"} in translation
    assert translation[1]["valueString"] == questionnaire.items[0].text["es"]


def test_enable_when_matches_show_if(mini_content):
    feelings = questionnaire_to_fhir(mini_content.questionnaire("feelings"), mini_content)
    by_id = {i["linkId"]: i for i in feelings["item"]}
    # at_least on a coded answer cannot be said by enableWhen: the SDC expression carries it.
    (ext,) = [e for e in by_id["sleep-more"]["extension"] if e["url"] == ENABLE_WHEN_EXPRESSION]
    assert ext["url"] == ENABLE_WHEN_EXPRESSION
    assert "linkId='sleep'" in ext["valueExpression"]["expression"]
    assert ">= 2" in ext["valueExpression"]["expression"]
    assert by_id["sleep-detail"]["enableWhen"] == [{"question": "sleep-more", "operator": "exists", "answerBoolean": True}]
    medicines = questionnaire_to_fhir(mini_content.questionnaire("medicines"), mini_content)
    by_id = {i["linkId"]: i for i in medicines["item"]}
    # A condition on another file's item is an expression over the visit's responses.
    expression = by_id["sleep-and-meds"]["extension"][0]["valueExpression"]["expression"]
    assert "%visit" in expression and "questionnaire:feelings|" in expression
    for resource in (feelings, medicines):
        FhirQuestionnaire.model_validate(resource)


def test_equals_and_in_become_enable_when(mini_content, content_root):
    content_root.write(
        "questionnaires/extra.yaml",
        """
        id: extra
        version: 1
        order: 50
        title: Extra
        items:
          - {id: a, type: yesno, text: A}
          - {id: b, type: text, text: B, show_if: {item: a, equals: true}}
          - id: c
            type: choice
            text: C
            options: [{value: x, label: X}, {value: y, label: Y}, {value: z, label: Z}]
          - {id: d, type: text, text: D, show_if: {item: c, in: [x, z]}}
          - {id: e, type: text, text: E, show_if: {not: {item: c, equals: y}}}
        """,
    )
    content = load_content(content_root.root, ("en", "es"))
    resource = questionnaire_to_fhir(content.questionnaire("extra"), content)
    by_id = {i["linkId"]: i for i in resource["item"]}
    assert by_id["b"]["enableWhen"] == [{"question": "a", "operator": "=", "answerBoolean": True}]
    assert by_id["d"]["enableBehavior"] == "any"
    assert [w["answerCoding"]["code"] for w in by_id["d"]["enableWhen"]] == ["x", "z"]
    assert by_id["e"]["enableWhen"][0]["operator"] == "!="
    FhirQuestionnaire.model_validate(resource)


def test_export_questionnaires_command_writes_one_file_each(tmp_path, capsys):
    assert main(["export-questionnaires", "-o", str(tmp_path / "out")]) == 0
    files = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert "how-ive-been.json" in files
    data = json.loads((tmp_path / "out" / "how-ive-been.json").read_text(encoding="utf-8"))
    assert data["resourceType"] == "Questionnaire"
    assert "questionnaires written" in capsys.readouterr().out


def test_export_to_an_unwritable_place_is_one_clear_line(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["export-questionnaires", "-o", str(blocker / "sub")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("decisionaid: cannot write to") and "\n" not in err
    assert Path(blocker).read_text() == "x"


def test_which_end_of_a_scale_is_better_travels_with_the_item(shipped):
    from decisionaid.content.fhir import BETTER

    for qid, item_id, better in [("how-ive-been", "sad", "lower"), ("my-medicines", "how-well", "higher")]:
        resource = questionnaire_to_fhir(shipped.questionnaire(qid), shipped)
        (item,) = [i for i in resource["item"] if i["linkId"] == item_id]
        assert {"url": BETTER, "valueCode": better} in item["extension"]
        parsed = FhirQuestionnaire.model_validate(resource)
        assert any(e.url == BETTER for i in parsed.item if i.linkId == item_id for e in i.extension)
    plain = questionnaire_to_fhir(shipped.questionnaire("my-decision"), shipped)
    assert not [e for i in plain["item"] for e in i.get("extension", []) if e["url"] == BETTER]


def _controls(item: dict) -> list[str]:
    from decisionaid.content.fhir import ITEM_CONTROL

    return [c["code"] for e in item.get("extension", []) if e["url"] == ITEM_CONTROL
            for c in e["valueCodeableConcept"]["coding"]]


def test_answers_are_shown_as_the_kiosk_shows_them(shipped):
    from decisionaid.content.fhir import CHOICE_ORIENTATION

    seen = set()
    for questionnaire in shipped.questionnaires:
        resource = questionnaire_to_fhir(questionnaire, shipped)
        by_id = {i["linkId"]: i for i in resource["item"]}
        for item in questionnaire.items:
            expected = {"scale": ["radio-button"], "choice": ["radio-button"], "yesno": ["radio-button"],
                        "multi": ["check-box"]}.get(item.type, [])
            assert _controls(by_id[item.id]) == expected, item.id
            seen.add(item.type)
            if item.type == "scale":
                assert {"url": CHOICE_ORIENTATION, "valueCode": "horizontal"} in by_id[item.id]["extension"]
        FhirQuestionnaire.model_validate(resource)
    assert {"scale", "choice", "multi", "yesno"} <= seen


def test_help_and_intro_texts_are_shown_as_help(shipped):
    questionnaire = shipped.questionnaire("how-ive-been")
    resource = questionnaire_to_fhir(questionnaire, shipped)
    assert resource["item"][0] == {
        "linkId": "_intro", "type": "display", "text": questionnaire.intro["en"],
        "_text": {"extension": [{"url": "http://hl7.org/fhir/StructureDefinition/translation", "extension": [
            {"url": "lang", "valueCode": "es"}, {"url": "content", "valueString": questionnaire.intro["es"]}]}]},
    }
    with_help = [i for i in questionnaire.items if i.help and i.type != "info"]
    assert with_help
    by_id = {i["linkId"]: i for i in resource["item"]}
    for item in with_help:
        (child,) = by_id[item.id]["item"]
        assert child["linkId"] == f"{item.id}/help" and child["type"] == "display"
        assert child["text"] == item.help["en"] and _controls(child) == ["help"]
    parsed = FhirQuestionnaire.model_validate(resource)
    assert parsed.item[0].linkId == "_intro"


def test_an_info_item_shows_its_help_below_its_text(content_root):
    from decisionaid.content.fhir import RENDERING_XHTML

    content_root.write("questionnaires/extra.yaml", """
        id: extra
        version: 1
        order: 50
        title: Extra
        items:
          - {id: a, type: info, text: "Read this & that", help: "Then go on"}
        """)
    content = load_content(content_root.root, ("en", "es"))
    resource = questionnaire_to_fhir(content.questionnaire("extra"), content)
    (ext,) = [e for e in resource["item"][0]["_text"]["extension"] if e["url"] == RENDERING_XHTML]
    assert ext["valueString"] == '<div xmlns="http://www.w3.org/1999/xhtml"><p>Read this &amp; that</p><p>Then go on</p></div>'
    FhirQuestionnaire.model_validate(resource)


def test_a_language_can_be_exported_as_the_forms_own(tmp_path, capsys, shipped):
    assert main(["export-questionnaires", "--lang", "es", "-o", str(tmp_path)]) == 0
    assert "in 'es'" in capsys.readouterr().out
    questionnaire = shipped.questionnaire("how-ive-been")
    data = json.loads((tmp_path / "how-ive-been.json").read_text(encoding="utf-8"))
    assert data["language"] == "es" and data["title"] == questionnaire.title["es"]
    first = next(i for i in data["item"] if i["linkId"] == questionnaire.items[0].id)
    assert first["text"] == questionnaire.items[0].text["es"]
    translation = first["_text"]["extension"][0]["extension"]
    assert translation == [{"url": "lang", "valueCode": "en"}, {"url": "content", "valueString": questionnaire.items[0].text["en"]}]
    option = next(i for i in data["item"] if i.get("answerOption"))["answerOption"][0]["valueCoding"]
    assert option["display"] in {o.label["es"] for q in shipped.questionnaires for i in q.items for o in i.options}
    for path in tmp_path.glob("*.json"):
        FhirQuestionnaire.model_validate(json.loads(path.read_text(encoding="utf-8")))


def test_a_language_the_site_does_not_have_is_one_clear_line(tmp_path, capsys):
    assert main(["export-questionnaires", "--lang", "vi", "-o", str(tmp_path)]) == 2
    assert capsys.readouterr().err.strip() == "decisionaid: --lang vi: not one of the site's languages (en, es)"
    assert not list(tmp_path.iterdir())
