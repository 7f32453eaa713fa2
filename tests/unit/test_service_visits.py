"""The visit service: what the kiosk saves as the user goes, and what the peer station sees."""

from __future__ import annotations

from datetime import date

import pytest

from decisionaid.content.model import ItemRef
from decisionaid.services import audit
from decisionaid.services.peer_queries import PeerQueries
from decisionaid.services.profiles import ProfileService
from decisionaid.services.visit_records import VisitClosed, VisitLocked
from decisionaid.services.visits import VisitService

SAD = ItemRef("feelings", "sad")
SLEEP = ItemRef("feelings", "sleep")
SLEEP_MORE = ItemRef("feelings", "sleep-more")
HARM = ItemRef("feelings", "harm-self")
SIDE = ItemRef("medicines", "side-effects")
POWER = ItemRef("decision", "power")


@pytest.fixture
def visits(database, visit_content, clock) -> VisitService:
    return VisitService(database, visit_content, clock=clock)


@pytest.fixture
def profile(database, fast_pins, clock):
    return ProfileService(database, hasher=fast_pins, clock=clock).create(
        "Ana", date(1980, 5, 17), "1234", "es"
    )


def answer(kv, ref: ItemRef, value):
    kv.go_to(ref)
    return kv.confirm(value)


def test_a_confirmed_answer_is_stored_before_confirm_returns(visits, visit_content):
    """What the user confirmed is in the database the moment confirm returns, in a fresh
    service (as after a restart)."""
    kv = visits.start()
    kv.confirm()  # the intro
    kv.confirm(2)
    fresh = VisitService(visits.db, visit_content)
    assert fresh.load(kv.id).answers == {SAD: 2}
    assert fresh.load(kv.id).versions == {"feelings": 2}


def test_changing_an_answer_replaces_it_and_hidden_answers_are_removed(visits):
    """Going back and lowering 'sleep' hides 'sleep-more': its stored answer goes too."""
    kv = visits.start()
    answer(kv, SLEEP, 3)
    answer(kv, SLEEP_MORE, "I wake at 4")
    assert visits.load(kv.id).answers[SLEEP_MORE] == "I wake at 4"
    answer(kv, SLEEP, 0)
    stored = visits.load(kv.id).answers
    assert stored[SLEEP] == 0
    assert SLEEP_MORE not in stored


def test_skipping_an_answered_item_removes_its_answer(visits):
    kv = visits.start()
    answer(kv, SAD, 1)
    kv.go_to(SAD)
    kv.skip()
    assert SAD not in visits.load(kv.id).answers


def test_every_value_type_reads_back_as_it_was_given(visits):
    kv = visits.start()
    answer(kv, SAD, 3)
    answer(kv, SIDE, ["sleepy", "weight"])
    answer(kv, ItemRef("decision", "sure-1"), False)
    answer(kv, POWER, "Soy madre, quiero dormir bien — sin niebla")
    stored = visits.load(kv.id).answers
    assert stored[SAD] == 3 and type(stored[SAD]) is int
    assert stored[SIDE] == ["sleepy", "weight"]
    assert stored[ItemRef("decision", "sure-1")] is False
    assert stored[POWER] == "Soy madre, quiero dormir bien — sin niebla"


def test_a_safety_answer_raises_a_flag_the_peer_station_sees_at_once(visits):
    """The safety flag is stored with the answer, before the safety screen shows."""
    kv = visits.start()
    step = answer(kv, HARM, 1)
    assert step.safety is not None
    flags = visits.open_flags()
    assert [(f.severity, f.source_id, f.visit_id) for f in flags] == [
        ("safety", "harm-self", kv.id)
    ]
    [today] = PeerQueries(visits.db, visits.content, clock=visits.clock).board().lines
    assert today.visit.open_safety_flags == 1


def test_a_safety_flag_stays_when_the_answer_changes_but_a_concern_goes(visits):
    kv = visits.start()
    answer(kv, HARM, 1)
    answer(kv, SIDE, ["weight"])
    assert {f.source_id for f in visits.open_flags()} == {"harm-self", "side-effects"}
    answer(kv, HARM, 0)
    answer(kv, SIDE, ["sleepy"])
    assert [f.source_id for f in visits.open_flags()] == ["harm-self"]


def test_a_score_flag_is_stored_when_the_score_is_complete(visits):
    kv = visits.start()
    answer(kv, ItemRef("decision", "sure-1"), False)
    assert visits.open_flags() == []
    answer(kv, ItemRef("decision", "sure-2"), False)
    (flag,) = visits.open_flags()
    assert (flag.is_score, flag.source_id, flag.severity) == (True, "sure", "concern")


def test_acknowledging_a_flag_needs_a_note_and_is_audit_logged(visits):
    kv = visits.start()
    answer(kv, HARM, 1)
    (flag,) = visits.open_flags()
    with pytest.raises(Exception, match="note"):
        visits.acknowledge_flag(flag.id, staff_id=None, note="  ")
    done = visits.acknowledge_flag(flag.id, staff_id=None, note="Talked with Ana; safe plan")
    assert done.acknowledged and done.note == "Talked with Ana; safe plan"
    assert visits.open_flags() == []
    (event,) = audit.events(visits.db, action=audit.FLAG_ACKNOWLEDGED)
    assert event.visit_id == kv.id
    assert "Ana" not in str(event.details)


def test_a_finished_visit_is_never_edited(visits):
    kv = visits.start()
    answer(kv, SAD, 1)
    record = kv.finish()
    assert record.state == "complete" and record.finished_at is not None
    with pytest.raises(VisitClosed):
        answer(kv, SAD, 3)
    assert visits.load(kv.id).answers == {SAD: 1}


def test_resume_today_puts_the_user_back_where_they_left(visits, profile):
    kv = visits.start(profile.id)
    assert kv.visit.language == "es"  # the profile's language
    answer(kv, SAD, 2)
    again = visits.start(profile.id)
    assert again.id == kv.id and again.resumed
    assert again.visit.answers == {SAD: 2}
    assert again.current.item.id == "sleep"


def test_yesterdays_visit_is_not_resumed_and_end_of_day_marks_it_incomplete(visits, profile, clock):
    kv = visits.start(profile.id)
    answer(kv, SAD, 2)
    clock.advance(days=1)
    assert visits.resume_today(profile.id) is None
    assert visits.close_day() == 1
    assert visits.load(kv.id).state == "incomplete"
    (event,) = audit.events(visits.db, action=audit.CLOSE_DAY)
    assert event.details == {"visits": 1}


def test_force_finish_ends_a_visit_in_progress_and_is_audit_logged(visits):
    kv = visits.start()
    visits.force_finish(kv.id, staff_id=None)
    assert visits.load(kv.id).state == "incomplete"
    assert [e.visit_id for e in audit.events(visits.db, action=audit.FORCE_FINISH)] == [kv.id]
    with pytest.raises(VisitClosed):
        kv.confirm()
        kv.confirm(1)


def test_a_review_records_the_decision_and_locks_the_visit(visits):
    kv = visits.start()
    answer(kv, SAD, 1)
    with pytest.raises(VisitClosed, match="in progress"):
        visits.review(kv.id, staff_id=None, shared_decision="x")
    kv.finish()
    record = visits.review(
        kv.id,
        staff_id=None,
        shared_decision="Lower the dose",
        follow_up=["call in a week", " "],
        note="",
    )
    assert record.locked
    assert record.review.shared_decision == "Lower the dose"
    assert record.review.follow_up == ["call in a week"]
    with pytest.raises(VisitLocked):
        visits.review(kv.id, staff_id=None, shared_decision="again")
    with pytest.raises(VisitLocked):
        visits.record_view(kv.id, "side-story", 10, False)


def test_vignette_views_are_recorded(visits):
    kv = visits.start()
    kv.record_view("side-story", 12.5, False)
    kv.record_view("side-story", 30, True)
    views = visits.load(kv.id).views
    assert [(v.vignette_id, v.seconds_watched, v.finished) for v in views] == [
        ("side-story", 12.5, False),
        ("side-story", 30.0, True),
    ]


def test_power_statement_is_carried_forward_from_the_last_visit(visits, profile, clock):
    first = visits.start(profile.id)
    answer(first, POWER, "I am a mother; medicine helps me sleep")
    first.finish()
    clock.advance(days=7)
    second = visits.start(profile.id)
    second.go_to(POWER)
    screen = second.current
    assert screen.value == "I am a mother; medicine helps me sleep"
    assert screen.carried_forward
    # Not saved in the new visit until the user confirms it.
    assert POWER not in visits.load(second.id).answers
    second.confirm(screen.value)
    assert visits.load(second.id).answers[POWER] == "I am a mother; medicine helps me sleep"


def test_a_guest_visit_carries_nothing_forward(visits, profile):
    first = visits.start(profile.id)
    answer(first, POWER, "mine")
    first.finish()
    guest = visits.start()
    guest.go_to(POWER)
    assert guest.current.value is None


def test_history_gives_earlier_trend_answers_newest_first(visits, profile, clock):
    ids = []
    for week, sad in enumerate([3, 2, 1]):
        kv = visits.start(profile.id)
        answer(kv, SAD, sad)
        answer(kv, SLEEP, week)
        answer(kv, HARM, 0)  # not a trend item: not in the history
        kv.finish()
        ids.append(kv.id)
        clock.advance(days=7)
    today = visits.start(profile.id)
    history = visits.history(today.id, limit=2)
    assert [p.visit_id for p in history] == [ids[2], ids[1]]
    assert history[0].answers == {SAD: 1, SLEEP: 2}
    assert history[0].started_at > history[1].started_at
    assert visits.load(today.id).number == 4


def test_a_guest_visit_has_no_history(visits):
    kv = visits.start()
    assert visits.history(kv.id) == []
    assert visits.load(kv.id).number is None


def test_viewing_and_printing_are_audit_logged(visits, profile):
    kv = visits.start(profile.id)
    kv.finish()
    visits.mark_printed(kv.id)
    record = visits.view(kv.id, staff_id=None)
    assert record.printed_at is not None
    actions = [(e.action, e.visit_id, e.service_user_id) for e in audit.events(visits.db)]
    assert (audit.VIEW, kv.id, profile.id) in actions
    assert (audit.PRINT, kv.id, None) in actions


def test_an_unknown_visit_is_one_clear_error(visits):
    with pytest.raises(Exception, match="no visit with id 999"):
        visits.load(999)


def test_summary_of_a_stored_visit_matches_the_kiosk(visits):
    kv = visits.start(language="es")
    answer(kv, SAD, 2)
    answer(kv, HARM, 1)
    record = kv.finish()
    summary = visits.summary(record)
    assert summary.language == "es"
    assert summary.flags == kv.visit.summary().flags


def test_after_a_restart_flags_still_follow_the_answers(visits, visit_content):
    """A resumed visit knows which flags are stored: a concern the user takes back goes."""
    kv = visits.start()
    answer(kv, SIDE, ["weight"])
    resumed = VisitService(visits.db, visit_content).resume(kv.id)
    answer(resumed, SIDE, ["sleepy"])
    assert visits.open_flags() == []


def test_an_acknowledged_flag_is_kept_as_the_staff_member_saw_it(visits):
    kv = visits.start()
    answer(kv, SIDE, ["weight"])
    (flag,) = visits.open_flags()
    visits.acknowledge_flag(flag.id, staff_id=None, note="talked about it")
    answer(kv, SIDE, ["sleepy"])
    answer(kv, SIDE, ["weight", "shaking"])
    (kept,) = visits.load(kv.id).flags
    assert (kept.id, kept.answer, kept.note) == (flag.id, "Weight change", "talked about it")
