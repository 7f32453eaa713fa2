"""The bar along the top of every kiosk screen: the staff corner, the stories, help and "Read to
me", the text size, the colours and the language, each in a place of its own that no screen,
language or text size moves."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QSize, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from decisionaid.services.clock import Timers
from decisionaid.ui.common.language_choice import LanguageChoice, names_of
from decisionaid.ui.common.strings import t
from decisionaid.ui.common.theme import ASSETS, MIN_TARGET_PX, TEXT_SIZES, Theme
from decisionaid.ui.common.widgets import button, label, show_words


class CornerHold(QLabel):
    """The staff corner: pressing here for ``hold_ms`` (3 s) emits ``held``. A tap does nothing."""

    held = Signal()

    def __init__(self, text: str, hold_ms: int, timers: Timers):
        super().__init__(text)
        self.setObjectName("staff_corner")
        self._timer = timers.timer(hold_ms / 1000, self.held.emit, self)

    def mousePressEvent(self, event) -> None:
        self._timer.start()
        event.accept()

    def mouseReleaseEvent(self, event) -> None:
        self._timer.stop()
        event.accept()


class TopBar(QFrame):
    """Site name (the staff corner), text size, colours and language: on every screen."""

    language_chosen = Signal(str)
    text_size_chosen = Signal(str)
    contrast_chosen = Signal(bool)
    stories = Signal()
    help = Signal()  # "I'd like help"
    read = Signal()  # "Read to me", for a screen without its own

    def __init__(self, site_name: str, languages: tuple[str, ...], theme: Theme, hold_ms: int,
                 timers: Timers):
        super().__init__()
        self.setObjectName("TopBar")
        self.languages = languages
        self.language = languages[0]
        self.theme = theme
        # One row; on a narrow screen (portrait) a second one for the colours and languages.
        rows = QVBoxLayout(self)
        rows.setContentsMargins(theme.px(12) // 2, 4, theme.px(24), 4)
        rows.setSpacing(4)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(theme.px(16))
        rows.addLayout(row)
        self.row = row
        self.second_row = QHBoxLayout()
        self.second_row.setContentsMargins(0, 0, 0, 0)
        self.second_row.setSpacing(theme.px(16))
        self.second_row.addStretch(1)
        rows.addLayout(self.second_row)
        # The staff corner: a plain, quiet patch (the site's name is on the welcome screen).
        self.corner = CornerHold("", hold_ms, timers)
        self.corner.setProperty("role", "small")
        self.corner.setMinimumSize(theme.target(120), theme.target(64))
        row.addWidget(self.corner)
        # The peer stories library, from any screen of a visit.
        self.stories_button = button("bar", name="top_stories")
        self.stories_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.stories_button.clicked.connect(self.stories)
        row.addWidget(self.stories_button)
        # Help and Read to me: in the same place on every screen, shown by the kiosk where
        # they apply (decisionaid/ui/kiosk/help.py).
        self.help_button = button("bar", name="help")
        self.help_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.help_button.clicked.connect(self.help)
        row.addWidget(self.help_button)
        self.read_button = button("bar", name="read_aloud")
        self.speaker_icon = ""  # which speaker the button shows: the light one on black (show_state)
        self.read_button.setIconSize(QSize(theme.px(32), theme.px(32)))
        self.read_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.read_button.clicked.connect(self.read)
        row.addWidget(self.read_button)
        row.addStretch(1)
        self.size_label = label("small", wrap=False)
        row.addWidget(self.size_label)
        self.size_group = QButtonGroup(self)
        self.size_buttons: dict[str, QPushButton] = {}
        for size in TEXT_SIZES:
            # Each "A" as large as the text it chooses (the style sheets, by its name).
            b = button("bar", "A", name=f"text_{size}")
            b.setCheckable(True)
            b.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            self.size_group.addButton(b)
            self.size_buttons[size] = b
            row.addWidget(b)
            b.clicked.connect(lambda _=False, s=size: self.text_size_chosen.emit(s))
        self.size_buttons[theme.text_size].setChecked(True)
        self.contrast = button("bar", name="contrast")
        self.contrast.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.contrast.clicked.connect(lambda: self.contrast_chosen.emit(not self.theme.high_contrast))
        self.contrast.setIconSize(QSize(theme.px(56), theme.px(56)))
        self.contrast_short = False  # the circle only, on a narrow screen (see _fit)
        row.addWidget(self.contrast)
        # One language button, the same in every language; it opens the choice (language_choice.py).
        self.language_button = button("bar", names_of(languages, "\n"), name="language")
        self.language_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.language_button.clicked.connect(self.open_languages)
        row.addWidget(self.language_button)
        # Only once it is in the bar: shown before that, it would be made a window of its own.
        self.language_button.setVisible(len(languages) > 1)
        self.language_menu: LanguageChoice | None = None
        # Each button with words keeps the width of its longest wording in any language.
        self.slots = {self.stories_button: ("stories_bar",), self.help_button: ("help_button",),
                      self.read_button: ("read_aloud",), self.contrast: ("contrast_on", "contrast_off")}
        for b in (self.stories_button, self.help_button, self.read_button):
            # A slot kept while its button is hidden: what is beside it never shifts.
            policy = b.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            b.setSizePolicy(policy)
        self.show_state(self.language, theme)

    def open_languages(self) -> None:
        self.close_languages()
        self.language_menu = LanguageChoice(self.window(), self.language_button, self.languages,
                                            self.language, self.theme)
        self.language_menu.chosen.connect(self.language_chosen)

    def close_languages(self) -> None:
        """Close the language list if it is open (the screen changed under it)."""
        if self.language_menu is not None and shiboken6.isValid(self.language_menu):
            self.language_menu.close_choice()
        self.language_menu = None

    def _widest(self, b: QAbstractButton, keys: tuple[str, ...], hint: int) -> int:
        """``b``'s width at its longest wording in any language (``hint``: its size hint now)."""
        metrics = b.fontMetrics()
        frame = hint - metrics.horizontalAdvance(b.text())
        return frame + max(metrics.horizontalAdvance(t(key, lang)) for key in keys for lang in self.languages)

    def event(self, event) -> bool:
        done = super().event(event)
        if event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
            self._fit()
        return done

    def _fit(self) -> None:
        """On a narrow screen the "Text size" words go (the A buttons still say it to a screen
        reader), and on a narrower one the colours and languages move to a second row, rather
        than any button being cut short. Every button counts, shown or not, at its widest
        wording in any language, so the bar is the same on every screen of a visit and a change
        of language moves nothing."""
        rows = self.layout()
        margins = rows.contentsMargins()
        room = self.width() - margins.left() - margins.right()
        spacing = self.row.spacing()
        # Each widget's size hint asked once (Qt works it out afresh, with the style sheet, at
        # every ask); forgotten for a button whose words change below.
        hints: dict[QWidget, int] = {}

        def hint(w: QWidget) -> int:
            if w not in hints:
                hints[w] = w.sizeHint().width()
            return hints[w]

        widths = {b: self._widest(b, keys, hint(b)) for b, keys in self.slots.items()}
        spoken = self.read_button
        buttons = [w for w in self.findChildren(QAbstractButton) if w.parentWidget() is self]
        others = sum(max(hint(w), widths.get(w, w.minimumWidth())) + spacing
                     for w in buttons if w is not spoken)
        # Where even that is too wide, "Read to me" shows its speaker only (a screen reader
        # still hears its name), before anything leaves the row.
        words_fit = others + widths[spoken] + spacing + MIN_TARGET_PX <= room
        if words_fit != bool(spoken.text()):
            spoken.setText(spoken.accessibleName() if words_fit else "")
            hints.pop(spoken, None)
        if not words_fit:
            widths[spoken] = max(MIN_TARGET_PX, spoken.iconSize().width() + self.theme.px(32))
        # Narrower still (portrait), the colours button shows its black-and-yellow circle
        # only, so the bar stays one row: its name is still there for a screen reader.
        short = not words_fit and others + widths[spoken] + spacing + MIN_TARGET_PX > room
        if short != self.contrast_short:
            self.contrast_short = short
            self._show_contrast()
            hints.pop(self.contrast, None)
        if short:
            widths[self.contrast] = max(MIN_TARGET_PX, self.contrast.iconSize().width() + self.theme.px(32))
        for b, width in widths.items():
            if b.minimumWidth() != width:
                b.setMinimumWidth(width)
        words = self.size_label.fontMetrics()
        label = max(words.horizontalAdvance(t("text_size", lang)) for lang in self.languages) + spacing
        movable = [*self.size_buttons.values(), self.contrast, self.language_button]

        def need(widgets) -> int:
            return sum(max(hint(w), w.minimumWidth()) + spacing for w in widgets)

        first = [self.corner, *buttons]
        # First the staff corner narrows to the least a finger needs...
        corner = self.theme.target(120) if need(first) - self.corner.minimumWidth() + self.theme.target(120) <= room \
            else MIN_TARGET_PX
        if self.corner.minimumWidth() != corner:
            self.corner.setMinimumWidth(corner)
        moved: list[QWidget] = []  # ...then buttons go, from the right-hand end, only as many as must
        while need(first) > room and any(w in movable for w in first):
            last = [w for w in first if w in movable][-1]
            first.remove(last)
            moved.insert(0, last)
        show_label = not moved and need(first) + label <= room
        if moved != [w for w in movable if self.second_row.indexOf(w) >= 0]:
            for w in movable:
                self.row.removeWidget(w)
                self.second_row.removeWidget(w)
            for w in movable:
                (self.second_row if w in moved else self.row).addWidget(w)
        if show_label == self.size_label.isHidden():
            self.size_label.setVisible(show_label)

    def _show_contrast(self) -> None:
        words = t("contrast_off" if self.theme.high_contrast else "contrast_on", self.language)
        self.contrast.setAccessibleName(words)
        self.contrast.setText("" if self.contrast_short else words)
        self.contrast.setIcon(QIcon(str(ASSETS / "icons" / "contrast.svg")) if self.contrast_short else QIcon())

    def show_state(self, language: str, theme: Theme) -> None:
        self.language = language
        self.theme = theme
        speaker = "speaker-light.svg" if theme.high_contrast else "speaker.svg"
        if speaker != self.speaker_icon:  # the colours changed: a dark speaker on black is lost
            self.speaker_icon = speaker
            self.read_button.setIcon(QIcon(str(ASSETS / "icons" / speaker)))
        self.size_label.setText(t("text_size", language))
        self.stories_button.setText(t("stories_bar", language))
        self.stories_button.setAccessibleName(t("stories_button", language))
        show_words(self.help_button, t("help_button", language))
        icon_only = not self.read_button.text() and bool(self.read_button.accessibleName())
        show_words(self.read_button, t("read_aloud", language))
        if icon_only:
            self.read_button.setText("")
        self._show_contrast()
        # The three "A" buttons and the staff corner show no words a screen reader could say.
        for size, b in self.size_buttons.items():
            b.setAccessibleName(t(f"text_size_{size}", language))
        self.corner.setAccessibleName(t("staff_corner", language))
        self.language_button.setAccessibleName(f"{t('language_button', language)}: {names_of(self.languages)}")
        self.size_buttons[theme.text_size].setChecked(True)
        self._fit()
