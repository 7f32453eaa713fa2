"""Recording the decision: which of its four marks it has is kept, and the visit's open
concerns close with it (they were for the consultation, which has happened), while a safety
flag waits for someone to check in with the person."""

from __future__ import annotations

import pytest

from decisionaid.content.model import ItemRef
from decisionaid.errors import UserError
from decisionaid.services import staff
from decisionaid.services.peer_queries import PeerQueries
from decisionaid.services.visits import REVIEW_CLOSED_NOTE, VisitService

HARM = ItemRef("feelings", "harm-self")
SIDE = ItemRef("medicines", "side-effects")


@pytest.fixture
def visits(database, visit_content, clock):
    return VisitService(database, visit_content, clock=clock)


def flagged_visit(visits):
    kv = visits.start()
    kv.go_to(HARM)
    kv.confirm(1)  # safety
    kv.go_to(SIDE)
    kv.confirm(["weight"])  # a concern
    kv.finish()
    return kv.id


def test_reviewing_closes_the_concerns_and_leaves_the_safety_flag_open(
        visits, database, visit_content, clock, fast_pins):
    visit_id = flagged_visit(visits)
    doctor = staff.add(database, "Dr Lee", "prescriber", "2468", hasher=fast_pins)
    queries = PeerQueries(database, visit_content, clock=clock)
    [line] = queries.board(by=doctor).lines
    assert (line.visit.open_flags, line.visit.open_safety_flags) == (2, 1)
    clock.advance(minutes=3)
    record = visits.review(visit_id, staff_id=doctor.id, shared_decision="I will try it.")
    concern = next(f for f in record.flags if f.severity == "concern")
    safety = next(f for f in record.flags if f.severity == "safety")
    assert concern.acknowledged and concern.acknowledged_by == doctor.id
    assert concern.note == REVIEW_CLOSED_NOTE and concern.acknowledged_at == clock()
    assert not safety.acknowledged
    [line] = queries.board(by=doctor).lines
    assert (line.visit.open_flags, line.visit.open_safety_flags) == (1, 1)
    assert [f.severity for f in visits.open_flags()] == ["safety"]


def test_the_four_marks_are_kept_in_order_and_an_unknown_one_is_refused(visits):
    visit_id = flagged_visit(visits)
    with pytest.raises(UserError, match="unknown decision mark 'kind'") as refused:
        visits.review(visit_id, staff_id=None, shared_decision="I will.", marks=["kind"])
    assert "\n" not in str(refused.value)
    assert visits.load(visit_id).state == "complete"  # nothing was recorded
    record = visits.review(visit_id, staff_id=None, shared_decision="I will.",
                           marks=["will-do", "own-voice"])
    assert record.review.marks == ("own-voice", "will-do")


def test_a_review_without_marks_has_none(visits):
    visit_id = flagged_visit(visits)
    assert visits.review(visit_id, staff_id=None, shared_decision="I will.").review.marks == ()
