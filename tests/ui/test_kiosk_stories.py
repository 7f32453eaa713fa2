"""Peer stories inside a kiosk visit: one player for the whole kiosk, every way out of a story
records the view once and stops the video, and the idle timeout waits while a story plays."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from decisionaid.ui.kiosk.idle import KioskTimes
from decisionaid.ui.kiosk.vignette_screen import VignetteScreen
from decisionaid.ui.testing import wait_for

TIMES = KioskTimes()
QUIET_S = TIMES.idle_ms / 1000  # then the warning counts down TIMES.warning_s


def open_story(kiosk, d) -> VignetteScreen:
    """From the welcome screen to the suggested side-effects story, tapping its card."""
    d.guest()
    d.tap_and_wait("next")
    d.tap_and_wait("skip")
    d.tap_and_wait("skip")
    d.tap_and_wait("skip")
    d.tap_and_wait("next", "item:multi")
    d.tap("option_weight")  # suggests "side-story"
    d.tap_and_wait("next")
    while kiosk.screen_name != "stories":
        d.tap_and_wait("skip")
    return open_card(kiosk, d, "side-story")


def watch(d, screen: VignetteScreen, seconds: float) -> None:
    """Tap Play and let the video run to ``seconds``."""
    d.tap("playPauseButton")
    screen.player.play_to(seconds)


def views(kiosk, visit_id: int):
    return kiosk.services.visits.load(visit_id).views


def test_done_records_the_view_once_and_returns_to_the_offer(kiosk, drive):
    """Done stops the video, stores what was watched once, and brings the stories back."""
    d = drive(kiosk)
    screen = open_story(kiosk, d)
    visit_id = kiosk.visit.id
    watch(d, screen, 12.0)
    d.tap("doneButton")
    assert kiosk.screen_name == "stories"
    assert not screen.player.is_playing
    [view] = views(kiosk, visit_id)
    assert view.vignette_id == "side-story" and 11 <= view.seconds_watched <= 12.5


def test_every_story_uses_the_kiosks_one_player(kiosk, drive):
    """The story opened again (and in the next visit) plays on the same player as the first."""
    d = drive(kiosk)
    first = open_story(kiosk, d)
    d.tap("doneButton")
    card = kiosk.screen.findChildren(QWidget, "storyCard")[0]
    QTest.mouseClick(card, Qt.MouseButton.LeftButton)
    d.wait_until(lambda: kiosk.screen_name == "vignette")
    assert kiosk.screen is not first and kiosk.screen.player is first.player
    kiosk.reset()
    assert open_story(kiosk, d).player is first.player


def test_walking_away_from_a_paused_story_still_clears_the_kiosk_and_keeps_the_view(
        make_kiosk, config, drive, qtbot, fake_time):
    """A paused story does not hold the kiosk open: the warning comes, the kiosk resets, the
    video is stopped and the view is stored for the visit."""
    kiosk = make_kiosk(config)
    d = drive(kiosk)
    screen = open_story(kiosk, d)
    visit_id = kiosk.visit.id
    watch(d, screen, 5.0)
    d.tap("playPauseButton")  # pause
    fake_time.advance(QUIET_S)
    assert kiosk.overlay is not None
    fake_time.advance(TIMES.warning_s)
    assert kiosk.screen_name == "welcome"
    assert not screen.player.is_playing
    assert [v.vignette_id for v in views(kiosk, visit_id)] == ["side-story"]


def test_no_idle_warning_while_a_story_plays(make_kiosk, config, drive, qtbot, fake_time, stall):
    """Watching without touching is not walking away: while the video plays the warning never
    comes, however slow the machine is to start it; once it ends, it does."""
    kiosk = make_kiosk(config)
    d = drive(kiosk)
    screen = open_story(kiosk, d)
    stall(0.35)  # a busy machine between the story opening and Play
    d.tap("playPauseButton")
    rounds = []
    kiosk.idle.warn.connect(lambda: rounds.append(kiosk.overlay))
    for spell in range(1, 4):  # the quiet spell passes three times
        fake_time.advance(QUIET_S)
        assert len(rounds) == spell
        assert kiosk.overlay is None and kiosk.screen is screen
    screen.player.play_to_end()
    fake_time.advance(QUIET_S)
    assert kiosk.overlay is not None
    fake_time.advance(TIMES.warning_s)
    assert kiosk.screen_name == "welcome"


def test_the_staff_corner_during_a_story_stops_it_and_keeps_the_view(make_kiosk, config, drive, qtbot):
    """Opening the staff menu from a story stops the video and stores the view once."""
    kiosk = make_kiosk(config)
    d = drive(kiosk)
    screen = open_story(kiosk, d)
    visit_id = kiosk.visit.id
    watch(d, screen, 3.0)
    kiosk.top_bar.corner.held.emit()
    assert kiosk.screen_name == "staff"
    assert not screen.player.is_playing
    assert len(views(kiosk, visit_id)) == 1


def test_changing_language_during_a_story_keeps_it_playing_in_the_new_words(kiosk, drive):
    """A new language re-words the story on show (its captions too) without stopping the video
    or leaving it; the view is stored once, when the person leaves the story."""
    d = drive(kiosk)
    screen = open_story(kiosk, d)
    visit_id = kiosk.visit.id
    watch(d, screen, 2.0)
    assert screen.player.is_playing
    d.tap("lang_es")
    assert kiosk.screen is screen and kiosk.language == "es"
    assert screen.player.is_playing
    assert d.find("doneButton").text() == "Listo"
    assert d.find("volumeDownButton").text() == "Bajar volumen"
    assert views(kiosk, visit_id) == []
    d.tap_and_wait("doneButton")
    assert len(views(kiosk, visit_id)) == 1


def test_the_kiosk_closes_visits_left_unfinished_on_earlier_days(make_kiosk, config, qtbot):
    """A visit someone walked away from yesterday is marked incomplete once the kiosk starts,
    so nobody can carry on with it today."""
    from datetime import timedelta

    from decisionaid.app import open_app
    from decisionaid.services.clock import utc_now

    with open_app(config, clock=lambda: utc_now() - timedelta(days=1)) as yesterday:
        left = yesterday.visits.start(None, language="en")
    kiosk = make_kiosk(config)
    wait_for(qtbot, lambda: kiosk.services.visits.load(left.id).state == "incomplete")


def open_card(kiosk, d, vignette_id: str) -> VignetteScreen:
    card = next(c for c in kiosk.screen.findChildren(QWidget, "storyCard") if c.vignette_id == vignette_id)
    before = kiosk.screen
    QTest.mouseClick(card, Qt.MouseButton.LeftButton)
    d.wait_until(lambda: kiosk.screen is not before)
    assert kiosk.screen_name == "vignette"
    return kiosk.screen


def test_the_stories_library_opens_from_the_welcome_screen_and_leads_back_there(kiosk, drive):
    """Anyone can watch a peer story before signing in; the way out is back to the welcome."""
    d = drive(kiosk)
    d.tap_and_wait("welcome_stories", "library")
    story = open_card(kiosk, d, "side-story")
    watch(d, story, 2.0)
    d.tap_and_wait("doneButton", "library")
    d.tap_and_wait("next", "welcome")


def test_the_top_bar_opens_the_library_mid_visit_and_returns_to_the_same_question(kiosk, drive):
    """From a question, "Stories from peers" shows the library with the story the answers
    suggest; the view is stored for the visit; the way out is the question the person was on."""
    d = drive(kiosk)
    d.guest()
    d.tap_and_wait("next")
    assert not d.has("welcome_stories")
    d.tap_and_wait("skip")
    question = kiosk.visit.current.ref
    d.tap_and_wait("top_stories", "library")
    assert not d.has("top_stories")  # no library on top of the library
    story = open_card(kiosk, d, "side-story")
    watch(d, story, 1.5)
    d.tap_and_wait("doneButton", "library")
    d.tap_and_wait("next")
    assert kiosk.visit.current.ref == question and kiosk.screen_name.startswith("item")
    [view] = views(kiosk, kiosk.visit.id)
    assert view.vignette_id == "side-story"


def test_no_library_button_once_the_visit_is_finished(kiosk, drive):
    """After the visit, the top bar offers nothing that leads back into it."""
    d = drive(kiosk)
    d.guest()
    while kiosk.screen_name != "review":
        d.tap_and_wait("skip" if d.has("skip") else "next")
    assert d.has("top_stories")
    d.tap_and_wait("next")
    assert kiosk.screen_name == "print" and not d.has("top_stories")
