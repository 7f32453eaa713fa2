"""Tap on play -> first frame on screen, for a shipped vignette, through the real media backend.

The vignette screen is opened and its video loaded (as when a user has just chosen a story);
then the Play button is tapped and the clock runs until a picture has reached the player and the
video area has been painted with it. The baseline, measured in the same run, is a bare
QMediaPlayer drawing into a QGraphicsVideoItem in a bare QGraphicsView: the time Qt itself needs
from ``play()`` to the first frame decoded, and to its view painted after it. Each row is
compared with the baseline of the same end (decoded with decoded, painted with painted).
Target: under 300 ms. Runs offscreen; no sound card needed.

Run alone: ``.venv/bin/python benchmarks/bench_vignette.py``.
"""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_MEDIA_BACKEND", "ffmpeg")

ROOT = Path(__file__).resolve().parents[1]
RUNS = 9
TARGET_MS = 300.0
VIGNETTE = "talking-with-your-prescriber"


def _wait(condition, timeout_s: float = 10.0) -> bool:
    """Run the Qt event loop until ``condition()`` holds (or the timeout passes)."""
    from PySide6.QtCore import QEventLoop, QTimer

    deadline = time.perf_counter() + timeout_s
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(1)
    timer.timeout.connect(lambda: (condition() or time.perf_counter() > deadline) and loop.quit())
    timer.start()
    if not condition():
        loop.exec()
    timer.stop()
    return condition()


def _vignette():
    from decisionaid.content.loader import load_content

    if (ROOT / "vignettes" / VIGNETTE / "vignette.yaml").is_file():
        return load_content(ROOT, ["en", "es"]).vignettes[VIGNETTE]
    return load_content(ROOT / "tests" / "data" / "mini", ["en", "es"]).vignettes["side-story"]


class BarePlayer:
    """Qt alone: a QMediaPlayer drawing into a QGraphicsVideoItem, set up once like the kiosk's."""

    def __init__(self):
        from PySide6.QtCore import QEvent, QObject
        from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
        from PySide6.QtMultimediaWidgets import QGraphicsVideoItem
        from PySide6.QtWidgets import QGraphicsScene, QGraphicsView

        self.frames: list[float] = []
        self.painted: list[float] = []
        frames, painted = self.frames, self.painted

        class FrameWatch(QObject):
            # Lives in the main thread, so frames from the decoder's thread are queued to it, as
            # they are to the player facade (a bare lambda would run in the decoder's thread).
            def seen(self, frame) -> None:
                frames.append(time.perf_counter())

            def eventFilter(self, obj, event) -> bool:  # the view drawn after a frame came
                if event.type() == QEvent.Type.Paint and frames and not painted:
                    painted.append(time.perf_counter())
                return False

        self.player, self.audio = QMediaPlayer(), QAudioOutput()
        self.audio.setVolume(0.0)
        self.player.setAudioOutput(self.audio)
        self.view = QGraphicsView()
        self.scene = QGraphicsScene(self.view)
        self.view.setScene(self.scene)
        self.item = QGraphicsVideoItem()
        self.scene.addItem(self.item)
        self.view.resize(1280, 720)
        self.view.show()
        self.player.setVideoOutput(self.item)
        self.watch = FrameWatch()
        self.item.videoSink().videoFrameChanged.connect(self.watch.seen)
        self.view.viewport().installEventFilter(self.watch)

    def play_to_frame(self, path: str) -> tuple[float, float]:
        """Milliseconds from play() to (the first frame decoded, the view painted with it)."""
        from PySide6.QtCore import QUrl
        from PySide6.QtMultimedia import QMediaPlayer

        self.player.stop()
        self.player.setSource(QUrl.fromLocalFile(path))
        _wait(lambda: self.player.mediaStatus() == QMediaPlayer.MediaStatus.LoadedMedia)
        self.frames.clear()
        self.painted.clear()
        started = time.perf_counter()
        self.player.play()
        _wait(lambda: bool(self.painted))
        decoded = (self.frames[0] - started) * 1000 if self.frames else float("nan")
        painted = (self.painted[0] - started) * 1000 if self.painted else float("nan")
        self.player.pause()
        return decoded, painted


def tap_to_frame(player, vignette, at_once: bool = False) -> tuple[float, float]:
    """Milliseconds from a tap on Play to (frame decoded, frame painted) on the vignette screen.

    ``at_once``: the tap comes the moment the screen shows, before the video has loaded."""
    from PySide6.QtCore import QEvent, QObject, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QPushButton

    from decisionaid.ui.kiosk.vignette_screen import VignetteScreen
    from decisionaid.ui.testing import RecordingSpeaker

    screen = VignetteScreen(player, vignette, "en", RecordingSpeaker())
    screen.resize(1280, 800)
    screen.show()
    if not at_once:
        _wait(lambda: player.duration > 0)
    view = screen.findChild(QObject, "vignetteVideo")
    marks: dict[str, float] = {}

    class PaintWatch(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and "frame" in marks and "painted" not in marks:
                marks["painted"] = time.perf_counter()
            return False

    watch = PaintWatch()
    view.viewport().installEventFilter(watch)
    player.frame_shown.connect(lambda: marks.setdefault("frame", time.perf_counter()))
    play = screen.findChild(QPushButton, "playPauseButton")
    started = time.perf_counter()
    QTest.mouseClick(play, Qt.MouseButton.LeftButton)
    _wait(lambda: "painted" in marks)
    frame = (marks.get("frame", float("nan")) - started) * 1000
    painted = (marks.get("painted", float("nan")) - started) * 1000
    screen.close_screen()
    screen.close()
    screen.deleteLater()
    return frame, painted


def main() -> None:
    import quiet
    from PySide6.QtWidgets import QApplication

    from decisionaid.ui.common.player import MediaPlayer, media_backend_available
    from decisionaid.ui.common.theme import Theme

    app = QApplication.instance() or QApplication([])
    Theme().apply(app)
    if not media_backend_available():
        print("vignette: skipped, Qt Multimedia has no media backend on this machine")
        return
    quiet.quiet_ffmpeg()  # once Qt's media backend has set FFmpeg up
    vignette = _vignette()
    baseline = BarePlayer()
    bare_runs = [baseline.play_to_frame(vignette.video) for _ in range(RUNS)]
    bare, bare_painted = [r[0] for r in bare_runs], [r[1] for r in bare_runs]
    baseline.player.stop()
    player = MediaPlayer()
    player.set_volume(0.0)
    runs = [tap_to_frame(player, vignette) for _ in range(RUNS)]
    frames = [r[0] for r in runs]
    painted = [r[1] for r in runs]
    at_once = [tap_to_frame(player, vignette, at_once=True)[1] for _ in range(RUNS)]
    decoded_base, painted_base = statistics.median(bare), statistics.median(bare_painted)
    rows = [
        ("bare QMediaPlayer: play -> frame decoded", bare, decoded_base, "(baseline)"),
        ("bare QMediaPlayer: play -> view painted", bare_painted, painted_base, "(baseline)"),
        ("vignette screen: tap Play -> frame decoded", frames, decoded_base, ""),
        ("vignette screen: tap Play -> frame painted", painted, painted_base, f"< {TARGET_MS:.0f} ms"),
        ("tap Play as the screen opens -> frame painted", at_once, painted_base,
         f"< {TARGET_MS:.0f} ms"),
    ]
    print(f"vignette '{vignette.id}', {RUNS} runs each, offscreen, median; each row against the "
          "bare player's time to the same end")
    print(f"{'measure':46s} {'median ms':>10s} {'first':>8s} {'x baseline':>11s} {'target':>10s}")
    for name, values, base, target in rows:
        median = statistics.median(values)
        print(f"{name:46s} {median:10.1f} {values[0]:8.1f} {median / base:11.2f} {target:>10s}")
    worst = max(statistics.median(painted), statistics.median(at_once))
    verdict = "meets" if worst < TARGET_MS else "MISSES"
    print(f"tap to first frame shown {verdict} the {TARGET_MS:.0f} ms target")
    _tear_down(player, baseline)


def _tear_down(player, baseline: BarePlayer) -> None:
    """Stop both players and destroy them before their video outputs, while Qt is still up:
    left to the interpreter's exit, they go in any order and the decoder threads can crash or
    hang the process."""
    import shiboken6
    from PySide6.QtCore import QCoreApplication, QEvent

    player.stop()
    baseline.player.stop()
    baseline.player.setVideoOutput(None)
    QCoreApplication.processEvents()
    for obj in (player, baseline.player, baseline.audio, baseline.watch, baseline.view):
        if shiboken6.isValid(obj):
            shiboken6.delete(obj)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


if __name__ == "__main__":
    main()
