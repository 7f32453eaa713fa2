"""The doctor's lines where staff look: the kiosk's staff menu and the peer station's Admin tab.
Both show the same checks as 'decisionaid doctor', the Qt ones (speech, video, screen) included."""

from __future__ import annotations

import wave

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from decisionaid.ui.testing import TimeFliesWhenWaiting, wait_for

NAMES = ("configuration:", "content:", "database:", "schema:", "permissions:", "disk:",
         "printer:", "backup:", "speech:", "media:", "screen:")


def test_the_staff_menu_checks_this_machine(make_kiosk, config, drive, qtbot, fake_time):
    kiosk = make_kiosk(config)
    d = drive(kiosk)
    corner = kiosk.top_bar.corner
    QTest.mousePress(corner, Qt.MouseButton.LeftButton)
    fake_time.advance(kiosk.times.staff_hold_ms / 1000)
    assert kiosk.screen_name == "staff"
    QTest.mouseRelease(corner, Qt.MouseButton.LeftButton)
    screen = kiosk.screen
    d.enter_name("Pat")
    d.digits("2468")
    d.tap("key_ok")
    wait_for(qtbot, lambda: screen.step == "menu")
    d.tap("check_machine")
    assert screen.step == "checks" and screen.checks.text() == "Checking…"
    wait_for(qtbot, lambda: "screen:" in screen.checks.text())
    lines = screen.checks.text().splitlines()
    for name in NAMES:
        assert any(name in line for line in lines), (name, lines)
    assert any(line.startswith("ok    database:") for line in lines), lines
    # Offscreen there is no screen to measure: it says so, and what to do.
    assert any(line.startswith("FAIL  screen:") and "; " in line for line in lines), lines


def test_the_admin_tab_checks_this_machine(fake_time, qtbot, database, visit_content, fast_pins, clock):
    from decisionaid.app import open_app
    from decisionaid.config import Config
    from decisionaid.services import staff
    from decisionaid.ui.common.operations import wait_for_background
    from decisionaid.ui.station.services import station_services
    from decisionaid.ui.station.station import PeerStation

    app = open_app(Config(database_url=str(database.url)), content=visit_content,
                   database=database, hasher=fast_pins, clock=clock)
    services = station_services(app, timers=fake_time, printer=None, make_page=lambda visit_id: b"",
                                render_pages=lambda pdf: [])
    staff.add(services.db, "Sam", "admin", "2468", hasher=services.hasher, clock=services.clock)
    window = PeerStation(services)
    qtbot.addWidget(window)
    window.show()
    window.sign_in.name.setText("Sam")
    window.sign_in.pin.setText("2468")
    qtbot.mouseClick(window.sign_in.button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: window.workspace is not None)
    admin = window.workspace.open_admin()
    admin.doctor_button.click()
    assert not admin.doctor_button.isEnabled()
    wait_for(qtbot, admin.doctor_button.isEnabled)
    lines = admin.doctor_view.toPlainText().splitlines()
    for name in NAMES:
        assert any(name in line for line in lines), (name, lines)
    assert lines[-1] == "Do what each FAIL line says, then check again."
    window.end_session()
    wait_for_background()


def test_a_video_that_shows_no_picture_fails_the_media_check_when_the_wait_runs_out(qtbot, tmp_path):
    """A shipped 'video' with sound and no picture: the check waits (on the timers it is given)
    for a picture that never comes, then says the video did not play, and what to do."""
    from decisionaid.config import Config
    from decisionaid.ui.common.doctor import WAIT_S, check_media
    from decisionaid.ui.common.player import media_backend_available

    if not media_backend_available():
        pytest.skip("Qt has no media back-end here")
    story = tmp_path / "content" / "vignettes" / "talk"
    story.mkdir(parents=True)
    with wave.open(str(story / "video.mp4"), "wb") as sound_only:
        sound_only.setnchannels(1)
        sound_only.setsampwidth(2)
        sound_only.setframerate(8000)
        sound_only.writeframes(b"\0\0" * 8000)
    timers = TimeFliesWhenWaiting()
    [finding] = check_media(Config(content_dir=tmp_path / "content"), timers)
    assert finding.line().startswith(f"FAIL  media: video.mp4 did not play: no picture within {WAIT_S} s")
    assert "check the video file" in finding.line()
    assert timers.monotonic() == WAIT_S  # it waited its whole time, and no longer
