"""Whether the report's font can print each language's words, for ``decisionaid check``.

The printed page draws every character with DejaVu Sans (``fonts.py``); a character it has no
glyph for prints as "□". That is right for an odd emoji in an answer, but a language whose
questions, answers or report catalogue are written in a script the font lacks (Thai, Chinese,
Hindi…) would print a page of boxes. So the check reads, for each of the site's languages, the
content texts in that language (the questionnaires and the vignettes' ``vignette.yaml``) and the
translations of its ``report`` catalogue (the site's in ``locale/``, then the shipped one), and
warns once per language, naming the first few characters the font lacks and where each of them
first appears (FILE:LINE).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from decisionaid import i18n
from decisionaid.content.loader import ContentError
from decisionaid.content.yamlnodes import LineDict, LineList, read_yaml
from decisionaid.i18n import _, ngettext
from decisionaid.report.fonts import FONT_NAME, unprintable

SHOWN = 5  # characters named in a warning; the rest are counted
# Where a text is read, and the language it is in: (path, line, text).
Where = tuple[str, int, str]


def _texts(value: object, languages: tuple[str, ...], line: int) -> Iterator[tuple[str, int, str]]:
    """(language, line, text) of every text in a YAML value: a map's values under a language
    key are in that language; a plain text is in the first language (the format's rule)."""
    if isinstance(value, str):
        yield languages[0], line, value
    elif isinstance(value, LineDict):
        for key, inner in value.items():
            at = value.line_of(key)
            if key in languages and isinstance(inner, str):
                yield key, at, inner
            else:
                yield from _texts(inner, languages, at)
    elif isinstance(value, LineList):
        for index, inner in enumerate(value):
            yield from _texts(inner, languages, value.line_of(index))


def _content_files(root: Path) -> list[Path]:
    files = sorted((root / "questionnaires").glob("*.yaml"))
    files += sorted((root / "vignettes").glob("*.yaml"))
    files += sorted((root / "vignettes").glob("*/vignette.yaml"))
    return [f for f in files if f.is_file()]


def content_texts(root: Path, languages: tuple[str, ...]) -> Iterator[tuple[str, Where]]:
    """(language, (path, line, text)) of the content's texts. A file that cannot be read is
    the content check's to report, and skipped here."""
    for path in _content_files(root):
        try:
            data, _problems = read_yaml(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            continue
        for language, line, text in _texts(data, languages, 1):
            yield language, (str(path), max(line, 1), text)


def _catalogue_paths(language: str, site_locale: Path | None) -> list[Path]:
    found = []
    if site_locale is not None:
        for name in dict.fromkeys((language.replace("-", "_"), language.split("-")[0])):
            path = site_locale / name / "LC_MESSAGES" / "report.po"
            if path.is_file():
                found.append(path)
                break
    found += [p for p in i18n.catalogue_files("report", language) if p not in found]
    return found


def catalogue_texts(language: str, site_locale: Path | None = None) -> Iterator[Where]:
    """(path, line, translation) of every translation in ``language``'s report catalogues."""
    if language == i18n.SOURCE_LANGUAGE:
        return
    from babel.messages.mofile import read_mo  # only for a check, never for a page
    from babel.messages.pofile import read_po

    for path in _catalogue_paths(language, site_locale):
        try:
            with path.open("rb") as handle:
                catalog = read_po(handle) if path.suffix == ".po" else read_mo(handle)
        except Exception:  # a broken catalogue is for the translation check to report
            continue
        for message in catalog:
            if not message.id:
                continue
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            for string in strings:
                if string:
                    yield str(path), message.lineno or 1, string


def _describe(ch: str) -> str:
    return f"{ch} (U+{ord(ch):04X})"


def font_warnings(root: Path, languages: Iterable[str], site_locale: Path | None = None) -> list[ContentError]:
    """One warning per language whose content texts or report catalogue use characters the
    report's font cannot print. ``site_locale``: the site's catalogue folder (``root/locale``
    when None)."""
    languages = tuple(dict.fromkeys(languages))
    if not languages:
        return []
    site_locale = root / "locale" if site_locale is None else site_locale
    first_seen: dict[str, dict[str, tuple[str, int]]] = {lang: {} for lang in languages}

    def look(language: str, where: Where) -> None:
        path, line, text = where
        seen = first_seen.setdefault(language, {})
        for ch in unprintable(text):
            seen.setdefault(ch, (path, line))

    for language, where in content_texts(root, languages):
        look(language, where)
    for language in languages:
        for where in catalogue_texts(language, site_locale):
            look(language, where)
    warnings = []
    for language, seen in first_seen.items():
        if not seen:
            continue
        chars = list(seen)
        named = ", ".join(_describe(ch) for ch in chars[:SHOWN])
        if len(chars) > SHOWN:
            named = ngettext("{characters} and {n} more", "{characters} and {n} more",
                             len(chars) - SHOWN, characters=named)
        places = list(dict.fromkeys(f"{p}:{n}" for p, n in (seen[ch] for ch in chars[:SHOWN])))
        path, line = seen[chars[0]]
        if len(places) > 1:
            message = _("the '{language}' texts use characters the printed report's font "
                        "({font}) cannot draw: {characters} (also at {places}); the page "
                        "prints □ in their place", language=language, font=FONT_NAME,
                        characters=named, places=", ".join(places[1:]))
        else:
            message = _("the '{language}' texts use characters the printed report's font "
                        "({font}) cannot draw: {characters}; the page prints □ in their place",
                        language=language, font=FONT_NAME, characters=named)
        warnings.append(ContentError(path, line, message))
    return warnings
