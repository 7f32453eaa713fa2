"""The ``doctor`` checks that need Qt: a voice in each site language, a shipped video that plays,
and the screen's size. They run on the UI thread (Qt's speech and media objects live there)
and wait for Qt's own signals in a local event loop, never longer than ``WAIT_S`` on the
window's timers (``services.clock.Timers``; Qt's own where none is given).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEventLoop, QLocale, QUrl
from PySide6.QtGui import QGuiApplication

from decisionaid.services.clock import Timers
from decisionaid.services.doctor import Finding
from decisionaid.ui.common.speech import Speaker, pick_locale
from decisionaid.ui.common.timers import QtTimers

WAIT_S = 10
MIN_SCREEN = (1024, 600)  # below this the kiosk's touch targets no longer fit
_NO_SCREEN = {"offscreen", "minimal", "vnc"}


def check_speech(config, timers: Timers | None = None) -> list[Finding]:
    try:
        from PySide6.QtTextToSpeech import QTextToSpeech
    except ImportError:
        return [Finding("speech", False, "Qt's text-to-speech module is missing",
                        "reinstall decisionaid (PySide6-Addons)")]
    engines = [e for e in QTextToSpeech.availableEngines() if e != "mock"]
    if not engines:
        return [Finding("speech", False, "Qt has no speech engine on this machine",
                        "install speech-dispatcher and speech-dispatcher-espeak-ng")]
    problems = []
    for name in engines:
        tts = QTextToSpeech(name)
        try:
            if tts.state() == QTextToSpeech.State.Error:
                problems.append(f"{name}: {tts.errorString() or 'does not start'}")
                continue
            chosen = {lang: pick_locale(tts.availableLocales(), lang, config.voices.get(lang, ()))
                      for lang in config.languages}
            missing = [lang for lang, locale in chosen.items() if locale is None]
            if missing:
                problems.append(f"{name} has no voice for {', '.join(missing)}")
                continue
            return [Finding("speech", True, f"{name} reads " + ", ".join(
                _voice_line(tts, lang, locale, config.voices.get(lang, ())) for lang, locale in chosen.items()))]
        finally:
            tts.deleteLater()
    return [Finding("speech", False, "; ".join(problems),
                    "install speech-dispatcher-espeak-ng and check 'spd-say -l es hola' "
                    "speaks (docs/kiosk.md, Read to me)")]


def _voice_line(tts, language: str, locale, preferred) -> str:
    """"es in Spanish (Latin America) (es-419)", and a note when none of the preferred
    regions is installed."""
    Speaker._choose_voice(tts, language, preferred)  # as the kiosk will
    voice = tts.voice().name() or locale.nativeLanguageName()
    tag = locale.name().replace("_", "-")
    line = f"{language} in {voice} ({tag})"
    wanted = {tag.lower() for tag in preferred}
    if preferred and tag.lower() not in wanted and not any(
            QLocale(tag).territory() == locale.territory() for tag in preferred):
        line += f": none of {', '.join(preferred)} is installed"
    return line


def shipped_video(config) -> Path | None:
    folder = config.vignettes_dir
    for pattern in ("*/video.mp4", "*/*.mp4", "*/*.webm"):
        found = sorted(folder.glob(pattern))
        if found:
            return found[0]
    return None


def check_media(config, timers: Timers | None = None) -> list[Finding]:
    from PySide6.QtMultimedia import QMediaPlayer, QVideoSink

    from decisionaid.ui.common.player import media_backend_available

    if not media_backend_available():
        return [Finding("media", False, "Qt has no media back-end that decodes video",
                        "reinstall decisionaid (PySide6-Addons brings the FFmpeg back-end)")]
    video = shipped_video(config)
    if video is None:
        return [Finding("media", False, f"no video in {config.vignettes_dir}",
                        "check content_dir names the site's content")]
    player = QMediaPlayer()
    sink = QVideoSink()
    player.setVideoSink(sink)
    loop = QEventLoop()
    frames: list[bool] = []
    sink.videoFrameChanged.connect(lambda frame: (frames.append(frame.isValid()), loop.quit()))
    player.errorOccurred.connect(lambda *_: loop.quit())
    (timers or QtTimers()).timer(WAIT_S, loop.quit, loop).start()
    player.setSource(QUrl.fromLocalFile(str(video)))
    player.setAudioOutput(None)
    player.play()
    if not frames and player.error() == QMediaPlayer.Error.NoError:
        loop.exec()
    error = player.errorString()
    player.stop()
    player.deleteLater()
    sink.deleteLater()
    if any(frames):
        return [Finding("media", True, f"plays {video.parent.name}/{video.name}")]
    return [Finding("media", False, f"{video.name} did not play: {error or f'no picture within {WAIT_S} s'}",
                    "check the video file and the Qt media back-end (docs/kiosk.md)")]


def check_screen(config, timers: Timers | None = None) -> list[Finding]:
    app = QGuiApplication.instance()
    platform = QGuiApplication.platformName() if app else ""
    screen = QGuiApplication.primaryScreen() if app else None
    if screen is None or platform in _NO_SCREEN:
        return [Finding("screen", False, "no screen here (run over a remote shell?)",
                        "run 'decisionaid doctor' on the kiosk's own screen, or open the page "
                        "in the kiosk's staff menu")]
    size = screen.geometry()
    text = f"{size.width()}×{size.height()} ({screen.name() or platform})"
    if size.width() < MIN_SCREEN[0] or size.height() < MIN_SCREEN[1]:
        return [Finding("screen", False, text, "use a screen of at least 1024×600 (1920×1080 is "
                        "what the kiosk is made for)")]
    return [Finding("screen", True, text)]


QT_CHECKS = (check_speech, check_media, check_screen)
