"""The kiosk's sign-in and sign-up, tried as a stranger would: what is shown never depends on
whether someone has the details; with a peer worker, people who share them are told apart, and
someone whose PIN was reset chooses a new one."""

from __future__ import annotations

from datetime import date

from decisionaid.services.profiles import MAX_FAILURES
from decisionaid.ui.testing import wait_for

BORN = date(1990, 1, 5)


def _peer_menu(kiosk, d, qtbot):
    d.tap_and_wait("peer_sign_in", "peer_sign_in")
    screen = kiosk.screen
    d.enter_name("Pat")
    d.digits("2468")
    d.tap("key_ok")
    wait_for(qtbot, lambda: screen.step == "menu")
    return screen


def test_signing_up_with_someone_elses_details_and_pin_looks_like_any_sign_up(kiosk, drive):
    """Once "please choose a different PIN" told a stranger Jordan's PIN; now the visit starts,
    as for anyone, and Jordan's profile is not reachable with it."""
    profiles = kiosk.services.profiles
    jordan = profiles.create("Jordan", BORN, "1357", "en")
    d = drive(kiosk)
    d.sign_up("Jordan", BORN, "1357")
    assert kiosk.screen_name == "intro"
    mine = kiosk.visit.service_user_id
    assert mine != jordan.id
    # Signing in with that PIN now leads to the newest profile with it, never to Jordan's.
    assert profiles.sign_in("Jordan", BORN, "1357").profile.id == mine


def _problems_after_wrong_pins(kiosk, d, qtbot, name, born=BORN):
    d.tap_and_wait("been_before", "sign_in")
    d.enter_name(name)
    d.enter_birth_date(born)
    screen, seen = kiosk.screen, []
    for _ in range(MAX_FAILURES + 1):
        d.digits("0000")
        wait_for(qtbot, lambda: screen.problem.isVisible())
        seen.append(screen.problem.text())
        screen.problem.hide()
        if not screen.pin_pad.isEnabled():
            break
    return seen


def test_a_real_paused_person_and_made_up_details_show_the_same_words(kiosk, drive, qtbot):
    kiosk.services.profiles.create("Jordan", BORN, "1357", "en")
    d = drive(kiosk)
    real = _problems_after_wrong_pins(kiosk, d, qtbot, "Jordan")
    kiosk.reset()
    made_up = _problems_after_wrong_pins(kiosk, d, qtbot, "Nobody")
    assert real == made_up
    assert "paused" in real[-1] and "peer worker" in real[-1]


def test_a_second_person_with_the_same_details_is_found_by_a_peer_with_their_pin(
        kiosk, drive, qtbot):
    profiles = kiosk.services.profiles
    profiles.create("Robin", BORN, "8642", "en")
    second = profiles.sign_up("Robin", BORN, "1212", "en").profile
    d = drive(kiosk)
    screen = _peer_menu(kiosk, d, qtbot)
    d.tap("peer_find")
    d.enter_name("Robin")
    d.enter_birth_date(BORN)
    wait_for(qtbot, lambda: screen.step == "user_pin")
    d.digits("1212")
    wait_for(qtbot, lambda: kiosk.screen_name == "intro")
    assert kiosk.visit.service_user_id == second.id
    assert not profiles.get(second.id).pending


def test_after_a_pin_reset_the_person_chooses_a_new_pin_with_a_peer(kiosk, drive, qtbot):
    from decisionaid.services import staff
    from decisionaid.services.pins import PinHasher

    profiles = kiosk.services.profiles
    peer = staff.add(profiles.db, "Pat", "peer", "2468", hasher=PinHasher.fast())
    robin = profiles.create("Robin", BORN, "8642", "en")
    profiles.reset_pin(robin.id, by=peer)
    d = drive(kiosk)
    screen = _peer_menu(kiosk, d, qtbot)
    d.tap("peer_find")
    d.enter_name("Robin")
    d.enter_birth_date(BORN)
    wait_for(qtbot, lambda: screen.step == "new_pin")
    assert "choose a new one" in screen.problem.text()
    d.digits("3030")
    d.digits("3030")
    wait_for(qtbot, lambda: kiosk.screen_name == "intro")
    assert kiosk.visit.service_user_id == robin.id
    assert profiles.sign_in("Robin", BORN, "3030").profile.id == robin.id
    assert profiles.sign_in("Robin", BORN, "8642").status == "no_match"


def _what_a_stranger_sees(kiosk, d, qtbot, born):
    """Sign up as Zoe with this birthday, sign out, sign in again with the new PIN, sign out,
    then wrong PINs until sign-in pauses: every screen's name and words, in order."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QAbstractButton, QLabel

    def seen():
        for _ in range(3):  # a screen's layout settles one posted event at a time
            QCoreApplication.processEvents()
        screen = kiosk.screen
        words = [w.text() for w in screen.findChildren(QLabel) if w.isVisible()]
        words += [w.text() for w in screen.findChildren(QAbstractButton) if w.isVisible()]
        return kiosk.screen_name, words

    d.sign_up("Zoe", born, "4242")
    after_sign_up = seen()
    kiosk.reset()
    d.sign_in("Zoe", born, "4242")
    after_sign_in = seen()
    kiosk.reset()
    return after_sign_up, after_sign_in, _problems_after_wrong_pins(kiosk, d, qtbot, "Zoe", born)


def test_sign_up_then_sign_in_looks_the_same_for_a_client_and_a_new_person(kiosk, drive, qtbot):
    """Once "We could not find you" after signing up gave away that Zoe was already a client;
    now a client's details and a new person's show the same screens, words and pause."""
    client_born, new_born = date(1988, 3, 4), date(1988, 3, 5)
    zoe = kiosk.services.profiles.create("Zoe", client_born, "1357", "en")
    d = drive(kiosk)
    as_client = _what_a_stranger_sees(kiosk, d, qtbot, client_born)
    kiosk.reset()
    as_new = _what_a_stranger_sees(kiosk, d, qtbot, new_born)
    assert as_client == as_new
    sign_up, sign_in, problems = as_client
    assert sign_up[0] == "intro" and sign_in[0] in ("intro", "resume")
    assert len(problems) == MAX_FAILURES and "paused" in problems[-1]
    # The client's own profile was not touched; a peer worker sees the possible duplicate.
    assert kiosk.services.profiles.get(zoe.id).first_name == "Zoe"
