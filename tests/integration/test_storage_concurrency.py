"""Several kiosks at once: 4 processes on one PostgreSQL database and 2 on one SQLite file, all
running visits at the same time. Nothing is lost or duplicated and no error reaches a kiosk."""

from __future__ import annotations

import multiprocessing
import traceback

import pytest
from sqlalchemy import func, select

from decisionaid.content.model import ItemRef
from decisionaid.services.visits import VisitService
from decisionaid.storage.database import connect, raw_sqlite, sqlite_path
from decisionaid.storage.migrate import upgrade
from decisionaid.storage.models import Answer, Visit
from decisionaid.storage.repository import decode

pytestmark = [pytest.mark.integration, pytest.mark.slow]

VISITS_EACH = 100
SCRIPT = [
    (ItemRef("feelings", "sad"), 2),
    (ItemRef("feelings", "sleep"), 3),
    (ItemRef("feelings", "harm-self"), 1),  # a safety flag as well
    (ItemRef("medicines", "side-effects"), ["weight"]),
    (ItemRef("decision", "power"), None),  # a text unique to the visit
]


def run_visits(url: str, content, worker: int, start_line, results) -> None:
    """One kiosk: VISITS_EACH visits, each answering SCRIPT and finishing. Reports what it
    confirmed, or the error that reached it."""
    try:
        db = connect(url)
        visits = VisitService(db, content)
        start_line.wait()
        done: dict[int, dict] = {}
        for n in range(VISITS_EACH):
            kv = visits.start()
            for ref, value in SCRIPT:
                kv.go_to(ref)
                kv.confirm(value if value is not None else f"kiosk {worker} visit {n}")
            kv.finish()
            done[kv.id] = {(r.questionnaire, r.item): v for r, v in kv.visit.answers.items()}
        db.dispose()
        results.put((worker, url, done, None))
    except BaseException:
        results.put((worker, url, {}, traceback.format_exc()))


def test_kiosks_at_the_same_time_lose_and_duplicate_nothing(pg_url, tmp_path, visit_content):
    sqlite_url = f"sqlite:///{tmp_path / 'shared.db'}"
    for url in (pg_url, sqlite_url):
        db = connect(url)
        upgrade(db)
        db.dispose()
    context = multiprocessing.get_context("spawn")
    workers = [pg_url] * 4 + [sqlite_url] * 2
    start_line = context.Barrier(len(workers))
    results = context.Queue()
    processes = [
        context.Process(target=run_visits, args=(url, visit_content, i, start_line, results))
        for i, url in enumerate(workers)
    ]
    for p in processes:
        p.start()
    reports = [results.get(timeout=240) for _ in processes]
    for p in processes:
        p.join()

    errors = [error for *_, error in reports if error]
    assert errors == []
    for url in (pg_url, sqlite_url):
        expected: dict[int, dict] = {}
        for _, where, done, _ in reports:
            if where == url:
                assert len(done) == VISITS_EACH
                expected.update(done)
        db = connect(url)
        try:
            stored: dict[int, dict] = {}
            for a in db.read(lambda s: list(s.scalars(select(Answer)))):
                stored.setdefault(a.visit_id, {})[(a.questionnaire_id, a.item_id)] = decode(a.value)
            states = db.read(
                lambda s: dict(
                    s.execute(select(Visit.state, func.count()).group_by(Visit.state)).all()
                )
            )
        finally:
            db.dispose()
        kiosks = workers.count(url)
        assert len(expected) == kiosks * VISITS_EACH  # no visit id given out twice
        assert stored == expected  # every answer, once, as confirmed
        assert states == {"complete": kiosks * VISITS_EACH}
    with raw_sqlite(sqlite_path(sqlite_url)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
