"""A stored visit's one-page report: the visit service's record and history handed to the report
package. The one place the kiosk, the peer station and ``decisionaid report`` get a page from.
Rendering takes tens of milliseconds: call ``report_pdf`` off the UI thread."""

from __future__ import annotations

from datetime import date, datetime

from decisionaid.report.data import TREND_VISITS, EarlierVisit, ReportInput, build_report_data
from decisionaid.report.render import render_report
from decisionaid.services.visits import VisitRecord, VisitService


def _day(moment: datetime) -> date:
    # Stored times are UTC; the report shows the clinic's local date.
    return moment.astimezone().date() if moment.tzinfo else moment.date()


def report_input(visits: VisitService, record: VisitRecord) -> ReportInput:
    """Everything the report needs about a stored visit: its summary, the earlier visits the
    trends compare against, and the stories watched."""
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
    )


def report_pdf(visits: VisitService, visit_id: int, site_name: str, paper: str = "letter") -> bytes:
    """The visit's one-page report as PDF bytes."""
    data = build_report_data(report_input(visits, visits.load(visit_id)), site_name, visits.content)
    return render_report(data, paper)
