"""What the person sees when an answer cannot be saved, on the real kiosk window.

Storage fails three ways here: chosen writes fail (the real database behind ``FaultyDatabase``,
tests/storage_faults.py), another process holds SQLite's write lock, and the disk is really full
(a small tmpfs, as root). PostgreSQL going away is in tests/integration/test_kiosk_pg_outage.py.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import shutil
import subprocess
import sys
import threading
from dataclasses import replace

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel
from storage_faults import FaultyDatabase

from decisionaid.content.model import ItemRef
from decisionaid.services.peer_queries import PeerQueries
from decisionaid.services.visits import VisitService
from decisionaid.ui.testing import wait_for

SAD = ItemRef("feelings", "sad")
SLEEP = ItemRef("feelings", "sleep")
HARM = ItemRef("feelings", "harm-self")
NOT_SAVED = "That was not saved. Please try again, or ask a peer worker for help."


class LockHolder:
    """Another process holding the database's write lock until ``release``."""

    HOLD = ("import sqlite3, sys; c = sqlite3.connect(sys.argv[1], isolation_level=None); "
            "c.execute('BEGIN IMMEDIATE'); print('held', flush=True); sys.stdin.read(); c.execute('ROLLBACK')")

    def __init__(self, path: str):
        self.process = subprocess.Popen([sys.executable, "-c", self.HOLD, path], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True)
        assert self.process.stdout.readline().strip() == "held"

    def release(self) -> None:
        self.process.stdin.close()
        assert self.process.wait(timeout=30) == 0


def texts_on_screen(window) -> str:
    return "\n".join(label.text() for label in window.findChildren(QLabel) if label.isVisibleTo(window))


def question(window) -> str:
    return window.screen.question.text()


def stored(kiosk) -> dict:
    """What a peer station would read for the kiosk's visit (not through the failing wrapper)."""
    services = kiosk.services
    db = getattr(services.visits.db, "_db", services.visits.db)
    return VisitService(db, services.content).load(kiosk.visit.id).answers


def to_sad(d) -> None:
    d.guest()
    d.tap_and_wait("next", "item:scale")
    assert question(d.window) == "Feeling sad or down"


def press(button) -> None:
    """A tap that does not check first whether the button takes it (a disabled one does not)."""
    QTest.mouseClick(button, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(button.width() // 2, button.height() // 2))


@pytest.fixture
def faulty(kiosk) -> FaultyDatabase:
    wrapped = FaultyDatabase(kiosk.services.visits.db)
    kiosk.services.visits.db = wrapped
    return wrapped


def test_an_answer_that_cannot_be_saved_keeps_its_question_and_next_tries_again(kiosk, drive, faulty, qtbot):
    """The save of 'Feeling sad' fails: the same question stays with the choice still made and
    a calm line; nothing is stored under 'Trouble sleeping'; Next stores it where it belongs."""
    d = drive(kiosk)
    to_sad(d)
    d.tap("option_2")
    faulty.fail_next()
    d.tap("next")
    wait_for(qtbot, lambda: NOT_SAVED in texts_on_screen(kiosk))
    assert question(kiosk) == "Feeling sad or down"
    assert kiosk.screen.answer.value() == 2
    assert stored(kiosk) == {}
    notice = texts_on_screen(kiosk)
    d.tap_and_wait("next", "item:scale")
    assert stored(kiosk) == {SAD: 2}, "the retried answer was filed under another question"
    assert question(kiosk) == "Trouble sleeping"
    assert NOT_SAVED in notice and NOT_SAVED not in texts_on_screen(kiosk)


def test_a_safety_answer_shows_the_safety_screen_even_when_it_cannot_be_saved(kiosk, drive, faulty, qtbot):
    """'Some days' on 'Thoughts of hurting myself' with storage failing: the safety screen
    shows, and the flag reaches the peer station within 5 s of storage coming back."""
    d = drive(kiosk)
    to_sad(d)
    d.tap("option_0")
    d.tap_and_wait("next")
    d.tap("option_0")
    d.tap_and_wait("next")
    assert question(kiosk) == "Thoughts of hurting myself"
    faulty.broken = True
    d.tap("option_1")
    d.tap_and_wait("next", "safety")
    peer = VisitService(faulty._db, kiosk.services.content)
    assert peer.open_flags() == []
    faulty.broken = False
    wait_for(qtbot, lambda: [f.severity for f in peer.open_flags()] == ["safety"])
    # The flag (kept on the kiosk's disk) goes first, with the time it was raised; the answer
    # follows in the visit's own save.
    wait_for(qtbot, lambda: stored(kiosk).get(HARM) == 1)


def test_a_held_write_lock_shows_saving_holds_taps_and_loses_nothing(make_kiosk, config, drive, qtbot,
                                                                      monkeypatch, fake_time):
    """Another process holds the write lock far longer than the kiosk waits: after a moment
    "Saving…" shows, taps are held (none lands on the next question), the idle warning still
    comes, and the person stays on their question, choice made, until the lock is let go."""
    from decisionaid.services import kiosk_visit

    monkeypatch.setattr(kiosk_visit, "SAVE_GIVE_UP_S", 3.0, raising=False)
    kiosk = make_kiosk(config)
    d = drive(kiosk)
    to_sad(d)
    d.tap("option_2")
    other = LockHolder(config.database_url.removeprefix("sqlite:///"))
    try:
        d.tap("next")
        press(d.find("option_3"))  # held at once: the choice does not change, nothing is answered
        assert kiosk.screen.answer.value() == 2
        assert "Saving…" not in texts_on_screen(kiosk)  # a moment: no need to say anything yet
        fake_time.advance(kiosk_visit.SAVE_HOLD_S)
        assert "Saving…" in texts_on_screen(kiosk)
        press(d.find("option_3"))  # still held
        press(d.find("next"))
        assert kiosk.screen.answer.value() == 2
        fake_time.advance(kiosk.times.idle_ms / 1000)
        assert kiosk.overlay is not None  # the idle warning still comes
        d.tap("still_here")
        wait_for(qtbot, lambda: NOT_SAVED in texts_on_screen(kiosk))
        assert question(kiosk) == "Feeling sad or down" and kiosk.screen.answer.value() == 2
        d.tap("next")  # still locked: tried again, not saved again
        wait_for(qtbot, lambda: NOT_SAVED in texts_on_screen(kiosk))
        assert question(kiosk) == "Feeling sad or down"
    finally:
        other.release()
    assert stored(kiosk) == {}
    d.tap_and_wait("next", "item:scale")
    assert question(kiosk) == "Trouble sleeping"
    assert stored(kiosk) == {SAD: 2}


def test_a_save_that_finishes_while_saving_shows_moves_on_once(make_kiosk, config, drive, qtbot, monkeypatch,
                                                                fake_time):
    """The lock is let go while "Saving…" shows: the answer is stored and the next question
    comes, once, with nothing of the held taps applied to it."""
    from decisionaid.services import kiosk_visit

    kiosk = make_kiosk(config)
    d = drive(kiosk)
    to_sad(d)
    d.tap("option_2")
    other = LockHolder(config.database_url.removeprefix("sqlite:///"))
    d.tap("next")
    fake_time.advance(kiosk_visit.SAVE_HOLD_S)
    assert "Saving…" in texts_on_screen(kiosk)
    press(d.find("option_1"))
    press(d.find("next"))
    threads = []
    show = kiosk.visit_screens.show
    monkeypatch.setattr(kiosk.visit_screens, "show",
                        lambda what: (threads.append(threading.current_thread()), show(what)))
    shown = kiosk.shown
    other.release()
    wait_for(qtbot, lambda: kiosk.shown != shown)
    assert threads == [threading.main_thread()], "the next screen was made off the window's thread"
    assert question(kiosk) == "Trouble sleeping"
    assert kiosk.screen.answer.value() is None  # nothing chosen for the person
    assert "Saving…" not in texts_on_screen(kiosk)
    assert stored(kiosk) == {SAD: 2}


# --- a real full disk -----------------------------------------------------------------------
@pytest.fixture
def small_disk(tmp_path):
    """A 3 MB tmpfs of the test's own (mounting needs root; CI runs as root)."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        reason = "a full-disk test mounts a small tmpfs, which needs root"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    point = tmp_path / "disk"
    point.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m,mode=0700", "tmpfs", str(point)], check=True)
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], check=False)


def fill(folder) -> os.PathLike:
    """Fill the disk the folder is on, to the last byte; returns the filler file."""
    filler = folder / "filler"
    with open(filler, "wb", buffering=0) as f:
        for size in (65536, 4096, 1):
            with contextlib.suppress(OSError):
                while f.write(b"\0" * size):
                    pass
    with pytest.raises(OSError) as e, open(folder / "probe", "wb", buffering=0) as f:
        f.write(b"\0" * 4096)
    assert e.value.errno == errno.ENOSPC
    (folder / "probe").unlink(missing_ok=True)
    return filler


def test_a_full_disk_keeps_the_question_and_saves_once_there_is_room(make_kiosk, config, drive, small_disk,
                                                                     qtbot):
    kiosk = make_kiosk(replace(config, database_url=f"sqlite:///{small_disk / 'kiosk.db'}"))
    d = drive(kiosk)
    to_sad(d)
    d.tap("option_2")
    filler = fill(small_disk)
    d.tap("next")
    wait_for(qtbot, lambda: NOT_SAVED in texts_on_screen(kiosk))
    assert question(kiosk) == "Feeling sad or down" and kiosk.screen.answer.value() == 2
    notice = texts_on_screen(kiosk)
    os.unlink(filler)
    d.tap_and_wait("next", "item:scale")
    assert stored(kiosk) == {SAD: 2}, "the retried answer was filed under another question"
    assert question(kiosk) == "Trouble sleeping"
    assert NOT_SAVED in notice


# --- the unexpected -------------------------------------------------------------------------
def test_an_unexpected_error_starts_again_calmly_with_the_answers_kept(kiosk, drive, caplog, monkeypatch):
    """Something in the kiosk breaks as the review would show: the error is logged without any
    answer or name in it, the person sees a calm line on the welcome screen, and what they
    confirmed is stored."""
    from decisionaid.ui.kiosk import review_screen

    sentinel = " ".join(("Ana", "said", "Some days"))  # what a careless log would keep

    def broken(*args, **kwargs):
        raise RuntimeError(sentinel)

    monkeypatch.setattr(review_screen.ReviewScreen, "__init__", broken)
    d = drive(kiosk)
    to_sad(d)
    visit_id = kiosk.visit.id
    d.tap("option_2")
    d.tap_and_wait("next")
    with caplog.at_level(logging.ERROR):
        for _ in range(20):
            if kiosk.screen_name == "welcome":
                break
            name = kiosk.screen_name
            if name.startswith("item:") and kiosk.screen.item.answerable:
                d.tap_and_wait("skip")
            else:
                d.tap_and_wait("next")
    assert kiosk.screen_name == "welcome"
    assert "Something went wrong, so the kiosk started again" in texts_on_screen(kiosk)
    assert "RuntimeError" in caplog.text
    assert "Ana" not in caplog.text and "Some days" not in caplog.text
    answers = VisitService(kiosk.services.visits.db, kiosk.services.content).load(visit_id).answers
    assert answers[SAD] == 2


def test_a_visit_opened_while_the_database_is_held_does_not_freeze_the_screen(make_kiosk, config, drive, qtbot,
                                                                                fake_time):
    """Starting a visit writes too: with the lock held elsewhere the tap returns at once,
    "Saving…" shows, a second tap opens nothing more, and the visit starts once it is let go."""
    from decisionaid.services import kiosk_visit

    kiosk = make_kiosk(config)
    d = drive(kiosk)
    d.tap_and_wait("first_time", "first_time")
    other = LockHolder(config.database_url.removeprefix("sqlite:///"))
    try:
        d.tap("guest")
        fake_time.advance(kiosk_visit.SAVE_HOLD_S)
        assert "Saving…" in texts_on_screen(kiosk)
        assert kiosk.screen_name == "first_time"
        d.tap("guest")
    finally:
        other.release()
    wait_for(qtbot, lambda: kiosk.screen_name == "intro")
    assert "Saving…" not in texts_on_screen(kiosk)
    peer = PeerQueries(kiosk.services.visits.db, kiosk.services.content)
    assert len(peer.board().lines) == 1
