"""Vignettes play through the real Qt Multimedia backend, offscreen, to the end of the video.

Qt's FFmpeg backend (the one PySide6 wheels ship) needs no sound card: with no audio device it
plays the picture on the system clock and still reaches the end. The tests set the volume to
zero anyway, so a developer's speakers stay quiet. Without a media backend these tests fail under
``CI=true`` and are skipped, with the reason, elsewhere.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_MEDIA_BACKEND", "ffmpeg")

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from decisionaid.content.loader import load_content
from decisionaid.ui.common.player import MediaPlayer, media_backend_available
from decisionaid.ui.kiosk.vignette_screen import VignetteScreen
from decisionaid.ui.testing import RecordingSpeaker, wait_for

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini"


@pytest.fixture
def player(qapp):
    if not media_backend_available():
        reason = "Qt Multimedia has no media backend here (the FFmpeg plugin of PySide6 is missing)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    player = MediaPlayer()
    player.set_volume(0.0)
    yield player
    player.stop()


def shipped_ids() -> list[str]:
    """The shipped vignettes' folder names (the test vignette's until samples are shipped)."""
    ids = sorted(p.parent.name for p in (ROOT / "vignettes").glob("*/vignette.yaml"))
    return ids or ["side-story"]


def load_vignette(vignette_id: str):
    root = ROOT if (ROOT / "vignettes" / vignette_id).is_dir() else MINI
    return load_content(root, ["en", "es"]).vignettes[vignette_id]


def test_a_vignette_plays_to_its_end_with_captions_and_is_reported_watched(qtbot, player):
    """A whole (short) vignette plays in real time; captions change with it; closing reports it."""
    vignette = load_content(MINI, ["en", "es"]).vignettes["side-story"]
    screen = VignetteScreen(player, vignette, "en", RecordingSpeaker())
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.show()
    captions_seen: list[str] = []
    player.position_changed.connect(lambda _s: captions_seen.append(screen.caption_text()))
    with wait_for(qtbot, player.frame_shown):
        qtbot.mouseClick(screen.findChild(object, "playPauseButton"), Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: screen.finished)
    assert "I felt sleepy all the time." in captions_seen
    assert "So I told my prescriber." in captions_seen
    with wait_for(qtbot, screen.closed) as closed:
        qtbot.mouseClick(screen.findChild(object, "doneButton"), Qt.MouseButton.LeftButton)
    seconds, finished = closed.args
    assert finished is True
    assert seconds == pytest.approx(vignette.duration_s, abs=0.6)


@pytest.mark.parametrize("vignette_id", shipped_ids())
def test_every_shipped_vignette_decodes_and_reaches_the_end(qtbot, player, vignette_id):
    """Each shipped video shows pictures from its start and plays through its last seconds."""
    vignette = load_vignette(vignette_id)
    with wait_for(qtbot, player.frame_shown):
        player.load(vignette.video)
        player.play()
    wait_for(qtbot, lambda: player.duration > 0)
    assert player.duration == pytest.approx(vignette.duration_s, abs=1.0)
    failures: list[str] = []
    player.failed.connect(lambda r: failures.append(r))
    with wait_for(qtbot, player.finished):
        player.seek(player.duration - 2.0)
    assert failures == []
    assert player.position == pytest.approx(player.duration, abs=0.3)


def test_quick_taps_take_effect_in_the_order_given(qtbot, player):
    """Play, pause and a jump, tapped faster than the player can act: it ends paused at the
    jump. (Commands go to Qt's player through its event loop, never straight from Python,
    which could freeze the kiosk; see ``MediaPlayer``.)"""
    vignette = load_content(MINI, ["en", "es"]).vignettes["side-story"]
    player.load(vignette.video)
    with wait_for(qtbot, player.frame_shown):
        player.play()
    player.pause()
    player.seek(2.0)
    player.play()
    player.pause()
    wait_for(qtbot, lambda: not player.is_playing and abs(player.position - 2.0) < 0.3)
    playing: list[bool] = []
    player.playing_changed.connect(playing.append)
    with wait_for(qtbot, player.playing_changed):
        player.play()
    assert playing == [True]
    player.stop()
    wait_for(qtbot, lambda: not player.is_playing)


def test_two_quick_jumps_add_up(qtbot, player):
    """Tapping "forward 10 seconds" twice in a row moves twenty seconds, not ten."""
    player.load(load_vignette(shipped_ids()[0]).video)
    wait_for(qtbot, lambda: player.duration > 25)
    player.seek(player.position + 10)
    player.seek(player.position + 10)
    wait_for(qtbot, lambda: abs(player.position - 20) < 0.5)
