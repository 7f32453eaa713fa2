"""One answer widget per item type: scale, choice, multi, yes/no, text, info.

Each shows the item's options as the content declares them and reports what the user has
chosen with ``value()`` (None while nothing is chosen). Whether an answer is acceptable is the
engine's to say; these widgets only keep the choice the content describes (``exclusive``
clears the others, ``max`` stops further choices).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from decisionaid.content import emphasis
from decisionaid.content.model import Item, text_in, yesno_labels
from decisionaid.ui.common.keyboard import Keyboard, keep_cursor
from decisionaid.ui.common.roles import as_radio
from decisionaid.ui.common.strings import t, tn
from decisionaid.ui.common.theme import Theme
from decisionaid.ui.common.widgets import ContentLabel, label, repolish, sentences


class OptionButton(QPushButton):
    """A large checkable button whose label wraps (long Spanish labels at the largest text
    size), with a mark that shows the choice without relying on colour."""

    def __init__(self, text: str, role: str, mark: tuple[str, str], name: str, min_height: int):
        super().__init__()
        self.setObjectName(name)
        self.setProperty("role", role)
        self.setCheckable(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._mark = mark
        self._text = text
        self._styled_checked: bool | None = None
        self.inner = ContentLabel()  # **bold** in an option is shown bold
        self.inner.setWordWrap(True)
        self.inner.setTextFormat(Qt.TextFormat.PlainText)
        self.inner.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.inner.setProperty("role", "option_text")
        align = Qt.AlignmentFlag.AlignCenter if role == "scale" else Qt.AlignmentFlag.AlignLeft
        self.inner.setAlignment(align | Qt.AlignmentFlag.AlignVCenter)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.addWidget(self.inner)
        self.setMinimumHeight(min_height)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.toggled.connect(self.redraw)
        self.redraw()

    def label_text(self) -> str:
        return emphasis.plain(self._text)

    def set_label(self, text: str) -> None:
        self._text = text
        self.redraw()

    def widest_word(self) -> int:
        """The width a button needs for the longest word of its label (with its mark) on a line."""
        metrics = self.inner.fontMetrics()
        bold = QFont(self.inner.font())
        bold.setBold(True)  # a chosen answer is drawn bold
        wide = QFontMetrics(bold)
        words = f"{self._mark[0]}  {emphasis.plain(self._text)}".split(" ")
        widest = max(max(metrics.horizontalAdvance(w), wide.horizontalAdvance(w)) for w in words)
        return widest + 48  # the label's margins and the button's border

    def redraw(self, *_args) -> None:
        checked = self.isChecked()
        mark = self._mark[1] if checked else self._mark[0]
        self.inner.setText(f"{mark}  {self._text}")
        self.setAccessibleName(emphasis.plain(self._text))  # the button itself has no text
        if checked != self._styled_checked:  # re-styling is the costly part: only on a change
            self._styled_checked = checked
            self.inner.setProperty("checked", checked)
            repolish(self.inner)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.EnabledChange:
            self.inner.setProperty("off", not self.isEnabled())
            repolish(self.inner)

    def sizeHint(self):
        hint = super().sizeHint()
        inner = self.inner.sizeHint()
        hint.setHeight(max(self.minimumHeight(), inner.height() + 24))
        return hint

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return max(self.minimumHeight(), self.inner.heightForWidth(max(10, width - 32)) + 24)


RADIO = ("\u25cb", "\u25c9")
CHECK = ("\u2610", "\u2611")


class AnswerWidget(QWidget):
    """The answer part of a question screen. ``load(item)`` readies it for another item of
    the same type, with nothing chosen (the kiosk refills one screen per type rather than
    building a new one for every question); ``retranslate`` then words it."""

    changed = Signal()

    def __init__(self, theme: Theme, language: str):
        super().__init__()
        self.item: Item | None = None
        self.theme = theme
        self.language = language

    def load(self, item: Item) -> None:
        self.item = item

    def value(self) -> object | None:
        return None

    def set_value(self, value: object) -> None:
        pass

    def retranslate(self, language: str) -> None:
        self.language = language

    def hint(self, language: str) -> str:
        return ""

    def spoken(self, language: str) -> str:
        return ""


def _bigger(theme: Theme, px: int) -> int:
    """A size that grows a little with the chosen text size, so long labels still fit."""
    return theme.px(round(px * {"normal": 1.0, "large": 1.15, "largest": 1.3}[theme.text_size]))


class _OptionsAnswer(AnswerWidget):
    role = "option"
    mark = RADIO
    exclusive_group = True
    min_height = 88

    def __init__(self, theme: Theme, language: str):
        super().__init__(theme, language)
        self.group = QButtonGroup(self)
        self.group.setExclusive(self.exclusive_group)
        self.pool: list[OptionButton] = []  # made as items need them, kept for the next item
        self.buttons: list[tuple[object, OptionButton]] = []  # this item's options, in order
        self._frame()

    def _options(self):
        return [(o.value, lambda lang, o=o: text_in(o.label, lang)) for o in self.item.options]

    def reserve(self, count: int) -> None:
        """Have at least ``count`` option buttons made (hidden until an item uses them)."""
        while len(self.pool) < count:
            index = len(self.pool)
            b = OptionButton("", self.role, self.mark, "", _bigger(self.theme, self.min_height))
            if self.exclusive_group:
                as_radio(b)  # one answer: a radio button to a screen reader, not a toggle
            b.hide()
            self.group.addButton(b)
            b.toggled.connect(lambda checked, i=index: self._toggled_at(i, checked))
            self.pool.append(b)
            self._add(b)

    def load(self, item: Item) -> None:
        super().load(item)
        options = self._options()
        self.reserve(len(options))
        self._uncheck_all(redraw=False)  # the labels are redrawn once, with their new words
        self.buttons = []
        for (value, _text), b in zip(options, self.pool, strict=False):
            b.setObjectName(f"option_{value}")
            b.setEnabled(True)
            self.buttons.append((value, b))
        self._place(len(options))
        for i, b in enumerate(self.pool):
            b.setVisible(i < len(options))

    def _uncheck_all(self, redraw: bool = True) -> None:
        self.group.setExclusive(False)  # an exclusive group will not let its last choice go
        for b in self.pool:
            b.blockSignals(True)
            b.setChecked(False)
            b.blockSignals(False)
            if redraw:
                b.redraw()
        self.group.setExclusive(self.exclusive_group)

    # More than four options go in two columns when the screen is wide enough for two columns
    # of words at the chosen text size, else one: answers reflow, never shrink. A list longer
    # than the screen scrolls with the rest of the page (a drag-to-scroll gesture would swallow
    # taps on the options, so the page has a bar and "More below").
    def _frame(self) -> None:
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(self.theme.px(14))
        self._placed: tuple[int, int] | None = None
        self.inner = self

    def _add(self, b: OptionButton) -> None:
        b.setParent(self)  # placed in the grid by ``_place``, once the count is known
        b.hide()

    def _column_px(self) -> int:
        """The narrowest a column of options may be at this text size."""
        return _bigger(self.theme, 440)

    def _place(self, count: int) -> None:
        wide = self.width() >= 2 * self._column_px() + self.grid.spacing()
        columns = 2 if count > 4 and wide else 1
        if self._placed == (count, columns):
            return
        for b in self.pool:
            self.grid.removeWidget(b)
        if self._placed is not None:
            old_rows = (self._placed[0] + self._placed[1] - 1) // self._placed[1]
            self.grid.setRowStretch(old_rows, 0)
        rows = max(1, (count + columns - 1) // columns)
        for i, b in enumerate(self.pool[:count]):
            self.grid.addWidget(b, i % rows, i // rows)
        self.grid.setRowStretch(rows, 1)
        self._placed = (count, columns)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.buttons:
            self._place(len(self.buttons))

    def _toggled_at(self, index: int, checked: bool) -> None:
        if index < len(self.buttons):
            self._toggled(self.buttons[index][0], checked)

    def _toggled(self, value, checked: bool) -> None:
        self.changed.emit()

    def button(self, value) -> OptionButton:
        for v, b in self.buttons:
            if v == value and type(v) is type(value):
                return b
        raise KeyError(value)

    def value(self) -> object | None:
        for v, b in self.buttons:
            if b.isChecked():
                return v
        return None

    def set_value(self, value: object) -> None:
        for v, b in self.buttons:
            if v == value and type(v) is type(value):
                b.setChecked(True)
                return
        self._uncheck_all()

    def retranslate(self, language: str) -> None:
        super().retranslate(language)
        texts = dict(self._options())
        for v, b in self.buttons:
            b.set_label(texts[v](language))

    def hint(self, language: str) -> str:
        return t("choose_one", language)

    def spoken(self, language: str) -> str:
        return sentences(list(b.label_text() for _, b in self.buttons))


class ScaleAnswer(_OptionsAnswer):
    """Large buttons in one row, in the order the content gives; one above the other when
    the row is too narrow for their longest words (a portrait screen, the largest text)."""

    role = "scale"
    min_height = 150

    def _frame(self) -> None:
        self.row = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(self.theme.px(16))
        self.row.setAlignment(Qt.AlignmentFlag.AlignTop)

    def _add(self, b: OptionButton) -> None:
        self.row.addWidget(b, 1)

    def _place(self, count: int) -> None:
        """A row if every button can hold its longest word, else a column."""
        if not self.buttons:
            return
        need = sum(b.widest_word() for _, b in self.buttons)
        need += self.row.spacing() * (len(self.buttons) - 1)
        across = need <= self.width()
        direction = QBoxLayout.Direction.LeftToRight if across else QBoxLayout.Direction.TopToBottom
        if self.row.direction() != direction:
            self.row.setDirection(direction)
        for _, b in self.buttons:
            b.setMinimumHeight(_bigger(self.theme, self.min_height) if across else self.theme.target_px)

    def retranslate(self, language: str) -> None:
        super().retranslate(language)
        self._place(len(self.buttons))


class ChoiceAnswer(_OptionsAnswer):
    """One large row per option; choosing one un-chooses the others."""


class MultiAnswer(_OptionsAnswer):
    """One large row per option; several may be chosen, as the content allows."""

    mark = CHECK
    exclusive_group = False

    def _toggled(self, value, checked: bool) -> None:
        if checked:
            option = self.item.option(value)  # type: ignore[arg-type]
            for v, b in self.buttons:
                if v == value:
                    continue
                other = self.item.option(v)  # type: ignore[arg-type]
                # An exclusive option ("None of these") and the others rule each other out.
                if (option and option.exclusive) or (other and other.exclusive):
                    b.blockSignals(True)
                    b.setChecked(False)
                    b.blockSignals(False)
                    b.redraw()
        self._limit()
        self.changed.emit()

    def _limit(self) -> None:
        if self.item.max is None:
            return
        chosen = sum(b.isChecked() for _, b in self.buttons)
        for v, b in self.buttons:
            option = self.item.option(v)  # type: ignore[arg-type]
            full = chosen >= self.item.max and not (option and option.exclusive)
            b.setEnabled(b.isChecked() or not full)

    def value(self) -> object | None:
        chosen = [v for v, b in self.buttons if b.isChecked()]
        return chosen or None

    def set_value(self, value: object) -> None:
        values = value if isinstance(value, list) else []
        for v, b in self.buttons:
            b.blockSignals(True)
            b.setChecked(v in values)
            b.blockSignals(False)
            b.redraw()
        self._limit()

    def hint(self, language: str) -> str:
        if self.item.max:
            return t("choose_up_to", language, n=self.item.max)
        return t("choose_many", language)


class YesNoAnswer(_OptionsAnswer):
    """Yes and No, side by side."""

    role = "scale"

    def _options(self):
        def labels(lang: str) -> tuple[str, str]:
            return yesno_labels(lang)

        return [(True, lambda lang: labels(lang)[0]), (False, lambda lang: labels(lang)[1])]

    def _frame(self) -> None:
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(self.theme.px(40))
        self.row.setAlignment(Qt.AlignmentFlag.AlignTop)

    def _add(self, b: OptionButton) -> None:
        b.setMinimumHeight(self.theme.px(150))
        self.row.addWidget(b, 1)

    def _place(self, count: int) -> None:
        pass

    def hint(self, language: str) -> str:
        return t("choose_one", language)


# "12 letters left" shows from here on: before, it only takes room from the question.
LETTERS_WARNING = 40


class TextAnswer(AnswerWidget):
    """A text box and the on-screen keyboard; shows how many letters are left."""

    def __init__(self, theme: Theme, language: str):
        super().__init__(theme, language)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.box = QPlainTextEdit()
        self.box.setObjectName("text_answer")
        keep_cursor(self.box)
        self.box.setMinimumHeight(theme.px(72))
        self.box.setMaximumHeight(theme.px(100))
        self.box.setPlaceholderText(t("type_here", language))
        self.left = label("small")
        self.left.setObjectName("letters_left")
        self.left.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.left.hide()  # until the end is near: a line less for the keyboard to push down
        self.keyboard = Keyboard(self.box, theme, language)
        layout.addWidget(self.box)
        layout.addWidget(self.left)
        layout.addWidget(self.keyboard)
        self.box.textChanged.connect(self._changed)

    def load(self, item: Item) -> None:
        """Ready for ``item``: the box empty, with no undo history of the last answer."""
        super().load(item)
        self.box.blockSignals(True)
        self.box.clear()  # also clears the undo stack
        self.box.blockSignals(False)
        self.keyboard.reset()

    def _changed(self) -> None:
        if self.item is None:
            return
        text = self.box.toPlainText()
        if len(text) > self.item.max_length:
            # The keys stop at the limit; this also trims carried-forward text that was longer.
            self.box.blockSignals(True)
            self.box.setPlainText(text[: self.item.max_length])
            self.box.moveCursor(self.box.textCursor().MoveOperation.End)
            self.box.blockSignals(False)
            text = self.box.toPlainText()
        left = self.item.max_length - len(text)
        self.left.setText(tn("letters_left", left, self.language))
        self.left.setVisible(left <= LETTERS_WARNING)
        if text and self.isVisible():
            self._keys_in_view()
        self.changed.emit()

    def _keys_in_view(self) -> None:
        """Once typing starts, the page scrolls (if it must) so the whole keyboard shows: on
        a small screen at the largest text its last rows may start below the cut."""
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if parent is not None:
            parent.ensureWidgetVisible(self.keyboard, 0, 0)
            # What is left below is only the page's margin: go to the end, so the fade and
            # "More below" do not lie over the last row of keys.
            bar = parent.verticalScrollBar()
            if bar.maximum() - bar.value() < parent.viewport().height() // 4:
                bar.setValue(bar.maximum())

    def value(self) -> object | None:
        text = self.box.toPlainText().strip()
        return text or None

    def set_value(self, value: object) -> None:
        self.box.setPlainText(str(value) if value else "")
        self.box.moveCursor(self.box.textCursor().MoveOperation.End)
        self.box.setFocus()

    def retranslate(self, language: str) -> None:
        super().retranslate(language)
        self.box.setPlaceholderText(t("type_here", language))
        if self.item is not None:  # a screen reader names the box by its question
            self.box.setAccessibleName(emphasis.plain(text_in(self.item.text, language)))
        self.keyboard.retranslate(language)
        self._changed()


class InfoAnswer(AnswerWidget):
    """Nothing to answer: the screen's text is the point."""

    def value(self) -> object | None:
        return None


WIDGETS = {
    "scale": ScaleAnswer,
    "choice": ChoiceAnswer,
    "multi": MultiAnswer,
    "yesno": YesNoAnswer,
    "text": TextAnswer,
    "info": InfoAnswer,
    "vignettes": InfoAnswer,
}


def answer_widget(item_type: str, theme: Theme, language: str) -> AnswerWidget:
    """An empty answer widget for items of ``item_type``; ``load`` an item into it."""
    return WIDGETS[item_type](theme, language)


__all__ = ["WIDGETS", "AnswerWidget", "answer_widget"]
