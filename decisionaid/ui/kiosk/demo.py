"""A scripted visit through the real kiosk, offscreen: signs up, answers with seeded choices
and a few free texts, reviews, makes and "prints" the page, and saves a picture of every screen.

Everything happens by pressing the kiosk's own buttons and keys (``KioskDriver``); the answers
reach the database only through the kiosk's normal path.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from PySide6.QtWidgets import QAbstractButton

from decisionaid.config import Config
from decisionaid.ui.common.operations import wait_for_background
from decisionaid.ui.common.theme import MIN_TARGET_PX, Theme
from decisionaid.ui.kiosk.idle import KioskTimes
from decisionaid.ui.kiosk.session import open_services
from decisionaid.ui.testing import FakeMediaPlayer, KioskDriver, RecordingPrinter, RecordingSpeaker

TEXTS = {
    "en": [
        "I want to feel steady enough to work and to be there for my kids.",
        "Walking by the river, my sister, and playing guitar.",
        "Can we talk about lowering the dose? I feel slow in the mornings.",
        "I have been sleeping better since I started walking.",
        "Less shaking in my hands.",
    ],
    "es": [
        "Quiero sentirme con ánimo para trabajar y estar con mis hijos.",
        "Caminar por el río, mi hermana y tocar la guitarra.",
        "¿Podemos hablar de bajar la dosis? Me siento lenta por las mañanas.",
        "Duermo mejor desde que empecé a caminar.",
        "Menos temblor en las manos.",
    ],
}
NAMES = {"en": "Alex", "es": "Begoña"}


def wait_until(condition, timeout: int = 10000) -> None:
    """Run the event loop until ``condition()`` holds (the demo's stand-in for qtbot)."""
    deadline = time.monotonic() + timeout / 1000
    loop = QEventLoop()
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the kiosk did not get there in time")
        QTimer.singleShot(5, loop.quit)
        loop.exec()


@dataclass
class DemoResult:
    screens: list[Path]
    report: Path | None
    visit_id: int | None


class Demo:
    def __init__(self, config: Config, out: Path | None, *, language: str = "en", seed: int = 1,
                 theme: Theme | None = None, hasher=None, size: tuple[int, int] = (1920, 1080)):
        from decisionaid.ui.kiosk.window import KioskWindow

        self.out = out
        self.language = language
        self.rng = random.Random(seed)
        self.printer = RecordingPrinter(keep=1)  # many visits in one process keep one page
        self.services, self.app = open_services(config, printer=self.printer, hasher=hasher)
        self.window = KioskWindow(
            self.services, theme=theme or Theme(), speaker=RecordingSpeaker(),
            times=KioskTimes(idle_ms=3_600_000, done_ms=3_600_000), player_factory=FakeMediaPlayer,
        )
        # A kiosk screen does not grow: what does not fit is cut off, and the pictures show it.
        self.window.setFixedSize(*size)
        self.window.show()
        self.shots: list[Path] = []
        self.cut_off: list[str] = []  # screens whose content does not fit the window
        self.small_targets: list[str] = []  # buttons under 48 px, as "screen: name WxH"
        self.driver = KioskDriver(self.window, wait_until, on_screen=self.shot)

    def shot(self, name: str) -> None:
        QCoreApplication.processEvents()
        for b in self.window.findChildren(QAbstractButton):
            if b.isVisibleTo(self.window) and (b.width() < MIN_TARGET_PX or b.height() < MIN_TARGET_PX):
                self.small_targets.append(f"{name}: {b.objectName() or b.text()} {b.width()}x{b.height()}")
        if self.out is None:
            return
        need = self.window.layout().totalMinimumSize()
        if need.height() > self.window.height() or need.width() > self.window.width():
            self.cut_off.append(f"{name}: needs {need.width()}x{need.height()}")
        path = self.out / f"{len(self.shots) + 1:02d}-{name.replace(':', '-')}.png"
        self.window.grab().save(str(path))
        self.shots.append(path)

    def run(self, visit_number: int = 0) -> DemoResult:
        d, lang, rng = self.driver, self.language, self.rng
        if self.window.screen_name != "welcome":
            raise RuntimeError("the kiosk is not on its welcome screen")
        self.shot("welcome")
        if lang != self.window.language:
            d.tap(f"welcome_lang_{lang}")
            self.shot("welcome")
        d.tap_and_wait("first_time", "first_time")
        d.tap("make_profile")
        self.shot("name")
        name = NAMES.get(lang, "Alex") + ("" if not visit_number else str(visit_number))
        d.type(name[:1].upper() + name[1:].lower() if visit_number == 0 else name)
        self.shot("name-typed")
        d.tap("next")
        self.shot("year")
        born = date(1970 + rng.randint(0, 30), rng.randint(1, 12), rng.randint(1, 28))
        d.digits(f"{born.year}")
        self.shot("month")
        d.tap(f"month_{born.month}")
        self.shot("day")
        d.tap(f"day_{born.day}")
        self.shot("pin")
        pin = f"{rng.randint(0, 9999):04d}"
        d.digits(pin)
        before = self.window.shown
        d.digits(pin)
        wait_until(lambda: self.window.shown != before)
        self.shot(self.window.screen_name)
        texts = list(TEXTS.get(lang, TEXTS["en"]))
        safety_shown = False
        back_done = False
        for _ in range(400):
            name = self.window.screen_name
            if name == "review":
                break
            screen = self.window.screen
            if name.startswith("item:") and not safety_shown and any(o.flag == "safety" for o in screen.item.options):
                # Show the safety screen once: choose the first option that raises it.
                option = next(o for o in screen.item.options if o.flag == "safety")
                d.tap(f"option_{option.value}")
                d.tap_and_wait("next")
                safety_shown = True
                continue
            if name.startswith("item:") and not back_done and screen.item.type == "scale":
                # Go back once and forward again, as people do.
                back_done = True
                d.tap(f"option_{screen.item.options[0].value}")
                d.tap_and_wait("next")
                if self.window.screen_name != "review":
                    d.tap_and_wait("back")
                continue
            if name == "intro" and self.window.visit.current.questionnaire.optional and rng.random() < 0.3:
                d.tap_and_wait("skip")
                continue
            d.walk_step(rng, texts)
        else:
            raise RuntimeError("the demo visit did not reach the review screen")
        review = self.window.screen
        changes = [n for n in review.change_buttons]
        if changes:
            ref = changes[0]
            d.tap_and_wait(f"change_{ref.questionnaire}_{ref.item}")
            d.answer(rng, texts)
            if self.window.screen_name != "review":
                d.walk_to_review(rng, texts)
        d.tap_and_wait("next", "print")
        print_screen = self.window.screen
        wait_until(lambda: print_screen.pdf is not None or print_screen.status.isVisible(), 30000)
        self.shot("print")
        report = None
        visit_id = self.window.finished_visit_id
        if print_screen.pdf is not None:
            d.tap("print")
            wait_until(lambda: print_screen._status_key in ("printed", "print_failed"), 30000)
            self.shot("printed")
            if self.out is not None:
                report = self.out / "report.pdf"
                report.write_bytes(print_screen.pdf)
        # The privacy warning, as someone who walked away would see it.
        self.window._warn_idle()
        self.shot("still-there")
        d.tap("still_here")
        d.tap_and_wait("finish", "done")
        d.tap_and_wait("clear_now", "welcome")
        return DemoResult(self.shots, report, visit_id)

    def close(self) -> None:
        wait_for_background()
        self.window.close()
        self.window.deleteLater()
        self.app.close()


def demo_config(config: Config, database_url: str | None, folder: Path) -> Config:
    """The configuration the demo runs on: a fresh database unless one is named."""
    url = database_url or f"sqlite:///{folder / 'demo.db'}"
    return replace(config, database_url=url, db_key=config.db_key if database_url else None)
