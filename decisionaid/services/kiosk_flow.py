"""The kiosk's flow, without Qt: what to show next, given what the person did.

The kiosk window shows what ``KioskFlow`` says (a ``Show``) and tells it what the person did
(confirm, skip, back, change, watch, finish). Everything about the order of screens lives here:
sign-in outcomes, the resume offer, a section's intro, the question, the safety screen, the
stories the answers suggest, the review and change-from-review, printing and done. Saving is the
visit's own (``KioskVisit``): an action that moves the visit is started (``start_*``, a
``Pending`` the window may wait on without freezing), then ``moved`` says what comes next, or
raises ``NotSaved`` with the visit where it was.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from decisionaid.content.model import Content, ItemRef, Vignette, text_in
from decisionaid.engine import Screen as EngineScreen
from decisionaid.engine import answer_text
from decisionaid.engine.conditions import holds
from decisionaid.services.kiosk_visit import KioskVisit, NotSaved, Pending
from decisionaid.services.visit_records import VisitRecord
from decisionaid.services.visits import VisitService

ShowName = Literal["welcome", "resume", "intro", "item", "safety", "stories", "review", "print"]


@dataclass(frozen=True)
class ReviewLine:
    ref: ItemRef
    question: str
    answer: str | None  # None: skipped


@dataclass(frozen=True)
class ReviewPart:
    title: str
    lines: tuple[ReviewLine, ...]


@dataclass(frozen=True)
class Show:
    """What the kiosk puts on screen next, with what that screen needs."""

    name: ShowName
    screen: EngineScreen | None = None  # intro, item, safety: the engine's screen
    can_go_back: bool = False
    stories: tuple[Vignette, ...] = ()  # item: the stories it offers
    suggestions: tuple[str, ...] = ()  # stories: the vignette ids the answers suggest
    watched: tuple[str, ...] = ()  # stories: those already watched in this visit
    review: tuple[ReviewPart, ...] = ()
    at: ItemRef | None = None  # review: the answer to bring into view (back from changing it)
    first_name: str | None = None  # resume: whom to greet
    visit_id: int | None = None  # print: the finished visit


@dataclass(frozen=True)
class Outcome:
    """What a sign-in step leads to: ``start`` a visit for ``profile``, ``choose_pin`` (a PIN
    reset at the peer station), ``needs_pin``, or ``refuse`` with the words' key."""

    action: Literal["start", "choose_pin", "needs_pin", "refuse"]
    profile: object | None = None
    key: str = ""


def sign_in_outcome(result) -> Outcome:
    """The person's own sign-in: the same words for unknown, paused and wrong-PIN details
    except the pause itself (see services/profiles.py)."""
    if result.status == "ok":
        return Outcome("start", result.profile)
    if result.status == "locked":
        return Outcome("refuse", key=_locked_key(result))
    return Outcome("refuse", key="not_found")


def _locked_key(result) -> str:
    """A pause that runs out, or a lock only a peer worker lifts: the same for every name."""
    return "held" if getattr(result, "held", False) else "locked"


def sign_up_outcome(result) -> Outcome:
    """Sign-up on the person's own: the only refusal is the pause after too many tries."""
    if result.status == "ok":
        return Outcome("start", result.profile)
    return Outcome("refuse", key=_locked_key(result))


def peer_find_outcome(result, *, with_pin: bool) -> Outcome:
    """A peer worker finding a person (by name and birthday, then with their PIN if needed)."""
    if result.status == "ok":
        if getattr(result.profile, "must_choose_pin", False):
            return Outcome("choose_pin", result.profile)
        return Outcome("start", result.profile)
    if result.status == "ambiguous":
        return Outcome("refuse", key="peer_station_needed") if with_pin else Outcome("needs_pin")
    if result.status == "locked":
        return Outcome("refuse", key="peer_locked")
    return Outcome("refuse", key="wrong_pin" if with_pin else "not_found")


def review_parts(content: Content, answers: dict, language: str) -> tuple[ReviewPart, ...]:
    """Per part, the questions shown in this visit (skipped ones too) with the answers as the
    person gave them; never a score or a flag."""
    parts = []
    for q in content.questionnaires:
        lines = []
        for item in q.items:
            if not item.answerable:
                continue
            if item.show_if is not None and not holds(item.show_if, answers):
                continue  # not asked in this visit
            ref = ItemRef(q.id, item.id)
            value = answers.get(ref)
            shown = answer_text(item, value, language) if value is not None else None
            lines.append(ReviewLine(ref, text_in(item.text, language), shown))
        if lines:  # a part with nothing to answer (only information) is not listed
            parts.append(ReviewPart(text_in(q.title, language), tuple(lines)))
    return tuple(parts)


def offered_stories(content: Content, suggestions: Sequence[str], item) -> list[Vignette]:
    """The stories an info or vignettes item offers: its own, those matching its topics, then
    those the answers so far suggest."""
    vignettes = content.vignettes
    ids: list[str] = []
    if item.vignette:
        ids.append(item.vignette)
    if item.type == "vignettes":
        ids += [v.id for v in vignettes.values() if set(v.topics) & set(item.topics)]
        ids += list(suggestions)
    seen: list[str] = []
    for vid in ids:
        if vid in vignettes and vid not in seen:
            seen.append(vid)
    return [vignettes[v] for v in seen]


@dataclass
class _State:
    visit: KioskVisit | None = None
    changing: bool = False  # a "Change" from the review: back to the review once answered
    changed: ItemRef | None = None  # the answer that "Change" opened: the review comes back to it
    stories_offered: bool = False
    watched: list[str] = field(default_factory=list)
    finished_visit_id: int | None = None


class KioskFlow:
    """One kiosk's flow, visit after visit. ``stories`` says whether stories can be played
    here (a media player exists): without, none is offered and story-only screens are passed."""

    def __init__(self, visits: VisitService, content: Content, *, stories: bool = True):
        self.visits = visits
        self.content = content
        self.stories = stories
        self._s = _State()

    # --- where the kiosk is ---------------------------------------------------------------------
    @property
    def in_visit(self) -> bool:
        return self._s.visit is not None

    @property
    def visit(self) -> KioskVisit | None:
        """The visit in progress (tests and the demo look at it; the window does not)."""
        return self._s.visit

    @property
    def visit_id(self) -> int | None:
        return self._s.visit.id if self._s.visit is not None else None

    @property
    def finished_visit_id(self) -> int | None:
        return self._s.finished_visit_id

    @property
    def language(self) -> str | None:
        return self._s.visit.visit.language if self._s.visit is not None else None

    @property
    def saving(self) -> bool:
        """True while something confirmed (a safety answer) waits to be stored."""
        return self._s.visit is not None and self._s.visit.unsaved

    @property
    def suggestions(self) -> list[str]:
        return self._s.visit.visit.suggestions if self._s.visit is not None else []

    @property
    def watched(self) -> list[str]:
        return list(self._s.watched)

    def reset(self) -> None:
        """Forget the person (their confirmed answers are stored already)."""
        self._s = _State()

    # --- starting ---------------------------------------------------------------------------------
    def start(self, profile, language: str) -> Show:
        """A visit for ``profile`` (None: a guest); today's unfinished one is offered back."""
        return self.begin(self.opener(profile, language)(), profile, language)

    def opener(self, profile, language: str) -> Callable[[], KioskVisit]:
        """The storage work of ``start``, to run off the screen's thread; ``begin`` the result."""
        visits, profile_id = self.visits, profile.id if profile is not None else None
        return lambda: visits.start(profile_id, language=language)

    def begin(self, visit: KioskVisit, profile, language: str) -> Show:
        """The visit ``opener`` opened is the one in progress: what to show first."""
        self._s = _State(visit=visit)
        if visit.resumed:
            if visit.visit.language != language:
                visit.set_language(language)
            return Show("resume", first_name=getattr(profile, "first_name", None))
        return self.current()

    def from_start(self) -> Show:
        """A resumed visit, from its first screen (the answers are kept)."""
        visit = self._need()
        while visit.visit.can_go_back:
            visit.back()
        return self.current()

    def set_language(self, language: str) -> None:
        if self._s.visit is not None:
            self._s.visit.set_language(language)

    # --- what comes next ----------------------------------------------------------------------------
    def current(self, *, going_back: bool = False) -> Show:
        visit = self._need()
        engine = visit.visit
        screen = visit.current
        if screen.kind == "intro":
            return Show("intro", screen, can_go_back=engine.can_go_back)
        if screen.kind == "item":
            stories = offered_stories(self.content, engine.suggestions, screen.item) if self.stories else []
            if screen.item.type == "vignettes" and not stories:
                # Nothing can be played here: an offer of videos with none to watch would only
                # puzzle, so pass the screen by, in the direction the person was going.
                if going_back and engine.can_go_back:
                    visit.back()
                    return self.current(going_back=True)
                try:
                    visit.skip()
                except NotSaved:  # shown as it is, with Next, so the person is never stuck
                    return Show("item", screen, can_go_back=engine.can_go_back or self._s.changing)
                return self.current()
            return Show("item", screen, can_go_back=engine.can_go_back or self._s.changing,
                        stories=tuple(stories))
        if screen.kind == "safety":
            return Show("safety", screen, can_go_back=True)
        if engine.suggestions and not self._s.stories_offered and self.stories:
            return self.offer_stories()
        return self.review()

    def offer_stories(self) -> Show:
        self._s.stories_offered = True
        return Show("stories", suggestions=tuple(self._need().visit.suggestions),
                    watched=tuple(self._s.watched))

    def review(self) -> Show:
        at, self._s.changed = self._s.changed, None
        return Show("review", review=self.review_parts(self._need().visit.language), at=at)

    def review_parts(self, language: str) -> tuple[ReviewPart, ...]:
        """The review's parts and lines, in ``language`` (the screen re-words them)."""
        return review_parts(self.content, self._need().visit.answers, language)

    # --- what the person did ----------------------------------------------------------------------
    def start_confirm(self, value: object = None) -> Pending:
        """Next (Start, Carry on): InvalidAnswer at once if the value does not fit."""
        return self._need().start_confirm(value)

    def start_skip(self) -> Pending:
        return self._need().start_skip()

    def start_skip_section(self) -> Pending:
        return self._need().start_skip_section()

    def moved(self, pending: Pending) -> Show:
        """The outcome of a ``start_*``: what comes next, or NotSaved (nothing moved)."""
        visit = self._need()
        visit.complete(pending)
        if self._s.changing:
            screen = visit.current
            newly_shown = (
                screen.kind == "item" and screen.item.answerable and screen.item.show_if is not None
                and screen.ref not in visit.visit.answers
            )
            if screen.kind == "safety" or newly_shown:
                return self.current()  # the change opened a question, or needs the safety screen
            self._s.changing = False
            visit.go_to_end()
        return self.current()

    def back(self) -> Show:
        visit = self._need()
        if self._s.changing:
            self._s.changing = False
            visit.go_to_end()
            return self.review()
        visit.back()
        return self.current(going_back=True)

    def back_from_stories(self) -> Show:
        self._s.stories_offered = False
        return self.back()

    def change(self, ref: ItemRef) -> Show:
        """"Change" on the review: that question, then back to the review."""
        self._need().go_to(ref)
        self._s.changing = True
        self._s.changed = ref
        return self.current()

    def watched_story(self, vignette_id: str, seconds: float, finished: bool) -> None:
        visit = self._need()
        self._s.watched.append(vignette_id)
        visit.record_view(vignette_id, seconds, finished)

    def start_finish(self) -> Pending:
        return self._need().start_finish()

    def finished(self, pending: Pending) -> Show:
        """The review confirmed and the visit closed: printing next (NotSaved: not closed)."""
        record: VisitRecord = self._need().finished(pending)
        self._s = _State(finished_visit_id=record.id)  # nothing can go back into the questions
        return Show("print", visit_id=record.id)

    def back_from_page(self) -> Show:
        """Back from the page, before it is printed: the visit reopens at the review, where a
        mistake seen in the preview can be changed (``VisitClosed`` once it was printed)."""
        visit_id = self._s.finished_visit_id
        if visit_id is None:
            raise RuntimeError("no finished visit to go back to")
        visit = self.visits.reopen(visit_id)
        self._s = _State(visit=visit, stories_offered=True)  # the stories were offered already
        visit.go_to_end()
        return self.review()

    def printed(self, visit_id: int) -> None:
        self.visits.mark_printed(visit_id)

    def done(self) -> None:
        self._s.finished_visit_id = None

    def after_staff(self) -> Show:
        """Leaving the staff menu: back where the person was."""
        if self._s.visit is not None:
            return self.current()
        if self._s.finished_visit_id is not None:
            return Show("print", visit_id=self._s.finished_visit_id)
        return Show("welcome")

    def _need(self) -> KioskVisit:
        if self._s.visit is None:
            raise RuntimeError("no visit in progress")
        return self._s.visit
