"""Every screen fits every real screen: the shipped visit, the stories and the peer station,
walked on the screen sizes clinics have, with nothing outside the window and no words cut off.

Walking the whole visit takes about ten seconds, so the matrix is chosen rather than full:
every screen size at the largest text (the tightest case, in English and Spanish turn about,
and 1024×768 in both), and the other text sizes, the high-contrast look and the other language
on the common 1280×800 and 1920×1080 screens. The pictures people look at are made by
``decisionaid demo`` (see docs/screens/); these checks need none.
"""

from __future__ import annotations

import pytest
from test_peer_station import services, signed_in  # noqa: F401  (its fixture)

from decisionaid.services.pins import PinHasher
from decisionaid.ui.common.fit import problems
from decisionaid.ui.common.theme import Theme, screen_scale
from decisionaid.ui.kiosk.demo import Demo
from decisionaid.ui.testing import wait_for

# (width, height, text size, language, high contrast); seeds alternate Sam and Rosa (English).
MATRIX = [
    (1024, 768, "largest", "es", False),
    (1024, 768, "largest", "en", True),
    (1280, 720, "largest", "en", False),
    (1280, 800, "largest", "es", True),
    (1366, 768, "largest", "en", False),
    (1920, 1080, "largest", "es", False),
    (3840, 2160, "largest", "en", False),
    (800, 1280, "largest", "es", False),
    (1280, 800, "large", "en", True),
    (1280, 800, "normal", "es", False),
    (1920, 1080, "normal", "en", False),
]


@pytest.mark.parametrize("width,height,text_size,language,high", MATRIX,
                         ids=[f"{w}x{h}-{s}-{lang}{'-hc' if hc else ''}" for w, h, s, lang, hc in MATRIX])
def test_the_whole_visit_and_the_stories_fit_the_screen(qapp, shipped_config, tmp_path,
                                                        width, height, text_size, language, high):
    """A person at this screen can reach every control and read every word, on every screen
    of a visit, the stories library and a story; Back and Next never move."""
    theme = Theme(text_size=text_size, high_contrast=high, scale=screen_scale(height, width))
    seed = 1 if width % 3 else 0  # a first visit and a return visit, both signed in
    demo = Demo(shipped_config, None, language=language, seed=seed, theme=theme,
                hasher=PinHasher.fast(), size=(width, height))
    try:
        demo.run()
        demo.stories()
    finally:
        demo.close()
    assert demo.cut_off == []
    assert demo.small_targets == []


def test_the_check_finds_a_button_off_the_edge_and_words_cut_short(qapp):
    """The check itself: what a person could not reach or read is named, with the widget."""
    from PySide6.QtWidgets import QLabel, QPushButton, QWidget

    window = QWidget()
    window.resize(400, 300)
    off = QPushButton("Next", window)
    off.setObjectName("next")
    off.setGeometry(350, 280, 120, 60)
    short = QLabel("A sentence far too long for the little label it was given", window)
    short.setObjectName("help")
    short.setGeometry(10, 10, 80, 20)
    window.show()
    found = problems(window)
    assert any(line.startswith("next lies outside the window") for line in found), found
    assert any(line.startswith("help is cut off") for line in found), found
    window.close()


@pytest.mark.parametrize("width,height", [(1280, 720), (1024, 768)])
def test_the_peer_station_fits_and_keeps_its_messages_in_view(qtbot, services, width, height):  # noqa: F811
    """Sign-in and the workspace, with a message in the status line, fit a small screen: the
    title whole, the status line on screen."""
    from decisionaid.ui.station.station import PeerStation

    station = PeerStation(services)
    qtbot.addWidget(station)
    station.setFixedSize(width, height)
    station.show()
    qtbot.waitExposed(station)
    assert problems(station) == [], "sign-in"
    workspace = signed_in(qtbot, station, services, role="admin")
    from decisionaid.ui.common.strings import t
    from decisionaid.ui.station.common import show_message

    today = workspace.today
    show_message(today.message, t("station_could_not_print", services.language,
                                  reason="no printer is set"), error=True)
    wait_for(qtbot, lambda: today.message.isVisible())
    where = today.message.mapTo(station, today.message.rect().bottomRight())
    assert station.rect().contains(where), "the status line is below the window"
    for i in range(workspace.tabs.count()):
        workspace.tabs.setCurrentIndex(i)
        off = [line for line in problems(station) if "outside the window" in line]
        assert off == [], workspace.tabs.tabText(i)
    station.end_session()


def test_the_demo_fails_naming_the_screen_and_the_widget_when_something_does_not_fit(tmp_path):
    """Below the smallest supported screen the demo still walks the visit, then exits 1 with
    one line per problem: the size, the screen and the widget."""
    import os
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", "import sys; from decisionaid.cli import main; sys.exit(main(sys.argv[1:]))",
         "demo", "--out", str(tmp_path / "out"), "--screen", "640x480", "--text-size", "largest"],
        capture_output=True, text=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, timeout=240,
    )
    assert done.returncode == 1, done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("error: does not fit 640x480: ")]
    assert errors, done.stderr
    assert all(line.count(": ") >= 3 for line in errors)  # "…: SCREEN: WIDGET what"
    assert "propagateSizeHints" not in done.stderr
    assert (tmp_path / "out" / "contact-sheet.png").is_file()


def test_a_windowed_kiosk_stays_inside_the_screen(tmp_path):
    """`kiosk --windowed` opens within the free screen, however wide its 16:9 shape would be
    (here an 800-pixel-wide offscreen screen, where it used to open 1208 wide)."""
    import os
    import re
    import subprocess
    import sys
    import threading
    from pathlib import Path

    mini = Path(__file__).resolve().parents[1] / "data" / "mini"
    config = tmp_path / "site.toml"
    config.write_text(f'content_dir = "{mini}"\ndatabase_url = "sqlite:///{tmp_path / "k.db"}"\n',
                      encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "DECISIONAID_KIOSK_SESSION": "1"}
    env.pop("DECISIONAID_DATABASE_URL", None)
    kiosk = subprocess.Popen(
        [sys.executable, "-c", "import sys; from decisionaid.cli import main; sys.exit(main(sys.argv[1:]))",
         "kiosk", "--windowed", "--config", str(config)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env,
    )
    stop = threading.Timer(60, kiosk.kill)  # a kiosk that never paints fails, never hangs
    stop.start()
    try:
        painted = next((line for line in kiosk.stdout if line.startswith("painted")), "")
    finally:
        stop.cancel()
        kiosk.kill()
        kiosk.wait()
    found = re.search(r"painted (\d+)x(\d+) on a (\d+)x(\d+) screen", painted)
    assert found, "the kiosk did not paint its welcome screen"
    width, height, screen_width, screen_height = map(int, found.groups())
    assert width <= screen_width and height <= screen_height, found.group(0)


def test_the_demo_skips_the_stories_of_content_without_any_and_says_so(qapp, config, tmp_path):
    """A clinic's content with no vignettes: the demo's stories step is skipped, not a crash,
    and screens.json says so; every window it took was the screen's size."""
    import json
    import shutil
    from dataclasses import replace

    content = tmp_path / "content"
    shutil.copytree(config.content_dir / "questionnaires", content / "questionnaires")
    medicines = content / "questionnaires" / "medicines.yaml"  # its one story suggestion goes too
    medicines.write_text(medicines.read_text(encoding="utf-8").replace(", suggest: [side-story]", ""),
                         encoding="utf-8")
    out = tmp_path / "pictures"
    out.mkdir()
    demo = Demo(replace(config, content_dir=content), out, language="en", seed=1,
                theme=Theme(scale=screen_scale(800, 1280)), hasher=PinHasher.fast(), size=(1280, 800))
    try:
        demo.stories()
        demo.write_screens()
    finally:
        demo.close()
    written = json.loads((out / "screens.json").read_text(encoding="utf-8"))
    assert [step["step"] for step in written["skipped"]] == ["stories"]
    assert "no stories" in written["skipped"][0]["why"]
    assert written["every_window_is_the_screen"]


WELCOME = [(w, h, size, hc) for w, h in ((1280, 800), (1024, 768))
           for size in ("normal", "large", "largest") for hc in (False, True)
           if not hc or size == "largest"]


@pytest.mark.parametrize("width,height,text_size,high", WELCOME,
                         ids=[f"{w}x{h}-{s}{'-hc' if hc else ''}" for w, h, s, hc in WELCOME])
def test_the_welcome_screen_shows_every_way_in_without_scrolling(qapp, shipped_config, width, height,
                                                                 text_size, high):
    """The first thing anyone sees: in every shipped language, the language choice, both ways
    in, the stories, "Read to me" and the peer worker's sign-in are all on screen at once, none
    under a fade or behind "More below", each a full touch target."""
    from PySide6.QtCore import QCoreApplication, QPoint, QRect
    from PySide6.QtWidgets import QAbstractButton

    theme = Theme(text_size=text_size, high_contrast=high, scale=screen_scale(height, width))
    demo = Demo(shipped_config, None, theme=theme, hasher=PinHasher.fast(), size=(width, height))
    try:
        window = demo.window
        for language in shipped_config.languages:
            window.set_language(language)
            for _ in range(3):  # a change of words travels up the layouts one posted event at a time
                QCoreApplication.processEvents()
            welcome = window.screen
            assert window.screen_name == "welcome"
            assert not welcome.scroll_hints.below.isVisible(), f"{language}: the welcome screen scrolls"
            view = welcome.page_scroll.viewport()
            controls = [b for b in welcome.findChildren(QAbstractButton)
                        if b.isVisibleTo(window) and b.objectName() not in ("more_above", "more_below")]
            names = {b.objectName() for b in controls}
            assert {"been_before", "first_time", "welcome_stories", "read_aloud", "peer_sign_in"} <= names
            for b in controls:
                where = QRect(b.mapTo(view, QPoint(0, 0)), b.size())
                assert view.rect().contains(where), f"{language}: {b.objectName()} is not all on screen"
                assert b.height() >= 48, f"{language}: {b.objectName()} is {b.height()} px high"
    finally:
        demo.close()


STORY = [(1024, 768, "largest", "es"), (1024, 768, "largest", "en"), (1280, 800, "largest", "es")]


@pytest.mark.parametrize("width,height,text_size,language", STORY,
                         ids=[f"{w}x{h}-{s}-{lang}" for w, h, s, lang in STORY])
def test_a_story_gives_the_video_most_of_a_small_screen(qapp, shipped_config, width, height,
                                                        text_size, language):
    """On a 4:3 or 16:10 screen at the largest text the video is at least half the window's
    height, with every control below it in two rows at most, all on screen."""
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtWidgets import QAbstractButton, QWidget

    theme = Theme(text_size=text_size, scale=screen_scale(height, width))
    demo = Demo(shipped_config, None, language=language, theme=theme, hasher=PinHasher.fast(),
                size=(width, height))
    seen = {}
    shot = demo.shot

    def look(name: str) -> None:
        shot(name)
        if name == "story" and not seen:
            window, screen = demo.window, demo.window.screen
            video = screen.findChild(QWidget, "vignetteVideo")
            top = video.mapTo(window, QPoint(0, 0)).y()
            seen["video"] = video.height()
            below = [b for b in screen.findChildren(QAbstractButton)
                     if b.isVisibleTo(window) and b.mapTo(window, QPoint(0, 0)).y() > top]
            seen["rows"] = {b.mapTo(window, QPoint(0, 0)).y() + b.height() // 2 for b in below}
            seen["off"] = [b.objectName() for b in below
                           if not window.rect().contains(QRect(b.mapTo(window, QPoint(0, 0)), b.size()))]

    demo.shot = look
    try:
        demo.window.set_language(language)
        demo.stories()
    finally:
        demo.close()
    assert seen["video"] >= height // 2, f"the video is {seen['video']} px high"
    assert len({y // 20 for y in seen["rows"]}) <= 2, "more than two rows of controls under the video"
    assert seen["off"] == []


@pytest.mark.parametrize("text_size", ["normal", "largest"])
def test_the_top_bar_is_one_row_on_a_portrait_screen(qapp, shipped_config, text_size):
    """On an 800-pixel-wide portrait screen, in every language, the top bar keeps every button
    in one row, all on screen; a button shown as its picture only still has its name."""
    from PySide6.QtCore import QCoreApplication, QPoint, QRect
    from PySide6.QtWidgets import QAbstractButton

    theme = Theme(text_size=text_size, scale=screen_scale(1280, 800))
    demo = Demo(shipped_config, None, theme=theme, hasher=PinHasher.fast(), size=(800, 1280))
    try:
        window, bar = demo.window, demo.window.top_bar
        for language in shipped_config.languages:
            window.set_language(language)
            for _ in range(3):
                QCoreApplication.processEvents()
            shown = [b for b in bar.findChildren(QAbstractButton) if b.isVisibleTo(window)]
            assert {bar.contrast, bar.language_button} <= set(shown)
            middles = {b.mapTo(window, QPoint(0, b.height() // 2)).y() for b in shown}
            assert max(middles) - min(middles) <= 4, f"{language}: the bar has more than one row"
            for b in shown:
                assert window.rect().contains(QRect(b.mapTo(window, QPoint(0, 0)), b.size())), b.objectName()
                assert b.text() or b.accessibleName(), f"{language}: {b.objectName()} has no name"
            assert bar.contrast.accessibleName() in ("Black and yellow", "Negro y amarillo")
    finally:
        demo.close()


def test_the_first_time_choice_and_the_staff_menus_line_up_with_their_title(qtbot):
    """The words and buttons under a sign-in title start where the title starts, not a few
    pixels in (the first-time choice, the peer worker's menu, the staff menu)."""
    from PySide6.QtCore import QPoint

    from decisionaid.ui.kiosk.first_time_screen import FirstTimeScreen
    from decisionaid.ui.kiosk.peer_signin_screen import PeerSignInScreen
    from decisionaid.ui.kiosk.staff_screen import StaffScreen

    theme = Theme(text_size="largest", scale=screen_scale(768, 1024))
    first = FirstTimeScreen("es", theme)
    peer = PeerSignInScreen("es", theme)
    peer.go("menu")
    staff = StaffScreen("es", theme)
    staff.go("menu")
    for screen, parts in ((first, (first.body, first.make_profile, first.guest_button)),
                          (peer, (peer.find_button, peer.create_button, peer.guest_button)),
                          (staff, (staff.leave_button, staff.peer_button))):
        qtbot.addWidget(screen)
        screen.resize(1024, 700)
        screen.show()
        qtbot.waitExposed(screen)
        left = screen.title.mapTo(screen, QPoint(0, 0)).x()
        for part in parts:
            assert part.mapTo(screen, QPoint(0, 0)).x() == left, (type(screen).__name__, part.objectName())
