"""Telling systemd how the kiosk is: ``sd_notify`` without libsystemd.

The kiosk's unit (deploy/decisionaid-kiosk.service) has ``WatchdogSec=``: systemd hands the
service ``$NOTIFY_SOCKET`` and ``$WATCHDOG_USEC``, and restarts it if ``WATCHDOG=1`` does not
arrive in time. The kiosk runs under cage and a session script, so the unit sets
``NotifyAccess=all`` and the check that ``$WATCHDOG_PID`` is this process is left out.
Outside systemd (no ``$NOTIFY_SOCKET``) every call does nothing.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping

log = logging.getLogger(__name__)


def notify(message: str, environ: Mapping[str, str] | None = None) -> bool:
    """Send ``message`` (e.g. ``"READY=1"``, ``"WATCHDOG=1"``, ``"STATUS=…"``) to systemd's
    notification socket; True if it was sent. Never raises: a kiosk keeps running whatever
    the socket does."""
    address = (os.environ if environ is None else environ).get("NOTIFY_SOCKET", "")
    if not address or address[0] not in "/@":
        return False
    if address[0] == "@":  # an abstract socket: a NUL byte in place of the @
        address = "\0" + address[1:]
    import socket  # here: outside systemd the kiosk's start does without it

    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
            sock.connect(address)
            sock.sendall(message.encode())
    except OSError as e:
        log.warning("could not notify systemd (%s): %s", message.split("=")[0], e.strerror or e)
        return False
    return True


def watchdog_interval_s(environ: Mapping[str, str] | None = None) -> float | None:
    """How often to feed the watchdog: half of ``$WATCHDOG_USEC`` (systemd's advice); None when
    there is no watchdog to feed."""
    env = os.environ if environ is None else environ
    if not env.get("NOTIFY_SOCKET"):
        return None
    try:
        usec = int(env.get("WATCHDOG_USEC", ""))
    except ValueError:
        return None
    return usec / 2_000_000 if usec > 0 else None
