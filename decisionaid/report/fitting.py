"""The one-page guarantee: shorten the report, lowest priority first, until it fits one page.

The steps, in this fixed order, stop as soon as the page fits:

1. Type size: body 10 pt (Power Statement 13 pt), then 9.5/12, then 9/11. Never below 9 pt.
2. Shorten, tier by tier, lowest priority first (``TIERS``). In each tier, free-text answers
   are cut to 300, then 160, then 80 characters (at a word, ending "…" and the mark
   "(more at the peer station)"), then the tier's answers are left off, replaced by one line
   saying how many more answers are held at the peer station.
3. The trend table keeps only its flagged rows; then the Power Statement is cut and left off,
   then unflagged answers of the alerts section; last, tighter spacing.

An alert is never shortened or left off, and neither is any text of a flagged answer: when
its section is left off, the flagged answer stays, whole, under ALERTS. The header, the
alerts and the shared-decision box are always printed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from reportlab.platypus import Flowable, Spacer

from decisionaid.errors import UserError
from decisionaid.report.data import Answer, ReportData, Section
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

# Shortened first to last. Each names the ReportData sections it shortens.
TIERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("videos", ()),  # vignettes watched and suggested: the list, then left off
    ("trend_detail", ()),  # "(was …)", the last visit's answer, in the trend table
    ("how_ive_been", ("how_ive_been",)),
    ("personal_medicine", ("personal_medicine",)),
    ("medicines", ("medicines",)),
    ("questions", ("questions",)),
    ("today", ("today", "decision")),
    ("power_statement", ("power_statement",)),
    ("alerts", ("alert_answers",)),
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
}
# The page from top to bottom: full-width sections, then these side by side in two balanced
# columns (read left, then right), then the shared-decision box. "How I've been" prints its
# trend table full width; its other answers open the columns.
FULL_WIDTH_TOP = ("header", "alerts", "power_statement", "today", "how_ive_been")
COLUMN_SECTIONS = (
    "how_ive_been_more", "medicines", "personal_medicine", "questions", "suggestions",
)
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
        else:
            heights = [measure([f], column_width(page), page.frame_height) for f in flowing]
        k = balanced_split(heights, [is_heading(f) for f in flowing])
        left, right = flowing[:k], flowing[k:]
        if left or right:
            story.append(Spacer(1, 4))
            story.append(two_columns(left, right, page.frame_width))
        story.extend(f for s in FULL_WIDTH_BOTTOM for f in self.flowables(page, s))
        return story


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


def _cut_section(section: Section, limit: int | None) -> Section:
    """``limit`` characters per unflagged answer, or None: leave every unflagged answer off."""
    if limit is None:
        # Flagged answers go too: each is printed whole under ALERTS, so it stays on the page.
        return Section((), section.left_off + len(section.answers))
    answers = []
    for a in section.answers:
        if a.shortenable and len(a.answer) > limit:
            a = Answer(a.question, shorten(a.answer, limit), a.item_type, a.flag, cut=True)
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


def _limit(fields: tuple[str, ...], limit: int | None) -> Callable[[Layout], Layout]:
    def change(layout: Layout) -> Layout:
        d = layout.data
        new = {f: _cut_section(getattr(d, f), limit) for f in fields}
        if all(new[f] == getattr(d, f) for f in fields):
            return layout
        return replace(layout, data=replace(d, **new))
    return change


def _trends_flagged_only(layout: Layout) -> Layout:
    d = layout.data
    kept = tuple(t for t in d.trends if t.flag)
    if len(kept) == len(d.trends):
        return layout
    left = d.trends_left_off + len(d.trends) - len(kept)
    return replace(layout, data=replace(d, trends=kept, trends_left_off=left))


def _trend_detail_off(layout: Layout) -> Layout:
    return layout if not layout.trend_detail else replace(layout, trend_detail=False)


def shortening_steps() -> list[tuple[str, tuple[str, ...], Callable[[Layout], Layout]]]:
    """Every shortening step, in order: (name, printed sections it changes, change).

    Videos go first, then the "(was …)" notes; then free text is cut a round at a time (300,
    160, 80 characters) across the answer tiers, lowest priority first, so no section loses
    everything while another keeps long answers; then tiers are left off, lowest first. The
    Power Statement is cut only after every other answer tier, and the unflagged answers of
    the alerts section last of all."""
    steps: list[tuple[str, tuple[str, ...], Callable[[Layout], Layout]]] = [
        ("videos: 3", _TIER_SECTIONS["videos"], _videos(3)),
        ("videos: none", _TIER_SECTIONS["videos"], _videos(0)),
        ("trend detail: off", _TIER_SECTIONS["trend_detail"], _trend_detail_off),
    ]
    answer_tiers = [(t, f) for t, f in TIERS if f and t not in ("power_statement", "alerts")]
    last_tiers = [(t, f) for t, f in TIERS if t in ("power_statement", "alerts")]
    for n in CUT_LENGTHS:
        steps += [(f"{t}: {n} characters", _TIER_SECTIONS[t], _limit(f, n)) for t, f in answer_tiers]
    steps += [(f"{t}: left off", _TIER_SECTIONS[t], _limit(f, None)) for t, f in answer_tiers]
    steps.append(("trends: flagged only", ("how_ive_been", "how_ive_been_more"),
                  _trends_flagged_only))
    for tier, fields in last_tiers:
        steps += [(f"{tier}: {n} characters", _TIER_SECTIONS[tier], _limit(fields, n))
                  for n in CUT_LENGTHS]
        steps.append((f"{tier}: left off", _TIER_SECTIONS[tier], _limit(fields, None)))
    return steps


def fit(data: ReportData, page: Page) -> Layout:
    """The report as it fits one page: sizes chosen, lower-priority text shortened."""
    built: dict[str, list[tuple[Flowable, float, bool]]] = {}

    def total(layout: Layout, changed: tuple[str, ...] = BODY_SECTIONS) -> float:
        for section in changed:
            width = column_width(page) if section in COLUMN_SECTIONS else page.frame_width
            built[section] = [
                (f, measure([f], width, page.frame_height), is_heading(f))
                for f in replace(layout, built=None).flowables(page, section)
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
    body, statement = SIZES[-1]
    layout = replace(layout, styles=Styles(body, statement, compact=True),
                     steps=(*layout.steps, "compact spacing"))
    if total(layout) <= limit:
        return done(layout)
    raise ReportDoesNotFit(
        f"{len(data.alerts)} alerts do not fit on one page even with every other answer left off"
    )
