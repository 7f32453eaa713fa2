"""Each read of a person's data at the station leaves its row in the audit log before it is
shown: the safety alerts, help requests, and the parts of a person's page; and the person's
own look at the kiosk lists staff, never the kiosk's own doings."""

from __future__ import annotations

from datetime import date

import pytest

from decisionaid.content.model import ItemRef
from decisionaid.services import audit, reads, staff
from decisionaid.services.help import HelpRequests
from decisionaid.services.peer_queries import PeerQueries
from decisionaid.services.profiles import ProfileService
from decisionaid.services.visits import VisitService

HARM = ItemRef("feelings", "harm-self")


@pytest.fixture
def visits(database, visit_content, clock):
    return VisitService(database, visit_content, clock=clock)


@pytest.fixture
def queries(database, visit_content, clock):
    return PeerQueries(database, visit_content, clock=clock)


@pytest.fixture
def ana(database, fast_pins, clock):
    return ProfileService(database, hasher=fast_pins, clock=clock).create(
        "Ana", date(1980, 5, 17), "1234", "es")


@pytest.fixture
def peer(database, fast_pins):
    return staff.add(database, "Pat", "peer", "2468", hasher=fast_pins)


def _actions(database, visit_id):
    return [e.action for e in audit.events(database, visit_id=visit_id)]


def test_a_safety_alert_and_a_help_request_are_recorded_once_a_day_before_shown(
        database, visits, queries, ana, peer, clock):
    kv = visits.start(ana.id)
    kv.go_to(HARM)
    kv.confirm(1)
    HelpRequests(database, kiosk="Waiting room", clock=clock).ask(screen="safety",
                                                                   visit_id=kv.id)
    for _ in range(3):  # the board and the list refresh every few seconds
        assert queries.board(by=peer).safety
        assert HelpRequests(database, clock=clock).open_requests(by=peer)
    assert _actions(database, kv.id).count(audit.SAFETY_VIEW) == 1
    assert _actions(database, kv.id).count(audit.HELP_VIEW) == 1


def test_the_person_sees_what_staff_did_and_their_own_look_is_recorded(
        database, visits, queries, ana, peer, clock):
    kv = visits.start(ana.id)
    kv.finish()
    queries.profile(ana.id, by=peer)
    queries.visits_of(ana.id, by=peer)
    seen = reads.own_access(database, ana.id, at=clock())
    assert [(e.action, e.staff_name, e.staff_role) for e in seen] == [
        (audit.VISITS_VIEW, "Pat", "peer"), (audit.PERSON_VIEW, "Pat", "peer")]
    assert audit.events(database, action=audit.OWN_LOOK)[0].service_user_id == ana.id
