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
