"""The one-page report as the prescriber holds it: read back from the PDF."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import jinja2
import pdfplumber
import pypdf
import pytest

from decisionaid.config import PROJECT_ROOT
from decisionaid.content.loader import load_content
from decisionaid.engine.summary import FlagEntry, ScoreResult, SummaryEntry, VisitSummary
from decisionaid.report import ReportInput, build_report_data, render_report
from decisionaid.report.data import EarlierVisit
from decisionaid.report.sample import CHOICES, run_visit, sample_report_input
from decisionaid.report.text import section_lines

SITE = "Riverside Community Mental Health"


@pytest.fixture(scope="module")
def content():
    return load_content(PROJECT_ROOT, ("en", "es"))


def pdf_pages(pdf: bytes) -> int:
    return len(pypdf.PdfReader(io.BytesIO(pdf)).pages)


def page_text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return doc.pages[0].extract_text()


def flat(text: str) -> str:
    """Text without any whitespace: line breaks fall wherever the layout puts them."""
    return "".join(text.split())


def find(page, phrase: str) -> list:
    """The chars of the first occurrence of ``phrase`` on the page (whitespace ignored)."""
    chars = [c for c in page.chars if c["text"].strip()]
    target = flat(phrase)
    joined = "".join(c["text"] for c in chars)
    at = joined.find(target)
    assert at >= 0, f"{phrase!r} is not on the page"
    return chars[at : at + len(target)]


def is_red(char) -> bool:
    color = char["non_stroking_color"]
    return len(color) == 3 and color[0] > 0.5 and color[1] < 0.2 and color[2] < 0.2


def entry(qid, iid, question, answer, value=None, item_type="text", flag=None, trend=False,
          scale=None) -> SummaryEntry:
    return SummaryEntry(qid, iid, question, answer, value, item_type, flag, trend, scale)


def small_visit(language="en", **sections) -> VisitSummary:
    return VisitSummary(language=language, sections=sections, flags=[], scores=[], suggestions=[])


def report(summary: VisitSummary, content=None, **kw) -> bytes:
    data = build_report_data(ReportInput(summary, date(2025, 4, 8), **kw), SITE, content)
    return render_report(data)


def test_the_sample_visit_prints_on_exactly_one_page_in_both_languages(content):
    """A visit with every question answered, three earlier visits and a safety flag: one page."""
    for language in ("en", "es"):
        data = build_report_data(sample_report_input(content, language), SITE, content)
        assert pdf_pages(render_report(data)) == 1
        assert pdf_pages(render_report(data, "a4")) == 1


def test_sections_print_in_the_design_order(content):
    """Header, alerts, Power Statement, today and SURE, how I've been, then (in two columns read
    left then right) the person's own words first: Personal Medicine and questions, then
    medicines and videos; the box last."""
    answers = {
        ("how-ive-been", "sad"): 2,
        ("how-ive-been", "sleep"): 3,
        ("my-medicines", "taking"): True,
        ("my-medicines", "side-effects"): ["dry-mouth"],
        ("personal-medicine", "things"): ["music"],
        ("todays-visit", "most-important"): "Sleep better",
        ("my-decision", "sure-1"): True,
        ("my-decision", "sure-2"): True,
        ("my-decision", "sure-3"): True,
        ("my-decision", "sure-4"): True,
        ("power-statement", "statement"): "I am a painter.",
        ("my-questions", "questions"): "Can I stop in summer?",
    }
    summary = run_visit(content, "en", answers)
    pdf = report(summary, content, display_name="Sam", visit_number=2,
                 watched=("handling-side-effects",))
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[0]
        middle = page.width / 2
        full_width = ["Riverside", "ALERTS", "My Power Statement", "What I want from today",
                      "How I've been"]
        columns = ["My Personal Medicine", "My questions", "My medicines", "Videos from peers"]
        tops = [find(page, h)[0]["top"] for h in full_width]
        assert tops == sorted(tops)
        column_tops = [find(page, h)[0] for h in columns]
        assert min(c["top"] for c in column_tops) > tops[-1]
        reading = sorted(column_tops, key=lambda c: (c["x0"] > middle, c["top"]))
        assert reading == column_tops
        box = find(page, "Our shared decision today")[0]
        assert box["top"] > max(c["top"] for c in column_tops)


def test_alerts_are_red_with_a_symbol_and_a_word_safety_first():
    """Alerts carry ⚠ SAFETY / ● CONCERN in red, safety above concern; other text is not red."""
    summary = replace(
        small_visit(power_statement=[entry("p", "s", "Power", "I want to be well.")]),
        flags=[
            FlagEntry("concern", "how", "sleep", "My sleep", "Very poor"),
            FlagEntry("safety", "how", "harm", "Thoughts of harming myself", "Some days"),
        ],
    )
    pdf = report(summary)
    text = page_text(pdf)
    assert "⚠ SAFETY" in text and "● CONCERN" in text
    assert text.index("SAFETY") < text.index("CONCERN")
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[0]
        for phrase in ("ALERTS", "SAFETY", "Thoughts of harming myself", "Some days",
                       "CONCERN", "Very poor"):
            assert all(is_red(c) for c in find(page, phrase)), phrase
        assert not any(is_red(c) for c in find(page, "I want to be well."))
        assert not any(is_red(c) for c in find(page, "Riverside"))


def test_no_alerts_means_no_red_on_the_page():
    pdf = report(small_visit(power_statement=[entry("p", "s", "Power", "Steady.")]))
    assert "No alerts today." in page_text(pdf)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        assert not any(is_red(c) for c in doc.pages[0].chars)


def test_the_power_statement_prints_verbatim_in_quotation_marks_and_larger(content):
    statement = ("I am a father, a painter & a good friend. I want my medicine to help me "
                 "sleep so I can be there for my kids.")
    pdf = report(run_visit(content, "en", {("power-statement", "statement"): statement}), content)
    assert flat(f"“{statement}”") in flat(page_text(pdf))
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[0]
        quote = find(page, statement)
        answer_size = find(page, "My Power Statement")[0]["size"]
        assert quote[0]["size"] >= 11 and quote[0]["size"] >= answer_size - 1


def test_a_spanish_report_has_spanish_headings_and_intact_accents(content):
    data = build_report_data(sample_report_input(content, "es"), "Clínica Riberaña", content)
    text = page_text(render_report(data))
    for phrase in ("Clínica Riberaña", "ALERTAS", "SEGURIDAD", "PREOCUPACIÓN",
                   "Mi Declaración de Poder", "Lo que quiero de la consulta de hoy",
                   "Cómo he estado", "Sentirme triste o con el ánimo bajo",
                   "Nuestra decisión compartida de hoy", "8 de abril de 2025",
                   "Qué tan seguro/a me siento de esta decisión: 2 de 4 — menos de 4 significa alguna duda"):
        assert flat(phrase) in flat(text), phrase
    assert "How I've been" not in text


def test_the_sure_score_reads_as_a_plain_sentence_and_replaces_its_four_answers(content):
    answers = {("my-decision", f"sure-{i}"): i <= 2 for i in range(1, 5)}
    text = page_text(report(run_visit(content, "en", answers), content))
    assert "How sure I feel about this decision: 2 of 4 — under 4 means some doubt" in text
    assert "Do you feel sure" not in text  # the four yes/no answers are the sentence's


def test_user_text_cannot_break_the_layout():
    """Markup, entities and line breaks in an answer print as typed."""
    nasty = 'Me & <b>you</b> </para> <font size=40>x</font> &amp; "quotes"\nnext line'
    pdf = report(small_visit(questions=[entry("q", "q", "Questions", nasty)]))
    text = page_text(pdf)
    assert flat('Me & <b>you</b> </para> <font size=40>x</font> &amp; "quotes"') in flat(text)
    assert pdf_pages(pdf) == 1


def test_characters_the_font_lacks_print_as_a_visible_box_never_crash():
    pdf = report(small_visit(questions=[entry("q", "q", "Q", "Hello 漢字 ok 🦄🦄 bye")]))
    text = page_text(pdf)
    assert "Hello □ ok □ bye" in text


def test_every_character_is_drawn_in_the_embedded_font():
    pdf = report(small_visit(questions=[entry("q", "q", "Q", "Ñandú über café ĳ ẞ ế")]))
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        used = {c["fontname"] for c in doc.pages[0].chars}
    assert used and all("DejaVuSans" in name for name in used)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    for ref in reader.pages[0]["/Resources"]["/Font"].values():
        font = ref.get_object()
        if "DejaVuSans" in font["/BaseFont"]:
            assert "/FontFile2" in font["/FontDescriptor"].get_object()  # embedded


def test_a_guest_visit_says_guest_in_the_header_and_the_footer():
    text = page_text(report(small_visit(questions=[entry("q", "q", "Q", "Hi")])))
    assert "Guest" in text and "Guest visit" in text
    assert "Full answers are held at the peer station" in text


def test_long_answers_are_cut_with_a_visible_mark_and_body_text_stays_at_least_9pt(content):
    long = "I have a lot to say about this. " * 15  # 480 characters, in every text item
    answers = {
        **CHOICES,
        **{(q.id, i.id): long[: i.max_length] for q in content.questionnaires for i in q.items
           if i.type == "text"},
    }
    pdf = report(run_visit(content, "en", answers), content)
    assert pdf_pages(pdf) == 1
    text = page_text(pdf)
    assert "(more at the peer station)" in text
    assert "I have a lot to say about this." in text  # shortened, not every answer dropped
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        sizes = {round(c["size"], 1) for c in doc.pages[0].chars if c["text"].strip()}
    assert min(sizes) >= 9


def test_trends_compare_with_the_last_visit_and_keep_at_most_three(content):
    summary = run_visit(content, "en", {("how-ive-been", "sad"): 1,
                                        ("how-ive-been", "sleep"): 3,
                                        ("how-ive-been", "worry"): 2,
                                        ("my-medicines", "taking"): True,
                                        ("my-medicines", "how-well"): 3})
    history = tuple(
        EarlierVisit(date(2025, m, 1), {("how-ive-been", "sad"): 3, ("how-ive-been", "sleep"): 1,
                                        ("how-ive-been", "worry"): 2,
                                        ("my-medicines", "how-well"): 1})
        for m in (1, 2, 3, 4, 5)
    )
    data = build_report_data(ReportInput(summary, date(2025, 6, 1), history=history), SITE, content)
    trends = {t.question: t for t in data.trends}
    assert trends["Feeling sad or down"].change == "better"
    assert trends["My sleep"].change == "worse"
    assert trends["Feeling worried, nervous or on edge"].change == "same"
    assert trends["How well my medicines work for me"].change == "better"  # higher is better
    assert len(trends["Feeling sad or down"].points) == 4  # three earlier visits and today
    text = page_text(render_report(data))
    assert "↑ better" in text and "↓ worse" in text and "→ same" in text


def test_a_template_naming_a_missing_value_fails_instead_of_printing_blank():
    with pytest.raises(jinja2.UndefinedError):
        section_lines("header", "en", r=object())


def test_scores_without_every_answer_say_so_and_never_guess():
    summary = replace(
        small_visit(),
        scores=[ScoreResult("d", "sure", "How sure I feel", None, 4, ("sure-3",), report="decision")],
    )
    assert "not scored, 1 not answered" in page_text(report(summary))
