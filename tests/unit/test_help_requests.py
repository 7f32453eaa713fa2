"""Help requests from a kiosk: stored with who (through their visit), where and when; listed for
peer workers until one marks them handled; both steps audit-logged."""

from __future__ import annotations

from datetime import date

import pytest

from decisionaid.config import Config
from decisionaid.errors import ConfigError
from decisionaid.services import audit, staff
from decisionaid.services.help import HELP, TALK_NOW, HelpRequests
from decisionaid.services.profiles import ProfileService
from decisionaid.services.roles import NotAllowed
from decisionaid.services.visits import VisitService


@pytest.fixture
def requests(database, clock):
    return HelpRequests(database, kiosk="Waiting room, left", clock=clock)


@pytest.fixture
def peer(database, fast_pins):
    return staff.add(database, "Maria", "peer", "4321", hasher=fast_pins)


def test_a_request_shows_who_where_and_when_until_a_peer_marks_it_handled(
        database, visit_content, requests, peer, fast_pins, clock):
    ana = ProfileService(database, hasher=fast_pins, clock=clock).create("Ana", date(1980, 5, 17), "1234", "es")
    visit = VisitService(database, visit_content, clock=clock).start(ana.id)
    guest = VisitService(database, visit_content, clock=clock).start()

    first = requests.ask(screen="item:scale", visit_id=visit.id)
    second = requests.ask(screen="safety", visit_id=guest.id, kind=TALK_NOW)
    before_sign_in = requests.ask(screen="sign_in")

    shown = requests.open_requests(by=peer)
    assert [(r.id, r.first_name, r.kind, r.screen, r.kiosk) for r in shown] == [
        (first, "Ana", HELP, "item:scale", "Waiting room, left"),
        (second, None, TALK_NOW, "safety", "Waiting room, left"),
        (before_sign_in, None, HELP, "sign_in", "Waiting room, left"),
    ]
    assert shown[0].raised_at == clock()

    requests.handled(first, by=peer)
    assert [r.id for r in requests.open_requests(by=peer)] == [second, before_sign_in]

    [raised] = audit.events(database, action=audit.HELP_REQUESTED, visit_id=visit.id)
    assert raised.actor == "kiosk" and raised.service_user_id == ana.id and raised.details["request"] == first
    [handled] = audit.events(database, action=audit.HELP_HANDLED)
    assert (handled.actor, handled.staff_id, handled.visit_id) == ("peer", peer.id, visit.id)


def test_pressing_again_while_waiting_raises_no_second_request(database, visit_content, requests, peer, clock):
    visit = VisitService(database, visit_content, clock=clock).start()
    one = requests.ask(screen="item:scale", visit_id=visit.id)
    again = requests.ask(screen="review", visit_id=visit.id)
    assert one == again
    [shown] = requests.open_requests(by=peer)
    assert shown.screen == "review"  # where the person is now
    assert len(audit.events(database, action=audit.HELP_REQUESTED)) == 1
    requests.handled(one, by=peer)
    assert requests.ask(screen="review", visit_id=visit.id) != one  # a new need, a new request


def test_only_peer_workers_see_and_handle_requests(database, requests, fast_pins):
    doctor = staff.add(database, "Dr Lee", "prescriber", "9876", hasher=fast_pins)
    request = requests.ask(screen="welcome")
    with pytest.raises(NotAllowed):
        requests.open_requests(by=doctor)
    with pytest.raises(NotAllowed):
        requests.handled(request, by=doctor)


def test_the_kiosk_is_named_by_the_configuration_or_the_machine(database, tmp_path):
    import socket

    assert HelpRequests(database).kiosk == socket.gethostname()[:64]
    (tmp_path / "c.toml").write_text('kiosk_name = "Front room"\n')
    from decisionaid.config import load_config

    assert load_config(tmp_path / "c.toml").kiosk_name == "Front room"
    (tmp_path / "bad.toml").write_text("kiosk_name = 3\n")
    with pytest.raises(ConfigError, match="kiosk_name must be a short text"):
        load_config(tmp_path / "bad.toml")
    assert Config().kiosk_name == ""
