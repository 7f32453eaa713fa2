"""Video playback behind one small facade that screens talk to and tests replace.

``MediaPlayer`` owns the QMediaPlayer, its audio output and the video output. The video is drawn
by a ``QGraphicsVideoItem`` (``video_item``) rather than a QVideoWidget: a QVideoWidget can be a
native surface that other widgets cannot paint over, and the captions must always show on top of
the picture. The screen puts ``video_item`` in its own QGraphicsScene beside the captions.

Screens only use the facade's own signals:

- ``started``            playback began (or resumed)
- ``playing_changed``    True while playing, False when paused, stopped, finished or failed
- ``position_changed``   the playhead, in seconds
- ``frame_shown``        a new picture reached the screen (the first one after ``play`` is what
                         the "tap to first frame" benchmark measures)
- ``finished``           the end of the video was reached
- ``failed``             the video cannot play; the reason is for the log, not for the user

``FakeMediaPlayer`` has the same interface, plays nothing, and is driven by the test.
"""

from __future__ import annotations

import logging
from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject, QSizeF, Qt, QUrl, Signal
from PySide6.QtMultimedia import QAudio, QAudioOutput, QMediaPlayer
from PySide6.QtMultimediaWidgets import QGraphicsVideoItem
from PySide6.QtWidgets import QGraphicsItem

from decisionaid.ui.common.media_check import media_backend_available

__all__ = ["MediaPlayer", "media_backend_available"]

log = logging.getLogger(__name__)


def _perceived_to_linear(volume: float) -> float:
    """A 0..1 volume as the ear hears it, turned into the linear gain the audio output takes."""
    return QAudio.convertVolume(
        volume, QAudio.VolumeScale.LogarithmicVolumeScale, QAudio.VolumeScale.LinearVolumeScale
    )


class MediaPlayer(QObject):
    """Plays one video file at a time through Qt Multimedia.

    Commands reach the QMediaPlayer through queued signals, so Qt runs them from its event loop
    and not from Python. Stopping, pausing, seeking or opening a file waits for the audio
    thread, and that thread may itself be waiting for Python's lock (to ask whether Python
    overrides a method of the QAudioOutput): called from Python, which holds that lock, the
    kiosk would freeze for good now and then. The commands still run in the order given.
    """

    started = Signal()
    playing_changed = Signal(bool)
    position_changed = Signal(float)
    frame_shown = Signal()
    finished = Signal()
    failed = Signal(str)

    _play = Signal()
    _pause = Signal()
    _stop = Signal()
    _open = Signal(QUrl)
    _seek = Signal("qint64")

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._backend = media_backend_available()
        self._player = QMediaPlayer(self)
        self._audio = QAudioOutput(self)
        self._video: QGraphicsVideoItem | None = None
        self._player.setAudioOutput(self._audio)
        self._volume = 1.0
        self._failed = False
        self._player.playbackStateChanged.connect(self._on_state)
        self._player.positionChanged.connect(self._on_position)
        self._player.mediaStatusChanged.connect(self._on_status)
        self._player.errorOccurred.connect(self._on_error)
        queued = Qt.ConnectionType.QueuedConnection
        self._play.connect(self._player.play, queued)
        self._pause.connect(self._player.pause, queued)
        self._stop.connect(self._player.stop, queued)
        self._open.connect(self._player.setSource, queued)
        self._seek.connect(self._player.setPosition, queued)
        self._seek.connect(self._sought, queued)
        self._seeking: int | None = None  # a jump asked for and not yet made, in ms
        self._ensure_video_item()

    def _ensure_video_item(self) -> QGraphicsVideoItem:
        # A screen's scene owns the item while it shows it; if that scene was deleted with the
        # screen instead of handing the item back, the next screen gets a fresh one.
        if self._video is None or not shiboken6.isValid(self._video):
            self._video = QGraphicsVideoItem()
            self._player.setVideoOutput(self._video)
            self._video.videoSink().videoFrameChanged.connect(self._on_frame)
        return self._video

    # --- what the screen shows -----------------------------------------------------------------
    @property
    def video_item(self) -> QGraphicsItem:
        """The picture, to place in the screen's QGraphicsScene (which may hold it until it is
        removed again; a scene deleted with it in it does no harm)."""
        return self._ensure_video_item()

    def set_video_size(self, width: float, height: float) -> None:
        """The area the picture fills (kept in proportion, centred)."""
        self._ensure_video_item().setSize(QSizeF(width, height))

    # --- commands --------------------------------------------------------------------------------
    def load(self, path: str | Path) -> None:
        """Open a video file (paused at its start). Emits ``failed`` if it cannot be played."""
        self._failed = False
        self._stop.emit()
        if not self._backend:
            self._fail("no media backend: Qt Multimedia has no FFmpeg plugin on this machine")
            return
        if not Path(path).is_file():
            self._fail(f"the video file is missing: {path}")
            return
        self._open.emit(QUrl.fromLocalFile(str(Path(path).resolve())))

    def play(self) -> None:
        if not self._failed:
            self._play.emit()

    def pause(self) -> None:
        self._pause.emit()

    def stop(self) -> None:
        """Stop and release the picture (for leaving the screen)."""
        self._stop.emit()

    def seek(self, seconds: float) -> None:
        limit = self.duration or max(seconds, 0.0)
        self._seeking = round(max(0.0, min(seconds, limit)) * 1000)
        self._seek.emit(self._seeking)

    def set_volume(self, volume: float) -> None:
        """0 (silent) to 1 (full), as heard."""
        self._volume = max(0.0, min(1.0, volume))
        self._audio.setVolume(_perceived_to_linear(self._volume))

    # --- state -----------------------------------------------------------------------------------
    @property
    def volume(self) -> float:
        return self._volume

    @property
    def position(self) -> float:
        """Seconds from the start (where a jump asked for will land, until it is made)."""
        return (self._player.position() if self._seeking is None else self._seeking) / 1000

    @property
    def duration(self) -> float:
        """Seconds; 0 until the file is loaded."""
        return self._player.duration() / 1000

    @property
    def is_playing(self) -> bool:
        return self._player.playbackState() == QMediaPlayer.PlaybackState.PlayingState

    # --- Qt's signals, turned into ours ----------------------------------------------------------
    def _fail(self, reason: str) -> None:
        if self._failed:
            return
        self._failed = True
        self._stop.emit()
        log.warning("video cannot play: %s", reason)
        self.failed.emit(reason)

    def _on_state(self, state: QMediaPlayer.PlaybackState) -> None:
        playing = state == QMediaPlayer.PlaybackState.PlayingState
        if playing:
            self.started.emit()
        self.playing_changed.emit(playing)

    def _on_status(self, status: QMediaPlayer.MediaStatus) -> None:
        if status == QMediaPlayer.MediaStatus.EndOfMedia:
            self.finished.emit()
        elif status == QMediaPlayer.MediaStatus.InvalidMedia:
            self._fail(f"the video cannot be decoded: {self._player.errorString() or 'invalid media'}")

    def _sought(self, ms: int) -> None:
        if self._seeking == ms:
            self._seeking = None

    def _on_position(self, ms: int) -> None:
        self.position_changed.emit(ms / 1000)

    def _on_error(self, error: QMediaPlayer.Error, message: str) -> None:
        if error != QMediaPlayer.Error.NoError:
            self._fail(message or str(error))

    def _on_frame(self, frame) -> None:
        if frame.isValid():
            self.frame_shown.emit()
