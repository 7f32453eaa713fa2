"""Reading aloud stops as soon as the person moves on: a new screen, or the "still there?"
warning. (tests/integration/test_speech.py proves the same through the real speech engine.)"""

from __future__ import annotations

from decisionaid.ui.testing import KioskDriver, wait_for


class Reading:
    """Whether the kiosk's recording speaker would still be reading: something was said since
    the last ``stop``, as a real engine reading a long text."""

    def __init__(self, speaker):
        self.speaker = speaker
        self.said_at_stop = 0
        speaker.stop = self._stop  # the window and every screen share this one speaker

    def _stop(self) -> None:
        self.said_at_stop = len(self.speaker.said)

    def __bool__(self) -> bool:
        return len(self.speaker.said) > self.said_at_stop


def test_a_new_screen_stops_the_reading(kiosk, qtbot):
    reading = Reading(kiosk.speaker)
    d = KioskDriver(kiosk, lambda c: wait_for(qtbot, c))
    d.tap("read_aloud")
    assert reading
    d.tap_and_wait("first_time", "first_time")
    assert not reading
    d.tap_and_wait("guest", "intro")
    d.tap("read_aloud")
    assert reading
    d.tap_and_wait("next", "item:scale")
    assert not reading


def test_the_still_there_warning_stops_the_reading(make_kiosk, config, qtbot, fake_time):
    window = make_kiosk(config)
    reading = Reading(window.speaker)
    d = KioskDriver(window, lambda c: wait_for(qtbot, c))
    d.guest()
    d.tap("read_aloud")
    assert reading
    fake_time.advance(window.times.idle_ms / 1000)
    assert window.overlay is not None
    assert not reading
