"""Reading aloud through the real engine: Qt's speechd plugin, speech-dispatcher and espeak-ng.

``make test`` starts a private speech-dispatcher whose sound goes to ALSA's "null" device and
exports SPEECHD_ADDRESS (.ci/services.sh). Run alone, this module starts one the same way. When
no engine can be made ready, it fails under CI=true and skips, with the reason, elsewhere.
"""

from __future__ import annotations

import contextlib
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtTextToSpeech import QTextToSpeech
from PySide6.QtWidgets import QWidget

from decisionaid.ui.common.speech import Speaker
from decisionaid.ui.testing import wait_for

pytestmark = pytest.mark.integration

MODULE = Path("/usr/lib/speech-dispatcher-modules/sd_espeak-ng")
# About six seconds of synthesis: long enough that only a stop ends it within the test's wait.
LONG = " ".join(["Take your time with this question; there is no right or wrong answer."] * 100)


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


SILENT_SOUND = 'AudioOutputMethod "alsa"\nAudioALSADevice "null"\n'
# What a kiosk without a sound server had: PulseAudio, which is not there.
NO_SOUND = 'AudioOutputMethod "pulse"\n'


def _start_private_daemon(folder: Path, sound: str = SILENT_SOUND) -> tuple[str, int]:
    """speech-dispatcher on a socket of its own, sound to ALSA's null device (as services.sh)."""
    conf = folder / "conf"
    shutil.copytree("/etc/speech-dispatcher", conf)
    with open(conf / "speechd.conf", "a", encoding="utf-8") as f:
        f.write(f"\n{sound}DefaultModule espeak-ng\nLogLevel 1\n")
    (folder / "log").mkdir()
    socket = folder / "speechd.sock"
    started = subprocess.run(
        ["speech-dispatcher", "-d", "-t", "0", "-l", "1", "-C", str(conf), "-c", "unix_socket",
         "-S", str(socket), "-P", str(folder / "pid"), "-L", str(folder / "log")],
        capture_output=True, text=True, timeout=30,
        env={**os.environ, "PULSE_SERVER": f"unix:{folder / 'no-pulse'}"},
    )
    if started.returncode != 0:
        _unavailable(f"speech-dispatcher did not start: {started.stderr.strip()[-300:]}")
    pid_file = folder / "pid"
    deadline = time.monotonic() + 60  # a ceiling: a busy machine forks slowly
    while time.monotonic() < deadline and not (
            socket.exists() and pid_file.exists() and pid_file.read_text().strip()):
        time.sleep(0.05)  # the daemon writes these just after it forks; bounded above
    if not socket.exists():
        _unavailable(f"speech-dispatcher made no socket at {socket}")
    return f"unix_socket:{socket}", int(pid_file.read_text().strip())


def _stop_daemon(pid: int) -> None:
    """SIGTERM, then SIGKILL: one stuck on a sound output it cannot open ignores SIGTERM. It may
    exit at any moment meanwhile, even just as the wait ends: gone is what is wanted."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + 2
        while time.monotonic() < deadline:
            os.kill(pid, 0)  # raises once it has exited
            time.sleep(0.05)  # waiting for it to exit, bounded above
        os.kill(pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def speech_service(tmp_path_factory):
    """Where speech-dispatcher listens; SPEECHD_ADDRESS is how Qt's speechd plugin finds it."""
    if not shutil.which("speech-dispatcher"):
        _unavailable("speech-dispatcher is not installed (.ci/system-packages.sh installs it)")
    if not MODULE.exists():
        _unavailable(f"{MODULE} is missing: install speech-dispatcher-espeak-ng")
    if "speechd" not in QTextToSpeech.availableEngines():
        _unavailable(f"this PySide6 has no speechd plugin (engines: {QTextToSpeech.availableEngines()})")
    before = os.environ.get("SPEECHD_ADDRESS", "")
    pid = None
    # The one make test started quits after an hour unused; then this module starts its own.
    if not before or (before.startswith("unix_socket:") and not Path(before[12:]).exists()):
        address, pid = _start_private_daemon(tmp_path_factory.mktemp("speechd"))
        os.environ["SPEECHD_ADDRESS"] = address
    yield os.environ["SPEECHD_ADDRESS"]
    if pid is not None:
        _stop_daemon(pid)
        if before:
            os.environ["SPEECHD_ADDRESS"] = before
        else:
            del os.environ["SPEECHD_ADDRESS"]


@pytest.fixture
def speaker(qapp, speech_service) -> Speaker:
    speaker = Speaker(engines=["speechd"])
    if speaker.engine is None:
        _unavailable(f"the speechd engine is not ready at {speech_service}: {speaker.reason}")
    return speaker


def _states(tts: QTextToSpeech) -> list:
    seen: list = []
    tts.stateChanged.connect(seen.append)
    return seen


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "If you are not sure, tap Yes.", QLocale.Language.English),
        ("es", "Si no estás seguro, toca Sí.", QLocale.Language.Spanish),
    ],
)
def test_reads_aloud_in_the_visits_language(qtbot, speaker, language, text, expected):
    tts = speaker.engine
    seen = _states(tts)
    assert speaker.say(text, language)
    wait_for(qtbot, lambda: QTextToSpeech.State.Speaking in seen)
    wait_for(qtbot, lambda: tts.state() == QTextToSpeech.State.Ready)
    assert tts.state() == QTextToSpeech.State.Ready, tts.errorString()
    assert tts.locale().language() == expected
    assert tts.voice().locale().language() == expected
    # The plain voice for the language, not one of espeak-ng's variants ("…+whisper").
    assert "+" not in tts.voice().name()


def test_spanish_speaks_with_a_latin_american_voice_and_english_comes_back(qtbot, speaker):
    """Most of a clinic's Spanish speakers are Latin American: espeak-ng's es-419 voice is
    chosen over Spain's by default."""
    tts = speaker.engine
    speaker.say("Hola.", "es")
    assert tts.locale().name() == "es_419"
    wait_for(qtbot, lambda: tts.state() == QTextToSpeech.State.Ready)
    speaker.say("Hello.", "en")
    assert tts.locale().language() == QLocale.Language.English
    wait_for(qtbot, lambda: tts.state() == QTextToSpeech.State.Ready)


def test_stop_ends_reading_at_once(qtbot, speaker):
    tts = speaker.engine
    seen = _states(tts)
    speaker.say(LONG, "en")
    wait_for(qtbot, lambda: QTextToSpeech.State.Speaking in seen)
    speaker.stop()
    wait_for(qtbot, lambda: tts.state() == QTextToSpeech.State.Ready)


@pytest.fixture
def kiosk_with(qtbot, tmp_path, fake_time):
    """A kiosk on the mini content that reads aloud through the speaker it is given."""
    from decisionaid.config import Config
    from decisionaid.services.pins import PinHasher
    from decisionaid.ui.common.operations import wait_for_background
    from decisionaid.ui.common.theme import Theme
    from decisionaid.ui.kiosk.session import open_services
    from decisionaid.ui.kiosk.window import KioskWindow
    from decisionaid.ui.testing import FakeMediaPlayer, KioskDriver, RecordingPrinter

    mini = Path(__file__).resolve().parents[1] / "data" / "mini"
    config = Config(site_name="Riverside Clinic", content_dir=mini,
                    database_url=f"sqlite:///{tmp_path / 'kiosk.db'}")
    services, app = open_services(config, printer=RecordingPrinter(), hasher=PinHasher.fast())

    def make(speaker: Speaker) -> KioskDriver:
        window = KioskWindow(services, theme=Theme(scale=0.8), speaker=speaker,
                             player_factory=FakeMediaPlayer, timers=fake_time)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window)
        drive = KioskDriver(window, lambda c: wait_for(qtbot, c))
        wait_for(qtbot, lambda: drive.find("first_time").isEnabled())
        return drive

    yield make
    wait_for_background()
    app.close()


def test_changing_screen_stops_reading(qtbot, speaker, kiosk_with):
    """Read to me on the welcome screen, then "This is my first time": the reading stops."""
    drive = kiosk_with(speaker)
    drive.window.screen.spoken_text = lambda: LONG
    tts = speaker.engine
    seen = _states(tts)
    drive.tap("read_aloud")
    wait_for(qtbot, lambda: QTextToSpeech.State.Speaking in seen)
    drive.tap_and_wait("first_time", "first_time")
    wait_for(qtbot, lambda: tts.state() == QTextToSpeech.State.Ready)


def test_speech_without_a_sound_output_says_reading_is_not_working(
        qtbot, speech_service, kiosk_with, tmp_path, monkeypatch, fake_time):
    """The failure first met on a kiosk: speech-dispatcher starts but can open no sound output
    (no PulseAudio for root), accepts the text and "speaks" for ever in silence. The person is
    told reading aloud is not working, as when there is no engine at all."""
    from decisionaid.ui.common import speech

    address, pid = _start_private_daemon(tmp_path / "speechd", NO_SOUND)
    try:
        monkeypatch.setenv("SPEECHD_ADDRESS", address)
        speaker = Speaker(engines=["speechd"], timers=fake_time)
        drive = kiosk_with(speaker)
        notice = drive.window.screen.findChild(QWidget, "no_speech")
        drive.tap("read_aloud")
        assert not notice.isVisible()
        words = len(drive.window.screen.spoken_text().split())
        fake_time.advance(speech.FINISH_SLACK_S + speech.SECONDS_PER_WORD * words - 1)
        assert not notice.isVisible()  # a long reading is not taken for a silent one
        with wait_for(qtbot, speaker.failed) as failure:
            fake_time.advance(1)
        assert "no sound output" in failure.args[0]
        assert notice.isVisible()
        assert not speaker.available  # not again at once: it would be as silent
    finally:
        _stop_daemon(pid)
