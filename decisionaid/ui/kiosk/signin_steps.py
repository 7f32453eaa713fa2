"""The steps sign-in is made of, one question per page: a name, a year, a month, a day, a PIN.

``StepFlow`` is a screen that shows one step at a time with its own Back; the sign-in screens
(returning user, first time, peer-assisted) are built from these steps.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QLineEdit, QSizePolicy, QStackedWidget, QVBoxLayout, QWidget

from decisionaid.ui.common.date_picker import DayGrid, MonthGrid
from decisionaid.ui.common.keyboard import Keyboard, keep_cursor
from decisionaid.ui.common.keypad import Keypad
from decisionaid.ui.common.strings import t
from decisionaid.ui.common.theme import Theme
from decisionaid.ui.common.widgets import NavBar, Screen, Wording, label, wording

MIN_YEAR = 1900


class _ShownPageStack(QStackedWidget):
    """Pages of which only the one on show counts for height: a stack otherwise asks for the
    tallest of them all, and a small screen would scroll the keyboard off for nothing."""

    def hasHeightForWidth(self) -> bool:
        page = self.currentWidget()
        return page is not None and page.hasHeightForWidth()

    def heightForWidth(self, width: int) -> int:
        page = self.currentWidget()
        return page.heightForWidth(width) if page is not None else 0

    def sizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.sizeHint() if page is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.minimumSizeHint() if page is not None else super().minimumSizeHint()


class StepFlow(Screen):
    """Steps by name; ``cancelled`` when Back is pressed on the first step."""

    cancelled = Signal()

    def __init__(self, language: str, theme: Theme, today: Callable[[], date] = date.today):
        super().__init__(language, theme)
        self.today = today
        layout = self.page_layout()
        self.title = label("title")
        self.title.setObjectName("title")
        self.help = label("help")
        self.help.setObjectName("help")
        self.problem = label("notice")
        self.problem.setObjectName("problem")
        self.problem.hide()
        self.pages = _ShownPageStack()
        layout.addWidget(self.title)
        layout.addWidget(self.help)
        layout.addWidget(self.problem)
        layout.addWidget(self.pages, 1)
        self.nav = NavBar(self, skip=False)
        layout.addWidget(self.nav)
        self.nav.back.connect(self.step_back)
        self.nav.next.connect(self._next)
        self._steps: dict[str, tuple[QWidget, Wording, Wording | None, Callable | None]] = {}
        self.history: list[str] = []
        self._ready: dict[str, tuple[Callable[[], bool], str]] = {}
        self.step = ""
        self._problem_key: str | None = None
        # What the user has entered so far.
        self.name = ""
        self.year = 0
        self.month = 0
        self.birth_date: date | None = None

    def add_step(self, name: str, page: QWidget, title: Wording, help: Wording | None = None,
                 on_next: Callable[[], None] | None = None) -> None:
        self.pages.addWidget(page)
        self._steps[name] = (page, title, help, on_next)

    def go(self, name: str, *, remember: bool = True) -> None:
        if remember and self.step and self.step != name:
            self.history.append(self.step)
        self.step = name
        page, _, _, on_next = self._steps[name]
        # Only the page on show counts for size: the keyboard page must not make the
        # month page (or the window) taller.
        for other, *_rest in self._steps.values():
            policy = QSizePolicy.Policy.Preferred if other is page else QSizePolicy.Policy.Ignored
            other.setSizePolicy(policy, policy)
        self.pages.setCurrentWidget(page)
        self.nav.next_button.setVisible(on_next is not None)
        self._update_next()
        self._problem_key = None
        self.problem.hide()
        self._retitle()
        for child in page.findChildren(QLineEdit):
            child.setFocus()

    def _update_next(self) -> None:
        """Next is greyed out, saying why, while the step has nothing to go on with."""
        ready, why = self._ready.get(self.step, (None, ""))
        self.nav.set_next(ready is None or ready(), t(why, self.language) if why else "")

    def step_back(self) -> None:
        if not self.history:
            self.cancelled.emit()
            return
        self.go(self.history.pop(), remember=False)

    def _next(self) -> None:
        on_next = self._steps[self.step][3]
        if on_next:
            on_next()

    def show_problem(self, key: str) -> None:
        self._problem_key = key
        self.problem.setText(t(key, self.language))
        self.problem.show()

    def _retitle(self) -> None:
        page, title, help, _ = self._steps[self.step]
        self.title.setText(title(self.language))
        for box in page.findChildren(QLineEdit):  # a screen reader names the box by the question
            box.setAccessibleName(self.title.text())
        self.help.setText(help(self.language) if help else "")
        self.help.setVisible(help is not None)

    def on_language(self, language: str) -> None:
        if self.step:
            self._retitle()
        if self._problem_key:
            self.problem.setText(t(self._problem_key, language))
        if self.step:
            self._update_next()
        for child in self.findChildren(Keypad):
            child.retranslate(language)
        for child in self.findChildren(Keyboard):
            child.retranslate(language)
        for child in self.findChildren(MonthGrid):
            child.retranslate(language)

    # --- the common steps ---------------------------------------------------------------------
    def add_name_step(self, name: str, after: Callable[[str], None], title_key: str = "your_name",
                      help_key: str | None = "your_name_help") -> QLineEdit:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        box = QLineEdit()
        box.setObjectName(f"{name}_box")
        box.setMaxLength(80)
        keep_cursor(box)
        keyboard = Keyboard(box, self.theme, self.language)
        keyboard.setObjectName(f"{name}_keyboard")
        column.addWidget(box)
        column.addStretch(1)
        column.addWidget(keyboard)

        def next_() -> None:
            text = " ".join(box.text().split())
            if text:
                after(text)

        box.returnPressed.connect(next_)
        self.add_step(name, page, wording(title_key), wording(help_key) if help_key else None, next_)
        self._ready[name] = (lambda: bool(box.text().strip()), "why_name")
        box.textChanged.connect(lambda _text: self._update_next() if self.step == name else None)
        return box

    def add_birth_date_steps(self, prefix: str, after: Callable[[date], None]) -> None:
        year_pad = Keypad(self.theme, self.language, masked=False)
        year_pad.setObjectName(f"{prefix}_year")
        months = MonthGrid(self.theme, self.language)
        months.setObjectName(f"{prefix}_month")
        days = DayGrid(self.theme)
        days.setObjectName(f"{prefix}_day")

        def year_done(digits: str) -> None:
            year = int(digits)
            if not MIN_YEAR <= year <= self.today().year:
                year_pad.clear()
                self.show_problem("year_wrong")
                return
            self.year = year
            self.go(f"{prefix}_month")

        def month_done(month: int) -> None:
            self.month = month
            days.show_month(self.year, month)
            self.go(f"{prefix}_day")

        def day_done(day: int) -> None:
            chosen = date(self.year, self.month, day)
            if chosen > self.today():
                self.show_problem("year_wrong")
                return
            self.birth_date = chosen
            year_pad.clear()
            after(chosen)

        year_pad.completed.connect(year_done)
        months.chosen.connect(month_done)
        days.chosen.connect(day_done)
        self.add_step(f"{prefix}_year", year_pad, wording("birth_year"), wording("birth_year_help"))
        self.add_step(f"{prefix}_month", months, wording("birth_month"))
        self.add_step(f"{prefix}_day", days, wording("birth_day"))

    def add_pin_step(self, name: str, after: Callable[[str], None], title_key: str,
                     help_key: str | None = None, min_length: int | None = None,
                     length: int = 4) -> Keypad:
        pad = Keypad(self.theme, self.language, masked=True, length=length, min_length=min_length)
        pad.setObjectName(name)

        def done(pin: str) -> None:
            pad.clear()
            after(pin)

        pad.completed.connect(done)
        self.add_step(name, pad, wording(title_key), wording(help_key) if help_key else None)
        return pad

