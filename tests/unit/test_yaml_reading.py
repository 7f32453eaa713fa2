"""Content YAML is read by libyaml where PyYAML has it, with the pure-Python reader's results."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from decisionaid.config import PROJECT_ROOT
from decisionaid.content import yamlnodes

SHIPPED = sorted(p for folder in ("questionnaires", "vignettes", "tests/data")
                 for p in (PROJECT_ROOT / folder).rglob("*.yaml"))


def _same(a: object, b: object) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, yamlnodes.LineDict):
        return (a.line, a.key_lines, list(a)) == (b.line, b.key_lines, list(b)) and all(
            _same(a[k], b[k]) for k in a)
    if isinstance(a, yamlnodes.LineList):
        return (a.line, a.item_lines, len(a)) == (b.line, b.item_lines, len(b)) and all(
            _same(x, y) for x, y in zip(a, b, strict=True))
    return a == b


def _slow(text: str, monkeypatch: pytest.MonkeyPatch):
    with monkeypatch.context() as m:
        m.setattr(yamlnodes, "_FastContentLoader", None)
        return yamlnodes.read_yaml(text)


@pytest.mark.skipif(yamlnodes._FastContentLoader is None, reason="PyYAML without libyaml")
@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(PROJECT_ROOT)))
def test_the_shipped_files_read_by_libyaml_as_by_the_python_reader(path: Path, monkeypatch):
    text = path.read_text(encoding="utf-8")
    fast = yamlnodes._read_fast(text)
    if "tests" in path.relative_to(PROJECT_ROOT).parts:
        fast = fast or yamlnodes.read_yaml(text)
    assert fast is not None, "a file the kiosk ships is not read by libyaml"
    slow = _slow(text, monkeypatch)
    assert _same(fast[0], slow[0]) and fast[1] == slow[1]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab:- \n\t[]{}\"'#&*!|>0123,?%@`\\", max_size=60))
def test_any_text_gets_the_python_readers_answer_or_libyamls_reading_of_a_slip(text):
    """Problems are told in the pure-Python reader's words (libyaml hands them to it), and a
    file both read gives the same data. libyaml reads a few slips the Python reader refuses
    (``a: >#``, a block scalar's indicator touching a comment) as the empty text they look like."""
    saved = yamlnodes._FastContentLoader
    try:
        yamlnodes._FastContentLoader = None
        slow = yamlnodes.read_yaml(text)
    finally:
        yamlnodes._FastContentLoader = saved
    fast = yamlnodes.read_yaml(text)
    if fast[1] or not slow[1]:
        assert fast[1] == slow[1]
        assert _same(fast[0], slow[0])


def test_nesting_past_the_limit_is_told_at_its_line():
    text = "".join(" " * i + "k:\n" for i in range(60)) + " " * 60 + "v\n"
    data, problems = yamlnodes.read_yaml(text)
    assert data is None and problems and "nested more than 40 deep" in problems[0].message
