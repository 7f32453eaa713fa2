"""What the peer station reads: today's board, open safety flags, search, one person's history.

Plain data out, one short read transaction per call, each bounded by an index and a page size
so the lists stay fast on a large clinic's data. Each call takes the signed-in staff member
(``by``; None: the command line), checks their role, and records what they were shown about a
person in the audit log: the Today board's rows (once a day per staff member), search results,
and a person's page. The station shows staff-facing text in English
(the language staff work in); a service user's own words are shown as they wrote them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TypeVar

from sqlalchemy import func, select, tuple_
from sqlalchemy.orm import Session

from decisionaid.content.model import Content, ItemRef, text_in
from decisionaid.engine import answer_text
from decisionaid.i18n import N_, _
from decisionaid.services import appointments, audit, reads, roles
from decisionaid.services.appointments import AppointmentLine, appointment_lines
from decisionaid.services.check_ins import CheckIns, OpenCheckIn
from decisionaid.services.clock import Clock, local_day_bounds, utc_now
from decisionaid.services.profiles import Profile, UnknownProfile, name_key
from decisionaid.services.visit_records import VisitInfo, visit_info_query, visit_infos
from decisionaid.storage import Database
from decisionaid.storage import repository as repo
from decisionaid.storage.models import FINISHED_STATES, Answer, Flag, ServiceUser
from decisionaid.storage.models import Visit as VisitRow

T = TypeVar("T")
STAFF_LANGUAGE = "en"  # the content's language for staff when none is chosen
PAGE_SIZE = 50
OWN_WORDS_SECTIONS = ("power_statement", "personal_medicine")

@dataclass(frozen=True)
class BoardLine:
    """A visit on the Today list."""

    visit: VisitInfo
    section: str | None  # the section the user is on (in progress) or last answered


@dataclass(frozen=True)
class OpenSafetyFlag:
    """A safety flag no staff member has acknowledged yet, with whom it is about."""

    flag_id: int
    visit_id: int
    first_name: str | None  # None: a guest visit
    question: str
    answer: str
    raised_at: datetime
    visit_started_at: datetime


@dataclass(frozen=True)
class Board:
    lines: list[BoardLine]
    safety: list[OpenSafetyFlag]
    # Safety questions left unanswered, "please ask" (services/check_ins.py): apart from flags.
    check_ins: list[OpenCheckIn] = field(default_factory=list)
    appointments: list[AppointmentLine] = field(default_factory=list)  # today's, earliest first


@dataclass(frozen=True)
class PersonLine:
    """A service user found by a search."""

    id: int
    first_name: str
    date_of_birth: date
    clinic_id: str | None
    visits: int
    last_visit: datetime | None


@dataclass(frozen=True)
class TrendSeries:
    """One `trend` item across a person's visits, oldest first."""

    ref: ItemRef
    question: str
    low: int
    high: int
    labels: dict[int, str]
    points: list[tuple[datetime, int]]


@dataclass(frozen=True)
class OwnWords:
    """What the person said in their Power Statement or Personal Medicine at one visit."""

    visit_id: int
    started_at: datetime
    section: str  # power_statement | personal_medicine
    question: str
    text: str


@dataclass(frozen=True)
class AccessLine:
    """One line of "Who has looked at my information"."""

    at: datetime
    who: str
    what: str
    visit_id: int | None


ACTORS = {"kiosk": N_("the kiosk"), "cli": N_("an administrator"), "system": N_("the system")}

# How each audit action reads at the station, about the person the information is about (in
# the staff member's language: translated where shown).
ACCESS_WORDS = {
    audit.VIEW: N_("opened a visit"),
    audit.PRINT: N_("printed a report"),
    audit.EXPORT: N_("exported answers"),
    audit.PURGE: N_("deleted old data"),
    audit.FORCE_FINISH: N_("ended a visit"),
    audit.CLOSE_DAY: N_("closed the day"),
    audit.REVIEW: N_("recorded the shared decision"),
    audit.FLAG_ACKNOWLEDGED: N_("checked in about an answer"),
    audit.SIGN_IN_FAILED: N_("a sign-in with a wrong PIN"),
    audit.PROFILE_LOCKED: N_("profile locked after wrong PINs"),
    audit.PROFILE_CREATED: N_("profile created"),
    audit.PIN_RESET: N_("reset the PIN"),
    audit.PIN_CHOSEN: N_("a new PIN chosen at the kiosk"),
    audit.PEER_SIGN_IN: N_("signed them in at the kiosk"),
    audit.HELP_REQUESTED: N_("asked for help at the kiosk"),
    audit.HELP_HANDLED: N_("came to help at the kiosk"),
    audit.SIGN_UP_SAME_DETAILS: N_("a sign-up with the same name and birthday"),
    audit.EXPORTED_PERSON: N_("exported their answers"),
    audit.PURGED_PERSON: N_("deleted their old visits"),
    audit.BOARD_VIEW: N_("saw the visit on the Today board"),
    audit.SEARCH_VIEW: N_("saw them in search results"),
    audit.PERSON_VIEW: N_("looked at their history"),
    audit.REPORT_VIEW: N_("looked at a report"),
    audit.REPORT_SAVED: N_("saved a report as a PDF"),
    audit.REPORTS_LIST_VIEW: N_("saw the visit in today's reports"),
    audit.VISITS_VIEW: N_("looked at their list of visits"),
    audit.TRENDS_VIEW: N_("looked at their answers over time"),
    audit.OWN_WORDS_VIEW: N_("read their own words"),
    audit.WHO_LOOKED_VIEW: N_("looked at who has seen their information"),
    audit.SAFETY_VIEW: N_("saw a safety answer"),
    audit.HELP_VIEW: N_("saw a help request"),
    audit.PROFILE_UNLOCKED: N_("unlocked their sign-in"),
    audit.PROFILES_MERGED: N_("joined two profiles of theirs into one"),
    appointments.LINKED: N_("linked the visit to their appointment today"),
    appointments.ARRIVED: N_("marked them arrived for their appointment"),
    audit.OWN_LOOK: N_("looked at who has seen their answers, themselves, at the kiosk"),
}


class PeerQueries:
    def __init__(self, db: Database, content: Content, *, clock: Clock = utc_now,
                 language: str = STAFF_LANGUAGE):
        self.db = db
        self.content = content
        self.clock = clock
        # The language the content's texts (titles, questions, answers) are given in: the
        # signed-in staff member's (the station sets it), falling back to English where the
        # content has no text in it.
        self.language = language
        self._trend_items = [
            (ItemRef(q.id, i.id), i) for q in content.questionnaires for i in q.items if i.trend
        ]
        self._own_items = [
            (ItemRef(q.id, i.id), i)
            for q in content.questionnaires
            for i in q.items
            if i.report in OWN_WORDS_SECTIONS and i.answerable
        ]

    def section_title(self, questionnaire_id: str | None) -> str | None:
        if questionnaire_id is None:
            return None
        try:
            return text_in(self.content.questionnaire(questionnaire_id).title, self.language)
        except KeyError:
            return questionnaire_id

    # --- Today ----------------------------------------------------------------------------------
    def board(self, limit: int = 500, *, by: object | None = None) -> Board:
        """Today's visits, newest first, with the section each is on, and every open safety flag
        (from any day: a safety flag stays until someone has checked in). Each row shown is
        recorded against its visit and person, once a day per staff member."""
        who = roles.require(roles.caller(by), roles.REPORTS, N_("see the Today board"))
        start, end = local_day_bounds(self.clock())

        def work(session: Session) -> Board:
            infos = visit_infos(
                session,
                visit_info_query()
                .where(VisitRow.started_at >= start, VisitRow.started_at < end)
                .order_by(VisitRow.started_at.desc(), VisitRow.id.desc())
                .limit(limit),
            )
            sections = _latest_sections(session, [v.id for v in infos])
            lines = [
                BoardLine(v, self.section_title(sections.get(v.id))) for v in infos
            ]
            asks = CheckIns(self.db, self.content, clock=self.clock,
                            language=self.language).read_open(session)
            return Board(lines, self._open_safety(session), asks,
                         appointment_lines(session, start, end))

        board = self.db.read(work)
        shown = {c.visit_id: None for c in board.check_ins}
        shown.update({line.visit.id: line.visit.service_user_id for line in board.lines})
        self.record_once_today(who, audit.BOARD_VIEW, shown, start)
        # The safety alerts show a person's answer: their own line, before they are shown.
        self.record_once_today(who, audit.SAFETY_VIEW, {f.visit_id: None for f in board.safety},
                               start)
        return board

    def record_once_today(self, who: object, action: str, shown: dict, day_start, *,
                          by_person: bool = False) -> None:
        """See ``reads.record_once_today``: the board refreshes every few seconds and search
        runs as one types, and one line a day says all there is to say."""
        reads.record_once_today(self.db, who, action, shown, day_start, self.clock(),
                                by_person=by_person)

    def _open_safety(self, session: Session, limit: int = 50) -> list[OpenSafetyFlag]:
        """Open safety flags, newest first; the question in the staff's language (the flag
        stores it in the user's)."""
        rows = session.execute(
            select(Flag.id, Flag.visit_id, ServiceUser.first_name, Flag.question, Flag.answer,
                   Flag.raised_at, VisitRow.started_at, Flag.questionnaire_id, Flag.source_id,
                   Flag.is_score)
            .join(VisitRow, VisitRow.id == Flag.visit_id)
            .outerjoin(ServiceUser, ServiceUser.id == VisitRow.service_user_id)
            .where(Flag.acknowledged_at.is_(None), Flag.severity == "safety")
            .order_by(Flag.raised_at.desc(), Flag.id.desc())
            .limit(limit)
        )
        return [
            OpenSafetyFlag(r.id, r.visit_id, r.first_name, self.question(
                r.questionnaire_id, r.source_id, r.is_score, r.question), r.answer, r.raised_at,
                r.started_at)
            for r in rows
        ]

    def question(self, questionnaire_id: str, source_id: str, is_score: bool,
                 stored: str) -> str:
        """A flagged item's question in the staff's language (the stored text if the content
        no longer has it)."""
        try:
            questionnaire = self.content.questionnaire(questionnaire_id)
            if is_score:
                score = next(s for s in questionnaire.scores if s.id == source_id)
                return text_in(score.label, self.language)
            return text_in(questionnaire.item(source_id).text, self.language)
        except (KeyError, StopIteration):
            return stored

    # --- search ---------------------------------------------------------------------------------
    def search(self, text: str, page: int = 0, page_size: int = PAGE_SIZE, *,
               by: object | None = None) -> list[PersonLine]:
        """Service users whose first name starts with ``text`` (case and accents ignored) or
        whose clinic id is ``text``; a page at a time, by name. Each person shown is recorded."""
        who = roles.require(roles.caller(by), roles.PEER_WORK, N_("search for people"))
        key = name_key(text)
        if not key:
            return []
        upper = key[:-1] + chr(ord(key[-1]) + 1)
        columns = (ServiceUser.id, ServiceUser.first_name, ServiceUser.date_of_birth,
                   ServiceUser.clinic_id)
        # Two queries, not one with OR: each is then an index range scan.
        by_name = (
            select(*columns)
            .where(ServiceUser.name_key >= key, ServiceUser.name_key < upper)
            .order_by(ServiceUser.name_key, ServiceUser.date_of_birth, ServiceUser.id)
            .offset(max(0, page) * page_size)
            .limit(page_size)
        )
        by_clinic_id = select(*columns).where(ServiceUser.clinic_id == text.strip()).limit(page_size)

        def work(session: Session) -> list[PersonLine]:
            people = session.execute(by_name).all()
            if page == 0:  # a clinic id match comes first, on the first page only
                named = {p.id for p in people}
                people = [p for p in session.execute(by_clinic_id) if p.id not in named] + people
            if not people:
                return []
            counts = {
                r.service_user_id: (r.n, r.last)
                for r in session.execute(
                    select(VisitRow.service_user_id, func.count().label("n"),
                           func.max(VisitRow.started_at).label("last"))
                    .where(VisitRow.service_user_id.in_([p.id for p in people]))
                    .group_by(VisitRow.service_user_id)
                )
            }
            lines = []
            for p in people:
                n, last = counts.get(p.id, (0, None))
                lines.append(PersonLine(p.id, p.first_name, p.date_of_birth, p.clinic_id, n, last))
            return lines

        lines = self.db.read(work)
        start, _ = local_day_bounds(self.clock())
        self.record_once_today(who, audit.SEARCH_VIEW, {line.id: None for line in lines}, start,
                                by_person=True)
        return lines

    # --- one person -----------------------------------------------------------------------------
    def profile(self, service_user_id: int, *, by: object | None = None) -> Profile:
        """The person's profile, as their page opens: recorded in the audit log."""
        who = roles.require(roles.caller(by), roles.PEER_WORK, N_("open a person's page"))
        now = self.clock()

        def work(session: Session) -> Profile:
            row = session.get(ServiceUser, service_user_id)
            if row is None:
                raise UnknownProfile(service_user_id)
            audit.record(session, audit.PERSON_VIEW, at=now, service_user_id=service_user_id,
                         **roles.audit_fields(who))
            return Profile(row.id, row.pseudonym, row.first_name, row.date_of_birth,
                           row.clinic_id, row.language, row.locked_until, row.created_at,
                           bool(row.pending), bool(row.must_choose_pin))

        return self.db.write(work)

    def visits_of(self, service_user_id: int, page: int = 0,
                  page_size: int = PAGE_SIZE, *, by: object | None = None) -> list[VisitInfo]:
        """One person's visits, newest first, a page at a time (part of their page)."""
        who = roles.require(roles.caller(by), roles.PEER_WORK, N_("see a person's visits"))
        query = (visit_info_query()
                 .where(VisitRow.service_user_id == service_user_id)
                 .order_by(VisitRow.started_at.desc(), VisitRow.id.desc())
                 .offset(max(0, page) * page_size)
                 .limit(page_size))
        return self._recorded(who, audit.VISITS_VIEW, service_user_id,
                              lambda s: visit_infos(s, query), page=page)

    def trends(self, service_user_id: int, visits: int = 24, *,
               by: object | None = None) -> list[TrendSeries]:
        """Each `trend` item across the person's last ``visits`` finished visits, oldest first;
        only items answered at least once (part of their page)."""
        who = roles.require(roles.caller(by), roles.PEER_WORK, N_("see a person's answers"))
        if not self._trend_items:
            return []
        refs = [ref for ref, _ in self._trend_items]

        def work(session: Session) -> list[TrendSeries]:
            found = _answers_by_visit(session, service_user_id, refs, visits)
            series = []
            for ref, item in self._trend_items:
                points = [
                    (started, value)
                    for started, answers in found
                    if isinstance(value := answers.get(ref), int) and not isinstance(value, bool)
                ]
                if not points:
                    continue
                values = [o.value for o in item.options if isinstance(o.value, int)]
                labels = {o.value: text_in(o.label, self.language) for o in item.options
                          if isinstance(o.value, int)}
                series.append(TrendSeries(
                    ref, text_in(item.text, self.language), min(values, default=0),
                    max(values, default=0), labels, points,
                ))
            return series

        return self._recorded(who, audit.TRENDS_VIEW, service_user_id, work)

    def own_words(self, service_user_id: int, visits: int = 24, *,
                  by: object | None = None) -> list[OwnWords]:
        """The person's Power Statement and Personal Medicine answers, newest visit first."""
        who = roles.require(roles.caller(by), roles.PEER_WORK, N_("see a person's answers"))
        if not self._own_items:
            return []
        items = dict(self._own_items)

        def work(session: Session) -> list[OwnWords]:
            found = _answers_by_visit(session, service_user_id, list(items), visits,
                                      with_ids=True)
            lines = []
            for (visit_id, started), answers in reversed(found):
                for ref, item in self._own_items:
                    if ref in answers:
                        lines.append(OwnWords(
                            visit_id, started, item.report or "",
                            text_in(item.text, self.language),
                            answer_text(item, answers[ref], self.language),  # type: ignore[arg-type]
                        ))
            return lines

        return self._recorded(who, audit.OWN_WORDS_VIEW, service_user_id, work)

    def who_looked(self, service_user_id: int, limit: int = 200, *,
                   by: object | None = None) -> list[AccessLine]:
        """The audit events about this person or any of their visits, newest first, with the
        staff member's name (what the person may ask to see, with a peer worker beside them).
        Looking is itself recorded, first."""
        who = roles.require(roles.caller(by), roles.PEER_WORK,
                            N_("see who has looked at a person's data"))
        events = self._recorded(who, audit.WHO_LOOKED_VIEW, service_user_id,
                                lambda s: reads.access_events(s, service_user_id, limit))
        lines = []
        for e in events:
            if e.staff_name is not None:
                name = e.staff_name
            elif e.actor == "cli" and e.os_user:
                name = _("an administrator ({user}, command line)", user=e.os_user)
            else:
                name = _(ACTORS[e.actor]) if e.actor in ACTORS else e.actor
            if e.action == audit.VIEW and e.visit_id is None:
                what = _("looked at their history")
            elif e.action in ACCESS_WORDS:
                what = _(ACCESS_WORDS[e.action])
            else:
                what = _("did something else with their information ({action})", action=e.action)
            lines.append(AccessLine(e.at, name, what, e.visit_id))
        return lines

    def _recorded(self, who: object, action: str, service_user_id: int,
                  read: Callable[[Session], T], **details: object) -> T:
        """``read``'s result, with its audit row written in the same transaction: nothing is
        returned, so nothing shown, unless the row is committed."""
        now = self.clock()

        def work(session: Session) -> T:
            found = read(session)
            audit.record(session, action, at=now, service_user_id=service_user_id, **details,
                         **roles.audit_fields(who))
            return found

        return self.db.write(work)


# --- helpers -----------------------------------------------------------------------------------
def _latest_sections(session: Session, visit_ids: list[int]) -> dict[int, str]:
    """The questionnaire of each visit's most recent answer: the section the user is on."""
    if not visit_ids:
        return {}
    latest: dict[int, tuple[datetime, int, str]] = {}
    for row in session.execute(
        select(Answer.visit_id, Answer.answered_at, Answer.id, Answer.questionnaire_id)
        .where(Answer.visit_id.in_(visit_ids))
    ):
        key = (row.answered_at, row.id, row.questionnaire_id)
        if row.visit_id not in latest or key > latest[row.visit_id]:
            latest[row.visit_id] = key
    return {visit_id: q for visit_id, (_, _, q) in latest.items()}


def _answers_by_visit(
    session: Session, service_user_id: int, refs: Iterable[ItemRef], visits: int,
    with_ids: bool = False,
) -> list:
    """[(started_at, {ref: value})] for the person's last ``visits`` finished visits, oldest
    first (``with_ids``: the key is (visit id, started_at))."""
    recent = session.execute(
        select(VisitRow.id, VisitRow.started_at)
        .where(VisitRow.service_user_id == service_user_id,
               VisitRow.state.in_(FINISHED_STATES))
        .order_by(VisitRow.started_at.desc(), VisitRow.id.desc())
        .limit(visits)
    ).all()
    if not recent:
        return []
    found: dict[int, dict[ItemRef, object]] = {v.id: {} for v in recent}
    for row in session.execute(
        select(Answer.visit_id, Answer.questionnaire_id, Answer.item_id, Answer.value)
        .where(Answer.visit_id.in_(list(found)),
               tuple_(Answer.questionnaire_id, Answer.item_id).in_(
                   [(r.questionnaire, r.item) for r in refs]))
    ):
        found[row.visit_id][ItemRef(row.questionnaire_id, row.item_id)] = repo.decode(row.value)
    ordered = list(reversed(recent))
    if with_ids:
        return [((v.id, v.started_at), found[v.id]) for v in ordered]
    return [(v.started_at, found[v.id]) for v in ordered]

