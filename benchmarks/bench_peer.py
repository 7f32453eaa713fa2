"""Peer station benchmark: Today, search and a person's history over 200,000 stored visits,
timed from the request to the list being filled on screen (query + filling the Qt table, the
work the screen does when its background read comes back). Target: under 50 ms each.

The baseline, measured in the same run, is a raw ``sqlite3`` select of today's visits filling a
bare QTableWidget. The 200,000-visit file is the storage benchmark's (generated once, kept in
``.run/``). Run on its own: ``.venv/bin/python benchmarks/bench_peer.py``.
"""

from __future__ import annotations

import importlib.util
import os
import sqlite3
import statistics
import sys
import time
from datetime import UTC
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication, QTableWidget, QTableWidgetItem  # noqa: E402

from decisionaid.app import open_app  # noqa: E402
from decisionaid.config import Config  # noqa: E402
from decisionaid.services.staff import StaffMember  # noqa: E402
from decisionaid.storage.database import connect  # noqa: E402
from decisionaid.ui.station.person import PersonScreen  # noqa: E402
from decisionaid.ui.station.search import SearchScreen  # noqa: E402
from decisionaid.ui.station.services import station_services  # noqa: E402
from decisionaid.ui.station.today import TodayScreen  # noqa: E402

RUNS = 40
_app = None


def _storage_bench():
    spec = importlib.util.spec_from_file_location("bench_storage", ROOT / "benchmarks" / "bench_storage.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def timed(run, runs: int = RUNS) -> list[float]:
    run()  # warm, as a station that has been open a while
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return times


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    storage = _storage_bench()
    content = storage.load_bench_content()
    path, today_noon = storage.peer_database(content)
    global _app
    _app = QApplication.instance() or QApplication([])  # kept until exit, after every widget
    db = connect(f"sqlite:///{path}")
    clock = lambda: today_noon.astimezone(UTC)  # noqa: E731 - the day the file was made
    app = open_app(Config(database_url=f"sqlite:///{path}"), content=content, database=db,
                   clock=clock, logging_to=False)  # the benchmark leaves the clinic's log alone
    services = station_services(app, printer=None, make_page=lambda visit_id: b"",
                                render_pages=lambda pdf: [], sound=lambda: None)
    member = StaffMember(1, "bench", "admin", False, None, clock())
    busiest = db.read(lambda s: s.execute(__import__("sqlalchemy").text(
        "SELECT service_user_id FROM visits WHERE service_user_id IS NOT NULL "
        "GROUP BY service_user_id ORDER BY count(*) DESC LIMIT 1")).scalar())

    # Baseline: a raw select of today's visits into a bare table.
    start_stamp = storage._stamp(today_noon.replace(hour=0))
    raw = sqlite3.connect(path)
    bare = QTableWidget(0, 5)

    def baseline() -> None:
        rows = raw.execute("SELECT id, service_user_id, state, started_at, printed_at FROM visits "
                           "WHERE started_at >= ? ORDER BY started_at DESC LIMIT 500",
                           (start_stamp,)).fetchall()
        bare.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                bare.setItem(r, c, QTableWidgetItem(str(value)))

    today = TodayScreen(services, member)
    search = SearchScreen(services, member)
    search.query.blockSignals(True)
    search.query.setText("mar")
    # The screen's own first read writes an audit event: not into the cached benchmark file.
    PersonScreen.load = lambda self: None
    person = PersonScreen(services, member, busiest)

    def show_today() -> None:
        today._show(services.queries.board())

    def show_search() -> None:
        search.people = []
        search._show(("mar", services.queries.search("mar")))

    def show_history() -> None:
        person.rows, person.visit_ids = [], []
        person._add_visits(services.queries.visits_of(busiest))

    def person_whole() -> None:
        q = services.queries
        q.visits_of(busiest), q.trends(busiest), q.own_words(busiest), q.who_looked(busiest)

    results = {
        "baseline: raw sqlite3 today + bare table": (timed(baseline), bare.rowCount()),
        "Today (board + safety flags, list filled)": (timed(show_today), today.list.rowCount()),
        "search 'mar' (first page, list filled)": (timed(show_search), search.results.rowCount()),
        "one person's visits (list filled)": (timed(show_history), person.visits.rowCount()),
        "one person's whole screen (4 queries)": (timed(person_whole), 0),
    }
    db.dispose()
    raw.close()
    base = statistics.median(results["baseline: raw sqlite3 today + bare table"][0])
    print(f"{'peer station, 200,000 visits (ms)':<44} {'p50':>7} {'p95':>7} {'x base':>7} {'rows':>5}  target")
    for label, (samples, rows) in results.items():
        p50, top = statistics.median(samples), p95(samples)
        verdict = "" if label.startswith("baseline") else (
            "ok (<50 ms)" if top < 0.050 else "OVER 50 ms")
        print(f"{label:<44} {p50 * 1000:7.2f} {top * 1000:7.2f} {p50 / base:6.1f}x {rows:>5}  {verdict}")


if __name__ == "__main__":
    main()
