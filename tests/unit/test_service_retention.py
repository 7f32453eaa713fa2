"""Retention: old visits go with everything recorded about them; an audit event stays."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from decisionaid.content.model import ItemRef
from decisionaid.services import audit
from decisionaid.services.retention import purge
from decisionaid.services.visit_records import UnknownVisit
from decisionaid.services.visits import VisitService
from decisionaid.storage.models import Answer, Flag, PeerReview, VignetteView


def make_visit(visits: VisitService) -> int:
    kv = visits.start()
    kv.go_to(ItemRef("feelings", "harm-self"))
    kv.confirm(1)  # an answer and a safety flag
    kv.record_view("side-story", 20, True)
    kv.finish()
    visits.review(kv.id, staff_id=None, shared_decision="keep the dose")
    return kv.id


def count(db, model) -> int:
    return db.read(lambda s: s.scalar(select(func.count()).select_from(model)))


def test_purge_deletes_old_visits_and_everything_about_them(database, visit_content, clock):
    visits = VisitService(database, visit_content, clock=clock)
    old = make_visit(visits)
    clock.advance(days=40)
    recent = make_visit(visits)
    result = purge(database, 30, clock=clock)
    assert (result.visits, result.answers, result.flags, result.views, result.reviews) == (
        1,
        1,
        1,
        1,
        1,
    )
    with pytest.raises(UnknownVisit):
        visits.load(old)
    assert visits.load(recent).answers
    for model in (Answer, Flag, VignetteView, PeerReview):
        assert count(database, model) == 1
    (event,) = audit.events(database, action=audit.PURGE)
    assert event.details["visits"] == 1 and event.details["older_than_days"] == 30
    assert event.details["cutoff"] == result.cutoff.date().isoformat()


def test_purge_keeps_whole_days(database, visit_content, clock):
    visits = VisitService(database, visit_content, clock=clock)
    make_visit(visits)
    clock.advance(days=30)
    assert purge(database, 30, clock=clock).visits == 0
    clock.advance(days=1)
    assert purge(database, 30, clock=clock).visits == 1


def test_a_nonsense_number_of_days_is_refused(database):
    with pytest.raises(Exception, match="at least 1"):
        purge(database, 0)
