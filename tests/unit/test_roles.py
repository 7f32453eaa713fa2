"""Roles are checked by the services themselves: a peer's or a prescriber's account, calling
them directly (no screen in between), is refused everything admin-only; a prescriber is also
refused the peer station's work with people, but may read today's board."""

from __future__ import annotations

from datetime import date

import pytest

from decisionaid.services import audit, export, retention, roles, staff, statistics
from decisionaid.services.peer_queries import PeerQueries
from decisionaid.services.profiles import ProfileService
from decisionaid.services.visits import VisitService

BORN = date(1980, 5, 6)


@pytest.fixture
def people(database, fast_pins, clock, visit_content):
    add = lambda name, role: staff.add(database, name, role, "2468", hasher=fast_pins)  # noqa: E731
    ana = ProfileService(database, hasher=fast_pins, clock=clock).create("Ana", BORN, "1111", "en")
    VisitService(database, visit_content, clock=clock).start(ana.id)
    return {"admin": add("Sam", "admin"), "peer": add("Pat", "peer"),
            "prescriber": add("Dr Lee", "prescriber"), "ana": ana}


def admin_only(database, visit_content, tmp_path, clock):
    return {
        "export": lambda by: export.export(database, tmp_path / "out.csv", format="csv", by=by),
        "purge": lambda by: retention.purge(database, 30, by=by, clock=clock),
        "statistics": lambda by: statistics.monthly(database, visit_content, by=by),
        "staff accounts": lambda by: staff.list(database, by=by),
        "audit log": lambda by: audit.events(database, by=by),
    }


@pytest.mark.parametrize("role", ["peer", "prescriber"])
def test_admin_only_services_refuse_other_accounts(database, visit_content, tmp_path, clock,
                                                   people, role):
    for name, use in admin_only(database, visit_content, tmp_path, clock).items():
        with pytest.raises(roles.NotAllowed, match="only admin accounts") as caught:
            use(people[role])
        assert "\n" not in str(caught.value), name
    assert not (tmp_path / "out.csv").exists()
    for use in admin_only(database, visit_content, tmp_path, clock).values():
        use(people["admin"])  # and an admin may


def test_a_prescriber_reads_today_but_not_peoples_histories(database, visit_content, clock,
                                                             people, fast_pins):
    queries = PeerQueries(database, visit_content, clock=clock)
    prescriber, ana = people["prescriber"], people["ana"]
    assert len(queries.board(by=prescriber).lines) == 1
    for use in (lambda: queries.search("Ana", by=prescriber),
                lambda: queries.profile(ana.id, by=prescriber),
                lambda: queries.visits_of(ana.id, by=prescriber),
                lambda: queries.who_looked(ana.id, by=prescriber),
                lambda: ProfileService(database, hasher=fast_pins).reset_pin(ana.id, by=prescriber),
                lambda: ProfileService(database, hasher=fast_pins).peer_find(
                    "Ana", BORN, staff_id=prescriber.id)):
        with pytest.raises(roles.NotAllowed, match="peer"):
            use()
    assert [line.id for line in queries.search("Ana", by=people["peer"])] == [ana.id]


def test_a_disabled_admin_account_is_refused(database, visit_content, tmp_path, clock, people):
    staff.disable(database, "Sam", by=roles.command_line())
    gone = staff.get(database, people["admin"].id)
    with pytest.raises(roles.NotAllowed):
        statistics.monthly(database, visit_content, by=gone)


def test_a_prescriber_may_open_and_decide_but_not_do_peer_work_on_visits(
        database, visit_content, clock, people):
    from decisionaid.content.model import ItemRef

    visits = VisitService(database, visit_content, clock=clock)
    prescriber = people["prescriber"].id
    kv = visits.start(people["ana"].id)
    kv.go_to(ItemRef("feelings", "harm-self"))
    kv.confirm(1)  # a safety flag
    [flag] = visits.view(kv.id, staff_id=people["peer"].id).flags
    assert visits.view(kv.id, staff_id=prescriber).id == kv.id
    with pytest.raises(roles.NotAllowed, match="peer"):
        visits.acknowledge_flag(flag.id, staff_id=prescriber, note="checked in")
    with pytest.raises(roles.NotAllowed, match="peer"):
        visits.force_finish(kv.id, staff_id=prescriber)
    visits.acknowledge_flag(flag.id, staff_id=people["peer"].id, note="checked in")
