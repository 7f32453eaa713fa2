"""Random walks through a visit keep the promises the kiosk and the report rely on."""

from __future__ import annotations

import contextlib

from hypothesis import given, settings
from hypothesis import strategies as st

from decisionaid.content.model import ItemRef
from decisionaid.engine import InvalidAnswer, Visit
from decisionaid.engine.conditions import holds

actions = st.lists(
    st.tuples(st.sampled_from(["confirm", "skip", "back", "skip_section", "go_to", "bad"]), st.integers(0, 1000)),
    max_size=60,
)


def random_value(item, seed: int):
    if item.type in ("scale", "choice"):
        return item.options[seed % len(item.options)].value
    if item.type == "yesno":
        return bool(seed % 2)
    if item.type == "multi":
        plain = [o.value for o in item.options if not o.exclusive]
        count = 1 + seed % min(len(plain), item.max or len(plain))
        return plain[:count] if seed % 5 else [o.value for o in item.options if o.exclusive][:1] or plain[:1]
    if item.type == "text":
        return "x" * (1 + seed % item.max_length)
    return None


def check_invariants(visit: Visit, content) -> None:
    answers = visit.answers
    for ref in answers:
        item = content.item(ref)
        assert item.show_if is None or holds(item.show_if, answers), f"hidden item {ref} kept an answer"
    summary = visit.summary()
    in_alerts = {(e.questionnaire_id, e.item_id) for e in summary.section("alerts")}
    for flag in visit.flags:
        assert flag in summary.flags
        if not flag.is_score:
            assert (flag.questionnaire_id, flag.source_id) in in_alerts
    assert set(visit.suggestions) <= set(content.vignettes)


@settings(max_examples=200, deadline=None)
@given(steps=actions)
def test_random_walks_keep_the_invariants(mini_content, steps):
    visit = Visit(mini_content)
    refs = [ItemRef(q.id, i.id) for q in mini_content.questionnaires for i in q.items]
    for action, seed in steps:
        before = visit.current.fraction
        screen = visit.current
        if action == "confirm" and not visit.finished:
            value = random_value(screen.item, seed) if screen.kind == "item" else None
            visit.confirm(value)
            assert visit.current.fraction >= before, "progress went down on next"
        elif action == "skip" and not visit.finished:
            visit.skip()
            assert visit.current.fraction >= before, "progress went down on skip"
        elif action == "back":
            visit.back()
        elif action == "skip_section":
            try:
                visit.skip_section()
            except InvalidAnswer:
                assert not (screen.kind == "intro" and screen.questionnaire.optional)
        elif action == "go_to":
            with contextlib.suppress(InvalidAnswer):  # a hidden item cannot be jumped to
                visit.go_to(refs[seed % len(refs)])
        elif action == "bad" and screen.kind == "item" and screen.item.answerable:
            kept = visit.answers
            with contextlib.suppress(InvalidAnswer):
                visit.confirm({"not": "an answer"})
            assert visit.answers == kept and visit.current.ref == screen.ref
        check_invariants(visit, mini_content)


@settings(max_examples=100, deadline=None)
@given(steps=actions)
def test_resuming_from_saved_answers_gives_the_same_answers(mini_content, steps):
    visit = Visit(mini_content)
    for action, seed in steps:
        if visit.finished:
            break
        if action in ("confirm", "go_to", "bad") and visit.current.kind == "item":
            visit.confirm(random_value(visit.current.item, seed))
        elif action == "back":
            visit.back()
        else:
            visit.skip() if visit.current.kind == "item" else visit.confirm()
    resumed = Visit(mini_content, answers=visit.answers)
    assert resumed.answers == visit.answers
