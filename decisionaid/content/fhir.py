"""Questionnaires as FHIR R4 Questionnaire resources.

Mapping (written down in docs/content-format.md):
- ``url`` is ``Questionnaire.url`` and ``version`` the file's version; ``linkId`` is the item id.
- scale/choice/multi → ``choice`` (multi: ``repeats``), options as ``valueCoding`` whose
  ``system`` is the questionnaire url and ``code`` the option value as text, ``display`` the
  label in the first site language, with the other languages as translation extensions;
  number values also carry ``ordinalValue``.
- a scale's ``better`` → the item extension ``BETTER`` with ``valueCode`` ``lower`` or
  ``higher``: which end of the options' ``ordinalValue`` is the better one.
- yesno → ``boolean``; text → ``text`` with ``maxLength``; info and vignettes → ``display``.
- ``show_if`` → ``enableWhen``/``enableBehavior`` where FHIR can say it (equals, in,
  answered, not-equals, and all/any of those on items of the same file); anything else
  (at_least/at_most on coded answers, nested groups, items of another file) → the SDC
  ``enableWhenExpression`` extension in FHIRPath. An item of another file is reached through
  ``%visit``: this visit's QuestionnaireResponses, i.e. the entries of the exported Bundle that
  share this response's identifier ``urn:decisionaid:visit|ID``.
- How each item is shown, as the kiosk shows it, in the SDC ``itemControl`` extension: scale
  and choice and yesno → ``radio-button`` (a scale also ``choiceOrientation`` horizontal, one
  row), multi → ``check-box``. No slider: a scale's answers are coded words, and SDC's slider
  is for number answers.
- An item's ``help`` → a nested ``display`` item (linkId ``ID/help``) with itemControl
  ``help``, which renderers show behind a help button; an info item (a display item, which may
  hold no nested items) shows its help below its text, in ``rendering-xhtml``. The
  questionnaire's ``intro`` → ``description`` and a first display item, linkId ``_intro``.
- ``language``: the form's own language, the site's first language unless the export names
  another (``export-questionnaires --lang es``); the other languages go in translation
  extensions, so renderers that ignore them show that language.
"""

from __future__ import annotations

from decisionaid.content.model import Condition, Content, Item, Option, Questionnaire, Text
from decisionaid.i18n import _

TRANSLATION = "http://hl7.org/fhir/StructureDefinition/translation"
ORDINAL = "http://hl7.org/fhir/StructureDefinition/ordinalValue"
# No FHIR or SDC extension says which end of an ordinal scale is better, so the export names its
# own, under the same urn: scheme as the questionnaires' urls.
BETTER = "urn:decisionaid:fhir:extension:better"
ENABLE_WHEN_EXPRESSION = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression"
ITEM_CONTROL = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl"
ITEM_CONTROL_CODES = "http://hl7.org/fhir/questionnaire-item-control"
CHOICE_ORIENTATION = "http://hl7.org/fhir/StructureDefinition/questionnaire-choiceOrientation"
RENDERING_XHTML = "http://hl7.org/fhir/StructureDefinition/rendering-xhtml"
CONTROLS = {"scale": "radio-button", "choice": "radio-button", "yesno": "radio-button", "multi": "check-box"}
INTRO_LINK_ID = "_intro"  # not an item id: those use only lowercase letters, digits and '-'
HELP_SUFFIX = "/help"
FHIR_TYPES = {
    "scale": "choice",
    "choice": "choice",
    "multi": "choice",
    "yesno": "boolean",
    "text": "text",
    "info": "display",
    "vignettes": "display",
}


def _item_control(code: str) -> dict:
    return {"url": ITEM_CONTROL, "valueCodeableConcept": {"coding": [{"system": ITEM_CONTROL_CODES, "code": code}]}}


def _xhtml(*paragraphs: str) -> str:
    from html import escape

    body = "".join(f"<p>{escape(p).replace(chr(10), '<br/>')}</p>" for p in paragraphs)
    return f'<div xmlns="http://www.w3.org/1999/xhtml">{body}</div>'


def languages_for(content: Content, language: str | None = None) -> tuple[str, ...]:
    """The site's languages with the form's own one first."""
    if language is None:
        return content.languages
    if language not in content.languages:
        raise ValueError(_("'{language}' is not one of the site's languages ({languages})",
                           language=language, languages=', '.join(content.languages)))
    return (language, *(lang for lang in content.languages if lang != language))


def _translations(text: Text, languages: tuple[str, ...]) -> dict:
    return {
        "extension": [
            {
                "url": TRANSLATION,
                "extension": [
                    {"url": "lang", "valueCode": lang},
                    {"url": "content", "valueString": text[lang]},
                ],
            }
            for lang in languages[1:]
            if lang in text
        ]
    }


def _text_fields(name: str, text: Text, languages: tuple[str, ...]) -> dict:
    fields: dict = {name: text[languages[0]]}
    if len(languages) > 1:
        fields[f"_{name}"] = _translations(text, languages)
    return fields


def _coding(questionnaire: Questionnaire, option: Option, languages: tuple[str, ...]) -> dict:
    coding = {"system": questionnaire.url, "code": str(option.value), **_text_fields("display", option.label, languages)}
    return coding


def _answer_for(questionnaire: Questionnaire, target: Item, value: object) -> dict:
    if target.type == "yesno":
        return {"answerBoolean": bool(value)}
    return {"answerCoding": {"system": questionnaire.url, "code": str(value)}}


def _simple_enable_when(questionnaire: Questionnaire, content: Content, condition: Condition) -> tuple[list[dict], str] | None:
    """enableWhen entries and behaviour, or None when FHIR's enableWhen cannot say it."""

    def leaf(c: Condition, negate: bool = False) -> list[dict] | None:
        if c.ref is None or c.ref.questionnaire != questionnaire.id:
            return None
        target = content.item(c.ref)
        if c.op == "answered":
            return [{"question": c.ref.item, "operator": "exists", "answerBoolean": bool(c.value) != negate}]
        if c.op == "equals":
            return [{"question": c.ref.item, "operator": "!=" if negate else "=", **_answer_for(questionnaire, target, c.value)}]
        if c.op == "in" and not negate:
            return [{"question": c.ref.item, "operator": "=", **_answer_for(questionnaire, target, v)} for v in c.value]  # type: ignore[union-attr]
        return None

    if condition.op == "in":
        entries = leaf(condition)
        return (entries, "any") if entries else None
    if condition.op == "not" and condition.parts[0].op in ("equals", "answered"):
        entries = leaf(condition.parts[0], negate=True)
        return (entries, "all") if entries else None
    if condition.op in ("all", "any"):
        entries: list[dict] = []
        for part in condition.parts:
            if part.op not in ("equals", "answered"):
                return None
            found = leaf(part)
            if found is None:
                return None
            entries.extend(found)
        return entries, condition.op
    entries = leaf(condition)
    return (entries, "all") if entries else None


def fhirpath(condition: Condition, questionnaire_id: str) -> str:
    """The condition as FHIRPath over %resource (this response) and %visit (the visit's)."""
    if condition.op in ("all", "any"):
        joiner = " and " if condition.op == "all" else " or "
        return "(" + joiner.join(fhirpath(p, questionnaire_id) for p in condition.parts) + ")"
    if condition.op == "not":
        return f"({fhirpath(condition.parts[0], questionnaire_id)}).not()"
    ref = condition.ref
    assert ref is not None
    if ref.questionnaire == questionnaire_id:
        source = f"%resource.repeat(item).where(linkId='{ref.item}').answer.value"
    else:
        source = (
            f"%visit.entry.resource.where(questionnaire.startsWith('urn:decisionaid:questionnaire:{ref.questionnaire}|'))"
            f".repeat(item).where(linkId='{ref.item}').answer.value"
        )
    value_of = f"({source}.code | {source}.ofType(boolean).toString())"
    numeric = f"{source}.code.toInteger()"
    if condition.op == "answered":
        return f"{source}.exists()" if condition.value else f"{source}.empty()"
    if condition.op == "equals":
        return f"{value_of}.contains('{_fhir_value(condition.value)}')"
    if condition.op == "in":
        wanted = " | ".join(f"'{_fhir_value(v)}'" for v in condition.value)  # type: ignore[union-attr]
        return f"{value_of}.intersect({wanted}).exists()"
    if condition.op == "at_least":
        return f"{numeric}.where($this >= {condition.value}).exists()"
    return f"{numeric}.where($this <= {condition.value}).exists()"


def _fhir_value(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def item_to_fhir(
    questionnaire: Questionnaire, content: Content, item: Item, languages: tuple[str, ...] | None = None
) -> dict:
    languages = languages or content.languages
    fhir: dict = {"linkId": item.id, **_text_fields("text", item.text, languages), "type": FHIR_TYPES[item.type]}
    if item.answerable:
        fhir["required"] = item.required
    if item.type == "multi":
        fhir["repeats"] = True
    if item.type == "text":
        fhir["maxLength"] = item.max_length
    if item.type in ("scale", "choice", "multi"):
        options = []
        for option in item.options:
            entry: dict = {"valueCoding": _coding(questionnaire, option, languages)}
            if isinstance(option.value, int) and not isinstance(option.value, bool):
                entry["extension"] = [{"url": ORDINAL, "valueDecimal": option.value}]
            options.append(entry)
        fhir["answerOption"] = options
    if item.better:
        fhir.setdefault("extension", []).append({"url": BETTER, "valueCode": item.better})
    if item.show_if is not None:
        simple = _simple_enable_when(questionnaire, content, item.show_if)
        if simple is not None:
            entries, behaviour = simple
            fhir["enableWhen"] = entries
            if len(entries) > 1:
                fhir["enableBehavior"] = behaviour
        else:
            fhir.setdefault("extension", []).append(
                {
                    "url": ENABLE_WHEN_EXPRESSION,
                    "valueExpression": {"language": "text/fhirpath", "expression": fhirpath(item.show_if, questionnaire.id)},
                }
            )
    if item.type in CONTROLS:
        fhir.setdefault("extension", []).append(_item_control(CONTROLS[item.type]))
    if item.type == "scale":
        fhir["extension"].append({"url": CHOICE_ORIENTATION, "valueCode": "horizontal"})
    if item.help and fhir["type"] == "display":
        # A display item holds no nested items: its help is shown below its text.
        first = languages[0]
        fhir.setdefault("_text", {}).setdefault("extension", []).append(
            {"url": RENDERING_XHTML, "valueString": _xhtml(item.text[first], item.help[first])}
        )
    elif item.help:
        fhir["item"] = [{
            "linkId": item.id + HELP_SUFFIX,
            **_text_fields("text", item.help, languages),
            "type": "display",
            "extension": [_item_control("help")],
        }]
    return fhir


def questionnaire_to_fhir(questionnaire: Questionnaire, content: Content, language: str | None = None) -> dict:
    """One questionnaire as a FHIR R4 Questionnaire resource (a JSON-ready dict), in ``language``
    (a site language; the first one unless given) with the others as translations."""
    languages = languages_for(content, language)
    resource: dict = {
        "resourceType": "Questionnaire",
        "id": questionnaire.id,
        "url": questionnaire.url,
        "version": str(questionnaire.version),
        "name": "".join(part.capitalize() for part in questionnaire.id.split("-")),
        **_text_fields("title", questionnaire.title, languages),
        "status": "active",
        "language": languages[0],
        "item": [item_to_fhir(questionnaire, content, item, languages) for item in questionnaire.items],
    }
    if questionnaire.intro:
        resource.update(_text_fields("description", questionnaire.intro, languages))
        # Renderers show the description nowhere on the form; the kiosk shows the intro first.
        resource["item"].insert(0, {
            "linkId": INTRO_LINK_ID, **_text_fields("text", questionnaire.intro, languages), "type": "display",
        })
    return resource
