"""The one-page guarantee: shorten the report, lowest priority first, until it fits one page.

The steps, in this fixed order, stop as soon as the page fits:

1. Type size: body 10 pt (Power Statement 13 pt), then 9.5/12, then 9/11. Never below 9 pt.
2. Shorten, tier by tier, lowest priority first (``TIERS``). In each tier, free-text answers
   are cut to 300, then 160, then 80 characters (at a word, ending "…" and the mark
   "(more at the peer station)"), then the tier's answers are left off, replaced by one line
   saying how many more answers are held at the peer station.
3. Tighter spacing, then the alerts in two columns.

A flagged answer and an alert are never shortened or left off; the header, the alerts and
the shared-decision box are always printed. Alerts and unflagged answers of the ``alerts``
section are in the last tier, so they are the last text ever cut.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from reportlab.platypus import Flowable

from decisionaid.report.data import Answer, ReportData, Section
from decisionaid.report.layout import Page, Styles, section_flowables
from decisionaid.report.text import SECTIONS

SIZES = ((10.0, 13.0), (9.5, 12.0), (9.0, 11.0))
CUT_LENGTHS = (300, 160, 80)

# Shortened first to last. Each names the ReportData sections it shortens.
TIERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("videos", ()),  # vignettes watched and suggested: the list, then left off
    ("trend_detail", ()),  # the "earlier answers" column of the trend table
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
    "trend_detail": ("how_ive_been", "medicines"),
    "how_ive_been": ("how_ive_been",),
    "personal_medicine": ("personal_medicine",),
    "medicines": ("medicines",),
    "questions": ("questions",),
    "today": ("today",),
    "power_statement": ("power_statement",),
    "alerts": ("alerts",),
}
BODY_SECTIONS = tuple(s for s in SECTIONS if s != "footer")


class ReportDoesNotFit(Exception):
    """Even with every unflagged answer left off, the alerts alone overflow the page."""


@dataclass(frozen=True)
class Layout:
    """What the fitting step settled on: the data as it will print, and how to draw it."""

    data: ReportData
    styles: Styles
    trend_detail: bool = True
    alert_columns: int = 1
    steps: tuple[str, ...] = ()  # what was done to fit, in order (for tests and the docs)

    def flowables(self, page: Page, section: str) -> list[Flowable]:
        return section_flowables(
            section, self.data, self.styles, page.frame_width,
            trend_detail=self.trend_detail, alert_columns=self.alert_columns,
        )

    def story(self, page: Page) -> list[Flowable]:
        return [f for section in BODY_SECTIONS for f in self.flowables(page, section)]


def measure(flowables: list[Flowable], page: Page) -> float:
    """The height ``flowables`` take in the page's frame (the write-in box at its minimum)."""
    total = 0.0
    for i, f in enumerate(flowables):
        _, h = f.wrap(page.frame_width, page.frame_height)
        if hasattr(f, "min_height"):
            h = f.min_height
        total += h + f.getSpaceAfter() + (f.getSpaceBefore() if i else 0)
    return total


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
        kept = tuple(a for a in section.answers if not a.shortenable)
        return Section(kept, section.left_off + len(section.answers) - len(kept))
    answers = []
    for a in section.answers:
        if a.shortenable and len(a.answer) > limit:
            a = Answer(a.question, shorten(a.answer, limit), a.item_type, a.flag, cut=True)
        answers.append(a)
    return Section(tuple(answers), section.left_off)


def _tier_steps(tier: str, fields: tuple[str, ...]) -> list[tuple[str, Callable]]:
    """The shortening steps of one tier, mildest first: (name, change) pairs."""
    if tier == "videos":
        def fewer(keep: int) -> Callable:
            def change(layout: Layout) -> Layout:
                d = layout.data
                if len(d.vignettes) <= keep:
                    return layout
                left = d.vignettes_left_off + len(d.vignettes) - keep
                return replace(layout, data=replace(d, vignettes=d.vignettes[:keep],
                                                    vignettes_left_off=left))
            return change
        return [("videos: 3", fewer(3)), ("videos: none", fewer(0))]
    if tier == "trend_detail":
        return [("trend detail: off", lambda layout: replace(layout, trend_detail=False))]

    def limit_to(limit: int | None) -> Callable:
        def change(layout: Layout) -> Layout:
            d = layout.data
            new = {f: _cut_section(getattr(d, f), limit) for f in fields}
            return replace(layout, data=replace(d, **new))
        return change

    steps = [(f"{tier}: {n} characters", limit_to(n)) for n in CUT_LENGTHS]
    steps.append((f"{tier}: left off", limit_to(None)))
    return steps


def fit(data: ReportData, page: Page) -> Layout:
    """The report as it fits one page: sizes chosen, lower-priority text shortened."""
    heights: dict[str, float] = {}

    def total(layout: Layout, changed: tuple[str, ...] = BODY_SECTIONS) -> float:
        for section in changed:
            heights[section] = measure(layout.flowables(page, section), page)
        return sum(heights.values())

    limit = page.frame_height - 2  # a hair of slack for rounding in the frame
    layout = Layout(data, Styles(*SIZES[0]))
    for n, (body, statement) in enumerate(SIZES):
        sized = replace(
            layout,
            data=replace(data, body_size=body, statement_size=statement),
            styles=Styles(body, statement),
            steps=(f"size {body}",) if n else (),
        )
        if total(sized) <= limit:
            return sized
        layout = sized
    for tier, fields in TIERS:
        for name, change in _tier_steps(tier, fields):
            shortened = change(layout)
            if shortened is layout:
                continue
            layout = replace(shortened, steps=(*layout.steps, name))
            if total(layout, _TIER_SECTIONS[tier]) <= limit:
                return layout
    body, statement = SIZES[-1]
    layout = replace(layout, styles=Styles(body, statement, compact=True),
                     steps=(*layout.steps, "compact spacing"))
    if total(layout) <= limit:
        return layout
    layout = replace(layout, alert_columns=2, steps=(*layout.steps, "alerts in two columns"))
    if total(layout) <= limit:
        return layout
    raise ReportDoesNotFit(
        f"{len(data.alerts)} alerts do not fit on one page even with every other answer left off"
    )
