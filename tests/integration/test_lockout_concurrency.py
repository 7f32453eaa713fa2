"""Eight processes guessing PINs at once, on SQLite and PostgreSQL: the count and the lock
change in one transaction, so at most five PINs are checked, for a staff account and for a
service user's name + date of birth alike."""

from __future__ import annotations

import contextlib
import multiprocessing
import traceback
from datetime import date

import pytest
from sqlalchemy import select

from decisionaid.services import staff
from decisionaid.services.pins import PinHasher
from decisionaid.services.profiles import MAX_FAILURES, ProfileService
from decisionaid.storage.database import connect
from decisionaid.storage.migrate import upgrade
from decisionaid.storage.models import ServiceUser

pytestmark = [pytest.mark.integration]

PROCESSES = 8
GUESSES_EACH = 3
BORN = date(1980, 3, 4)


class CountingHasher(PinHasher):
    """Counts the PIN checks made against a real hash (the decoy for a miss is not one)."""

    checks = 0

    def verify(self, pin_hash: str, pin: str) -> bool:
        if pin_hash != self._decoy:
            CountingHasher.checks += 1
        return super().verify(pin_hash, pin)


def guess(url: str, target: str, worker: int, start_line, results) -> None:
    try:
        db = connect(url)
        hasher = CountingHasher.fast()
        profiles = ProfileService(db, hasher=hasher, kiosk_id=f"kiosk-{worker}")
        start_line.wait()
        for n in range(GUESSES_EACH):
            wrong = f"{9000 + worker * 10 + n}"
            if target == "staff":
                with contextlib.suppress(staff.SignInRefused):
                    staff.sign_in(db, "Pat", wrong, hasher=hasher)
            else:
                profiles.sign_in("Ana", BORN, wrong)
        db.dispose()
        results.put((CountingHasher.checks, None))
    except BaseException:
        results.put((0, traceback.format_exc()))


@pytest.mark.parametrize("target", ["staff", "kiosk"])
def test_eight_processes_guessing_at_once_check_at_most_five_pins(db_url, target):
    db = connect(db_url)
    upgrade(db)
    staff.add(db, "Pat", "peer", "2468", hasher=PinHasher.fast())
    ProfileService(db, hasher=PinHasher.fast()).create("Ana", BORN, "1111", "en")
    db.dispose()
    context = multiprocessing.get_context("spawn")
    start_line, results = context.Barrier(PROCESSES), context.Queue()
    workers = [context.Process(target=guess, args=(db_url, target, n, start_line, results))
               for n in range(PROCESSES)]
    for w in workers:
        w.start()
    outcomes = [results.get(timeout=120) for _ in workers]
    for w in workers:
        w.join(timeout=30)
    assert [error for _, error in outcomes if error] == []
    checked = sum(n for n, _ in outcomes)
    assert checked <= MAX_FAILURES, f"{checked} PINs checked by {PROCESSES} processes at once"
    db = connect(db_url)
    try:
        if target == "staff":
            assert staff.get_by_name(db, "Pat").locked_until is not None
        else:
            [ana] = db.read(lambda s: list(s.scalars(select(ServiceUser))))
            assert ana.locked_until is not None
    finally:
        db.dispose()
