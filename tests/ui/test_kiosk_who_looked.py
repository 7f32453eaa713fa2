""""Who has looked at my answers" at the kiosk: after signing in, the person sees who at the
clinic (name and role) looked at what, and when, in their language, read aloud, on a screen
that fits 1024×768 at the largest text; their own looking is recorded too."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractButton

from decisionaid.services import audit, staff
from decisionaid.services.peer_queries import PeerQueries
from decisionaid.services.pins import PinHasher
from decisionaid.ui.common.fit import problems
from decisionaid.ui.common.theme import MIN_TARGET_PX, Theme, screen_scale
from decisionaid.ui.testing import wait_for

BORN = date(1980, 6, 1)


def _looked_at_by_a_peer(kiosk, rosa_id: int) -> None:
    db = kiosk.services.profiles.db
    maria = staff.add(db, "Maria", "peer", "4321", hasher=PinHasher.fast())
    queries = PeerQueries(db, kiosk.content)
    queries.profile(rosa_id, by=maria)
    queries.visits_of(rosa_id, by=maria)
    queries.own_words(rosa_id, by=maria)


def _open_who_looked(kiosk, d, qtbot):
    d.sign_in("Rosa", BORN, "1234")
    wait_for(qtbot, lambda: kiosk.screen_name == "intro")
    d.tap_and_wait("who_looked", "who_looked")
    screen = kiosk.screen
    wait_for(qtbot, lambda: screen.events is not None)
    return screen


def test_a_person_sees_who_looked_at_their_answers_in_their_language_read_aloud(
        make_kiosk, config, drive, qtbot):
    kiosk = make_kiosk(config)
    rosa = kiosk.services.profiles.create("Rosa", BORN, "1234", "en")
    _looked_at_by_a_peer(kiosk, rosa.id)
    d = drive(kiosk)
    screen = _open_who_looked(kiosk, d, qtbot)
    lines = [line.text() for line in screen.lines]
    assert any("Maria (peer worker) opened your page" in line for line in lines)
    assert any("Maria (peer worker) read your own words" in line for line in lines)
    d.tap("read_aloud")
    # The whole list is read once it is on the screen (the screen's own reading at opening may
    # have come before the list arrived).
    wait_for(qtbot, lambda: "Maria (peer worker) looked at your list of visits"
             in kiosk.speaker.said[-1][0])
    assert kiosk.speaker.said[-1][1] == "en"
    kiosk.set_language("es")
    assert any("Maria (persona de apoyo) abrió tu página" in line.text() for line in screen.lines)
    # Her own looking is recorded, and Back returns to where her visit is.
    assert audit.events(kiosk.services.profiles.db, action=audit.OWN_LOOK)[0].service_user_id \
        == rosa.id
    d.tap_and_wait("back", "intro")


def test_no_one_has_looked_yet_says_so_and_a_guest_is_not_offered_the_list(
        make_kiosk, config, drive, qtbot):
    kiosk = make_kiosk(config)
    kiosk.services.profiles.create("Rosa", BORN, "1234", "en")
    d = drive(kiosk)
    screen = _open_who_looked(kiosk, d, qtbot)
    assert screen.empty.isVisible() and screen.lines == []
    kiosk.reset()
    d.guest()
    wait_for(qtbot, lambda: kiosk.screen_name == "intro")
    assert not kiosk.screen.who_looked_button.isVisible()


def test_the_list_fits_1024_by_768_at_the_largest_text_in_spanish(make_kiosk, config, drive,
                                                                   qtbot):
    theme = Theme(text_size="largest", scale=screen_scale(768, 1024))
    kiosk = make_kiosk(config, theme=theme)
    kiosk.setFixedSize(1024, 768)
    rosa = kiosk.services.profiles.create("Rosa", BORN, "1234", "es")
    _looked_at_by_a_peer(kiosk, rosa.id)
    kiosk.set_language("es")
    d = drive(kiosk)
    _open_who_looked(kiosk, d, qtbot)
    for _ in range(3):  # a change of size travels up the layouts one posted event at a time
        QCoreApplication.processEvents()
    assert problems(kiosk) == []
    small = [b.objectName() for b in kiosk.findChildren(QAbstractButton)
             if b.isVisibleTo(kiosk) and min(b.width(), b.height()) < MIN_TARGET_PX]
    assert small == []
