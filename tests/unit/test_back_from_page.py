"""Back from the page: a visit just finished opens again at the review, so a mistake seen in
the preview can be mended, but only while its page has not been printed."""

from __future__ import annotations

import pytest

from decisionaid.content.model import ItemRef
from decisionaid.services.kiosk_flow import KioskFlow
from decisionaid.services.visit_records import VisitClosed
from decisionaid.services.visits import VisitService

SAD = ItemRef("feelings", "sad")


@pytest.fixture
def visits(database, visit_content, clock) -> VisitService:
    return VisitService(database, visit_content, clock=clock)


def finished_visit(visits: VisitService, visit_content) -> tuple[KioskFlow, int]:
    flow = KioskFlow(visits, visit_content, stories=False)
    flow.start(None, "en")
    flow.visit.go_to(SAD)
    flow.visit.confirm(1)
    flow.visit.go_to_end()
    visit_id = flow.visit_id
    assert flow.finished(flow.start_finish()).name == "print"
    return flow, visit_id


def test_back_from_the_page_reopens_the_review_and_a_change_is_kept(visits, visit_content):
    flow, visit_id = finished_visit(visits, visit_content)
    shown = flow.back_from_page()
    assert shown.name == "review" and flow.visit_id == visit_id
    assert visits.load(visit_id).state == "in_progress"
    assert flow.change(SAD).name == "item"
    assert flow.moved(flow.start_confirm(3)).name == "review"  # straight back to the review
    assert flow.finished(flow.start_finish()).name == "print"
    record = visits.load(visit_id)
    assert record.state == "complete" and record.answers[SAD] == 3


def test_once_printed_the_page_has_no_way_back(visits, visit_content):
    flow, visit_id = finished_visit(visits, visit_content)
    flow.printed(visit_id)
    with pytest.raises(VisitClosed, match="its page was printed"):
        flow.back_from_page()
    assert visits.load(visit_id).state == "complete"
    assert flow.finished_visit_id == visit_id  # still on the page, which can still be printed


def test_a_reviewed_or_force_finished_visit_is_never_reopened(visits, visit_content):
    _flow, visit_id = finished_visit(visits, visit_content)
    visits.review(visit_id, staff_id=None, shared_decision="Keep the same dose")
    with pytest.raises(VisitClosed, match="reviewed"):
        visits.reopen(visit_id)
    other = visits.start()
    visits.force_finish(other.id, staff_id=None)
    with pytest.raises(VisitClosed, match="incomplete"):
        visits.reopen(other.id)
