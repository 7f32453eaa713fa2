"""The visit engine: content in, screens and a summary out. No I/O, no Qt, no database."""

from decisionaid.engine.summary import FlagEntry, ScoreResult, SummaryEntry, VisitSummary
from decisionaid.engine.visit import (
    Answer,
    InvalidAnswer,
    Plan,
    Screen,
    StalePlan,
    Step,
    Visit,
    answer_text,
    normalise,
)

__all__ = [
    "Answer",
    "FlagEntry",
    "InvalidAnswer",
    "Plan",
    "ScoreResult",
    "Screen",
    "StalePlan",
    "Step",
    "SummaryEntry",
    "Visit",
    "VisitSummary",
    "answer_text",
    "normalise",
]
