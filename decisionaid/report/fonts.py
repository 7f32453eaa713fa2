"""The report's font, embedded in every PDF, and what to do with characters it cannot draw.

DejaVu Sans (regular and bold, in ``assets/fonts/``) covers every Latin-alphabet language plus
Greek, Cyrillic and many symbols. A character it lacks (most emoji, Chinese, Japanese, Korean,
Indic scripts…) would print as an empty box with no warning, so ``printable`` replaces each run
of such characters with one "□" — visibly a stand-in, and the full answer is kept at the peer
station. Characters beyond U+FFFF (emoji) count as missing too: ReportLab cannot name them
correctly in the PDF's text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from decisionaid.resources import fonts_dir

FONT_DIR = fonts_dir()  # the source tree's assets/fonts in a checkout, the package's copy when installed
REGULAR = "ReportSans"
BOLD = "ReportSans-Bold"
FONT_NAME = "DejaVu Sans"  # as ``decisionaid check`` names it
MISSING = "□"

# Invisible joiners and selectors that only make sense with the emoji they join.
_JOINERS = re.compile("[\u200d\ufe0e\ufe0f\U0001f3fb-\U0001f3ff]")


@cache
def register_fonts() -> tuple[str, str]:
    """Registers the report font with ReportLab (once) and returns (regular, bold) names."""
    for name, file in ((REGULAR, "DejaVuSans.ttf"), (BOLD, "DejaVuSans-Bold.ttf")):
        path = FONT_DIR / file
        if not path.is_file():
            raise FileNotFoundError(f"the report font is missing: {path}")
        pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR,
                                  boldItalic=BOLD)
    return REGULAR, BOLD


@cache
def _coverage() -> frozenset[int]:
    register_fonts()
    regular = pdfmetrics.getFont(REGULAR).face.charToGlyph
    bold = pdfmetrics.getFont(BOLD).face.charToGlyph
    # Characters beyond U+FFFF (the emoji DejaVu has) lose their identity in ReportLab's
    # text map: they would print, but copy and search as another character. Treat as missing.
    return frozenset(c for c in frozenset(regular) & frozenset(bold) if c <= 0xFFFF)


@lru_cache(maxsize=8192)  # the fitting step renders the same answers many times
def printable(text: str) -> str:
    """``text`` as the report font can print it: composed (NFC), without control characters,
    and with each run of characters the font lacks replaced by one "□"."""
    if text.isascii() and text.isprintable():
        return text  # plain ASCII: the font has every character
    coverage = _coverage()
    text = _JOINERS.sub("", unicodedata.normalize("NFC", text.replace("\r\n", "\n")))
    out: list[str] = []
    for ch in text:
        if ch in "\r\n\u2028\u2029":
            out.append("\n")
        elif ch == "\t":
            out.append(" ")
        elif unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn"):
            continue
        elif ord(ch) in coverage:
            out.append(ch)
        elif not out or out[-1] != MISSING:
            out.append(MISSING)
    return "".join(out)


def unprintable(text: str) -> list[str]:
    """The characters of ``text`` the report font cannot print (each once, in order): what
    :func:`printable` would replace with "□". Invisible characters it drops are not counted."""
    if text.isascii():
        return []
    coverage = _coverage()
    found: dict[str, None] = {}
    for ch in _JOINERS.sub("", unicodedata.normalize("NFC", text)):
        if ch in "\r\n\t\u2028\u2029" or unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn"):
            continue
        if ord(ch) not in coverage:
            found[ch] = None
    return list(found)
