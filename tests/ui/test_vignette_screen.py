"""The vignette screen, driven through a fake player: what a user sees and what the visit records."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from dataclasses import replace
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from decisionaid.content.loader import load_content
from decisionaid.ui.common.player import MediaPlayer
from decisionaid.ui.kiosk.vignette_screen import VignetteScreen
from decisionaid.ui.testing import FakeMediaPlayer, RecordingSpeaker, wait_for

MINI = Path(__file__).resolve().parents[1] / "data" / "mini"


@pytest.fixture(scope="module")
def vignette():
    return load_content(MINI, ["en", "es"]).vignettes["side-story"]


@pytest.fixture
def player():
    return FakeMediaPlayer(duration=3.0)


@pytest.fixture
def open_screen(qtbot, player, vignette):
    def make(language="en", speaker=None, the_player=None, the_vignette=None):
        screen = VignetteScreen(
            the_player or player, the_vignette or vignette, language, speaker or RecordingSpeaker()
        )
        qtbot.addWidget(screen)
        screen.resize(1280, 800)
        screen.show()
        qtbot.waitExposed(screen)
        return screen

    return make


def button(screen, name: str) -> QPushButton:
    found = screen.findChild(QPushButton, name)
    assert found is not None, name
    return found


def tap(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_captions_follow_the_video_in_the_users_language(qtbot, open_screen, player):
    """The caption over the picture is the cue at the playhead, in the user's language."""
    screen = open_screen("es")
    tap(qtbot, button(screen, "playPauseButton"))
    player.play_to(0.5)
    assert screen.caption_text() == "Tenía sueño todo el tiempo."
    player.play_to(2.0)
    assert screen.caption_text() == "Así que se lo dije a mi médico."
    player.play_to_end()
    assert screen.caption_text() == ""


def test_captions_can_be_turned_off_and_on_again(qtbot, open_screen, player):
    """Captions are on at first; the captions button hides them and shows them again."""
    screen = open_screen()
    captions = button(screen, "captionsButton")
    assert "on" in captions.text()
    tap(qtbot, button(screen, "playPauseButton"))
    player.play_to(0.5)
    assert screen.caption_text() == "I felt sleepy all the time."
    tap(qtbot, captions)
    assert screen.caption_text() == ""
    assert "off" in captions.text()
    player.play_to(2.0)
    assert screen.caption_text() == ""
    tap(qtbot, captions)
    assert screen.caption_text() == "So I told my prescriber."


def test_play_button_says_what_it_will_do(qtbot, open_screen, player):
    """The big button reads Play, then Pause while playing, then Watch again at the end."""
    screen = open_screen()
    play = button(screen, "playPauseButton")
    assert "Play" in play.text()
    tap(qtbot, play)
    assert player.is_playing and "Pause" in play.text()
    tap(qtbot, play)
    assert not player.is_playing and "Play" in play.text()
    tap(qtbot, play)
    player.play_to_end()
    assert "Watch again" in play.text()
    tap(qtbot, play)
    assert player.is_playing and player.position == 0.0


def test_a_tap_on_the_picture_plays_and_pauses(qtbot, open_screen, player):
    """Tapping the video itself starts and pauses it, as people expect from a phone."""
    screen = open_screen()
    view = screen.findChild(object, "vignetteVideo")
    tap(qtbot, view.viewport())
    assert player.is_playing
    tap(qtbot, view.viewport())
    assert not player.is_playing


def test_back_and_ahead_move_ten_seconds(qtbot, open_screen, vignette):
    """Back 10 s and Ahead 10 s move the playhead, never before the start or past the end."""
    long_player = FakeMediaPlayer(duration=60.0)
    screen = open_screen(the_player=long_player)
    tap(qtbot, button(screen, "playPauseButton"))
    long_player.play_to(25.0)
    tap(qtbot, button(screen, "backButton"))
    assert long_player.position == pytest.approx(15.0)
    tap(qtbot, button(screen, "forwardButton"))
    tap(qtbot, button(screen, "forwardButton"))
    assert long_player.position == pytest.approx(35.0)
    for _ in range(5):
        tap(qtbot, button(screen, "forwardButton"))
    assert long_player.position < 60.0
    for _ in range(8):
        tap(qtbot, button(screen, "backButton"))
    assert long_player.position == 0.0


def test_volume_buttons_change_the_sound(qtbot, open_screen, player):
    """Quieter and Louder change the volume; Louder is greyed out at full volume."""
    player.set_volume(1.0)
    screen = open_screen()
    louder, quieter = button(screen, "volumeUpButton"), button(screen, "volumeDownButton")
    assert not louder.isEnabled()
    tap(qtbot, quieter)
    tap(qtbot, quieter)
    assert player.volume == pytest.approx(0.6)
    assert louder.isEnabled()
    tap(qtbot, louder)
    assert player.volume == pytest.approx(0.8)


def test_when_the_video_cannot_play_the_story_is_shown_in_words(qtbot, open_screen, player, vignette):
    """A player failure shows a calm message and the transcript, not an empty black box."""
    player.fail_on_load = "no codec"
    screen = open_screen("en")
    assert screen.showing_transcript
    notice = screen.findChild(object, "cannotPlayNotice")
    assert notice.isVisible()
    assert "can't play" in notice.text() and "That's okay" in notice.text()
    assert "error" not in notice.text().lower()
    transcript = screen.findChild(object, "transcriptText").text()
    assert "I told my prescriber" in transcript
    assert not button(screen, "watchButton").isVisible()


def test_a_failure_while_playing_also_switches_to_the_words(qtbot, open_screen, player):
    """If playback breaks halfway, the user is shown the words in their language."""
    screen = open_screen("es")
    tap(qtbot, button(screen, "playPauseButton"))
    player.play_to(1.0)
    player.fail("decoder stopped")
    assert screen.showing_transcript
    assert "No pasa nada" in screen.findChild(object, "cannotPlayNotice").text()
    assert "Así que se lo dije" in screen.findChild(object, "transcriptText").text()


def test_a_missing_video_file_falls_back_to_the_words_with_the_real_player(qtbot, open_screen, vignette, tmp_path):
    """The real player, given a video that is not there, leads to the transcript, not a crash."""
    broken = replace(vignette, video=str(tmp_path / "gone.mp4"))
    screen = open_screen(the_player=MediaPlayer(), the_vignette=broken)
    wait_for(qtbot, lambda: screen.showing_transcript)
    assert screen.findChild(object, "cannotPlayNotice").isVisible()


def test_read_it_instead_shows_the_words_and_reads_them_aloud(qtbot, open_screen, player):
    """Read it instead pauses the video and shows the transcript; Read it to me reads it."""
    speaker = RecordingSpeaker()
    screen = open_screen("es", speaker=speaker)
    tap(qtbot, button(screen, "playPauseButton"))
    tap(qtbot, button(screen, "readInsteadButton"))
    assert screen.showing_transcript and not player.is_playing
    read = button(screen, "readAloudButton")
    tap(qtbot, read)
    assert len(speaker.said) == 1
    text, language = speaker.said[0]
    assert language == "es" and "Tenía sueño todo el tiempo" in text
    assert read.text() == "Dejar de leer"
    tap(qtbot, button(screen, "watchButton"))
    assert not screen.showing_transcript


def test_read_aloud_says_so_when_the_kiosk_has_no_voice(qtbot, open_screen):
    """Without a speech engine the button is greyed out and says why, instead of doing nothing."""
    screen = open_screen("en", speaker=RecordingSpeaker(available=False))
    tap(qtbot, button(screen, "readInsteadButton"))
    read = button(screen, "readAloudButton")
    assert not read.isEnabled()
    assert "isn't available" in read.text()


def test_seconds_watched_counts_only_what_was_played(qtbot, open_screen, player):
    """Closing reports the seconds really played: replaying adds, skipping ahead does not."""
    long_player = FakeMediaPlayer(duration=60.0)
    screen = open_screen(the_player=long_player)
    tap(qtbot, button(screen, "playPauseButton"))
    long_player.play_to(4.0)
    tap(qtbot, button(screen, "forwardButton"))  # 4 -> 14, not watched
    long_player.play_to(16.0)
    tap(qtbot, button(screen, "replayButton"))  # back to 0: seen again, counted again
    long_player.play_to(3.0)
    with wait_for(qtbot, screen.closed) as closed:
        tap(qtbot, button(screen, "doneButton"))
    seconds, finished = closed.args
    assert seconds == pytest.approx(4.0 + 2.0 + 3.0)
    assert finished is False
    assert not long_player.is_playing


def test_closing_after_the_end_reports_finished(qtbot, open_screen, player):
    """A video watched to its end is reported as finished, with its full length."""
    screen = open_screen()
    tap(qtbot, button(screen, "playPauseButton"))
    player.play_to_end()
    with wait_for(qtbot, screen.closed) as closed:
        tap(qtbot, button(screen, "doneButton"))
    assert closed.args == [pytest.approx(3.0), True]


def test_closed_is_reported_once_and_the_screen_then_ignores_the_player(qtbot, open_screen, player):
    """A timeout closing the screen after Done does not record the view twice."""
    screen = open_screen()
    tap(qtbot, button(screen, "playPauseButton"))
    player.play_to(1.0)
    reports = []
    screen.closed.connect(lambda s, f: reports.append((s, f)))
    tap(qtbot, button(screen, "doneButton"))
    screen.close_screen()
    player.play()
    player.play_to_end()
    assert reports == [(pytest.approx(1.0), False)]


def test_the_player_can_be_used_again_after_a_screen_is_gone(qtbot, open_screen, player, vignette):
    """One kiosk player serves one screen after another, even if a screen is deleted unclosed."""
    first = open_screen()
    first.close_screen()
    second = VignetteScreen(player, vignette, "en", RecordingSpeaker())
    second.show()
    shiboken6.delete(second)  # as if the kiosk dropped it without closing it
    third = open_screen()
    tap(qtbot, button(third, "playPauseButton"))
    player.play_to(0.5)
    assert third.caption_text() == "I felt sleepy all the time."


def test_the_peer_and_the_sample_label_are_shown(qtbot, open_screen):
    """The screen says whose story it is and that it is a sample video, in Spanish too."""
    screen = open_screen("es")
    assert screen.findChild(object, "vignettePeer").text() == "Sam (video de prueba)"
    sample = screen.findChild(object, "sampleBadge")
    assert sample.isVisible() and sample.text() == "Video de muestra"
    assert button(screen, "doneButton").text() == "Listo"


def test_every_control_is_big_enough_to_touch(qtbot, open_screen):
    """Every button on both views is at least 48 by 48 pixels."""
    screen = open_screen()
    for name in ("playPauseButton", "replayButton", "backButton", "forwardButton", "captionsButton",
                 "readInsteadButton", "volumeDownButton", "volumeUpButton", "doneButton"):
        b = button(screen, name)
        assert b.width() >= 48 and b.height() >= 48, name
    tap(qtbot, button(screen, "readInsteadButton"))
    for name in ("readAloudButton", "watchButton", "doneButton"):
        b = button(screen, name)
        assert b.width() >= 48 and b.height() >= 48, name
