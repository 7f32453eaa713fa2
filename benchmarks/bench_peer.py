"""Peer station benchmark: Today, search and a person's history over 200,000 stored visits,
timed from the request to the list being filled on screen (query + filling the Qt table, the
work the screen does when its background read comes back). Target: under 50 ms each.

Each row has its own baseline, measured in the same run: the same work done bare. The SQL
statements the screen's call sent (caught as it ran) are replayed on a plain ``sqlite3``
connection and their rows fill a bare QTableWidget with as many columns as the screen's list.
The 200,000-visit file is the storage benchmark's (generated once for the schema, kept in
``.run/``, opened through the schema check). Run on its own:
``.venv/bin/python benchmarks/bench_peer.py``.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import sqlite3
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication, QTableWidget, QTableWidgetItem  # noqa: E402

from decisionaid.services.staff import StaffMember  # noqa: E402
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


def bare_list(columns: int):
    """The baseline's list: a bare QTableWidget filled with the rows as plain text."""
    table = QTableWidget(0, columns)

    def fill(rows: list) -> int:
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c in range(columns):
                table.setItem(r, c, QTableWidgetItem(str(row[c]) if c < len(row) else ""))
        return table.rowCount()

    return table, fill


def main() -> None:
    storage = _storage_bench()
    content = storage.load_bench_content()
    path, today_noon = storage.peer_database(content)
    global _app
    import quiet

    quiet.install()
    _app = QApplication.instance() or QApplication([])  # kept until exit, after every widget
    # The file is made by the benchmark and holds no one's answers: its "not encrypted"
    # warning is not for this table.
    logging.getLogger("decisionaid.storage.database").setLevel(logging.ERROR)
    app = storage.open_peer_app(path, today_noon, content)
    services = station_services(app, printer=None, make_page=lambda visit_id: b"",
                                render_pages=lambda pdf: [], sound=lambda: None)
    member = StaffMember(1, "bench", "admin", False, None, app.clock())
    busiest = storage.busiest_person(app.db)
    statements = storage.Statements(app.db.engine)
    raw = sqlite3.connect(path, isolation_level=None)

    today = TodayScreen(services, member)
    search = SearchScreen(services, member)
    search.query.blockSignals(True)
    search.query.setText("mar")
    # The screen's own first read writes an audit event: not into the cached benchmark file.
    PersonScreen.load = lambda self: None
    person = PersonScreen(services, member, busiest)
    q = services.queries

    def show_today() -> int:
        today.show_read(q.board())
        return today.list.rowCount()

    def show_search() -> int:
        search.people = []
        search._show(("mar", q.search("mar")))
        return search.results.rowCount()

    def show_history() -> int:
        person.rows, person.visit_ids = [], []
        person._add_visits(q.visits_of(busiest))
        return person.visits.rowCount()

    def person_whole() -> int:
        q.visits_of(busiest), q.trends(busiest)
        q.own_words(busiest), q.who_looked(busiest)
        return 0

    screens = {
        "Today (board + safety flags, list filled)": (show_today, today.list.columnCount()),
        "search 'mar' (first page, list filled)": (show_search, search.results.columnCount()),
        "one person's visits (list filled)": (show_history, person.visits.columnCount()),
        "one person's whole screen (4 queries)": (person_whole, 0),
    }
    results = {}
    keep = []
    for label, (work, columns) in screens.items():
        work()  # the day's audit lines written once, as on a station open since the morning
        sent = statements.catch(work)
        table, fill = bare_list(columns)
        keep.append(table)

        def bare(sent=sent, fill=fill, columns=columns) -> int:
            rows = storage.replay(raw, sent)
            return fill(rows) if columns else 0

        results[label] = (timed(work), work(), timed(bare), len(sent))
    app.close()
    raw.close()
    print(f"{'peer station, 200,000 visits (ms)':<44} {'p50':>7} {'p95':>7} {'bare p50':>9} "
          f"{'x bare':>7} {'rows':>5} {'sql':>4}  target")
    for label, (samples, rows, bare_samples, sent) in results.items():
        p50, top, base = statistics.median(samples), p95(samples), statistics.median(bare_samples)
        verdict = "ok (<50 ms)" if top < 0.050 else "OVER 50 ms"
        print(f"{label:<44} {p50 * 1000:7.2f} {top * 1000:7.2f} {base * 1000:9.2f} "
              f"{p50 / base:6.1f}x {rows:>5} {sent:>4}  {verdict}")
    print("bare: the same SQL statements (sql: how many) replayed on a plain sqlite3 connection, "
          "filling a bare table")


if __name__ == "__main__":
    main()
