"""The one-page guarantee: shorten the report, lowest priority first, until it fits one page.

The steps, in this fixed order, stop as soon as the page fits:

1. Type size: body 10 pt (Power Statement 13 pt), then 9.5/12, then 9/11. Never below 9 pt.
2. The list of videos; tighter spacing; then the "(was: …)" beside each trend; then a recorded
   shared decision longer than ``DECISION_LENGTH`` characters is cut to it.
3. Every answer that is not the person's own words, tier by tier, lowest priority first
   (``TIERS``): free text is cut to 300, then 160, then 80 characters (at a word, ending "…"
   and the mark "(more at the peer station)"), a round at a time; then the tiers' answers are
   left off, replaced by one line saying how many more answers are held at the peer station.
4. The trend table keeps only its flagged rows.
5. Then the person's own words (``OWN_WORDS_TIERS``: their Personal Medicine in their
   words, their questions, their goal, the Power Statement last), cut the same way.
6. The shared decision recorded at the peer station, cut the same way (300, 160, 80
   characters, marked "(more at the peer station)"); never left off.
7. The person's own words left off, in the same order.

An alert is never shortened or left off (a flagged answer is printed whole under ALERTS, and
only there). The header, the alerts and the shared-decision box are always printed, and a
recorded decision is never cut without its mark.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from reportlab.platypus import Flowable, Spacer

from decisionaid.errors import UserError
from decisionaid.report.data import ReportData, Section
from decisionaid.report.layout import (
    COLUMN_GAP,
    Page,
    Styles,
    balanced_split,
    is_heading,
    section_flowables,
    two_columns,
)

SIZES = ((10.0, 13.0), (9.5, 12.0), (9.0, 11.0))
CUT_LENGTHS = (300, 160, 80)
# A recorded shared decision longer than this (about six lines across the page) is cut to it
# before anyone's answers are cut: a decision is a few sentences, and a pasted note must not
# empty the rest of the page. Shorter than this, it is cut only after everything else.
DECISION_LENGTH = 600

# The answers that are not the person's own words, shortened first, lowest priority first.
# Each names the ReportData sections it shortens.
TIERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("how_ive_been", ("how_ive_been",)),
    ("medicines", ("medicines",)),
    ("today", ("today", "decision")),
    ("personal_medicine", ("personal_medicine",)),
    ("alerts", ("alert_answers",)),
)
# The person's own words (``Answer.own_words``), shortened last of all, the Power Statement
# the very last.
OWN_WORDS_TIERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("personal_medicine", ("personal_medicine",)),
    ("questions", ("questions",)),
    ("today", ("today",)),
    ("power_statement", ("power_statement",)),
)
# Which printed section each tier changes (to measure only that one again).
_TIER_SECTIONS = {
    "videos": ("suggestions",),
    "trend_detail": ("how_ive_been",),
    "how_ive_been": ("how_ive_been_more",),
    "personal_medicine": ("personal_medicine",),
    "medicines": ("medicines",),
    "questions": ("questions",),
    "today": ("today",),
    "power_statement": ("power_statement",),
    "alerts": ("alerts",),
    "shared_decision": ("shared_decision",),
}
# The page from top to bottom: full-width sections, then these side by side in two balanced
# columns (read left, then right), then the shared-decision box. "How I've been" prints its
# trend table and then its other answers full width. The columns open with the person's own
# words (Personal Medicine, never split, and their questions), so the split can fall
# anywhere after them.
FULL_WIDTH_TOP = ("header", "alerts", "power_statement", "today", "how_ive_been",
                  "how_ive_been_more")
COLUMN_SECTIONS = ("personal_medicine", "questions", "medicines", "suggestions")
FULL_WIDTH_BOTTOM = ("shared_decision",)
BODY_SECTIONS = (*FULL_WIDTH_TOP, *COLUMN_SECTIONS, *FULL_WIDTH_BOTTOM)


class ReportDoesNotFit(UserError):
    """Even with every other answer left off, the alerts alone overflow the page (about 40
    alerts of two lines each on Letter paper)."""


@dataclass(frozen=True)
class Layout:
    """What the fitting step settled on: the data as it will print, and how to draw it."""

    data: ReportData
    styles: Styles
    trend_detail: bool = True
    steps: tuple[str, ...] = ()  # what was done to fit, in order (for tests and the docs)
    # Flowables the fitting step already built and measured for this very layout, by section:
    # (flowable, height, is a heading). Saves building the page twice.
    built: dict[str, list[tuple[Flowable, float, bool]]] | None = field(
        default=None, compare=False, repr=False
    )

    def flowables(self, page: Page, section: str) -> list[Flowable]:
        if self.built is not None and section in self.built:
            return [f for f, _, _ in self.built[section]]
        width = column_width(page) if section in COLUMN_SECTIONS else page.frame_width
        return section_flowables(
            section, self.data, self.styles, width,
            trend_detail=self.trend_detail,
        )

    def story(self, page: Page) -> list[Flowable]:
        story = [f for s in FULL_WIDTH_TOP for f in self.flowables(page, s)]
        flowing = [f for s in COLUMN_SECTIONS for f in self.flowables(page, s)]
        if self.built is not None and all(s in self.built for s in COLUMN_SECTIONS):
            heights = [h for s in COLUMN_SECTIONS for _, h, _ in self.built[s]]
            keeps = [k for s in COLUMN_SECTIONS for _, _, k in self.built[s]]
        else:
            heights = [measure([f], column_width(page), page.frame_height) for f in flowing]
            keeps = [k for s in COLUMN_SECTIONS for k in keep_flags(s, self.flowables(page, s))]
        k = balanced_split(heights, keeps)
        left, right = flowing[:k], flowing[k:]
        if left or right:
            story.append(Spacer(1, 4))
            story.append(two_columns(left, right, page.frame_width))
        story.extend(f for s in FULL_WIDTH_BOTTOM for f in self.flowables(page, s))
        return story


# Sections never split between the two columns: the person's Personal Medicine reads as one,
# and so does what they say about their medicines.
UNSPLIT_SECTIONS = ("personal_medicine", "medicines")


def keep_flags(section: str, flowables: list[Flowable]) -> list[bool]:
    """For each flowable, whether the left column may not end after it: a heading, or any
    but the last of a section that is never split."""
    whole = section in UNSPLIT_SECTIONS
    return [is_heading(f) or (whole and i < len(flowables) - 1) for i, f in enumerate(flowables)]


def column_width(page: Page) -> float:
    return (page.frame_width - COLUMN_GAP) / 2


def measure(flowables: list[Flowable], width: float, height: float) -> float:
    """The height ``flowables`` take in a frame ``width`` wide (the write-in box at its
    minimum). Space before counts for every flowable, as it does below the top of a frame."""
    total = 0.0
    for f in flowables:
        _, h = f.wrap(width, height)
        if hasattr(f, "min_height"):
            h = f.min_height
        total += h + f.getSpaceAfter() + f.getSpaceBefore()
    return total


def page_height(heights: dict[str, list[tuple[float, bool]]]) -> float:
    """The page height the sections take (each a list of (flowable height, is a heading)),
    the column sections side by side."""
    flowing = [h for s in COLUMN_SECTIONS for h in heights[s]]
    k = balanced_split([h for h, _ in flowing], [keep for _, keep in flowing])
    columns = [h for h, _ in flowing]
    full = sum(h for s in FULL_WIDTH_TOP + FULL_WIDTH_BOTTOM for h, _ in heights[s])
    return full + (4 if columns else 0) + max(sum(columns[:k]), sum(columns[k:]))


def shorten(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters at a word boundary, ending with "…"."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return re.sub(r"[\s.,;:!?…\-–—]+$", "", cut) + "…"


def _cut_section(section: Section, limit: int | None, own_words: bool) -> Section:
    """The answers whose ``own_words`` is ``own_words`` cut to ``limit`` characters (never a
    flagged one), or with None left off; the other answers stay as they are."""
    if limit is None:
        # Flagged answers go too: each is printed whole under ALERTS, so it stays on the page.
        kept = tuple(a for a in section.answers if a.own_words != own_words)
        return Section(kept, section.left_off + len(section.answers) - len(kept))
    answers = []
    for a in section.answers:
        if a.own_words == own_words and a.shortenable and len(a.answer) > limit:
            a = replace(a, answer=shorten(a.answer, limit), cut=True)
        answers.append(a)
    return Section(tuple(answers), section.left_off)


def _videos(keep: int) -> Callable[[Layout], Layout]:
    def change(layout: Layout) -> Layout:
        d = layout.data
        if len(d.vignettes) <= keep:
            return layout
        left = d.vignettes_left_off + len(d.vignettes) - keep
        return replace(layout, data=replace(d, vignettes=d.vignettes[:keep],
                                            vignettes_left_off=left))
    return change


def _limit(fields: tuple[str, ...], limit: int | None,
           own_words: bool = False) -> Callable[[Layout], Layout]:
    def change(layout: Layout) -> Layout:
        d = layout.data
        new = {f: _cut_section(getattr(d, f), limit, own_words) for f in fields}
        if all(new[f] == getattr(d, f) for f in fields):
            return layout
        return replace(layout, data=replace(d, **new))
    return change


def _decision(limit: int) -> Callable[[Layout], Layout]:
    def change(layout: Layout) -> Layout:
        d = layout.data
        decision = d.shared_decision
        if decision is None or len(decision.text) <= limit:
            return layout
        cut = replace(decision, text=shorten(decision.text, limit), cut=True)
        return replace(layout, data=replace(d, shared_decision=cut))
    return change


def _trends_flagged_only(layout: Layout) -> Layout:
    d = layout.data
    kept = tuple(t for t in d.trends if t.flag)
    if len(kept) == len(d.trends):
        return layout
    left = d.trends_left_off + len(d.trends) - len(kept)
    return replace(layout, data=replace(d, trends=kept, trends_left_off=left))


def _compact(layout: Layout) -> Layout:
    if layout.styles.compact:
        return layout
    return replace(layout, styles=Styles(layout.styles.body, layout.styles.statement, compact=True))


def _trend_detail_off(layout: Layout) -> Layout:
    return layout if not layout.trend_detail else replace(layout, trend_detail=False)


def shortening_steps() -> list[tuple[str, tuple[str, ...], Callable[[Layout], Layout]]]:
    """Every shortening step, in order: (name, printed sections it changes, change).

    Videos go first, then the "(was: …)" notes; then free text that is not the person's own
    words is cut a round at a time (300, 160, 80 characters) across the tiers, lowest priority
    first, so no section loses everything while another keeps long answers; then those tiers
    are left off, lowest first, and the trend table keeps its flagged rows only. The person's
    own words go through the same rounds last of all, the Power Statement the very last; then
    the recorded shared decision (the prescriber's record: beyond a first cut of a very long
    one, kept until nothing else is left to cut, and never left off); only then are the
    person's own words left off."""
    steps: list[tuple[str, tuple[str, ...], Callable[[Layout], Layout]]] = [
        ("videos: 3", _TIER_SECTIONS["videos"], _videos(3)),
        ("videos: none", _TIER_SECTIONS["videos"], _videos(0)),
        # Tighter spacing costs no words: before anything the person or the trends say.
        ("compact spacing", BODY_SECTIONS, _compact),
        ("trend detail: off", _TIER_SECTIONS["trend_detail"], _trend_detail_off),
        (f"shared decision: {DECISION_LENGTH} characters", _TIER_SECTIONS["shared_decision"],
         _decision(DECISION_LENGTH)),
    ]
    for n in CUT_LENGTHS:
        steps += [(f"{t}: {n} characters", _TIER_SECTIONS[t], _limit(f, n)) for t, f in TIERS]
    steps += [(f"{t}: left off", _TIER_SECTIONS[t], _limit(f, None)) for t, f in TIERS]
    steps.append(("trends: flagged only", ("how_ive_been", "how_ive_been_more"),
                  _trends_flagged_only))
    for n in CUT_LENGTHS:
        steps += [(f"{t} (own words): {n} characters", _TIER_SECTIONS[t], _limit(f, n, True))
                  for t, f in OWN_WORDS_TIERS]
    steps += [(f"shared decision: {n} characters", _TIER_SECTIONS["shared_decision"],
               _decision(n)) for n in CUT_LENGTHS]
    steps += [(f"{t} (own words): left off", _TIER_SECTIONS[t], _limit(f, None, True))
              for t, f in OWN_WORDS_TIERS]
    return steps


def fit(data: ReportData, page: Page) -> Layout:
    """The report as it fits one page: sizes chosen, lower-priority text shortened."""
    built: dict[str, list[tuple[Flowable, float, bool]]] = {}

    def total(layout: Layout, changed: tuple[str, ...] = BODY_SECTIONS) -> float:
        for section in changed:
            width = column_width(page) if section in COLUMN_SECTIONS else page.frame_width
            flowables = replace(layout, built=None).flowables(page, section)
            built[section] = [
                (f, measure([f], width, page.frame_height), keep)
                for f, keep in zip(flowables, keep_flags(section, flowables), strict=True)
            ]
        return page_height({s: [(h, k) for _, h, k in fs] for s, fs in built.items()})

    def done(layout: Layout) -> Layout:
        return replace(layout, built=dict(built))

    limit = page.frame_height - 0.5  # a hair of slack for rounding in the frame
    def sized(body: float, statement: float) -> Layout:
        return Layout(
            replace(data, body_size=body, statement_size=statement),
            Styles(body, statement),
            steps=() if body == SIZES[0][0] else (f"size {body}",),
        )

    # The smallest size first: a full visit overflows even there, and is then measured once.
    # When it fits, a larger size is measured only if the smallest one's height, scaled by the
    # square of the size, suggests it may fit too.
    smallest = sized(*SIZES[-1])
    height = total(smallest)
    if height <= limit:
        at_smallest = dict(built)
        for body, statement in SIZES[:-1]:
            if height * (body / SIZES[-1][0]) ** 2 > limit * 1.06:
                continue
            bigger = sized(body, statement)
            if total(bigger) <= limit:
                return done(bigger)
        built.clear()
        built.update(at_smallest)
        return done(smallest)
    layout = smallest
    for name, sections, change in shortening_steps():
        shortened = change(layout)
        if shortened is layout:
            continue
        layout = replace(shortened, steps=(*layout.steps, name))
        if total(layout, sections) <= limit:
            return done(layout)
    raise ReportDoesNotFit(
        f"{len(data.alerts)} alerts do not fit on one page even with every other answer left off"
    )
