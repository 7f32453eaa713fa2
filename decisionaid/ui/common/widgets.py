"""The kiosk's building blocks: a screen base that re-translates itself, big buttons, the
navigation row, progress, the read-aloud button and the top bar.

Text on a screen is bound to a function of the language, so switching language at any moment
re-words the screen in place without losing what the user has chosen or typed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPointF, QSize, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from decisionaid import i18n
from decisionaid.content import emphasis
from decisionaid.ui.common.speech import clean_spoken
from decisionaid.ui.common.strings import t
from decisionaid.ui.common.theme import ASSETS, MIN_TARGET_PX, Theme

if TYPE_CHECKING:
    pass

Wording = Callable[[str], str]

# The welcome screen is drawn before PySide6's ``Qt`` namespace is first touched: building its
# ninety-odd Python enums takes about 20 ms, an eighth of the kiosk's start (bench_kiosk). So
# what is made before that first paint sets Qt's values through Qt's property system, and only
# the screens shown after it import ``Qt``. (tests/ui/test_kiosk_start.py checks both.)
PLAIN_TEXT = 0  # Qt.TextFormat.PlainText
RICH_TEXT = 1  # Qt.TextFormat.RichText
NO_FOCUS = 0  # Qt.FocusPolicy.NoFocus
ALWAYS_OFF = 1  # Qt.ScrollBarPolicy.ScrollBarAlwaysOff
ALIGN_CENTER = 0x84  # Qt.AlignmentFlag.AlignCenter
ALIGN_RIGHT = 0x82  # Qt.AlignmentFlag.AlignRight | AlignVCenter


def wording(key: str, **values: object) -> Wording:
    return lambda language: t(key, language, **values)


def label(role: str = "", text: str = "", wrap: bool = True) -> QLabel:
    widget = QLabel(text)
    widget.setWordWrap(wrap)
    widget.setProperty("textFormat", PLAIN_TEXT)
    if role:
        widget.setProperty("role", role)
    widget.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return widget


class ContentLabel(QLabel):
    """A label for text from the content files, where ``**bold**`` is shown bold.

    Only a text with emphasis is set as rich text, and then with everything but the bold
    escaped (a text can never inject markup). ``text()`` gives the words without the marks,
    so what "Read to me" reads and a screen reader's name never say "asterisk"."""

    def setText(self, text: str) -> None:
        self._words = emphasis.plain(text)
        if emphasis.has_emphasis(text):
            self.setProperty("textFormat", RICH_TEXT)
            super().setText(emphasis.html(text))
        else:
            self.setProperty("textFormat", PLAIN_TEXT)
            super().setText(self._words)
        self.setAccessibleName(self._words)

    def text(self) -> str:
        return getattr(self, "_words", super().text())


def content_label(role: str = "", text: str = "", wrap: bool = True) -> ContentLabel:
    widget = ContentLabel()
    widget.setWordWrap(wrap)
    widget.setText(text)
    if role:
        widget.setProperty("role", role)
    widget.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return widget


def button(role: str = "", text: str = "", name: str = "", kind: type[QPushButton] = QPushButton) -> QPushButton:
    widget = kind(text)
    if role:
        widget.setProperty("role", role)
    if name:
        widget.setObjectName(name)
    # Touch: a press never leaves a focus ring behind, and the on-screen keys keep the cursor
    # in the text box.
    widget.setProperty("focusPolicy", NO_FOCUS)
    widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return widget


def repolish(widget: QWidget) -> None:
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def centred(widget: QLabel) -> QLabel:
    widget.setProperty("alignment", ALIGN_CENTER)
    return widget


# Arrows and marks that decorate a button's words: drawn, not said ("Next ▶" is "Next").
DECORATIONS = "\u25c0\u25b6\u25b2\u25bc\u25cf\u25cb\u2610\u2611\u25c9\u275a\u21ba "


def show_words(widget: QWidget, text: str) -> None:
    """Put ``text`` on ``widget``; a button is named for a screen reader without the arrows,
    and a widget with no words of its own (a progress bar) is named by them."""
    if not hasattr(widget, "setText"):
        widget.setAccessibleName(text)
        return
    widget.setText(text)
    if isinstance(widget, QAbstractButton):
        widget.setAccessibleName(text.strip(DECORATIONS))


class NamedButton(QPushButton):
    """A button whose words, set any time, are also its screen-reader name, without the
    drawn arrows ("▶  Play" is "Play")."""

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setAccessibleName(text.strip(DECORATIONS))


def at_right(widget: QWidget) -> QHBoxLayout:
    """A row holding ``widget`` against its right edge."""
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    row.addStretch(1)
    row.addWidget(widget)
    return row


class Screen(QFrame):
    """One kiosk screen. Subclasses bind their texts with ``worded`` and may offer ``spoken_text``
    (what "Read to me" reads)."""

    def __init__(self, language: str, theme: Theme, parent: QWidget | None = None):
        super().__init__(parent)
        self.setProperty("screen", True)  # a QFrame: the style sheet's background is drawn
        self.language = language
        self.theme = theme
        self._texts: list[tuple[QWidget, Wording]] = []
        self.hints: list[ScrollHints] = []  # every scroll area's "More below" (see release_hints)

    def worded(self, widget: QLabel | QAbstractButton, text: Wording | str) -> QWidget:
        fn: Wording = text if callable(text) else wording(text)
        show_words(widget, fn(self.language))
        self._texts.append((widget, fn))
        return widget

    def unworded(self, widget: QWidget) -> None:
        """Forget a widget bound with ``worded`` (it is being taken off the screen)."""
        self._texts = [(w, fn) for w, fn in self._texts if w is not widget]

    def retranslate(self, language: str) -> None:
        self.language = language
        for widget, fn in self._texts:
            show_words(widget, fn(language))
        self.on_language(language)

    def on_language(self, language: str) -> None:
        """Re-word anything not bound with ``worded`` (content texts)."""

    def spoken_text(self) -> str:
        """What "Read to me" reads: by default every word shown, in reading order."""
        return sentences(spoken_words(self))

    def page_layout(self) -> QVBoxLayout:
        """The layout a screen fills. What is put in it scrolls, inside the screen, when it is
        taller than the window (large text on a small screen), with "More below" and "More
        above" buttons and a fade at the cut; a ``NavBar`` added to it goes instead into a
        footer that never scrolls, so Back, Skip and Next are always in the same place."""
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        side = self.theme.px(56)
        self.page_scroll = page_scroll()
        self.page_body = _PageBody()
        self.page_body.setObjectName("page")
        self.page_footer = QWidget()
        self.page_footer.setObjectName("footer")
        footer = QVBoxLayout(self.page_footer)
        footer.setContentsMargins(side, 0, side, self.theme.px(12))
        self.page_footer.hide()  # until a screen adds its navigation row
        layout = _PageLayout(self.page_body, self.page_footer)
        layout.setContentsMargins(side, self.theme.px(16), side, self.theme.px(4))
        layout.setSpacing(self.theme.px(18) // 2)
        self.page_scroll.setWidget(self.page_body)
        outer.addWidget(self.page_scroll, 1)
        outer.addWidget(self.page_footer)
        self.scroll_hints = ScrollHints(self.page_scroll, self)
        return layout

    def to_top(self) -> None:
        """Back to the top of the page: a screen refilled for the next question starts at its
        title, wherever the person had scrolled the last one."""
        if getattr(self, "page_scroll", None) is not None:
            self.page_scroll.verticalScrollBar().setValue(0)

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.DeferredDelete:
            release_hints(self)  # about to be destroyed: see ScrollHints.detach
        return super().event(event)

    def showEvent(self, event) -> None:
        # Every scrolling list a screen has, not only its page, gets the buttons and fades.
        for area in self.findChildren(QScrollArea):
            if not area.property("hinted"):
                ScrollHints(area, self)
        super().showEvent(event)


def release_hints(screen: Screen, within: QWidget | None = None) -> None:
    """Detach the "More below" buttons of the screen's scroll areas (those inside ``within``
    only, when given) before they are destroyed. The screen keeps the list: a search of its
    children would tie a Python wrapper to each one and keep it."""
    kept = []
    for hints in screen.hints:
        if within is None or hints.area is within or within.isAncestorOf(hints.area):
            hints.detach()
        else:
            kept.append(hints)
    screen.hints = kept


def page_scroll() -> QScrollArea:
    """A scroll area for a page: vertical only, no frame, nothing in it takes the focus."""
    area = QScrollArea()
    # Its viewport made here, as Qt makes its own: the first ``viewport()`` asked of a scroll
    # area Qt made makes PySide6 look through every kind of widget (and build some eighty of
    # their enums, about 13 ms) to name it, and the welcome screen asks before its first paint.
    viewport = QWidget()
    viewport.setObjectName("qt_scrollarea_viewport")
    viewport.setBackgroundRole(QPalette.ColorRole.Base)
    viewport.setAutoFillBackground(True)
    area.setViewport(viewport)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setProperty("focusPolicy", NO_FOCUS)
    area.setProperty("horizontalScrollBarPolicy", ALWAYS_OFF)
    # No thin bar: the large "More below" and "More above" buttons do its work.
    area.setProperty("verticalScrollBarPolicy", ALWAYS_OFF)
    return area


class _PageBody(QWidget):
    """What scrolls in a page. Its least height is what its words need at its real width:
    a wrapping label's own minimum is its height at its narrowest, which would make a page
    scroll that fits."""

    def minimumSizeHint(self) -> QSize:
        layout = self.layout()
        least = layout.totalMinimumSize()
        if layout.hasHeightForWidth() and self.width() > 0:
            return QSize(least.width(), min(least.height(), layout.totalHeightForWidth(self.width())))
        return least


class _PageLayout(QVBoxLayout):
    """A screen's page: a navigation row added here goes into the screen's footer."""

    def __init__(self, parent: QWidget, footer: QWidget):
        super().__init__(parent)
        self._footer = footer

    def addWidget(self, widget: QWidget, *args) -> None:
        if isinstance(widget, NavBar):
            self._footer.layout().addWidget(widget)
            self._footer.show()
            return
        super().addWidget(widget, *args)


class Fade(QWidget):
    """A thin band of the screen's background that grows opaque towards the edge of a scroll
    area: the cut looks like a cut, not like the end. Taps go through it to what is under it
    (an answer half in view is still chosen by a tap); the "More" button beside it scrolls."""

    def __init__(self, parent: QWidget, colour: str, towards_bottom: bool):
        super().__init__(parent)
        self.colour = QColor(colour)
        self.towards_bottom = towards_bottom
        from PySide6.QtCore import Qt  # made when a list first overflows, after the first paint

        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def paintEvent(self, _event) -> None:
        # Not before the first paint: the gradient brings PySide6's 169 gradient presets.
        from PySide6.QtGui import QLinearGradient, QPainter

        painter = QPainter(self)
        clear = QColor(self.colour)
        clear.setAlpha(0)
        gradient = QLinearGradient(QPointF(0, 0), QPointF(0, self.height()))
        gradient.setColorAt(0.0, clear if self.towards_bottom else self.colour)
        gradient.setColorAt(1.0, self.colour if self.towards_bottom else clear)
        painter.fillRect(self.rect(), gradient)


class ScrollHints(QObject):
    """Gives a scroll area large "▲ More above" and "More below ▼" buttons (shown only when
    there is more that way), each in a strip of its own at that edge, outside the list, so it
    never covers an answer; a thin fade marks the cut. A press scrolls most of a screenful."""

    def __init__(self, area: QScrollArea, screen: Screen):
        super().__init__(area)
        area.setProperty("hinted", True)
        self.area = area
        screen.hints.append(self)
        self.colour = screen.theme.background
        self.fades: tuple[Fade, Fade] | None = None  # made when first needed
        self.strips = (0, 0)  # the room kept above and below the list for the buttons
        self.above = screen.worded(button("more", name="more_above"), "more_above")
        self.below = screen.worded(button("more", name="more_below"), "more_below")
        for b in (self.above, self.below):
            b.setParent(area)
            b.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            b.hide()
        self.above.clicked.connect(lambda: self._scroll(-1))
        self.below.clicked.connect(lambda: self._scroll(1))
        bar = area.verticalScrollBar()
        bar.rangeChanged.connect(self._soon)
        bar.valueChanged.connect(self.place)
        self._later = QTimer(self)  # goes with the area, so never fires after it
        self._later.setSingleShot(True)
        self._later.setInterval(0)
        self._later.timeout.connect(self.place)
        area.installEventFilter(self)
        area.viewport().installEventFilter(self)

    def detach(self) -> None:
        """Stop watching the area. Called before the area is destroyed: while Qt takes a
        widget apart it still hands its events to filters, and a Python filter given a
        half-destroyed widget can crash the process."""
        self.area.removeEventFilter(self)
        self.area.viewport().removeEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.LayoutRequest):
            self._later.start()
        return False

    def _soon(self, *_args) -> None:
        self._later.start()

    def _scroll(self, direction: int) -> None:
        bar = self.area.verticalScrollBar()
        bar.setValue(bar.value() + direction * max(bar.singleStep(), self.area.viewport().height() * 3 // 4))

    def place(self, *_args) -> None:
        bar = self.area.verticalScrollBar()
        more_above, more_below = bar.value() > bar.minimum(), bar.value() < bar.maximum()
        inner = self.area.widget()
        if inner is not None and inner.height() <= self.area.viewport().height() + sum(self.strips):
            # It all fits once the strips are given back (a shorter question on a reused
            # screen): no strips, no buttons.
            more_above = more_below = False
        if self.fades is None:
            if not (more_above or more_below):
                return
            self.fades = (Fade(self.area, self.colour, False), Fade(self.area, self.colour, True))
        height = max(self.below.sizeHint().height(), MIN_TARGET_PX)
        strip = height + 8
        strips = (strip if more_above else 0, strip if more_below else 0)
        if strips != self.strips:
            # The list gives up the strip the button needs; what it held scrolls, as the rest.
            # The buttons are placed once the area has been laid out again (never from inside
            # that layout: the range it changes would call this again, and again).
            self.strips = strips
            self.area.setViewportMargins(0, strips[0], 0, strips[1])
            self._later.start()
            return
        view = self.area.viewport().geometry()
        for b, fade, shown, at_top in ((self.above, self.fades[0], more_above, True),
                                        (self.below, self.fades[1], more_below, False)):
            b.setVisible(shown)
            fade.setVisible(shown)
            if not shown:
                continue
            width = min(b.sizeHint().width(), view.width())
            x = view.x() + (view.width() - width) // 2
            y = view.y() - strip + 4 if at_top else view.y() + view.height() + 4
            b.setGeometry(x, y, width, height)
            band = min(view.height() // 6, height // 2)
            fade.setGeometry(view.x(), view.y() if at_top else view.y() + view.height() - band,
                             view.width(), band)
            fade.raise_()
            b.raise_()


class WholeButton(QPushButton):
    """A button never narrower than its words (nor than ``least``), in any language and look.

    The style sheet's min-width is an explicit minimum, and an explicit minimum wins over a
    button's own hint: a crowded row would cut "Saltar esta parte" short. So the minimum is
    set again, from the words, whenever the words or the look change."""

    least = 0

    def setText(self, text: str) -> None:
        super().setText(text)
        self._keep_words()

    def event(self, event) -> bool:
        done = super().event(event)
        if event.type() in (QEvent.Type.Polish, QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._keep_words()
        return done

    def _keep_words(self) -> None:
        want = max(self.least, self.sizeHint().width())
        if self.minimumWidth() != want:
            self.setMinimumWidth(want)


class NavButton(WholeButton):
    """Back, Skip or Next."""


class NavBar(QWidget):
    """Back, Skip and Next along the bottom, in the same places on every screen."""

    back = Signal()
    skip = Signal()
    next = Signal()

    def __init__(self, screen: Screen, *, skip: bool = True, next_key: str = "next",
                 back_key: str = "back", skip_key: str = "skip"):
        super().__init__()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, screen.theme.px(4), 0, 0)
        column.setSpacing(2)
        # Why Next is greyed out, just above it, on a line kept for it on every screen (so the
        # buttons never move); the fit check says if the words do not fit the line.
        self.why = label("why", wrap=False)
        self.why.setObjectName("why_not")
        self.why.setProperty("alignment", ALIGN_RIGHT)
        self.why.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        column.addWidget(self.why)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(screen.theme.px(24))
        column.addLayout(row)
        wide = screen.theme.px(260)
        self.back_button = screen.worded(button("quiet", name="back", kind=NavButton), wording_arrow(back_key, left=True))
        self.skip_button = screen.worded(button("", name="skip", kind=NavButton), skip_key)
        self.next_button = screen.worded(button("primary", name="next", kind=NavButton), wording_arrow(next_key))
        for b in (self.back_button, self.skip_button, self.next_button):
            b.least = wide
            b.setText(b.text())
        row.addWidget(self.back_button, 1)
        row.addStretch(1)
        row.addWidget(self.skip_button, 1)
        row.addStretch(1)
        row.addWidget(self.next_button, 2)
        self.skip_button.setVisible(skip)
        self.back_button.clicked.connect(self.back)
        self.skip_button.clicked.connect(self.skip)
        self.next_button.clicked.connect(self.next)

    def set_next(self, ready: bool, why: str = "") -> None:
        """Next works, or is greyed out and ``why`` says what it waits for."""
        self.next_button.setEnabled(ready)
        reason = "" if ready else why
        self.why.setText(reason)
        self.next_button.setAccessibleDescription(reason)


def wording_arrow(key: str, left: bool = False) -> Wording:
    """The words of ``key`` with an arrow pointing the way the button goes: Back's at the
    start, Next's at the end; in a right-to-left language, where Back is on the right, they
    point the other way."""
    def worded(language: str) -> str:
        back, forward = ("\u25b6", "\u25c0") if i18n.is_right_to_left(language) \
            else ("\u25c0", "\u25b6")
        return f"{back}  {t(key, language)}" if left else f"{t(key, language)}  {forward}"
    return worded


# Buttons that only move about the screen or read it: "Read to me" does not read them out.
UNSPOKEN_BUTTONS = {"back", "skip", "next", "more_above", "more_below", "read_aloud", "readAloudButton"}


def sentences(words: list[str]) -> str:
    """Words read one after another, each ending as a sentence (a voice pauses there)."""
    words = [w.strip() for w in words if w and w.strip()]
    return clean_spoken(" ".join(w if w[-1] in ".?!:;…" else w + "." for w in words))


def spoken_words(root: QWidget) -> list[str]:
    """The words on ``root`` a person would read, in the order its layouts place them: each
    label, and each button's name (its choices), skipping what is hidden and what has no words
    of its own to read (keyboards, keypads and grids mark themselves ``unspoken``)."""
    from PySide6.QtWidgets import QScrollArea, QStackedWidget

    words: list[str] = []

    def visit(widget: QWidget) -> None:
        if widget.isHidden() or getattr(widget, "unspoken", False) or widget.property("unspoken"):
            return
        if isinstance(widget, NavBar):
            return
        if isinstance(widget, QLabel):
            pixmap = widget.pixmap()
            if pixmap is not None and not pixmap.isNull():
                return  # a picture (the page's preview)
            text = widget.text()
            if not isinstance(widget, ContentLabel) and "<" in text:
                text = re.sub(r"<[^>]*>", " ", text)
            words.append(" ".join(text.split()))
            return
        if isinstance(widget, QAbstractButton):
            if widget.objectName() not in UNSPOKEN_BUTTONS:
                name = widget.accessibleName() or widget.text().strip(DECORATIONS)
                if name:
                    words.append(name)
            return
        if isinstance(widget, QStackedWidget):
            if widget.currentWidget() is not None:
                visit(widget.currentWidget())
            return
        if isinstance(widget, QScrollArea):
            if widget.widget() is not None:
                visit(widget.widget())
            return
        if widget.layout() is not None:
            walk(widget.layout())
        elif widget.accessibleName():  # a drawn control (a story card) is read by its name
            words.append(widget.accessibleName())

    def walk(layout) -> None:
        for i in range(layout.count()):
            item = layout.itemAt(i)
            if item.widget() is not None:
                visit(item.widget())
            elif item.layout() is not None:
                walk(item.layout())

    visit(root)
    return [w for w in words if w]


class Progress(QWidget):
    """"Part 2 of 7" and a bar, so a user can see how far they have come. ``show_part`` moves it
    on when the screen it sits on is refilled for the next question."""

    def __init__(self, screen: Screen, part: int = 0, parts: int = 0, fraction: float = 0.0,
                 title: Wording = lambda language: ""):
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.part, self.parts, self.title = part, parts, title
        self.label = screen.worded(
            label("small"),
            lambda lang: f"{t('part_of', lang, n=self.part, m=self.parts)}  \u00b7  {self.title(lang)}",
        )
        self.label.setObjectName("progress")
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setValue(round(fraction * 1000))
        self.bar.setTextVisible(False)
        self.bar.setObjectName("progress_bar")
        # A bar shows no words: a screen reader hears "How far you are: part 2 of 8".
        screen.worded(self.bar, lambda lang: t("progress_named", lang, n=self.part, m=self.parts))
        layout.addWidget(self.label)
        layout.addWidget(self.bar)

    def show_part(self, part: int, parts: int, fraction: float, title: Wording, language: str) -> None:
        self.part, self.parts, self.title = part, parts, title
        self.label.setText(f"{t('part_of', language, n=part, m=parts)}  \u00b7  {title(language)}")
        self.bar.setAccessibleName(t("progress_named", language, n=part, m=parts))
        self.bar.setValue(round(fraction * 1000))


class ReadAloud(QWidget):
    """The "Read to me" button. Without a speech engine it says so, in place, when pressed."""

    def __init__(self, screen: Screen, speaker):
        super().__init__()
        self.screen = screen
        self.speaker = speaker
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # A space between the speaker and the words (its screen-reader name has none).
        words = wording("read_aloud")
        self.button = screen.worded(button("", name="read_aloud"), lambda language: "  " + words(language))
        icon = "speaker-light.svg" if screen.theme.high_contrast else "speaker.svg"
        self.button.setIcon(QIcon(str(ASSETS / "icons" / icon)))
        size = screen.theme.px(40)
        self.button.setIconSize(QSize(size, size))
        self.button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.notice = screen.worded(label("notice"), "no_speech")
        self.notice.setObjectName("no_speech")
        self.notice.setVisible(False)
        layout.addLayout(at_right(self.button))
        layout.addWidget(self.notice)
        self.button.clicked.connect(self.read)
        self._asked = False  # this button started the reading in progress
        if hasattr(speaker, "failed"):  # the engine gave up on a reading after it began
            speaker.failed.connect(self._failed)

    def read(self) -> None:
        self._asked = True
        if not self.speaker.available or not self.speaker.say(self.screen.spoken_text(), self.screen.language):
            self.notice.setVisible(True)

    def _failed(self, _reason: str) -> None:
        if self._asked and self.isVisible():
            self.notice.setVisible(True)
