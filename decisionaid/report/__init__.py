"""The one-page report: plain report data from a finished visit, text from Jinja2 templates,
a ReportLab PDF that always fits one page, and printing behind a small facade."""

from decisionaid.report.data import (
    EarlierVisit,
    ReportData,
    ReportInput,
    SharedDecision,
    build_report_data,
)
from decisionaid.report.render import render_report, write_report

__all__ = [
    "EarlierVisit",
    "ReportData",
    "ReportInput",
    "SharedDecision",
    "build_report_data",
    "render_report",
    "write_report",
]
