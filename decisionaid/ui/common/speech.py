"""Reading text aloud: a small facade over QTextToSpeech that screens and tests share.

``Speaker.available`` is False when no speech engine works on this machine (none installed,
or the engine's service is not running); screens then say so on the read-aloud button instead
of failing. ``Speaker.reason`` says why, and is logged once. ``RecordingSpeaker``
(decisionaid.ui.testing) stands in for it in tests and the demo.

On Debian the engine is Qt's "speechd" plugin talking to speech-dispatcher, which needs an
output module (the package speech-dispatcher-espeak-ng, a mere recommendation that
``--no-install-recommends`` leaves out) and a sound output it can open. docs/kiosk.md has the
details; text such as ``**bold**`` must be turned into plain words before it gets here.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QObject, Signal

if TYPE_CHECKING:
    from decisionaid.services.clock import Timers

log = logging.getLogger(__name__)

# Qt ships a "mock" engine for its own tests: it makes no sound, so it does not count.
_SILENT_ENGINES = {"mock"}
# After a failed start, try again on a later press rather than never: speech-dispatcher may
# come up after the kiosk (it is started on demand, or by the system a little later).
RETRY_AFTER_S = 30.0
# speech-dispatcher with no sound output it can open (no PulseAudio for the kiosk's user, no
# sound card) accepts the text and then says "speaking" for ever, in silence. Reading that has
# not ended long after it could have is taken as that: generous, at 100 words a minute.
FINISH_SLACK_S = 5.0
SECONDS_PER_WORD = 0.6
SILENT_REASON = ("reading never finished: speech-dispatcher seems to have no sound output it "
                 "can open")


# A sentence mark followed by more marks: "help.." and "visita?." read as "help." and "visita?".
_DOUBLED = re.compile(r"([.?!…:;])(?:\s*\.)+(?!\.)")


def clean_spoken(text: str) -> str:
    """``text`` as a voice should read it: one mark at the end of each sentence, no doubled
    punctuation (words joined into sentences, and sentences that already ended, make them)."""
    return " ".join(_DOUBLED.sub(r"\1", text).split())


def pick_locale(locales, language: str, preferred=()):
    """The locale to read ``language`` in, from the engine's ``locales`` (QLocale): the first
    of ``preferred`` (BCP 47 tags, "es-419", "es-MX", "en-US") the engine has, else the
    language in any country (the engine's first). None when it has no voice for the language."""
    wanted = QLocale(language).language()
    same = [loc for loc in locales if loc.language() == wanted]
    if not same:
        return None

    def rank(loc) -> int:
        for i, tag in enumerate(preferred):
            want = QLocale(tag)
            if loc.bcp47Name().lower() == tag.lower() or (
                    want.language() == loc.language() and want.territory() == loc.territory()):
                return i
        return len(preferred)

    return min(same, key=rank)


# How voices name a country where Qt's own name for it ("United States") is not what they say.
_COUNTRY_WORDS = {"UnitedStates": ("America",), "UnitedKingdom": ("Great Britain", "Britain")}


def pick_voice(names: list[str], locale) -> str | None:
    """Among one locale's voices, the one that sounds like its country: espeak-ng lists
    "English (Caribbean)" first for en-US, before "English (America)". A plain voice, never
    a variant ("+whisper") nor a city's ("America, New York City"); else the first plain one."""
    plain = [n for n in names if "+" not in n]
    if not plain:
        return None
    country = locale.territory()
    words = (QLocale.territoryToString(country), *_COUNTRY_WORDS.get(country.name, ()))

    def rank(name: str) -> tuple[bool, bool]:
        says_country = any(w and f"({w}" in name for w in words)
        return (not says_country, "," in name)

    return min(plain, key=rank)


class Speaker(QObject):
    """Text-to-speech on this machine. Created lazily: building an engine takes a moment
    (speech-dispatcher lists every voice it has, about 1.5 s with espeak-ng)."""

    speaking_changed = Signal(bool)
    failed = Signal(str)  # the reading was given up (why): screens say reading aloud is not working

    def __init__(self, parent: QObject | None = None, engines: list[str] | None = None,
                 voices: dict[str, tuple[str, ...]] | None = None, timers: Timers | None = None):
        """``voices``: for each language, the regional voices to prefer, in order (the
        configuration's ``voices``; None: a default install's, en-US and Latin American
        Spanish). ``timers``: the window's (None: Qt's)."""
        super().__init__(parent)
        from decisionaid.config import DEFAULT_VOICES
        from decisionaid.ui.common.timers import QtTimers

        self.voices = dict(DEFAULT_VOICES) if voices is None else voices
        self._tts = None
        self._timers = timers or QtTimers()
        self._deadline = self._timers.timer(FINISH_SLACK_S, self._never_finished, self)
        self._tried_at: float | None = None
        self._engines = engines  # None: every engine Qt has, but the silent ones
        self.reason = ""  # why there is no engine, for the log and the docs' checklist

    def _engine(self):
        if self._tts is not None:
            from PySide6.QtTextToSpeech import QTextToSpeech

            if self._tts.state() != QTextToSpeech.State.Error:
                return self._tts
            # The service went away (speech-dispatcher stopped): start again from scratch.
            self._forget(f"{self._tts.engine()}: {self._tts.errorString() or 'stopped working'}")
        if self._tried_at is not None and self._timers.monotonic() - self._tried_at < RETRY_AFTER_S:
            return None
        self._tried_at = self._timers.monotonic()
        try:
            from PySide6.QtTextToSpeech import QTextToSpeech
        except ImportError:
            self._unavailable("Qt's text-to-speech module is not installed")
            return None
        names = self._engines
        if names is None:
            names = [e for e in QTextToSpeech.availableEngines() if e not in _SILENT_ENGINES]
        if not names:
            self._unavailable("Qt has no speech engine plugin on this machine")
            return None
        reasons = []
        for name in names:
            tts = QTextToSpeech(name, self)
            if tts.state() != QTextToSpeech.State.Error:
                tts.stateChanged.connect(self._state_changed)
                self._tts = tts
                self.reason = ""
                log.info("reading aloud with the %s engine", name)
                return tts
            reasons.append(f"{name}: {tts.errorString() or tts.errorReason().name}")
            tts.deleteLater()
        self._unavailable("; ".join(reasons))
        return None

    def _state_changed(self, state) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        speaking = state == QTextToSpeech.State.Speaking
        # A "ready" from stopping the last reading can arrive after the next one began.
        if not speaking and (self._tts is None or self._tts.state() != QTextToSpeech.State.Speaking):
            self._deadline.stop()
        self.speaking_changed.emit(speaking)

    def _never_finished(self) -> None:
        if self._tts is None:
            return
        self._tts.stop()
        self._forget(f"{self._tts.engine()}: {SILENT_REASON}")
        self._tried_at = self._timers.monotonic()  # not again at once: the next try would be as silent
        self.speaking_changed.emit(False)
        self.failed.emit(self.reason)

    def _unavailable(self, reason: str) -> None:
        if reason != self.reason:
            log.warning("reading aloud is not working (%s); see docs/kiosk.md, Read to me", reason)
        self.reason = reason

    def _forget(self, reason: str) -> None:
        tts, self._tts = self._tts, None
        tts.stateChanged.disconnect(self._state_changed)  # a late "ready" is not the next one's
        tts.deleteLater()
        self._tried_at = None
        self._unavailable(reason)

    @property
    def available(self) -> bool:
        return self._engine() is not None

    @property
    def engine(self):
        """The QTextToSpeech in use (None until one works): the integration test watches it."""
        return self._engine()

    def say(self, text: str, language: str) -> bool:
        """Start reading ``text`` in ``language`` (stopping anything still being read).
        Returns False when there is no engine to read it."""
        from PySide6.QtTextToSpeech import QTextToSpeech

        tts = self._engine()
        if tts is None:
            return False
        tts.stop()
        self._choose_voice(tts, language, self.voices.get(language, ()))
        tts.say(clean_spoken(text))
        if tts.state() == QTextToSpeech.State.Error:
            self._forget(f"{tts.engine()}: {tts.errorString() or 'could not speak'}")
            return False
        self._deadline.start(FINISH_SLACK_S + SECONDS_PER_WORD * len(text.split()))
        return True

    @staticmethod
    def _choose_voice(tts, language: str, preferred=()) -> None:
        """The voice for ``language``: the preferred region the engine has, else the language
        in any country (``pick_locale``); and the engine's plain voice for it, not a variant.
        espeak-ng offers about a hundred per language ("Spanish (Latin America)+whisper")."""
        chosen = pick_locale(tts.availableLocales(), language, preferred)
        if chosen is None:
            return  # no voice for it: read in the default voice rather than not at all
        if tts.locale() != chosen:
            tts.setLocale(chosen)
        best = pick_voice([v.name() for v in tts.availableVoices()], chosen)
        if best is not None and tts.voice().name() != best:
            tts.setVoice(next(v for v in tts.availableVoices() if v.name() == best))

    def stop(self) -> None:
        self._deadline.stop()
        if self._tts is not None:
            self._tts.stop()
