"""Qt's notes about the benchmark machine, kept out of the tables.

The benchmarks run offscreen on a machine with no sound card, and Qt says so on every window
and every player: the offscreen platform cannot pass size hints to a window manager it does not
have, there is no audio device nor sound server, no graphics hardware to decode or convert
video with, and Qt Multimedia lists the optional libraries (PipeWire, VA-API) it did not find
and the FFmpeg version it uses. ``install()`` puts a Qt message handler
in place that leaves out exactly those notes and writes every other message as Qt would, so a
real warning or error still shows. Not where a real media player runs: Qt calls the handler
from its audio and decoder threads, which then wait for Python's lock while Python waits for
them (the vignette benchmark hung so). There, ``make bench`` leaves the same notes out of the
benchmark's error output line by line (``note_line``), in its own process. Qt Multimedia's
notes are not even written under ``make bench``: its logging rules switch them off for the
benchmarks' processes (``run.bench_env``).
"""

from __future__ import annotations

import sys

# (category, start of the message): notes about the machine, not about the code.
MACHINE_NOTES = (
    ("default", "This plugin does not support propagateSizeHints()"),
    ("default", "No audio device detected"),
    ("default", "PulseAudioService: pa_context_connect() failed"),
    ("default", "No RHI backend. Using CPU conversion."),
    ("qt.multimedia.playbackengine.codec", '"No HW decoder found"'),
    ("qt.multimedia.symbolsresolver", "Couldn't "),
    ("qt.multimedia.ffmpeg", "Using Qt multimedia with FFmpeg version"),
)


def machine_note(category: str, message: str) -> bool:
    return any(category == c and message.startswith(start) for c, start in MACHINE_NOTES)


def note_line(line: str) -> bool:
    """A line of a benchmark's error output that is one of the notes, as Qt writes them (a
    category's name first; a few uncategorised ones behind the name of the function)."""
    for category, start in MACHINE_NOTES:
        if category == "default" and (line.startswith(start) or f": {start}" in line):
            return True
        if category != "default" and line.startswith(f"{category}: {start}"):
            return True
    return False


def quiet_ffmpeg() -> bool:
    """Qt's own FFmpeg writes what it opens (``Input #0, mov,mp4…`` and its streams) at its
    info level, straight to the error output; set it to warnings, as the ``ffmpeg`` command's
    ``-loglevel warning`` does. True if Qt ships FFmpeg here."""
    import ctypes
    from pathlib import Path

    import PySide6

    for library in sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libavutil.so.*")):
        try:
            ctypes.CDLL(str(library)).av_log_set_level(24)  # AV_LOG_WARNING
            return True
        except (OSError, AttributeError):
            continue
    return False


def install() -> None:
    """Leave Qt's notes about the benchmark machine out of this process's output."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    words = {QtMsgType.QtDebugMsg: "debug", QtMsgType.QtInfoMsg: "info",
             QtMsgType.QtWarningMsg: "warning", QtMsgType.QtCriticalMsg: "critical",
             QtMsgType.QtFatalMsg: "fatal"}

    def handler(kind, context, message: str) -> None:
        category = context.category or "default"
        if machine_note(category, message):
            return
        prefix = "" if category == "default" else f"{category}: "
        if kind != QtMsgType.QtWarningMsg and category == "default":
            prefix = f"{words.get(kind, 'qt')}: "
        print(f"{prefix}{message}", file=sys.stderr, flush=True)

    qInstallMessageHandler(handler)
