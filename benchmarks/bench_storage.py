"""Storage benchmark: the kiosk's confirm-answer and the peer station's queries.

1. Confirm answer (engine step + durable commit) through ``KioskVisit.confirm`` against a raw
   ``sqlite3`` insert + commit with the same durability (WAL, synchronous=FULL) on the same disk.
   Target: p95 within 2x of the raw insert.
2. The peer station's main queries over 200,000 stored visits: today's visits, search by name,
   one user's history. Target: under 50 ms each. The 200,000-visit file is generated once with
   bulk inserts and kept in ``.run/`` between runs.

Run on its own: ``.venv/bin/python benchmarks/bench_storage.py``.
"""

from __future__ import annotations

import json
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


def peer_database(content: Content) -> tuple[Path, datetime]:
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"peer-{VISITS}.db"
    meta = CACHE / f"peer-{VISITS}.json"
    if path.exists() and meta.exists():
        return path, datetime.fromisoformat(json.loads(meta.read_text())["today_noon"])
    for old in CACHE.glob(f"peer-{VISITS}.db*"):
        old.unlink()
    today_noon = datetime.now().astimezone().replace(hour=12, minute=0, second=0, microsecond=0)
    started = time.perf_counter()
    generate(path, today_noon)
    meta.write_text(json.dumps({"today_noon": today_noon.isoformat()}))
    print(f"(generated {VISITS:,} visits in {time.perf_counter() - started:.1f} s, kept in {path})")
    return path, today_noon


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
    db = connect(f"sqlite:///{path}")
    clock = lambda: today_noon.astimezone(UTC)  # noqa: E731 - the day the file was made
    app = open_app(Config(database_url=f"sqlite:///{path}"), content=content, database=db,
                   clock=clock, hasher=PinHasher.fast(), logging_to=False)
    profiles = app.profiles
    busiest = db.read(
        lambda s: s.execute(
            __import__("sqlalchemy").text(
                "SELECT service_user_id FROM visits WHERE service_user_id IS NOT NULL "
                "GROUP BY service_user_id ORDER BY count(*) DESC LIMIT 1"
            )
        ).scalar()
    )
    one = profiles.get(busiest)
    queries = {
        "today's visits": timed(lambda: app.queries.board().lines),
        "search by name prefix ('mar')": timed(lambda: app.queries.search("mar")),
        "search by a whole first name": timed(lambda: app.queries.search(one.first_name)),
        "one user's history": timed(lambda: app.queries.visits_of(busiest)),
    }
    db.dispose()

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
        f"{f'peer station, {VISITS:,} visits (ms)':<42} {'p50':>7} {'p95':>7} {'rows':>10}  target"
    )
    for label, (samples, result) in queries.items():
        p95 = percentile(samples, 95)
        verdict = "ok (<50 ms)" if p95 < 0.050 else "OVER 50 ms"
        print(
            f"{label:<42} {ms(statistics.median(samples))} {ms(p95)} {len(result):>10}  {verdict}"
        )


if __name__ == "__main__":
    main()
