"""Help, one tap away: "I'd like help" in the top bar on every screen of a visit, "I want to talk
to someone now" on the safety screen; each stores a request for the peer station (audit-logged)
and tells the person, calmly, that a peer worker is coming."""

from __future__ import annotations

from PySide6.QtCore import Qt

from decisionaid.services import audit
from decisionaid.services.help import HelpRequests
from decisionaid.ui.common.operations import wait_for_background
from decisionaid.ui.common.strings import t
from decisionaid.ui.testing import wait_for


def open_requests(kiosk):
    db = kiosk.services.visits.db
    return HelpRequests(db).open_requests()


def card_text(kiosk) -> str:
    card = kiosk.help.card
    return "" if card is None or not card.isVisible() else card.spoken_text()


def test_help_is_in_the_top_bar_on_every_screen_of_a_visit(kiosk, drive):
    d = drive(kiosk)
    assert not d.has("help")  # the welcome screen says a peer worker is nearby
    seen = []

    def check() -> None:
        assert d.has("help"), f"no help on the {kiosk.screen_name} screen"
        seen.append(kiosk.screen_name.split(":")[0])

    d.tap_and_wait("first_time", "first_time")
    check()
    d.tap_and_wait("guest", "intro")
    d.tap_and_wait("next")  # Feeling sad or down
    for option in ("option_1", "option_3"):
        check()
        d.tap(option)
        d.tap_and_wait("next")
    d.type("I wake at four")
    d.tap_and_wait("next", "item:yesno")
    d.tap("option_True")
    d.tap_and_wait("next", "item:choice")
    d.tap("option_1")
    d.tap_and_wait("next", "safety")
    check()
    d.tap_and_wait("next", "intro")
    check()
    for _ in range(20):
        if kiosk.screen_name == "review":
            break
        check()
        d.tap_and_wait("next" if kiosk.screen_name == "intro" else "skip")
    check()
    d.tap_and_wait("next", "print")
    check()
    assert not d.has("ask_peer")  # one help button to a screen: the top bar's
    d.tap_and_wait("finish", "done")
    check()
    assert {"first_time", "intro", "item", "safety", "review", "print", "done"} <= set(seen)


def test_asking_for_help_reaches_the_database_and_says_a_peer_is_coming(kiosk, drive, qtbot):
    d = drive(kiosk)
    d.guest()
    d.tap_and_wait("next", "item:scale")
    assert open_requests(kiosk) == []
    d.tap("help")
    wait_for(qtbot, lambda: kiosk.help.card is not None)
    assert t("help_coming_title", "en") in card_text(kiosk)
    [request] = open_requests(kiosk)
    assert (request.kind, request.screen, request.visit_id, request.first_name) == (
        "help", "item:scale", kiosk.visit.id, None)
    [event] = audit.events(kiosk.services.visits.db, action=audit.HELP_REQUESTED)
    assert event.visit_id == kiosk.visit.id and event.actor == "kiosk"
    # The card is read from the top bar's Read to me, in the chosen language.
    d.tap("lang_es")
    assert t("help_coming_title", "es") in card_text(kiosk)
    read = kiosk.top_bar.read_button  # the question's own is under the card
    assert read.isVisibleTo(kiosk)
    qtbot.mouseClick(read, Qt.MouseButton.LeftButton)
    text, language = kiosk.speaker.said[-1]
    assert language == "es" and text.startswith(t("help_coming_title", "es"))
    # Calm and dismissable: OK, and the question is there as it was.
    qtbot.mouseClick(kiosk.help.card.ok, Qt.MouseButton.LeftButton)
    assert kiosk.help.card is None and kiosk.screen_name == "item:scale"
    assert not read.isVisibleTo(kiosk)  # the question's own Read to me is in sight again
    d.tap("option_2")
    assert d.find("next").isEnabled()


def test_talk_to_someone_now_on_the_safety_screen(kiosk, drive, qtbot):
    d = drive(kiosk)
    d.guest()
    d.tap_and_wait("next")
    d.tap("option_1")
    d.tap_and_wait("next")
    d.tap("option_3")
    d.tap_and_wait("next", "item:text")
    while kiosk.screen_name != "item:choice":  # Thoughts of hurting myself
        d.tap_and_wait("skip")
    d.tap("option_1")
    d.tap_and_wait("next", "safety")
    talk = d.find("talk_now")
    assert talk.text() == "I want to talk to someone now"
    d.tap("talk_now")
    wait_for(qtbot, lambda: kiosk.help.card is not None)
    assert t("talk_coming_body", "en") in card_text(kiosk)
    [request] = open_requests(kiosk)
    assert (request.kind, request.screen, request.visit_id) == ("talk-now", "safety", kiosk.visit.id)
    # The next person never sees it: a reset clears the card.
    kiosk.reset()
    assert kiosk.help.card is None
    wait_for_background()


def test_a_request_that_cannot_be_stored_says_to_wave_and_is_kept(kiosk, drive, qtbot, monkeypatch):
    d = drive(kiosk)
    d.guest()

    def broken(**_kw):
        raise OSError("database gone")

    monkeypatch.setattr(kiosk.services.help, "ask", broken)
    d.tap("help")
    wait_for(qtbot, lambda: kiosk.help.card is not None)
    assert card_text(kiosk) == f"{t('help_wave_title', 'en')}. {t('help_wave_body', 'en')} OK."
    assert [c.kind for c in kiosk.services.outbox.pending()] == ["help"]  # sent when it can be


def test_once_up_the_kiosk_makes_the_kept_calls_key_off_the_screens_thread(make_kiosk, config, qtbot,
                                                                            monkeypatch):
    """The first press of help never waits for the key that seals calls kept on disk: it is
    made once the welcome screen is up, in the background."""
    import threading

    from decisionaid.services.help_outbox import HelpOutbox

    made_in = []
    monkeypatch.setattr(HelpOutbox, "prepare", lambda self: made_in.append(threading.current_thread()))
    kiosk = make_kiosk(config)
    assert kiosk.services.outbox is not None
    wait_for(qtbot, lambda: bool(made_in))
    assert made_in[0] is not threading.main_thread()
