"""How long the one-page report takes to render, beside a bare ReportLab document.

The report: the sample visit (Rosa's: every question answered, three earlier visits) from
report data to PDF bytes, including the fitting step; and Marisol's Spanish visit printed for
an English-speaking prescriber, which needs tighter spacing to fit. The baseline: a minimal ReportLab document with the
same text, one paragraph per line, in the same font. Both are measured in this run, after a
warm-up, as the median of many runs. Target: the report under 100 ms.

Run alone: ``.venv/bin/python benchmarks/bench_report.py``.
"""

from __future__ import annotations

import dataclasses
import io
import statistics
import time
from collections.abc import Callable

from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

from decisionaid.config import PROJECT_ROOT
from decisionaid.content.loader import load_content
from decisionaid.report import build_report_data, render_report
from decisionaid.report.fitting import BODY_SECTIONS
from decisionaid.report.fonts import register_fonts
from decisionaid.report.sample import (
    MARISOL,
    ROSA_DECISION,
    person_report_input,
    sample_report_input,
)
from decisionaid.report.text import section_lines

TARGET_MS = 100.0


def median_ms(work: Callable[[], object], runs: int = 30, warmup: int = 3) -> float:
    for _ in range(warmup):
        work()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    content = load_content(PROJECT_ROOT, ("en", "es"))
    data = build_report_data(sample_report_input(content, "en"), "Riverside Clinic", content)
    regular, _ = register_fonts()
    markup = [line.markup.replace("\ue000", " ")
              for section in BODY_SECTIONS if section != "how_ive_been_more"
              for line in section_lines(section.replace("_more", ""), "en", r=data,
                                        trend_detail=True)]
    style = ParagraphStyle("body", fontName=regular, fontSize=9, leading=11)

    def baseline() -> bytes:
        out = io.BytesIO()
        SimpleDocTemplate(out, pagesize=LETTER).build([Paragraph(m, style) for m in markup])
        return out.getvalue()

    def report() -> bytes:
        return render_report(data, "letter")

    translated = build_report_data(person_report_input(content, MARISOL), "Riverside Clinic",
                                   content, "en")

    def report_translated() -> bytes:
        return render_report(translated, "letter")

    decided = build_report_data(
        dataclasses.replace(sample_report_input(content, "en"), decision=ROSA_DECISION),
        "Riverside Clinic", content)

    def report_decided() -> bytes:
        return render_report(decided, "letter")

    base = median_ms(baseline)
    full = median_ms(report)
    other = median_ms(report_translated)
    reviewed = median_ms(report_decided)
    print(f"{'what':<52} {'median ms':>10}")
    print(f"{'minimal ReportLab document, same text':<52} {base:>10.1f}")
    print(f"{'decisionaid one-page report (fit + layout)':<52} {full:>10.1f}")
    print(f"{'ratio report / minimal':<52} {full / base:>10.2f}")
    print(f"{'a Spanish visit, in English for the prescriber':<52} {other:>10.1f}")
    print(f"{'the sample visit with its shared decision recorded':<52} {reviewed:>10.1f}")
    full = max(full, other, reviewed)
    verdict = "meets" if full < TARGET_MS else "MISSES"
    print(f"report {verdict} the {TARGET_MS:.0f} ms target")


if __name__ == "__main__":
    main()
