"""The published JSON Schemas and `decisionaid check` agree: on every shipped file, and on broken
files an author might write (both refuse them)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from decisionaid.config import PROJECT_ROOT
from decisionaid.content.schema import SCHEMAS, SCHEMAS_DIR, rendered, schema_for

SHIPPED = sorted(
    [*(PROJECT_ROOT / "questionnaires").glob("*.yaml"), *(PROJECT_ROOT / "vignettes").glob("*/vignette.yaml"),
     PROJECT_ROOT / "vignettes" / "_topics.yaml"]
)


def problems(path: Path) -> list[str]:
    schema = json.loads((SCHEMAS_DIR / schema_for(path)).read_text(encoding="utf-8"))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(data)]


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_the_published_schemas_are_up_to_date_and_valid(name):
    text = (SCHEMAS_DIR / name).read_text(encoding="utf-8")
    assert text == rendered(name), "run: python -m decisionaid.content.schema"
    jsonschema.Draft202012Validator.check_schema(json.loads(text))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_shipped_file_meets_its_schema(path):
    assert problems(path) == []


QUESTIONNAIRE = """\
id: extra
version: 1
order: 5
title: {en: Extra, es: Extra}
items:
  - id: a
    type: choice
    text: {en: "How are you?", es: "¿Cómo estás?"}
    options:
      - {value: 1, label: {en: Well, es: Bien}}
      - {value: 2, label: {en: Not well, es: Mal}}
"""
BROKEN = {
    "unknown key": ("    text:", "    txt:"),
    "misspelt type": ("type: choice", "type: choise"),
    "no id": ("  - id: a\n", "  - \n"),
    "a value in capitals": ("value: 1,", "value: One,"),
    "a yes/no value": ("value: 1,", "value: yes,"),
    "options on a yesno": ("type: choice", "type: yesno"),
    "no options on a choice": ("    options:\n      - {value: 1, label: {en: Well, es: Bien}}\n      - {value: 2, label: {en: Not well, es: Mal}}\n", ""),
    "one option": ("      - {value: 2, label: {en: Not well, es: Mal}}\n", ""),
    "trend on a choice": ("    type: choice\n", "    type: choice\n    trend: true\n"),
    "max_length on a choice": ("    type: choice\n", "    type: choice\n    max_length: 20\n"),
    "version 0": ("version: 1", "version: 0"),
    "no items": ("items:\n", "items: []\nx:\n"),
    "an empty text": ('text: {en: "How are you?", es: "¿Cómo estás?"}', "text: ' '"),
    "a bad report section": ("    type: choice\n", "    type: choice\n    report: somewhere\n"),
    "a show_if with two tests": ("    type: choice\n", "    type: choice\n    show_if: {item: b, at_least: 1, at_most: 2}\n"),
    "an unknown show_if test": ("    type: choice\n", "    type: choice\n    show_if: {item: b, bigger: 1}\n"),
    "a score flag with both bounds": ("items:\n", "scores:\n  - {id: s, items: [a], label: S, flag: {at_least: 1, at_most: 2, severity: concern, text: T}}\nitems:\n"),
    "an item id in capitals": ("  - id: a", "  - id: A"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_questionnaire_is_refused_by_both(case, content_root, capsys):
    old, new = BROKEN[case]
    assert old in QUESTIONNAIRE
    path = content_root.write("questionnaires/extra.yaml", QUESTIONNAIRE.replace(old, new, 1))
    assert problems(path), f"the schema accepts {case}"
    assert [e for e in content_root.check().errors if e.path == str(path)], f"the checker accepts {case}"


def test_the_good_example_is_accepted_by_both(content_root):
    path = content_root.write("questionnaires/extra.yaml", QUESTIONNAIRE)
    assert problems(path) == []
    assert content_root.check().errors == []


@pytest.mark.parametrize(("old", "new"), [
    ("sample: true", "leans: sideways"),
    ("sample: true", "leans: {side-effects: towards}"),
    ("sample: true", "sampel: true"),
    ("duration_s: 3", "duration_s: 0"),
    ("topics: [side-effects]", "topics: []"),
])
def test_a_broken_vignette_is_refused_by_both(old, new, content_root):
    path = content_root.root / "vignettes" / "side-story" / "vignette.yaml"
    path.write_text(path.read_text().replace(old, new))
    assert problems(path)
    assert [e for e in content_root.check().errors if e.path == str(path)]


@pytest.mark.parametrize("text", ["Sleep: [1, 2]\n", "sleep:\n  - {value: 1}\n  - {value: 2, label: B}\n"])
def test_broken_answer_sets_are_refused_by_both(text, content_root):
    path = content_root.write("questionnaires/_answer-sets.yaml", text)
    assert problems(path)
    assert [e for e in content_root.check().errors if e.path == str(path)]
