"""Storage benchmark: the kiosk's confirm-answer and the peer station's queries.

1. Confirm answer (engine step + durable commit) through ``KioskVisit.confirm`` against a raw
   ``sqlite3`` insert + commit with the same durability (WAL, synchronous=FULL) on the same disk.
   Target: p95 within 2x of the raw insert.
2. The peer station's own queries (``PeerQueries``, what its screens call) over 200,000 stored
   visits: the Today board, a search by name, one person's visits. Target: under 50 ms each.
   Each is compared with the same work done bare: the very SQL statements the call sent (caught
   as it ran), replayed on a plain ``sqlite3`` connection to the same file, so the ratio is what
   the service layer (SQLAlchemy, the records, the audit check) adds to the database's own work.
   The 200,000-visit file is generated once with bulk inserts and kept in ``.run/``, named by
   the schema it was made for (the Alembic head and a digest of the tables), so a migration or a
   model change makes a new one; it is opened through the normal schema check.

Run on its own: ``.venv/bin/python benchmarks/bench_storage.py``.
"""

from __future__ import annotations

import json
import logging
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from decisionaid.app import open_app  # noqa: E402
from decisionaid.config import Config  # noqa: E402
from decisionaid.content.loader import load_content  # noqa: E402
from decisionaid.content.model import Content, ItemRef  # noqa: E402
from decisionaid.engine import Visit  # noqa: E402
from decisionaid.services.pins import PinHasher  # noqa: E402
from decisionaid.services.profiles import name_key  # noqa: E402
from decisionaid.services.visits import VisitService  # noqa: E402
from decisionaid.storage.database import connect  # noqa: E402
from decisionaid.storage.migrate import upgrade  # noqa: E402

CONFIRMS = 400
QUERY_RUNS = 60
VISITS = 200_000
USERS = 25_000
CACHE = ROOT / ".run" / "bench-storage"
NAMES = [
    "Ana",
    "María",
    "José",
    "Luis",
    "Carmen",
    "Jorge",
    "Lucía",
    "Pedro",
    "Sofía",
    "Miguel",
    "Elena",
    "Juan",
    "Marta",
    "David",
    "Laura",
    "Sam",
    "Alex",
    "Jordan",
    "Taylor",
    "Morgan",
    "Chris",
    "Pat",
    "Robin",
    "Jamie",
    "Casey",
    "Noah",
    "Emma",
    "Olivia",
    "Liam",
    "Ava",
    "Mia",
    "Ethan",
    "Zoë",
    "Chloé",
    "Renée",
    "André",
    "Nadia",
    "Omar",
    "Fatima",
    "Yusuf",
    "Kai",
    "Marisol",
    "Mariana",
    "Marco",
    "Martín",
    "Maya",
    "Marcus",
    "Darnell",
    "Keisha",
    "Tyrone",
]


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.2f}"


def load_bench_content() -> Content:
    try:
        return load_content(ROOT, ("en", "es"))
    except Exception:
        return load_content(ROOT / "tests" / "data" / "mini", ("en", "es"))


def answers_to_give(content: Content) -> list[tuple[ItemRef, object]]:
    """A valid answer for every always-shown answerable item."""
    found = []
    for q in content.questionnaires:
        for item in q.items:
            if not item.answerable or item.show_if is not None:
                continue
            ref = ItemRef(q.id, item.id)
            if item.type in ("scale", "choice"):
                found.append((ref, item.options[0].value))
            elif item.type == "multi":
                plain = [o.value for o in item.options if not o.exclusive]
                found.append((ref, plain[:1]))
            elif item.type == "yesno":
                found.append((ref, False))
            else:
                found.append((ref, "Walking with my dog and calling my sister"))
    return found


# --- 1. confirm answer -----------------------------------------------------------------------
class RawInsert:
    """The baseline: one insert + commit on a bare sqlite3 connection, WAL + synchronous=FULL."""

    def __init__(self, path: Path):
        self.conn = sqlite3.connect(path, isolation_level=None)
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = FULL")
        self.conn.execute(
            "CREATE TABLE answers (id INTEGER PRIMARY KEY, visit_id INTEGER, "
            "questionnaire_id TEXT, questionnaire_version INTEGER, item_id TEXT, value TEXT, "
            "answered_at TEXT, UNIQUE (visit_id, questionnaire_id, item_id))"
        )
        self.n = 0

    def __call__(self) -> None:
        self.n += 1
        self.conn.execute("BEGIN")
        self.conn.execute(
            "INSERT INTO answers (visit_id, questionnaire_id, questionnaire_version, item_id, "
            "value, answered_at) VALUES (?, ?, ?, ?, ?, ?)",
            (1, "how-ive-been", 1, f"item-{self.n}", "2", datetime.now(UTC).isoformat()),
        )
        self.conn.execute("COMMIT")


def bench_confirm(folder: Path, content: Content) -> dict[str, list[float]]:
    """Raw insert, confirm on SQLite and confirm on SQLCipher, interleaved one after another so
    all three meet the same disk conditions."""
    raw = RawInsert(folder / "raw.db")
    kiosks = {}
    for label, key in (("sqlite", None), ("sqlcipher", "benchmark key")):
        db = connect(f"sqlite:///{folder / (label + '.db')}", key)
        upgrade(db, key=key)
        visits = VisitService(db, content)
        kiosks[label] = (db, visits, [visits.start()])
    plan = answers_to_give(content)
    times: dict[str, list[float]] = {"raw": [], "sqlite": [], "sqlcipher": [], "engine": []}
    alone = Visit(content)  # the engine's share: the same step with no storage at all
    for n in range(CONFIRMS):
        started = time.perf_counter()
        raw()
        times["raw"].append(time.perf_counter() - started)
        ref, value = plan[n % len(plan)]
        alone.go_to(ref)
        started = time.perf_counter()
        alone.confirm(value)
        _ = alone.flags  # the service asks for them on every save
        times["engine"].append(time.perf_counter() - started)
        for label, (_, visits, current) in kiosks.items():
            if n and n % len(plan) == 0:
                current[0].finish()
                current[0] = visits.start()
            kv = current[0]
            kv.go_to(ref)
            started = time.perf_counter()
            kv.confirm(value)
            times[label].append(time.perf_counter() - started)
    raw.conn.close()
    for db, _, _ in kiosks.values():
        db.dispose()
    return times


# --- 2. peer station over 200,000 visits ----------------------------------------------------
def _stamp(moment: datetime) -> str:
    """A time as SQLAlchemy stores it in SQLite (naive UTC)."""
    return moment.astimezone(UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")


def generate(path: Path, today_noon: datetime) -> None:
    """200,000 visits over three years by 25,000 users (and guests), bulk inserted."""
    db = connect(f"sqlite:///{path}")
    upgrade(db)
    db.dispose()
    rng = random.Random(7)
    pin_hash = PinHasher.fast().hash("1234")
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("BEGIN")
    created = _stamp(today_noon - timedelta(days=1100))
    users = []
    for uid in range(1, USERS + 1):
        name = rng.choice(NAMES)
        dob = date(1940, 1, 1) + timedelta(days=rng.randrange(365 * 60))
        users.append(
            (
                uid,
                f"{uid:032x}",
                name,
                name_key(name),
                dob.isoformat(),
                None,
                "en",
                pin_hash,
                0,
                None,
                created,
            )
        )
    conn.executemany(
        "INSERT INTO service_users (id, pseudonym, first_name, name_key, date_of_birth, clinic_id,"
        " language, pin_hash, failed_pin_attempts, locked_until, created_at, pending,"
        " must_choose_pin) VALUES (?,?,?,?,?,?,?,?,?,?,?,0,0)",
        users,
    )
    visits, answers, flags = [], [], []
    for vid in range(1, VISITS + 1):
        if vid > VISITS - 40:  # today's clinic
            started = today_noon - timedelta(minutes=5 * (VISITS - vid))
        else:
            started = today_noon - timedelta(
                days=1 + rng.randrange(1095), minutes=rng.randrange(600)
            )
        user = None if rng.random() < 0.2 else rng.randrange(1, USERS + 1)
        stamp = _stamp(started)
        visits.append((vid, user, "complete", "en", stamp, stamp, stamp, None))
        for item, value in (("sad", "2"), ("sleep", "1"), ("power", '"My words"')):
            answers.append((vid, "how-ive-been", 1, item, value, stamp))
        if rng.random() < 0.05:
            flags.append(
                (vid, "concern", "how-ive-been", "sad", 0, "Feeling sad", "Most days", stamp)
            )
    conn.executemany(
        "INSERT INTO visits (id, service_user_id, state, language, started_at, updated_at, "
        "finished_at, printed_at) VALUES (?,?,?,?,?,?,?,?)",
        visits,
    )
    conn.executemany(
        "INSERT INTO answers (visit_id, questionnaire_id, questionnaire_version, item_id, value, "
        "answered_at) VALUES (?,?,?,?,?,?)",
        answers,
    )
    conn.executemany(
        "INSERT INTO flags (visit_id, severity, questionnaire_id, source_id, is_score, question, "
        "answer, raised_at) VALUES (?,?,?,?,?,?,?,?)",
        flags,
    )
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.close()


def schema_key() -> str:
    """Names the schema the cached file was made for: the Alembic head and a digest of the
    tables as the models declare them."""
    import hashlib

    from sqlalchemy.schema import CreateTable

    from decisionaid.storage.migrate import head_revision
    from decisionaid.storage.models import Base

    tables = "\n".join(str(CreateTable(t)) for t in Base.metadata.sorted_tables)
    return f"{head_revision()}-{hashlib.sha256(tables.encode()).hexdigest()[:12]}"


def peer_database(content: Content) -> tuple[Path, datetime]:
    """The cached 200,000-visit file for this schema (made when missing), and its day."""
    CACHE.mkdir(mode=0o700, parents=True, exist_ok=True)
    stem = f"peer-{VISITS}-{schema_key()}"
    path, meta = CACHE / f"{stem}.db", CACHE / f"{stem}.json"
    if path.exists() and meta.exists():
        return path, datetime.fromisoformat(json.loads(meta.read_text())["today_noon"])
    for old in CACHE.glob(f"peer-{VISITS}*"):  # made for another schema, or cut short
        old.unlink()
    today_noon = datetime.now().astimezone().replace(hour=12, minute=0, second=0, microsecond=0)
    started = time.perf_counter()
    generate(path, today_noon)
    meta.write_text(json.dumps({"today_noon": today_noon.isoformat()}))
    print(f"(generated {VISITS:,} visits in {time.perf_counter() - started:.1f} s, kept in {path})")
    return path, today_noon


def open_peer_app(path: Path, today_noon: datetime, content: Content):
    """The app over the cached file, opened as the station opens it (``open_database``: the
    schema check), with the clock at the day the file was made."""
    clock = lambda: today_noon.astimezone(UTC)  # noqa: E731
    return open_app(Config(database_url=f"sqlite:///{path}"), content=content, clock=clock,
                    hasher=PinHasher.fast(), logging_to=False)


class Statements:
    """Catches the SQL statements an engine sends while ``catch(work)`` runs, to replay them
    bare: the same work without the service layer."""

    def __init__(self, engine):
        from sqlalchemy import event

        self.caught: list[tuple[str, tuple]] | None = None
        event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, _conn, _cursor, statement, parameters, _context, executemany) -> None:
        if self.caught is not None and not executemany:
            self.caught.append((statement, tuple(parameters or ())))

    def catch(self, work) -> list[tuple[str, tuple]]:
        self.caught = []
        try:
            work()
            return self.caught
        finally:
            self.caught = None


def replay(conn: sqlite3.Connection, statements: list[tuple[str, tuple]]) -> list:
    """Run the statements on a bare connection as they were sent (each read transaction's
    BEGIN among them, its end where the next begins); the rows of the largest answer."""
    rows: list = []
    try:
        for statement, parameters in statements:
            if statement.lstrip().upper().startswith("BEGIN") and conn.in_transaction:
                conn.execute("COMMIT")
            found = conn.execute(statement, parameters).fetchall()
            if len(found) >= len(rows):
                rows = found
    finally:
        if conn.in_transaction:
            conn.execute("COMMIT")
    return rows


def busiest_person(db) -> int:
    from sqlalchemy import text

    return db.read(lambda s: s.execute(text(
        "SELECT service_user_id FROM visits WHERE service_user_id IS NOT NULL "
        "GROUP BY service_user_id ORDER BY count(*) DESC LIMIT 1")).scalar())


def peer_queries(app) -> dict[str, tuple]:
    """label -> the station's call; each returns what its list shows."""
    queries, busiest = app.queries, busiest_person(app.db)
    name = app.profiles.get(busiest).first_name
    return {
        "Today board (visits + open safety flags)": lambda: queries.board().lines,
        "search by name prefix ('mar', first page)": lambda: queries.search("mar"),
        "search by a whole first name (first page)": lambda: queries.search(name),
        "one person's visits (first page)": lambda: queries.visits_of(busiest),
    }


def timed(run, runs: int = QUERY_RUNS) -> tuple[list[float], object]:
    result = run()  # warm the cache, as a peer station that has been open a while
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - started)
    return times, result


def main() -> None:
    content = load_bench_content()
    with tempfile.TemporaryDirectory(
        dir=ROOT / ".run" if (ROOT / ".run").is_dir() else None
    ) as tmp:
        folder = Path(tmp)
        times = bench_confirm(folder, content)
        raw, confirm, encrypted = times["raw"], times["sqlite"], times["sqlcipher"]
        engine_only = times["engine"]

    path, today_noon = peer_database(content)
    # The file is made here and holds no one's answers: the warning that it is not encrypted
    # (the kiosk's and the station's to give) is not for this table.
    logging.getLogger("decisionaid.storage.database").setLevel(logging.ERROR)
    app = open_peer_app(path, today_noon, content)
    statements = Statements(app.db.engine)
    bare = sqlite3.connect(path, isolation_level=None)
    queries = {}
    for label, call in peer_queries(app).items():
        call()  # the day's audit lines written once, as on a station open since the morning
        sent = statements.catch(call)
        queries[label] = (timed(call), timed(lambda sent=sent: replay(bare, sent)), len(sent))
    bare.close()
    app.close()

    raw_p50, raw_p95 = percentile(raw, 50), percentile(raw, 95)
    ratios = f"{'p50 ratio':>10} {'p95 ratio':>10}"
    print(f"{'confirm answer (ms)':<42} {'p50':>7} {'p95':>7} {ratios}  target")
    baseline = f"{'1.00x':>10} {'1.00x':>10}"
    print(f"{'raw sqlite3 insert+commit (WAL, FULL)':<42} {ms(raw_p50)} {ms(raw_p95)} {baseline}")
    for label, samples in (
        ("KioskVisit.confirm (SQLite)", confirm),
        ("KioskVisit.confirm (SQLCipher)", encrypted),
    ):
        p50, p95 = percentile(samples, 50), percentile(samples, 95)
        ratio = p95 / raw_p95
        verdict = "" if "Cipher" in label else ("ok (<=2x)" if ratio <= 2 else "OVER 2x")
        print(f"{label:<42} {ms(p50)} {ms(p95)} {p50 / raw_p50:>9.2f}x {ratio:>9.2f}x  {verdict}")
    p50, p95 = percentile(engine_only, 50), percentile(engine_only, 95)
    print(f"{'  of which the engine step (no storage)':<42} {ms(p50)} {ms(p95)}")
    print(
        f"{'  p95 under 16 ms (confirm -> next screen)':<42} "
        f"{'ok' if percentile(confirm, 95) < 0.016 else 'OVER':>15}"
    )
    print()
    print(
        f"{f'peer station, {VISITS:,} visits (ms)':<42} {'p50':>7} {'p95':>7} {'bare p50':>9} "
        f"{'x bare':>7} {'rows':>5} {'sql':>4}  target"
    )
    for label, ((samples, result), (bare_samples, _), sent) in queries.items():
        p50, p95 = statistics.median(samples), percentile(samples, 95)
        bare_p50 = statistics.median(bare_samples)
        verdict = "ok (<50 ms)" if p95 < 0.050 else "OVER 50 ms"
        print(f"{label:<42} {ms(p50)} {ms(p95)} {ms(bare_p50):>9} {p50 / bare_p50:6.1f}x "
              f"{len(result):>5} {sent:>4}  {verdict}")
    print("bare: the same SQL statements (sql: how many), replayed on a plain sqlite3 connection")


if __name__ == "__main__":
    main()
