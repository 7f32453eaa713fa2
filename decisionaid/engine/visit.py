"""A visit as a state machine over the loaded content.

The visit walks an ordered list of *slots*: each questionnaire's intro, then its items. Items
whose `show_if` is false are passed over and keep no answer. ``confirm``/``skip`` return a
``Step`` saying exactly what changed, so the caller can save it durably before showing the next
screen. No I/O, no Qt, no database here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from decisionaid.content.model import (
    REPORT_SECTIONS,
    Content,
    Item,
    ItemRef,
    Questionnaire,
    Score,
    Value,
    text_in,
)
from decisionaid.engine.conditions import holds
from decisionaid.engine.summary import FlagEntry, ScoreResult, SummaryEntry, VisitSummary

Answer = Value | list[Value]
ScreenKind = Literal["intro", "item", "safety", "end"]


class InvalidAnswer(ValueError):
    """The value does not belong to the item (wrong option, too long, too many choices…)."""


@dataclass(frozen=True)
class Screen:
    """What to show now. ``value`` is the current answer, or the carried-forward one."""

    kind: ScreenKind
    questionnaire: Questionnaire | None
    item: Item | None
    value: Answer | None
    section_index: int  # 1-based, "Part 2 of 7"
    section_count: int
    fraction: float  # 0.0 .. 1.0, never decreases on next
    safety: FlagEntry | None = None
    carried_forward: bool = False

    @property
    def ref(self) -> ItemRef | None:
        if self.questionnaire and self.item:
            return ItemRef(self.questionnaire.id, self.item.id)
        return None


@dataclass(frozen=True)
class Step:
    """What one user action changed: save ``saved``, delete ``cleared``, then show the next
    screen. ``safety`` is set when a safety-flagged answer was just confirmed."""

    saved: dict[ItemRef, Answer] = field(default_factory=dict)
    cleared: list[ItemRef] = field(default_factory=list)
    flags_raised: list[FlagEntry] = field(default_factory=list)
    safety: FlagEntry | None = None


@dataclass(frozen=True)
class _State:
    answers: dict[ItemRef, Answer]
    pos: int
    safety: FlagEntry | None
    skipped: frozenset[ItemRef]


@dataclass(frozen=True)
class Plan:
    """What an action would do, worked out without doing it: ``step`` to store, and the
    answers and flags the visit would then hold. ``Visit.commit(plan)`` makes it so, once the
    caller has stored it; until then the visit stays where it was."""

    step: Step
    answers: dict[ItemRef, Answer]
    flags: list[FlagEntry]
    _before: _State
    _after: _State


class StalePlan(RuntimeError):
    """The visit changed after the plan was made: it no longer says what the action does."""


@dataclass(frozen=True)
class _Slot:
    q: int
    item: int | None  # None: the questionnaire's intro


def normalise(item: Item, value: object) -> Answer:
    """``value`` as the item's answer, or InvalidAnswer saying why it does not fit."""
    if item.type in ("scale", "choice"):
        if isinstance(value, list) or item.option(value) is None:  # type: ignore[arg-type]
            raise InvalidAnswer(f"{value!r} is not an option of '{item.id}'")
        return value  # type: ignore[return-value]
    if item.type == "yesno":
        if not isinstance(value, bool):
            raise InvalidAnswer(f"'{item.id}' takes yes or no")
        return value
    if item.type == "multi":
        if not isinstance(value, list | tuple):
            raise InvalidAnswer(f"'{item.id}' takes a list of options")
        chosen: list[Value] = []
        for v in value:
            option = item.option(v)
            if option is None:
                raise InvalidAnswer(f"{v!r} is not an option of '{item.id}'")
            if option.value not in chosen:
                chosen.append(option.value)
        if not chosen:
            raise InvalidAnswer(f"choose at least one option for '{item.id}', or skip it")
        exclusive = [v for v in chosen if item.option(v).exclusive]  # type: ignore[union-attr]
        if exclusive and len(chosen) > 1:
            raise InvalidAnswer(f"'{exclusive[0]}' cannot be chosen with other options")
        if item.max is not None and len(chosen) > item.max:
            raise InvalidAnswer(f"choose at most {item.max} options for '{item.id}'")
        order = [o.value for o in item.options]
        return sorted(chosen, key=order.index)
    if item.type == "text":
        if not isinstance(value, str):
            raise InvalidAnswer(f"'{item.id}' takes text")
        text = value.strip()
        if not text:
            raise InvalidAnswer(f"'{item.id}' is empty; skip it instead")
        if len(text) > item.max_length:
            raise InvalidAnswer(f"'{item.id}' takes at most {item.max_length} characters")
        return text
    if value is not None:
        raise InvalidAnswer(f"'{item.id}' is a {item.type} screen and takes no answer")
    return None  # type: ignore[return-value]


def answer_text(item: Item, value: Answer, language: str) -> str:
    """The answer as the user would read it: option labels, Yes/No, or the free text."""
    if item.type == "text":
        return str(value)
    values = value if isinstance(value, list) else [value]
    labels = []
    for v in values:
        option = item.option(v)
        labels.append(text_in(option.label, language) if option else str(v))
    return "; ".join(labels)


class Visit:
    """One service user's pass through the content.

    ``answers`` resumes a stored visit (the visit then stands at the next unanswered item after
    the last answered one); ``carry_forward`` offers earlier answers to `carry_forward` items,
    shown for editing but not saved until confirmed.
    """

    def __init__(
        self,
        content: Content,
        language: str = "en",
        answers: Mapping[ItemRef, Answer] | None = None,
        carry_forward: Mapping[ItemRef, Answer] | None = None,
    ):
        self.content = content
        self.language = language
        self._slots = [
            _Slot(qi, ii)
            for qi, q in enumerate(content.questionnaires)
            for ii in (None, *range(len(q.items)))
        ]
        self._answers: dict[ItemRef, Answer] = {}
        self._carry = {
            ref: value for ref, value in (carry_forward or {}).items() if self._is_carry_item(ref)
        }
        self._pos = 0
        self._safety: FlagEntry | None = None
        self._skipped: set[ItemRef] = set()
        if answers:
            for ref, value in answers.items():
                try:
                    item = content.item(ref)
                except KeyError:
                    continue  # an item the content no longer has
                try:
                    self._answers[ref] = normalise(item, value)
                except InvalidAnswer:
                    continue
            self._clear_hidden()
            self._pos = self._resume_position()
        self._pos = self._first_visible_from(self._pos, +1)

    # --- queries -------------------------------------------------------------------------------
    def _is_carry_item(self, ref: ItemRef) -> bool:
        try:
            return self.content.item(ref).carry_forward
        except KeyError:
            return False

    def _ref(self, slot: _Slot) -> ItemRef | None:
        if slot.item is None:
            return None
        q = self.content.questionnaires[slot.q]
        return ItemRef(q.id, q.items[slot.item].id)

    def _item_visible(self, qi: int, ii: int, answers: Mapping[ItemRef, Answer]) -> bool:
        item = self.content.questionnaires[qi].items[ii]
        return item.show_if is None or holds(item.show_if, answers)

    def _section_visible(self, qi: int) -> bool:
        q = self.content.questionnaires[qi]
        return any(self._item_visible(qi, ii, self._answers) for ii in range(len(q.items)))

    def _visible(self, index: int) -> bool:
        slot = self._slots[index]
        if slot.item is None:
            return self._section_visible(slot.q)
        return self._item_visible(slot.q, slot.item, self._answers)

    def _first_visible_from(self, index: int, direction: int) -> int:
        while 0 <= index < len(self._slots) and not self._visible(index):
            index += direction
        return index

    def _resume_position(self) -> int:
        last = -1
        for index, slot in enumerate(self._slots):
            ref = self._ref(slot)
            if ref is not None and ref in self._answers:
                last = index
        return last + 1 if last >= 0 else 0

    @property
    def finished(self) -> bool:
        """True once the user has moved past the last screen."""
        return self._pos >= len(self._slots) and self._safety is None

    @property
    def answers(self) -> dict[ItemRef, Answer]:
        return dict(self._answers)

    @property
    def current(self) -> Screen:
        count = len(self.content.questionnaires)
        if self._safety is not None:
            slot = self._slots[self._pos - 1] if self._pos > 0 else self._slots[0]
            q = self.content.questionnaires[slot.q]
            return Screen("safety", q, None, None, slot.q + 1, count, self._fraction(), self._safety)
        if self._pos >= len(self._slots):
            return Screen("end", None, None, None, count, count, 1.0)
        slot = self._slots[self._pos]
        q = self.content.questionnaires[slot.q]
        if slot.item is None:
            return Screen("intro", q, None, None, slot.q + 1, count, self._fraction())
        item = q.items[slot.item]
        ref = ItemRef(q.id, item.id)
        carried = ref not in self._answers and ref in self._carry
        value = self._answers.get(ref, self._carry.get(ref))
        return Screen("item", q, item, value, slot.q + 1, count, self._fraction(), carried_forward=carried)

    def _fraction(self) -> float:
        return min(1.0, self._pos / len(self._slots)) if self._slots else 1.0

    # --- plans: an action worked out first, made so once stored --------------------------------
    def _state(self) -> _State:
        return _State(dict(self._answers), self._pos, self._safety, frozenset(self._skipped))

    def _set_state(self, state: _State) -> None:
        self._answers = dict(state.answers)
        self._pos = state.pos
        self._safety = state.safety
        self._skipped = set(state.skipped)

    def _plan(self, action) -> Plan:
        before = self._state()
        try:
            step = action()
            after = self._state()
            flags = self.flags
        finally:
            self._set_state(before)
        return Plan(step, dict(after.answers), flags, before, after)

    def plan_confirm(self, value: object = None) -> Plan:
        """What ``confirm(value)`` would do; the visit does not move (InvalidAnswer as there)."""
        return self._plan(lambda: self.confirm(value))

    def plan_skip(self) -> Plan:
        return self._plan(self.skip)

    def plan_skip_section(self) -> Plan:
        return self._plan(self.skip_section)

    def commit(self, plan: Plan) -> Step:
        """Move the visit as ``plan`` says (made on this visit as it still stands)."""
        if self._state() != plan._before:
            raise StalePlan("the visit changed after this plan was made")
        self._set_state(plan._after)
        return plan.step

    # --- actions -------------------------------------------------------------------------------
    def confirm(self, value: object = None) -> Step:
        """Confirm the current screen (an answer for an item; nothing for other screens),
        then move on. Raises InvalidAnswer without changing anything if the value does not fit."""
        screen = self.current
        if screen.kind != "item":
            self._advance()
            return Step()
        assert screen.item is not None and screen.ref is not None
        if not screen.item.answerable:
            normalise(screen.item, value)
            self._advance()
            return Step()
        answer = normalise(screen.item, value)
        before = {f.source_id for f in self.flags if f.questionnaire_id == screen.ref.questionnaire}
        self._answers[screen.ref] = answer
        self._skipped.discard(screen.ref)
        cleared = self._clear_hidden()
        item_flags = self._item_flags(screen.questionnaire, screen.item, answer)  # type: ignore[arg-type]
        raised = [f for f in item_flags if f.source_id not in before]
        raised += [
            f for f in self._score_flags() if f.questionnaire_id == screen.ref.questionnaire and f.source_id not in before
        ]
        safety = next((f for f in item_flags if f.severity == "safety"), None)
        self._advance()
        if safety is not None:
            self._safety = safety
        return Step({screen.ref: answer}, cleared, raised, safety)

    def skip(self) -> Step:
        """Leave the current item unanswered (removing an earlier answer) and move on."""
        screen = self.current
        cleared: list[ItemRef] = []
        if screen.kind == "item" and screen.ref is not None:
            if screen.ref in self._answers:
                del self._answers[screen.ref]
                cleared = [screen.ref, *self._clear_hidden()]
            if screen.item and screen.item.answerable:
                self._skipped.add(screen.ref)
        self._advance()
        return Step(cleared=cleared)

    def skip_section(self) -> Step:
        """Skip the whole optional section from its intro: its answers are removed."""
        screen = self.current
        if screen.kind != "intro" or screen.questionnaire is None or not screen.questionnaire.optional:
            raise InvalidAnswer("only an optional section can be skipped, from its first screen")
        qi = self._slots[self._pos].q
        cleared = [ref for ref in self._answers if ref.questionnaire == screen.questionnaire.id]
        for ref in cleared:
            del self._answers[ref]
        cleared += self._clear_hidden()
        while self._pos < len(self._slots) and self._slots[self._pos].q == qi:
            self._pos += 1
        self._pos = self._first_visible_from(self._pos, +1)
        return Step(cleared=cleared)

    def back(self) -> None:
        """Go to the previous visible screen (from the safety screen: the question before it)."""
        if self._safety is not None:
            self._safety = None
        index = self._first_visible_from(self._pos - 1, -1)
        self._pos = max(index, 0) if index >= 0 else self._first_visible_from(0, +1)

    @property
    def can_go_back(self) -> bool:
        return self._safety is not None or self._first_visible_from(self._pos - 1, -1) >= 0

    def go_to(self, ref: ItemRef) -> None:
        """Jump to an item (the review screen's "Change")."""
        for index, slot in enumerate(self._slots):
            if self._ref(slot) == ref:
                if not self._visible(index):
                    raise InvalidAnswer(f"'{ref}' is not shown in this visit")
                self._safety = None
                self._pos = index
                return
        raise KeyError(str(ref))

    def go_to_end(self) -> None:
        """Move past the last screen (after a "Change" from the review screen)."""
        self._safety = None
        self._pos = len(self._slots)

    def _advance(self) -> None:
        if self._safety is not None:
            self._safety = None
            return
        self._pos = self._first_visible_from(self._pos + 1, +1)

    def _clear_hidden(self) -> list[ItemRef]:
        """Remove answers of items that are now hidden, until nothing more changes (hiding one
        item can hide the items that depend on it)."""
        cleared: list[ItemRef] = []
        changed = True
        while changed:
            changed = False
            for qi, q in enumerate(self.content.questionnaires):
                for ii, item in enumerate(q.items):
                    ref = ItemRef(q.id, item.id)
                    if ref in self._answers and not self._item_visible(qi, ii, self._answers):
                        del self._answers[ref]
                        cleared.append(ref)
                        changed = True
        return cleared

    # --- flags, scores, suggestions --------------------------------------------------------------
    def _item_flags(self, q: Questionnaire, item: Item, value: Answer) -> list[FlagEntry]:
        values = value if isinstance(value, list) else [value]
        severities = [o.flag for v in values if (o := item.option(v)) and o.flag]
        if not severities:
            return []
        severity = "safety" if "safety" in severities else "concern"
        return [
            FlagEntry(
                severity,
                q.id,
                item.id,
                text_in(item.text, self.language),
                answer_text(item, value, self.language),
            )
        ]

    def _score_result(self, q: Questionnaire, score: Score) -> ScoreResult:
        total = 0
        missing: list[str] = []
        maximum = 0
        for item_id in score.items:
            item = q.item(item_id)
            values = [int(o.value) for o in item.options]
            maximum += max(values) if values else 0
            ref = ItemRef(q.id, item_id)
            if ref not in self._answers:
                missing.append(item_id)
                continue
            total += int(self._answers[ref])  # type: ignore[arg-type]
        if missing:
            return ScoreResult(q.id, score.id, text_in(score.label, self.language), None, maximum, tuple(missing), report=score.report)
        flag = score.flag.severity if score.flag and score.flag.raised_by(total) else None
        flag_text = text_in(score.flag.text, self.language) if flag and score.flag else ""
        return ScoreResult(q.id, score.id, text_in(score.label, self.language), total, maximum, (), flag, flag_text, score.report)

    @property
    def scores(self) -> list[ScoreResult]:
        return [self._score_result(q, s) for q in self.content.questionnaires for s in q.scores]

    def _score_flags(self) -> list[FlagEntry]:
        return [
            FlagEntry(r.flag, r.questionnaire_id, r.score_id, r.label, r.flag_text, is_score=True)
            for r in self.scores
            if r.flag
        ]

    @property
    def flags(self) -> list[FlagEntry]:
        """Every flag the answers raise now: safety first, then concern, in visit order."""
        found: list[FlagEntry] = []
        for q in self.content.questionnaires:
            for item in q.items:
                ref = ItemRef(q.id, item.id)
                if ref in self._answers:
                    found.extend(self._item_flags(q, item, self._answers[ref]))
        found.extend(self._score_flags())
        return sorted(found, key=lambda f: f.severity != "safety")

    @property
    def suggestions(self) -> list[str]:
        """Vignette ids the answers suggest, first suggestion first, each once."""
        found: list[str] = []
        for q in self.content.questionnaires:
            for item in q.items:
                value = self._answers.get(ItemRef(q.id, item.id))
                if value is None:
                    continue
                for v in value if isinstance(value, list) else [value]:
                    option = item.option(v)
                    for vid in option.suggest if option else ():
                        if vid not in found:
                            found.append(vid)
        return found

    # --- summary ---------------------------------------------------------------------------------
    def summary(self) -> VisitSummary:
        """The visit as plain data for the report, in the visit's language."""
        sections: dict[str, list[SummaryEntry]] = {name: [] for name in REPORT_SECTIONS}
        answered = 0
        for q in self.content.questionnaires:
            for item in q.items:
                ref = ItemRef(q.id, item.id)
                if ref not in self._answers:
                    continue
                answered += 1
                value = self._answers[ref]
                flags = self._item_flags(q, item, value)
                severity = flags[0].severity if flags else None
                scale = None
                if item.type == "scale":
                    ints = [int(o.value) for o in item.options]
                    scale = (min(ints), max(ints))
                entry = SummaryEntry(
                    q.id, item.id, text_in(item.text, self.language), answer_text(item, value, self.language),
                    value, item.type, severity, item.trend, scale, item.better,
                )
                # Alerts hold flagged answers only: an unflagged answer to a `report: alerts`
                # item (e.g. "Not at all") is not something the prescriber must act on.
                if item.report and item.report != "alerts":
                    sections[item.report].append(entry)
                if severity:
                    sections["alerts"].append(entry)
        for name, entries in sections.items():
            # Flagged entries first (safety before concern), otherwise in visit order.
            rank = {"safety": 0, "concern": 1, None: 2}
            sections[name] = sorted(entries, key=lambda e: rank[e.flag])
        return VisitSummary(
            language=self.language,
            sections=sections,
            flags=self.flags,
            scores=self.scores,
            suggestions=self.suggestions,
            answered=answered,
            skipped=len(self._skipped),
            questionnaire_versions={q.id: q.version for q in self.content.questionnaires},
        )
