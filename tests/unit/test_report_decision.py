"""The shared decision on the page: once recorded at the peer station, "Our shared decision
today" prints it (its words as written, the follow-up in words, which of the four marks were
ticked, the day it was recorded) in the report's language; before that the box stays empty to
write in. A long decision is never cut without saying the rest is at the peer station."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import pdfplumber
import pytest

from decisionaid.config import PROJECT_ROOT
from decisionaid.content.loader import load_content
from decisionaid.report import SharedDecision, build_report_data, render_report
from decisionaid.report import data as report_data
from decisionaid.report.fitting import fit, shortening_steps
from decisionaid.report.layout import Page
from decisionaid.report.sample import (
    MARISOL,
    ROSA_DECISION,
    person_report_input,
    sample_report_input,
)
from decisionaid.services import visit_records

SITE = "Riverside Community Mental Health"


@pytest.fixture(scope="module")
def content():
    return load_content(PROJECT_ROOT, ("en", "es"))


def flat(text: str) -> str:
    return "".join(text.split())


def page(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        assert len(doc.pages) == 1
        return doc.pages[0].extract_text()


def box(text: str, title: str = "Our shared decision today") -> str:
    """The page's text from the decision box's title on (the footer follows it)."""
    return text[text.index(title):]


def test_an_unreviewed_visit_keeps_the_empty_box_to_write_in(content):
    text = page(render_report(build_report_data(sample_report_input(content), SITE, content)))
    assert "To fill in together with my prescriber." in box(text)
    assert "Recorded" not in text and "Follow-up" not in text


def test_a_recorded_decision_prints_its_words_follow_up_marks_and_day(content):
    decided = replace(sample_report_input(content), decision=ROSA_DECISION)
    text = box(page(render_report(build_report_data(decided, SITE, content))))
    assert "Recorded at the peer station on April 8, 2025" in text
    assert flat(ROSA_DECISION.text) in flat(text)
    assert "Follow-up: a check-in call; walking group on Saturdays" in text
    assert ("☑ in the person's own voice ☑ specific to them ☐ in plain language "
            "☑ something they will do") in " ".join(text.split())
    assert "To fill in together" not in text and "more at the peer station" not in text


def test_the_decision_is_labelled_in_the_report_language_and_printed_as_written(content):
    # Marisol answered in Spanish; the page is in Spanish, the decision as it was written.
    decided = replace(person_report_input(content, MARISOL), decision=SharedDecision(
        "Voy a pedir cita con la ginecóloga & seguir con la risperidona por ahora.",
        follow_up=("group-or-meeting",), marks=("plain-language",), recorded_on=date(2025, 4, 9)))
    text = box(page(render_report(build_report_data(decided, SITE, content, "es"))),
               "Nuestra decisión compartida de hoy")
    assert flat("Registrada en el puesto de apoyo el 9 de abril de 2025") in flat(text)
    assert flat("Voy a pedir cita con la ginecóloga & seguir con la risperidona") in flat(text)
    assert flat("Seguimiento: encontrar un grupo o una reunión") in flat(text)
    assert flat("☐ en palabras de la persona ☐ pensada para la persona ☑ en palabras "
                "sencillas ☐ algo que va a hacer") in flat(text)


def test_a_decision_without_a_day_or_follow_up_says_so_and_invents_nothing(content):
    decided = replace(sample_report_input(content),
                      decision=SharedDecision("Stay on the same dose.", marks=()))
    text = box(page(render_report(build_report_data(decided, SITE, content))))
    head = text.splitlines()[0]
    assert head.endswith("Recorded at the peer station")  # no day it does not know
    assert "Follow-up: none asked for" in text
    assert "☑" not in text


def test_a_decision_recorded_with_no_words_leaves_the_box_to_write_in(content):
    decided = replace(sample_report_input(content), decision=SharedDecision("  \n "))
    text = page(render_report(build_report_data(decided, SITE, content)))
    assert "To fill in together with my prescriber." in text


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_pasted_note_as_decision_is_cut_before_anyones_words_and_says_where_the_rest_is(
        content, language):
    words = "I will walk to the pharmacy with my sister every Saturday morning and ask "
    long = SharedDecision((words * 60).strip(), ("check-in-call",), ("specific",), date(2025, 4, 8))
    decided = replace(sample_report_input(content), decision=long)
    data = build_report_data(decided, SITE, content, language)
    layout = fit(data, Page())
    # Cut to about six lines, before any answer is shortened; the Power Statement, today's
    # wishes and the medicines stay whole.
    done = list(layout.steps)
    before = done[:done.index("shared decision: 600 characters")]
    assert all(s.startswith(("size", "video titles", "compact", "trend detail")) for s in before)
    assert not any(a.cut for s in (layout.data.power_statement, layout.data.today,
                                   layout.data.medicines) for a in s.answers)
    assert layout.data.shared_decision.cut and len(layout.data.shared_decision.text) <= 601
    text = page(render_report(data))
    more = "más en el puesto de apoyo" if language == "es" else "more at the peer station"
    title = "Nuestra decisión compartida de hoy" if language == "es" else "Our shared decision today"
    assert flat(more) in flat(box(text, title))
    assert flat(layout.data.shared_decision.text.rstrip("…")) in flat(text)


def test_a_decision_typed_as_many_short_lines_keeps_every_word_on_fewer_lines(content):
    # Thirty one-line steps: few characters, but thirty printed lines in the box.
    text = "\n".join(f"Step {n}: walk" for n in range(1, 31))
    follow_up = ("other: ring my\nsister\n\non Sundays", "check-in-call")
    decided = replace(sample_report_input(content), decision=SharedDecision(text, follow_up))
    data = build_report_data(decided, SITE, content)
    layout = fit(data, Page())
    kept = layout.data.shared_decision
    assert not kept.cut and kept.text.count(" / ") == 29 and "\n" not in kept.text
    printed = box(page(render_report(data)))
    assert "Step 30: walk" in printed and "more at the peer station" not in printed
    assert "ring my sister on Sundays" in " ".join(printed.split())
    # The person's own words were not cut to make room for the decision's line breaks.
    assert not any(a.cut for s in (layout.data.power_statement, layout.data.today,
                                   layout.data.medicines) for a in s.answers)


def test_a_decision_of_a_few_sentences_is_cut_only_after_every_other_answer():
    steps = [name for name, _, _ in shortening_steps()]
    first_cut = steps.index("shared decision: 300 characters")
    assert steps.index("power_statement: 80 characters") < first_cut
    assert not any(s.endswith("left off") for s in steps[:first_cut])
    assert "shared decision: 80 characters" in steps
    assert not any(s.startswith("shared decision") and s.endswith("left off") for s in steps)


def test_a_decision_of_a_few_sentences_is_printed_whole(content):
    text = " ".join(["I will take the evening pill at 8 and write down how I sleep."] * 6)
    decided = replace(sample_report_input(content), decision=SharedDecision(text))
    layout = fit(build_report_data(decided, SITE, content), Page())
    assert not layout.data.shared_decision.cut
    assert not any(s.startswith("shared decision") for s in layout.steps)


def test_the_report_knows_the_same_four_marks_the_station_records():
    assert report_data.DECISION_MARKS == visit_records.DECISION_MARKS
