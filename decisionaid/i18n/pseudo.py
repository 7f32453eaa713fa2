"""Pseudo-locales: the program in two made-up languages, to see what a translation would break
before a translator starts.

``qps`` says every message 40% longer, accented and between ``⟦ ⟧``: a word on screen without
the brackets was never looked up in a catalogue (written in the code, or a missing key), a word
cut short lost its closing ``⟧`` (the screen has no room for a longer language). ``qpr`` is the
same right to left, in Hebrew letters, with ``language_direction`` "rtl": every screen must come
out mirrored. ``qpr`` is not lengthened (as Android's right-to-left pseudo-locale is not): it
tests direction, and ``qps`` tests length; Hebrew and Arabic run shorter than English. Both codes are in ISO 639's range for local use, never a real language, and the
configuration accepts them (``decisionaid.config.LANGUAGE_CODES``).

    python -m decisionaid.i18n.pseudo OUT [--content FOLDER]

writes ``OUT/locale/{qps,qpr}/LC_MESSAGES/DOMAIN.po`` for every domain's template, and with
``--content`` a copy of that content folder's questionnaires and vignettes in ``OUT`` with the
same texts added in both languages; then ``content_dir = "OUT"`` and ``languages = ["qps", "en"]`` in the configuration
show the kiosk in it. ``{name}`` blanks, HTML tags and entities are kept as they are.
"""

from __future__ import annotations

import argparse
import math
import re
import shutil
from collections.abc import Iterable
from pathlib import Path

from decisionaid.i18n import (
    LANGUAGE_DIRECTION_CONTEXT,
    LANGUAGE_NAME_CONTEXT,
    PACKAGE_LOCALE_DIR,
    PSEUDO_LANGUAGES,
    SOURCE_LANGUAGE,
)

ACCENTED, RIGHT_TO_LEFT = PSEUDO_LANGUAGES
OPEN, CLOSE = "⟦", "⟧"
NAMES = {ACCENTED: "Ƥšéúðö", RIGHT_TO_LEFT: "פסאודו"}
LENGTHEN = 0.4  # German and Finnish run up to 30-40% longer than English

_ACCENTS = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "àƀçđéƒĝĥîĵķĺɱñöþǫŕšţûṽŵẋýžÀƁÇĐÉƑĜĤÎĴĶĹṀÑÖÞǪŔŠŢÛṼŴẊÝŽ",
)
_HEBREW_LETTERS = "".join(chr(0x05D0 + i) for i in range(26))  # alef to shin
_HEBREW = str.maketrans("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
                        _HEBREW_LETTERS * 2)
# What stays as it is: {blanks} (and {{ }}), HTML tags and entities, line breaks.
_KEPT = re.compile(r"\{\{|\}\}|\{[^{}]*\}|<[^<>]+>|&#?\w+;|\n")


def pseudo_text(text: str, language: str = ACCENTED) -> str:
    """``text`` in the pseudo-locale: letters changed, between ``⟦ ⟧``, and in ``qps`` 40%
    longer."""
    table = _HEBREW if language == RIGHT_TO_LEFT else _ACCENTS
    pieces, at = [], 0
    for kept in _KEPT.finditer(text):
        pieces.append(text[at:kept.start()].translate(table))
        pieces.append(kept.group())
        at = kept.end()
    pieces.append(text[at:].translate(table))
    if language == RIGHT_TO_LEFT:  # direction, not length: that is the longer locale's test
        return f"{OPEN}{''.join(pieces)}{CLOSE}"
    visible = len(_KEPT.sub("", text))
    extra = max(1, math.ceil(visible * LENGTHEN) - 2)  # the brackets count towards it
    # In words of at most five, so a longer text still wraps where a translation would.
    padding = " ".join("·" * min(5, extra - i) for i in range(0, extra, 5))
    return f"{OPEN}{''.join(pieces)} {padding}{CLOSE}"


def is_pseudo(text: str) -> bool:
    """Whether ``text`` was (at least partly) looked up in a pseudo catalogue."""
    return OPEN in text


def _translate(message, language: str):
    if message.context == LANGUAGE_NAME_CONTEXT:
        return NAMES[language]
    if message.context == LANGUAGE_DIRECTION_CONTEXT:
        return "rtl" if language == RIGHT_TO_LEFT else "ltr"
    if message.context == "months":  # twelve names split at the commas: each its own
        return ",".join(pseudo_text(m, language) for m in message.id.split(","))
    if isinstance(message.id, tuple):
        return tuple(pseudo_text(form, language) for form in message.id)
    return pseudo_text(message.id, language)


def write_catalogues(locale_dir: Path, languages: Iterable[str] = PSEUDO_LANGUAGES,
                     templates: Path = PACKAGE_LOCALE_DIR) -> list[Path]:
    """Write ``locale_dir/LANG/LC_MESSAGES/DOMAIN.po`` for every template in ``templates``."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po

    written = []
    for template in sorted(templates.glob("*.pot")):
        with template.open("rb") as handle:
            source = read_po(handle)
        for language in languages:
            catalog = Catalog(project="decisionaid pseudo-locale", charset="utf-8", fuzzy=False)
            for message in source:
                if message.id:
                    catalog.add(message.id, _translate(message, language),
                                context=message.context, flags=message.flags - {"fuzzy"})
            path = locale_dir / language / "LC_MESSAGES" / f"{template.stem}.po"
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("wb") as handle:
                write_po(handle, catalog, width=0)
            written.append(path)
    return written


# --- content: the questionnaires' and stories' texts in the pseudo-locales --------------------

CONTENT_FOLDERS = ("questionnaires", "vignettes")
_PER_LANGUAGE_FILES = ("captions", "transcript")


def _with_pseudo(node: object, languages: tuple[str, ...], key: object = None) -> object:
    if isinstance(node, list):
        return [_with_pseudo(item, languages) for item in node]
    if not isinstance(node, dict):
        return node
    if isinstance(node.get(SOURCE_LANGUAGE), str):  # a text in each language
        english = node[SOURCE_LANGUAGE]
        for language in languages:
            # Captions and transcripts are files: the English ones, as a site without them would.
            node[language] = english if key in _PER_LANGUAGE_FILES \
                else pseudo_text(english, language)
        return node
    return {k: _with_pseudo(v, languages, k) for k, v in node.items()}


def write_content(source: Path, target: Path,
                  languages: tuple[str, ...] = PSEUDO_LANGUAGES) -> Path:
    """Copy the questionnaires and stories of the content folder ``source`` to ``target`` with
    every text also in ``languages`` (a site's content needs each of its languages)."""
    import yaml

    for folder in CONTENT_FOLDERS:
        if (source / folder).is_dir():
            shutil.copytree(source / folder, target / folder, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns("_tools", "__pycache__", ".*"))
    for path in sorted(p for folder in CONTENT_FOLDERS for p in (target / folder).rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(yaml.safe_dump(_with_pseudo(data, languages), allow_unicode=True,
                                       sort_keys=False, width=10_000), encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m decisionaid.i18n.pseudo",
        description="Write the pseudo-locales qps (longer, accented) and qpr (right to left) "
                    "into OUT/locale, and with --content the shipped content with their texts.")
    parser.add_argument("out", type=Path, metavar="OUT")
    parser.add_argument("--content", type=Path, metavar="FOLDER",
                        help="also copy this content folder's questionnaires and vignettes "
                             "into OUT with pseudo texts (in a checkout: --content .)")
    args = parser.parse_args(argv)
    written = write_catalogues(args.out / "locale")
    if args.content:
        write_content(args.content, args.out)
    print(f"{len(written)} catalogues written in {args.out / 'locale'}; to try them, set "
          f'content_dir = "{args.out}" and languages = ["{ACCENTED}", "en"] (or "{RIGHT_TO_LEFT}")')
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
