"""Fixtures for the kiosk tests: offscreen Qt, a fresh database per test, fakes for the printer,
speech, video and staff accounts, and fake time (``fake_time``): no timer fires unless the test
moves time forward."""

from __future__ import annotations

import os
import threading

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from sqlalchemy.engine import make_url
from tcp_proxy import TcpProxy

from decisionaid.config import Config
from decisionaid.services.pins import PinHasher
from decisionaid.storage.database import connect
from decisionaid.storage.migrate import upgrade
from decisionaid.ui.common.operations import wait_for_background
from decisionaid.ui.common.theme import Theme
from decisionaid.ui.kiosk.idle import KioskTimes
from decisionaid.ui.kiosk.session import StaffAuthError, open_services
from decisionaid.ui.testing import KioskDriver, RecordingPrinter, RecordingSpeaker, wait_for

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini"
# The kiosk's own delays; fake time reaches them only when a test moves it there.
CALM = KioskTimes()


class FakeStaff:
    """Staff accounts: 'Pat' with PIN 2468; five wrong PINs lock (as the real ones do)."""

    def __init__(self):
        self.failures = 0

    def verify(self, name: str, pin: str) -> object:
        if self.failures >= 5:
            raise StaffAuthError("This staff account is locked for 15 minutes.")
        if name.lower() == "pat" and pin == "2468":
            self.failures = 0
            return "Pat"
        self.failures += 1
        raise StaffAuthError("Name or PIN not recognised.")


@pytest.fixture
def config(tmp_path) -> Config:
    return Config(site_name="Riverside Clinic", content_dir=MINI,
                  database_url=f"sqlite:///{tmp_path / 'kiosk.db'}")


@pytest.fixture
def shipped_config(config) -> Config:
    return replace(config, content_dir=ROOT)


@pytest.fixture
def printer() -> RecordingPrinter:
    return RecordingPrinter()


@pytest.fixture
def stall(qtbot):
    """Hold up the test's (UI) thread as a busy machine would, then let the events that piled
    up meanwhile run: proof that nothing depends on how fast the machine is."""

    def hold(seconds: float) -> None:
        threading.Event().wait(seconds)  # the stall itself: nothing runs on this thread
        QCoreApplication.processEvents()

    return hold


@pytest.fixture
def proxied(pg_url):
    """PostgreSQL that a test can take away and bring back: (the URL through a TCP proxy on
    loopback, the proxy (``drop()``, ``restore()``), the database on the direct URL, for a peer
    station that stays connected)."""
    url = make_url(pg_url)
    proxy = TcpProxy(url.host or "127.0.0.1", url.port or 5432)
    direct = connect(pg_url)
    upgrade(direct)
    try:
        yield url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False), proxy, direct
    finally:
        proxy.close()
        direct.dispose()


@pytest.fixture
def make_kiosk(qtbot, printer, fake_time):
    """Builds a kiosk on a config (mini content by default) with fakes, on ``fake_time``."""
    opened = []

    def make(config: Config, times: KioskTimes = CALM, theme: Theme | None = None, staff=None):
        from decisionaid.ui.kiosk.window import KioskWindow
        from decisionaid.ui.testing import FakeMediaPlayer

        services, app = open_services(config, printer=printer, staff=staff or FakeStaff(),
                                      hasher=PinHasher.fast())
        opened.append(app)
        window = KioskWindow(services, theme=theme or Theme(scale=0.8), speaker=RecordingSpeaker(),
                             times=times, player_factory=FakeMediaPlayer, timers=fake_time)
        qtbot.addWidget(window)
        window.resize(1536, 864)
        window.show()
        qtbot.waitExposed(window)
        return window

    yield make
    wait_for_background()
    for app in opened:
        app.close()


@pytest.fixture
def kiosk(make_kiosk, config):
    return make_kiosk(config)


@pytest.fixture
def drive(qtbot):
    def make(window) -> KioskDriver:
        return KioskDriver(window, lambda condition: wait_for(qtbot, condition))

    return make


@pytest.fixture
def station(qtbot, services):
    """The peer station on the module's own ``services`` fixture, shown; its session ended and
    its background work done at the end."""
    from decisionaid.ui.station.station import PeerStation

    window = PeerStation(services)
    qtbot.addWidget(window)
    window.show()
    yield window
    window.end_session()
    wait_for_background()
