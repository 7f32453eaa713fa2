"""What the one-page report says, as plain data: built from a finished visit, nothing drawn yet.

``ReportInput`` is what storage hands over for a stored visit (the engine's ``VisitSummary``
plus who, when, earlier visits and vignettes watched); ``build_report_data`` turns it into
``ReportData``, section by section in the order the page prints them. The layout and the
fitting step (``layout``, ``fitting``) work from ``ReportData`` only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from decisionaid.config import TRIM_PARTS
from decisionaid.content.model import (
    Better,
    Change,
    Content,
    Item,
    ItemRef,
    Score,
    Severity,
    Value,
    change_between,
    text_in,
)
from decisionaid.engine.conditions import holds
from decisionaid.engine.summary import FlagEntry, ScoreResult, SummaryEntry, VisitSummary
from decisionaid.engine.visit import answer_text

ItemKey = tuple[str, str]  # (questionnaire id, item id)

# Option values whose answer says nothing the prescriber needs ("This does not apply to me"):
# such an answer is left off the page. A clinic's own content can use the same value.
NOTHING_TO_SAY: frozenset[str] = frozenset({"does-not-apply"})
# How many earlier visits a trend looks back on.
TREND_VISITS = 3
# The sections whose `trend` items print as rows of the one trend table, under "How I've been"
# (a `trend` item elsewhere prints as a plain answer).
TREND_SECTIONS = ("how_ive_been", "medicines")
# The four marks of a good shared decision, in the order the page prints them (the peer
# station records the same keys).
DECISION_MARKS = ("own-voice", "specific", "plain-language", "will-do")


@dataclass(frozen=True)
class EarlierVisit:
    """One earlier visit of the same user: its date and its answers, keyed (questionnaire, item).

    Storage produces these (most recent last, or in any order: the report sorts them by date)."""

    date: date
    values: dict[ItemKey, Value]


@dataclass(frozen=True)
class SharedDecision:
    """The shared decision recorded at the peer station after the visit (by the prescriber or
    a peer worker): printed in the box that is otherwise left empty to write in.

    ``follow_up`` holds the follow-up keys as stored (``check-in-call``…, or ``other: TEXT``
    in the recorder's words); ``marks`` which of the four marks of a good decision were
    ticked (``DECISION_MARKS`` order). ``cut`` is set by the fitting step when the decision
    was shortened to fit the page; the whole of it is kept at the peer station."""

    text: str
    follow_up: tuple[str, ...] = ()
    marks: tuple[str, ...] = ()
    recorded_on: date | None = None
    cut: bool = False


@dataclass(frozen=True)
class Identity:
    """Who the page is about, as the chart identifies a person: the name and date of birth,
    and the record number when known; the appointment's time and prescriber when the visit is
    linked to one. A guest linked to an appointment gets the appointment's identifiers."""

    name: str | None = None  # None: a guest
    date_of_birth: date | None = None
    record_number: str | None = None
    appointment_time: str | None = None  # local time, "09:30"
    prescriber: str | None = None

    @property
    def initials(self) -> str:
        return "".join(part[0].upper() + "." for part in (self.name or "").split() if part)


@dataclass(frozen=True)
class ReportInput:
    """Everything the report needs about one stored visit, as storage hands it over."""

    summary: VisitSummary
    visit_date: date
    display_name: str | None = None  # None for a guest visit
    visit_number: int | None = None  # this user's nth visit; None for a guest
    history: tuple[EarlierVisit, ...] = ()
    watched: tuple[str, ...] = ()  # vignette ids watched in this visit, in order
    incomplete: bool = False  # force-finished or abandoned before the end
    # Safety questions shown to the person but left unanswered (``unanswered_safety``): the
    # report prints each as "Not answered" under ALERTS.
    unanswered_safety: tuple[ItemKey, ...] = ()
    # The decision recorded for this visit at the peer station; None: not yet, and the page
    # keeps an empty box to write it in.
    decision: SharedDecision | None = None
    # Who checked in about an alert, by (questionnaire id, item or score id, is a score): the
    # page names them under the alert.
    checked_in: Mapping[tuple[str, str, bool], CheckedIn] = field(default_factory=dict)
    # The person's identifiers for the header; None: ``display_name`` alone.
    identity: Identity | None = None


@dataclass(frozen=True)
class CheckedIn:
    """A staff member's check-in about an alert: who, when (aware), the note's first line."""

    by: str
    at: datetime
    note: str

    @property
    def local(self) -> datetime:
        return self.at.astimezone() if self.at.tzinfo else self.at


@dataclass(frozen=True)
class Alert:
    severity: Severity
    question: str
    answer: str  # empty when ``answered`` is False
    answered: bool = True  # False: a safety question skipped; printed "Not answered"
    checked_in: CheckedIn | None = None  # a staff member checked in about it


@dataclass(frozen=True)
class Answer:
    """One question and what the user answered, in the user's language.

    ``cut`` is set by the fitting step when the answer was shortened to fit the page."""

    question: str
    answer: str
    item_type: str
    flag: Severity | None = None
    cut: bool = False
    own_words: bool = False  # the person's own words: shortened last (see fitting)
    # The language the person wrote this answer in, when it is not the report's: the page
    # prints it as written, marked "(in Spanish)".
    written_in: str | None = None

    @property
    def shortenable(self) -> bool:
        # A flagged answer is never shortened; only free text is long enough to matter.
        return self.flag is None


@dataclass(frozen=True)
class TrendPoint:
    date: date | None  # None for today
    value: int
    label: str  # the option label in the user's language, or the number


@dataclass(frozen=True)
class Trend:
    """A `trend` item: today's answer against up to the last three visits."""

    question: str
    answer: str
    points: tuple[TrendPoint, ...]  # oldest first; the last point is today
    low: int
    high: int
    better: Better | None  # which end the content declares better; None: not declared
    # "better", "worse" or "same" against the most recent earlier visit; None without an
    # earlier answer or without a declared better end (never guessed).
    change: Change | None
    flag: Severity | None = None
    section: str = "how_ive_been"  # the report section it prints in

    @property
    def earlier(self) -> TrendPoint | None:
        """The most recent earlier visit's answer, or None on the first one."""
        return self.points[-2] if len(self.points) > 1 else None


@dataclass(frozen=True)
class ScoreLine:
    score_id: str
    label: str
    total: int | None  # None: an item was left unanswered, so no score (never guessed)
    maximum: int
    missing: int = 0
    items: int = 0  # how many questions the score adds up (0: not known)
    flag: Severity | None = None
    section: str = "decision"  # the report section it prints in


@dataclass(frozen=True)
class VignetteLine:
    id: str
    title: str
    watched: bool
    suggested: bool


@dataclass(frozen=True)
class Section:
    """The answers of one report section, and how many were left off to fit the page."""

    answers: tuple[Answer, ...] = ()
    left_off: int = 0


@dataclass(frozen=True)
class ReportData:
    language: str  # the report's language: every label, heading and alert
    site_name: str
    visit_date: date
    display_name: str | None
    visit_number: int | None
    incomplete: bool
    alerts: tuple[Alert, ...]
    alert_answers: Section  # answers of the `alerts` section that raised no flag
    power_statement: Section
    today: Section  # what I want from today's visit, and my goals
    decision: Section
    scores: tuple[ScoreLine, ...]
    trends: tuple[Trend, ...]
    how_ive_been: Section  # the answers that are not trends
    medicines: Section
    personal_medicine: Section
    questions: Section
    vignettes: tuple[VignetteLine, ...]
    vignettes_left_off: int = 0
    trends_left_off: int = 0  # trend rows left off to fit the page
    # For a screen in a shared room (the kiosk's preview): the alerts box is left off, and a
    # line says the paper lists what the person's answers ask the team to check on.
    for_the_room: bool = False
    earlier_dates: tuple[date, ...] = ()  # the earlier visits trends compare with, oldest first
    # Sizes the fitting step settled on (points); the layout reads them.
    body_size: float = 10.0
    statement_size: float = 13.0
    notes: tuple[str, ...] = field(default=())
    answer_language: str = ""  # the language the person answered in ("" : the report's)
    shared_decision: SharedDecision | None = None  # None: the empty box to write in
    identity: Identity = field(default_factory=Identity)
    # What the header names the person by: "name_dob" or "initials_record" (configuration).
    identifiers: str = "name_dob"
    # The parts the fitting step may shorten, the first shortened first (configuration).
    trim_order: tuple[str, ...] = TRIM_PARTS

    @property
    def guest(self) -> bool:
        return self.display_name is None


def _label(item: Item | None, value: int, language: str) -> str:
    option = item.option(value) if item else None
    return text_in(option.label, language) if option else str(value)


def _find_item(content: Content | None, key: ItemKey) -> Item | None:
    if content is None:
        return None
    try:
        return content.questionnaire(key[0]).item(key[1])
    except KeyError:
        return None


def _find_score(content: Content | None, questionnaire_id: str, score_id: str) -> Score | None:
    if content is None:
        return None
    try:
        questionnaire = content.questionnaire(questionnaire_id)
    except KeyError:
        return None
    return next((score for score in questionnaire.scores if score.id == score_id), None)


def unanswered_safety(content: Content, answers: Mapping[ItemRef, object]) -> tuple[ItemKey, ...]:
    """The safety questions (an option flagged `safety`) that were on the person's path but
    have no answer: skipped, or not reached in a visit left early. A follow-up hidden by an
    earlier answer is not one of them. The report prints them as "Not answered"; the peer
    station shows them beside the visit's flags."""
    found = []
    for questionnaire in content.questionnaires:
        for item in questionnaire.items:
            if not any(option.flag == "safety" for option in item.options):
                continue
            ref = ItemRef(questionnaire.id, item.id)
            if ref in answers or (item.show_if is not None and not holds(item.show_if, answers)):
                continue
            found.append((questionnaire.id, item.id))
    return tuple(found)


class _Words:
    """Questions, answers and labels in the report's language, from the content; what the
    person typed stays as written, marked with the language they wrote it in."""

    def __init__(self, content: Content | None, language: str, answer_language: str):
        self.content = content
        self.language = language
        self.answer_language = answer_language

    def entry(self, entry: SummaryEntry) -> tuple[str, str]:
        """(question, answer) of ``entry`` in the report's language."""
        item = _find_item(self.content, (entry.questionnaire_id, entry.item_id))
        if item is None or self.language == self.answer_language:
            return entry.question, entry.answer
        question = text_in(item.text, self.language) or entry.question
        if item.type == "text" or entry.value is None:
            return question, entry.answer
        return question, answer_text(item, entry.value, self.language)  # type: ignore[arg-type]

    def written_in(self, entry: SummaryEntry) -> str | None:
        if entry.item_type == "text" and self.answer_language != self.language:
            return self.answer_language
        return None

    def score_label(self, score: ScoreResult) -> str:
        found = _find_score(self.content, score.questionnaire_id, score.score_id)
        return text_in(found.label, self.language) if found else score.label


def _trend(
    entry: SummaryEntry,
    section: str,
    history: list[EarlierVisit],
    content: Content | None,
    words: _Words,
) -> Trend | None:
    if not isinstance(entry.value, int) or isinstance(entry.value, bool):
        return None
    key = (entry.questionnaire_id, entry.item_id)
    item = _find_item(content, key)
    language = words.language
    points = [
        TrendPoint(visit.date, value, _label(item, value, language))
        for visit in history
        if isinstance(value := visit.values.get(key), int) and not isinstance(value, bool)
    ][-TREND_VISITS:]
    question, answer = words.entry(entry)
    points.append(TrendPoint(None, entry.value, answer))
    values = [p.value for p in points]
    if entry.scale:
        low, high = entry.scale
    elif item and item.options:
        option_values = [o.value for o in item.options if isinstance(o.value, int)]
        low, high = min(option_values), max(option_values)
    else:
        low, high = min(values), max(values)
    low, high = min(low, *values), max(high, *values)
    better = entry.better if entry.better else (item.better if item else None)
    change = change_between(better, points[-2].value, entry.value) if len(points) > 1 else None
    return Trend(
        question=question,
        answer=answer,
        points=tuple(points),
        low=low,
        high=high,
        better=better,
        change=change,
        flag=entry.flag,
        section=section,
    )


def _says_nothing(entry: SummaryEntry) -> bool:
    return isinstance(entry.value, str) and entry.item_type != "text" and entry.value in NOTHING_TO_SAY


def _answers(
    entries: list[SummaryEntry],
    words: _Words,
    hidden: frozenset[ItemKey] = frozenset(),
    own_words: bool = False,
    own_text: frozenset[ItemKey] = frozenset(),
) -> Section:
    """The printable answers of ``entries``. The person's own words (shortened last): all of
    them when ``own_words``, else the free-text answers to the ``own_text`` items."""
    answers = []
    for e in entries:
        key = (e.questionnaire_id, e.item_id)
        if not (e.answer and e.answer.strip()) or key in hidden or _says_nothing(e):
            continue
        if e.flag:
            continue  # printed whole under ALERTS: once on the page is enough
        question, answer = words.entry(e)
        mine = own_words or (e.item_type == "text" and key in own_text)
        answers.append(Answer(question, answer, e.item_type, e.flag, own_words=mine,
                              written_in=words.written_in(e)))
    return Section(tuple(answers))


def _scored_items(summary: VisitSummary, content: Content | None) -> frozenset[ItemKey]:
    """The items of every score the report prints as a total: the one sentence ("Not sure yet
    about this decision: 2 of 4") says what their answers say, in less room."""
    if content is None:
        return frozenset()
    keys: set[ItemKey] = set()
    for result in summary.scores:
        if result.total is None or not result.report:
            continue
        score = _find_score(content, result.questionnaire_id, result.score_id)
        if score is not None:
            keys.update((result.questionnaire_id, item_id) for item_id in score.items)
    return frozenset(keys)


def _alerted_by_score(summary: VisitSummary, content: Content | None) -> frozenset[ItemKey]:
    """The question of a one-question score that raised a flag (how a yes/no answer raises
    one): its answer is under ALERTS already."""
    keys = set()
    for flag in summary.flags:
        score = _find_score(content, flag.questionnaire_id, flag.source_id) if flag.is_score else None
        if score is not None and len(score.items) == 1:
            keys.add((flag.questionnaire_id, score.items[0]))
    return frozenset(keys)


def _alerts(summary: VisitSummary, report_input: ReportInput, content: Content | None,
            words: _Words) -> tuple[Alert, ...]:
    flagged = {(e.questionnaire_id, e.item_id): e for e in summary.section("alerts")}
    checked = report_input.checked_in
    alerts = []
    for flag in _safety_first(summary.flags):
        seen = checked.get((flag.questionnaire_id, flag.source_id, flag.is_score))
        if flag.is_score:
            score = _find_score(content, flag.questionnaire_id, flag.source_id)
            if score is not None and score.flag is not None and words.language != words.answer_language:
                alerts.append(Alert(flag.severity, text_in(score.label, words.language),
                                    text_in(score.flag.text, words.language), checked_in=seen))
                continue
            alerts.append(Alert(flag.severity, flag.question, flag.answer, checked_in=seen))
            continue
        entry = flagged.get((flag.questionnaire_id, flag.source_id))
        question, answer = words.entry(entry) if entry else (flag.question, flag.answer)
        alerts.append(Alert(flag.severity, question, answer, checked_in=seen))
    # A skipped safety question goes with the safety alerts, before the concerns.
    skipped = []
    for key in report_input.unanswered_safety:
        item = _find_item(content, key)
        question = text_in(item.text, words.language) if item else key[1]
        skipped.append(Alert("safety", question, "", answered=False, checked_in=checked.get((*key, False))))
    safety = [a for a in alerts if a.severity == "safety"]
    return (*safety, *skipped, *(a for a in alerts if a.severity != "safety"))


def _score(score: ScoreResult, content: Content | None, words: _Words) -> ScoreLine:
    found = _find_score(content, score.questionnaire_id, score.score_id)
    return ScoreLine(
        score_id=score.score_id,
        label=words.score_label(score),
        total=score.total,
        maximum=score.maximum,
        missing=len(score.missing),
        items=len(found.items) if found else 0,
        flag=score.flag,
        section=score.report or "decision",
    )


def _printed_score(score: ScoreLine) -> bool:
    # A score none of whose questions was answered (a section skipped) has nothing to say.
    return score.total is not None or not score.items or score.missing < score.items


def _vignettes(
    suggested: list[str], watched: tuple[str, ...], content: Content | None, language: str
) -> tuple[VignetteLine, ...]:
    order = list(dict.fromkeys([*watched, *suggested]))
    lines = []
    for vignette_id in order:
        vignette = content.vignettes.get(vignette_id) if content else None
        title = text_in(vignette.title, language) if vignette else vignette_id
        lines.append(
            VignetteLine(vignette_id, title, vignette_id in watched, vignette_id in suggested)
        )
    return tuple(lines)


def build_report_data(
    report_input: ReportInput, site_name: str, content: Content | None = None,
    language: str | None = None, identifiers: str = "name_dob",
    trim_order: tuple[str, ...] = TRIM_PARTS,
) -> ReportData:
    """The report's data for one visit, in ``language`` (the prescriber's; default: the
    language the person answered in).

    ``content`` (the questionnaires the visit was answered with) gives questions and answers
    in the report's language, earlier answers their labels, trends which end is better and
    vignettes their titles; without it the report still prints, in the person's language,
    with numbers, no better/worse and vignette ids instead. What the person typed is always
    printed as they wrote it."""
    summary = report_input.summary
    answer_language = summary.language
    language = language or answer_language
    if content is None:
        language = answer_language  # nothing to translate with
    words = _Words(content, language, answer_language)
    history = sorted(report_input.history, key=lambda visit: visit.date)
    hidden = _scored_items(summary, content) | _alerted_by_score(summary, content)
    # The person's own words: the Power Statement, their questions, their goal and what they
    # wrote about their Personal Medicine.
    goals = frozenset((e.questionnaire_id, e.item_id) for e in summary.section("goals"))
    personal = frozenset((e.questionnaire_id, e.item_id)
                         for e in summary.section("personal_medicine"))
    trends: list[Trend] = []
    plain: dict[str, list[SummaryEntry]] = {}
    for section in TREND_SECTIONS:
        plain[section] = []
        for entry in summary.section(section):
            trend = _trend(entry, section, history, content, words) if entry.trend else None
            if trend:
                trends.append(trend)
            else:
                plain[section].append(entry)
    scores = tuple(_score(s, content, words) for s in summary.scores if s.report)
    return ReportData(
        language=language,
        answer_language=answer_language,
        site_name=site_name,
        visit_date=report_input.visit_date,
        display_name=_name(report_input),
        visit_number=report_input.visit_number,
        identity=report_input.identity or Identity(_name(report_input)),
        identifiers=identifiers,
        trim_order=trim_order,
        incomplete=report_input.incomplete,
        alerts=_alerts(summary, report_input, content, words),
        alert_answers=_answers([e for e in summary.section("alerts") if not e.flag], words),
        power_statement=_answers(summary.section("power_statement"), words, own_words=True),
        today=_answers([*summary.section("today"), *summary.section("goals")], words, hidden,
                       own_text=goals),
        decision=_answers(summary.section("decision"), words, hidden),
        scores=tuple(s for s in scores if _printed_score(s)),
        trends=tuple(trends),
        how_ive_been=_answers(plain["how_ive_been"], words, hidden),
        medicines=_answers(plain["medicines"], words, hidden),
        personal_medicine=_answers(summary.section("personal_medicine"), words, own_text=personal),
        questions=_answers(summary.section("questions"), words, own_words=True),
        vignettes=_vignettes(summary.suggestions, report_input.watched, content, language),
        earlier_dates=tuple(v.date for v in history[-TREND_VISITS:]),
        shared_decision=_recorded(report_input.decision),
    )


def _name(report_input: ReportInput) -> str | None:
    identity = report_input.identity
    name = identity.name if identity is not None else report_input.display_name
    return (name or "").strip() or None


def _recorded(decision: SharedDecision | None) -> SharedDecision | None:
    # A decision recorded with no words has nothing to print: the box stays to write in.
    if decision is None or not decision.text.strip():
        return None
    # The follow-up prints as one line of items: line breaks in one typed item become spaces.
    follow_up = tuple(" ".join(f.split()) for f in decision.follow_up
                      if f.strip() and f.strip() != "other:")
    return replace(decision, text=decision.text.strip(), follow_up=follow_up,
                   marks=tuple(m for m in DECISION_MARKS if m in decision.marks))


def _safety_first(flags: list[FlagEntry]) -> list[FlagEntry]:
    # The engine already orders them; a stable sort keeps that promise whatever the source.
    return sorted(flags, key=lambda f: 0 if f.severity == "safety" else 1)
