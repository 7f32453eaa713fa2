"""A finished visit as plain data, section by section, in the user's language.

This is what the report and the peer station read: no content objects, no engine state.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from decisionaid.content.model import (
    REPORT_SECTIONS,
    Better,
    Change,
    Severity,
    Value,
    change_between,
)


@dataclass(frozen=True)
class FlagEntry:
    """A concern or safety flag raised by an answer or a score."""

    severity: Severity
    questionnaire_id: str
    source_id: str  # the item id, or the score id
    question: str  # the question (or score label) in the user's language
    answer: str  # what the user answered (or the score's flag text)
    is_score: bool = False


@dataclass(frozen=True)
class SummaryEntry:
    """One answered item (or computed score) as it appears on the report."""

    questionnaire_id: str
    item_id: str
    question: str
    answer: str  # display text in the user's language: labels joined, Yes/No, or free text
    value: Value | list[Value] | None
    item_type: str
    flag: Severity | None = None
    trend: bool = False
    # For scale items: (lowest, highest) option values and the labels, for charts and arrows.
    scale: tuple[int, int] | None = None
    # For scale items: which end the content declares better ("lower"/"higher"), None if it does not.
    better: Better | None = None

    def change_since(self, earlier: Value | list[Value] | None) -> Change | None:
        """"better", "worse" or "same" against an earlier answer to this item; None when the
        content does not say which end is better (or either answer is not a number)."""
        return change_between(self.better, earlier, self.value)


@dataclass(frozen=True)
class ScoreResult:
    questionnaire_id: str
    score_id: str
    label: str
    total: int | None  # None when an item is unanswered: never guessed
    maximum: int
    missing: tuple[str, ...] = ()
    flag: Severity | None = None
    flag_text: str = ""
    report: str | None = None


@dataclass(frozen=True)
class VisitSummary:
    """Everything the report needs from the visit itself (history comes from storage)."""

    language: str
    sections: dict[str, list[SummaryEntry]]  # keys in REPORT_SECTIONS order, flags first
    flags: list[FlagEntry]  # safety first, then concern, in visit order
    scores: list[ScoreResult]
    suggestions: list[str]  # vignette ids, in the order the answers suggested them
    answered: int = 0
    skipped: int = 0
    questionnaire_versions: dict[str, int] = field(default_factory=dict)

    def section(self, name: str) -> list[SummaryEntry]:
        if name not in REPORT_SECTIONS:
            raise KeyError(name)
        return self.sections.get(name, [])
