"""A scripted visit through the real kiosk, offscreen: one of the made-up people of
``decisionaid.report.sample`` (chosen by the seed) signs up or, for a return visit, signs in,
answers every question as that person would, reviews, makes and "prints" the page, and a
picture of every screen is saved.

Everything in today's visit happens by pressing the kiosk's own buttons and keys
(``KioskDriver``); its answers reach the database only through the kiosk's normal path. A
return visit's earlier visits are stored first through the visit service, dated weeks ago.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QPoint, QRect
from PySide6.QtWidgets import QAbstractButton

from decisionaid.config import Config
from decisionaid.content.model import ItemRef
from decisionaid.report.sample import Person, choose_person
from decisionaid.services.clock import FakeTime, Timers
from decisionaid.ui.common.fit import problems
from decisionaid.ui.common.operations import wait_for_background
from decisionaid.ui.common.theme import MIN_TARGET_PX, Theme
from decisionaid.ui.common.timers import QtTimers
from decisionaid.ui.kiosk.demo_answers import made_up_answers
from decisionaid.ui.kiosk.demo_screens import ScreenLog
from decisionaid.ui.kiosk.session import open_services
from decisionaid.ui.testing import FakeMediaPlayer, KioskDriver, RecordingPrinter, RecordingSpeaker

LOOK_AGAIN_S = 0.001  # how often a wait looks at what it waits for
WAIT_CEILING_S = 60  # a wait that takes longer means the kiosk is stuck


class EventLoopWait:
    """The demo's stand-in for qtbot: ``wait(condition)`` runs the event loop until
    ``condition()`` holds, looking again every ``LOOK_AGAIN_S``, and raises ``TimeoutError``
    once ``ceiling_s`` have passed. Both run on ``timers`` (Qt's by default; a test's own to
    drive them)."""

    def __init__(self, timers: Timers | None = None):
        self.timers = timers or QtTimers()

    def __call__(self, condition, ceiling_s: float = WAIT_CEILING_S) -> None:
        deadline = self.timers.monotonic() + ceiling_s
        loop = QEventLoop()
        look_again = self.timers.timer(LOOK_AGAIN_S, loop.quit, loop)
        while not condition():
            if self.timers.monotonic() > deadline:
                raise TimeoutError("the kiosk did not get there in time")
            look_again.start()
            loop.exec()


wait_until = EventLoopWait()


@dataclass
class DemoResult:
    screens: list[Path]
    report: Path | None
    visit_id: int | None


class Demo:
    def __init__(self, config: Config, out: Path | None, *, language: str | None = "en",
                 seed: int = 1, theme: Theme | None = None, hasher=None,
                 size: tuple[int, int] = (1920, 1080), waits: Timers | None = None):
        """``seed`` chooses the person (among those answering in ``language``; any if None)
        and the PIN; the person's answers are the same every time. The kiosk's own time stands
        still; ``waits`` are the timers the demo waits for the kiosk on (Qt's by default)."""
        from decisionaid.ui.kiosk.window import KioskWindow

        self.out = out
        self.wait_until = EventLoopWait(waits)
        self.person: Person = choose_person(seed, language)
        self.language = self.person.language
        self.rng = random.Random(seed)
        self.printer = RecordingPrinter(keep=1)  # many visits in one process keep one page
        self.services, self.app = open_services(config, printer=self.printer, hasher=hasher)
        extra = made_up_answers(self.services.content, self.person.answers, self.language)
        self.person = replace(self.person, answers={**extra, **self.person.answers})
        self.window = KioskWindow(
            self.services, theme=theme or Theme(), speaker=RecordingSpeaker(),
            player_factory=FakeMediaPlayer, timers=FakeTime(),  # time stands still for the pictures
        )
        # The window is the screen, as in a clinic: what does not fit must scroll inside it.
        self.size = size
        self.window.cover(QRect(0, 0, *size))
        self.window.show()
        self.log = ScreenLog(size)
        self.shots: list[Path] = []
        self.cut_off: list[str] = []  # "screen: widget and what does not fit", as seen
        self.small_targets: list[str] = []  # buttons under 48 px, as "screen: name WxH"
        self.nav_rows: dict[tuple[int, int], str] = {}  # where Back/Next sat: the first screen there
        self.driver = KioskDriver(self.window, self.wait_until, on_screen=self.shot)

    def shot(self, name: str) -> None:
        for _ in range(3):  # a change of size travels up the layouts one posted event at a time
            QCoreApplication.processEvents()
        for b in self.window.findChildren(QAbstractButton):
            if b.isVisibleTo(self.window) and (b.width() < MIN_TARGET_PX or b.height() < MIN_TARGET_PX):
                self.small_targets.append(f"{name}: {b.objectName() or b.text()} {b.width()}x{b.height()}")
        self.check_fit(name)
        for line in self.log.take(self.window, name):
            self._note(f"{name}: {line}")
        if self.out is None:
            return
        path = self.out / f"{len(self.shots) + 1:02d}-{name.replace(':', '-')}.png"
        self.window.grab().save(str(path))
        self.shots.append(path)

    def _note(self, entry: str) -> None:
        if entry not in self.cut_off:
            self.cut_off.append(entry)

    def write_screens(self) -> Path | None:
        """screens.json beside the pictures (see demo_screens.py)."""
        return self.log.write(self.out / "screens.json") if self.out is not None else None

    def check_fit(self, name: str) -> None:
        """Note what does not fit the window on this screen (once per screen and widget), and
        whether the navigation row sits anywhere but where it sat on the other screens."""
        for line in problems(self.window):
            entry = f"{name}: {line}"
            if entry not in self.cut_off:
                self.cut_off.append(entry)
        nav = getattr(self.window.screen, "nav", None)
        if nav is not None and nav.isVisibleTo(self.window):
            row = nav.next_button if nav.next_button.isVisibleTo(self.window) else nav.back_button
            if not row.isVisibleTo(self.window):
                return  # no Back and no Next here (the page once printed)
            top = row.mapTo(self.window, QPoint(0, 0)).y()
            first = self.nav_rows.setdefault((top, row.height()), name)
            if first == name and len(self.nav_rows) > 1:
                where = next(iter(self.nav_rows.values()))
                entry = (f"{name}: the navigation row is at y={top} ({row.height()} px high), "
                         f"not where it is on {where}")
                if entry not in self.cut_off:
                    self.cut_off.append(entry)

    def run(self, visit_number: int = 0) -> DemoResult:
        """One visit of the person; ``visit_number`` > 0 gives the name a number, so many
        visits in one database are different people."""
        d, lang, rng, person = self.driver, self.language, self.rng, self.person
        if self.window.screen_name != "welcome":
            raise RuntimeError("the kiosk is not on its welcome screen")
        self.shot("welcome")
        if lang != self.window.language:
            d.tap(f"welcome_lang_{lang}")
            self.shot("welcome")
        name = person.name + ("" if not visit_number else str(visit_number))
        pin = f"{rng.randint(0, 9999):04d}"
        if person.history:
            self._earlier_visits(name, pin)
            d.tap_and_wait("been_before", "sign_in")
            self.shot("name")
            d.type(name)
            self.shot("name-typed")
            d.tap("next")
        else:
            d.tap_and_wait("first_time", "first_time")
            d.tap("make_profile")
            self.shot("name")
            d.type(name)
            self.shot("name-typed")
            d.tap("next")
        self.shot("year")
        d.digits(f"{person.born.year}")
        self.shot("month")
        d.tap(f"month_{person.born.month}")
        self.shot("day")
        d.tap(f"day_{person.born.day}")
        self.shot("pin")
        before = self.window.shown
        d.digits(pin)
        if not person.history:
            d.digits(pin)  # a new PIN is typed twice
        self.wait_until(lambda: self.window.shown != before)
        self.shot(self.window.screen_name)
        back_done = False
        helped = story_seen = False
        for _ in range(400):
            name = self.window.screen_name
            if name == "review":
                break
            screen = self.window.screen
            if name.startswith("item:") and not helped:
                helped = True
                self.ask_for_help()
            if name.startswith("item:") and not story_seen and getattr(screen, "story_buttons", None):
                story_seen = True
                self.story_from(screen)
            if name.startswith("item:") and not back_done and screen.item.type == "scale":
                # Go back once and forward again, as people do.
                back_done = True
                d.answer_as(person.answers)
                if self.window.screen_name != "review":
                    d.tap_and_wait("back")
                continue
            if name == "intro" and self._skips_section():
                d.tap_and_wait("skip")
                continue
            if name.startswith("item:"):
                d.answer_as(person.answers)
            else:
                d.walk_step(rng, [])
        else:
            raise RuntimeError("the demo visit did not reach the review screen")
        review = self.window.screen
        changes = [n for n in review.change_buttons]
        if changes:
            ref = changes[0]
            d.tap_and_wait(f"change_{ref.questionnaire}_{ref.item}")
            for _ in range(400):
                if self.window.screen_name == "review":
                    break
                if self.window.screen_name.startswith("item:"):
                    d.answer_as(person.answers)
                else:
                    d.walk_step(rng, [])
        d.tap_and_wait("next", "print")
        print_screen = self.window.screen
        self.wait_until(lambda: print_screen.pdf is not None or print_screen.status.isVisible(), 30)
        self.shot("print")
        report = None
        visit_id = self.window.finished_visit_id
        if print_screen.pdf is not None:
            d.tap("print")
            self.wait_until(lambda: print_screen.status_key in ("printed", "print_failed"), 30)
            self.shot("printed")
            if self.out is not None:
                report = self.out / "report.pdf"
                report.write_bytes(print_screen.pdf)
        # The privacy warning, as someone who walked away would see it.
        self.window.warn_idle()
        self.shot("still-there")
        d.tap("still_here")
        d.tap_and_wait("finish", "done")
        d.tap_and_wait("clear_now", "welcome")
        return DemoResult(self.shots, report, visit_id)

    def ask_for_help(self) -> None:
        """"I'd like help" from the top bar: the card a person sees, then OK."""
        if not self.driver.has("help"):
            return
        self.driver.tap("help")
        self.wait_until(lambda: self.window.help.card is not None and self.window.help.card.isVisible())
        self.shot("help")
        self.driver.tap("help_ok")
        self.wait_until(lambda: self.window.help.card is None)

    def story_from(self, screen) -> None:
        """A story offered on a question's screen (the peer worker's): opened, watched for a
        moment, the language changed and changed back while it plays, and Done."""
        d = self.driver
        vignette_id = next(iter(screen.story_buttons))
        d.tap_and_wait(f"story_{vignette_id}", "vignette")
        self.watch_a_little(f"story-{vignette_id}")
        d.tap_and_wait("doneButton")

    def watch_a_little(self, name: str) -> None:
        """On a story: play it a few seconds, then the other language and back, with pictures."""
        d, lang = self.driver, self.window.language
        d.tap("playPauseButton")
        self.window.visit_screens.player.play_to(5.0)
        self.shot(name)
        for other in (o for o in self.window.languages if o != lang):
            d.tap(f"lang_{other}")
            self.shot(f"{name}-{other}")
            d.tap(f"lang_{lang}")
        self.shot(name)

    def stories(self) -> None:
        """From the welcome screen after the visit (the kiosk reset to its first language): the
        person's language chosen again, the stories library, one story watched with a change of
        language, and back; a picture of each (what a person waiting might do). Content without
        stories has no library to show: the step is skipped and screens.json says so."""
        from decisionaid.ui.kiosk.stories_screen import StoryCard

        d = self.driver
        if self.window.language != self.language:
            d.tap(f"welcome_lang_{self.language}")
            self.shot("welcome")
        if not self.window.content.vignettes or not d.has("welcome_stories"):
            self.log.skip("stories", "the content has no stories (no vignettes)")
            return
        d.tap_and_wait("welcome_stories", "library")
        self.shot("library")
        cards = self.window.screen.findChildren(StoryCard)
        if not cards:
            self.log.skip("stories", "the content has no stories (no vignettes)")
            d.tap_and_wait("next", "welcome")
            return
        before = self.window.screen
        cards[0].clicked.emit()  # the card's own tap (its middle may lie under the fade at the cut)
        self.wait_until(lambda: self.window.screen is not before)
        self.watch_a_little("story")
        d.tap_and_wait("doneButton", "library")
        d.tap_and_wait("next", "welcome")
        self.shot("welcome")

    def _skips_section(self) -> bool:
        """On an optional section's first screen: whether the person answers none of it."""
        questionnaire = self.window.visit.current.questionnaire
        return questionnaire.optional and not any(
            key[0] == questionnaire.id for key in self.person.answers)

    def _earlier_visits(self, name: str, pin: str) -> None:
        """The person's profile and earlier visits, stored through the services as the kiosk
        would have stored them, each dated its number of days before now."""
        from decisionaid.services.visits import VisitService

        visits = self.services.visits
        signed = self.services.profiles.sign_up(name, self.person.born, pin, self.language)
        if signed.profile is None:
            raise RuntimeError(f"the demo could not make {name}'s profile ({signed.status})")
        for days_before, answers in self.person.history:
            moment = datetime.now(UTC) - timedelta(days=days_before)
            earlier = VisitService(visits.db, visits.content, clock=lambda moment=moment: moment)
            kv = earlier.start(signed.profile.id, language=self.language)
            for questionnaire in visits.content.questionnaires:  # in visit order
                for item in questionnaire.items:
                    if (questionnaire.id, item.id) in answers:
                        kv.go_to(ItemRef(questionnaire.id, item.id))
                        kv.confirm(answers[(questionnaire.id, item.id)])
            kv.go_to_end()
            kv.finish()

    def close(self) -> None:
        wait_for_background()
        self.window.close()
        self.window.deleteLater()
        self.app.close()


def demo_config(config: Config, database_url: str | None, folder: Path) -> Config:
    """The configuration the demo runs on: a fresh database unless one is named, encrypted
    like a new install's with a key of its own that goes when the run ends."""
    if database_url:
        return replace(config, database_url=database_url)
    import secrets

    return replace(config, database_url=f"sqlite:///{folder / 'demo.db'}",
                   db_key=secrets.token_urlsafe(32), db_key_file=None, key_from="the demo",
                   plain_database=False)


def distinct_screens(pictures: list[Path]) -> list[Path]:
    """The first picture of each kind of screen ("03-name.png", "14-item-scale.png", …)."""
    seen: set[str] = set()
    chosen = []
    for picture in pictures:
        kind = picture.stem.split("-", 1)[-1]
        if kind not in seen:
            seen.add(kind)
            chosen.append(picture)
    return chosen


def contact_sheet(pictures: list[Path], out: Path, *, columns: int = 6, width: int = 320) -> Path:
    """One small PNG of many screens, each shrunk to ``width`` and labelled with its file
    name, for people to look over a whole visit at once."""
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QColor, QFont, QImage, QPainter

    images = [QImage(str(p)) for p in pictures]
    if not images:
        raise ValueError("no pictures for a contact sheet")
    first = images[0]
    height = round(width * first.height() / max(1, first.width()))
    caption, gap = 18, 6
    rows = (len(images) + columns - 1) // columns
    sheet = QImage(columns * (width + gap) + gap, rows * (height + caption + gap) + gap,
                   QImage.Format.Format_RGB32)
    sheet.fill(QColor("#d8d8d8"))
    painter = QPainter(sheet)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    font = QFont("DejaVu Sans")
    font.setPixelSize(12)
    painter.setFont(font)
    for i, (path, image) in enumerate(zip(pictures, images, strict=True)):
        x = gap + (i % columns) * (width + gap)
        y = gap + (i // columns) * (height + caption + gap)
        painter.drawImage(QRect(x, y, width, height), image)
        painter.setPen(QColor("#000000"))
        painter.drawText(QRect(x, y + height, width, caption),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, path.stem)
    painter.end()
    sheet.save(str(out))
    return out
