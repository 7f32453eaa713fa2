"""An answer is stored, or the visit does not move: the kiosk's saving under failing storage.

The storage is the real database behind ``FaultyDatabase`` (tests/storage_faults.py), which
fails chosen writes the way a full disk or a lost server does; the engine and the services are
the real ones. These tests use only what a kiosk does (confirm, skip, back, change), so they
describe the behaviour, not how it is built.
"""

from __future__ import annotations

import contextlib
import threading
import time

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from storage_faults import FaultyDatabase

from decisionaid.content.model import ItemRef
from decisionaid.engine import normalise
from decisionaid.services.visits import VisitService
from decisionaid.storage.database import sqlite_driver

SAD = ItemRef("feelings", "sad")
SLEEP = ItemRef("feelings", "sleep")
HARM = ItemRef("feelings", "harm-self")


@pytest.fixture
def sqlite_db(tmp_path):
    from decisionaid.storage.database import connect
    from decisionaid.storage.migrate import upgrade

    db = connect(f"sqlite:///{tmp_path / 'kiosk.db'}")
    upgrade(db)
    yield db
    db.dispose()


# A ceiling, not a budget: waits end as soon as what they wait for is stored.
CEILING_S = 60


def kiosk_and_peer(db, content, timers=None):
    """The kiosk's service on failing storage, and a peer station's on the same database."""
    faulty = FaultyDatabase(db)
    return faulty, VisitService(faulty, content, timers=timers), VisitService(db, content)


def eventually(condition, seconds: float = CEILING_S) -> bool:
    """Read ``condition`` (a read of the database, done on the saving thread's behalf) until it
    holds; False after ``seconds``."""
    deadline = time.monotonic() + seconds
    pause = threading.Event()
    while time.monotonic() < deadline:
        if condition():
            return True
        pause.wait(0.05)  # the saving thread works meanwhile
    return condition()


def test_a_failed_save_keeps_the_question_and_the_retry_files_it_there(sqlite_db, visit_content):
    """'Feeling sad' fails to save: the visit stays on it, nothing is stored under 'Trouble
    sleeping', and the next Next stores the same answer under 'Feeling sad'."""
    faulty, kiosk, peer = kiosk_and_peer(sqlite_db, visit_content)
    kv = kiosk.start()
    kv.confirm()  # the intro
    assert kv.current.ref == SAD
    faulty.fail_next()
    with pytest.raises(Exception):  # noqa: B017 - the kiosk shows "not saved" for any failure
        kv.confirm(2)
    assert kv.current.ref == SAD, "the visit moved on although the answer was not stored"
    kv.confirm(2)  # Next again, the same choice still made
    assert kv.current.ref == SLEEP
    kv.confirm(0)
    assert peer.load(kv.id).answers == {SAD: 2, SLEEP: 0}


def test_a_failed_skip_does_not_move_either(sqlite_db, visit_content):
    faulty, kiosk, peer = kiosk_and_peer(sqlite_db, visit_content)
    kv = kiosk.start()
    kv.confirm()
    kv.confirm(3)
    kv.back()
    faulty.fail_next()
    with pytest.raises(Exception):  # noqa: B017
        kv.skip()  # would remove the stored answer
    assert kv.current.ref == SAD and peer.load(kv.id).answers == {SAD: 3}
    kv.skip()
    assert kv.current.ref == SLEEP and peer.load(kv.id).answers == {}


def test_a_safety_answer_shows_the_safety_screen_and_is_stored_when_storage_comes_back(
    sqlite_db, visit_content
):
    """'Some days' on 'Thoughts of hurting myself' while nothing can be written: the safety
    screen still shows, and the peer station sees the flag one retry (1 s, well within the
    promised 5 s) after storage comes back, though the person does nothing more."""
    from decisionaid.services.clock import FakeTime
    from decisionaid.services.kiosk_visit import SAFETY_RETRY_S

    time_ = FakeTime()
    faulty, kiosk, peer = kiosk_and_peer(sqlite_db, visit_content, timers=time_)
    kv = kiosk.start()
    kv.go_to(HARM)
    faulty.broken = True
    with contextlib.suppress(Exception):  # the old kiosk raised here
        kv.confirm(1)
    assert kv.current.kind == "safety", "a safety answer must lead to the safety screen"
    assert peer.open_flags() == []
    assert eventually(lambda: bool(time_.pending())), "no retry was planned"
    faulty.broken = False
    assert peer.open_flags() == []  # nothing until the retry falls due
    time_.advance(SAFETY_RETRY_S)
    assert SAFETY_RETRY_S <= 5.0
    assert eventually(lambda: any(f.severity == "safety" for f in peer.open_flags())), (
        "the safety flag was not stored at the first retry after storage came back"
    )
    assert peer.load(kv.id).answers == {HARM: 1}


def test_a_safety_flag_shown_stays_owed_even_if_the_answer_is_changed_before_storage_is_back(
    sqlite_db, visit_content
):
    faulty, kiosk, peer = kiosk_and_peer(sqlite_db, visit_content)
    kv = kiosk.start()
    kv.go_to(HARM)
    faulty.broken = True
    kv.confirm(1)
    assert kv.current.kind == "safety"
    kv.back()
    with pytest.raises(Exception):  # noqa: B017
        kv.confirm(0)
    faulty.broken = False
    kv.confirm(0)  # the person changed their mind; a peer worker still checks in
    assert peer.load(kv.id).answers == {HARM: 0}
    flags = peer.open_flags()
    assert [(f.source_id, f.severity) for f in flags] == [("harm-self", "safety")]


def test_a_write_lock_held_elsewhere_gives_up_in_bounded_time_and_nothing_moves(
    sqlite_db, visit_content, monkeypatch
):
    """Another process holds SQLite's write lock: the save gives up after the kiosk's wait
    (not 83 s), the visit stays, and once the lock is let go the same answer is stored."""
    from decisionaid.services import kiosk_visit

    monkeypatch.setattr(kiosk_visit, "SAVE_GIVE_UP_S", 0.5)
    kiosk = VisitService(sqlite_db, visit_content)
    kv = kiosk.start()
    kv.confirm()
    other = sqlite_driver().connect(str(sqlite_db.url.database), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        started = time.monotonic()
        with pytest.raises(Exception):  # noqa: B017
            kv.confirm(2)
        # A generous ceiling for a wait on another connection: far from the 83 s it once took.
        assert time.monotonic() - started < 30
        assert kv.current.ref == SAD
    finally:
        other.execute("ROLLBACK")
        other.close()
    kv.confirm(2)
    assert kv.current.ref == SLEEP
    assert kiosk.load(kv.id).answers == {SAD: 2}


# --- a person tapping at random while saves fail at random -------------------------------------
def _values(item):
    if item.type in ("scale", "choice"):
        return st.sampled_from([o.value for o in item.options])
    if item.type == "yesno":
        return st.booleans()
    if item.type == "multi":
        plain = [o.value for o in item.options if not o.exclusive]
        exclusive = [[o.value] for o in item.options if o.exclusive]
        limit = item.max or len(plain)
        return st.one_of(
            st.lists(st.sampled_from(plain), min_size=1, max_size=limit, unique=True),
            *(st.just(e) for e in exclusive),
        )
    if item.type == "text":
        return st.sampled_from(["ok", "I wake at 4", "fine"])
    return st.none()


class TappingWhileSavesFail(RuleBasedStateMachine):
    """The model: what the person saw (``seen``) changes only when the kiosk says an action
    worked; ``confirmed`` is the last answer the person confirmed on each question's own
    screen. Storage must only ever hold those answers, under those questions."""

    db = None
    content = None

    def __init__(self):
        super().__init__()
        self.faulty, kiosk, self.peer = kiosk_and_peer(self.db, self.content)
        self.kv = kiosk.start()
        self.seen = self.kv.current
        self.confirmed: dict[ItemRef, object] = {}
        self.safety_shown: set[str] = set()

    def _ok(self, action) -> bool:
        try:
            action()
        except Exception:  # not saved: the kiosk says so and stays
            return False
        return True

    @rule(broken=st.booleans())
    def storage(self, broken):
        self.faulty.broken = broken

    @rule(n=st.integers(1, 2))
    def some_saves_fail(self, n):
        self.faulty.fail_next(n)

    @precondition(lambda self: self.seen.kind in ("intro", "safety"))
    @rule()
    def next_on_a_screen_without_an_answer(self):
        before = self.seen
        if self._ok(self.kv.confirm):
            self.seen = self.kv.current
        else:
            assert self.kv.current == before, "a failed save moved the visit on"

    @precondition(lambda self: self.seen.kind == "item")
    @rule(data=st.data())
    def answer(self, data):
        item, ref = self.seen.item, self.seen.ref
        value = data.draw(_values(item)) if item.answerable else None
        before = self.seen
        safety = item.answerable and any(
            (o := item.option(v)) is not None and o.flag == "safety"
            for v in (value if isinstance(value, list) else [value])
        )
        ok = self._ok(lambda: self.kv.confirm(value))
        if safety:
            assert self.kv.current.kind == "safety", "a safety answer did not lead to the safety screen"
            self.safety_shown.add(ref.item)
            self.confirmed[ref] = normalise(item, value)
            self.seen = self.kv.current
        elif ok:
            if item.answerable:
                self.confirmed[ref] = normalise(item, value)
            self.seen = self.kv.current
        else:
            assert self.kv.current == before, "a failed save moved the visit on"

    @precondition(lambda self: self.seen.kind == "item")
    @rule()
    def skip(self):
        before, ref = self.seen, self.seen.ref
        if self._ok(self.kv.skip):
            self.confirmed.pop(ref, None)
            self.seen = self.kv.current
        else:
            assert self.kv.current == before, "a failed skip moved the visit on"

    @precondition(lambda self: self.seen.kind == "intro" and self.seen.questionnaire.optional)
    @rule()
    def skip_the_part(self):
        q = self.seen.questionnaire.id
        before = self.seen
        if self._ok(self.kv.skip_section):
            self.confirmed = {r: v for r, v in self.confirmed.items() if r.questionnaire != q}
            self.seen = self.kv.current
        else:
            assert self.kv.current == before

    @rule()
    def back(self):
        if self.kv.visit.can_go_back:
            self.kv.back()
            self.seen = self.kv.current

    @rule(data=st.data())
    def change_from_review(self, data):
        answered = sorted(self.kv.visit.answers, key=str)
        if answered:
            self.kv.go_to(data.draw(st.sampled_from(answered)))
            self.seen = self.kv.current

    @invariant()
    def stored_answers_were_confirmed_on_their_own_screens(self):
        stored = self.peer.load(self.kv.id).answers
        for ref, value in stored.items():
            assert ref in self.confirmed, f"{ref} is stored but the person never confirmed it"
            assert value == self.confirmed[ref], (
                f"{ref} is stored as {value!r}, but the person confirmed {self.confirmed[ref]!r}"
            )

    def teardown(self):
        # Storage comes back: everything the person confirmed is stored, exactly, and every
        # safety answer they gave is flagged for a peer worker.
        self.faulty.broken = False
        self.faulty.fail_next(0)
        engine = self.kv.visit.answers
        for ref, value in engine.items():
            assert self.confirmed.get(ref) == value, f"the visit holds {ref}={value!r} unconfirmed"

        def settled():
            record = self.peer.load(self.kv.id)
            safety = {f.source_id for f in record.flags if f.severity == "safety"}
            return record.answers == engine and self.safety_shown <= safety

        assert eventually(settled), "what the person confirmed was not all stored"


@pytest.mark.slow
def test_tapping_at_random_while_saves_fail_at_random(sqlite_db, visit_content):
    TappingWhileSavesFail.db = sqlite_db
    TappingWhileSavesFail.content = visit_content
    run_state_machine_as_test(
        TappingWhileSavesFail,
        settings=settings(
            max_examples=100,
            stateful_step_count=30,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
            derandomize=True,
        ),
    )
