"""Printing: one clear line for each way a printer can be unready, and never blocking the caller.

These drive ``CupsPrinter`` with a stand-in for the ``lp``/``lpstat`` commands, answering as
CUPS 2.4 does; the real queue is exercised in tests/integration/test_printing.py.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from decisionaid.report.printing import CupsPrinter, PrintError, PrintJob

RUNNING = "scheduler is running\n"
IDLE = "printer FrontDesk is idle.  enabled since Sun Nov 22 03:59:34 2026\n"
ACCEPTING = "FrontDesk accepting requests since Sun Nov 22 03:59:34 2026\n"


class FakeCups:
    """Answers lpstat and lp like a CUPS server in a given state."""

    def __init__(self, *, scheduler=RUNNING, default="system default destination: FrontDesk\n",
                 printers=None, accepting=ACCEPTING, installed=True):
        self.scheduler = scheduler
        self.default = default
        self.printers = {"FrontDesk": IDLE} if printers is None else printers
        self.accepting = accepting
        self.installed = installed
        self.submitted: list[list[str]] = []

    def __call__(self, argv, **kw) -> subprocess.CompletedProcess:
        if not self.installed:
            raise FileNotFoundError(argv[0])
        assert kw.get("env", {}).get("LC_ALL") == "C"  # the words parsed are CUPS's English

        def done(out="", err="", code=0):
            return subprocess.CompletedProcess(argv, code, out, err)

        if argv[:2] == ["lpstat", "-r"]:
            return done(self.scheduler, code=0 if "is running" in self.scheduler else 1)
        if argv[:2] == ["lpstat", "-d"]:
            return done(self.default)
        if argv[:2] == ["lpstat", "-p"]:
            state = self.printers.get(argv[2])
            if state is None:
                return done(err=f"lpstat: Invalid destination name in list \"{argv[2]}\".", code=1)
            return done(state)
        if argv[:2] == ["lpstat", "-a"]:
            return done(self.accepting)
        if argv[0] == "lp":
            self.submitted.append(argv)
            return done(f"request id is {argv[2]}-7 (1 file(s))\n")
        raise AssertionError(argv)


def test_a_ready_queue_takes_the_pdf_file_itself(tmp_path: Path):
    cups = FakeCups()
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    job = CupsPrinter(None, run=cups).submit(pdf, title="Visit 12")
    assert job == PrintJob("FrontDesk", "FrontDesk-7")
    assert cups.submitted == [["lp", "-d", "FrontDesk", "-t", "Visit 12", "--", str(pdf)]]


@pytest.mark.parametrize(
    ("cups", "queue", "says"),
    [
        (FakeCups(scheduler="scheduler is not running\n"), "FrontDesk", "CUPS) is not running"),
        (FakeCups(default="no system default destination\n"), None, "no printer is set"),
        (FakeCups(), "Upstairs", "there is no printer called 'Upstairs'"),
        (FakeCups(printers={"FrontDesk": "printer FrontDesk disabled since Sun - \n\tpaused"}),
         "FrontDesk", "the printer 'FrontDesk' is paused"),
        (FakeCups(accepting="FrontDesk not accepting requests since Sun -\n"), "FrontDesk",
         "not taking new jobs"),
        (FakeCups(installed=False), "FrontDesk", "printing is not set up on this computer"),
    ],
    ids=["cups-stopped", "no-default", "unknown-queue", "paused", "rejecting", "no-cups"],
)
def test_an_unready_printer_is_one_clear_line_and_nothing_is_sent(cups, queue, says, tmp_path):
    with pytest.raises(PrintError) as caught:
        CupsPrinter(queue, run=cups).submit(tmp_path / "r.pdf")
    message = str(caught.value)
    assert says in message and "\n" not in message
    assert not getattr(cups, "submitted", [])


def test_cups_reasons_for_a_printer_that_cannot_print_are_a_device_problem():
    """What CUPS says of a printer that is off (state reasons, state message) is reported."""
    import subprocess

    from decisionaid.report.printing import CupsPrinter

    def answers(reasons: str, message: str = ""):
        def run(argv, **kwargs):
            out = {"-l": f"printer Desk is idle.  enabled since Mon\n{message}\tForm mounted:\n"
                         f"\tAlerts: {reasons}\n",
                   "-v": "device for Desk: usb://HP/LaserJet\n"}[argv[1]]
            return subprocess.CompletedProcess(argv, 0, out, "")
        return run

    assert CupsPrinter("Desk", run=answers("none")).device_problem() is None
    problem = CupsPrinter("Desk", run=answers("offline-report")).device_problem()
    assert problem == ("the printer 'Desk' cannot be reached (offline-report): check it is "
                       "switched on, has paper and is connected")
    stuck = CupsPrinter("Desk", run=answers(
        "none", "\tThe printer may not exist or is unavailable at this time.\n")).device_problem()
    assert stuck.endswith("The printer may not exist or is unavailable at this time.")
