"""Crash safety: an answer whose confirm returned survives the process being killed at any
moment."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal

import pytest
from sqlalchemy import select

from decisionaid.content.model import ItemRef
from decisionaid.services.visits import VisitService
from decisionaid.storage.database import connect, raw_sqlite, sqlite_path
from decisionaid.storage.migrate import upgrade
from decisionaid.storage.models import Answer

pytestmark = [pytest.mark.integration, pytest.mark.slow]

POWER = ItemRef("decision", "power")
SAD = ItemRef("feelings", "sad")
SIDE = ItemRef("medicines", "side-effects")
# Enough to prove it, counted rather than timed: a busy machine makes the test slower, never red.
KILLS = 8
ANSWERS = 60
# A child that has not confirmed its next answer in this long is stuck (a cross-process ceiling).
STUCK_S = 60


def confirm_forever(url: str, content, pipe, seed: int) -> None:
    """The child: visit after visit, confirm answers and report each one after confirm returns.
    Each (visit, item) is answered once, so every report names an answer that must stay."""
    try:
        rng = random.Random(seed)
        db = connect(url)
        visits = VisitService(db, content)
        n = 0
        while True:
            kv = visits.start()
            for ref in (SAD, POWER, SIDE):
                n += 1
                value = {
                    SAD: rng.randrange(4),
                    POWER: f"answer {seed}-{n} {'x' * rng.randrange(300)}",
                    SIDE: rng.sample(["sleepy", "weight", "shaking"], 2),
                }[ref]
                kv.go_to(ref)
                step = kv.confirm(value)
                pipe.send((kv.id, ref.questionnaire, ref.item, step.saved[ref]))
    finally:
        os._exit(0)


def kill_repeatedly(url: str, content) -> tuple[list[tuple], int]:
    """Start children and SIGKILL each after a random number of confirmations (or none)."""
    context = multiprocessing.get_context("spawn")
    confirmed: list[tuple] = []
    kills = 0
    rng = random.Random(1234)
    while kills < KILLS or len(confirmed) < ANSWERS:
        receiver, sender = context.Pipe(duplex=False)
        child = context.Process(target=confirm_forever, args=(url, content, sender, kills))
        child.start()
        sender.close()
        wait_for = rng.randrange(0, 25)
        received = 0
        while received < wait_for:
            assert receiver.poll(STUCK_S), f"a child confirmed nothing for {STUCK_S} s"
            confirmed.append(receiver.recv())
            received += 1
        os.kill(child.pid, signal.SIGKILL)
        child.join()
        assert child.exitcode == -signal.SIGKILL, "the child stopped on its own (an error?)"
        # Whatever it reported before it died was confirmed too.
        while True:
            try:
                confirmed.append(receiver.recv())
            except EOFError:
                break
        receiver.close()
        kills += 1
    return confirmed, kills


def test_every_confirmed_answer_survives_sigkill(db_url, visit_content):
    db = connect(db_url)
    upgrade(db)
    db.dispose()

    confirmed, kills = kill_repeatedly(db_url, visit_content)
    assert kills >= KILLS and len(confirmed) >= ANSWERS

    db = connect(db_url)
    try:
        stored = db.read(
            lambda s: {
                (a.visit_id, a.questionnaire_id, a.item_id): a.value
                for a in s.scalars(select(Answer))
            }
        )
    finally:
        db.dispose()
    from decisionaid.storage.repository import decode

    missing = [c for c in confirmed if c[:3] not in stored or decode(stored[c[:3]]) != c[3]]
    assert missing == []

    path = sqlite_path(db_url)
    if path is not None:
        with raw_sqlite(path) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
