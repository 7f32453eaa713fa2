"""A stored visit's one-page report, as PDF bytes: the visit service's record and history handed
to the report package. Slow (tens of milliseconds): call it off the UI thread."""

from __future__ import annotations

from decisionaid.report.data import EarlierVisit, ReportInput, build_report_data
from decisionaid.report.render import render_report
from decisionaid.services.visits import VisitService


def report_pdf(visits: VisitService, visit_id: int, site_name: str, paper: str = "letter") -> bytes:
    record = visits.load(visit_id)
    history = tuple(
        EarlierVisit(
            past.started_at.astimezone().date(),
            {(ref.questionnaire, ref.item): value for ref, value in past.answers.items()
             if not isinstance(value, list)},
        )
        for past in visits.history(visit_id)
    )
    report_input = ReportInput(
        summary=visits.summary(record),
        visit_date=record.started_at.astimezone().date(),
        display_name=record.first_name,
        visit_number=record.number,
        history=history,
        watched=tuple(v.vignette_id for v in record.views),
        incomplete=record.state == "incomplete",
    )
    return render_report(build_report_data(report_input, site_name, visits.content), paper)
