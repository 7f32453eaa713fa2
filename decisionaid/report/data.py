"""What the one-page report says, as plain data: built from a finished visit, nothing drawn yet.

``ReportInput`` is what storage hands over for a stored visit (the engine's ``VisitSummary``
plus who, when, earlier visits and vignettes watched); ``build_report_data`` turns it into
``ReportData``, section by section in the order the page prints them. The layout and the
fitting step (``layout``, ``fitting``) work from ``ReportData`` only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from decisionaid.content.model import Content, Item, Severity, Value, text_in
from decisionaid.engine.summary import FlagEntry, ScoreResult, SummaryEntry, VisitSummary

ItemKey = tuple[str, str]  # (questionnaire id, item id)
Direction = Literal["higher_is_worse", "higher_is_better", "unknown"]
Change = Literal["better", "worse", "same", "higher", "lower"]

# How many earlier visits a trend looks back on.
TREND_VISITS = 3
# The sections whose `trend` items print as rows of the one trend table, under "How I've been"
# (a `trend` item elsewhere prints as a plain answer).
TREND_SECTIONS = ("how_ive_been", "medicines")


@dataclass(frozen=True)
class EarlierVisit:
    """One earlier visit of the same user: its date and its answers, keyed (questionnaire, item).

    Storage produces these (most recent last, or in any order: the report sorts them by date)."""

    date: date
    values: dict[ItemKey, Value]


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


@dataclass(frozen=True)
class Alert:
    severity: Severity
    question: str
    answer: str


@dataclass(frozen=True)
class Answer:
    """One question and what the user answered, in the user's language.

    ``cut`` is set by the fitting step when the answer was shortened to fit the page."""

    question: str
    answer: str
    item_type: str
    flag: Severity | None = None
    cut: bool = False

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
    direction: Direction
    change: Change | None  # against the most recent earlier visit; None without one
    flag: Severity | None = None
    section: str = "how_ive_been"  # the report section it prints in


@dataclass(frozen=True)
class ScoreLine:
    score_id: str
    label: str
    total: int | None  # None: an item was left unanswered, so no score (never guessed)
    maximum: int
    missing: int = 0
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
    language: str
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
    earlier_dates: tuple[date, ...] = ()  # the earlier visits trends compare with, oldest first
    # Sizes the fitting step settled on (points); the layout reads them.
    body_size: float = 10.0
    statement_size: float = 13.0
    notes: tuple[str, ...] = field(default=())

    @property
    def guest(self) -> bool:
        return self.display_name is None


def trend_direction(item: Item | None) -> Direction:
    """Which way is better on a scale, read from the content.

    The options that raise a flag mark the worse end: flagged options at the high end
    ("nearly every day" for "feeling sad") make higher worse, at the low end higher better.
    With no flagged option, the options that suggest a vignette (offered when something is
    hard) mark the worse end the same way. A scale with neither, or with both ends marked, has
    no known direction: the report then says "higher" or "lower", never "better" or "worse"."""
    if item is None or not item.options:
        return "unknown"
    values = [o.value for o in item.options if isinstance(o.value, int)]
    if not values:
        return "unknown"
    middle = (min(values) + max(values)) / 2
    for marked in (
        [o.value for o in item.options if o.flag and isinstance(o.value, int)],
        [o.value for o in item.options if o.suggest and isinstance(o.value, int)],
    ):
        if marked and all(v > middle for v in marked):
            return "higher_is_worse"
        if marked and all(v < middle for v in marked):
            return "higher_is_better"
        if marked:
            return "unknown"
    return "unknown"


def _change(today: int, before: int, direction: Direction) -> Change:
    if today == before:
        return "same"
    if direction == "unknown":
        return "higher" if today > before else "lower"
    higher_better = direction == "higher_is_better"
    return "better" if (today > before) == higher_better else "worse"


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


def _trend(
    entry: SummaryEntry,
    section: str,
    history: list[EarlierVisit],
    content: Content | None,
    language: str,
) -> Trend | None:
    if not isinstance(entry.value, int) or isinstance(entry.value, bool):
        return None
    key = (entry.questionnaire_id, entry.item_id)
    item = _find_item(content, key)
    points = [
        TrendPoint(visit.date, value, _label(item, value, language))
        for visit in history
        if isinstance(value := visit.values.get(key), int) and not isinstance(value, bool)
    ][-TREND_VISITS:]
    points.append(TrendPoint(None, entry.value, entry.answer))
    values = [p.value for p in points]
    if entry.scale:
        low, high = entry.scale
    elif item and item.options:
        option_values = [o.value for o in item.options if isinstance(o.value, int)]
        low, high = min(option_values), max(option_values)
    else:
        low, high = min(values), max(values)
    low, high = min(low, *values), max(high, *values)
    direction = trend_direction(item)
    change = _change(entry.value, points[-2].value, direction) if len(points) > 1 else None
    return Trend(
        question=entry.question,
        answer=entry.answer,
        points=tuple(points),
        low=low,
        high=high,
        direction=direction,
        change=change,
        flag=entry.flag,
        section=section,
    )


def _answers(entries: list[SummaryEntry], hidden: frozenset[ItemKey] = frozenset()) -> Section:
    return Section(
        tuple(
            Answer(e.question, e.answer, e.item_type, e.flag)
            for e in entries
            if e.answer and e.answer.strip() and (e.questionnaire_id, e.item_id) not in hidden
        )
    )


def _scored_items(summary: VisitSummary, content: Content | None) -> frozenset[ItemKey]:
    """The items of every score the report prints as a total: the one sentence ("Not sure yet
    about this decision: 2 of 4") says what their answers say, in less room."""
    if content is None:
        return frozenset()
    keys: set[ItemKey] = set()
    for result in summary.scores:
        if result.total is None or not result.report:
            continue
        try:
            questionnaire = content.questionnaire(result.questionnaire_id)
        except KeyError:
            continue
        for score in questionnaire.scores:
            if score.id == result.score_id:
                keys.update((questionnaire.id, item_id) for item_id in score.items)
    return frozenset(keys)


def _alert(flag: FlagEntry) -> Alert:
    return Alert(flag.severity, flag.question, flag.answer)


def _score(score: ScoreResult) -> ScoreLine:
    return ScoreLine(
        score_id=score.score_id,
        label=score.label,
        total=score.total,
        maximum=score.maximum,
        missing=len(score.missing),
        flag=score.flag,
        section=score.report or "decision",
    )


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
    report_input: ReportInput, site_name: str, content: Content | None = None
) -> ReportData:
    """The report's data for one visit.

    ``content`` (the questionnaires the visit was answered with) gives earlier answers their
    labels, trends their direction and vignettes their titles; without it the report still
    prints, with numbers, "higher"/"lower" and vignette ids instead."""
    summary = report_input.summary
    language = summary.language
    history = sorted(report_input.history, key=lambda visit: visit.date)
    hidden = _scored_items(summary, content)
    trends: list[Trend] = []
    plain: dict[str, list[SummaryEntry]] = {}
    for section in TREND_SECTIONS:
        plain[section] = []
        for entry in summary.section(section):
            trend = _trend(entry, section, history, content, language) if entry.trend else None
            if trend:
                trends.append(trend)
            else:
                plain[section].append(entry)
    return ReportData(
        language=language,
        site_name=site_name,
        visit_date=report_input.visit_date,
        display_name=(report_input.display_name or "").strip() or None,
        visit_number=report_input.visit_number,
        incomplete=report_input.incomplete,
        alerts=tuple(_alert(f) for f in _safety_first(summary.flags)),
        alert_answers=_answers([e for e in summary.section("alerts") if not e.flag]),
        power_statement=_answers(summary.section("power_statement")),
        today=_answers([*summary.section("today"), *summary.section("goals")], hidden),
        decision=_answers(summary.section("decision"), hidden),
        scores=tuple(_score(s) for s in summary.scores if s.report),
        trends=tuple(trends),
        how_ive_been=_answers(plain["how_ive_been"], hidden),
        medicines=_answers(plain["medicines"], hidden),
        personal_medicine=_answers(summary.section("personal_medicine")),
        questions=_answers(summary.section("questions")),
        vignettes=_vignettes(summary.suggestions, report_input.watched, content, language),
        earlier_dates=tuple(v.date for v in history[-TREND_VISITS:]),
    )


def _safety_first(flags: list[FlagEntry]) -> list[FlagEntry]:
    # The engine already orders them; a stable sort keeps that promise whatever the source.
    return sorted(flags, key=lambda f: 0 if f.severity == "safety" else 1)
