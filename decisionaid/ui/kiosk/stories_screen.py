"""The "Stories from peers" library: every vignette, by topic, suggested ones first.

``StoriesScreen(content, language, suggested_ids)`` lists the site's vignettes as large cards.
The vignettes suggested by the user's answers come first under "Suggested for you"; the rest
follow under plain topic names. Each vignette is listed once (under its first topic), so the
list never seems to repeat itself. Tapping a card emits ``chosen(vignette_id)``; the Back
button emits ``closed()``.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from decisionaid.content.model import Content, Vignette, text_in
from decisionaid.ui.common.strings import t, tn
from decisionaid.ui.common.touch_scroll import drag_to_scroll


def tr(key: str, language: str) -> str:
    """A fixed text of this screen in ``language``, from the one catalogue (``strings``)."""
    return t(f"stories_{key}", language)


def how_long(seconds: int, language: str) -> str:
    if seconds < 60:
        return tr("under_minute", language)
    minutes = round(seconds / 60)
    return tn("stories_minutes", minutes, language)


def arrange(
    content: Content, suggested_ids: Iterable[str], language: str
) -> list[tuple[str | None, list[Vignette]]]:
    """The library's sections in order: (topic id, or None for "suggested", vignettes).

    Suggested vignettes keep the order they were suggested in; the others go under their first
    topic, topics in the order the content declares them (``vignettes/_topics.yaml``) then by
    name, stories by title.
    """
    vignettes = content.vignettes
    suggested: list[Vignette] = []
    for vid in suggested_ids:
        if vid in vignettes and vignettes[vid] not in suggested:
            suggested.append(vignettes[vid])
    by_topic: dict[str, list[Vignette]] = {}
    for vignette in vignettes.values():
        if vignette in suggested:
            continue
        by_topic.setdefault(vignette.topics[0] if vignette.topics else "", []).append(vignette)
    known = list(content.topics)

    def topic_order(topic: str) -> tuple[int, str]:
        return (known.index(topic) if topic in known else len(known),
                content.topic_name(topic, language))

    sections: list[tuple[str | None, list[Vignette]]] = [(None, suggested)] if suggested else []
    for topic in sorted(by_topic, key=topic_order):
        stories = sorted(by_topic[topic], key=lambda v: text_in(v.title, language).casefold())
        sections.append((topic, stories))
    return sections


def _label(name: str, role: str | None = None, text: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    if role:
        label.setProperty("role", role)
    label.setWordWrap(True)
    # Taps go through to the card underneath.
    label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    return label


class StoryCard(QFrame):
    """One story as a large tappable card: title, what the peer shares, who, how long."""

    clicked = Signal()

    def __init__(self, vignette: Vignette, language: str, suggested: bool, watched: bool):
        super().__init__()
        self.vignette_id = vignette.id
        self.suggested = suggested
        self.setObjectName("storyCard")
        self.setProperty("role", "panel")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setMinimumHeight(120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        box = QVBoxLayout(self)
        box.setContentsMargins(20, 16, 20, 16)
        box.setSpacing(6)
        badges = QHBoxLayout()
        badges.setSpacing(8)
        if suggested:
            badges.addWidget(self._badge("suggestedBadge", tr("suggested_one", language), "#dcebf7", "#0d3557"))
        if watched:
            badges.addWidget(self._badge("watchedBadge", tr("watched", language), "#e1f0e5", "#1e4d2b"))
        if vignette.sample:
            badges.addWidget(self._badge("sampleBadge", tr("sample", language), "#fff4d6", "#5c3d00"))
        badges.addStretch(1)
        title = _label("storyTitle", "question", text_in(vignette.title, language))
        summary = _label("storySummary", "help", text_in(vignette.summary, language))
        peer = text_in(vignette.peer, language)
        about = _label("storyAbout", "small", f"{peer} · {how_long(vignette.duration_s, language)}")
        box.addWidget(title)
        box.addWidget(summary)
        box.addWidget(about)
        box.addLayout(badges)
        self.title = title.text()
        # One control to a screen reader: named by its title, described by the rest.
        self.setAccessibleName(t("story_named", language, title=self.title))
        self.setAccessibleDescription(f"{summary.text()} {about.text()}")

    def _badge(self, name: str, text: str, background: str, colour: str) -> QLabel:
        badge = _label(name, "small", text)
        badge.setWordWrap(False)
        badge.setStyleSheet(
            f"QLabel#{name} {{ background: {background}; color: {colour}; border-radius: 8px;"
            " padding: 2px 10px; font-weight: bold; }"
        )
        return badge

    def badges(self) -> list[str]:
        """The words on this card's badges ("Suggested for you", "Sample video", …)."""
        return [
            label.text()
            for label in self.findChildren(QLabel)
            if label.objectName() in ("suggestedBadge", "watchedBadge", "sampleBadge")
        ]

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._set_pressed(True)
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        was_pressed = self.property("pressed") is True
        self._set_pressed(False)
        inside = self.rect().contains(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and was_pressed and inside:
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def _set_pressed(self, pressed: bool) -> None:
        self.setProperty("pressed", pressed)
        self.setStyleSheet("QFrame#storyCard { background: #dbe7f2; }" if pressed else "")


class StoriesScreen(QWidget):
    """The library of peer stories. ``chosen(id)`` when a story is tapped, ``closed()`` on Back."""

    chosen = Signal(str)
    closed = Signal()

    def __init__(
        self,
        content: Content,
        language: str,
        suggested_ids: Iterable[str] = (),
        watched_ids: Iterable[str] = (),
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("StoriesScreen")
        self.setProperty("screen", True)
        self.language = language
        self.cards: list[StoryCard] = []
        self.section_titles: list[str] = []
        suggested = [vid for vid in suggested_ids if vid in content.vignettes]
        watched = set(watched_ids)

        root = QVBoxLayout(self)
        root.setContentsMargins(24, 16, 24, 16)
        root.setSpacing(12)
        header = QHBoxLayout()
        titles = QVBoxLayout()
        title = QLabel(tr("title", language))
        title.setObjectName("storiesTitle")
        title.setProperty("role", "title")
        intro = QLabel(tr("intro", language))
        intro.setObjectName("storiesIntro")
        intro.setProperty("role", "help")
        intro.setWordWrap(True)
        titles.addWidget(title)
        titles.addWidget(intro)
        header.addLayout(titles, 1)
        back = QPushButton(tr("back", language))
        back.setObjectName("storiesBackButton")
        back.setMinimumSize(160, 64)
        back.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        back.clicked.connect(self.closed)
        header.addWidget(back, 0, Qt.AlignmentFlag.AlignTop)
        root.addLayout(header)

        body = QWidget()
        body.setObjectName("storiesList")
        grid = QGridLayout(body)
        grid.setContentsMargins(0, 0, 12, 0)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(12)
        self._grid = grid
        self._columns = 0
        self._sections: list[tuple[QLabel, list[StoryCard]]] = []
        for topic, stories in arrange(content, suggested, language):
            heading = QLabel(tr("suggested", language) if topic is None
                             else content.topic_name(topic, language))
            heading.setObjectName("storiesSection")
            heading.setProperty("role", "section")
            heading.setWordWrap(True)
            self.section_titles.append(heading.text())
            cards = []
            for vignette in stories:
                card = StoryCard(vignette, language, topic is None, vignette.id in watched)
                card.clicked.connect(lambda vid=vignette.id: self.chosen.emit(vid))
                cards.append(card)
                self.cards.append(card)
            self._sections.append((heading, cards))
        self._empty = None
        if not self.cards:
            self._empty = QLabel(tr("none", language))
            self._empty.setObjectName("storiesEmpty")
            self._empty.setProperty("role", "notice")
            self._empty.setWordWrap(True)
        self._place(2)

        scroll = QScrollArea()
        scroll.setObjectName("storiesScroll")
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        drag_to_scroll(scroll.viewport())
        root.addWidget(scroll, 1)

    def _place(self, columns: int) -> None:
        """Cards in ``columns`` columns under their headings (two on a wide screen, one on a
        narrow one: cards reflow rather than shrink and cut their words)."""
        if columns == self._columns:
            return
        grid = self._grid
        for heading, cards in self._sections:
            for widget in (heading, *cards):
                grid.removeWidget(widget)
        grid.setRowStretch(grid.rowCount(), 0)
        for c in range(2):
            grid.setColumnStretch(c, 1 if c < columns else 0)
        row = 0
        for heading, cards in self._sections:
            grid.addWidget(heading, row, 0, 1, columns)
            row += 1
            for i, card in enumerate(cards):
                grid.addWidget(card, row + i // columns, i % columns)
            row += (len(cards) + columns - 1) // columns
        if self._empty is not None:
            grid.addWidget(self._empty, row, 0, 1, columns)
            row += 1
        grid.setRowStretch(row, 1)
        self._columns = columns

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        widest = max((c.minimumSizeHint().width() for c in self.cards), default=0)
        room = self.width() - 48 - 12 - 48  # margins, the list's own margin, its scroll bar
        self._place(2 if 2 * widest + 16 <= room else 1)

    def listed_ids(self) -> list[str]:
        """The vignette ids in the order the user sees them, top to bottom."""
        return [card.vignette_id for card in self.cards]
