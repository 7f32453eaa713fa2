"""The JSON Schemas of the content format, built from the same names the checker uses, so an
editor (VS Code with the YAML extension, or any JSON Schema tool) completes and checks a content
file as one types. They are published in ``decisionaid/content/schemas/``; after changing the
format, write them again with::

    python -m decisionaid.content.schema

A schema sees one file: what only the whole content folder can tell (does the vignette named
exist, does a show_if name an earlier item, is each text in every site language) is left to
``decisionaid check``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from decisionaid.content.condition_checks import CONDITION_TESTS
from decisionaid.content.loader import (
    ANSWER_SET_KEYS,
    ITEM_KEYS,
    OPTION_KEYS,
    QUESTIONNAIRE_KEYS,
)
from decisionaid.content.model import BETTER_ENDS, ITEM_TYPES, REPORT_SECTIONS, SEVERITIES
from decisionaid.content.score_checks import SCORE_FLAG_KEYS, SCORE_KEYS
from decisionaid.content.vignette_checks import LEANS, VIGNETTE_KEYS

SCHEMAS_DIR = Path(__file__).resolve().parent / "schemas"
BASE = "https://decisionaid.invalid/schemas/"
SLUG = "^[a-z0-9]+(-[a-z0-9]+)*$"
VALUE = "^[a-z0-9]+([-_][a-z0-9]+)*$"
LANGUAGE = "^[a-z]{2,3}$"
WHOLE = {"type": "integer"}


def _closed(properties: dict, required: list[str], keys: set[str], **more) -> dict:
    assert set(properties) == keys, sorted(set(properties) ^ keys)  # the checker's keys, all of them
    return {"type": "object", "properties": properties, "required": required,
            "additionalProperties": False, **more}


def _defs() -> dict:
    text = {
        "description": "A text: the same in every language, or one per site language (en: …, es: …).",
        "anyOf": [
            {"type": ["string", "number"], "pattern": r"\S"},
            {"type": "object", "minProperties": 1, "propertyNames": {"pattern": LANGUAGE},
             "additionalProperties": {"type": ["string", "number"], "pattern": r"\S"}},
        ],
    }
    slug = {"type": "string", "pattern": SLUG}
    option = _closed({
        "value": {"description": "What is stored: a whole number or a lowercase word.",
                  "anyOf": [WHOLE, {"type": "string", "pattern": VALUE}]},
        "label": {"$ref": "#/$defs/text"},
        "flag": {"enum": list(SEVERITIES)},
        "suggest": {"anyOf": [slug, {"type": "array", "items": slug}]},
        "exclusive": {"type": "boolean"},
    }, ["value", "label"], OPTION_KEYS)
    options = {"type": "array", "minItems": 2, "items": {"$ref": "#/$defs/option"}}
    test = {"type": "object", "required": ["item"], "additionalProperties": False,
            "minProperties": 2, "maxProperties": 2,
            "properties": {"item": {"type": "string", "minLength": 1},
                           "equals": {"type": ["integer", "string", "boolean"]},
                           "in": {"type": "array", "minItems": 1},
                           "at_least": WHOLE, "at_most": WHOLE,
                           "answered": {"type": "boolean"}}}
    assert set(test["properties"]) == {"item", *CONDITION_TESTS}
    condition = {"anyOf": [
        test,
        {"type": "object", "additionalProperties": False, "minProperties": 1, "maxProperties": 1,
         "properties": {"all": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/condition"}},
                        "any": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/condition"}},
                        "not": {"$ref": "#/$defs/condition"}}},
    ]}
    with_options = [t for t in ITEM_TYPES if t in ("scale", "choice", "multi")]
    item = _closed({
        "id": slug,
        "type": {"enum": list(ITEM_TYPES)},
        "text": {"$ref": "#/$defs/text"},
        "help": {"$ref": "#/$defs/text"},
        "options": {"description": "A list of {value, label}, or the name of an answer set.",
                    "anyOf": [slug, options]},
        "required": {"type": "boolean"},
        "show_if": {"$ref": "#/$defs/condition"},
        "report": {"enum": list(REPORT_SECTIONS)},
        "trend": {"type": "boolean"},
        "max_length": {"type": "integer", "minimum": 1, "maximum": 5000},
        "max": {"type": "integer", "minimum": 1},
        "carry_forward": {"type": "boolean"},
        "read_aloud": {"type": "boolean"},
        "vignette": slug,
        "topics": {"type": "array", "items": slug},
        "better": {"enum": list(BETTER_ENDS)},
    }, ["id", "type", "text"], ITEM_KEYS, allOf=[
        {"if": {"properties": {"type": {"enum": with_options}}},
         "then": {"required": ["options"]}, "else": {"not": {"required": ["options"]}}},
        {"if": {"required": ["trend"], "properties": {"trend": {"const": True}}},
         "then": {"properties": {"type": {"const": "scale"}}}},
        {"if": {"required": ["better"]}, "then": {"properties": {"type": {"const": "scale"}}}},
        {"if": {"required": ["max_length"]}, "then": {"properties": {"type": {"const": "text"}}}},
        {"if": {"required": ["max"]}, "then": {"properties": {"type": {"const": "multi"}}}},
        {"if": {"required": ["vignette"]}, "then": {"properties": {"type": {"const": "info"}}}},
        {"if": {"required": ["topics"]}, "then": {"properties": {"type": {"const": "vignettes"}}}},
    ])
    flag = _closed({"at_least": WHOLE, "at_most": WHOLE, "severity": {"enum": list(SEVERITIES)},
                    "text": {"$ref": "#/$defs/text"}}, ["severity", "text"], SCORE_FLAG_KEYS,
                   oneOf=[{"required": ["at_least"]}, {"required": ["at_most"]}])
    score = _closed({"id": slug, "items": {"type": "array", "minItems": 1, "items": slug},
                     "label": {"$ref": "#/$defs/text"}, "flag": flag,
                     "report": {"enum": list(REPORT_SECTIONS)}}, ["id", "items", "label"], SCORE_KEYS)
    return {"text": text, "option": option, "options": options, "condition": condition,
            "item": item, "score": score}


def questionnaire_schema() -> dict:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": BASE + "questionnaire.schema.json",
        "title": "decisionaid questionnaire (questionnaires/NAME.yaml)",
        **_closed({
            "id": {"type": "string", "pattern": SLUG},
            "version": {"type": "integer", "minimum": 1},
            "order": WHOLE,
            "title": {"$ref": "#/$defs/text"},
            "intro": {"$ref": "#/$defs/text"},
            "optional": {"type": "boolean"},
            "items": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/item"}},
            "scores": {"type": "array", "items": {"$ref": "#/$defs/score"}},
        }, ["id", "version", "order", "title", "items"], QUESTIONNAIRE_KEYS),
        "$defs": _defs(),
    }


def answer_sets_schema() -> dict:
    long_form = _closed({"better": {"enum": list(BETTER_ENDS)}, "options": {"$ref": "#/$defs/options"}},
                        ["options"], ANSWER_SET_KEYS)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": BASE + "answer-sets.schema.json",
        "title": "decisionaid answer sets (questionnaires/_answer-sets.yaml)",
        "type": "object", "minProperties": 1, "propertyNames": {"pattern": SLUG},
        "additionalProperties": {"anyOf": [{"$ref": "#/$defs/options"}, long_form]},
        "$defs": _defs(),
    }


def topics_schema() -> dict:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": BASE + "topics.schema.json",
        "title": "decisionaid story topics (vignettes/_topics.yaml)",
        "type": "object", "minProperties": 1, "propertyNames": {"pattern": SLUG},
        "additionalProperties": {"$ref": "#/$defs/text"},
        "$defs": {"text": _defs()["text"]},
    }


def vignette_schema() -> dict:
    slug = {"type": "string", "pattern": SLUG}
    files = {"type": "object", "minProperties": 1, "propertyNames": {"pattern": LANGUAGE},
             "additionalProperties": {"type": "string", "minLength": 1}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": BASE + "vignette.schema.json",
        "title": "decisionaid peer story (vignettes/ID/vignette.yaml)",
        **_closed({
            "id": slug,
            "title": {"$ref": "#/$defs/text"},
            "summary": {"$ref": "#/$defs/text"},
            "peer": {"$ref": "#/$defs/text"},
            "topics": {"type": "array", "minItems": 1, "items": slug},
            "leans": {"description": "Which way the story leans on its topics' decision.",
                      "anyOf": [{"enum": list(LEANS)},
                                {"type": "object", "propertyNames": {"pattern": SLUG},
                                 "additionalProperties": {"enum": list(LEANS)}}]},
            "video": {"type": "string", "minLength": 1},
            "captions": files,
            "transcript": files,
            "duration_s": {"type": "integer", "minimum": 1},
            "sample": {"type": "boolean"},
        }, ["id", "title", "summary", "peer", "topics", "video", "captions", "transcript", "duration_s"],
            VIGNETTE_KEYS),
        "$defs": {"text": _defs()["text"]},
    }


SCHEMAS = {
    "questionnaire.schema.json": questionnaire_schema,
    "answer-sets.schema.json": answer_sets_schema,
    "topics.schema.json": topics_schema,
    "vignette.schema.json": vignette_schema,
}


def rendered(name: str) -> str:
    return json.dumps(SCHEMAS[name](), indent=2, ensure_ascii=False) + "\n"


def schema_for(path: Path) -> str:
    """The schema file that describes the content file at ``path``."""
    if path.name == "_answer-sets.yaml":
        return "answer-sets.schema.json"
    if path.name == "_topics.yaml":
        return "topics.schema.json"
    if path.name == "vignette.yaml":
        return "vignette.schema.json"
    return "questionnaire.schema.json"


def main() -> int:
    SCHEMAS_DIR.mkdir(exist_ok=True)
    for name in SCHEMAS:
        (SCHEMAS_DIR / name).write_text(rendered(name), encoding="utf-8")
        print(SCHEMAS_DIR / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
