"""The kiosk's flow without Qt: what comes next after each thing the person does."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from types import SimpleNamespace

import pytest
from storage_faults import FaultyDatabase

from decisionaid.content.model import ItemRef
from decisionaid.services.kiosk_flow import (
    KioskFlow,
    peer_find_outcome,
    sign_in_outcome,
    sign_up_outcome,
)
from decisionaid.services.kiosk_visit import NotSaved
from decisionaid.services.profiles import ProfileService
from decisionaid.services.visits import VisitService

SAD = ItemRef("feelings", "sad")
SLEEP = ItemRef("feelings", "sleep")
SLEEP_MORE = ItemRef("feelings", "sleep-more")
SLEEP_DETAIL = ItemRef("feelings", "sleep-detail")
HARM = ItemRef("feelings", "harm-self")


@pytest.fixture
def visits(database, visit_content, clock) -> VisitService:
    return VisitService(database, visit_content, clock=clock)


@pytest.fixture
def flow(visits, visit_content) -> KioskFlow:
    return KioskFlow(visits, visit_content, stories=True)


def do(flow: KioskFlow, start):
    return flow.moved(start())


def confirm(flow: KioskFlow, value=None):
    return do(flow, lambda: flow.start_confirm(value))


def item_of(shown):
    return shown.screen.ref if shown.screen is not None else None


def to_review(flow: KioskFlow, shown):
    """Answer the mildest way (skip text, 'no' to yes/no) until the review."""
    for _ in range(40):
        if shown.name == "review":
            return shown
        if shown.name == "stories":
            shown = flow.review()
            continue
        if shown.name == "item" and shown.screen.item.answerable:
            item = shown.screen.item
            if item.type == "text":
                shown = do(flow, flow.start_skip)
                continue
            value = False if item.type == "yesno" else (
                ["sleepy"] if item.type == "multi" else item.options[0].value)
            shown = confirm(flow, value)
        else:
            shown = confirm(flow)
    raise AssertionError("no review")


def test_the_flow_needs_no_qt():
    """Importing the flow (and what it uses) loads no part of Qt."""
    check = "import sys, decisionaid.services.kiosk_flow; print(any(m.startswith('PySide6') for m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_a_guest_goes_intro_question_safety_and_back(flow):
    shown = flow.start(None, "en")
    assert shown.name == "intro" and not shown.can_go_back
    shown = confirm(flow)
    assert shown.name == "item" and item_of(shown) == SAD and shown.can_go_back
    flow.visit.go_to(HARM)
    shown = confirm(flow, 1)
    assert shown.name == "safety"
    shown = flow.back()
    assert shown.name == "item" and item_of(shown) == HARM and shown.screen.value == 1


def test_change_from_review_opens_new_follow_ups_then_returns_to_review(flow):
    shown = to_review(flow, flow.start(None, "en"))
    shown = flow.change(SLEEP)
    assert shown.name == "item" and item_of(shown) == SLEEP and shown.can_go_back
    shown = confirm(flow, 3)  # opens "Tell us more about your sleep"
    assert item_of(shown) == SLEEP_MORE
    shown = confirm(flow, "I wake at 4")  # opens "Did you tell someone?"
    assert item_of(shown) == SLEEP_DETAIL
    shown = confirm(flow, True)
    assert shown.name == "review" and shown.at == SLEEP  # the list comes back to that answer
    lines = {line.ref: line.answer for part in shown.review for line in part.lines}
    assert lines[SLEEP_MORE] == "I wake at 4" and lines[SLEEP_DETAIL] == "Yes"
    assert flow.review().at is None  # only once: the next review starts at its top


def test_back_from_a_change_returns_to_the_review_and_review_lines_list_skips(flow):
    to_review(flow, flow.start(None, "en"))
    flow.change(SAD)
    shown = flow.back()
    assert shown.name == "review" and shown.at == SAD
    parts = {part.title: part.lines for part in shown.review}
    feelings = {line.ref: line.answer for line in parts["How I've been"]}
    assert SLEEP_MORE not in feelings  # never asked in this visit
    assert feelings[SAD] == "Not at all"
    spanish = flow.review_parts("es")
    assert spanish[0].title == "Cómo he estado"


def test_suggested_stories_come_before_the_review_only_where_stories_play(visits, visit_content):
    for stories, expected in ((True, "stories"), (False, "review")):
        flow = KioskFlow(visits, visit_content, stories=stories)
        flow.start(None, "en")
        flow.visit.go_to(ItemRef("medicines", "side-effects"))
        shown = confirm(flow, ["weight"])  # suggests the side-story
        while shown.name not in ("stories", "review"):
            shown = do(flow, flow.start_skip) if shown.name == "item" else confirm(flow)
        assert shown.name == expected
        if expected == "stories":
            assert shown.suggestions == ("side-story",)
            assert flow.back_from_stories().name == "item"


def test_a_returning_person_is_offered_to_resume_or_start_over(visits, visit_content, database, fast_pins, clock):
    profile = ProfileService(database, hasher=fast_pins, clock=clock).create("Ana", date(1980, 5, 17), "1234", "es")
    first = KioskFlow(visits, visit_content)
    first.start(profile, "es")
    confirm(first)
    confirm(first, 2)
    again = KioskFlow(visits, visit_content)
    shown = again.start(profile, "es")
    assert shown.name == "resume" and shown.first_name == "Ana"
    assert item_of(again.current()) == SLEEP
    assert again.from_start().name == "intro"


def test_finish_leads_to_print_then_staff_returns_there_until_done(flow, visits):
    to_review(flow, flow.start(None, "en"))
    visit_id = flow.visit_id
    shown = flow.finished(flow.start_finish())
    assert shown.name == "print" and shown.visit_id == visit_id and not flow.in_visit
    assert visits.load(visit_id).state == "complete"
    assert flow.after_staff().visit_id == visit_id
    flow.done()
    assert flow.after_staff().name == "welcome"


def test_a_move_that_cannot_be_saved_says_so_and_nothing_moves(database, visit_content):
    faulty = FaultyDatabase(database)
    flow = KioskFlow(VisitService(faulty, visit_content), visit_content)
    flow.start(None, "en")
    confirm(flow)
    faulty.fail_next()
    with pytest.raises(NotSaved):
        confirm(flow, 2)
    assert item_of(flow.current()) == SAD
    assert item_of(confirm(flow, 2)) == SLEEP


@pytest.mark.parametrize(
    ("status", "must_choose", "with_pin", "expected"),
    [
        ("ok", False, False, ("start", "")),
        ("ok", True, False, ("choose_pin", "")),
        ("ambiguous", False, False, ("needs_pin", "")),
        ("ambiguous", False, True, ("refuse", "peer_station_needed")),
        ("locked", False, True, ("refuse", "peer_locked")),
        ("no_match", False, False, ("refuse", "not_found")),
        ("no_match", False, True, ("refuse", "wrong_pin")),
    ],
)
def test_what_a_peer_find_leads_to(status, must_choose, with_pin, expected):
    result = SimpleNamespace(status=status, profile=SimpleNamespace(must_choose_pin=must_choose))
    outcome = peer_find_outcome(result, with_pin=with_pin)
    assert (outcome.action, outcome.key) == expected


def test_sign_in_and_sign_up_say_the_same_for_every_refusal_but_the_pause():
    def outcome(fn, status):
        o = fn(SimpleNamespace(status=status, profile=object()))
        return o.action, o.key

    assert outcome(sign_in_outcome, "ok")[0] == "start"
    assert outcome(sign_in_outcome, "no_match") == outcome(sign_in_outcome, "ambiguous") == ("refuse", "not_found")
    assert outcome(sign_in_outcome, "locked") == ("refuse", "locked")
    assert outcome(sign_up_outcome, "ok")[0] == "start"
    assert outcome(sign_up_outcome, "locked") == ("refuse", "locked")
