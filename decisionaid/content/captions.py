"""WebVTT captions: parsed into cues the player draws over the video."""

from __future__ import annotations

import re
from dataclasses import dataclass

from decisionaid.i18n import _

_TIME = re.compile(r"^(?:(\d+):)?([0-5]\d):([0-5]\d)\.(\d{3})$")


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    text: str


class CaptionError(ValueError):
    """A caption file that cannot be read; ``line`` is where (1-based)."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line


def _seconds(stamp: str, line: int) -> float:
    m = _TIME.match(stamp.strip())
    if not m:
        raise CaptionError(line, _("'{stamp}' is not a time like 00:01:02.500",
                                   stamp=stamp.strip()))
    hours, minutes, seconds, millis = m.groups()
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(millis) / 1000


def parse_webvtt(text: str) -> list[Cue]:
    """The cues of a WebVTT file, in order. Raises CaptionError naming the line at fault."""
    lines = text.lstrip("\ufeff").splitlines()
    if not lines or not lines[0].startswith("WEBVTT"):
        raise CaptionError(1, _("a caption file must start with the line WEBVTT"))
    cues: list[Cue] = []
    i = 1
    while i < len(lines):
        line = lines[i]
        if "-->" not in line:
            if line.strip().startswith("NOTE"):
                while i < len(lines) and lines[i].strip():
                    i += 1
            i += 1
            continue
        start_s, _arrow, rest = line.partition("-->")
        end_s = rest.strip().split()[0] if rest.strip() else ""
        start, end = _seconds(start_s, i + 1), _seconds(end_s, i + 1)
        if end <= start:
            raise CaptionError(i + 1, _("a caption must end after it starts"))
        if cues and start < cues[-1].start:
            raise CaptionError(i + 1, _("captions must be in time order"))
        body: list[str] = []
        i += 1
        while i < len(lines) and lines[i].strip():
            body.append(re.sub(r"<[^>]+>", "", lines[i]).strip())
            i += 1
        if not body:
            raise CaptionError(i, _("a caption has a time but no text"))
        cues.append(Cue(start, end, "\n".join(body)))
    return cues


def cue_at(cues: list[Cue], seconds: float) -> Cue | None:
    """The cue showing at ``seconds``, if any."""
    for cue in cues:
        if cue.start <= seconds < cue.end:
            return cue
        if cue.start > seconds:
            break
    return None
