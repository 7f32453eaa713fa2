"""A kiosk killed mid-visit loses nothing confirmed: signing in again resumes at the next
unanswered question."""

from __future__ import annotations

import signal
import subprocess
import sys
from datetime import date
from pathlib import Path

CHILD = Path(__file__).with_name("kiosk_child.py")


def test_killed_kiosk_resumes_at_the_next_unanswered_question(make_kiosk, config, drive, qtbot):
    child = subprocess.Popen(
        [sys.executable, str(CHILD), config.database_url],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    try:
        line = child.stdout.readline()
        assert line.startswith("READY"), line
        on_screen_when_killed = line.removeprefix("READY").strip()
        assert on_screen_when_killed == "Thoughts of hurting myself"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    kiosk = make_kiosk(config)
    d = drive(kiosk)
    d.sign_in("Kim", date(1988, 7, 7), "2580")
    assert kiosk.screen_name == "resume"
    assert kiosk.screen.title.text() == "Hello, Kim"
    d.tap_and_wait("resume", "item:choice")
    assert kiosk.screen.question.text() == "Thoughts of hurting myself"
    d.tap_and_wait("back", "item:scale")
    assert kiosk.screen.question.text() == "Trouble sleeping"
    assert d.find("option_0").isChecked()
