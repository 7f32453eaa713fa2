"""A stored visit's one-page report: the visit service's record and history handed to the report
package. The one place the kiosk, the peer station and ``decisionaid report`` get a page from.
Rendering takes tens of milliseconds: call ``report_pdf`` off the UI thread."""

from __future__ import annotations

from datetime import date, datetime

from decisionaid.config import TRIM_PARTS
from decisionaid.content.model import Content
from decisionaid.report.data import (
    TREND_VISITS,
    CheckedIn,
    EarlierVisit,
    Identity,
    ItemKey,
    ReportInput,
    SharedDecision,
    build_report_data,
    unanswered_safety,
)
from decisionaid.report.render import render_report
from decisionaid.services.appointments import identifiers_for
from decisionaid.services.check_ins import CheckIns
from decisionaid.services.visit_records import VisitRecord
from decisionaid.services.visits import REVIEW_CLOSED_NOTE, VisitService


def _day(moment: datetime) -> date:
    # Stored times are UTC; the report shows the clinic's local date.
    return moment.astimezone().date() if moment.tzinfo else moment.date()


def identity(visits: VisitService, visit_id: int, *, schedule: bool = True) -> Identity:
    """The person's identifiers for the page. With ``schedule``, a visit linked to an
    appointment is named as the schedule names the person (a guest too), with the
    appointment's time and prescriber; without it (the page shown and printed at the kiosk,
    which must say nothing of the schedule), only what the person's own profile holds."""
    found = visits.db.read(lambda session: identifiers_for(session, visit_id,
                                                           schedule=schedule))
    return Identity(found.name, found.date_of_birth, found.record_number,
                    found.appointment_at.astimezone().strftime("%H:%M")
                    if found.appointment_at else None, found.prescriber)


def report_input(visits: VisitService, record: VisitRecord, *,
                 schedule: bool = True) -> ReportInput:
    """Everything the report needs about a stored visit: its summary, who it is about, the
    earlier visits the trends compare against, and the stories watched."""
    return ReportInput(
        summary=visits.summary(record),
        visit_date=_day(record.started_at),
        display_name=record.first_name,
        visit_number=record.number,
        history=tuple(
            EarlierVisit(
                _day(past.started_at),
                {(ref.questionnaire, ref.item): value for ref, value in past.answers.items()},
            )
            for past in visits.history(record.id, limit=TREND_VISITS)
        ),
        watched=tuple(dict.fromkeys(view.vignette_id for view in record.views)),
        incomplete=record.state == "incomplete",
        unanswered_safety=skipped_safety_questions(visits.content, record),
        decision=_decision(record),
        checked_in=_checked_in(visits, record),
        identity=identity(visits, record.id, schedule=schedule),
    )


def _checked_in(visits: VisitService, record: VisitRecord) -> dict[tuple[str, str, bool], CheckedIn]:
    """Who checked in about each alert: printed under it. A concern closed by the review of
    the visit is not a check-in (the shared decision box says what was decided)."""
    return {
        a.key: CheckedIn(a.by, a.at, a.note)
        for a in CheckIns(visits.db, visits.content).acknowledgements(record.id)
        if a.note != REVIEW_CLOSED_NOTE
    }


def _decision(record: VisitRecord) -> SharedDecision | None:
    """The decision recorded for the visit, as the page prints it: its words, follow-up, marks
    and the day. Not who recorded it (the staff account's name is its sign-in name) and never
    the peer note, which is for staff only."""
    review = record.review
    if review is None:
        return None
    return SharedDecision(review.shared_decision, tuple(review.follow_up), review.marks,
                          _day(review.reviewed_at))


def skipped_safety_questions(content: Content, record: VisitRecord) -> tuple[ItemKey, ...]:
    """The safety questions a finished visit left unanswered, (questionnaire id, item id):
    the report prints each as "Not answered" under ALERTS and the peer station lists them
    with the flags. None while the visit is still in progress (they may be still to come)."""
    if record.state == "in_progress":
        return ()
    return unanswered_safety(content, record.answers)


def report_pdf(visits: VisitService, visit_id: int, site_name: str, paper: str = "letter",
               language: str | None = None, *, identifiers: str = "name_dob",
               trim_order: tuple[str, ...] = TRIM_PARTS, schedule: bool = True) -> bytes:
    """The visit's one-page report as PDF bytes, in ``language``: the configuration's
    ``report_language`` for the prescriber's copy, or the visit's own language (None) for
    the copy the person keeps. ``identifiers`` is the configuration's ``report_identifiers``;
    ``trim_order`` its ``report_trim_order``; ``schedule=False`` for a page shown at the kiosk
    (see ``identity``)."""
    data = build_report_data(report_input(visits, visits.load(visit_id), schedule=schedule),
                             site_name, visits.content, language, identifiers, trim_order)
    return render_report(data, paper)


def room_preview_pdf(visits: VisitService, visit_id: int, site_name: str, paper: str = "letter") -> bytes:
    """The page as the person may see it on a screen in a shared room: in their own language,
    without the alerts box (a line says the paper has it). Never printed: the paper is
    ``report_pdf``'s."""
    from dataclasses import replace

    # Shown at the kiosk: named from the person's own profile, never from the schedule.
    data = build_report_data(report_input(visits, visits.load(visit_id), schedule=False),
                             site_name, visits.content, None)
    return render_report(replace(data, for_the_room=True), paper)
