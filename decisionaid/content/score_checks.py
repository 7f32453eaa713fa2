"""Checking a questionnaire's scores: which items they add up, their label, the flag a total
raises, and where they print on the report."""

from __future__ import annotations

from decisionaid.content.field_checks import FieldReader, Reporter, did_you_mean
from decisionaid.content.model import REPORT_SECTIONS, SEVERITIES, Item, Score, ScoreFlag
from decisionaid.content.yamlnodes import LineDict, LineList
from decisionaid.i18n import _

SCORE_KEYS = {"id", "items", "label", "flag", "report"}
SCORE_FLAG_KEYS = {"at_least", "at_most", "severity", "text"}


class ScoreChecks(FieldReader):
    """Reads the ``scores`` of a questionnaire, against the items already read from it."""

    def scores(self, raw: object, report: Reporter, line: int, items: dict[str, Item]) -> tuple[Score, ...]:
        if not isinstance(raw, LineList):
            report(line, _("'scores' must be a list"))
            return ()
        result: list[Score] = []
        seen: set[str] = set()
        for index, entry in enumerate(raw):
            if not isinstance(entry, LineDict):
                report(raw.line_of(index), _("a score must be a map with id, items and label"))
                continue
            self.unknown_keys(entry, SCORE_KEYS, report, _("a score"))
            sid = self.slug(entry.get("id"), report, entry.line_of("id"), _("the score id"))
            if sid in seen:
                report(entry.line_of("id"), _("the score id '{sid}' is used twice", sid=sid))
                continue
            if sid:
                seen.add(sid)
            names = entry.get("items")
            ok = sid is not None
            if not isinstance(names, list) or not names:
                report(entry.line_of("items"), _("a score needs 'items': a list of item ids in "
                                                 "this file"))
                ok = False
                names = []
            for name in names:
                item = items.get(name) if isinstance(name, str) else None
                if item is None:
                    report(entry.line_of("items"), _("the score counts '{name}', which is not an "
                                                     "item in this file{did_you_mean}",
                                                     name=name,
                                                     did_you_mean=did_you_mean(name, items)))
                    ok = False
                elif item.type not in ("scale", "choice", "yesno") or (
                    item.type != "yesno" and not all(isinstance(o.value, int) for o in item.options)
                ):
                    report(entry.line_of("items"), _("the score counts '{name}', but only scale, "
                                                     "choice and yesno items with number values "
                                                     "can be added up", name=name))
                    ok = False
            label = self.text(entry.get("label"), report, entry.line_of("label"), _("the score's label"))
            flag = None
            if "flag" in entry:
                flag = self.score_flag(entry["flag"], report, entry.line_of("flag"))
                ok = ok and flag is not None
            report_section = entry.get("report")
            if report_section is not None and report_section not in REPORT_SECTIONS:
                report(entry.line_of("report"), _("'report' must be one of: {sections}",
                                                  sections=', '.join(REPORT_SECTIONS)))
                ok = False
            if ok and label:
                result.append(Score(sid, tuple(names), label, flag, report_section, entry.line))
        return tuple(result)

    def score_flag(self, raw: object, report: Reporter, line: int) -> ScoreFlag | None:
        if not isinstance(raw, LineDict):
            report(line, _("a score's 'flag' must be a map like {at_most: 3, severity: concern, "
                           "text: …}"))
            return None
        self.unknown_keys(raw, SCORE_FLAG_KEYS, report, _("a score's flag"))
        bounds = [k for k in ("at_least", "at_most") if k in raw]
        if len(bounds) != 1:
            report(raw.line, _("a score's flag needs exactly one of at_least: N or at_most: N"))
            return None
        bound = self.whole_number(raw, bounds[0], report)
        severity = raw.get("severity")
        if severity not in SEVERITIES:
            report(raw.line_of("severity"), _("a score's flag needs 'severity': concern or "
                                              "safety, not {severity!r}", severity=severity))
            return None
        text = self.text(raw.get("text"), report, raw.line_of("text"), _("the flag's text"))
        if bound is None or text is None:
            return None
        return ScoreFlag(severity, text, **{bounds[0]: bound})
