"""The prescriber's desk: today's finished reports (alerts first), one report opened to read,
and the page saved as a PDF for a telehealth visit or the health record.

A prescriber's account may use all of it, as may peer workers and admins (``roles.REPORTS``);
the role is checked here, whatever screen calls. Every list shown, report opened and PDF saved
is audit-logged against the visit and the person, so their "Who has looked at my information"
shows it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import case, func, select

from decisionaid.errors import UserError
from decisionaid.files import check_target, write_private
from decisionaid.i18n import N_, _
from decisionaid.services import audit, chart_outbox, roles
from decisionaid.services.appointments import Identifiers, identifiers_of
from decisionaid.services.clock import Clock, local_day_bounds, utc_now
from decisionaid.services.peer_queries import PeerQueries
from decisionaid.services.visit_records import VisitRecord, visit_info_query, visit_infos
from decisionaid.services.visits import VisitService
from decisionaid.storage import Database
from decisionaid.storage.models import Flag, SafetyCheckIn
from decisionaid.storage.models import Visit as VisitRow


@dataclass(frozen=True)
class ReportLine:
    """One of today's finished visits, as a line on the desk."""

    visit_id: int
    service_user_id: int | None
    first_name: str | None  # None: a guest
    state: str  # complete, incomplete or reviewed
    finished_at: datetime | None
    safety: int  # safety flags the report prints in its alerts (acknowledged or not)
    concerns: int
    # Safety questions left unanswered ("please ask", services/check_ins.py): apart from flags.
    please_ask: int = 0
    # Name, date of birth, record number; the appointment's time and prescriber when linked.
    identity: Identifiers = field(default_factory=Identifiers)

    @property
    def alerts(self) -> int:
        return self.safety + self.concerns

    @property
    def decided(self) -> bool:
        return self.state == "reviewed"


class Desk:
    def __init__(self, db: Database, visits: VisitService, queries: PeerQueries,
                 make_page: Callable[[int], bytes], *, clock: Clock = utc_now):
        self.db = db
        self.visits = visits
        self.queries = queries
        self.make_page = make_page
        self.clock = clock

    def todays_reports(self, *, by: object) -> list[ReportLine]:
        """Today's finished visits: those with alerts first (safety before concerns), then the
        rest; each group the latest finished first. Each visit listed is recorded against its
        visit and person, once a day per staff member."""
        who = roles.require(roles.caller(by), roles.REPORTS, N_("see today's reports"))
        start, end = local_day_bounds(self.clock())

        def work(session) -> list[ReportLine]:
            done = visit_infos(session, visit_info_query().where(
                VisitRow.started_at >= start, VisitRow.started_at < end,
                VisitRow.state != "in_progress"))
            ids = [v.id for v in done]
            counts = {
                r.visit_id: (int(r.safety or 0), int(r.total) - int(r.safety or 0))
                for r in session.execute(
                    select(Flag.visit_id, func.count().label("total"),
                           func.sum(case((Flag.severity == "safety", 1), else_=0)).label("safety"))
                    .where(Flag.visit_id.in_(ids)).group_by(Flag.visit_id))
            } if ids else {}
            asks = dict(session.execute(
                select(SafetyCheckIn.visit_id, func.count()).where(SafetyCheckIn.visit_id.in_(ids))
                .group_by(SafetyCheckIn.visit_id)).all()) if ids else {}
            named = identifiers_of(session, ids)
            return [ReportLine(v.id, v.service_user_id, v.first_name, v.state, v.finished_at,
                               *counts.get(v.id, (0, 0)), please_ask=int(asks.get(v.id, 0)),
                               identity=named.get(v.id, Identifiers(None)))
                    for v in done]

        lines = self.db.read(work)
        self.queries.record_once_today(
            who, audit.REPORTS_LIST_VIEW, {r.visit_id: r.service_user_id for r in lines}, start)
        newest = sorted(lines, key=lambda r: r.finished_at.timestamp() if r.finished_at else 0,
                        reverse=True)
        return sorted(newest, key=lambda r: (r.safety == 0, r.please_ask == 0, r.concerns == 0))  # stable

    def open_report(self, visit_id: int, *, by: object) -> tuple[VisitRecord, bytes]:
        """The visit and its one-page report as PDF bytes (both opening the visit and reading
        its report are audit-logged)."""
        record = self.visits.view(visit_id, staff_id=getattr(by, "id", None))
        if record.state == "in_progress":
            raise UserError(_("visit {visit_id} is still in progress: its report is not ready",
                              visit_id=visit_id))
        audit.note(self.db, audit.REPORT_VIEW, by=by, at=self.clock(), visit_id=visit_id,
                   service_user_id=record.service_user_id)
        return record, self.make_page(visit_id)

    def save_pdf(self, visit_id: int, path: Path, *, by: object) -> Path:
        """Write the visit's report to ``path`` as a private file (0600), every font embedded,
        for a telehealth visit or the health record."""
        roles.require(roles.caller(by), roles.REPORTS, N_("save a report"))
        path = check_target(Path(path), "report.pdf")  # one line before any work
        record = self.visits.load(visit_id)
        if record.state == "in_progress":
            raise UserError(_("visit {visit_id} is still in progress: its report is not ready",
                              visit_id=visit_id))
        written = write_private(path, self.make_page(visit_id))
        now = self.clock()

        def saved(session) -> None:
            audit.record(session, audit.REPORT_SAVED, at=now, visit_id=visit_id,
                         service_user_id=record.service_user_id, **roles.audit_fields(by))
            chart_outbox.enqueue(session, visit_id, "saved", now, self.visits.chart_destinations)

        try:
            self.db.write(saved)
        except BaseException:
            # A file of someone's answers never stays without its record.
            Path(written).unlink(missing_ok=True)
            raise
        return written
