"""Load and validate questionnaires/ and vignettes/.

Every rule of the content format is checked here, and every problem of a run is collected as a
``ContentError`` (``FILE:LINE: what is wrong (and how to mend it)``) rather than stopping at
the first. ``load_content`` returns a ``Content`` only when there are none.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from decisionaid.content.captions import CaptionError, parse_webvtt
from decisionaid.content.model import (
    ANSWERABLE_TYPES,
    BETTER_ENDS,
    DEFAULT_MAX_LENGTH,
    ITEM_TYPES,
    REPORT_SECTIONS,
    SEVERITIES,
    YESNO_LABELS,
    Condition,
    Content,
    Item,
    ItemRef,
    Option,
    Questionnaire,
    Score,
    ScoreFlag,
    Text,
    Vignette,
)
from decisionaid.content.yamlnodes import LineDict, LineList, read_yaml

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
STRING_VALUE = re.compile(r"^[a-z0-9]+([-_][a-z0-9]+)*$")
ANSWER_SETS_FILE = "_answer-sets.yaml"
TOPICS_FILE = "_topics.yaml"  # in vignettes/: each topic's name in every site language
MAX_TEXT_LENGTH_LIMIT = 5000
# The biggest shipped file is under 10 KB; a content file many times that is a mistake (a
# video or a log saved under the wrong name), and reading it would only make the check slow.
MAX_FILE_BYTES = 256 * 1024
TRUTH_WORDS = "yes, no, on, off, true or false"

QUESTIONNAIRE_KEYS = {"id", "version", "order", "title", "intro", "optional", "items", "scores"}
ITEM_KEYS = {
    "id", "type", "text", "help", "options", "required", "show_if", "report", "trend",
    "max_length", "max", "carry_forward", "read_aloud", "vignette", "topics", "better",
}
ANSWER_SET_KEYS = {"better", "options"}
OPTION_KEYS = {"value", "label", "flag", "suggest", "exclusive"}
SCORE_KEYS = {"id", "items", "label", "flag", "report"}
SCORE_FLAG_KEYS = {"at_least", "at_most", "severity", "text"}
VIGNETTE_KEYS = {
    "id", "title", "summary", "peer", "topics", "video", "captions", "transcript", "duration_s",
    "sample",
}
CONDITION_TESTS = ("equals", "in", "at_least", "at_most", "answered")
CONDITION_GROUPS = ("all", "any", "not")


@dataclass(frozen=True, order=True)
class ContentError:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class ContentErrors(Exception):
    """The content did not pass the check; ``errors`` lists every problem found."""

    def __init__(self, errors: list[ContentError]):
        self.errors = sorted(errors)
        first = self.errors[0] if self.errors else "no content"
        more = f" (and {len(self.errors) - 1} more: run 'decisionaid check')" if len(errors) > 1 else ""
        super().__init__(f"{first}{more}")


def _did_you_mean(word: str, choices: Iterable[str]) -> str:
    match = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""


def _line(container: object, key: object) -> int:
    if isinstance(container, LineDict | LineList):
        return container.line_of(key)
    return 0


def _type_name(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "a yes/no value"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a map"
    return type(value).__name__


@dataclass
class _Reporter:
    """Collects errors for one file."""

    path: str
    errors: list[ContentError]

    def __call__(self, line: int, message: str) -> None:
        self.errors.append(ContentError(self.path, max(line, 1), message))


@dataclass
class _PendingCondition:
    """A `show_if` as read, resolved once every file is known."""

    condition: Condition
    questionnaire: str
    item: str
    line: int
    report: _Reporter
    leaf_lines: list[tuple[Condition, int]] = field(default_factory=list)


class _Loader:
    def __init__(self, languages: tuple[str, ...], alone: bool = False):
        self.languages = languages
        # alone: one file checked outside a content folder; links to other files cannot be known.
        self.alone = alone
        self.errors: list[ContentError] = []
        self.answer_sets: dict[str, tuple[Option, ...]] = {}
        self.answer_set_better: dict[str, str] = {}
        self.questionnaires: list[Questionnaire] = []
        self.vignettes: dict[str, Vignette] = {}
        self.pending: list[_PendingCondition] = []
        # (vignette id, reporter, line) to check once vignettes are loaded
        self.vignette_refs: list[tuple[str, _Reporter, int]] = []
        self.id_lines: dict[str, tuple[str, int]] = {}
        self.topics: dict[str, Text] = {}
        self.topics_file: Path | None = None
        self.declared_topics: set[str] = set()
        self.topics_unreadable = False
        # (topic id, reporter, line) to check once the topics file is read
        self.topic_refs: list[tuple[str, _Reporter, int]] = []
        self.duplicate_ids: set[str] = set()

    # --- texts -----------------------------------------------------------------------------
    def text(self, value: object, report: _Reporter, line: int, what: str) -> Text | None:
        from decisionaid.content.emphasis import unclosed

        def closed(string: str, at: int, where: str) -> bool:
            """False (and reported) when a ``**`` opens bold and nothing closes it."""
            found = unclosed(string)
            if found is None:
                return True
            # A text of several lines is a block (``|-``): its first line is under the key.
            row = at + 1 + found[0] if "\n" in string else at
            report(row, f"{what}{where} opens bold with ** and never closes it "
                        f"(\"{found[1]}\"): add the closing **, as in **Yes**")
            return False

        if isinstance(value, bool):
            report(line, f"{what} reads as a yes/no value: put the text in double quotes")
            return None
        if isinstance(value, int | float):
            value = str(value)
        if isinstance(value, str):
            if not value.strip():
                report(line, f"{what} is empty: write the text")
                return None
            if not closed(value.strip(), line, ""):
                return None
            return {lang: value.strip() for lang in self.languages}
        if isinstance(value, dict):
            result: Text = {}
            ok = True
            for lang, string in value.items():
                lang_line = _line(value, lang)
                if string is None:
                    report(
                        lang_line,
                        f"{what} has '{lang}' with no text; a comma may have cut the text in two: "
                        'put the whole text in double quotes, e.g. es: "Sí, a veces"',
                    )
                    ok = False
                    continue
                if not isinstance(lang, str) or not lang.isalpha() or not lang.islower():
                    report(
                        lang_line,
                        f"{what} has '{lang}' where a language code (en, es) belongs; if a comma "
                        "cut the text, put the whole text in double quotes",
                    )
                    ok = False
                    continue
                if isinstance(string, bool):
                    report(lang_line, f"{what} in '{lang}' reads as a yes/no value: put it in double quotes")
                    ok = False
                    continue
                if isinstance(string, int | float):
                    string = str(string)
                if not isinstance(string, str):
                    report(lang_line, f"{what} in '{lang}' must be a text, not {_type_name(string)}")
                    ok = False
                    continue
                if not string.strip():
                    report(lang_line, f"{what} in '{lang}' is empty: write the text")
                    ok = False
                    continue
                if not closed(string.strip(), lang_line, f" in '{lang}'"):
                    ok = False
                    continue
                result[lang] = string.strip()
            missing = [lang for lang in self.languages if lang not in result]
            if ok and missing:
                report(
                    line,
                    f"{what} has no '{missing[0]}' text; every text needs each site language "
                    f"({', '.join(self.languages)})",
                )
                return None
            return result if ok else None
        report(line, f"{what} must be a text or a map of texts by language, not {_type_name(value)}")
        return None

    # --- helpers -----------------------------------------------------------------------------
    def unknown_keys(self, data: LineDict, allowed: set[str], report: _Reporter, where: str) -> None:
        for key in data:
            if key not in allowed:
                report(
                    data.line_of(key),
                    f"unknown key '{key}' in {where}{_did_you_mean(key, allowed)}; "
                    f"the keys are: {', '.join(sorted(allowed))}",
                )

    def boolean(self, data: LineDict, key: str, report: _Reporter, default: bool) -> bool:
        if key not in data:
            return default
        value = data[key]
        if not isinstance(value, bool):
            report(data.line_of(key), f"'{key}' must be true or false, not {value!r}")
            return default
        return value

    def whole_number(
        self, data: LineDict, key: str, report: _Reporter, minimum: int | None = None
    ) -> int | None:
        value = data.get(key)
        if isinstance(value, bool) or not isinstance(value, int):
            report(data.line_of(key), f"'{key}' must be a whole number, not {value!r}")
            return None
        if minimum is not None and value < minimum:
            report(data.line_of(key), f"'{key}' must be at least {minimum}, not {value}")
            return None
        return value

    def slug(self, value: object, report: _Reporter, line: int, what: str) -> str | None:
        if not isinstance(value, str) or not ID_PATTERN.match(value):
            report(line, f"{what} {value!r} must use only lowercase letters, digits and '-', e.g. sleep-more")
            return None
        return value

    def vignette_ref(self, value: object, report: _Reporter, line: int) -> str | None:
        vid = self.slug(value, report, line, "the vignette id")
        if vid:
            self.vignette_refs.append((vid, report, line))
        return vid

    def topic_ref_list(self, topics: list, report: _Reporter, line: int) -> None:
        for index, topic in enumerate(topics):
            self.topic_refs.append((topic, report, topics.line_of(index) if isinstance(topics, LineList) else line))

    def load_topics(self, path: Path) -> None:
        report = _Reporter(str(path), self.errors)
        self.topics_file = path
        data = self.read(path, report)
        if not isinstance(data, LineDict):
            if data is not None:
                report(1, "the topics file must be a map of TOPIC-ID: its name in each site language")
            # Its own error says what is wrong; one line per topic in use would only repeat it.
            self.topics_unreadable = True
            return
        for topic, name in data.items():
            line = data.line_of(topic)
            if not isinstance(topic, str) or not ID_PATTERN.match(topic):
                report(line, f"topic id {topic!r} must use only lowercase letters, digits and '-', e.g. side-effects")
                continue
            self.declared_topics.add(topic)
            text = self.text(name, report, line, f"the name of topic '{topic}'")
            if text is not None:
                self.topics[topic] = text

    # --- options -----------------------------------------------------------------------------
    def options(self, raw: object, report: _Reporter, line: int, item_type: str) -> tuple[Option, ...]:
        if isinstance(raw, str):
            if raw not in self.answer_sets:
                report(
                    line,
                    f"no answer set named '{raw}' in {ANSWER_SETS_FILE}"
                    f"{_did_you_mean(raw, self.answer_sets)}",
                )
                return ()
            return self.answer_sets[raw]
        if not isinstance(raw, list) or not raw:
            report(line, "'options' must name an answer set or be a list of {value, label} entries")
            return ()
        options: list[Option] = []
        seen: dict[object, int] = {}
        for index, entry in enumerate(raw):
            entry_line = raw.line_of(index) if isinstance(raw, LineList) else line
            if not isinstance(entry, LineDict):
                report(entry_line, f"an option must be a map like {{value: 1, label: …}}, not {_type_name(entry)}")
                continue
            self.unknown_keys(entry, OPTION_KEYS, report, "an option")
            value = entry.get("value")
            value_line = entry.line_of("value")
            if "value" not in entry:
                report(entry.line, "an option needs a 'value'")
                continue
            if isinstance(value, bool):
                report(
                    value_line,
                    f"the value {value!r} reads as a truth value (YAML does that for {TRUTH_WORDS}); "
                    f"quote it, e.g. value: \"{'yes' if value else 'no'}\"",
                )
                continue
            if isinstance(value, str) and not STRING_VALUE.match(value):
                report(value_line, f"the value '{value}' must be a whole number or a lowercase word (letters, digits, - or _)")
                continue
            if not isinstance(value, int | str):
                report(value_line, f"an option's value must be a whole number or a lowercase word, not {_type_name(value)}")
                continue
            if value in seen:
                report(value_line, f"the value {value!r} is used twice in this item (also on line {seen[value]})")
                continue
            seen[value] = value_line
            label = self.text(entry.get("label"), report, entry.line_of("label"), "the option's label")
            if "label" not in entry:
                continue
            flag = entry.get("flag")
            if flag is not None and flag not in SEVERITIES:
                report(entry.line_of("flag"), f"'flag' must be concern or safety, not {flag!r}")
                flag = None
            suggest: list[str] = []
            if "suggest" in entry:
                raw_suggest = entry["suggest"]
                if isinstance(raw_suggest, str):
                    raw_suggest = [raw_suggest]
                if not isinstance(raw_suggest, list):
                    report(entry.line_of("suggest"), "'suggest' must be a list of vignette ids, e.g. [handling-side-effects]")
                else:
                    for vid in raw_suggest:
                        if self.vignette_ref(vid, report, entry.line_of("suggest")):
                            suggest.append(vid)
            exclusive = self.boolean(entry, "exclusive", report, False)
            if exclusive and item_type != "multi":
                report(entry.line_of("exclusive"), "'exclusive' only applies to options of a multi item")
            if label:
                options.append(Option(value, label, flag, tuple(suggest), exclusive))
        if item_type == "scale" and options:
            if not all(isinstance(o.value, int) for o in options):
                report(line, "a scale's values must all be whole numbers, in order (e.g. 0, 1, 2, 3)")
            elif [o.value for o in options] != sorted(o.value for o in options):
                report(line, "a scale's values must go up from left to right (e.g. 0, 1, 2, 3)")
        if len(options) == 1 and len(raw) == 1:
            report(line, "an item needs at least two options to choose from")
        return tuple(options)

    def better_end(self, value: object, report: _Reporter, line: int) -> str | None:
        if value not in BETTER_ENDS:
            report(
                line,
                f"'better' says which end of the scale is better: lower or higher, not {value!r}"
                f"{_did_you_mean(value, BETTER_ENDS)}",
            )
            return None
        return value  # type: ignore[return-value]

    def load_answer_sets(self, path: Path) -> None:
        report = _Reporter(str(path), self.errors)
        data = self.read(path, report)
        if data is None:
            return
        if not isinstance(data, LineDict):
            report(1, "the answer sets file must be a map of NAME: [options]")
            return
        for name, raw in data.items():
            if not isinstance(name, str) or not ID_PATTERN.match(name):
                report(data.line_of(name), f"answer set name {name!r} must use lowercase letters, digits and '-'")
                continue
            line = data.line_of(name)
            if isinstance(raw, LineDict):  # the long form: {better: lower, options: [...]}
                self.unknown_keys(raw, ANSWER_SET_KEYS, report, f"the answer set '{name}'")
                if "better" in raw:
                    better = self.better_end(raw["better"], report, raw.line_of("better"))
                    if better:
                        self.answer_set_better[name] = better
                if "options" not in raw:
                    report(raw.line, f"the answer set '{name}' needs 'options': a list of {{value, label}} entries")
                    continue
                line, raw = raw.line_of("options"), raw["options"]
            # Set type is not known yet; 'exclusive' is checked again at use.
            options = self.options(raw, report, line, "multi")
            if options:
                self.answer_sets[name] = options

    # --- conditions --------------------------------------------------------------------------
    def condition(
        self, raw: object, report: _Reporter, line: int, qid: str, leaves: list[tuple[Condition, int]]
    ) -> Condition | None:
        if not isinstance(raw, LineDict):
            report(line, "'show_if' must be a map like {item: sleep, at_least: 2}")
            return None
        groups = [k for k in CONDITION_GROUPS if k in raw]
        if groups:
            key = groups[0]
            if len(raw) != 1:
                report(raw.line, f"'{key}' must stand alone in its condition; nest the other tests inside it")
                return None
            inner = raw[key]
            if key == "not":
                part = self.condition(inner, report, raw.line_of(key), qid, leaves)
                return Condition("not", parts=(part,)) if part else None
            if not isinstance(inner, LineList) or not inner:
                report(raw.line_of(key), f"'{key}' takes a list of conditions, e.g. {key}: [{{item: a, equals: 1}}, …]")
                return None
            parts = [self.condition(p, report, inner.line_of(i), qid, leaves) for i, p in enumerate(inner)]
            if any(p is None for p in parts):
                return None
            return Condition(key, parts=tuple(parts))  # type: ignore[arg-type]
        allowed = {"item", *CONDITION_TESTS}
        for key in raw:
            if key not in allowed:
                report(raw.line_of(key), f"unknown key '{key}' in show_if{_did_you_mean(key, [*allowed, *CONDITION_GROUPS])}; use item with one of {', '.join(CONDITION_TESTS)}, or all/any/not")
                return None
        if "item" not in raw:
            report(raw.line, "a show_if test needs 'item: ID' (or FILE-ID/ITEM-ID for another file)")
            return None
        target = raw["item"]
        if not isinstance(target, str) or not target:
            report(raw.line_of("item"), "'item' must be an item id, or FILE-ID/ITEM-ID")
            return None
        ref = ItemRef(*target.split("/", 1)) if "/" in target else ItemRef(qid, target)
        tests = [k for k in CONDITION_TESTS if k in raw]
        if len(tests) != 1:
            report(raw.line, f"a show_if test needs exactly one of: {', '.join(CONDITION_TESTS)}")
            return None
        op = tests[0]
        value = raw[op]
        vline = raw.line_of(op)
        if op in ("at_least", "at_most") and (isinstance(value, bool) or not isinstance(value, int)):
            report(vline, f"'{op}' takes a whole number, not {value!r}")
            return None
        if op == "answered" and not isinstance(value, bool):
            report(vline, "'answered' takes true or false")
            return None
        if op == "in":
            if not isinstance(value, list) or not value:
                report(vline, "'in' takes a list of values, e.g. in: [1, 2]")
                return None
            value = tuple(value)
        condition = Condition(op, ref=ref, value=value)  # type: ignore[arg-type]
        leaves.append((condition, vline))
        return condition

    # --- items -------------------------------------------------------------------------------
    def item(self, raw: LineDict, report: _Reporter, qid: str, seen: dict[str, int]) -> Item | None:
        self.unknown_keys(raw, ITEM_KEYS, report, "an item")
        ok = True
        iid = raw.get("id")
        if "id" not in raw:
            report(raw.line, "an item needs an 'id' (lowercase letters, digits, '-')")
            return None
        if not self.slug(iid, report, raw.line_of("id"), "the item id"):
            return None
        if iid in seen:
            report(raw.line_of("id"), f"the item id '{iid}' is used twice in this file (also on line {seen[iid]})")
            return None
        seen[iid] = raw.line_of("id")
        item_type = raw.get("type")
        if item_type not in ITEM_TYPES:
            report(
                raw.line_of("type"),
                f"item '{iid}' has type {item_type!r}{_did_you_mean(item_type, ITEM_TYPES)}; "
                f"the types are: {', '.join(ITEM_TYPES)}",
            )
            return None
        if "text" not in raw:
            report(raw.line, f"item '{iid}' needs a 'text'")
            ok = False
        text = self.text(raw.get("text"), report, raw.line_of("text"), f"item '{iid}' text") if "text" in raw else None
        help_text = self.text(raw["help"], report, raw.line_of("help"), f"item '{iid}' help") if "help" in raw else None
        options: tuple[Option, ...] = ()
        if item_type in ("scale", "choice", "multi"):
            if "options" not in raw:
                report(raw.line, f"a {item_type} item needs 'options' (a list, or the name of an answer set)")
                ok = False
            else:
                options = self.options(raw["options"], report, raw.line_of("options"), item_type)
                if item_type != "multi" and isinstance(raw["options"], str) and any(o.exclusive for o in options):
                    report(raw.line_of("options"), f"the answer set '{raw['options']}' has an 'exclusive' option, which only a multi item can use")
                ok = ok and bool(options)
        elif "options" in raw:
            if item_type == "yesno":
                report(raw.line_of("options"), "a yesno item takes no 'options'; its Yes/No labels are built in")
            else:
                report(raw.line_of("options"), f"a {item_type} item takes no 'options'")
        if item_type == "yesno":
            options = tuple(
                Option(value, {lang: YESNO_LABELS.get(lang, YESNO_LABELS["en"])[index] for lang in self.languages})
                for index, value in enumerate((True, False))
            )
        report_section = raw.get("report")
        if report_section is not None:
            if report_section not in REPORT_SECTIONS:
                report(
                    raw.line_of("report"),
                    f"'report' must be one of: {', '.join(REPORT_SECTIONS)}{_did_you_mean(report_section, REPORT_SECTIONS)}",
                )
                report_section = None
            elif item_type not in ANSWERABLE_TYPES:
                report(raw.line_of("report"), f"a {item_type} item has no answer to put on the report; remove 'report'")
        trend = self.boolean(raw, "trend", report, False)
        if trend and item_type != "scale":
            report(raw.line_of("trend"), "'trend' only applies to scale items")
            trend = False
        better = None
        if "better" in raw:
            if item_type != "scale":
                report(raw.line_of("better"), "'better' only applies to scale items (it says which end of the scale is better)")
            else:
                better = self.better_end(raw["better"], report, raw.line_of("better"))
        elif item_type == "scale" and isinstance(raw.get("options"), str):
            better = self.answer_set_better.get(raw["options"])
        max_length = DEFAULT_MAX_LENGTH
        if "max_length" in raw:
            if item_type != "text":
                report(raw.line_of("max_length"), "'max_length' only applies to text items")
            else:
                n = self.whole_number(raw, "max_length", report, 1)
                if n is not None and n > MAX_TEXT_LENGTH_LIMIT:
                    report(raw.line_of("max_length"), f"'max_length' may be at most {MAX_TEXT_LENGTH_LIMIT}")
                elif n is not None:
                    max_length = n
        max_choices = None
        if "max" in raw:
            if item_type != "multi":
                report(raw.line_of("max"), "'max' only applies to multi items")
            else:
                max_choices = self.whole_number(raw, "max", report, 1)
                if max_choices is not None and options and max_choices > len(options):
                    report(raw.line_of("max"), f"'max' is {max_choices} but the item has only {len(options)} options")
        carry = self.boolean(raw, "carry_forward", report, False)
        if carry and item_type not in ANSWERABLE_TYPES:
            report(raw.line_of("carry_forward"), f"a {item_type} item has no answer to carry forward")
        vignette = None
        if "vignette" in raw:
            if item_type != "info":
                report(raw.line_of("vignette"), "'vignette' only applies to info items (use a vignettes item to offer several)")
            else:
                vignette = self.vignette_ref(raw["vignette"], report, raw.line_of("vignette"))
        topics: tuple[str, ...] = ()
        if "topics" in raw:
            if item_type != "vignettes":
                report(raw.line_of("topics"), "'topics' only applies to vignettes items")
            elif not isinstance(raw["topics"], list) or not all(
                isinstance(t, str) and ID_PATTERN.match(t) for t in raw["topics"]
            ):
                report(raw.line_of("topics"), "'topics' must be a list of topic names, e.g. [side-effects]")
            else:
                topics = tuple(raw["topics"])
                self.topic_ref_list(raw["topics"], report, raw.line_of("topics"))
        show_if = None
        if "show_if" in raw:
            leaves: list[tuple[Condition, int]] = []
            show_if = self.condition(raw["show_if"], report, raw.line_of("show_if"), qid, leaves)
            if show_if is not None:
                self.pending.append(_PendingCondition(show_if, qid, iid, raw.line_of("show_if"), report, leaves))
        required = self.boolean(raw, "required", report, False)
        read_aloud = self.boolean(raw, "read_aloud", report, True)
        if not ok or text is None:
            return None
        return Item(
            id=iid, type=item_type, text=text, help=help_text, options=options, required=required,
            show_if=show_if, report=report_section, trend=trend, max_length=max_length,
            max=max_choices, carry_forward=carry, read_aloud=read_aloud, vignette=vignette,
            topics=topics, better=better, line=raw.line,
        )

    def scores(self, raw: object, report: _Reporter, line: int, items: dict[str, Item]) -> tuple[Score, ...]:
        if not isinstance(raw, LineList):
            report(line, "'scores' must be a list")
            return ()
        result: list[Score] = []
        seen: set[str] = set()
        for index, entry in enumerate(raw):
            if not isinstance(entry, LineDict):
                report(raw.line_of(index), "a score must be a map with id, items and label")
                continue
            self.unknown_keys(entry, SCORE_KEYS, report, "a score")
            sid = self.slug(entry.get("id"), report, entry.line_of("id"), "the score id")
            if sid in seen:
                report(entry.line_of("id"), f"the score id '{sid}' is used twice")
                continue
            if sid:
                seen.add(sid)
            names = entry.get("items")
            ok = sid is not None
            if not isinstance(names, list) or not names:
                report(entry.line_of("items"), "a score needs 'items': a list of item ids in this file")
                ok = False
                names = []
            for name in names:
                item = items.get(name) if isinstance(name, str) else None
                if item is None:
                    report(entry.line_of("items"), f"the score counts '{name}', which is not an item in this file{_did_you_mean(name, items)}")
                    ok = False
                elif item.type not in ("scale", "choice", "yesno") or (
                    item.type != "yesno" and not all(isinstance(o.value, int) for o in item.options)
                ):
                    report(entry.line_of("items"), f"the score counts '{name}', but only scale, choice and yesno items with number values can be added up")
                    ok = False
            label = self.text(entry.get("label"), report, entry.line_of("label"), "the score's label")
            flag = None
            if "flag" in entry:
                flag = self.score_flag(entry["flag"], report, entry.line_of("flag"))
                ok = ok and flag is not None
            report_section = entry.get("report")
            if report_section is not None and report_section not in REPORT_SECTIONS:
                report(entry.line_of("report"), f"'report' must be one of: {', '.join(REPORT_SECTIONS)}")
                ok = False
            if ok and label:
                result.append(Score(sid, tuple(names), label, flag, report_section, entry.line))
        return tuple(result)

    def score_flag(self, raw: object, report: _Reporter, line: int) -> ScoreFlag | None:
        if not isinstance(raw, LineDict):
            report(line, "a score's 'flag' must be a map like {at_most: 3, severity: concern, text: …}")
            return None
        self.unknown_keys(raw, SCORE_FLAG_KEYS, report, "a score's flag")
        bounds = [k for k in ("at_least", "at_most") if k in raw]
        if len(bounds) != 1:
            report(raw.line, "a score's flag needs exactly one of at_least: N or at_most: N")
            return None
        bound = self.whole_number(raw, bounds[0], report)
        severity = raw.get("severity")
        if severity not in SEVERITIES:
            report(raw.line_of("severity"), f"a score's flag needs 'severity': concern or safety, not {severity!r}")
            return None
        text = self.text(raw.get("text"), report, raw.line_of("text"), "the flag's text")
        if bound is None or text is None:
            return None
        return ScoreFlag(severity, text, **{bounds[0]: bound})

    # --- files -------------------------------------------------------------------------------
    def read_text(self, path: Path, report: _Reporter) -> str | None:
        """A content text file (YAML, captions, transcript), bounded in size and UTF-8."""
        try:
            if not path.is_file():  # a FIFO or a device would block or never end
                report(1, "this is not a regular file; content must be plain text files")
                return None
            with open(path, "rb") as f:
                raw = f.read(MAX_FILE_BYTES + 1)
        except OSError as e:
            report(1, f"cannot read the file ({e.strerror or e})")
            return None
        if len(raw) > MAX_FILE_BYTES:
            report(1, f"the file is larger than {MAX_FILE_BYTES // 1024} KB, the most a content file may be; is it the right file?")
            return None
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as e:
            line = raw.count(b"\n", 0, e.start) + 1
            report(line, "the file is not UTF-8 text (this line holds a byte that is not); save it as UTF-8")
            return None

    def read(self, path: Path, report: _Reporter) -> object | None:
        source = self.read_text(path, report)
        if source is None:
            return None
        data, problems = read_yaml(source)
        for problem in problems:
            report(problem.line, problem.message)
        if data is None and not problems:
            report(1, "the file is empty")
        return data

    def load_questionnaire(self, path: Path) -> None:
        report = _Reporter(str(path), self.errors)
        data = self.read(path, report)
        if data is None:
            return
        if not isinstance(data, LineDict):
            report(1, "a questionnaire file must be a map with id, version, order, title and items")
            return
        self.unknown_keys(data, QUESTIONNAIRE_KEYS, report, "the questionnaire")
        missing = [k for k in ("id", "version", "order", "title", "items") if k not in data]
        for key in missing:
            report(1, f"the questionnaire needs '{key}'")
        if missing:
            return
        qid = self.slug(data["id"], report, data.line_of("id"), "the questionnaire id")
        version = self.whole_number(data, "version", report, 1)
        order = self.whole_number(data, "order", report)
        title = self.text(data["title"], report, data.line_of("title"), "the title")
        intro = self.text(data["intro"], report, data.line_of("intro"), "the intro") if "intro" in data else None
        optional = self.boolean(data, "optional", report, False)
        if qid and qid in self.id_lines:
            other, other_line = self.id_lines[qid]
            report(data.line_of("id"), f"the questionnaire id '{qid}' is also used in {other}:{other_line}; ids must be unique")
            self.duplicate_ids.add(qid)
            qid = None
        elif qid:
            self.id_lines[qid] = (str(path), data.line_of("id"))
        raw_items = data["items"]
        if not isinstance(raw_items, LineList) or not raw_items:
            report(data.line_of("items"), "'items' must be a list with at least one item")
            return
        items: list[Item] = []
        seen: dict[str, int] = {}
        for index, raw in enumerate(raw_items):
            if not isinstance(raw, LineDict):
                report(raw_items.line_of(index), f"an item must be a map with id, type and text, not {_type_name(raw)}")
                continue
            item = self.item(raw, report, qid or "?", seen)
            if item:
                items.append(item)
        by_id = {item.id: item for item in items}
        scores = self.scores(data["scores"], report, data.line_of("scores"), by_id) if "scores" in data else ()
        if None in (qid, version, order, title) or len(items) != len(raw_items):
            return
        self.questionnaires.append(
            Questionnaire(qid, version, order, title, tuple(items), intro, optional, scores, str(path))
        )

    def load_vignette(self, folder: Path) -> None:
        path = folder / "vignette.yaml"
        report = _Reporter(str(path), self.errors)
        if not path.is_file():
            report(1, f"the vignette folder {folder.name}/ has no vignette.yaml")
            return
        data = self.read(path, report)
        if data is None:
            return
        if not isinstance(data, LineDict):
            report(1, "vignette.yaml must be a map with id, title, summary, peer, topics, video, …")
            return
        self.unknown_keys(data, VIGNETTE_KEYS, report, "the vignette")
        required = ("id", "title", "summary", "peer", "topics", "video", "captions", "transcript", "duration_s")
        missing = [k for k in required if k not in data]
        for key in missing:
            report(1, f"the vignette needs '{key}'")
        if missing:
            return
        vid = self.slug(data["id"], report, data.line_of("id"), "the vignette id")
        if vid and vid != folder.name:
            report(data.line_of("id"), f"the id '{vid}' must match its folder name '{folder.name}'")
            vid = None
        title = self.text(data["title"], report, data.line_of("title"), "the title")
        summary = self.text(data["summary"], report, data.line_of("summary"), "the summary")
        peer = self.text(data["peer"], report, data.line_of("peer"), "the peer")
        topics = data["topics"]
        if not isinstance(topics, list) or not topics or not all(isinstance(t, str) and ID_PATTERN.match(t) for t in topics):
            report(data.line_of("topics"), "'topics' must be a list of topic names, e.g. [side-effects]")
            topics = None
        else:
            self.topic_ref_list(topics, report, data.line_of("topics"))
        duration = self.whole_number(data, "duration_s", report, 1)
        sample = self.boolean(data, "sample", report, False)
        video = self.file(folder, data["video"], report, data.line_of("video"), "the video")
        captions = self.per_language_files(folder, data["captions"], report, data.line_of("captions"), "captions")
        transcript = self.per_language_files(folder, data["transcript"], report, data.line_of("transcript"), "transcript")
        actual = self.check_video(video, report, data.line_of("video")) if video else None
        if actual is not None and duration is not None and abs(actual - duration) > 1.0:
            report(data.line_of("duration_s"), f"duration_s is {duration} but the video lasts {actual:.0f} seconds; set duration_s: {round(actual)}")
        if captions:
            for lang, cpath in captions.items():
                self.check_captions(Path(cpath), actual, report, data["captions"].line_of(lang) if isinstance(data["captions"], LineDict) else data.line_of("captions"))
        for tpath in (transcript or {}).values():
            # The kiosk shows the transcript as it is: it must be readable text.
            if self.read_text(Path(tpath), _Reporter(tpath, self.errors)) is None:
                transcript = None
        if None in (vid, title, summary, peer, topics, duration, video, captions, transcript):
            return
        self.vignettes[vid] = Vignette(
            vid, title, summary, peer, tuple(topics), video, captions, transcript, duration, sample, str(folder)
        )

    def file(self, folder: Path, name: object, report: _Reporter, line: int, what: str) -> str | None:
        if not isinstance(name, str) or not name.strip():
            report(line, f"{what} must be a file name in this folder")
            return None
        path = (folder / name).resolve()
        if not path.is_file():
            report(line, f"{what} file '{name}' is not in {folder}")
            return None
        return str(path)

    def per_language_files(self, folder: Path, raw: object, report: _Reporter, line: int, what: str) -> dict[str, str] | None:
        if not isinstance(raw, LineDict):
            report(line, f"'{what}' must be a map of files by language, e.g. {{en: {what}.en.txt, es: {what}.es.txt}}")
            return None
        result: dict[str, str] = {}
        for lang in self.languages:
            if lang not in raw:
                report(line, f"'{what}' has no file for '{lang}'; each site language needs one")
                return None
        for lang, name in raw.items():
            found = self.file(folder, name, report, raw.line_of(lang), f"the {lang} {what}")
            if found is None:
                return None
            result[lang] = found
        return result

    def check_video(self, path: str, report: _Reporter, line: int) -> float | None:
        """The video's duration in seconds, after decoding its first frame; None if it fails."""
        try:
            import av  # decoding is only needed when checking vignettes
        except ImportError:  # pragma: no cover - av is a dependency
            report(line, "cannot check the video: the 'av' package is missing; reinstall decisionaid")
            return None
        try:
            with av.open(path) as container:
                if not container.streams.video:
                    report(line, "the video file has no picture; use an H.264/AAC MP4")
                    return None
                stream = container.streams.video[0]
                next(container.decode(stream))
                if container.duration:
                    return container.duration / 1_000_000
                if stream.duration and stream.time_base:
                    return float(stream.duration * stream.time_base)
                report(line, "the video file does not say how long it is; re-encode it as an H.264/AAC MP4")
        except StopIteration:
            report(line, "the video file has no frames; re-encode it as an H.264/AAC MP4")
        except (av.error.FFmpegError, OSError, ValueError) as e:  # type: ignore[attr-defined]
            report(line, f"the video cannot be played ({e}); re-encode it as an H.264/AAC MP4")
        return None

    def check_captions(self, path: Path, video_s: float | None, report: _Reporter, line: int) -> None:
        caption_report = _Reporter(str(path), self.errors)
        text = self.read_text(path, caption_report)
        if text is None:
            return
        try:
            cues = parse_webvtt(text)
        except CaptionError as e:
            caption_report(e.line, f"{e} (WebVTT captions)")
            return
        if not cues:
            caption_report(1, "the captions file has no captions")
        elif video_s is not None and cues[-1].end > video_s + 0.5:
            caption_report(1, f"the last caption ends at {cues[-1].end:.1f} s, after the video ends ({video_s:.1f} s)")

    # --- cross-file checks -------------------------------------------------------------------
    def resolve(self) -> None:
        self.questionnaires.sort(key=lambda q: (q.order, q.id))
        position: dict[ItemRef, int] = {}
        items: dict[ItemRef, Item] = {}
        for qi, questionnaire in enumerate(self.questionnaires):
            for ii, item in enumerate(questionnaire.items):
                ref = ItemRef(questionnaire.id, item.id)
                position[ref] = qi * 10_000 + ii
                items[ref] = item
        for pending in self.pending:
            here = position.get(ItemRef(pending.questionnaire, pending.item))
            if here is None:
                continue
            for leaf, line in pending.leaf_lines:
                ref = leaf.ref
                assert ref is not None
                if ref.questionnaire in self.duplicate_ids:
                    continue  # already reported: which file is meant cannot be known
                target = items.get(ref)
                if target is None and self.alone and ref.questionnaire != pending.questionnaire:
                    continue
                if target is None:
                    known = [i.id for q in self.questionnaires if q.id == ref.questionnaire for i in q.items]
                    where = "this file" if ref.questionnaire == pending.questionnaire else f"'{ref.questionnaire}'"
                    if ref.questionnaire != pending.questionnaire and not any(q.id == ref.questionnaire for q in self.questionnaires):
                        pending.report(line, f"show_if names '{ref}', but there is no questionnaire '{ref.questionnaire}'")
                    else:
                        pending.report(line, f"show_if names item '{ref.item}', which is not in {where}{_did_you_mean(ref.item, known)}")
                    continue
                if position[ref] >= here:
                    pending.report(line, f"show_if names '{ref.item}', which comes at or after this item; a condition can only look at earlier answers")
                    continue
                self.check_condition_value(leaf, target, pending.report, line)
        known = set(self.vignettes)
        for vid, report, line in self.vignette_refs:
            if vid not in known and not self.alone:
                report(line, f"there is no vignette '{vid}' in the vignettes folder{_did_you_mean(vid, known)}")
        if not self.alone and not self.topics_unreadable:
            self.resolve_topics()

    def resolve_topics(self) -> None:
        declared_in = f"vignettes/{TOPICS_FILE}"
        for topic, report, line in self.topic_refs:
            if topic in self.topics:
                continue
            if self.topics_file is None:
                report(line, f"the topic '{topic}' has no name: add {declared_in} with '{topic}' and its name in each site language ({', '.join(self.languages)})")
            elif topic not in self.declared_topics:  # a declared topic's bad name is reported there
                report(line, f"the topic '{topic}' is not in {declared_in}{_did_you_mean(topic, self.declared_topics)}; add it there with its name in each site language")

    def check_condition_value(self, leaf: Condition, target: Item, report: _Reporter, line: int) -> None:
        if leaf.op == "answered":
            if not target.answerable:
                report(line, f"'{target.id}' is a {target.type} item and has no answer to test")
            return
        if not target.answerable:
            report(line, f"'{target.id}' is a {target.type} item and has no answer to test")
            return
        if target.type == "text":
            report(line, f"'{target.id}' is a text item; only 'answered' can test it")
            return
        values = [o.value for o in target.options]
        if leaf.op in ("at_least", "at_most"):
            if not all(isinstance(v, int) and not isinstance(v, bool) for v in values):
                report(line, f"'{leaf.op}' needs number values, but '{target.id}' has words as values; use equals or in")
            return
        wanted = leaf.value if leaf.op == "in" else (leaf.value,)
        for value in wanted:  # type: ignore[union-attr]
            if not any(value == v and type(value) is type(v) for v in values):
                shown = ", ".join(repr(v) if not isinstance(v, bool) else str(v).lower() for v in values)
                hint = ""
                if isinstance(value, bool) and target.type != "yesno":
                    hint = f" ({TRUTH_WORDS} read as truth values: quote them)"
                report(line, f"'{target.id}' cannot be {value!r}; its values are: {shown}{hint}")


@dataclass(frozen=True)
class CheckResult:
    content: Content | None
    errors: list[ContentError]
    questionnaires: int
    items: int
    vignettes: int
    # Checked outside a content folder: links to vignettes and other files were not checked.
    alone: bool = False
    # Other files checked (answer sets, topics): something was checked even with no questionnaire.
    other_files: int = 0

    @property
    def checked_nothing(self) -> bool:
        return not self.errors and not (self.questionnaires or self.vignettes or self.other_files)


def _questionnaire_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.yaml") if not p.name.startswith("_"))


def _vignette_folders(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(("_", ".")))


def check(root: Path, languages: Iterable[str], only: Iterable[Path] | None = None) -> CheckResult:
    """Validate the content root (``questionnaires/`` and ``vignettes/`` under ``root``).

    With ``only``, the whole root is still read (conditions and vignettes refer across files)
    but only errors and counts for those files or vignette folders are returned.
    """
    loader = _Loader(tuple(languages))
    qdir, vdir = root / "questionnaires", root / "vignettes"
    if (qdir / ANSWER_SETS_FILE).is_file():
        loader.load_answer_sets(qdir / ANSWER_SETS_FILE)
    if (vdir / TOPICS_FILE).is_file():
        loader.load_topics(vdir / TOPICS_FILE)
    qfiles = _questionnaire_files(qdir) if qdir.is_dir() else []
    vfolders = _vignette_folders(vdir) if vdir.is_dir() else []
    for path in qfiles:
        loader.load_questionnaire(path)
    for folder in vfolders:
        loader.load_vignette(folder)
    loader.resolve()
    errors = sorted(set(loader.errors))
    content = None
    if not errors:
        content = Content(
            tuple(loader.languages), tuple(loader.questionnaires), dict(loader.vignettes), dict(loader.topics)
        )
    questionnaires = loader.questionnaires
    vignettes = list(loader.vignettes.values())
    others = [f for f in (qdir / ANSWER_SETS_FILE, vdir / TOPICS_FILE) if f.is_file()]
    if only is not None:
        wanted = [p.resolve() for p in only]

        def chosen(path: str) -> bool:
            resolved = Path(path).resolve()
            return any(resolved == w or w in resolved.parents for w in wanted)

        errors = [e for e in errors if chosen(e.path)]
        questionnaires = [q for q in questionnaires if chosen(q.path)]
        vignettes = [v for v in vignettes if chosen(v.folder)]
        others = [f for f in others if chosen(str(f))]
    return CheckResult(
        content,
        errors,
        len(questionnaires),
        sum(len(q.items) for q in questionnaires),
        len(vignettes),
        other_files=len(others),
    )


def check_alone(path: Path, languages: Iterable[str]) -> CheckResult:
    """Check one questionnaire file, answer sets file or vignette folder that is not inside a
    content folder. A questionnaire uses the ``_answer-sets.yaml`` beside it, if there is one;
    its links to vignettes and to other questionnaires are left for the check of the whole root.
    """
    loader = _Loader(tuple(languages), alone=True)
    path = Path(path)
    questionnaire = vignette = False
    if path.is_dir():
        loader.load_vignette(path)
        vignette = True
    elif path.name == ANSWER_SETS_FILE:
        loader.load_answer_sets(path)
    elif path.name == TOPICS_FILE:
        loader.load_topics(path)
    else:
        if (path.parent / ANSWER_SETS_FILE).is_file():
            loader.load_answer_sets(path.parent / ANSWER_SETS_FILE)
        loader.load_questionnaire(path)
        questionnaire = True
    loader.resolve()
    errors = sorted(set(loader.errors))
    questionnaires = loader.questionnaires
    return CheckResult(
        None,
        errors,
        len(questionnaires),
        sum(len(q.items) for q in questionnaires),
        len(loader.vignettes),
        alone=True,
        other_files=0 if questionnaire or vignette else 1,
    )


def load_content(root: Path, languages: Iterable[str]) -> Content:
    """The validated content under ``root``; raises ContentErrors listing every problem."""
    result = check(Path(root), languages)
    if result.content is None:
        raise ContentErrors(result.errors or [ContentError(str(root), 1, "no questionnaires found")])
    if not result.content.questionnaires:
        raise ContentErrors([ContentError(str(Path(root) / "questionnaires"), 1, "no questionnaires found: add at least one NAME.yaml")])
    return result.content
