"""Whatever a clinic's editor saves, the check answers with content errors, never a traceback."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from decisionaid.content.loader import check

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
