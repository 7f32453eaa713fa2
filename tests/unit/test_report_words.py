"""The report's fixed words come from the ``report`` gettext catalogue: the Spanish page says
exactly what it said when it had templates of its own, a clinic's catalogue adds a language,
and every word the templates use is in the catalogue template and translated into Spanish."""

from __future__ import annotations

import io
import re
import threading
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pdfplumber
import pypdf
import pytest
from babel.messages.pofile import read_po

from decisionaid import i18n
from decisionaid.config import PROJECT_ROOT
from decisionaid.content.loader import load_content
from decisionaid.report import build_report_data, render_report
from decisionaid.report.data import (
    Alert,
    Answer,
    CheckedIn,
    Identity,
    ScoreLine,
    Section,
    SharedDecision,
)
from decisionaid.report.sample import MARISOL, person_report_input, sample_report_input
from decisionaid.report.text import language_name, section_lines

SITE = "Riverside"
LOCALE = i18n.PACKAGE_LOCALE_DIR
C = "\ue000"  # the cell separator


@pytest.fixture(scope="module")
def content():
    return load_content(PROJECT_ROOT, ("en", "es"))


@pytest.fixture(scope="module")
def spanish(content):
    """Rosa's visit (answered in English) on a page for a Spanish-speaking prescriber."""
    return build_report_data(sample_report_input(content, "en"), SITE, content, "es")


@pytest.fixture
def site_locale(tmp_path):
    before = i18n.site_dirs()
    folder = tmp_path / "locale"
    i18n.set_site_dirs([folder])
    yield folder
    i18n.set_site_dirs(before)


def lines(section, data):
    return [(line.kind, line.markup)
            for line in section_lines(section, data.language, r=data, trend_detail=True)]


def page_text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        assert len(doc.pages) == 1
        return doc.pages[0].extract_text()


def between(text: str, start: str, end: str) -> str:
    return text[text.index(start):text.index(end)]


# --- the Spanish page, word for word as before -------------------------------------------------


def test_the_spanish_sample_prints_its_alerts_header_and_footer_as_before(content):
    data = build_report_data(sample_report_input(content, "es"), SITE, content)
    text = page_text(render_report(data))
    assert between(text, "ALERTAS", "Mi Declaración de Poder").splitlines() == [
        "ALERTAS",
        "⚠ SEGURIDAD Pensamientos de hacerme daño o de quitarme la vida: Algunos días",
        "● PREOCUPACIÓN Cómo duermo: Muy mal",
        "● PREOCUPACIÓN Cuánto me molestan los efectos secundarios: Bastante",
    ]
    assert text.startswith("8 de abril de 2025 · Visita 4\nRiverside Rosa · fecha de nac. 14 de junio de")
    assert "Mi informe para la consulta de hoy, en mis propias palabras" in text
    assert "Desde mi última visita, el 11 mar Hoy Cambio 14 ene – hoy" in text
    assert "Qué tan seguro/a me siento de esta decisión: 2 de 4 — menos de 4 significa alguna duda" in text
    footer = text[text.index("Impreso desde"):]  # wrapped beside the identifiers
    assert footer.replace("Rosa · fecha de nac. 14 de junio de 1979 · 8 de abril de 2025\n", "") == (
        "Impreso desde decisionaid · Las respuestas completas están en el puesto de apoyo")


def test_spanish_alerts_with_check_ins_and_an_unanswered_safety_question(spanish):
    seen = CheckedIn("Ana <Peer> & co\nsecond", datetime(2025, 4, 8, 10, 15), "Talked with her;\nshe is safe")
    data = replace(spanish, alerts=(Alert("safety", "Thoughts?", "", answered=False, checked_in=seen),
                                    Alert("concern", "Missed", "Often")))
    note = ("<br/>Seguimiento de Ana &lt;Peer&gt; &amp; co second el 8 de abril de 2025 a las "
            "10:15: “Talked with her; she is safe”")
    assert lines("alerts", data) == [
        ("alerts_heading", "ALERTAS"),
        ("safety", f"<b>⚠ SEGURIDAD</b>  Thoughts?: <b>Sin respuesta</b>{note}"),
        ("concern", "<b>● PREOCUPACIÓN</b>  Missed: <b>Often</b>"),
    ]
    assert lines("alerts", replace(spanish, for_the_room=True)) == [(
        "no_alerts", "La página impresa también tiene arriba un recuadro con las respuestas, si "
        "las hay, de las que tu equipo de atención va a querer hablar contigo.")]
    assert lines("alerts", replace(spanish, alerts=()))[1] == ("no_alerts", "Hoy no hay alertas.")


@pytest.mark.parametrize(("n", "spanish_line", "english_line"), [
    (1, "… 1 respuesta más está en el puesto de apoyo.",
     "… 1 more answer is held at the peer station."),
    (3, "… 3 respuestas más están en el puesto de apoyo.",
     "… 3 more answers are held at the peer station."),
])
def test_answers_left_off_are_counted_in_the_right_plural(spanish, n, spanish_line, english_line):
    data = replace(spanish, medicines=replace(spanish.medicines, left_off=n))
    assert lines("medicines", data)[-1] == ("more", spanish_line)
    assert lines("medicines", replace(data, language="en"))[-1] == ("more", english_line)


def test_videos_left_off_are_counted_in_the_right_plural(spanish):
    def more(data):
        return lines("suggestions", data)[-1]

    assert more(replace(spanish, vignettes_left_off=1)) == (
        "more", "… y 1 más: la lista está en el puesto de apoyo.")
    assert more(replace(spanish, vignettes=(), vignettes_left_off=1)) == (
        "more", "1 video visto o sugerido: la lista está en el puesto de apoyo.")
    assert more(replace(spanish, vignettes=(), vignettes_left_off=3)) == (
        "more", "3 videos vistos o sugeridos: la lista está en el puesto de apoyo.")
    assert more(replace(spanish, vignettes=(), vignettes_left_off=1, language="en")) == (
        "more", "1 video watched or suggested: the list is at the peer station.")


def test_spanish_scores_the_decision_and_the_identifiers(spanish):
    scores = (ScoreLine("x", "PHQ", None, 27, missing=2, items=9, section="how_ive_been"),
              ScoreLine("x", "PHQ", None, 27, missing=1, section="how_ive_been"))
    assert lines("how_ive_been", replace(spanish, scores=scores))[-2:] == [
        ("score", "<b>PHQ:</b> sin puntuación, 2 de 9 sin respuesta."),
        ("score", "<b>PHQ:</b> sin puntuación, 1 sin respuesta."),
    ]
    decided = SharedDecision("We decided & agreed <ok>", ("check-in-call", "wellness-tools",
                             "other: a walk", "unknown-key"), ("own-voice",), date(2025, 9, 1),
                             cut=True)
    marks = ("☑\xa0en\xa0palabras\xa0de\xa0la\xa0persona&nbsp;&nbsp; ☐\xa0pensada\xa0para\xa0la"
             "\xa0persona&nbsp;&nbsp; ☐\xa0en\xa0palabras\xa0sencillas&nbsp;&nbsp; ☐\xa0algo\xa0que"
             "\xa0va\xa0a\xa0hacer")
    assert lines("shared_decision", replace(spanish, shared_decision=decided)) == [
        ("box", "Nuestra decisión compartida de hoy"),
        ("box_note", "Registrada en el puesto de apoyo el 1 de septiembre de 2025"),
        ("decision", "We decided &amp; agreed &lt;ok&gt; <font color=\"#404040\">(más en el "
                     "puesto de apoyo)</font>"),
        ("decision_meta", "<b>Seguimiento:</b> una llamada para ver cómo va; ayuda con "
                          "herramientas de bienestar; a walk; unknown-key"),
        ("decision_meta", f"<b>Comprobado:</b> {marks}"),
    ]
    assert lines("shared_decision", spanish)[1] == ("box_note", "Para llenar junto con quien me receta.")
    full = Identity("Rosa Martinez", date(1982, 3, 14), "MRN-100", "09:30", "Dr. Lee")
    assert lines("header", replace(spanish, identity=full))[1] == (
        "meta", f"8 de abril de 2025{C}Rosa Martinez · fecha de nac. 14 de marzo de 1982 · "
                f"expediente MRN-100{C}Visita 4{C}cita 09:30 con Dr. Lee")
    guest = replace(spanish, identity=Identity(), visit_number=None, display_name=None,
                    incomplete=True)
    assert lines("header", guest)[1:] == [
        ("meta", f"8 de abril de 2025{C}Invitado/a{C}Visita de invitado/a{C}"),
        ("subtitle", "Mi informe para la consulta de hoy, en mis propias palabras · respondido en inglés"),
        ("note", "Hoy no llegué a todas las preguntas."),
    ]


def test_every_month_is_named_in_both_languages(spanish):
    english = ["January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"]
    months = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
              "septiembre", "octubre", "noviembre", "diciembre"]
    for number, (en, es) in enumerate(zip(english, months, strict=True), start=1):
        data = replace(spanish, visit_date=date(2025, number, 9))
        assert lines("footer", data)[0][1].endswith(f" · 9 de {es} de 2025")
        assert lines("footer", replace(data, language="en"))[0][1].endswith(f" · {en} 9, 2025")


def test_the_pdfs_title_is_in_the_reports_language(spanish):
    def title(data) -> str:
        return pypdf.PdfReader(io.BytesIO(render_report(data))).metadata.title

    assert title(spanish) == "Riverside · informe de la visita"
    assert title(replace(spanish, language="en")) == "Riverside · visit report"


def test_a_language_the_catalogue_does_not_name_is_named_from_cldr(spanish):
    assert language_name("es", "en") == "Spanish"
    assert language_name("en", "es") == "inglés"
    assert language_name("de", "en") == "German"
    assert language_name("de", "es") == "alemán"
    typed = Answer("Q", "Guten Tag", "text", written_in="de")
    data = replace(spanish, questions=Section((typed,)))
    assert lines("questions", data)[1] == ("bullet", 'Guten Tag <font color="#404040">(en alemán)</font>')


# --- the catalogue itself ----------------------------------------------------------------------


def _extracted(tmp_path: Path) -> set[tuple[str | None, str]]:
    """Every message the report's templates and Python use, as `make translations` extracts
    them (decisionaid/i18n/babel/report.cfg)."""
    from decisionaid.i18n import catalogues

    return {(m.context, m.id[0] if isinstance(m.id, tuple) else m.id)
            for m in _catalogue(catalogues.extract("report", tmp_path / "report.pot")) if m.id}


def _catalogue(path: Path):
    with path.open("rb") as handle:
        return read_po(handle)


def test_the_catalogue_template_holds_every_word_of_the_report(tmp_path):
    used = _extracted(tmp_path)
    assert len(used) > 90  # the templates were read (a template Jinja cannot parse stops this)
    template = {(m.context, m.id[0] if isinstance(m.id, tuple) else m.id)
                for m in _catalogue(LOCALE / "report.pot") if m.id}
    assert used - template == set(), "run make translations"
    assert template - used == set(), "report.pot holds words no template uses any more"


def test_every_word_of_the_report_is_translated_into_spanish_with_its_placeholders(tmp_path):
    spanish = _catalogue(LOCALE / "es" / "LC_MESSAGES" / "report.po")
    assert spanish.num_plurals == 2
    for context, message in _extracted(tmp_path):
        entry = spanish.get(message, context=context)
        assert entry is not None and not entry.fuzzy, message
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        assert all(strings), message
        wanted = set(re.findall(r"%\(\w+\)s", message))
        for string in strings:
            assert set(re.findall(r"%\(\w+\)s", string)) <= wanted | {"%(num)s"}, message


# --- a clinic's own catalogue ------------------------------------------------------------------

FRENCH = r'''
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\n"

msgid "ALERTS"
msgstr "ALERTES"

msgctxt "alert"
msgid "SAFETY"
msgstr "SÉCURITÉ"

msgid "My medicines"
msgstr "Mes médicaments & moi <b>"

msgctxt "month"
msgid "April"
msgstr "avril"

msgctxt "date"
msgid "%(month)s %(day)s, %(year)s"
msgstr "%(day)s %(month)s %(year)s"

msgid "… %(num)s more answer is held at the peer station."
msgid_plural "… %(num)s more answers are held at the peer station."
msgstr[0] "… %(num)s réponse de plus est au poste d’entraide."
msgstr[1] "… %(num)s réponses de plus sont au poste d’entraide."
'''


def _write(folder: Path, language: str, text: str) -> None:
    path = folder / language / "LC_MESSAGES" / "report.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_a_clinics_catalogue_writes_the_page_in_its_language(content, site_locale):
    _write(site_locale, "fr", FRENCH)
    data = build_report_data(sample_report_input(content, "en"), SITE, content, "fr")
    data = replace(data, medicines=replace(data.medicines, left_off=2))
    text = page_text(render_report(data))
    assert "8 avril 2025 · Visit 4" in text  # what the catalogue does not translate stays English
    assert "answered in anglais" in text  # a language's name from CLDR where it has none
    assert "ALERTES" in text and "⚠ SÉCURITÉ" in text
    # A translation is text, never markup: "&" and "<b>" print as written.
    assert "Mes médicaments & moi <b>" in text
    assert "… 2 réponses de plus sont au poste d’entraide." in " ".join(text.split())


def test_a_clinics_catalogue_overrides_the_shipped_one_word_by_word(content, site_locale):
    _write(site_locale, "es", 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                              'msgid "ALERTS"\nmsgstr "AVISOS"\n')
    data = build_report_data(sample_report_input(content, "es"), SITE, content)
    heading, *_ = lines("alerts", data)
    assert heading == ("alerts_heading", "AVISOS")
    assert lines("header", data)[2] == ("subtitle", "Mi informe para la consulta de hoy, en mis propias palabras")


def test_a_translation_naming_a_value_the_page_lacks_prints_the_english(content, site_locale):
    _write(site_locale, "es", 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                              'msgid "Visit %(number)s"\nmsgstr "Visita %(numero)s"\n\n'
                              'msgctxt "date"\nmsgid "%(month)s %(day)s, %(year)s"\n'
                              'msgstr "%(dia)s de %(month)s"\n')
    data = build_report_data(sample_report_input(content, "es"), SITE, content)
    text = page_text(render_report(data))
    assert "abril 8, 2025 · Visit 4" in text  # the English format and words, Spanish months


def test_pages_in_two_languages_can_be_written_at_once(content):
    english = build_report_data(person_report_input(content, MARISOL), SITE, content, "en")
    spanish = replace(english, language="es")
    found: dict[str, list[str]] = {"en": [], "es": []}

    def write(data) -> None:
        for _ in range(15):
            found[data.language].append(lines("alerts", data)[0][1])

    threads = [threading.Thread(target=write, args=(d,)) for d in (english, spanish)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert set(found["en"]) == {"ALERTS"} and set(found["es"]) == {"ALERTAS"}


@pytest.mark.parametrize("language", ["qps", "qpr"])
@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_the_page_in_a_pseudo_locale_fits_one_page_and_every_fixed_word_is_translated(
        content, site_locale, language, paper):
    """Written in a language 40% longer (qps) or right to left (qpr), added as files: still one
    page, and no fixed word of the English page is left on it."""
    from decisionaid.i18n import pseudo

    pseudo.write_catalogues(site_locale)
    english = build_report_data(sample_report_input(content, "en"), SITE, content, "en")
    data = build_report_data(sample_report_input(content, "en"), SITE, content, language)
    english_text = page_text(render_report(english, paper))
    text = page_text(render_report(data, paper))  # one page
    assert text.count(pseudo.OPEN) >= 10  # the headings, labels and alerts came from it
    # Every fixed word of the English page (the catalogue's, not the content's) is gone.
    template = _catalogue(LOCALE / "report.pot")
    fixed = [m.id for m in template if isinstance(m.id, str) and "%" not in m.id
             and len(m.id) > 4 and m.id in english_text and m.id not in content_words(content)]
    assert len(fixed) >= 8, fixed
    left = [word for word in fixed if word in text]
    assert left == [], f"still in English on the {language} page: {left}"


def content_words(content) -> str:
    """Every English text of the content, where a fixed word might also be found."""
    from decisionaid.content.model import text_in

    texts = []
    for q in content.questionnaires:
        texts.append(text_in(q.title, "en"))
        for item in q.items:
            texts.append(text_in(item.text, "en"))
            texts.extend(text_in(o.label, "en") for o in getattr(item, "options", ()) or ())
    return "\n".join(texts)
