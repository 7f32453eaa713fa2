"""Calls for a peer worker kept on the kiosk's disk: delivered oldest first with the time they
were made, never twice, surviving the kiosk process, and holding nothing the person typed."""

from __future__ import annotations

import json
import os
import stat

from decisionaid.services.help import HelpRequests
from decisionaid.services.help_outbox import HelpOutbox
from decisionaid.services.visits import VisitService
from decisionaid.storage.models import Flag


class Away:
    """A help service whose database is unreachable until ``back``."""

    def __init__(self, real: HelpRequests):
        self.real = real
        self.up = False

    def ask(self, **kw):
        if not self.up:
            raise OSError("connection refused")
        return self.real.ask(**kw)


def test_calls_wait_on_disk_and_arrive_in_order_with_their_time(database, visit_content, clock, tmp_path):
    requests = HelpRequests(database, kiosk="Front room", clock=clock)
    visits = VisitService(database, visit_content, clock=clock)
    visit = visits.start()
    away = Away(requests)
    path = tmp_path / "data" / "help-outbox.json"
    outbox = HelpOutbox(path, away, visits, clock=clock)

    first = outbox.ask("talk-now", screen="safety", visit_id=visit.id)
    first_time = clock()
    clock.advance(seconds=40)
    outbox.ask("help", screen="welcome")
    assert outbox.deliver() == []
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700

    # The kiosk stops; the next one finds the calls on disk and delivers them.
    clock.advance(seconds=60)
    away.up = True
    again = HelpOutbox(path, away, visits, clock=clock)
    assert [c.kind for c in again.deliver()] == ["talk-now", "help"]
    talk, help_ = requests.open_requests()
    assert (talk.kind, talk.visit_id, talk.raised_at) == ("talk-now", visit.id, first_time)
    assert (help_.raised_at - first_time).total_seconds() == 40
    assert talk.id < help_.id
    assert not path.exists()  # nothing left to deliver, nothing kept on disk

    # Delivered once more (the reply was lost on the way back): still one request.
    again.keep(first)
    again.deliver()
    assert len(requests.open_requests()) == 2


def test_a_safety_answer_kept_on_disk_raises_its_flag_once_with_the_time_it_was_given(
        database, visit_content, clock, tmp_path):
    requests = HelpRequests(database, clock=clock)
    visits = VisitService(database, visit_content, clock=clock)
    visit = visits.start()
    path = tmp_path / "help-outbox.json"
    outbox = HelpOutbox(path, requests, visits, clock=clock)
    given = clock()
    outbox.keep_safety(visit.id, "feelings", "harm-self", 1)
    kept = path.read_text()
    assert "hurting" not in kept.lower()  # ids and the option's code, not the words
    clock.advance(minutes=2)
    outbox.deliver()
    outbox.keep_safety(visit.id, "feelings", "harm-self", 1)
    outbox.deliver()
    [flag] = visits.open_flags()
    assert (flag.severity, flag.source_id, flag.raised_at) == ("safety", "harm-self", given)
    assert flag.question == "Thoughts of hurting myself"
    assert database.read(lambda s: s.query(Flag).count()) == 1


def test_an_unreadable_file_is_kept_aside_not_thrown_away(database, clock, tmp_path):
    path = tmp_path / "help-outbox.json"
    path.write_text("{not json")
    outbox = HelpOutbox(path, HelpRequests(database, clock=clock), clock=clock)
    assert outbox.pending() == []
    assert (tmp_path / "help-outbox.json.unreadable").read_text() == "{not json"


KEY = "the clinic's database key"


def test_with_a_database_key_the_kept_calls_are_sealed_and_open_only_with_it(
        database, visit_content, clock, tmp_path, caplog):
    from decisionaid.storage import sealed

    requests = HelpRequests(database, kiosk="Front room", clock=clock)
    visits = VisitService(database, visit_content, clock=clock)
    visit = visits.start()
    away = Away(requests)
    path = tmp_path / "data" / "help-outbox.json"
    outbox = HelpOutbox(path, away, visits, clock=clock, key=KEY)
    outbox.ask("talk-now", screen="safety", visit_id=visit.id)
    outbox.keep_safety(visit.id, "feelings", "harm-self", 3)

    raw = path.read_bytes()
    assert sealed.is_sealed(path) and stat.S_IMODE(os.stat(path).st_mode) == 0o600
    for word in (b"talk-now", b"harm-self", b"safety", str(visit.id).encode() + b","):
        assert word not in raw
    # Another key (a copy of the disk elsewhere) opens nothing: the file is set aside, logged.
    (path.parent / "copy.json").write_bytes(raw)
    stranger = HelpOutbox(path.parent / "copy.json", away, visits, clock=clock, key="another key")
    assert stranger.pending() == [] and (path.parent / "copy.json.unreadable").exists()
    assert "could not be read (WrongKey)" in caplog.text
    # The next kiosk with the key delivers them, in order.
    away.up = True
    again = HelpOutbox(path, away, visits, clock=clock, key=KEY)
    assert [c.kind for c in again.deliver()] == ["talk-now", "safety"]
    assert not path.exists()


def test_calls_kept_before_the_database_had_a_key_are_sealed_when_the_kiosk_starts(
        database, visit_content, clock, tmp_path):
    from decisionaid.storage import sealed

    requests = HelpRequests(database, kiosk="Front room", clock=clock)
    path = tmp_path / "data" / "help-outbox.json"
    HelpOutbox(path, Away(requests), clock=clock).ask("help", screen="welcome")
    assert json.loads(path.read_text())[0]["kind"] == "help"  # plain, as the database was
    kept = HelpOutbox(path, Away(requests), clock=clock, key=KEY)
    assert [c.kind for c in kept.pending()] == ["help"]
    assert sealed.is_sealed(path) and b"welcome" not in path.read_bytes()



def test_the_sealing_key_can_be_made_ahead_so_the_first_call_does_not_wait_for_it(
        database, clock, tmp_path):
    from decisionaid.storage import sealed

    requests = HelpRequests(database, kiosk="Front room", clock=clock)
    path = tmp_path / "data" / "help-outbox.json"
    outbox = HelpOutbox(path, Away(requests), clock=clock, key=KEY)
    assert not outbox.prepared
    outbox.prepare()
    assert outbox.prepared
    outbox.ask("help", screen="welcome")
    assert sealed.is_sealed(path)
    assert [c.kind for c in HelpOutbox(path, Away(requests), clock=clock, key=KEY).pending()] == ["help"]
    # Kept plain by the clinic's choice: nothing to make.
    assert HelpOutbox(tmp_path / "plain.json", Away(requests), clock=clock).prepared
