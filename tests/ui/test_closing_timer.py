"""The kiosk's and peer station's closing timer: it asks the schedule and closes the day off the
UI thread, without a restart (the clock is a fake one; nothing waits for real time)."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import UTC, time

from PySide6.QtCore import QObject

from decisionaid.config import Config
from decisionaid.services.closing import DayClosed
from decisionaid.ui.common.closing import ClosingTimer
from decisionaid.ui.testing import wait_for


class Visits:
    def __init__(self, clock):
        self.clock = clock


def test_the_timer_closes_the_day_once_when_closing_time_comes(qtbot, clock, fake_time):
    calls = []

    def close(visits, config, moment):
        calls.append((moment, threading.current_thread() is threading.main_thread()))
        return DayClosed(moment, closed=2, still_open=0, backup=None)

    owner = QObject()
    timer = ClosingTimer(Visits(clock), replace(Config(), closing_time=time(18, 0)), owner,
                         fake_time, close=close)
    timer.start()
    [due] = fake_time.pending()
    assert 0 < due <= 60  # it looks again within a minute
    fake_time.advance(due)  # noon: nothing to do
    assert calls == []
    assert fake_time.pending()
    clock.now = clock.now.astimezone().replace(hour=18, minute=0).astimezone(UTC)
    with wait_for(qtbot, timer.closed) as closed:
        fake_time.advance(fake_time.pending()[0])
    assert closed.args[0].closed == 2
    assert calls == [(clock.now, False)]  # off the UI thread
    timer.check()
    assert len(calls) == 1  # once a day
    assert timer.timer.is_active()


def test_the_kiosk_and_the_station_each_run_the_closing_timer(make_kiosk, config, qtbot,
                                                              database, visit_content,
                                                              fast_pins, fake_time):
    from decisionaid.app import open_app
    from decisionaid.ui.station.services import station_services
    from decisionaid.ui.station.station import PeerStation

    kiosk = make_kiosk(config)
    wait_for(qtbot, lambda: getattr(kiosk, "closing", None) is not None)
    assert kiosk.closing.timer.is_active()
    assert kiosk.closing.schedule.closing_time == config.closing_time

    app = open_app(Config(database_url=str(database.url)), content=visit_content,
                   database=database, hasher=fast_pins)
    services = station_services(app, printer=None, make_page=lambda visit_id: b"",
                                render_pages=lambda pdf: [], timers=fake_time)
    station = PeerStation(services)
    qtbot.addWidget(station)
    assert station.closing.timer.is_active()
