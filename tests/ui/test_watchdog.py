"""systemd's watchdog is fed from the Qt event loop: READY=1 and WATCHDOG=1 reach a real unix
datagram socket while the loop runs, and nothing comes while it does not (a hung kiosk stops
feeding, so systemd restarts it)."""

from __future__ import annotations

import socket

import pytest
from PySide6.QtCore import QObject

from decisionaid.ui.common.watchdog import WatchdogFeeder
from decisionaid.ui.testing import wait_for


@pytest.fixture
def listener(tmp_path):
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    path = tmp_path / "notify"
    sock.bind(str(path))
    sock.setblocking(False)
    yield sock, str(path)
    sock.close()


def received(sock) -> list[bytes]:
    got = []
    while True:
        try:
            got.append(sock.recv(4096))
        except BlockingIOError:
            return got


def test_the_event_loop_feeds_the_watchdog_and_a_stalled_loop_does_not(qtbot, listener):
    sock, path = listener
    owner = QObject()
    # The real event loop and a real Qt timer: what is proven is that the loop itself feeds it.
    feeder = WatchdogFeeder(owner, {"NOTIFY_SOCKET": path, "WATCHDOG_USEC": "2400000"})
    assert feeder.interval_s == 1.2  # half the watchdog's interval
    feeder.start()
    assert received(sock) == [b"READY=1", b"WATCHDOG=1"]
    # No events processed (the loop "hung"): the timer cannot fire, nothing is sent.
    assert received(sock) == []
    # The loop runs again: the timer feeds it.
    got: list[bytes] = []
    wait_for(qtbot, lambda: bool(got.extend(received(sock)) or got))
    assert set(got) == {b"WATCHDOG=1"}
    feeder.stop()


def test_outside_systemd_the_feeder_does_nothing(listener):
    sock, _path = listener
    feeder = WatchdogFeeder(None, {})
    feeder.start()
    assert not feeder.enabled and not feeder.timer.is_active()
    assert received(sock) == []
