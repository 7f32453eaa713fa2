"""Reading one value of a content file and saying, in words a content author can act on, what
is wrong with it: the texts in every site language, whole numbers, yes/no values, ids, and the
file itself (size, encoding, YAML). Every problem is collected as a ``ContentError``."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from decisionaid.content.model import Text
from decisionaid.content.yamlnodes import LineDict, LineList, read_yaml
from decisionaid.i18n import _, ngettext

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
STRING_VALUE = re.compile(r"^[a-z0-9]+([-_][a-z0-9]+)*$")
ANSWER_SETS_FILE = "_answer-sets.yaml"
TOPICS_FILE = "_topics.yaml"  # in vignettes/: each topic's name in every site language
MAX_TEXT_LENGTH_LIMIT = 5000
# The biggest shipped file is under 10 KB; a content file many times that is a mistake (a
# video or a log saved under the wrong name), and reading it would only make the check slow.
MAX_FILE_BYTES = 256 * 1024
TRUTH_WORDS = "yes, no, on, off, true or false"


@dataclass(frozen=True, order=True)
class ContentError:
    path: str
    line: int
    message: str
    # "reading" for a text that reads above the site's target (the words are translated, so
    # the check tells it by this, not by them).
    kind: str = field(default="", compare=False)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class ContentErrors(Exception):
    """The content did not pass the check; ``errors`` lists every problem found."""

    def __init__(self, errors: list[ContentError]):
        self.errors = sorted(errors)
        first = self.errors[0] if self.errors else _("no content")
        if len(errors) > 1:
            super().__init__(ngettext("{first} (and {n} more: run 'decisionaid check')",
                                      "{first} (and {n} more: run 'decisionaid check')",
                                      len(self.errors) - 1, first=first))
        else:
            super().__init__(str(first))


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    match = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return _(" (did you mean '{match}'?)", match=match[0]) if match else ""


def line_in(container: object, key: object) -> int:
    if isinstance(container, LineDict | LineList):
        return container.line_of(key)
    return 0


def type_name(value: object) -> str:
    if value is None:
        return _("nothing")
    if isinstance(value, bool):
        return _("a yes/no value")
    if isinstance(value, int | float):
        return _("a number")
    if isinstance(value, str):
        return _("a text")
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("a map")
    return type(value).__name__


@dataclass
class Reporter:
    """Collects errors for one file."""

    path: str
    errors: list[ContentError]

    def __call__(self, line: int, message: str) -> None:
        self.errors.append(ContentError(self.path, max(line, 1), message))


class FieldReader:
    """Reads the values of one run's files, in the site's ``languages``, into ``errors``."""

    def __init__(self, languages: tuple[str, ...], errors: list[ContentError]):
        self.languages = languages
        self.errors = errors
        # The texts a person reads as prose (path, line, language, what, text), for the reading check.
        self.prose: list[tuple[str, int, str, str, str]] = []

    def prose_text(self, value: object, report: Reporter, line: int, what: str) -> Text | None:
        """``text``, and kept for the reading-level check with the line of each language."""
        result = self.text(value, report, line, what)
        for lang, string in (result or {}).items():
            if not isinstance(value, dict) and lang != self.languages[0]:
                continue  # one text for every language: written in the first one
            at = line_in(value, lang) if isinstance(value, dict) else line
            if isinstance(value, dict) and isinstance(value.get(lang), str) and "\n" in value[lang].strip():
                at += 1  # a block (|-): its text starts on the next line
            self.prose.append((report.path, max(at, 1), lang, what, string))
        return result

    def text(self, value: object, report: Reporter, line: int, what: str) -> Text | None:
        from decisionaid.content.emphasis import unclosed

        def closed(string: str, at: int, where: str) -> bool:
            """False (and reported) when a ``**`` opens bold and nothing closes it."""
            found = unclosed(string)
            if found is None:
                return True
            # A text of several lines is a block (``|-``): its first line is under the key.
            row = at + 1 + found[0] if "\n" in string else at
            report(row, _("{what}{where} opens bold with ** and never closes it (\"{found}\"): "
                          "add the closing **, as in **Yes**",
                          what=what, where=where, found=found[1]))
            return False

        if isinstance(value, bool):
            report(line, _("{what} reads as a yes/no value: put the text in double quotes",
                           what=what))
            return None
        if isinstance(value, int | float):
            value = str(value)
        if isinstance(value, str):
            if not value.strip():
                report(line, _("{what} is empty: write the text", what=what))
                return None
            if not closed(value.strip(), line, ""):
                return None
            return {lang: value.strip() for lang in self.languages}
        if isinstance(value, dict):
            result: Text = {}
            ok = True
            for lang, string in value.items():
                lang_line = line_in(value, lang)
                if string is None:
                    report(
                        lang_line,
                        _("{what} has '{lang}' with no text; a comma may have cut the text in "
                          "two: put the whole text in double quotes, e.g. es: \"Sí, a veces\"",
                          what=what, lang=lang),
                    )
                    ok = False
                    continue
                if not isinstance(lang, str) or not lang.isalpha() or not lang.islower():
                    report(
                        lang_line,
                        _("{what} has '{lang}' where a language code (en, es) belongs; if a "
                          "comma cut the text, put the whole text in double quotes",
                          what=what, lang=lang),
                    )
                    ok = False
                    continue
                if isinstance(string, bool):
                    report(lang_line, _("{what} in '{lang}' reads as a yes/no value: put it in "
                                        "double quotes", what=what, lang=lang))
                    ok = False
                    continue
                if isinstance(string, int | float):
                    string = str(string)
                if not isinstance(string, str):
                    report(lang_line, _("{what} in '{lang}' must be a text, not {type_name}",
                                        what=what, lang=lang, type_name=type_name(string)))
                    ok = False
                    continue
                if not string.strip():
                    report(lang_line, _("{what} in '{lang}' is empty: write the text",
                                        what=what, lang=lang))
                    ok = False
                    continue
                if not closed(string.strip(), lang_line, _(" in '{lang}'", lang=lang)):
                    ok = False
                    continue
                result[lang] = string.strip()
            missing = [lang for lang in self.languages if lang not in result]
            if ok and missing:
                report(
                    line,
                    _("{what} has no '{missing}' text; every text needs each site language "
                      "({languages})",
                      what=what, missing=missing[0], languages=', '.join(self.languages)),
                )
                return None
            return result if ok else None
        report(line, _("{what} must be a text or a map of texts by language, not {type_name}",
                       what=what, type_name=type_name(value)))
        return None

    def unknown_keys(self, data: LineDict, allowed: set[str], report: Reporter, where: str) -> None:
        for key in data:
            if key not in allowed:
                report(
                    data.line_of(key),
                    _("unknown key '{key}' in {where}{did_you_mean}; the keys are: {keys}",
                      key=key, where=where, did_you_mean=did_you_mean(key, allowed),
                      keys=', '.join(sorted(allowed))),
                )

    def boolean(self, data: LineDict, key: str, report: Reporter, default: bool) -> bool:
        if key not in data:
            return default
        value = data[key]
        if not isinstance(value, bool):
            report(data.line_of(key), _("'{key}' must be true or false, not {value!r}",
                                        key=key, value=value))
            return default
        return value

    def whole_number(
        self, data: LineDict, key: str, report: Reporter, minimum: int | None = None
    ) -> int | None:
        value = data.get(key)
        if isinstance(value, bool) or not isinstance(value, int):
            report(data.line_of(key), _("'{key}' must be a whole number, not {value!r}",
                                        key=key, value=value))
            return None
        if minimum is not None and value < minimum:
            report(data.line_of(key), _("'{key}' must be at least {minimum}, not {value}",
                                        key=key, minimum=minimum, value=value))
            return None
        return value

    def slug(self, value: object, report: Reporter, line: int, what: str) -> str | None:
        if not isinstance(value, str) or not ID_PATTERN.match(value):
            report(line, _("{what} {value!r} must use only lowercase letters, digits and '-', "
                           "e.g. sleep-more", what=what, value=value))
            return None
        return value

    def read_text(self, path: Path, report: Reporter) -> str | None:
        """A content text file (YAML, captions, transcript), bounded in size and UTF-8."""
        try:
            if not path.is_file():  # a FIFO or a device would block or never end
                report(1, _("this is not a regular file; content must be plain text files"))
                return None
            with open(path, "rb") as f:
                raw = f.read(MAX_FILE_BYTES + 1)
        except OSError as e:
            report(1, _("cannot read the file ({reason})", reason=e.strerror or e))
            return None
        if len(raw) > MAX_FILE_BYTES:
            report(1, _("the file is larger than {limit} KB, the most a content file may be; is "
                        "it the right file?", limit=MAX_FILE_BYTES // 1024))
            return None
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as e:
            line = raw.count(b"\n", 0, e.start) + 1
            report(line, _("the file is not UTF-8 text (this line holds a byte that is not); "
                           "save it as UTF-8"))
            return None

    def read(self, path: Path, report: Reporter) -> object | None:
        source = self.read_text(path, report)
        if source is None:
            return None
        data, problems = read_yaml(source)
        for problem in problems:
            report(problem.line, problem.message)
        if data is None and not problems:
            report(1, _("the file is empty"))
        return data
