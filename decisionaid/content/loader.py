"""Load and validate questionnaires/ and vignettes/.

Every rule of the content format is checked here, and every problem of a run is collected as a
``ContentError`` (``FILE:LINE: what is wrong (and how to mend it)``) rather than stopping at
the first. ``load_content`` returns a ``Content`` only when there are none. How one value is
read is in ``field_checks``; the vignettes folder in ``vignette_checks``; ``show_if`` in
``condition_checks``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from decisionaid.content.condition_checks import ConditionChecks
from decisionaid.content.field_checks import (
    ID_PATTERN,
    MAX_FILE_BYTES,
    TRUTH_WORDS,
    ContentError,
    ContentErrors,
    Reporter,
    did_you_mean,
    type_name,
)
from decisionaid.content.model import (
    ANSWERABLE_TYPES,
    BETTER_ENDS,
    DEFAULT_MAX_LENGTH,
    ITEM_TYPES,
    REPORT_SECTIONS,
    SEVERITIES,
    Content,
    Item,
    Option,
    Questionnaire,
    yesno_labels,
)
from decisionaid.content.readability import DEFAULT_TARGETS, reading
from decisionaid.content.score_checks import ScoreChecks
from decisionaid.content.vignette_checks import TOPICS_FILE, VignetteChecks
from decisionaid.content.yamlnodes import LineDict, LineList
from decisionaid.i18n import _

# Importable from here, where the check is run from.
__all__ = [
    "ANSWER_SETS_FILE",
    "MAX_FILE_BYTES",
    "TOPICS_FILE",
    "CheckResult",
    "ContentError",
    "ContentErrors",
    "check",
    "check_alone",
    "load_content",
]

STRING_VALUE = re.compile(r"^[a-z0-9]+([-_][a-z0-9]+)*$")
ANSWER_SETS_FILE = "_answer-sets.yaml"
MAX_TEXT_LENGTH_LIMIT = 5000
QUESTIONNAIRE_KEYS = {"id", "version", "order", "title", "intro", "optional", "items", "scores"}
ITEM_KEYS = {
    "id", "type", "text", "help", "options", "required", "show_if", "report", "trend",
    "max_length", "max", "carry_forward", "read_aloud", "vignette", "topics", "better",
}
ANSWER_SET_KEYS = {"better", "options"}
OPTION_KEYS = {"value", "label", "flag", "suggest", "exclusive"}


class _Loader(ScoreChecks):
    """One run of the check: the questionnaires and answer sets read here, the vignettes and
    topics by ``stories``, the items' conditions by ``conditions``; ``resolve`` once all are read."""

    def __init__(self, languages: tuple[str, ...], alone: bool = False):
        super().__init__(languages, [])
        # alone: one file checked outside a content folder; links to other files cannot be known.
        self.alone = alone
        self.stories = VignetteChecks(languages, self.errors)
        self.conditions = ConditionChecks()
        self.answer_sets: dict[str, tuple[Option, ...]] = {}
        self.answer_set_better: dict[str, str] = {}
        self.questionnaires: list[Questionnaire] = []
        self.id_lines: dict[str, tuple[str, int]] = {}
        self.duplicate_ids: set[str] = set()

    # --- options -----------------------------------------------------------------------------
    def options(self, raw: object, report: Reporter, line: int, item_type: str) -> tuple[Option, ...]:
        if isinstance(raw, str):
            if raw not in self.answer_sets:
                report(
                    line,
                    _("no answer set named '{raw}' in {file}{did_you_mean}",
                      raw=raw, file=ANSWER_SETS_FILE,
                      did_you_mean=did_you_mean(raw, self.answer_sets)),
                )
                return ()
            return self.answer_sets[raw]
        if not isinstance(raw, list) or not raw:
            report(line, _("'options' must name an answer set or be a list of {value, label} "
                           "entries"))
            return ()
        options: list[Option] = []
        seen: dict[object, int] = {}
        for index, entry in enumerate(raw):
            entry_line = raw.line_of(index) if isinstance(raw, LineList) else line
            if not isinstance(entry, LineDict):
                report(entry_line, _("an option must be a map like {{value: 1, label: …}}, not "
                                     "{type_name}", type_name=type_name(entry)))
                continue
            self.unknown_keys(entry, OPTION_KEYS, report, _("an option"))
            value = entry.get("value")
            value_line = entry.line_of("value")
            if "value" not in entry:
                report(entry.line, _("an option needs a 'value'"))
                continue
            if isinstance(value, bool):
                report(
                    value_line,
                    _("the value {value!r} reads as a truth value (YAML does that for "
                      "{words}); quote it, e.g. value: \"{quoted}\"",
                      value=value, words=TRUTH_WORDS, quoted='yes' if value else 'no'),
                )
                continue
            if isinstance(value, str) and not STRING_VALUE.match(value):
                report(value_line, _("the value '{value}' must be a whole number or a lowercase "
                                     "word (letters, digits, - or _)", value=value))
                continue
            if not isinstance(value, int | str):
                report(value_line, _("an option's value must be a whole number or a lowercase "
                                     "word, not {type_name}", type_name=type_name(value)))
                continue
            if value in seen:
                report(value_line, _("the value {value!r} is used twice in this item (also on "
                                     "line {seen})", value=value, seen=seen[value]))
                continue
            seen[value] = value_line
            label = self.text(entry.get("label"), report, entry.line_of("label"), _("the option's label"))
            if "label" not in entry:
                continue
            flag = entry.get("flag")
            if flag is not None and flag not in SEVERITIES:
                report(entry.line_of("flag"), _("'flag' must be concern or safety, not {flag!r}",
                                                flag=flag))
                flag = None
            suggest: list[str] = []
            if "suggest" in entry:
                raw_suggest = entry["suggest"]
                if isinstance(raw_suggest, str):
                    raw_suggest = [raw_suggest]
                if not isinstance(raw_suggest, list):
                    report(entry.line_of("suggest"), _("'suggest' must be a list of vignette "
                                                       "ids, e.g. [handling-side-effects]"))
                else:
                    for vid in raw_suggest:
                        if self.stories.vignette_ref(vid, report, entry.line_of("suggest")):
                            suggest.append(vid)
            exclusive = self.boolean(entry, "exclusive", report, False)
            if exclusive and item_type != "multi":
                report(entry.line_of("exclusive"), _("'exclusive' only applies to options of a "
                                                     "multi item"))
            if label:
                options.append(Option(value, label, flag, tuple(suggest), exclusive))
        if item_type == "scale" and options:
            if not all(isinstance(o.value, int) for o in options):
                report(line, _("a scale's values must all be whole numbers, in order (e.g. 0, 1, "
                               "2, 3)"))
            elif [o.value for o in options] != sorted(o.value for o in options):
                report(line, _("a scale's values must go up from left to right (e.g. 0, 1, 2, 3)"))
        if len(options) == 1 and len(raw) == 1:
            report(line, _("an item needs at least two options to choose from"))
        return tuple(options)

    def better_end(self, value: object, report: Reporter, line: int) -> str | None:
        if value not in BETTER_ENDS:
            report(
                line,
                _("'better' says which end of the scale is better: lower or higher, not "
                  "{value!r}{did_you_mean}",
                  value=value, did_you_mean=did_you_mean(value, BETTER_ENDS)),
            )
            return None
        return value  # type: ignore[return-value]

    def load_answer_sets(self, path: Path) -> None:
        report = Reporter(str(path), self.errors)
        data = self.read(path, report)
        if data is None:
            return
        if not isinstance(data, LineDict):
            report(1, _("the answer sets file must be a map of NAME: [options]"))
            return
        for name, raw in data.items():
            if not isinstance(name, str) or not ID_PATTERN.match(name):
                report(data.line_of(name), _("answer set name {name!r} must use lowercase "
                                             "letters, digits and '-'", name=name))
                continue
            line = data.line_of(name)
            if isinstance(raw, LineDict):  # the long form: {better: lower, options: [...]}
                self.unknown_keys(raw, ANSWER_SET_KEYS, report, _("the answer set '{name}'", name=name))
                if "better" in raw:
                    better = self.better_end(raw["better"], report, raw.line_of("better"))
                    if better:
                        self.answer_set_better[name] = better
                if "options" not in raw:
                    report(raw.line, _("the answer set '{name}' needs 'options': a list of "
                                       "{{value, label}} entries", name=name))
                    continue
                line, raw = raw.line_of("options"), raw["options"]
            # Set type is not known yet; 'exclusive' is checked again at use.
            options = self.options(raw, report, line, "multi")
            if options:
                self.answer_sets[name] = options

    # --- items -------------------------------------------------------------------------------
    def item(self, raw: LineDict, report: Reporter, qid: str, seen: dict[str, int]) -> Item | None:
        self.unknown_keys(raw, ITEM_KEYS, report, _("an item"))
        ok = True
        iid = raw.get("id")
        if "id" not in raw:
            report(raw.line, _("an item needs an 'id' (lowercase letters, digits, '-')"))
            return None
        if not self.slug(iid, report, raw.line_of("id"), _("the item id")):
            return None
        if iid in seen:
            report(raw.line_of("id"), _("the item id '{iid}' is used twice in this file (also on "
                                        "line {seen})", iid=iid, seen=seen[iid]))
            return None
        seen[iid] = raw.line_of("id")
        item_type = raw.get("type")
        if item_type not in ITEM_TYPES:
            report(
                raw.line_of("type"),
                _("item '{iid}' has type {item_type!r}{did_you_mean}; the types are: {types}",
                  iid=iid, item_type=item_type, did_you_mean=did_you_mean(item_type, ITEM_TYPES),
                  types=', '.join(ITEM_TYPES)),
            )
            return None
        if "text" not in raw:
            report(raw.line, _("item '{iid}' needs a 'text'", iid=iid))
            ok = False
        text = (self.prose_text(raw.get("text"), report, raw.line_of("text"),
                                _("item '{iid}' text", iid=iid)) if "text" in raw else None)
        help_text = (self.prose_text(raw["help"], report, raw.line_of("help"),
                                     _("item '{iid}' help", iid=iid)) if "help" in raw else None)
        options: tuple[Option, ...] = ()
        if item_type in ("scale", "choice", "multi"):
            if "options" not in raw:
                report(raw.line, _("a {item_type} item needs 'options' (a list, or the name of "
                                   "an answer set)", item_type=item_type))
                ok = False
            else:
                options = self.options(raw["options"], report, raw.line_of("options"), item_type)
                if item_type != "multi" and isinstance(raw["options"], str) and any(o.exclusive for o in options):
                    report(raw.line_of("options"), _("the answer set '{raw}' has an 'exclusive' "
                                                     "option, which only a multi item can use",
                                                     raw=raw['options']))
                ok = ok and bool(options)
        elif "options" in raw:
            if item_type == "yesno":
                report(raw.line_of("options"), _("a yesno item takes no 'options'; its Yes/No "
                                                 "labels are built in"))
            else:
                report(raw.line_of("options"), _("a {item_type} item takes no 'options'",
                                                 item_type=item_type))
        if item_type == "yesno":
            options = tuple(
                Option(value, {lang: yesno_labels(lang)[index] for lang in self.languages})
                for index, value in enumerate((True, False))
            )
        report_section = raw.get("report")
        if report_section is not None:
            if report_section not in REPORT_SECTIONS:
                report(
                    raw.line_of("report"),
                    _("'report' must be one of: {sections}{did_you_mean}",
                      sections=', '.join(REPORT_SECTIONS),
                      did_you_mean=did_you_mean(report_section, REPORT_SECTIONS)),
                )
                report_section = None
            elif item_type not in ANSWERABLE_TYPES:
                report(raw.line_of("report"), _("a {item_type} item has no answer to put on the "
                                                "report; remove 'report'", item_type=item_type))
        trend = self.boolean(raw, "trend", report, False)
        if trend and item_type != "scale":
            report(raw.line_of("trend"), _("'trend' only applies to scale items"))
            trend = False
        better = None
        if "better" in raw:
            if item_type != "scale":
                report(raw.line_of("better"), _("'better' only applies to scale items (it says "
                                                "which end of the scale is better)"))
            else:
                better = self.better_end(raw["better"], report, raw.line_of("better"))
        elif item_type == "scale" and isinstance(raw.get("options"), str):
            better = self.answer_set_better.get(raw["options"])
        max_length = DEFAULT_MAX_LENGTH
        if "max_length" in raw:
            if item_type != "text":
                report(raw.line_of("max_length"), _("'max_length' only applies to text items"))
            else:
                n = self.whole_number(raw, "max_length", report, 1)
                if n is not None and n > MAX_TEXT_LENGTH_LIMIT:
                    report(raw.line_of("max_length"), _("'max_length' may be at most "
                                                        "{limit}",
                                                        limit=MAX_TEXT_LENGTH_LIMIT))
                elif n is not None:
                    max_length = n
        max_choices = None
        if "max" in raw:
            if item_type != "multi":
                report(raw.line_of("max"), _("'max' only applies to multi items"))
            else:
                max_choices = self.whole_number(raw, "max", report, 1)
                if max_choices is not None and options and max_choices > len(options):
                    report(raw.line_of("max"), _("'max' is {max_choices} but the item has only "
                                                 "{count} options",
                                                 max_choices=max_choices, count=len(options)))
        carry = self.boolean(raw, "carry_forward", report, False)
        if carry and item_type not in ANSWERABLE_TYPES:
            report(raw.line_of("carry_forward"), _("a {item_type} item has no answer to carry "
                                                   "forward", item_type=item_type))
        vignette = None
        if "vignette" in raw:
            if item_type != "info":
                report(raw.line_of("vignette"), _("'vignette' only applies to info items (use a "
                                                  "vignettes item to offer several)"))
            else:
                vignette = self.stories.vignette_ref(raw["vignette"], report, raw.line_of("vignette"))
        topics: tuple[str, ...] = ()
        if "topics" in raw:
            if item_type != "vignettes":
                report(raw.line_of("topics"), _("'topics' only applies to vignettes items"))
            elif not isinstance(raw["topics"], list) or not all(
                isinstance(t, str) and ID_PATTERN.match(t) for t in raw["topics"]
            ):
                report(raw.line_of("topics"), _("'topics' must be a list of topic names, e.g. "
                                                "[side-effects]"))
            else:
                topics = tuple(raw["topics"])
                self.stories.topic_ref_list(raw["topics"], report, raw.line_of("topics"))
        show_if = None
        if "show_if" in raw:
            show_if = self.conditions.read(raw["show_if"], report, raw.line_of("show_if"), qid, iid)
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

    # --- files -------------------------------------------------------------------------------
    def load_questionnaire(self, path: Path) -> None:
        report = Reporter(str(path), self.errors)
        data = self.read(path, report)
        if data is None:
            return
        if not isinstance(data, LineDict):
            report(1, _("a questionnaire file must be a map with id, version, order, title and "
                        "items"))
            return
        self.unknown_keys(data, QUESTIONNAIRE_KEYS, report, _("the questionnaire"))
        missing = [k for k in ("id", "version", "order", "title", "items") if k not in data]
        for key in missing:
            report(1, _("the questionnaire needs '{key}'", key=key))
        if missing:
            return
        qid = self.slug(data["id"], report, data.line_of("id"), _("the questionnaire id"))
        version = self.whole_number(data, "version", report, 1)
        order = self.whole_number(data, "order", report)
        title = self.text(data["title"], report, data.line_of("title"), _("the title"))
        intro = self.prose_text(data["intro"], report, data.line_of("intro"), _("the intro")) if "intro" in data else None
        optional = self.boolean(data, "optional", report, False)
        if qid and qid in self.id_lines:
            other, other_line = self.id_lines[qid]
            report(data.line_of("id"), _("the questionnaire id '{qid}' is also used in "
                                         "{other}:{other_line}; ids must be unique",
                                         qid=qid, other=other, other_line=other_line))
            self.duplicate_ids.add(qid)
            qid = None
        elif qid:
            self.id_lines[qid] = (str(path), data.line_of("id"))
        raw_items = data["items"]
        if not isinstance(raw_items, LineList) or not raw_items:
            report(data.line_of("items"), _("'items' must be a list with at least one item"))
            return
        items: list[Item] = []
        seen: dict[str, int] = {}
        for index, raw in enumerate(raw_items):
            if not isinstance(raw, LineDict):
                report(raw_items.line_of(index), _("an item must be a map with id, type and "
                                                   "text, not {type_name}",
                                                   type_name=type_name(raw)))
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

    # --- cross-file checks -------------------------------------------------------------------
    def resolve(self) -> None:
        self.questionnaires.sort(key=lambda q: (q.order, q.id))
        self.conditions.resolve(self.questionnaires, self.duplicate_ids, self.alone)
        self.stories.resolve(self.alone)


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
    # What an editor would point out but the kiosk can run with: hard reading, one-sided stories.
    warnings: list[ContentError] = field(default_factory=list)

    @property
    def checked_nothing(self) -> bool:
        return not self.errors and not (self.questionnaires or self.vignettes or self.other_files)


def _reading_warnings(loader: _Loader, targets: dict[str, float] | None) -> list[ContentError]:
    goals = {**DEFAULT_TARGETS, **(targets or {})}
    warnings = []
    for path, line, lang, what, text in loader.prose + loader.stories.prose:
        found = reading(text, lang)
        if found is not None and found.too_hard(goals[lang]):
            warnings.append(ContentError(path, line, _("{what} in '{lang}' {finding}", what=what,
                                                       lang=lang,
                                                       finding=found.describe(goals[lang])),
                                         kind="reading"))
    return warnings


def _questionnaire_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.yaml") if not p.name.startswith("_"))


def _vignette_folders(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(("_", ".")))


def check(
    root: Path,
    languages: Iterable[str],
    only: Iterable[Path] | None = None,
    targets: dict[str, float] | None = None,
    draft: Path | None = None,
    warnings: bool = True,
) -> CheckResult:
    """Validate the content root (``questionnaires/`` and ``vignettes/`` under ``root``).

    With ``only``, the whole root is still read (conditions and vignettes refer across files)
    but only errors and counts for those files or vignette folders are returned. A ``draft``
    questionnaire kept outside the root is checked as part of it, in place of the root's file
    of the same name (and only its problems are returned). ``targets`` are the reading-level
    targets by language (``readability.DEFAULT_TARGETS`` otherwise). ``warnings=False``: what an
    editor would be warned of is not looked for (the kiosk runs with it all the same).
    """
    if draft is not None:
        only = [draft]
    loader = _Loader(tuple(languages))
    qdir, vdir = root / "questionnaires", root / "vignettes"
    if (qdir / ANSWER_SETS_FILE).is_file():
        loader.load_answer_sets(qdir / ANSWER_SETS_FILE)
    if (vdir / TOPICS_FILE).is_file():
        loader.stories.load_topics(vdir / TOPICS_FILE)
    qfiles = _questionnaire_files(qdir) if qdir.is_dir() else []
    if draft is not None:
        qfiles = [draft, *(p for p in qfiles if p.name != draft.name and p.resolve() != draft.resolve())]
    vfolders = _vignette_folders(vdir) if vdir.is_dir() else []
    for path in qfiles:
        loader.load_questionnaire(path)
    for folder in vfolders:
        loader.stories.load_vignette(folder)
    loader.resolve()
    errors = sorted(set(loader.errors))
    warnings = sorted(set(_reading_warnings(loader, targets) + loader.stories.one_sided())) if warnings else []
    content = None
    if not errors:
        content = Content(
            tuple(loader.languages), tuple(loader.questionnaires), dict(loader.stories.vignettes), dict(loader.stories.topics)
        )
    questionnaires = loader.questionnaires
    vignettes = list(loader.stories.vignettes.values())
    others = [f for f in (qdir / ANSWER_SETS_FILE, vdir / TOPICS_FILE) if f.is_file()]
    if only is not None:
        wanted = [p.resolve() for p in only]

        def chosen(path: str) -> bool:
            resolved = Path(path).resolve()
            return any(resolved == w or w in resolved.parents for w in wanted)

        errors = [e for e in errors if chosen(e.path)]
        warnings = [w for w in warnings if chosen(w.path)]
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
        warnings=warnings,
    )


def check_alone(path: Path, languages: Iterable[str], targets: dict[str, float] | None = None) -> CheckResult:
    """Check one questionnaire file, answer sets file or vignette folder that is not inside a
    content folder. A questionnaire uses the ``_answer-sets.yaml`` beside it, if there is one;
    its links to vignettes and to other questionnaires are left for the check of the whole root.
    """
    loader = _Loader(tuple(languages), alone=True)
    path = Path(path)
    questionnaire = vignette = False
    if path.is_dir():
        loader.stories.load_vignette(path)
        vignette = True
    elif path.name == ANSWER_SETS_FILE:
        loader.load_answer_sets(path)
    elif path.name == TOPICS_FILE:
        loader.stories.load_topics(path)
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
        len(loader.stories.vignettes),
        alone=True,
        other_files=0 if questionnaire or vignette else 1,
        warnings=sorted(set(_reading_warnings(loader, targets))),
    )


def load_content(root: Path, languages: Iterable[str]) -> Content:
    """The validated content under ``root``; raises ContentErrors listing every problem."""
    result = check(Path(root), languages, warnings=False)
    if result.content is None:
        raise ContentErrors(result.errors or [ContentError(str(root), 1, _("no questionnaires found"))])
    if not result.content.questionnaires:
        raise ContentErrors([ContentError(str(Path(root) / "questionnaires"), 1,
                                          _("no questionnaires found: add at least one NAME.yaml"))])
    return result.content
