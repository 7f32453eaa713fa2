"""The player facade: the fake stands in for the real one everywhere a screen uses it."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import inspect

from decisionaid.ui.common.player import MediaPlayer
from decisionaid.ui.testing import FakeMediaPlayer, wait_for


def public_members(cls) -> dict[str, str]:
    members = {}
    for name, value in inspect.getmembers(cls):
        if name.startswith("_") or name in dir(MediaPlayer.__mro__[1]):
            continue
        members[name] = type(value).__name__
    return members


def test_the_fake_player_offers_everything_the_real_one_does():
    """Every signal, method and property of MediaPlayer exists on FakeMediaPlayer, of the same kind."""
    real, fake = public_members(MediaPlayer), public_members(FakeMediaPlayer)
    missing = {name: kind for name, kind in real.items() if fake.get(name) != kind}
    assert not missing


def test_the_real_player_fails_calmly_on_a_missing_file(qtbot, tmp_path):
    """Loading a file that is not there reports failed with a reason, and playing does nothing."""
    player = MediaPlayer()
    with wait_for(qtbot, player.failed) as failed:
        player.load(tmp_path / "nothing.mp4")
    assert "missing" in failed.args[0] or "backend" in failed.args[0]
    player.play()
    assert not player.is_playing


def test_volume_is_kept_between_zero_and_one(qtbot):
    """Volume steps past either end stop at silent or full."""
    player = MediaPlayer()
    player.set_volume(1.4)
    assert player.volume == 1.0
    player.set_volume(-0.2)
    assert player.volume == 0.0
