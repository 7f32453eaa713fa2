"""doctor fails a printer whose device cannot be reached, though its queue accepts jobs: a CUPS
queue of its own, pointing at a port nothing listens on, made for the test and removed after.
Without CUPS (or the rights to add a queue) this fails under CI=true and skips elsewhere."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import uuid

import pytest

from decisionaid.config import Config
from decisionaid.report.printing import CupsPrinter, probe_device
from decisionaid.services.doctor import check_printer

pytestmark = pytest.mark.integration


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # free now that it is closed again: nothing listens there


@pytest.fixture
def unreachable_queue():
    if shutil.which("lpadmin") is None:
        _unavailable("CUPS is not installed (lpadmin)")
    name = f"decisionaid-gone-{uuid.uuid4().hex[:8]}"
    done = subprocess.run(["lpadmin", "-p", name, "-E", "-v",
                           f"socket://127.0.0.1:{closed_port()}"],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        _unavailable(f"cannot add a CUPS queue: {done.stderr.strip() or done.stdout.strip()}")
    try:
        yield name
    finally:
        subprocess.run(["lpadmin", "-x", name], capture_output=True, check=False)


def test_a_queue_whose_printer_is_unreachable_fails_with_what_to_do(unreachable_queue):
    printer = CupsPrinter(unreachable_queue)
    printer.check()  # the queue itself: enabled and accepting jobs
    [finding] = check_printer(Config(printer=unreachable_queue))
    assert not finding.ok
    assert f"the printer '{unreachable_queue}' cannot be reached" in finding.found
    assert "does not answer" in finding.found
    assert "switch the printer on" in finding.fix


def test_a_queue_whose_printer_answers_passes():
    queue = os.environ.get("DECISIONAID_TEST_PRINTER")
    if not queue:
        _unavailable("DECISIONAID_TEST_PRINTER is not set (make test adds a CUPS PDF queue)")
    [finding] = check_printer(Config(printer=queue))
    assert finding.ok and "its printer answers" in finding.found


def test_a_network_printer_that_listens_answers():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        assert probe_device(f"socket://127.0.0.1:{server.getsockname()[1]}") is None
    assert probe_device("usb://HP/LaserJet?serial=1") is None  # cannot be probed from here
