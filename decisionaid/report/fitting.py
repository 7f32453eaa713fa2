"""The one-page guarantee: shorten the report, in an explicit order, until it fits one page.

The steps, in this order, stop as soon as the page fits:

1. Type size: body 10 pt (Power Statement 13 pt), then 9.5/12, then 9/11. Never below 9 pt.
2. Room that costs no one's words: tighter spacing; the "(was: …)" beside each trend; a
   recorded shared decision longer than ``DECISION_LENGTH`` characters cut to it.
3. The parts in ``ReportData.trim_order`` (the clinic's ``report_trim_order``; by default
   ``config.TRIM_PARTS``: how I've been, Personal Medicine, my questions, the answers under
   alerts that raised no flag, the trend table, the video titles, then what I want from
   today and the decision in front of me, the medicines with their side effects and worries,
   and the Power Statement last), one part at a time, the first first: its free text cut to
   300, then 160, then 80 characters (at a word, ending "…" and the mark "(more at the peer
   station)"); the trend table keeps only its flagged rows; video titles are cut to 48, then
   28 characters (every video stays listed). So the medicines, the decision, what the person
   wants to talk about and their Power Statement keep every word until everything before
   them is as short as it goes.
4. The shared decision recorded at the peer station, cut the same way (300, 160, 80
   characters, marked "(more at the peer station)"); never left off.
5. The parts left off, in the same order, each replaced by one line saying how many more
   answers are held at the peer station.
6. Only then, for a visit with many long alerts, the list of videos: its first three, then a
   line saying how many videos are held at the peer station.

An alert is never shortened or left off (a flagged answer is printed whole under ALERTS, and
only there). The header, the alerts and the shared-decision box are always printed, and so is
the list of videos unless step 6 is needed; a recorded decision is never cut without its mark.
docs/report.md says the same for clinics.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from reportlab.platypus import Flowable, Spacer

from decisionaid.config import TRIM_PARTS
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

# Each part the fitting step may shorten (``config.TRIM_PARTS``): the ReportData sections it
# shortens, and the printed sections that then change (to measure only those again).
# Two more parts are never left off: "trends" (the trend table keeps its flagged rows only)
# and "videos" (their titles are shortened to ``TITLE_LENGTHS``; every video stays listed).
PARTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "how_ive_been": (("how_ive_been",), ("how_ive_been_more",)),
    "personal_medicine": (("personal_medicine",), ("personal_medicine",)),
    "questions": (("questions",), ("questions",)),
    "alert_answers": (("alert_answers",), ("alerts",)),
    "today": (("today", "decision"), ("today",)),
    "medicines": (("medicines",), ("medicines",)),
    "power_statement": (("power_statement",), ("power_statement",)),
}
# Video titles are shortened to these lengths; the videos themselves are always listed.
TITLE_LENGTHS = (48, 28)
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
    """Even with every other answer left off, the alerts overflow the page: past about 15
    alerts of two lines each beside the rest of a long visit (docs/report.md)."""


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


# A line break ends a printed line early: in a text that may be cut, it counts as this many
# characters, so 30 one-word lines are not "short" only because they have few letters.
LINE_BREAK_COST = 40


def printed_length(text: str) -> int:
    """The length a cut is measured by: the characters, each line break counted as
    ``LINE_BREAK_COST`` of them."""
    return len(text) + text.count("\n") * (LINE_BREAK_COST - 1)


def shorten(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters at a word boundary, ending with "…"."""
    return cut_text(text, limit)[0]


def cut_text(text: str, limit: int) -> tuple[str, bool]:
    """``text`` made to fit ``limit`` (``printed_length``), and whether words were lost.

    A text whose line breaks make it too long first has its lines joined with " / ", and is
    cut only if that is still longer than ``limit``: at a word boundary, ending with "…"."""
    if printed_length(text) <= limit:
        return text, False
    if "\n" in text:
        text = " / ".join(line.strip() for line in text.splitlines() if line.strip())
        if len(text) <= limit:
            return text, False
    cut = text[:limit]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return re.sub(r"[\s.,;:!?…\-–—]+$", "", cut) + "…", True


def _cut_section(section: Section, limit: int | None) -> Section:
    """The answers cut to ``limit`` characters (never a flagged one), or with None left off."""
    if limit is None:
        # Flagged answers go too: each is printed whole under ALERTS, so it stays on the page.
        return Section((), section.left_off + len(section.answers))
    answers = []
    for a in section.answers:
        if a.shortenable and printed_length(a.answer) > limit:
            short, lost = cut_text(a.answer, limit)
            a = replace(a, answer=short, cut=a.cut or lost)
        answers.append(a)
    return Section(tuple(answers), section.left_off)


def _video_titles(limit: int) -> Callable[[Layout], Layout]:
    def change(layout: Layout) -> Layout:
        d = layout.data
        if all(len(v.title) <= limit for v in d.vignettes):
            return layout
        titles = tuple(replace(v, title=shorten(v.title, limit)) for v in d.vignettes)
        return replace(layout, data=replace(d, vignettes=titles))
    return change


def _limit(fields: tuple[str, ...], limit: int | None) -> Callable[[Layout], Layout]:
    def change(layout: Layout) -> Layout:
        d = layout.data
        new = {f: _cut_section(getattr(d, f), limit) for f in fields}
        if all(new[f] == getattr(d, f) for f in fields):
            return layout
        return replace(layout, data=replace(d, **new))
    return change


def _decision(limit: int) -> Callable[[Layout], Layout]:
    def change(layout: Layout) -> Layout:
        d = layout.data
        decision = d.shared_decision
        if decision is None or printed_length(decision.text) <= limit:
            return layout
        short, lost = cut_text(decision.text, limit)
        cut = replace(decision, text=short, cut=decision.cut or lost)
        return replace(layout, data=replace(d, shared_decision=cut))
    return change


def _videos(keep: int) -> Callable[[Layout], Layout]:
    """The list of videos cut to its first ``keep``; a line says how many more there are."""
    def change(layout: Layout) -> Layout:
        d = layout.data
        if len(d.vignettes) <= keep:
            return layout
        left = d.vignettes_left_off + len(d.vignettes) - keep
        return replace(layout, data=replace(d, vignettes=d.vignettes[:keep],
                                            vignettes_left_off=left))
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


def shortening_steps(
    trim_order: tuple[str, ...] = TRIM_PARTS,
) -> list[tuple[str, tuple[str, ...], Callable[[Layout], Layout]]]:
    """Every shortening step, in order: (name, printed sections it changes, change). See the
    module's docstring; ``trim_order`` is the order the parts are shortened and left off."""
    decision = ("shared_decision",)
    steps: list[tuple[str, tuple[str, ...], Callable[[Layout], Layout]]] = [
        # Tighter spacing costs no words: before anything the person or the trends say.
        ("compact spacing", BODY_SECTIONS, _compact),
        ("trend detail: off", ("how_ive_been",), _trend_detail_off),
        (f"shared decision: {DECISION_LENGTH} characters", decision, _decision(DECISION_LENGTH)),
    ]
    for part in trim_order:
        if part == "trends":
            steps.append(("trends: flagged only", ("how_ive_been", "how_ive_been_more"),
                          _trends_flagged_only))
            continue
        if part == "videos":
            steps += [(f"video titles: {n} characters", ("suggestions",), _video_titles(n))
                      for n in TITLE_LENGTHS]
            continue
        fields, printed = PARTS[part]
        steps += [(f"{part}: {n} characters", printed, _limit(fields, n)) for n in CUT_LENGTHS]
    steps += [(f"shared decision: {n} characters", decision, _decision(n)) for n in CUT_LENGTHS]
    steps += [(f"{part}: left off", PARTS[part][1], _limit(PARTS[part][0], None))
              for part in trim_order if part in PARTS]
    # The last resort, for a visit with many long alerts: the alerts need the room more than
    # the titles of the videos (the station keeps the list).
    steps += [(f"videos: {n}", ("suggestions",), _videos(n)) for n in (3, 0)]
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
    for name, sections, change in shortening_steps(data.trim_order):
        shortened = change(layout)
        if shortened is layout:
            continue
        layout = replace(shortened, steps=(*layout.steps, name))
        if total(layout, sections) <= limit:
            return done(layout)
    raise ReportDoesNotFit(
        f"{len(data.alerts)} alerts do not fit on one page even with every other answer left off"
    )
