"""Telling systemd the kiosk is alive: datagrams on a real unix socket, as systemd's
``$NOTIFY_SOCKET`` receives them; nothing at all outside systemd."""

from __future__ import annotations

import socket
import uuid

import pytest

from decisionaid.services import systemd


@pytest.fixture
def listener(tmp_path):
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    path = tmp_path / "notify"
    sock.bind(str(path))
    sock.settimeout(5)
    yield sock, str(path)
    sock.close()


def test_a_notification_arrives_as_one_datagram(listener):
    sock, path = listener
    assert systemd.notify("WATCHDOG=1", {"NOTIFY_SOCKET": path})
    assert sock.recv(4096) == b"WATCHDOG=1"
    assert systemd.notify("STATUS=resting: the database cannot be reached", {"NOTIFY_SOCKET": path})
    assert sock.recv(4096) == b"STATUS=resting: the database cannot be reached"


def test_an_abstract_socket_is_named_with_an_at_sign():
    name = f"decisionaid-test-{uuid.uuid4().hex}"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind("\0" + name)
        sock.settimeout(5)
        assert systemd.notify("READY=1", {"NOTIFY_SOCKET": "@" + name})
        assert sock.recv(4096) == b"READY=1"


def test_outside_systemd_nothing_is_sent_and_nothing_fails(tmp_path):
    assert not systemd.notify("WATCHDOG=1", {})
    assert not systemd.notify("WATCHDOG=1", {"NOTIFY_SOCKET": "relative/path"})
    # A socket that has gone away: logged, never raised.
    assert not systemd.notify("WATCHDOG=1", {"NOTIFY_SOCKET": str(tmp_path / "gone")})


def test_the_watchdog_is_fed_at_half_its_interval():
    assert systemd.watchdog_interval_s({"NOTIFY_SOCKET": "/run/x", "WATCHDOG_USEC": "60000000"}) == 30
    assert systemd.watchdog_interval_s({"WATCHDOG_USEC": "60000000"}) is None  # nowhere to send
    assert systemd.watchdog_interval_s({"NOTIFY_SOCKET": "/run/x"}) is None  # no watchdog
    assert systemd.watchdog_interval_s({"NOTIFY_SOCKET": "/run/x", "WATCHDOG_USEC": "x"}) is None
