"""Monthly statistics for the clinic: counts and shares only, never a person or an answer.

``aggregate`` is the whole rule, a plain function over plain facts (tested without a database);
``monthly`` reads those facts for a date range and hands them to it; ``to_csv`` writes the
table a clinic can take to a spreadsheet. Months are the clinic's local months.
"""

from __future__ import annotations

import csv
import io
import statistics as stats
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime, time

from sqlalchemy import func, select, tuple_
from sqlalchemy.orm import Session

from decisionaid.content.model import Content
from decisionaid.i18n import N_
from decisionaid.services import roles
from decisionaid.storage import Database
from decisionaid.storage import repository as repo
from decisionaid.storage.models import Answer, Flag, VignetteView
from decisionaid.storage.models import Visit as VisitRow


@dataclass(frozen=True)
class VisitFacts:
    """What statistics needs to know about one visit."""

    started_at: datetime
    finished_at: datetime | None
    printed_at: datetime | None
    state: str
    power_statement: bool = False
    personal_medicine: bool = False
    vignettes_watched: int = 0
    suggestions: int = 0


@dataclass(frozen=True)
class FlagFacts:
    raised_at: datetime
    severity: str
    acknowledged_at: datetime | None


@dataclass(frozen=True)
class MonthStats:
    month: str  # YYYY-MM
    started: int = 0
    finished: int = 0
    printed: int = 0
    reviewed: int = 0
    incomplete: int = 0
    power_statement_share: float = 0.0  # of visits started, 0..1
    personal_medicine_share: float = 0.0
    safety_flags: int = 0
    concern_flags: int = 0
    flags_acknowledged: int = 0
    median_minutes_to_acknowledge: float | None = None
    vignettes_watched: int = 0
    suggestions_made: int = 0


def month_of(moment: datetime) -> str:
    """The local month a moment falls in, as YYYY-MM."""
    return moment.astimezone().strftime("%Y-%m")


def aggregate(visits: Iterable[VisitFacts], flags: Iterable[FlagFacts] = ()) -> list[MonthStats]:
    """One line per month that had a visit or a flag, oldest first.

    A visit counts in the month it started. ``finished`` is every visit that ended (complete,
    force-finished or reviewed); ``incomplete`` those that ended before the last question.
    Flags count in the month they were raised; the time to acknowledge is the median, in
    minutes, of those acknowledged."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    waits: dict[str, list[float]] = defaultdict(list)
    for v in visits:
        c = counts[month_of(v.started_at)]
        c["started"] += 1
        c["finished"] += v.finished_at is not None or v.state != "in_progress"
        c["printed"] += v.printed_at is not None
        c["reviewed"] += v.state == "reviewed"
        c["incomplete"] += v.state == "incomplete"
        c["power"] += v.power_statement
        c["personal"] += v.personal_medicine
        c["vignettes"] += v.vignettes_watched
        c["suggestions"] += v.suggestions
    for f in flags:
        month = month_of(f.raised_at)
        c = counts[month]
        c["safety" if f.severity == "safety" else "concern"] += 1
        if f.acknowledged_at is not None:
            c["acknowledged"] += 1
            waits[month].append((f.acknowledged_at - f.raised_at).total_seconds() / 60)
    lines = []
    for month in sorted(counts):
        c = counts[month]
        started = c["started"]
        lines.append(MonthStats(
            month=month,
            started=started,
            finished=c["finished"],
            printed=c["printed"],
            reviewed=c["reviewed"],
            incomplete=c["incomplete"],
            power_statement_share=c["power"] / started if started else 0.0,
            personal_medicine_share=c["personal"] / started if started else 0.0,
            safety_flags=c["safety"],
            concern_flags=c["concern"],
            flags_acknowledged=c["acknowledged"],
            median_minutes_to_acknowledge=(
                round(stats.median(waits[month]), 1) if waits[month] else None
            ),
            vignettes_watched=c["vignettes"],
            suggestions_made=c["suggestions"],
        ))
    return lines


def _bounds(since: date | None, until: date | None) -> tuple[datetime | None, datetime | None]:
    def local_midnight(day: date) -> datetime:
        return datetime.combine(day, time(0)).astimezone().astimezone(UTC)

    start = local_midnight(since) if since else None
    end = local_midnight(date.fromordinal(until.toordinal() + 1)) if until else None
    return start, end


def facts(
    db: Database, content: Content, since: date | None = None, until: date | None = None,
    *, by: object | None = None,
) -> tuple[list[VisitFacts], list[FlagFacts]]:
    """The facts for visits started (and flags raised) from ``since`` to ``until`` inclusive.
    For admins only (``by``; None: the command line)."""
    roles.require(roles.caller(by), roles.ADMIN, N_("see the statistics"))
    start, end = _bounds(since, until)
    own = {
        section: [(q.id, i.id) for q in content.questionnaires for i in q.items
                  if i.report == section and i.answerable]
        for section in ("power_statement", "personal_medicine")
    }
    suggesting = {
        (q.id, i.id): {o.value: o.suggest for o in i.options if o.suggest}
        for q in content.questionnaires for i in q.items
        if any(o.suggest for o in i.options)
    }

    def in_range(query, column):
        if start is not None:
            query = query.where(column >= start)
        if end is not None:
            query = query.where(column < end)
        return query

    def work(session: Session) -> tuple[list[VisitFacts], list[FlagFacts]]:
        visits = session.execute(in_range(
            select(VisitRow.id, VisitRow.started_at, VisitRow.finished_at, VisitRow.printed_at,
                   VisitRow.state), VisitRow.started_at)).all()
        has: dict[str, set[int]] = {}
        for section, refs in own.items():
            has[section] = set() if not refs else set(session.scalars(in_range(
                select(Answer.visit_id).distinct()
                .join(VisitRow, VisitRow.id == Answer.visit_id)
                .where(tuple_(Answer.questionnaire_id, Answer.item_id).in_(refs)),
                VisitRow.started_at)))
        watched = dict(session.execute(in_range(
            select(VignetteView.visit_id, func.count())
            .join(VisitRow, VisitRow.id == VignetteView.visit_id)
            .group_by(VignetteView.visit_id), VisitRow.started_at)).all())
        suggested: dict[int, set[str]] = defaultdict(set)
        if suggesting:
            for row in session.execute(in_range(
                select(Answer.visit_id, Answer.questionnaire_id, Answer.item_id, Answer.value)
                .join(VisitRow, VisitRow.id == Answer.visit_id)
                .where(tuple_(Answer.questionnaire_id, Answer.item_id).in_(list(suggesting))),
                VisitRow.started_at,
            )):
                value = repo.decode(row.value)
                options = suggesting[(row.questionnaire_id, row.item_id)]
                for v in value if isinstance(value, list) else [value]:
                    suggested[row.visit_id].update(options.get(v, ()))
        flags = session.execute(in_range(
            select(Flag.raised_at, Flag.severity, Flag.acknowledged_at), Flag.raised_at)).all()
        return (
            [
                VisitFacts(
                    v.started_at, v.finished_at, v.printed_at, v.state,
                    v.id in has["power_statement"], v.id in has["personal_medicine"],
                    int(watched.get(v.id, 0)), len(suggested.get(v.id, ())),
                )
                for v in visits
            ],
            [FlagFacts(*f) for f in flags],
        )

    return db.read(work)


def monthly(
    db: Database, content: Content, since: date | None = None, until: date | None = None,
    *, by: object | None = None,
) -> list[MonthStats]:
    """The monthly table for visits started from ``since`` to ``until`` (inclusive); for
    admins only."""
    return aggregate(*facts(db, content, since, until, by=by))


COLUMNS = [f.name for f in fields(MonthStats)]


def to_csv(lines: Iterable[MonthStats]) -> str:
    """The table as CSV text, one month a row, shares as percentages."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for line in lines:
        row = []
        for name in COLUMNS:
            value = getattr(line, name)
            if name.endswith("_share"):
                value = f"{value * 100:.1f}"
            elif value is None:
                value = ""
            row.append(value)
        writer.writerow(row)
    return out.getvalue()
