"""Shared fixtures: a fresh database per test, on SQLite and on PostgreSQL.

The PostgreSQL variants need ``DECISIONAID_TEST_PG_URL`` (``make test`` starts a server and sets
it). Without a reachable server they fail under ``CI=true`` and skip, with the reason, elsewhere.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"
ENGINES = ("sqlite", "postgresql")

# The suite runs in English whatever the developer's language, in this process and in every
# command it starts (they inherit this environment): many tests read the program's messages.
# A test of another language sets these in the environment it hands to its command.
ENGLISH = {"LANGUAGE": "en", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
os.environ.update(ENGLISH)
os.environ.pop("LC_MESSAGES", None)


# Tests that share one thing on this machine run in one worker, one after the other, when the
# suite runs in parallel (``pytest -n``, ``--dist loadgroup``): the CUPS test queue and the folder
# cups-pdf writes to, the speech daemon, the X/Wayland displays of the kiosk session, the build
# folders a wheel is built in (inside this tree).
SHARED = {
    "test_printing.py": "cups",
    "test_doctor.py": "cups",
    "test_speech.py": "speech",
    "test_kiosk_session.py": "display",
    "test_package.py": "wheel",
}
# Modules whose tests share a costly module-wide fixture (a rendered report, a decoded video)
# stay together too, so it is made once, not once per worker.
TOGETHER = {
    "test_vignette_screen.py", "test_fhir_questionnaires.py", "test_report_prescriber.py",
    "test_report_cli.py", "test_report.py", "test_report_decision.py", "test_translate_round_trip.py",
}


def pytest_collection_modifyitems(config, items):
    for item in items:
        name = item.path.name
        group = SHARED.get(name) or (name if name in TOGETHER else None)
        if group is not None:
            item.add_marker(pytest.mark.xdist_group(group))


@pytest.fixture(scope="session", autouse=True)
def _cycles_collected_on_the_main_thread():
    """As in the programs (decisionaid/ui/common/main_thread_gc.py): no automatic cycle
    collection, which could start in a background thread and free Qt objects there; the
    garbage is collected after each test, on the main thread."""
    import gc

    gc.disable()
    yield
    gc.enable()


@pytest.fixture(autouse=True)
def _own_data_folder(tmp_path_factory, monkeypatch):
    """Each test has a data folder (and so a log file) and a configuration folder (and so a
    database key file) of its own, never the home folder's."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("data-home")))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config-home")))
    yield
    from decisionaid import i18n
    from decisionaid.app import stop_logging

    i18n.set_language(None)  # a test that chose a language leaves the environment's again
    i18n.set_site_dirs(())  # and a site's catalogues (open_app reads its content folder's)
    from decisionaid.ui.common.main_thread_gc import collect_due

    stop_logging()
    collect_due()


def _pg_admin_url() -> str:
    """The test server's URL, or fail/skip saying why it cannot be used."""
    url = os.environ.get("DECISIONAID_TEST_PG_URL")
    reason = None
    if not url:
        reason = "DECISIONAID_TEST_PG_URL is not set (make test starts PostgreSQL and sets it)"
    else:
        import psycopg
        from sqlalchemy.engine import make_url

        plain = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
        try:
            psycopg.connect(plain, connect_timeout=5).close()
        except psycopg.OperationalError as e:
            reason = f"PostgreSQL at {url} is unreachable: {str(e).strip().splitlines()[0]}"
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return url  # type: ignore[return-value]


class PgSchema:
    """A schema of its own on the test server; its URL puts every connection in it."""

    def __init__(self, admin_url: str):
        from sqlalchemy.engine import make_url

        self.name = f"t_{uuid.uuid4().hex[:12]}"
        base = make_url(admin_url)
        self._plain = base.set(drivername="postgresql").render_as_string(hide_password=False)
        self.url = base.update_query_dict(
            {"options": f"-csearch_path={self.name}"}
        ).render_as_string(hide_password=False)

    def _run(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self._plain, autocommit=True) as conn:
            conn.execute(sql)

    def create(self) -> None:
        self._run(f'CREATE SCHEMA "{self.name}"')

    def drop(self) -> None:
        """Drop the schema. A write the test left running in the background (a station's
        last poll, the day closed at closing time) may take its locks in the other order:
        PostgreSQL then breaks the deadlock by cancelling this drop, and the write finishes,
        so the drop is asked again (it waits for the write; it does not race it)."""
        import psycopg

        for attempt in range(3):
            try:
                self._run(f'DROP SCHEMA IF EXISTS "{self.name}" CASCADE')
                return
            except psycopg.errors.DeadlockDetected:
                if attempt == 2:
                    raise


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A URL to an empty PostgreSQL schema of this test's own."""
    schema = PgSchema(_pg_admin_url())
    schema.create()
    try:
        yield schema.url
    finally:
        schema.drop()


@pytest.fixture(params=ENGINES)
def db_url(request, tmp_path: Path) -> str:
    """A URL to a fresh, empty database: SQLite file, then PostgreSQL schema."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'data' / 'decisionaid.db'}"
    return request.getfixturevalue("pg_url")


@pytest.fixture
def database(db_url: str):
    """An open, migrated ``Database`` at ``db_url``."""
    from decisionaid.storage.database import connect
    from decisionaid.storage.migrate import upgrade

    db = connect(db_url)
    upgrade(db)
    try:
        yield db
    finally:
        db.dispose()


@pytest.fixture(scope="session")
def visit_content():
    """The small test content (tests/data/mini): three questionnaires with trend, carry-forward,
    safety and concern items and a score."""
    from decisionaid.content.loader import load_content

    return load_content(DATA / "mini", ("en", "es"))


@pytest.fixture
def fast_pins():
    """A PIN hasher with minimal cost, so profile tests run fast."""
    from decisionaid.services.pins import PinHasher

    return PinHasher.fast()


class FakeClock:
    """A clock tests move by hand; services take it as ``clock=``."""

    def __init__(self, start):
        self.now = start

    def __call__(self):
        return self.now

    def advance(self, **delta) -> None:
        from datetime import timedelta

        self.now = self.now + timedelta(**delta)


@pytest.fixture
def fake_time():
    """The time the windows of a test run on: still until ``advance(seconds)``."""
    from decisionaid.services.clock import FakeTime

    return FakeTime()


@pytest.fixture
def clock() -> FakeClock:
    """Noon today, local time (so 'today' and 'end of day' mean what they say)."""
    from datetime import UTC, datetime

    local_noon = datetime.now().astimezone().replace(hour=12, minute=0, second=0, microsecond=0)
    return FakeClock(local_noon.astimezone(UTC))
