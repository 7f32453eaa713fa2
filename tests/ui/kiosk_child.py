"""A kiosk in its own process, for the crash test: signs up Kim, answers two questions through
the buttons, says READY, and keeps running until it is killed."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from PySide6.QtWidgets import QApplication

from decisionaid.config import Config
from decisionaid.services.pins import PinHasher
from decisionaid.ui.kiosk.demo import wait_until
from decisionaid.ui.kiosk.session import open_services
from decisionaid.ui.kiosk.window import KioskWindow
from decisionaid.ui.testing import KioskDriver, RecordingPrinter, RecordingSpeaker

MINI = Path(__file__).resolve().parents[1] / "data" / "mini"


def main(database_url: str) -> None:
    app = QApplication(sys.argv[:1])
    config = Config(content_dir=MINI, database_url=database_url)
    services, _app = open_services(config, printer=RecordingPrinter(), hasher=PinHasher.fast())
    window = KioskWindow(services, speaker=RecordingSpeaker())
    window.resize(1280, 800)
    window.show()
    d = KioskDriver(window, wait_until)
    d.sign_up("Kim", date(1988, 7, 7), "2580")
    d.tap_and_wait("next")  # the intro
    d.tap("option_1")
    d.tap_and_wait("next")  # feeling sad: some days
    d.tap("option_0")
    d.tap_and_wait("next")  # sleeping fine: the follow-up stays hidden
    print("READY", window.screen.question.text(), flush=True)
    app.exec()


if __name__ == "__main__":
    main(sys.argv[1])
