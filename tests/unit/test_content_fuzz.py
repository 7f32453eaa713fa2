"""Whatever a clinic's editor saves, the check answers with content errors, never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from decisionaid.config import PROJECT_ROOT
from decisionaid.content.loader import ANSWER_SETS_FILE, TOPICS_FILE, check, check_alone

KEYS = [
    "id", "version", "order", "title", "intro", "optional", "items", "scores", "type", "text",
    "options", "show_if", "report", "trend", "max", "max_length", "value", "label", "flag",
    "suggest", "exclusive", "item", "equals", "in", "at_least", "at_most", "answered", "all",
    "any", "not", "en", "es", "carry_forward", "vignette", "topics", "severity", "help",
]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 5),
    st.sampled_from(["scale", "choice", "multi", "yesno", "text", "info", "vignettes", "a", "sad",
                     "feelings/sleep", "frequency", "safety", "concern", "alerts", "side-story", ""]),
    st.text(max_size=12),
)
structures = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.sampled_from(KEYS), children, max_size=6),
    ),
    max_leaves=30,
)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def run_check(content_root, text: str) -> None:
    content_root.write("questionnaires/fuzz.yaml", "")
    (content_root.root / "questionnaires/fuzz.yaml").write_text(text, encoding="utf-8")
    result = check(content_root.root, ("en", "es"))
    for error in result.errors:
        assert error.line >= 1 and error.message


@SETTINGS
@given(text=st.text(alphabet=st.sampled_from(list("abc:-{}[],?#'\"&*!|>%@` \n\t0123yesno")), max_size=200))
def test_arbitrary_yaml_text_gives_only_content_errors(content_root, text):
    run_check(content_root, text)


@SETTINGS
@given(data=structures)
def test_arbitrary_structures_give_only_content_errors(content_root, data):
    run_check(content_root, yaml.safe_dump(data, allow_unicode=True))


@SETTINGS
@given(
    items=st.lists(
        st.fixed_dictionaries(
            {"id": st.sampled_from(["a", "b", "c"]), "type": st.sampled_from(["scale", "choice", "multi", "yesno", "text", "info"])},
            optional={
                "text": st.one_of(st.just({"en": "A", "es": "A"}), scalars),
                "options": st.one_of(st.just("frequency"), structures),
                "show_if": structures,
                "report": scalars,
                "max": scalars,
                "trend": scalars,
            },
        ),
        max_size=4,
    )
)
def test_plausible_questionnaires_give_only_content_errors(content_root, items):
    doc = {"id": "fuzz", "version": 1, "order": 99, "title": "Fuzz", "items": items}
    run_check(content_root, yaml.safe_dump(doc, allow_unicode=True))


def test_a_self_referring_anchor_is_an_error_not_a_crash(content_root):
    run_check(content_root, "id: &a [*a]\n")
    errors = [e for e in check(content_root.root, ("en", "es")).errors if e.path.endswith("fuzz.yaml")]
    assert errors


# --- mutated shipped content ---------------------------------------------------------------------
# What an editor, a bad copy-and-paste or a damaged disk can do to a real file: flipped bits,
# control characters, cut-off files, repeated or lost lines, bad dates, tags, alias bombs. Every
# result must be errors that name a file and a line (or clean content), never an exception.

MINI = Path(__file__).resolve().parent.parent / "data" / "mini"
SHIPPED = [*sorted((PROJECT_ROOT / "questionnaires").glob("*.yaml")), PROJECT_ROOT / "vignettes" / TOPICS_FILE]
ORIGINALS = {path: path.read_bytes() for path in SHIPPED}
CONTROL = [b"\x00", b"\x01", b"\x07", b"\x08", b"\x0b", b"\x0c", b"\x1b", b"\x7f", "\x85".encode(), "\u2028".encode(),
           "\ufeff".encode(), b"\r", b"\t"]
SNIPPETS = [
    b"2024-13-45", b"!!int abc", b"!!timestamp 2024-02-30", b"!!python/object:os.system ls", b"!!binary x",
    b"!foo", b"&a", b"*a", b"*nowhere", b"<<: *a", b"---\n", b"...\n", b"? ", b"{", b"]", b"'", b'"', b"|", b">",
    b"%YAML 1.1\n", b"1" * 5000, b"~", b".nan", b"0x1F", b"0o17", b"1e999", b"- ", b": ", b"#", "\u00e9".encode(),
    b"\xff\xfe", b"\xc3", b"[" * 200, alias_bomb_text := (
        b'x0: &x0 ["l","l","l","l","l","l","l","l","l"]\n'
        + b"".join(f"x{i}: &x{i} [{', '.join([f'*x{i - 1}'] * 9)}]\n".encode() for i in range(1, 12))
    ),
]


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


@st.composite
def mutated(draw) -> tuple[Path, bytes]:
    path = draw(st.sampled_from(SHIPPED))
    data = ORIGINALS[path]
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["flip", "control", "snippet", "truncate", "duplicate", "delete", "swap", "indent", "bomb"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        lines = _lines(data)
        n = draw(st.integers(0, max(len(lines) - 1, 0)))
        if kind == "flip" and data:
            data = data[:at] + bytes([data[at] ^ (1 << draw(st.integers(0, 7)))]) + data[at + 1:]
        elif kind == "control":
            data = data[:at] + draw(st.sampled_from(CONTROL)) + data[at:]
        elif kind == "snippet":
            data = data[:at] + draw(st.sampled_from(SNIPPETS)) + data[at:]
        elif kind == "truncate":
            data = data[:at]
        elif kind == "duplicate":
            data = b"\n".join(lines[: n + 1] + lines[n:])
        elif kind == "delete":
            data = b"\n".join(lines[:n] + lines[n + 1:])
        elif kind == "swap" and len(lines) > 1:
            m = draw(st.integers(0, len(lines) - 1))
            lines[n], lines[m] = lines[m], lines[n]
            data = b"\n".join(lines)
        elif kind == "indent":
            lines[n] = lines[n][draw(st.integers(1, 4)):] if draw(st.booleans()) else b"  " + lines[n]
            data = b"\n".join(lines)
        elif kind == "bomb":
            data = data + b"\n" + alias_bomb_text
    return path, data


def _assert_file_line_errors(result, files: set[str] | Path) -> None:
    for error in result.errors:
        inside = Path(error.path).is_file() and Path(error.path).is_relative_to(files) if isinstance(files, Path) else error.path in files
        assert inside and error.line >= 1, error
        assert error.message and "\n" not in error.message and "Traceback" not in error.message, error


def test_mutated_shipped_files_give_file_line_errors_never_a_traceback(tmp_path):
    """Each mutated file is checked on its own, with the shipped answer sets beside it."""
    folder = tmp_path / "drafts"
    folder.mkdir()
    seen = {"files": 0, "with errors": 0}

    @settings(max_examples=1200, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(case=mutated())
    def run(case):
        path, data = case
        (folder / ANSWER_SETS_FILE).write_bytes(ORIGINALS[PROJECT_ROOT / "questionnaires" / ANSWER_SETS_FILE])
        target = folder / path.name
        target.write_bytes(data)
        result = check_alone(target, ("en", "es"))
        _assert_file_line_errors(result, {str(target), str(folder / ANSWER_SETS_FILE)})
        seen["files"] += 1
        seen["with errors"] += bool(result.errors)
        target.unlink()

    run()
    print(f"mutated files checked on their own: {seen}")
    assert seen["files"] >= 1000 and seen["with errors"] >= seen["files"] // 4


def test_mutated_shipped_content_root_gives_file_line_errors_never_a_traceback(tmp_path):
    """One mutated file in a whole content root, so links across files are resolved too. The
    shipped vignettes stand in as copies of the small test vignette (decoding is quick)."""
    root = tmp_path / "content"
    shutil.copytree(PROJECT_ROOT / "questionnaires", root / "questionnaires")
    for folder in (PROJECT_ROOT / "vignettes").glob("*/vignette.yaml"):
        stand_in = root / "vignettes" / folder.parent.name
        shutil.copytree(MINI / "vignettes" / "side-story", stand_in)
        yaml_path = stand_in / "vignette.yaml"
        yaml_path.write_text(yaml_path.read_text().replace("id: side-story", f"id: {folder.parent.name}"))
    for path in SHIPPED:
        (root / path.parent.name / path.name).write_bytes(ORIGINALS[path])
    assert check(root, ("en", "es")).errors == []
    seen = {"files": 0, "with errors": 0}

    @settings(max_examples=200, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(case=mutated())
    def run(case):
        path, data = case
        target = root / path.parent.name / path.name
        target.write_bytes(data)
        try:
            result = check(root, ("en", "es"))
        finally:
            target.write_bytes(ORIGINALS[path])
        _assert_file_line_errors(result, root)
        # What load_content gives: content exactly when nothing is wrong, else ContentErrors.
        assert (result.content is None) == bool(result.errors)
        seen["files"] += 1
        seen["with errors"] += bool(result.errors)

    run()
    print(f"mutated content roots checked: {seen}")
    assert seen["files"] >= 150 and seen["with errors"] < seen["files"]


# Expanded, the bomb would take hours and all the memory: a check that ends at all refused it.
# The ceiling is generous (how fast is for the benchmarks); a machine's speed never fails it.
@pytest.mark.timeout(60)
@pytest.mark.parametrize("name", ["how-ive-been.yaml", ANSWER_SETS_FILE])
def test_an_alias_bomb_appended_to_a_shipped_file_is_reported_not_expanded(tmp_path, name):
    target = tmp_path / name
    target.write_bytes(ORIGINALS[PROJECT_ROOT / "questionnaires" / name] + b"\n" + alias_bomb_text)
    result = check_alone(target, ("en", "es"))
    assert [e.line for e in result.errors if "aliases" in e.message]
