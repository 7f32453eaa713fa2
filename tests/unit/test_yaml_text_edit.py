"""Whatever words a translator writes, the line added to a content file reads back as exactly
those words, through the same reader the kiosk uses, and leaves every other value alone."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from decisionaid.content.texts import ContentText
from decisionaid.content.yamledit import apply, set_language
from decisionaid.content.yamlnodes import read_yaml

LAYOUTS = {
    "block": "# top\ntitle:\n  en: Hello\n  es: Hola  # checked\nnext: 1\n",
    "flow": "title: {en: Hello, es: \"Hola, sí\"}\nnext: 1\n",
    "block with vi": "title:\n  en: Hello\n  vi: cũ\n  es: Hola\nnext: 1\n",
    "flow with vi": "title: {en: Hello, vi: \"cũ\", es: Hola}\nnext: 1\n",
    "block scalar last": "title:\n  en: Hello\n  es: |-\n    Hola\n\n    amigos\n\n# after\nnext: 1\n",
    "nested in a list": "items:\n  - id: a\n    text:\n      en: Hello\n      es: Hola\n    report: alerts\n",
    "shared": "title: Hello\nnext: 1\n",
}
TRICKY = [
    "Có", "yes", "No", "123", "1.5", "null", "~", "- a list?", "* star", "& anchor", "! tag", "% percent",
    "@ at", "` tick", "{braces}", "[brackets]", "a: b", "a #b", "#hash", "'single'", "\"double\"",
    "¿Cómo estás?", "a, b", "**Có** đậm", "line one\nline two", "para one\n\npara two", "trailing  \nspaces",
    "back\\slash", "tab\there", "…”“", "x > y | z", "?", ":", "-", "a\u2028b", "emoji 🙂", "    indented", "  two\nlines", "two\nlines\n",
]


def _set(source: str, value: str, language: str = "vi") -> str:
    root = yaml.compose(source)
    mapping = root.value[0][1]
    key = root.value[0][0]
    if key.value == "items":
        pair = next(p for p in mapping.value[0].value if p[0].value == "text")
        key, mapping = pair
    text = ContentText("x", Path("x.yaml"), 1, "", node=mapping, key=key,
                       shared=mapping.value if isinstance(mapping, yaml.ScalarNode) else None)
    return apply(source, [set_language(source, text, language, value, ("en", "es"))])


def _texts(source: str) -> dict:
    data, problems = read_yaml(source)
    assert problems == []
    first = data[next(iter(data))]
    return first[0]["text"] if isinstance(first, list) else first


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("value", TRICKY)
def test_a_tricky_translation_reads_back_as_written(layout, value):
    source = LAYOUTS[layout]
    edited = _set(source, value)
    texts = _texts(edited)
    assert texts["vi"] == value
    before = _texts(source)
    for lang in ("en", "es"):
        assert texts[lang] == (before if isinstance(before, str) else before[lang])


@pytest.mark.parametrize("layout", [name for name in LAYOUTS if name != "shared"])
def test_every_line_but_the_language_line_stays(layout):
    source = LAYOUTS[layout]
    edited = _set(source, "Xin chào")
    removed = [line for line in source.splitlines() if line not in edited.splitlines()]
    added = [line for line in edited.splitlines() if line not in source.splitlines()]
    if "flow" in layout:
        assert len(removed) == 1 and len(added) == 1 and "Xin chào" in added[0]
    else:
        assert removed in ([], ["  vi: cũ"])
        assert added in (["  vi: Xin chào"], ["      vi: Xin chào"])


@settings(max_examples=150, deadline=None)
@given(value=st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40).map(str.strip)
       .filter(bool), layout=st.sampled_from(sorted(LAYOUTS)))
def test_any_text_reads_back_as_written(value, layout):
    assert _texts(_set(LAYOUTS[layout], value))["vi"] == value
