"""The kiosk in a real window on an X display (no window manager), driven through Spanish, a
story, back, and a reset, as a person would; writes what each screen looked like (screens.json,
see decisionaid/ui/kiosk/demo_screens.py) to the path it is given.

Run by tests/ui/test_kiosk_real_window.py with DISPLAY set and QT_QPA_PLATFORM=xcb.
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import QApplication

from decisionaid.config import Config
from decisionaid.services.pins import PinHasher
from decisionaid.ui.common.theme import Theme, screen_scale
from decisionaid.ui.kiosk.demo import wait_until
from decisionaid.ui.kiosk.demo_screens import ScreenLog
from decisionaid.ui.kiosk.session import open_services
from decisionaid.ui.kiosk.window import KioskWindow
from decisionaid.ui.testing import FakeMediaPlayer, KioskDriver, RecordingPrinter, RecordingSpeaker

ROOT = Path(__file__).resolve().parents[2]


def main(out: Path) -> None:
    app = QApplication(sys.argv[:1])
    config = replace(Config(content_dir=ROOT), database_url=f"sqlite:///{out.parent / 'kiosk.db'}")
    services, opened = open_services(config, printer=RecordingPrinter(), hasher=PinHasher.fast())
    screen = app.primaryScreen()
    size = screen.geometry().size()
    window = KioskWindow(services, theme=Theme(text_size="largest", scale=screen_scale(size.height(), size.width())),
                         speaker=RecordingSpeaker(), player_factory=FakeMediaPlayer)
    window.fill(screen)
    wait_until(lambda: window.windowHandle() is not None and window.windowHandle().isExposed())
    log = ScreenLog((size.width(), size.height()))
    seen: dict[str, object] = {}

    def take(name: str) -> None:
        for _ in range(5):
            app.processEvents()
        log.take(window, name)

    d = KioskDriver(window, wait_until)
    take("welcome")
    d.tap("lang_es")  # the top bar's language button, then Español
    take("welcome-es")
    d.tap_and_wait("welcome_stories", "library")
    take("library")
    from decisionaid.ui.kiosk.stories_screen import StoryCard

    before = window.screen
    window.screen.findChildren(StoryCard)[0].clicked.emit()
    wait_until(lambda: window.screen is not before)
    story = window.screen
    d.tap("playPauseButton")
    window.visit_screens.player.play_to(5.0)
    take("story")
    d.tap("lang_en")
    seen["playing_after_language_change"] = window.screen is story and story.is_playing
    take("story-en")
    d.tap("lang_es")
    take("story-es")
    d.tap_and_wait("doneButton", "library")
    take("library-back")
    d.tap_and_wait("next", "welcome")
    take("welcome-back")
    d.guest()
    d.tap_and_wait("next")
    take("question")
    window.reset()  # what the idle timeout does for the next person
    take("welcome-reset")
    d.tap("lang_es")
    d.guest()
    d.tap_and_wait("next")
    take("question-after-reset")
    document = out.with_suffix(".tmp")
    log.write(document)
    data = json.loads(document.read_text(encoding="utf-8"))
    data.update(seen)
    out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    window.close()
    opened.close()
    print("DONE", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
