"""The visit engine: what the user is shown next, and what is kept, for every kind of answer."""

from __future__ import annotations

import pytest

from decisionaid.content.model import ItemRef
from decisionaid.engine import InvalidAnswer, Visit

SAD = ItemRef("feelings", "sad")
SLEEP = ItemRef("feelings", "sleep")
SLEEP_MORE = ItemRef("feelings", "sleep-more")
SLEEP_DETAIL = ItemRef("feelings", "sleep-detail")
HARM = ItemRef("feelings", "harm-self")
SIDE = ItemRef("medicines", "side-effects")
BOTHER = ItemRef("medicines", "bother")
SLEEP_MEDS = ItemRef("medicines", "sleep-and-meds")
POWER = ItemRef("decision", "power")


def walk_to(visit: Visit, ref: ItemRef) -> None:
    """Press Next/Skip until the item is on screen."""
    for _ in range(50):
        if visit.current.ref == ref:
            return
        if visit.current.kind == "item":
            visit.skip()
        else:
            visit.confirm()
    raise AssertionError(f"{ref} never shown")


def shown_items(visit: Visit) -> list[str]:
    """Every item id the user passes through by skipping everything from here on."""
    seen = []
    while not visit.finished:
        if visit.current.kind == "item":
            seen.append(visit.current.item.id)
            visit.skip()
        else:
            visit.confirm()
    return seen


def test_a_visit_starts_with_the_first_section_intro(mini_content):
    visit = Visit(mini_content)
    screen = visit.current
    assert screen.kind == "intro"
    assert screen.questionnaire.id == "feelings"
    assert (screen.section_index, screen.section_count, screen.fraction) == (1, 3, 0.0)


def test_follow_up_is_hidden_until_its_condition_holds(mini_content):
    visit = Visit(mini_content)
    visit.confirm()
    visit.confirm(0)  # sad
    visit.confirm(1)  # sleep: only "some days"
    assert visit.current.ref == HARM  # sleep-more and sleep-detail passed over


def test_follow_up_appears_when_the_answer_calls_for_it(mini_content):
    visit = Visit(mini_content)
    visit.confirm()
    visit.confirm(0)
    visit.confirm(3)
    assert visit.current.ref == SLEEP_MORE


def test_skip_logic_across_files(mini_content):
    low = Visit(mini_content)
    walk_to(low, SLEEP)
    low.confirm(0)
    assert "sleep-and-meds" not in shown_items(low)
    high = Visit(mini_content)
    walk_to(high, SLEEP)
    high.confirm(2)
    assert "sleep-and-meds" in shown_items(high)


def test_back_after_changing_an_answer_clears_hidden_answers(mini_content):
    visit = Visit(mini_content)
    walk_to(visit, SLEEP)
    visit.confirm(3)
    visit.confirm("I wake at 3 am")
    visit.confirm(True)
    assert {SLEEP_MORE, SLEEP_DETAIL} <= set(visit.answers)
    visit.back()
    visit.back()
    visit.back()
    assert visit.current.ref == SLEEP and visit.current.value == 3
    step = visit.confirm(0)
    assert step.cleared == [SLEEP_MORE, SLEEP_DETAIL]  # the chain: detail depended on sleep-more
    assert SLEEP_MORE not in visit.answers and SLEEP_DETAIL not in visit.answers
    assert visit.current.ref == HARM


def test_back_on_the_first_screen_stays_there(mini_content):
    visit = Visit(mini_content)
    assert not visit.can_go_back
    visit.back()
    assert visit.current.kind == "intro" and visit.current.questionnaire.id == "feelings"


def test_skip_removes_an_earlier_answer(mini_content):
    visit = Visit(mini_content)
    walk_to(visit, SAD)
    visit.confirm(2)
    visit.back()
    step = visit.skip()
    assert step.cleared == [SAD]
    assert SAD not in visit.answers


def test_exclusive_option_cannot_be_combined(mini_content):
    visit = Visit(mini_content)
    walk_to(visit, SIDE)
    with pytest.raises(InvalidAnswer, match="cannot be chosen with other options"):
        visit.confirm(["none", "sleepy"])
    assert visit.current.ref == SIDE and SIDE not in visit.answers
    visit.confirm(["none"])
    assert visit.current.ref != BOTHER  # "none of these" hides the follow-up


def test_multi_respects_max_and_keeps_option_order(mini_content):
    visit = Visit(mini_content)
    walk_to(visit, SIDE)
    with pytest.raises(InvalidAnswer, match="at most 2"):
        visit.confirm(["sleepy", "weight", "shaking"])
    step = visit.confirm(["shaking", "sleepy"])
    assert step.saved[SIDE] == ["sleepy", "shaking"]
    assert visit.current.ref == BOTHER


@pytest.mark.parametrize(
    ("ref", "bad"),
    [(SAD, 9), (SAD, "1"), (SAD, True), (SIDE, ["nope"]), (SIDE, []), (SLEEP_MORE, "x" * 41), (SLEEP_MORE, "   ")],
)
def test_values_that_do_not_belong_are_refused(mini_content, ref, bad):
    visit = Visit(mini_content)
    if ref == SLEEP_MORE:
        walk_to(visit, SLEEP)
        visit.confirm(3)
    walk_to(visit, ref)
    with pytest.raises(InvalidAnswer):
        visit.confirm(bad)
    assert visit.current.ref == ref and ref not in visit.answers


def test_text_is_trimmed(mini_content):
    visit = Visit(mini_content)
    walk_to(visit, SLEEP)
    visit.confirm(3)
    assert visit.confirm("  bad dreams \n").saved[SLEEP_MORE] == "bad dreams"


def test_optional_section_can_be_skipped_from_its_intro(mini_content):
    visit = Visit(mini_content, carry_forward={POWER: "I am a gardener"})
    while not (visit.current.kind == "intro" and visit.current.questionnaire.id == "decision"):
        visit.skip() if visit.current.kind == "item" else visit.confirm()
    visit.skip_section()
    assert visit.finished
    assert not any(ref.questionnaire == "decision" for ref in visit.answers)


def test_only_an_optional_section_can_be_skipped(mini_content):
    visit = Visit(mini_content)
    with pytest.raises(InvalidAnswer):
        visit.skip_section()


def test_safety_answer_shows_the_safety_screen_right_after(mini_content):
    visit = Visit(mini_content)
    walk_to(visit, HARM)
    step = visit.confirm(1)
    assert step.safety is not None and step.safety.severity == "safety"
    assert visit.current.kind == "safety"
    assert visit.current.safety.source_id == "harm-self"
    visit.confirm()
    assert visit.current.kind == "intro" and visit.current.questionnaire.id == "medicines"


def test_a_non_safety_answer_shows_no_safety_screen(mini_content):
    visit = Visit(mini_content)
    walk_to(visit, HARM)
    assert visit.confirm(0).safety is None
    assert visit.current.kind != "safety"


def test_flags_from_options_and_scores(mini_content):
    visit = Visit(mini_content)
    walk_to(visit, HARM)
    visit.confirm(1)
    walk_to(visit, SIDE)
    visit.confirm(["weight"])
    walk_to(visit, ItemRef("decision", "sure-1"))
    visit.confirm(True)
    step = visit.confirm(False)
    assert [f.source_id for f in step.flags_raised] == ["sure"]
    flags = visit.flags
    assert [(f.severity, f.source_id) for f in flags] == [
        ("safety", "harm-self"), ("concern", "side-effects"), ("concern", "sure"),
    ]


def test_score_with_a_missing_answer_is_not_computed(mini_content):
    visit = Visit(mini_content)
    walk_to(visit, ItemRef("decision", "sure-1"))
    visit.confirm(True)
    visit.skip()
    (score,) = visit.scores
    assert score.total is None and score.missing == ("sure-2",)
    assert not any(f.is_score for f in visit.flags)


def test_score_counts_yes_as_one(mini_content):
    visit = Visit(mini_content)
    walk_to(visit, ItemRef("decision", "sure-1"))
    visit.confirm(True)
    visit.confirm(True)
    (score,) = visit.scores
    assert (score.total, score.maximum, score.flag) == (2, 2, None)


def test_suggestions_come_from_answers(mini_content):
    visit = Visit(mini_content)
    walk_to(visit, SIDE)
    assert visit.suggestions == []
    visit.confirm(["weight"])
    assert visit.suggestions == ["side-story"]


def test_carry_forward_is_offered_but_not_saved_until_confirmed(mini_content):
    visit = Visit(mini_content, carry_forward={POWER: "I am a gardener", SAD: 3})
    walk_to(visit, SAD)
    assert visit.current.value is None  # only carry_forward items are prefilled
    walk_to(visit, POWER)
    assert visit.current.value == "I am a gardener" and visit.current.carried_forward
    assert POWER not in visit.answers
    visit.confirm("I am a gardener and a father")
    assert visit.answers[POWER] == "I am a gardener and a father"


def test_resume_stands_at_the_next_unanswered_item(mini_content):
    visit = Visit(mini_content, answers={SAD: 1, SLEEP: 3})
    assert visit.current.ref == SLEEP_MORE
    resumed = Visit(mini_content, answers={SAD: 1, SLEEP: 0, SLEEP_MORE: "left over"})
    assert SLEEP_MORE not in resumed.answers  # hidden now: not kept
    assert resumed.current.ref == HARM


def test_go_to_and_back_to_review(mini_content):
    visit = Visit(mini_content)
    walk_to(visit, SAD)
    visit.confirm(1)
    shown_items(visit)
    visit.go_to(SAD)
    assert visit.current.ref == SAD and visit.current.value == 1
    visit.confirm(2)
    visit.go_to_end()
    assert visit.finished and visit.answers[SAD] == 2


def test_summary_lists_sections_in_the_users_language_with_flags_first(mini_content):
    visit = Visit(mini_content, language="es")
    walk_to(visit, SAD)
    visit.confirm(1)
    visit.confirm(0)
    visit.confirm(1)  # harm-self: safety
    walk_to(visit, SIDE)
    visit.confirm(["sleepy"])
    visit.confirm(0)
    shown_items(visit)
    summary = visit.summary()
    assert [e.item_id for e in summary.section("alerts")] == ["harm-self"]
    assert summary.section("alerts")[0].answer == "Algunos días"
    how = summary.section("how_ive_been")
    assert [(e.question, e.answer) for e in how] == [
        ("Sentirme triste o decaído", "Algunos días"),
        ("Problemas para dormir", "Nunca"),
    ]
    assert how[0].trend and how[0].scale == (0, 3)
    assert [f.source_id for f in summary.flags] == ["harm-self"]


def test_language_can_change_mid_visit(mini_content):
    visit = Visit(mini_content, language="en")
    walk_to(visit, SAD)
    visit.confirm(1)
    visit.language = "es"
    assert visit.summary().section("how_ive_been")[0].answer == "Algunos días"


def test_the_summary_says_which_end_of_a_scale_is_better(content_root):
    from decisionaid.content.loader import load_content

    path = content_root.root / "questionnaires" / "feelings.yaml"
    path.write_text(path.read_text().replace("    trend: true\n  - id: sleep\n", "    trend: true\n    better: lower\n  - id: sleep\n"))
    visit = Visit(load_content(content_root.root, ("en", "es")), language="en")
    walk_to(visit, SAD)
    visit.confirm(1)
    visit.confirm(2)
    sad, sleep = visit.summary().section("how_ive_been")
    assert (sad.better, sad.change_since(3), sad.change_since(0), sad.change_since(1)) == ("lower", "better", "worse", "same")
    assert sleep.better is None and sleep.change_since(0) is None  # the content does not say: no guess
