"""The ``show_if`` conditions of items: read where they stand, then checked, once every
questionnaire is read, against the earlier items they name."""

from __future__ import annotations

from dataclasses import dataclass, field

from decisionaid.content.field_checks import TRUTH_WORDS, Reporter, did_you_mean
from decisionaid.content.model import Condition, Item, ItemRef, Questionnaire
from decisionaid.content.yamlnodes import LineDict, LineList
from decisionaid.i18n import _

CONDITION_TESTS = ("equals", "in", "at_least", "at_most", "answered")
CONDITION_GROUPS = ("all", "any", "not")


@dataclass
class _PendingCondition:
    """A `show_if` as read, resolved once every file is known."""

    condition: Condition
    questionnaire: str
    item: str
    line: int
    report: Reporter
    leaf_lines: list[tuple[Condition, int]] = field(default_factory=list)


class ConditionChecks:
    def __init__(self) -> None:
        self.pending: list[_PendingCondition] = []

    def read(self, raw: object, report: Reporter, line: int, qid: str, iid: str) -> Condition | None:
        """Item ``iid``'s condition, checked as far as it can be alone; the rest in ``resolve``."""
        leaves: list[tuple[Condition, int]] = []
        show_if = self.condition(raw, report, line, qid, leaves)
        if show_if is not None:
            self.pending.append(_PendingCondition(show_if, qid, iid, line, report, leaves))
        return show_if

    def condition(
        self, raw: object, report: Reporter, line: int, qid: str, leaves: list[tuple[Condition, int]]
    ) -> Condition | None:
        if not isinstance(raw, LineDict):
            report(line, _("'show_if' must be a map like {item: sleep, at_least: 2}"))
            return None
        groups = [k for k in CONDITION_GROUPS if k in raw]
        if groups:
            key = groups[0]
            if len(raw) != 1:
                report(raw.line, _("'{key}' must stand alone in its condition; nest the other "
                                   "tests inside it", key=key))
                return None
            inner = raw[key]
            if key == "not":
                part = self.condition(inner, report, raw.line_of(key), qid, leaves)
                return Condition("not", parts=(part,)) if part else None
            if not isinstance(inner, LineList) or not inner:
                report(raw.line_of(key), _("'{key}' takes a list of conditions, e.g. {key}: "
                                           "[{{item: a, equals: 1}}, …]", key=key))
                return None
            parts = [self.condition(p, report, inner.line_of(i), qid, leaves) for i, p in enumerate(inner)]
            if any(p is None for p in parts):
                return None
            return Condition(key, parts=tuple(parts))  # type: ignore[arg-type]
        allowed = {"item", *CONDITION_TESTS}
        for key in raw:
            if key not in allowed:
                report(raw.line_of(key), _("unknown key '{key}' in show_if{did_you_mean}; use "
                                           "item with one of {tests}, or all/any/not",
                                           key=key,
                                           did_you_mean=did_you_mean(key, [*allowed, *CONDITION_GROUPS]),
                                           tests=', '.join(CONDITION_TESTS)))
                return None
        if "item" not in raw:
            report(raw.line, _("a show_if test needs 'item: ID' (or FILE-ID/ITEM-ID for another "
                               "file)"))
            return None
        target = raw["item"]
        if not isinstance(target, str) or not target:
            report(raw.line_of("item"), _("'item' must be an item id, or FILE-ID/ITEM-ID"))
            return None
        ref = ItemRef(*target.split("/", 1)) if "/" in target else ItemRef(qid, target)
        tests = [k for k in CONDITION_TESTS if k in raw]
        if len(tests) != 1:
            report(raw.line, _("a show_if test needs exactly one of: {tests}",
                               tests=', '.join(CONDITION_TESTS)))
            return None
        op = tests[0]
        value = raw[op]
        vline = raw.line_of(op)
        if op in ("at_least", "at_most") and (isinstance(value, bool) or not isinstance(value, int)):
            report(vline, _("'{op}' takes a whole number, not {value!r}", op=op, value=value))
            return None
        if op == "answered" and not isinstance(value, bool):
            report(vline, _("'answered' takes true or false"))
            return None
        if op == "in":
            if not isinstance(value, list) or not value:
                report(vline, _("'in' takes a list of values, e.g. in: [1, 2]"))
                return None
            value = tuple(value)
        condition = Condition(op, ref=ref, value=value)  # type: ignore[arg-type]
        leaves.append((condition, vline))
        return condition

    def resolve(self, questionnaires: list[Questionnaire], duplicate_ids: set[str], alone: bool) -> None:
        """Each condition names an earlier item, with a value that item can have."""
        position: dict[ItemRef, int] = {}
        items: dict[ItemRef, Item] = {}
        for qi, questionnaire in enumerate(questionnaires):
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
                if ref.questionnaire in duplicate_ids:
                    continue  # already reported: which file is meant cannot be known
                target = items.get(ref)
                if target is None and alone and ref.questionnaire != pending.questionnaire:
                    continue
                if target is None:
                    known = [i.id for q in questionnaires if q.id == ref.questionnaire for i in q.items]
                    where = "this file" if ref.questionnaire == pending.questionnaire else f"'{ref.questionnaire}'"
                    if ref.questionnaire != pending.questionnaire and not any(q.id == ref.questionnaire for q in questionnaires):
                        pending.report(line, _("show_if names '{ref}', but there is no "
                                               "questionnaire '{questionnaire}'",
                                               ref=ref, questionnaire=ref.questionnaire))
                    else:
                        pending.report(line, _("show_if names item '{item}', which is not in "
                                               "{where}{did_you_mean}",
                                               item=ref.item, where=where,
                                               did_you_mean=did_you_mean(ref.item, known)))
                    continue
                if position[ref] >= here:
                    pending.report(line, _("show_if names '{item}', which comes at or after this "
                                           "item; a condition can only look at earlier answers",
                                           item=ref.item))
                    continue
                self.check_condition_value(leaf, target, pending.report, line)

    def check_condition_value(self, leaf: Condition, target: Item, report: Reporter, line: int) -> None:
        if leaf.op == "answered":
            if not target.answerable:
                report(line, _("'{id}' is a {type} item and has no answer to test",
                               id=target.id, type=target.type))
            return
        if not target.answerable:
            report(line, _("'{id}' is a {type} item and has no answer to test",
                           id=target.id, type=target.type))
            return
        if target.type == "text":
            report(line, _("'{id}' is a text item; only 'answered' can test it", id=target.id))
            return
        values = [o.value for o in target.options]
        if leaf.op in ("at_least", "at_most"):
            if not all(isinstance(v, int) and not isinstance(v, bool) for v in values):
                report(line, _("'{op}' needs number values, but '{id}' has words as values; use "
                               "equals or in", op=leaf.op, id=target.id))
            return
        wanted = leaf.value if leaf.op == "in" else (leaf.value,)
        for value in wanted:  # type: ignore[union-attr]
            if not any(value == v and type(value) is type(v) for v in values):
                shown = ", ".join(repr(v) if not isinstance(v, bool) else str(v).lower() for v in values)
                if isinstance(value, bool) and target.type != "yesno":
                    report(line, _("'{id}' cannot be {value!r}; its values are: {shown} ({words} "
                                   "read as truth values: quote them)", id=target.id, value=value,
                                   shown=shown, words=TRUTH_WORDS))
                else:
                    report(line, _("'{id}' cannot be {value!r}; its values are: {shown}",
                                   id=target.id, value=value, shown=shown))
