"""Printing the report, behind a small facade the kiosk and the peer station call.

``Printer`` is the interface: ``check()`` says in one line why printing cannot work now,
``submit(pdf)`` sends a PDF file and returns the job. ``CupsPrinter`` submits the PDF itself
to a CUPS queue with ``lp`` (the configured queue, or the system default). The Qt user
interface may provide another ``Printer`` (QPrinter) where CUPS is absent; this module never
imports Qt. Callers print off their UI thread (the windows run it in their background pool),
so the kiosk never waits on a printer.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from decisionaid.errors import UserError

Runner = Callable[..., subprocess.CompletedProcess]


class PrintError(UserError):
    """Printing cannot work now; the message is one line a peer worker can act on."""

    # Its words are the program's and the print service's (the queue's name, CUPS's reason),
    # never the page's, so the log keeps them: they are what an admin needs to mend it.
    words_hold_no_data = True


@dataclass(frozen=True)
class PrintJob:
    printer: str
    job_id: str  # e.g. "FrontDesk-42"


class Printer(Protocol):
    """What the kiosk needs from a printer."""

    def check(self) -> None:
        """Raises PrintError saying why a print would fail now (no printer, paused, …)."""

    def submit(self, pdf: Path, title: str = "decisionaid report") -> PrintJob:
        """Sends the PDF file to the printer (blocking; see ``print_in_background``)."""


def _c_locale() -> dict[str, str]:
    # lpstat's words are parsed below: ask for them in English whatever the site's locale.
    return {**os.environ, "LC_ALL": "C", "LANG": "C"}


class CupsPrinter:
    """A CUPS print queue, driven with the ``lp`` and ``lpstat`` commands."""

    def __init__(self, queue: str | None = None, *, run: Runner = subprocess.run,
                 timeout: float = 20.0):
        self.queue = queue
        self._run = run
        self.timeout = timeout

    def _lpstat(self, *args: str) -> subprocess.CompletedProcess:
        try:
            return self._run(["lpstat", *args], capture_output=True, text=True,
                             env=_c_locale(), timeout=self.timeout, check=False)
        except FileNotFoundError:
            raise PrintError(
                "printing is not set up on this computer: install CUPS (Debian: cups, cups-client)"
            ) from None
        except subprocess.TimeoutExpired:
            raise PrintError("the print service (CUPS) does not answer: restart it or this "
                             "computer") from None

    def queue_name(self) -> str:
        """The configured queue, else the system's default; PrintError when there is none."""
        if self.queue:
            return self.queue
        out = self._lpstat("-d").stdout
        match = re.search(r"system default destination:\s*(\S+)", out)
        if not match:
            raise PrintError("no printer is set: name one in the configuration "
                             "(printer = \"QUEUE\") or set a default printer in CUPS")
        return match.group(1)

    def check(self) -> None:
        running = self._lpstat("-r")
        if "scheduler is running" not in running.stdout:
            raise PrintError("the print service (CUPS) is not running: start it "
                             "(sudo systemctl start cups) or ask the clinic's IT contact")
        queue = self.queue_name()
        state = self._lpstat("-p", queue)
        text = (state.stdout + state.stderr).lower()
        if state.returncode != 0 or "invalid destination" in text or "unknown" in text:
            raise PrintError(f"there is no printer called '{queue}': check the printer "
                             "setting or the printer list in CUPS")
        if "disabled" in text:
            raise PrintError(f"the printer '{queue}' is paused: resume it (cupsenable {queue}) "
                             "and check it has paper")
        accepting = self._lpstat("-a", queue)
        if "not accepting" in accepting.stdout.lower():
            raise PrintError(f"the printer '{queue}' is not taking new jobs: turn that back on "
                             f"(cupsaccept {queue})")

    def device_problem(self) -> str | None:
        """Why the printer behind the queue cannot print now, as CUPS and the device say (one
        line), or None when it can be reached: the queue may accept jobs while they wait for
        a printer that is switched off, unplugged or gone from the network."""
        queue = self.queue_name()
        state = self._lpstat("-l", "-p", queue).stdout
        reasons = _state_reasons(state)
        bad = [r for r in reasons if r.removesuffix("-error").removesuffix("-warning")
               .removesuffix("-report") in DEVICE_DOWN or r.endswith("-error")]
        if bad:
            return (f"the printer '{queue}' cannot be reached ({', '.join(bad)}): check it is "
                    "switched on, has paper and is connected")
        message = _state_message(state)
        if message and any(word in message.lower() for word in UNREACHABLE_WORDS):
            return f"the printer '{queue}' cannot be reached: {message}"
        device = re.search(r"device for \S+:\s*(\S+)", self._lpstat("-v", queue).stdout)
        if device:
            problem = probe_device(device.group(1))
            if problem:
                return f"the printer '{queue}' cannot be reached: {problem}"
        return None

    def submit(self, pdf: Path, title: str = "decisionaid report") -> PrintJob:
        self.check()
        queue = self.queue_name()
        try:
            done = self._run(["lp", "-d", queue, "-t", title, "--", str(pdf)],
                             capture_output=True, text=True, env=_c_locale(),
                             timeout=self.timeout, check=False)
        except FileNotFoundError:
            raise PrintError("printing is not set up on this computer: install CUPS "
                             "(Debian: cups-client)") from None
        except subprocess.TimeoutExpired:
            raise PrintError("the print service (CUPS) does not answer: restart it") from None
        match = re.search(r"request id is (\S+)", done.stdout)
        if done.returncode != 0 or not match:
            reason = (done.stderr or done.stdout).strip().splitlines()
            raise PrintError(f"the printer '{queue}' refused the report: "
                             f"{reason[-1] if reason else 'no reason given'}")
        return PrintJob(queue, match.group(1))


def cups_available() -> bool:
    return shutil.which("lp") is not None and shutil.which("lpstat") is not None


# IPP printer-state-reasons (RFC 8011, without -report/-warning/-error) meaning "cannot print".
DEVICE_DOWN = {"offline", "connecting-to-device", "timed-out", "shutdown", "stopped",
               "media-empty", "media-jam", "door-open", "cover-open", "toner-empty",
               "marker-supply-empty", "input-tray-missing", "output-area-full"}
UNREACHABLE_WORDS = ("unavailable", "not exist", "unable to connect", "unable to locate",
                     "connection refused", "network host", "not responding", "offline")
NETWORK_PORTS = {"socket": 9100, "ipp": 631, "ipps": 631, "http": 631, "https": 443, "lpd": 515}


def _state_reasons(lpstat_long: str) -> list[str]:
    match = re.search(r"^\s*Alerts:\s*(.*)$", lpstat_long, re.MULTILINE)
    words = match.group(1).split() if match else []
    return [w for w in words if w != "none"]


def _state_message(lpstat_long: str) -> str:
    """The printer's state message: the indented line right under 'printer X is …'."""
    lines = lpstat_long.splitlines()
    if len(lines) > 1 and lines[1].startswith("\t") and ":" not in lines[1].split()[0]:
        return lines[1].strip()
    return ""


def probe_device(uri: str, timeout: float = 3.0) -> str | None:
    """For a network printer (socket, ipp, ipps, http(s), lpd), whether it answers on its
    port: None when it does (or cannot be probed from here, such as USB), else why not."""
    import socket
    from urllib.parse import urlsplit

    parts = urlsplit(uri)
    if parts.scheme not in NETWORK_PORTS or not parts.hostname:
        return None
    port = parts.port or NETWORK_PORTS[parts.scheme]
    try:
        with socket.create_connection((parts.hostname, port), timeout=timeout):
            return None
    except socket.gaierror:
        return f"its address {parts.hostname} is not known on this network"
    except TimeoutError:
        return f"{parts.hostname}:{port} does not answer"
    except OSError as e:
        return f"{parts.hostname}:{port} does not answer ({e.strerror or e})"
