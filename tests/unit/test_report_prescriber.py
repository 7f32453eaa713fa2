"""The page as a prescriber reads it: what raises an alert, better or worse, their language,
the person's own words kept longest, and the sample people the demo plays."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import pdfplumber
import pytest
from pypdf import PdfReader

from decisionaid.config import PROJECT_ROOT, Config
from decisionaid.config import _parse as parse_config
from decisionaid.content.loader import load_content
from decisionaid.content.model import ItemRef
from decisionaid.engine.summary import FlagEntry
from decisionaid.errors import ConfigError
from decisionaid.report import EarlierVisit, ReportInput, build_report_data, render_report
from decisionaid.report.fitting import ReportDoesNotFit, fit
from decisionaid.report.layout import Page
from decisionaid.report.sample import (
    MARISOL,
    PEOPLE,
    ROSA,
    SAM,
    choose_person,
    person_report_input,
    run_visit,
)
from decisionaid.services.visit_report import report_input, report_pdf
from decisionaid.services.visits import VisitService

SITE = "Riverside Community Mental Health"


@pytest.fixture(scope="module")
def content():
    return load_content(PROJECT_ROOT, ("en", "es"))


def page_text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return doc.pages[0].extract_text()


def column_text(pdf: bytes) -> str:
    """The page read as a person reads it: the whole width, then the left half and the right
    half (so text in the two columns is not interleaved line by line)."""
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[0]
        middle = page.width / 2
        halves = [page.crop((0, 0, middle, page.height)), page.crop((middle, 0, page.width, page.height))]
        return "\n".join([page.extract_text(), *(h.extract_text() for h in halves)])


def flat(text: str) -> str:
    return "".join(text.split())


def alerts_box(text: str, language: str = "en") -> str:
    """The page's text from ALERTS to the next section's heading."""
    start = text.index("ALERTAS" if language == "es" else "ALERTS")
    headings = (("Mi Declaración de Poder", "Lo que quiero", "Cómo he estado", "Nuestra decisión")
                if language == "es" else
                ("My Power Statement", "What I want from", "How I've been", "Our shared decision"))
    return text[start:min(i for h in headings if (i := text.find(h, start)) >= 0)]


def render(content, report_input: ReportInput, language: str | None = None) -> str:
    return page_text(render_report(build_report_data(report_input, SITE, content, language)))


def visit_of(content, answers, **kw) -> ReportInput:
    return ReportInput(run_visit(content, "en", answers), date(2025, 4, 8), **kw)


# --- 1. the alert policy ---------------------------------------------------------------------
BASE = {("my-medicines", "taking"): True, ("my-medicines", "side-effects"): ["weight"],
        ("how-ive-been", "harm-self"): 0, ("how-ive-been", "harm-others"): 0}


@pytest.mark.parametrize("answers, alert", [
    ({("my-medicines", "missed"): "often"}, "Taking my medicines since my last visit: I miss doses often"),
    ({("my-medicines", "missed"): "stopped"},
     "Taking my medicines since my last visit: I stopped taking one or more of them"),
    ({("my-medicines", "cost"): True}, "It is hard to pay for or get my medicines: Yes"),
    ({("my-medicines", "bother"): 2}, "How much my side effects bother me: Quite a bit"),
    ({("my-medicines", "bother"): 3}, "How much my side effects bother me: A lot"),
    ({("how-ive-been", "voices"): 2},
     "Hearing or seeing things that other people don't: More than half the days"),
    ({("how-ive-been", "pregnancy"): "breastfeeding"}, "Pregnancy, or plans for a pregnancy: I am breastfeeding"),
])
def test_what_changes_a_prescription_raises_a_concern(content, answers, alert):
    box = alerts_box(render(content, visit_of(content, {**BASE, **answers})))
    assert flat(f"● CONCERN {alert}") in flat(box)


@pytest.mark.parametrize("answers", [
    {("my-medicines", "missed"): "sometimes"},
    {("my-medicines", "cost"): False},
    {("my-medicines", "bother"): 1},
    {("how-ive-been", "voices"): 1},
    {("how-ive-been", "pregnancy"): "does-not-apply"},
])
def test_milder_answers_raise_no_alert(content, answers):
    text = render(content, visit_of(content, {**BASE, **answers}))
    assert "No alerts today." in text


def test_any_thought_of_harming_someone_else_is_a_safety_alert(content):
    box = alerts_box(render(content, visit_of(content, {**BASE, ("how-ive-been", "harm-others"): 1})))
    assert flat("⚠ SAFETY Thoughts of hurting someone else: A few days") in flat(box)


def test_a_low_sure_score_is_on_the_decision_line_not_in_the_alerts(content):
    answers = {**BASE, **{("my-decision", f"sure-{i}"): i <= 2 for i in range(1, 5)}}
    text = render(content, visit_of(content, answers))
    assert "No alerts today." in text
    assert "How sure I feel about this decision: 2 of 4 — under 4 means some doubt" in text


def test_a_skipped_safety_question_says_not_answered_in_the_alerts_box(content):
    answers = {k: v for k, v in BASE.items() if k != ("how-ive-been", "harm-others")}
    ri = person_report_input(content, SAM, answers=answers)
    assert ri.unanswered_safety == (("how-ive-been", "harm-others"),)
    box = alerts_box(render(content, ri))
    assert flat("⚠ SAFETY Thoughts of hurting someone else: Not answered") in flat(box)
    assert "Thoughts of hurting myself" not in box  # answered "Not at all": nothing to say


def test_a_stored_visit_that_skipped_a_safety_question_says_so_to_report_and_peer(
        database, visit_content, clock):
    """The visit service's record gives the same list to the report and the peer station."""
    visits = VisitService(database, visit_content, clock=clock)
    kv = visits.start()
    kv.go_to(ItemRef("feelings", "sleep"))
    kv.confirm(1)
    visit_id = kv.id
    kv.go_to_end()
    kv.finish()
    record = visits.load(visit_id)
    assert report_input(visits, record).unanswered_safety == (("feelings", "harm-self"),)
    text = page_text(report_pdf(visits, visit_id, SITE))
    assert flat("Thoughts of hurting myself: Not answered") in flat(alerts_box(text))


# --- 2. better or worse ------------------------------------------------------------------------
def test_trends_say_better_worse_or_same_with_the_earlier_answer_in_words(content):
    answers = {("how-ive-been", "energy"): 0, ("how-ive-been", "sleep"): 2,
               ("how-ive-been", "worry"): 1, ("my-medicines", "taking"): True,
               ("my-medicines", "how-well"): 3}
    history = (EarlierVisit(date(2025, 3, 1), {("how-ive-been", "energy"): 2,
                                               ("how-ive-been", "sleep"): 1,
                                               ("how-ive-been", "worry"): 1,
                                               ("my-medicines", "how-well"): 1}),)
    text = flat(render(content, visit_of(content, answers, history=history)))
    assert flat("My energy Good ↑ better (was: Poor)") in text  # lower is better: Poor → Good
    assert flat("My sleep Poor ↓ worse (was: Okay)") in text
    assert flat("Feeling worried, nervous or on edge A few days → same") in text
    assert flat("How well my medicines work for me Very well ↑ better (was: A little)") in text
    assert "higher" not in text and "lower" not in text


def test_a_scale_that_does_not_say_which_end_is_better_gets_no_verdict(content):
    energy = content.questionnaire("how-ive-been").item("energy")
    undeclared = replace(content, questionnaires=tuple(
        replace(q, items=tuple(replace(i, better=None) if i is energy else i for i in q.items))
        for q in content.questionnaires))
    summary = run_visit(undeclared, "en", {("how-ive-been", "energy"): 0})
    history = (EarlierVisit(date(2025, 3, 1), {("how-ive-been", "energy"): 2}),)
    data = build_report_data(ReportInput(summary, date(2025, 4, 8), history=history), SITE,
                             undeclared)
    (trend,) = data.trends
    assert trend.change is None
    text = flat(page_text(render_report(data)))
    assert flat("My energy Good (was: Poor)") in text
    assert "better" not in text and "worse" not in text


def test_a_first_visit_says_so_once_instead_of_on_every_row(content):
    text = render(content, person_report_input(content, SAM))
    assert "First visit: nothing to compare with yet" in text
    assert "first time" not in text.lower().replace("first visit", "")


# --- 3. the prescriber's language ----------------------------------------------------------------
def test_a_spanish_visit_prints_in_the_prescribers_english_with_her_words_as_written(content):
    text = render(content, person_report_input(content, MARISOL), "en")
    for heading in ("ALERTS", "My Power Statement", "What I want from today's visit",
                    "How I've been", "My Personal Medicine", "My questions", "My medicines",
                    "Our shared decision today", "answered in Spanish"):
        assert flat(heading) in flat(text), heading
    for spanish in ("ALERTAS", "Cómo he estado", "Mi Declaración de Poder", "Sí", "Regular"):
        assert flat(spanish) not in flat(text), spanish
    # Her answers to choices are in English; what she typed stays in Spanish, marked so.
    assert flat("Pregnancy, or plans for a pregnancy: I am planning or hoping to get pregnant") in flat(text)
    assert flat("It is hard to pay for or get my medicines: Yes") in flat(text)
    assert flat("“Soy hija, esposa y cocinera.") in flat(text)
    assert flat("no sola.” (in Spanish)") in flat(text)
    assert flat("Mi familia") not in flat(text) and flat("My family") in flat(text)


def test_the_person_can_have_a_copy_in_their_own_language(content):
    text = render(content, person_report_input(content, MARISOL))
    assert "ALERTAS" in text and "(en " not in text and "(in Spanish)" not in text


def test_report_language_defaults_to_the_sites_first_language():
    assert Config().report_lang == "en"
    assert Config(languages=("es", "en")).report_lang == "es"
    assert Config(languages=("fr",)).report_lang == "en"  # no French report: English
    assert parse_config({"report_language": "es"}, None).report_lang == "es"
    with pytest.raises(ConfigError, match="report_language must be one of en, es"):
        parse_config({"report_language": "de"}, None)


# --- 4. the person's words first -----------------------------------------------------------------
LONG = "I have a lot to say about how this has been going for me lately. " * 6
OWN = {
    ("power-statement", "statement"): "I am a gardener and a grandmother. " * 8,
    ("personal-medicine", "in-my-words"): "Digging in my garden every morning. " * 8,
    ("my-questions", "questions"): "Can I take it at night instead? " * 10,
    ("my-questions", "goal"): "Walk to the market twice a week. " * 7,
}
# What the page keeps before any long free text is trimmed, in each report language.
KEPT = {
    "en": ("ALERTS", "The medicines I take", "Side effects I have noticed",
           "My worries or concerns about medicines", "The decision in front of me",
           "What I want to talk about today",
           "How sure I feel about this decision: 2 of 4 — under 4 means some doubt",
           "I watched:", "Suggested for me:", "Jan 14 – today"),
    "es": ("ALERTAS", "Los medicamentos que tomo", "Efectos secundarios que he notado",
           "Lo que me preocupa de los medicamentos", "La decisión que tengo por delante",
           "De qué quiero hablar hoy",
           "Qué tan seguro/a me siento de esta decisión: 2 de 4 — menos de 4 significa "
           "alguna duda", "Vi:", "Sugeridos para mí:", "14 ene – hoy"),
}


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_long_answers_visit_prints_one_page_in_clinical_order(content, language):
    """Long answers everywhere: one page that keeps the alerts, the medicines with their side
    effects and worries, the decision and what the person wants to talk about, and their
    Power Statement whole; the long free text before them is trimmed, marked, and held at
    the peer station."""
    answers = {**ROSA.answers,
               **{(q.id, i.id): LONG[: i.max_length] for q in content.questionnaires
                  for i in q.items if i.type == "text"},
               **{k: v.strip()[:380] for k, v in OWN.items()}}
    data = build_report_data(person_report_input(content, ROSA, answers=answers), SITE,
                             content, language)
    pdf = render_report(data)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
    text = flat(column_text(pdf))
    for words in KEPT[language]:
        assert flat(words) in text, words
    assert flat(OWN[("power-statement", "statement")].strip()) in text
    more = "más en el puesto de apoyo" if language == "es" else "more at the peer station"
    for trimmed in ("Digging in my garden every morning. Digging",
                    "Can I take it at night instead? Can I take it"):
        assert flat(trimmed) in text and flat(OWN[("my-questions", "questions")].strip()) not in text
    assert text.count(flat(more)) >= 3
    layout = fit(data, Page())
    assert not any(a.cut for a in layout.data.power_statement.answers)
    # The medicines and today's wishes are shortened only once the long free text is at its
    # shortest (in Spanish, whose labels are longer, they are; in English they stay whole).
    steps = list(layout.steps)
    clinical = [i for i, s in enumerate(steps) if s.startswith(("medicines", "today"))]
    assert all(i > steps.index("questions: 80 characters") for i in clinical)
    if language == "en":
        assert not clinical
    assert all(v.title for v in layout.data.vignettes) and layout.data.vignettes_left_off == 0


def test_a_clinic_may_choose_its_own_fitting_order(content):
    """With the Power Statement first in ``report_trim_order`` it is the first to be cut."""
    answers = {**ROSA.answers,
               **{(q.id, i.id): LONG[: i.max_length] for q in content.questionnaires
                  for i in q.items if i.type == "text"},
               **{k: v.strip()[:380] for k, v in OWN.items()}}
    order = parse_config({"report_trim_order": [
        "power_statement", "how_ive_been", "personal_medicine", "questions", "alert_answers",
        "trends", "videos", "today", "medicines"]}, None).report_trim_order
    data = build_report_data(person_report_input(content, ROSA, answers=answers), SITE,
                             content, trim_order=order)
    steps = fit(data, Page()).steps
    assert next(s for s in steps if s.endswith("characters")).startswith("power_statement: ")
    with pytest.raises(ConfigError, match="report_trim_order must list each of"):
        parse_config({"report_trim_order": ["power_statement"]}, None)


def test_lines_that_say_nothing_are_left_off(content):
    answers = {**BASE, ("how-ive-been", "pregnancy"): "does-not-apply"}
    text = render(content, visit_of(content, answers))
    assert "does not apply" not in text
    assert "not scored" not in text and "no score" not in text  # SURE skipped whole


def test_personal_medicine_is_never_split_across_the_columns(content):
    for person in PEOPLE:
        pdf = render_report(build_report_data(person_report_input(content, person), SITE,
                                              content, "en"))
        with pdfplumber.open(io.BytesIO(pdf)) as doc:
            page = doc.pages[0]
            words = page.extract_words()
            heading = next(w for w in words if w["text"] == "Personal" and w["top"] > 300)
            answer = next(w for w in words if w["text"] == "words" and w["top"] > heading["top"])
            middle = page.width / 2
            assert (heading["x0"] < middle) == (answer["x0"] < middle), person.name


def many_alerts(content, count: int) -> ReportInput:
    """Rosa's long-answers visit with ``count`` more two-line concerns, as a clinic's own
    questionnaire might raise."""
    answers = {**ROSA.answers,
               **{(q.id, i.id): LONG[: i.max_length] for q in content.questionnaires
                  for i in q.items if i.type == "text"}}
    visit = person_report_input(content, ROSA, answers=answers)
    question = "When I think about the weeks since my last visit, this part of my life has been"
    extra = [FlagEntry("concern", "clinic-form", f"q{n}", f"{question} ({n})",
                     "Much harder than I can manage on my own") for n in range(count)]
    summary = replace(visit.summary, flags=[*visit.summary.flags, *extra])
    return replace(visit, summary=summary)


def test_alerts_are_never_dropped_to_fit_and_too_many_are_refused_in_one_line(content):
    """Within the documented room (about 15 two-line alerts beside a visit of long answers)
    every alert prints whole; far past it the report refuses rather than hide one."""
    fits = build_report_data(many_alerts(content, 12), SITE, content)
    text = flat(page_text(render_report(fits)))
    assert len(fits.alerts) >= 15
    assert all(flat(f"{a.question}: {a.answer}") in text for a in fits.alerts)
    too_many = build_report_data(many_alerts(content, 40), SITE, content)
    with pytest.raises(ReportDoesNotFit) as refused:
        render_report(too_many)
    message = str(refused.value)
    assert "\n" not in message and f"{len(too_many.alerts)} alerts do not fit" in message


# --- 5. the people the demo plays ----------------------------------------------------------------
def test_the_seed_chooses_one_of_three_coherent_people():
    assert {choose_person(seed).key for seed in range(3)} == {"return-visit", "first-visit", "spanish"}
    assert choose_person(3, "es") is MARISOL
    assert {choose_person(seed, "en").key for seed in range(4)} == {ROSA.key, SAM.key}


@pytest.mark.parametrize("person", PEOPLE, ids=lambda p: p.key)
def test_every_typed_answer_is_written_for_its_question(content, person):
    """Each person answers with their own words per item, every one a valid answer; the demo
    types them on the kiosk's keyboard, so only its characters are used."""
    from decisionaid.ui.common.keyboard import LETTERS, SYMBOLS

    keys = set("".join(LETTERS + SYMBOLS)) | {" "}
    texts = {k: v for k, v in person.answers.items() if isinstance(v, str) and " " in v}
    assert len(set(texts.values())) == len(texts) >= 8
    for key, text in texts.items():
        assert content.item(ItemRef(*key)).type == "text", key
        assert set(text.lower()) <= keys, (key, set(text.lower()) - keys)
    ri = person_report_input(content, person)
    assert ri.summary.answered >= len(person.answers) - 1


@pytest.mark.parametrize("person", PEOPLE, ids=lambda p: p.key)
@pytest.mark.parametrize("language", ["en", "es"])
def test_each_persons_report_fits_one_page_in_either_language(content, person, language):
    import pypdf

    for paper in ("letter", "a4"):
        data = build_report_data(person_report_input(content, person), SITE, content, language)
        pdf = render_report(data, paper)
        assert len(pypdf.PdfReader(io.BytesIO(pdf)).pages) == 1
