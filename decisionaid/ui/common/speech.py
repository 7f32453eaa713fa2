"""Reading text aloud: a small facade over QTextToSpeech that screens and tests share.

``Speaker.available`` is False when no speech engine works on this machine (none installed,
or the engine's service is not running); screens then say so on the read-aloud button instead
of failing. ``RecordingSpeaker`` stands in for it in tests and the demo.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, QObject, Signal

# Qt ships a "mock" engine for its own tests: it makes no sound, so it does not count.
_SILENT_ENGINES = {"mock"}


class Speaker(QObject):
    """Text-to-speech on this machine. Created lazily: building an engine can take a moment."""

    speaking_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._tts = None
        self._tried = False

    def _engine(self):
        if self._tried:
            return self._tts
        self._tried = True
        try:
            from PySide6.QtTextToSpeech import QTextToSpeech
        except ImportError:
            return None
        engines = [e for e in QTextToSpeech.availableEngines() if e not in _SILENT_ENGINES]
        for name in engines:
            tts = QTextToSpeech(name, self)
            if tts.state() != QTextToSpeech.State.Error:
                tts.stateChanged.connect(
                    lambda state: self.speaking_changed.emit(state == QTextToSpeech.State.Speaking)
                )
                self._tts = tts
                break
            tts.deleteLater()
        return self._tts

    @property
    def available(self) -> bool:
        return self._engine() is not None

    def say(self, text: str, language: str) -> bool:
        """Start reading ``text`` in ``language`` (stopping anything still being read).
        Returns False when there is no engine to read it."""
        tts = self._engine()
        if tts is None:
            return False
        tts.stop()
        wanted = QLocale(language)
        for locale in tts.availableLocales():
            if locale.language() == wanted.language():
                tts.setLocale(locale)
                break
        tts.say(text)
        return True

    def stop(self) -> None:
        if self._tts is not None:
            self._tts.stop()
