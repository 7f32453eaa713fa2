"""Evaluating `show_if` conditions against the answers given so far."""

from __future__ import annotations

from collections.abc import Mapping

from decisionaid.content.model import Condition, ItemRef


def _same(a: object, b: object) -> bool:
    return a == b and type(a) is type(b)


def holds(condition: Condition, answers: Mapping[ItemRef, object]) -> bool:
    """Whether ``condition`` is true. An unanswered item makes every test but
    ``answered: false`` false, so a follow-up stays hidden until its question is answered."""
    if condition.op == "all":
        return all(holds(part, answers) for part in condition.parts)
    if condition.op == "any":
        return any(holds(part, answers) for part in condition.parts)
    if condition.op == "not":
        return not holds(condition.parts[0], answers)
    assert condition.ref is not None
    answered = condition.ref in answers
    if condition.op == "answered":
        return answered == condition.value
    if not answered:
        return False
    answer = answers[condition.ref]
    values = answer if isinstance(answer, list) else [answer]
    if condition.op == "equals":
        return any(_same(v, condition.value) for v in values)
    if condition.op == "in":
        return any(_same(v, w) for v in values for w in condition.value)  # type: ignore[union-attr]
    numbers = [v for v in values if isinstance(v, int) and not isinstance(v, bool)]
    if condition.op == "at_least":
        return any(v >= condition.value for v in numbers)  # type: ignore[operator]
    if condition.op == "at_most":
        return any(v <= condition.value for v in numbers)  # type: ignore[operator]
    raise ValueError(condition.op)
