"""Privacy in a shared room: the idle timeout, sign-in lockout, and the staff corner."""

from __future__ import annotations

from datetime import date

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QLabel, QPlainTextEdit

from decisionaid.services.peer_queries import PeerQueries
from decisionaid.ui.kiosk.idle import KioskTimes
from decisionaid.ui.kiosk.question_screen import QuestionScreen
from decisionaid.ui.testing import wait_for

TIMES = KioskTimes()  # 150 s quiet, then a 30 s countdown; 3 s in the staff corner; 12 s done
QUIET_S = TIMES.idle_ms / 1000


def everything_shown(window) -> str:
    parts = [w.text() for w in window.findChildren(QLabel)]
    parts += [w.text() for w in window.findChildren(QAbstractButton)]
    parts += [w.toPlainText() for w in window.findChildren(QPlainTextEdit)]
    return "\n".join(parts)


def test_walking_away_clears_everything_and_back_cannot_reach_it(make_kiosk, config, drive, qtbot,
                                                                fake_time, stall):
    """After the warning runs out, the welcome screen is back, no widget holds the user's
    name or words, and there is no way back into the visit. However slow the machine is while
    the person signs up and answers, only the quiet time itself brings the warning."""
    kiosk = make_kiosk(config)
    d = drive(kiosk)
    d.sign_up("Marisol", date(1979, 6, 2), "5555")
    stall(0.35)  # a busy machine, where a short real timer would have reset the kiosk
    d.tap_and_wait("next")
    d.tap("option_3")
    d.tap_and_wait("next")
    d.tap("option_3")
    d.tap_and_wait("next", "item:text")
    d.type("Nightmares about work")
    visit_screens = kiosk.findChildren(QuestionScreen)
    assert visit_screens
    fake_time.advance(QUIET_S - 1)
    assert kiosk.overlay is None  # a second short of the quiet time: nothing yet
    fake_time.advance(1)
    assert "Are you still there?" in everything_shown(kiosk.overlay)
    assert "30" in kiosk.overlay.body.text()
    fake_time.advance(TIMES.warning_s - 1)
    assert kiosk.overlay is not None and "1" in kiosk.overlay.body.text()
    assert kiosk.screen_name == "item:text"
    fake_time.advance(1)
    assert kiosk.screen_name == "welcome"
    # Every screen the visit used is destroyed, not merely hidden: the empty ones made ready
    # for the next person are new.
    wait_for(qtbot, lambda: not any(shiboken6.isValid(s) for s in visit_screens))
    shown = everything_shown(kiosk)
    assert "Marisol" not in shown and "Nightmares" not in shown and "Every day" not in shown
    assert kiosk.visit is None and kiosk.overlay is None
    assert not d.has("back")
    # The answers confirmed before the timeout are kept for when Marisol signs in again.
    board = PeerQueries(kiosk.services.visits.db, kiosk.services.content).board()
    assert [line.visit.state for line in board.lines] == ["in_progress"]


def test_still_here_keeps_the_visit_where_it_was(make_kiosk, config, drive, qtbot, fake_time):
    """"I'm still here" closes the warning and the question is still on screen, unchanged;
    the quiet time then starts again from the tap."""
    kiosk = make_kiosk(config)
    d = drive(kiosk)
    d.guest()
    d.tap_and_wait("next")
    d.tap("option_2")
    fake_time.advance(QUIET_S)
    assert kiosk.overlay is not None
    fake_time.advance(TIMES.warning_s - 1)
    d.tap("still_here")
    assert kiosk.overlay is None
    assert kiosk.screen.question.text() == "Feeling sad or down"
    assert d.find("option_2").isChecked()
    fake_time.advance(QUIET_S - 1)
    assert kiosk.overlay is None
    fake_time.advance(1)
    assert kiosk.overlay is not None


def test_the_done_screen_returns_to_welcome_by_itself(make_kiosk, config, drive, qtbot, fake_time):
    """After "I'm finished" the thank-you screen clears itself after 12 seconds."""
    kiosk = make_kiosk(config)
    d = drive(kiosk)
    d.guest()
    kiosk.visit.visit.go_to_end()
    kiosk.show_current()
    d.tap_and_wait("next", "print")
    d.tap_and_wait("finish", "done")
    fake_time.advance(TIMES.done_ms / 1000 - 1)
    assert kiosk.screen_name == "done"
    fake_time.advance(1)
    assert kiosk.screen_name == "welcome"


def test_once_the_review_is_confirmed_no_question_screen_of_the_visit_is_left(kiosk, drive, qtbot):
    """From the print screen on, the question screens the visit used (and the words typed
    into them) are destroyed, not just hidden."""
    d = drive(kiosk)
    d.guest()
    d.tap_and_wait("next")
    d.tap("option_3")
    d.tap_and_wait("next")
    d.tap("option_3")
    d.tap_and_wait("next", "item:text")
    d.type("Nightmares about work")
    d.tap_and_wait("next", "item:yesno")
    used = kiosk.findChildren(QuestionScreen)
    kiosk.visit.visit.go_to_end()
    kiosk.show_current()
    d.tap_and_wait("next", "print")
    wait_for(qtbot, lambda: not any(shiboken6.isValid(s) for s in used))
    assert "Nightmares" not in everything_shown(kiosk)
    # Back from the page (nothing printed yet) leads to the review, never to a kept question
    # screen; the answers it shows are read again from storage.
    d.tap_and_wait("back", "review")
    assert not any(shiboken6.isValid(s) for s in used)


def test_five_wrong_pins_lock_sign_in(kiosk, drive, qtbot):
    """A returning user who gets the PIN wrong five times is told to see a peer worker, and
    even the right PIN then does not open the profile."""
    kiosk.services.profiles.create("Jordan", date(1990, 1, 5), "1357", "en")
    d = drive(kiosk)
    d.tap_and_wait("been_before", "sign_in")
    d.enter_name("Jordan")
    d.enter_birth_date(date(1990, 1, 5))
    screen = kiosk.screen
    for _attempt in range(4):
        d.digits("0000")
        wait_for(qtbot, lambda: screen.problem.isVisible() and screen.pin_pad.isEnabled())
        assert "could not find you" in screen.problem.text()
        screen.problem.hide()
    d.digits("0000")
    wait_for(qtbot, lambda: "paused for 15 minutes" in screen.problem.text())
    assert not screen.pin_pad.isEnabled()
    result = kiosk.services.profiles.sign_in("Jordan", date(1990, 1, 5), "1357")
    assert result.status == "locked"


def test_a_returning_user_signs_in_with_name_birthday_and_pin(kiosk, drive):
    """The right name (any accents or case), birthday and PIN start a visit."""
    kiosk.services.profiles.create("José", date(1966, 12, 31), "2020", "es")
    d = drive(kiosk)
    d.sign_in("jose", date(1966, 12, 31), "2020")
    assert kiosk.screen_name == "intro"
    assert kiosk.visit.service_user_id is not None


def test_peer_assisted_sign_in_finds_the_person_after_a_staff_pin(kiosk, drive, qtbot):
    """A peer worker signs in with a staff PIN, then finds someone by name and birthday."""
    kiosk.services.profiles.create("Robin", date(1975, 4, 9), "8642", "en")
    d = drive(kiosk)
    d.tap_and_wait("peer_sign_in", "peer_sign_in")
    screen = kiosk.screen
    d.enter_name("Pat")
    d.digits("1111")
    d.tap("key_ok")
    wait_for(qtbot, lambda: screen.problem.isVisible())
    assert "not recognised" in screen.problem.text()
    d.digits("2468")
    d.tap("key_ok")
    wait_for(qtbot, lambda: screen.step == "menu")
    assert not screen.history  # Back from here leaves the flow
    d.tap("peer_find")
    d.enter_name("Robin")
    before = kiosk.screen
    d.enter_birth_date(date(1975, 4, 9))
    wait_for(qtbot, lambda: kiosk.screen is not before)
    assert kiosk.screen_name == "intro"
    robin = PeerQueries(kiosk.services.visits.db, kiosk.services.content).search("Robin")
    assert kiosk.visit.service_user_id == robin[0].id


def test_peer_assisted_sign_up_of_someone_new(kiosk, drive, qtbot):
    """The peer worker signs up someone new, who chooses their own PIN."""
    d = drive(kiosk)
    d.tap_and_wait("peer_sign_in", "peer_sign_in")
    screen = kiosk.screen
    d.enter_name("Pat")
    d.digits("2468")
    d.tap("key_ok")
    wait_for(qtbot, lambda: screen.step == "menu")
    d.tap("peer_create")
    d.enter_name("Sam")
    d.enter_birth_date(date(2001, 8, 15))
    d.digits("9090")
    d.digits("9090")
    wait_for(qtbot, lambda: kiosk.screen_name == "intro")
    assert kiosk.services.profiles.sign_in("Sam", date(2001, 8, 15), "9090").status == "ok"


def test_staff_corner_needs_a_long_press_and_a_staff_pin(make_kiosk, config, drive, printer, qtbot,
                                                          fake_time):
    """A tap in the corner does nothing; holding it 3 seconds opens the staff PIN; the menu
    prints a test page; "Back to the kiosk" returns to where the user was."""
    kiosk = make_kiosk(config)
    d = drive(kiosk)
    d.guest()
    d.tap_and_wait("next")
    corner = kiosk.top_bar.corner
    QTest.mousePress(corner, Qt.MouseButton.LeftButton)
    fake_time.advance(TIMES.staff_hold_ms / 1000 - 0.5)
    QTest.mouseRelease(corner, Qt.MouseButton.LeftButton)
    fake_time.advance(TIMES.staff_hold_ms / 1000)
    assert kiosk.screen_name == "item:scale"  # let go too soon: nothing
    QTest.mousePress(corner, Qt.MouseButton.LeftButton)
    fake_time.advance(TIMES.staff_hold_ms / 1000)
    assert kiosk.screen_name == "staff"
    QTest.mouseRelease(corner, Qt.MouseButton.LeftButton)
    screen = kiosk.screen
    d.enter_name("Pat")
    d.digits("2468")
    d.tap("key_ok")
    wait_for(qtbot, lambda: screen.step == "menu")
    d.tap("test_page")
    wait_for(qtbot, lambda: len(printer.jobs) == 1)
    assert printer.jobs[0][1] == "test page"
    d.tap_and_wait("back_to_kiosk", "item:scale")
    assert kiosk.screen.question.text() == "Feeling sad or down"
