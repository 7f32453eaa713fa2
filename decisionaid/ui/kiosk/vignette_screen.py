"""The vignette screen: watch a peer's story with captions, or read it, or have it read aloud.

``VignetteScreen(player, vignette, language, speaker)`` shows one vignette. The player is the
kiosk's ``MediaPlayer`` (or a ``FakeMediaPlayer`` in tests); the screen loads the vignette into
it and only talks to it through the facade. If the video cannot play (missing file, codec, no
media backend) the screen says so calmly and shows the transcript instead.

When the user leaves (the Done button, or the kiosk calling ``close_screen`` on a timeout) the
screen stops the video and the reading, gives the picture back to the player and emits
``closed(seconds_watched, finished)`` once: the seconds actually played (skipping and replaying
do not inflate it) and whether the video reached its end.
"""

from __future__ import annotations

import contextlib
import html

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from decisionaid.content.model import Vignette, text_in
from decisionaid.ui.common.captions import CaptionOverlay, CaptionTrack
from decisionaid.ui.common.strings import t
from decisionaid.ui.common.theme import FONT_FAMILY, Theme
from decisionaid.ui.common.touch_scroll import drag_to_scroll
from decisionaid.ui.common.widgets import NamedButton, Screen

SKIP_S = 10.0
VOLUME_STEP = 0.2


def tr(key: str, language: str) -> str:
    """A fixed text of this screen in ``language``, from the one catalogue (``strings``)."""
    return t(f"player_{key}", language)


def clock(seconds: float) -> str:
    """``74.2`` -> ``1:14``."""
    whole = max(0, int(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


class WatchClock:
    """Adds up the seconds actually played from the positions a player reports.

    Only forward steps taken while playing count, and only small ones: a jump further than
    ``max_step`` is a skip, not watching, and going back (replay, back 10 s) never subtracts.
    """

    def __init__(self, max_step: float = 1.5):
        self.max_step = max_step
        self.seconds = 0.0
        self._last = 0.0  # a freshly loaded video starts at its beginning

    def tick(self, position: float, playing: bool) -> None:
        if playing and 0 < position - self._last <= self.max_step:
            self.seconds += position - self._last
        self._last = position


class _PlayHint(QGraphicsItem):
    """A large round play sign over the picture, with a few words under it."""

    def __init__(self):
        super().__init__()
        self._label = ""
        self._label_shown = True
        self._area = QRectF(0, 0, 640, 360)
        self.setZValue(5)

    def set_label(self, label: str) -> None:
        self._label = label
        self.update()

    def label(self) -> str:
        return self._label if self._label_shown else ""

    def show_label(self, shown: bool) -> None:
        """The words are left out while a caption shows, so the two never overlap."""
        if shown != self._label_shown:
            self._label_shown = shown
            self.update()

    def set_area(self, area: QRectF) -> None:
        self.prepareGeometryChange()
        self._area = QRectF(area)

    def boundingRect(self) -> QRectF:
        return self._area

    def paint(self, painter: QPainter, option, widget=None) -> None:
        radius = max(36.0, min(self._area.width(), self._area.height()) * 0.11)
        centre = self._area.center() - QPointF(0, radius * 0.35)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor("#ffffff"), max(3.0, radius * 0.06)))
        painter.setBrush(QColor(0, 0, 0, 170))
        painter.drawEllipse(centre, radius, radius)
        triangle = QPainterPath()
        r = radius * 0.45
        triangle.moveTo(centre + QPointF(-r * 0.6, -r))
        triangle.lineTo(centre + QPointF(r, 0))
        triangle.lineTo(centre + QPointF(-r * 0.6, r))
        triangle.closeSubpath()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#ffffff"))
        painter.drawPath(triangle)
        if self.label():
            font = QFont(FONT_FAMILY)
            font.setBold(True)
            font.setPixelSize(max(20, round(radius * 0.42)))
            painter.setFont(font)
            box = QRectF(0, 0, self._area.width(), font.pixelSize() * 1.8)
            box.moveCenter(centre + QPointF(0, radius + font.pixelSize() * 1.3))
            backing = painter.fontMetrics().boundingRect(self._label).width() + font.pixelSize()
            pill = QRectF(0, 0, backing, box.height())
            pill.moveCenter(box.center())
            painter.setBrush(QColor(0, 0, 0, 170))
            painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
            painter.setPen(QColor("#ffffff"))
            painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), self._label)


class _VideoView(QGraphicsView):
    """The picture with the captions and the play sign on top. A tap on it plays or pauses."""

    tapped = Signal()

    def __init__(self, video_item: QGraphicsItem, overlay: CaptionOverlay, hint: _PlayHint, player):
        super().__init__()
        # The scene belongs to the view, so it goes when the view goes, not at some later GC.
        self._scene = QGraphicsScene(self)
        self.setScene(self._scene)
        self._player = player
        self._video_item = video_item
        self._scene.addItem(video_item)
        self._scene.addItem(hint)
        self._scene.addItem(overlay)
        self._overlay, self._hint = overlay, hint
        self.setObjectName("vignetteVideo")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setBackgroundBrush(QColor("#000000"))
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(240, 135)  # the rows of large buttons below come first

    def release_video(self) -> None:
        """Take the player's picture out of this scene so it outlives the screen."""
        if self._video_item.scene() is self._scene:
            self._scene.removeItem(self._video_item)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        area = QRectF(0, 0, self.viewport().width(), self.viewport().height())
        self._scene.setSceneRect(area)
        self._player.set_video_size(area.width(), area.height())
        self._overlay.set_area(area)
        self._hint.set_area(area)

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.tapped.emit()
        super().mouseReleaseEvent(event)


def _button(name: str, role: str | None = None) -> QPushButton:
    button = NamedButton()  # "◀◀  Back 10 s" is named "Back 10 s" for a screen reader
    button.setObjectName(name)
    if role:
        button.setProperty("role", role)
    button.setMinimumSize(64, 64)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return button


def _label(name: str, role: str | None = None) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    if role:
        label.setProperty("role", role)
    label.setWordWrap(True)
    return label


class _Reflow:
    """One widget of a row that moves to a row of its own when the row cannot hold it beside
    ``others`` at ``width``, and back when it can (``place``)."""

    def __init__(self, widget: QWidget, row: QHBoxLayout, apart: QHBoxLayout, others, index: int = -1,
                 stretch: int = 0):
        self.widget, self.row, self.apart, self.others = widget, row, apart, others
        self.index, self.stretch = index, stretch

    def place(self, width: int) -> None:
        need = sum(max(w.sizeHint().width(), w.minimumWidth()) + self.row.spacing()
                   for w in (*self.others, self.widget))
        alone = need > width
        if alone == (self.apart.indexOf(self.widget) >= 0):
            return
        self.row.removeWidget(self.widget)
        self.apart.removeWidget(self.widget)
        if alone:
            self.apart.addWidget(self.widget)
        else:
            self.row.insertWidget(self.index, self.widget, self.stretch)


class _TranscriptPage(QWidget):
    """The story in words: a notice when the video cannot play, the words in a panel that a
    finger drags up and down, "Read it to me" and "Watch the video"."""

    def __init__(self, language: str, words_html: str):
        super().__init__()
        self.setObjectName("vignetteTranscriptPage")
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(12)
        self.notice = _label("cannotPlayNotice", "notice")
        self.notice.setVisible(False)
        box.addWidget(self.notice)
        self.heading = _label("transcriptHeading", "section")
        self.heading.setText(tr("in_words", language))
        box.addWidget(self.heading)
        panel = QFrame()
        panel.setObjectName("transcriptPanel")
        panel.setProperty("role", "panel")
        inner = QVBoxLayout(panel)
        inner.setContentsMargins(24, 16, 24, 16)
        self.text = _label("transcriptText")
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.text.setText(words_html)
        inner.addWidget(self.text)
        scroll = QScrollArea()
        scroll.setObjectName("transcriptScroll")
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(panel)
        # A finger drags the text up and down, as on a phone.
        drag_to_scroll(scroll.viewport())
        box.addWidget(scroll, 1)
        buttons = QHBoxLayout()
        buttons.setSpacing(12)
        self.read_aloud = _button("readAloudButton")
        self.watch = _button("watchButton")
        self.watch.setText(tr("watch", language))
        buttons.addWidget(self.read_aloud)
        buttons.addStretch(1)
        buttons.addWidget(self.watch)
        box.addLayout(buttons)


class VignetteScreen(Screen):
    """One peer story: the video with captions and large controls, or its words to read."""

    closed = Signal(float, bool)

    def __init__(self, player, vignette: Vignette, language: str, speaker=None, parent=None,
                 *, theme: Theme | None = None):
        super().__init__(language, theme or Theme(), parent)
        self.setObjectName("VignetteScreen")
        self.player = player
        self.vignette = vignette
        self.speaker = speaker
        self._clock = WatchClock()
        self._finished = False
        self._failed = False
        self._closed = False
        self._captions_on = True
        self._speaking = False
        self._track = CaptionTrack.from_file(
            vignette.captions.get(language) or vignette.captions.get("en")
        )
        self._build()
        self._connect()
        self._show_playing(False)
        self._show_volume()
        self._show_position(0.0)
        player.load(vignette.video)

    # --- what the kiosk and the tests use --------------------------------------------------------
    @property
    def seconds_watched(self) -> float:
        return self._clock.seconds

    @property
    def finished(self) -> bool:
        """The video reached its end at least once while this screen was open."""
        return self._finished

    @property
    def failed(self) -> bool:
        return self._failed

    @property
    def is_playing(self) -> bool:
        """True while the video plays: the kiosk should not count this time as idle."""
        return not self._failed and self.player.is_playing

    def caption_text(self) -> str:
        """The caption shown over the picture now ("" when none, or captions are off)."""
        return self._overlay.text() if self._overlay.isVisible() else ""

    @property
    def showing_transcript(self) -> bool:
        return self._pages.currentWidget() is self._transcript_page

    def close_screen(self) -> None:
        """Stop everything and emit ``closed`` (once). Call it on timeout too."""
        if self._closed:
            return
        self._closed = True
        self._stop_reading()
        self._disconnect()
        if not self._failed:
            self.player.pause()
        self._video_view.release_video()
        self.closed.emit(self._clock.seconds, self._finished)

    def on_language(self, language: str) -> None:
        """Everything on the screen in ``language``, the captions too, while the video goes on
        playing (or stays paused) where it was: a change of language is not a reason to stop."""
        self._stop_reading()  # a reading in the old language
        v = self.vignette
        self._track = CaptionTrack.from_file(v.captions.get(language) or v.captions.get("en"))
        self._title.setText(text_in(v.title, language))
        self._peer.setText(text_in(v.peer, language))
        self._video_view.setAccessibleName(t("video_named", language, title=text_in(v.title, language)))
        fixed = ((self._sample, "sample"), (self._done, "done"), (self._replay, "replay"),
                 (self._back, "back"), (self._forward, "forward"), (self._read_instead, "read_instead"),
                 (self._quieter, "quieter"), (self._louder, "louder"), (self._watch, "watch"),
                 (self._heading, "in_words"))
        for widget, key in fixed:
            widget.setText(tr(key, language))
        self._transcript.setText(self._transcript_html())
        if self._failed:
            has_speech = self._speech_available()
            self._notice.setText(tr("cannot_play_speech" if has_speech else "cannot_play", language))
        self._captions.setText(tr("captions_on" if self._captions_on else "captions_off", language))
        self._show_playing(self.is_playing)
        self._show_volume()
        self._show_position(self.player.position)
        self._show_reading()
        self._place_sound()

    # --- building ----------------------------------------------------------------------------
    def _build(self) -> None:
        lang, v = self.language, self.vignette
        root = QVBoxLayout(self)
        root.setContentsMargins(24, 16, 24, 16)
        root.setSpacing(12)

        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        self._title = _label("vignetteTitle", "title")
        self._title.setText(text_in(v.title, lang))
        self._peer = _label("vignettePeer", "help")
        self._peer.setWordWrap(False)
        self._peer.setText(text_in(v.peer, lang))
        self._sample = _label("sampleBadge", "small")
        self._sample.setText(tr("sample", lang))
        self._sample.setWordWrap(False)
        self._sample.setVisible(v.sample)
        self._sample.setStyleSheet(
            "QLabel#sampleBadge { background: #fff4d6; color: #5c3d00; border-radius: 8px;"
            " padding: 2px 10px; }"
        )
        who = QHBoxLayout()
        who.setSpacing(12)
        who.addWidget(self._peer)
        who.addWidget(self._sample)
        who.addStretch(1)
        titles.addWidget(self._title)
        titles.addLayout(who)
        header.addLayout(titles, 1)
        self._done = _button("doneButton", "primary")
        self._done.setText(tr("done", lang))
        self._done.setMinimumWidth(160)
        header.addWidget(self._done, 0, Qt.AlignmentFlag.AlignTop)
        root.addLayout(header)

        self._pages = QStackedWidget()
        self._pages.setObjectName("vignettePages")
        self._pages.addWidget(self._build_video_page())
        self._transcript_page = self._build_transcript_page()
        self._pages.addWidget(self._transcript_page)
        root.addWidget(self._pages, 1)

    def _build_video_page(self) -> QWidget:
        lang = self.language
        page = QWidget()
        page.setObjectName("vignetteVideoPage")
        box = QVBoxLayout(page)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(10)
        self._overlay = CaptionOverlay(FONT_FAMILY)
        self._hint = _PlayHint()
        self._video_view = _VideoView(self.player.video_item, self._overlay, self._hint, self.player)
        self._video_view.setAccessibleName(t("video_named", lang, title=text_in(self.vignette.title, lang)))
        box.addWidget(self._video_view, 1)

        timeline = QHBoxLayout()
        self._progress = QProgressBar()
        self._progress.setObjectName("vignetteProgress")
        self._progress.setRange(0, 1000)
        self._progress.setTextVisible(False)
        self._time = _label("vignetteTime")
        self._time.setWordWrap(False)
        timeline.addWidget(self._progress, 1)
        timeline.addWidget(self._time)
        box.addLayout(timeline)

        transport = QHBoxLayout()
        transport.setSpacing(12)
        self._replay = _button("replayButton")
        self._replay.setText(tr("replay", lang))
        self._back = _button("backButton")
        self._back.setText(tr("back", lang))
        self._play = _button("playPauseButton", "primary")
        self._play.setMinimumWidth(240)
        self._forward = _button("forwardButton")
        self._forward.setText(tr("forward", lang))
        # Play/Pause has a row of its own above the others where one row cannot hold all four
        # (a portrait screen, in Spanish, at the largest text); the volume one below the options.
        play_row = QHBoxLayout()
        box.addLayout(play_row)
        for widget in (self._replay, self._back):
            transport.addWidget(widget)
        transport.addWidget(self._play, 1)
        transport.addWidget(self._forward)
        box.addLayout(transport)

        options = QHBoxLayout()
        options.setSpacing(12)
        self._captions = _button("captionsButton")
        self._captions.setCheckable(True)
        self._captions.setChecked(True)
        self._read_instead = _button("readInsteadButton")
        self._read_instead.setText(tr("read_instead", lang))
        self._quieter = _button("volumeDownButton")
        self._quieter.setText(tr("quieter", lang))
        self._volume = _label("volumeLevel")
        self._volume.setWordWrap(False)
        self._louder = _button("volumeUpButton")
        self._louder.setText(tr("louder", lang))
        # Smaller than play and skip, so the rows under the video are few and low.
        for widget in (self._captions, self._read_instead, self._quieter, self._volume, self._louder):
            widget.setProperty("role", "secondary")
        options.addWidget(self._captions)
        options.addWidget(self._read_instead)
        options.addStretch(1)
        self._sound = QWidget()
        self._sound.setObjectName("soundControls")
        sound = QHBoxLayout(self._sound)
        sound.setContentsMargins(0, 0, 0, 0)
        sound.setSpacing(12)
        for widget in (self._quieter, self._volume, self._louder):
            sound.addWidget(widget)
        options.addWidget(self._sound)
        box.addLayout(options)
        sound_row = QHBoxLayout()
        sound_row.addStretch(1)
        box.addLayout(sound_row)
        self._reflows = (_Reflow(self._play, transport, play_row, (self._replay, self._back, self._forward), 2, 1),
                         _Reflow(self._sound, options, sound_row, (self._captions, self._read_instead)))
        return page

    def _place_sound(self) -> None:
        for reflow in self._reflows:
            reflow.place(self._pages.width())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_sound()

    def _build_transcript_page(self) -> QWidget:
        page = _TranscriptPage(self.language, self._transcript_html())
        self._notice, self._heading, self._transcript = page.notice, page.heading, page.text
        self._read_aloud, self._watch = page.read_aloud, page.watch
        self._show_reading()
        return page

    def _transcript_text(self) -> str:
        try:
            return self.vignette.transcript_text(self.language).strip()
        except OSError:
            return ""

    def _transcript_html(self) -> str:
        text = self._transcript_text() or text_in(self.vignette.summary, self.language)
        paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
        return "".join(
            f'<p style="line-height:140%; margin-bottom:12px">{html.escape(p).replace(chr(10), "<br>")}</p>'
            for p in paragraphs
        )

    # --- wiring --------------------------------------------------------------------------------
    def _player_slots(self):
        p = self.player
        return (
            (p.position_changed, self._on_position),
            (p.playing_changed, self._show_playing),
            (p.finished, self._on_finished),
            (p.failed, self._on_failed),
        )

    def _connect(self) -> None:
        for signal, slot in self._player_slots():
            signal.connect(slot)
        self._done.clicked.connect(self.close_screen)
        self._play.clicked.connect(self._toggle_play)
        self._video_view.tapped.connect(self._toggle_play)
        self._replay.clicked.connect(self._replay_from_start)
        self._back.clicked.connect(lambda: self._skip(-SKIP_S))
        self._forward.clicked.connect(lambda: self._skip(SKIP_S))
        self._captions.toggled.connect(self._set_captions)
        self._read_instead.clicked.connect(self._show_transcript)
        self._watch.clicked.connect(self._show_video)
        self._read_aloud.clicked.connect(self._toggle_reading)
        self._quieter.clicked.connect(lambda: self._change_volume(-VOLUME_STEP))
        self._louder.clicked.connect(lambda: self._change_volume(VOLUME_STEP))
        if self.speaker is not None and hasattr(self.speaker, "speaking_changed"):
            self.speaker.speaking_changed.connect(self._on_speaking)
        self._set_captions(True)

    def _disconnect(self) -> None:
        # A signal that was never connected (or whose sender is gone) is not a problem here.
        for signal, slot in self._player_slots():
            with contextlib.suppress(RuntimeError, TypeError):
                signal.disconnect(slot)
        if self.speaker is not None and hasattr(self.speaker, "speaking_changed"):
            with contextlib.suppress(RuntimeError, TypeError):
                self.speaker.speaking_changed.disconnect(self._on_speaking)

    # --- the player's news ---------------------------------------------------------------------
    def _on_position(self, seconds: float) -> None:
        self._clock.tick(seconds, self.player.is_playing)
        self._show_position(seconds)

    def _on_finished(self) -> None:
        self._finished = True
        self._show_playing(False)

    def _on_failed(self, reason: str) -> None:
        self._failed = True
        has_speech = self._speech_available()
        self._notice.setText(tr("cannot_play_speech" if has_speech else "cannot_play", self.language))
        self._notice.setVisible(True)
        self._watch.setVisible(False)
        self._pages.setCurrentWidget(self._transcript_page)

    # --- the user's taps -----------------------------------------------------------------------
    def _toggle_play(self) -> None:
        if self._failed:
            return
        if self.player.is_playing:
            self.player.pause()
            return
        self._stop_reading()
        duration = self._duration()
        if duration and self.player.position >= duration - 0.25:
            self.player.seek(0.0)
        self.player.play()

    def _replay_from_start(self) -> None:
        self.player.seek(0.0)
        if not self.player.is_playing:
            self._toggle_play()

    def _skip(self, seconds: float) -> None:
        duration = self._duration()
        target = max(0.0, self.player.position + seconds)
        if duration:
            target = min(target, max(0.0, duration - 0.5))
        self.player.seek(target)

    def _set_captions(self, on: bool) -> None:
        self._captions_on = on
        self._captions.setText(tr("captions_on" if on else "captions_off", self.language))
        self._overlay.setVisible(on)
        self._show_position(self.player.position)

    def _show_transcript(self) -> None:
        if self.player.is_playing:
            self.player.pause()
        self._pages.setCurrentWidget(self._transcript_page)

    def _show_video(self) -> None:
        self._stop_reading()
        self._pages.setCurrentIndex(0)

    def _change_volume(self, step: float) -> None:
        self.player.set_volume(round(self.player.volume + step, 2))
        self._show_volume()

    def _speech_available(self) -> bool:
        return bool(self.speaker is not None and self.speaker.available)

    def _toggle_reading(self) -> None:
        if self._speaking:
            self._stop_reading()
            return
        if self.player.is_playing:
            self.player.pause()
        if self.speaker.say(self._transcript_text(), self.language):
            self._on_speaking(True)

    def _stop_reading(self) -> None:
        if self._speaking and self.speaker is not None:
            self.speaker.stop()
        self._on_speaking(False)

    def _on_speaking(self, speaking: bool) -> None:
        self._speaking = speaking
        self._show_reading()

    # --- showing state -------------------------------------------------------------------------
    def _duration(self) -> float:
        return self.player.duration or float(self.vignette.duration_s)

    def _show_playing(self, playing: bool) -> None:
        lang = self.language
        at_end = self._finished and not playing
        self._play.setText(tr("pause" if playing else ("again" if at_end else "play"), lang))
        self._hint.set_label(tr("tap_again" if at_end else "tap_play", lang))
        self._hint.setVisible(not playing)

    def _show_position(self, seconds: float) -> None:
        duration = self._duration()
        self._overlay.set_text(self._track.text_at(seconds) if self._captions_on else "")
        self._hint.show_label(not self._overlay.text())
        self._progress.setValue(round(1000 * seconds / duration) if duration else 0)
        self._time.setText(tr("time", self.language).format(at=clock(seconds), total=clock(duration)))

    def _show_volume(self) -> None:
        level = round(self.player.volume / VOLUME_STEP)
        steps = round(1 / VOLUME_STEP)
        # Dots only, between Quieter and Louder: the word is a screen reader's (one row of options).
        self._volume.setText("●" * level + "○" * (steps - level))
        self._volume.setAccessibleName(f"{tr('sound', self.language)} {level}/{steps}")
        self._quieter.setEnabled(level > 0)
        self._louder.setEnabled(level < steps)

    def _show_reading(self) -> None:
        if not self._speech_available():
            self._read_aloud.setText(tr("no_speech", self.language))
            self._read_aloud.setEnabled(False)
            return
        self._read_aloud.setEnabled(True)
        self._read_aloud.setText(tr("stop_reading" if self._speaking else "read_aloud", self.language))
