"""Render a report to a one-page PDF: fit it, lay it out, embed the font, draw the footer."""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

from decisionaid import i18n
from decisionaid.report.data import ReportData
from decisionaid.report.fitting import Layout, fit
from decisionaid.report.fonts import REGULAR, register_fonts
from decisionaid.report.layout import FOOTER_SPACE, GREY, MARGIN, MIN_BODY_SIZE, Page, footer_lines


class _OnePageDoc(BaseDocTemplate):
    def __init__(self, out: io.BytesIO, page: Page, footer: tuple[str, str], title: str):
        super().__init__(
            out, pagesize=page.size, leftMargin=MARGIN, rightMargin=MARGIN,
            topMargin=MARGIN, bottomMargin=MARGIN + FOOTER_SPACE,
            title=title, author="decisionaid", creator="decisionaid", subject=title,
            # The canvas's own starting font too: left to ReportLab it is Helvetica, referenced
            # and not embedded, and an archived PDF must carry every font it names.
            initialFontName=REGULAR,
        )
        frame = Frame(MARGIN, MARGIN + FOOTER_SPACE, page.frame_width, page.frame_height,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
        self.footer = footer
        self.pages = 0
        self.addPageTemplates([PageTemplate("page", [frame], onPage=self._footer)])

    def _footer(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        self.pages += 1
        left, right = self.footer
        width = doc.pagesize[0] - 2 * MARGIN
        canvas.saveState()
        canvas.setStrokeColor(GREY)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, MARGIN + FOOTER_SPACE - 5, MARGIN + width, MARGIN + FOOTER_SPACE - 5)
        canvas.setFillColor(GREY)
        canvas.setFont(REGULAR, MIN_BODY_SIZE)
        # The person's identifiers and the date on one line at the right (they name the page
        # if it is separated from others); the general note takes the rest.
        text_right = Paragraph(right, _footer_style(right=True))
        natural = stringWidth(text_right.getPlainText(), REGULAR, MIN_BODY_SIZE) + 2
        right_width = min(max(natural, width * 0.32), width * 0.5)
        _, h = text_right.wrap(right_width, FOOTER_SPACE)
        text_right.drawOn(canvas, MARGIN + width - right_width, MARGIN + FOOTER_SPACE - 8 - h)
        text_left = Paragraph(left, _footer_style())
        _, h = text_left.wrap(width - right_width - 12, FOOTER_SPACE)
        text_left.drawOn(canvas, MARGIN, MARGIN + FOOTER_SPACE - 8 - h)
        canvas.restoreState()


def _footer_style(right: bool = False) -> ParagraphStyle:
    return ParagraphStyle(
        "footer", fontName=REGULAR, fontSize=MIN_BODY_SIZE, leading=11, textColor=GREY,
        alignment=TA_RIGHT if right else TA_LEFT,
    )


def pdf_title(data: ReportData) -> str:
    """The PDF's title, which a viewer shows in its title bar, in the report's language."""
    words = i18n.catalogue("report", data.language)
    # Translators: the title of the PDF file, shown in a viewer's title bar.
    title = words.pgettext("PDF title", "%(site)s · visit report")
    try:
        return title % {"site": data.site_name}
    except (KeyError, ValueError, TypeError):  # a slip in a clinic's catalogue
        return f"{data.site_name} · visit report"


def _build(layout: Layout, page: Page) -> tuple[bytes, int]:
    out = io.BytesIO()
    data = layout.data
    doc = _OnePageDoc(out, page, footer_lines(data), title=pdf_title(data))
    doc.build(layout.story(page))
    return out.getvalue(), doc.pages


def render_report(data: ReportData, paper: str = "letter") -> bytes:
    """The report as the bytes of a one-page PDF on ``paper`` ("letter" or "a4")."""
    register_fonts()
    page = Page(paper)
    layout = fit(data, page)
    pdf, pages = _build(layout, page)
    shrink = 0.0
    while pages > 1 and shrink < page.frame_height / 2:
        # The measure and the frame disagreed by a few points: fit into a slightly shorter page.
        shrink += 24
        tighter = _ShorterPage(paper, shrink)
        layout = fit(data, tighter)
        pdf, pages = _build(layout, page)
    if pages != 1:
        raise RuntimeError(f"the report came out {pages} pages long")
    return pdf


class _ShorterPage(Page):
    def __init__(self, paper: str, less: float):
        object.__setattr__(self, "paper", paper)
        object.__setattr__(self, "less", less)

    @property
    def frame_height(self) -> float:
        return super().frame_height - self.less


def write_report(data: ReportData, path: str | Path, paper: str = "letter") -> Path:
    """Renders the report and writes it to ``path`` (the whole file, or nothing)."""
    from decisionaid.files import write_private

    # Never through a predictable temporary name: a planted link there would be written through.
    return write_private(Path(path), render_report(data, paper))
