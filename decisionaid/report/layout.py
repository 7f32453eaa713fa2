"""How the report looks: ReportLab flowables for each section's lines, the page and its footer.

Sizes come from the data (the fitting step sets them; body text never below 9 pt). Red is
used for alerts and flagged answers only, and each of those also carries a symbol and a word
(⚠ SAFETY, ● CONCERN) so the page reads the same in greyscale.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from decisionaid.report.data import ReportData, Trend
from decisionaid.report.fonts import REGULAR, register_fonts
from decisionaid.report.text import Line as TextLine
from decisionaid.report.text import section_lines

# Every table cell names the report font: left alone, ReportLab names Helvetica for each cell,
# which the PDF then references without embedding it (an archived page must carry its fonts).
CELL_FONT = ("FONTNAME", (0, 0), (-1, -1), REGULAR)

MIN_BODY_SIZE = 9.0
RED = colors.HexColor("#B00000")
INK = colors.HexColor("#111111")
GREY = colors.HexColor("#404040")
RULE = colors.HexColor("#8A8A8A")
PAPERS = {"letter": LETTER, "a4": A4}
MARGIN = 0.45 * inch
FOOTER_SPACE = 20.0  # reserved at the foot of the page for the footer line


@dataclass(frozen=True)
class Page:
    """The paper and the frame the report flows into."""

    paper: str = "letter"

    @property
    def size(self) -> tuple[float, float]:
        if self.paper not in PAPERS:
            raise ValueError(f"paper must be one of {', '.join(PAPERS)}, not {self.paper!r}")
        return PAPERS[self.paper]

    @property
    def frame_width(self) -> float:
        return self.size[0] - 2 * MARGIN

    @property
    def frame_height(self) -> float:
        return self.size[1] - 2 * MARGIN - FOOTER_SPACE


class Styles:
    """Paragraph styles for one body size (points)."""

    def __init__(self, body: float, statement: float, compact: bool = False):
        regular, bold = register_fonts()
        self.body = body
        self.statement = statement
        self.compact = compact
        lead = 1.15 if compact else 1.2
        gap = 0.5 if compact else 1.0

        def style(name: str, size: float, **kw: object) -> ParagraphStyle:
            kw.setdefault("fontName", regular)
            kw.setdefault("textColor", INK)
            kw.setdefault("bulletFontName", regular)
            kw.setdefault("leading", round(size * lead, 2))
            return ParagraphStyle(name, fontSize=size, **kw)

        self.by_kind = {
            "title": style("title", body + 5, fontName=bold),
            "meta": style("meta", body + 1, alignment=TA_RIGHT),
            "subtitle": style("subtitle", body, textColor=GREY),
            "note": style("note", body, textColor=GREY, spaceBefore=gap),
            "alerts_heading": style("alerts_heading", body + 3, fontName=bold, textColor=RED,
                                    spaceAfter=gap),
            "safety": style("safety", body + 1, textColor=RED, spaceAfter=gap,
                            leftIndent=10, firstLineIndent=-10),
            "concern": style("concern", body + 1, textColor=RED, spaceAfter=gap,
                             leftIndent=10, firstLineIndent=-10),
            "no_alerts": style("no_alerts", body + 1),
            "h": style("h", body + 2, fontName=bold, spaceBefore=4 * gap, spaceAfter=gap),
            "answer": style("answer", body, spaceAfter=gap / 2),
            "flagged": style("flagged", body, textColor=RED, spaceAfter=gap),
            "score": style("score", body, spaceAfter=gap),
            "p": style("p", body, spaceAfter=gap),
            "bullet": style("bullet", body, leftIndent=10, bulletIndent=0, spaceAfter=gap),
            "quote": style("quote", statement, leading=round(statement * 1.3, 2),
                           spaceAfter=2 * gap),
            "more": style("more", max(MIN_BODY_SIZE, body - 0.5), textColor=GREY,
                          spaceAfter=gap),
            "trend_head": style("trend_head", max(MIN_BODY_SIZE, body - 1), textColor=GREY),
            "trend": style("trend", body),
            "trend_span": style("trend_span", MIN_BODY_SIZE, leading=MIN_BODY_SIZE + 1,
                                textColor=GREY),
            "box": style("box", body + 2, fontName=bold),
            "box_note": style("box_note", max(MIN_BODY_SIZE, body - 1), textColor=GREY,
                              alignment=TA_RIGHT),
            # The recorded decision: the words a notch larger than the body, as the outcome
            # of the visit; its follow-up and marks at body size below.
            "decision": style("decision", body + 1, leading=round((body + 1) * 1.25, 2),
                              spaceBefore=2 * gap, spaceAfter=2 * gap),
            "decision_meta": style("decision_meta", body, spaceAfter=gap),
            "decision_note": style("decision_note", max(MIN_BODY_SIZE, body - 1),
                                   textColor=GREY),
            "footer": style("footer", MIN_BODY_SIZE, textColor=GREY),
        }

    def __getitem__(self, kind: str) -> ParagraphStyle:
        if kind not in self.by_kind:
            raise KeyError(f"a report template wrote a line of unknown kind {kind!r}")
        return self.by_kind[kind]


class Sparkline(Flowable):
    """A small chart of the last visits and today (the bigger dot). Up is better when the
    content says which end is better (a scale whose low end is better is drawn upside down);
    otherwise up is a higher answer. Drawn straight on the canvas: a chart per trend row made
    through reportlab.graphics took a fifth of the page's rendering time."""

    def __init__(self, trend: Trend, width: float = 54, height: float = 10):
        super().__init__()
        self.trend = trend
        self.width = width
        self.height = height

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return self.width, self.height

    def points(self) -> list[tuple[float, float]]:
        trend, pad = self.trend, 2.0
        span = max(trend.high - trend.low, 1)
        n = len(trend.points)
        step = (self.width - 2 * pad) / max(n - 1, 1)

        def y(value: int) -> float:
            share = (value - trend.low) / span
            if trend.better == "lower":
                share = 1 - share
            return pad + share * (self.height - 2 * pad)

        return [(pad + i * step if n > 1 else self.width / 2, y(p.value))
                for i, p in enumerate(trend.points)]

    def draw(self) -> None:
        c = self.canv
        points = self.points()
        c.saveState()
        c.setStrokeColor(RULE)
        c.setLineWidth(0.4)
        c.line(0, 0.5, self.width, 0.5)
        c.setStrokeColor(INK)
        c.setFillColor(INK)
        if len(points) > 1:
            c.setLineWidth(0.9)
            path = c.beginPath()
            path.moveTo(*points[0])
            for xy in points[1:]:
                path.lineTo(*xy)
            c.drawPath(path, stroke=1, fill=0)
        c.setLineWidth(0.3)
        for i, (x, y) in enumerate(points):
            c.circle(x, y, 2.0 if i == len(points) - 1 else 1.2, stroke=1, fill=1)
        c.restoreState()


def sparkline(trend: Trend, width: float = 54, height: float = 10) -> Sparkline:
    return Sparkline(trend, width, height)


class WriteInBox(Flowable):
    """The "Our shared decision today" box, with ruled lines to write on. It takes the rest of
    the page, never less than ``min_height``."""

    def __init__(self, title: Paragraph, note: Paragraph, min_height: float):
        super().__init__()
        self.title = title
        self.note = note
        self.min_height = min_height
        self.spaceBefore = 4

    MAX_HEIGHT = 216.0  # three inches of lines is room enough; more would only look empty

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        self.height = max(self.min_height, min(ah - 1, self.MAX_HEIGHT))
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setStrokeColor(INK)
        c.setLineWidth(1.2)
        c.rect(0, 0, self.width, self.height)
        pad = 6
        _, th = self.title.wrap(self.width - 2 * pad, self.height)
        self.title.drawOn(c, pad, self.height - pad - th)
        _, nh = self.note.wrap(self.width - 2 * pad, self.height)
        top = self.height - pad - th
        self.note.drawOn(c, pad, top + (th - nh) / 2)
        c.setStrokeColor(RULE)
        c.setLineWidth(0.5)
        line_gap = 24
        y = top - line_gap
        while y > pad + 2:
            c.line(pad, y, self.width - pad, y)
            y -= line_gap
        c.restoreState()


def _para(line: TextLine, styles: Styles) -> Paragraph:
    style = styles[line.kind]
    if line.kind == "bullet":
        return Paragraph(line.markup, style, bulletText="•")
    return Paragraph(line.markup, style)


def _header(lines: list[TextLine], styles: Styles, width: float) -> list[Flowable]:
    title = next(line for line in lines if line.kind == "title")
    meta = next(line for line in lines if line.kind == "meta")
    date_, name, visit, appointment = meta.cells
    # Two identifiers together, on their own line: what the chart matches the page by.
    right = Paragraph(f"{date_} · {visit}<br/><b>{name}</b>"
                      + (f"<br/>{appointment}" if appointment else ""), styles["meta"])
    left = [Paragraph(title.markup, styles["title"])]
    left += [_para(line, styles) for line in lines if line.kind == "subtitle"]
    table = Table([[left, right]], colWidths=[width * 0.6, width * 0.4])
    table.setStyle(TableStyle([
        CELL_FONT,
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LINEBELOW", (0, 0), (-1, 0), 1.2, INK),
    ]))
    return [table, *(_para(line, styles) for line in lines if line.kind == "note")]


def _alerts(lines: list[TextLine], styles: Styles, width: float) -> list[Flowable]:
    flagged = any(line.kind in ("safety", "concern") for line in lines)
    heading = [_para(line, styles) for line in lines if line.kind == "alerts_heading"]
    alerts = [_para(line, styles) for line in lines if line.kind in ("safety", "concern")]
    rest = [_para(line, styles) for line in lines
            if line.kind not in ("alerts_heading", "safety", "concern")]
    if not flagged:
        # Nothing to alert: no red on the page, just the plain line.
        heading = []
    cell = [*heading, *alerts, *rest]
    box = Table([[cell]], colWidths=[width])
    pad = 3 if styles.compact else 4
    box.setStyle(TableStyle([
        CELL_FONT,
        ("BOX", (0, 0), (-1, -1), 2.0 if flagged else 0.6, RED if flagged else RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 8),
        ("RIGHTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), pad),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
    ]))
    return [Spacer(1, 4 if styles.compact else 6), box]


def _text_width(paragraph: Paragraph) -> float:
    style = paragraph.style
    return stringWidth(paragraph.getPlainText(), style.fontName, style.fontSize)


def _recorded_decision(title: TextLine, note: TextLine, lines: list[TextLine], styles: Styles,
                       width: float) -> list[Flowable]:
    """The decision recorded at the peer station, in the same ruled box as the empty one:
    the title and when it was recorded on one line, then the words, follow-up and marks. The
    box is as tall as its words (nothing is left to write in)."""
    inner = width - 16
    title_p, note_p = _para(title, styles), _para(note, styles)
    title_w = _text_width(title_p) + 12
    if title_w + _text_width(note_p) <= inner:
        head: Flowable = Table([[title_p, note_p]], colWidths=[title_w, inner - title_w])
    else:
        # Too long for one line beside the title (in Spanish): the day goes under it.
        note_p = Paragraph(note.markup, styles["decision_note"])
        head = Table([[title_p], [note_p]], colWidths=[inner])
    head.setStyle(TableStyle([
        CELL_FONT,
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    body = [_para(line, styles) for line in lines if line.kind in ("decision", "decision_meta")]
    box = Table([[[head, *body]]], colWidths=[width])
    box.setStyle(TableStyle([
        CELL_FONT,
        ("BOX", (0, 0), (-1, -1), 1.2, INK),
        ("LEFTPADDING", (0, 0), (-1, -1), 8),
        ("RIGHTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))
    return [Spacer(1, 4), box]


def _power_statement(lines: list[TextLine], styles: Styles, width: float) -> list[Flowable]:
    heading = [_para(line, styles) for line in lines if line.kind == "h"]
    body = [_para(line, styles) for line in lines if line.kind != "h"]
    if not body:
        return heading
    bar = Table([[body]], colWidths=[width])
    bar.setStyle(TableStyle([
        CELL_FONT,
        ("LINEBEFORE", (0, 0), (0, -1), 3, GREY),
        ("LEFTPADDING", (0, 0), (-1, -1), 10),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    return [*heading, bar]


def _dated_chart(trend: Trend, start: str, styles: Styles, width: float) -> Flowable:
    """The small chart; when it starts later than the others, its first date before it, on
    the same line (the head says what the column spans)."""
    chart = sparkline(trend)
    if not start:
        return chart
    cell = Table([[Paragraph(start, styles["trend_span"]), chart]],
                 colWidths=[max(width - chart.width - 2, 10), chart.width + 2])
    cell.setStyle(TableStyle([
        CELL_FONT,
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    return cell


def _trend_table(head: TextLine, rows: list[TextLine], trends: tuple[Trend, ...],
                 styles: Styles, width: float) -> Table:
    # With no earlier visit there is no change and no chart to show: two columns only.
    compare = any(t.earlier for t in trends)
    widths = (0.37, 0.23, 0.22, 0.18) if compare else (0.6, 0.4)
    data = [[Paragraph(c, styles["trend_head"]) for c in head.cells[:len(widths)]]]
    for line, trend in zip(rows, trends, strict=True):
        question, today, change, span = line.cells
        row: list[Flowable] = [Paragraph(question, styles["trend"]), Paragraph(today, styles["trend"])]
        if compare:
            # The head says what the charts span; a chart that starts later says so itself.
            row += [Paragraph(change, styles["trend"]),
                    _dated_chart(trend, span, styles, widths[3] * width - 4)]
        data.append(row)
    table = Table(data, colWidths=[w * width for w in widths])
    pad = 0.5 if styles.compact else 1.0
    table.setStyle(TableStyle([
        CELL_FONT,
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), pad),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
        ("LINEBELOW", (0, 0), (-1, -2), 0.3, RULE),
    ]))
    return table


def section_flowables(
    section: str, data: ReportData, styles: Styles, width: float, *,
    trend_detail: bool = True,
) -> list[Flowable]:
    """The flowables for one section of the page (empty when the section has nothing).

    "how_ive_been" is its heading and trend table, full width; "how_ive_been_more" its other
    answers, which flow on in the columns below."""
    part = section
    if section == "how_ive_been_more":
        section = "how_ive_been"
    lines = section_lines(section, data.language, r=data, trend_detail=trend_detail)
    if not lines:
        return []
    if section == "header":
        return _header(lines, styles, width)
    if section == "alerts":
        return _alerts(lines, styles, width)
    if section == "power_statement":
        return _power_statement(lines, styles, width)
    if section == "shared_decision":
        title = next(line for line in lines if line.kind == "box")
        note = next(line for line in lines if line.kind == "box_note")
        if data.shared_decision is not None:
            return _recorded_decision(title, note, lines, styles, width)
        return [WriteInBox(_para(title, styles), _para(note, styles),
                           min_height=56 if not styles.compact else 48)]
    if section == "how_ive_been":
        table_kinds = ("h", "trend_head", "trend")
        if part == "how_ive_been_more":
            lines = [line for line in lines if line.kind not in table_kinds]
        else:
            lines = [line for line in lines if line.kind in table_kinds]
    out: list[Flowable] = []
    trend_rows = [line for line in lines if line.kind == "trend"]
    for line in lines:
        if line.kind == "trend_head":
            out.append(_trend_table(line, trend_rows, data.trends, styles, width))
        elif line.kind == "trend":
            continue
        else:
            out.append(_para(line, styles))
    return out


COLUMN_GAP = 18.0


def balanced_split(heights: list[float], keep_with_next: list[bool] | None = None) -> int:
    """Where to break a run of flowables (kept in order) into two columns so the taller column
    is shortest: [:k] go left, [k:] right. A heading (``keep_with_next``) never ends the left
    column."""
    keep = keep_with_next or [False] * len(heights)
    best, best_height = len(heights), sum(heights)
    for k in range(len(heights) + 1):
        if k and keep[k - 1]:
            continue
        tallest = max(sum(heights[:k]), sum(heights[k:]))
        if tallest < best_height:
            best, best_height = k, tallest
    return best


def is_heading(flowable: Flowable) -> bool:
    return isinstance(flowable, Paragraph) and flowable.style.name == "h"


def two_columns(left: list[Flowable], right: list[Flowable], width: float) -> Table:
    """Two columns side by side, read left then right."""
    column = (width - COLUMN_GAP) / 2
    table = Table([[left or "", right or ""]], colWidths=[column + COLUMN_GAP, column])
    table.setStyle(TableStyle([
        CELL_FONT,
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (0, 0), COLUMN_GAP),
        ("RIGHTPADDING", (1, 0), (1, 0), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    return table


def footer_lines(data: ReportData) -> tuple[str, str]:
    lines = section_lines("footer", data.language, r=data)
    left, right = lines[0].cells
    return left, right
