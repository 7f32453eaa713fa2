"""A person who answered in another language than the prescriber's can print their own copy."""

from __future__ import annotations

import io
import random

import pdfplumber

from decisionaid.ui.testing import wait_for


def page_text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return doc.pages[0].extract_text()


def to_print_screen(kiosk, d, qtbot, language: str):
    if language != kiosk.language:
        d.tap(f"welcome_lang_{language}")
    d.guest()
    d.walk_to_review(random.Random(4), ["Quiero dormir mejor."])
    d.tap_and_wait("next", "print")
    screen = kiosk.screen
    with wait_for(qtbot, screen.page_ready):
        pass
    return screen


def test_a_spanish_visit_prints_the_prescribers_page_in_english_and_her_copy_in_spanish(
        kiosk, drive, printer, qtbot):
    d = drive(kiosk)
    to_print_screen(kiosk, d, qtbot, "es")
    assert d.find("print_own").text() == "Imprimir también una copia en mi idioma"
    d.tap("print")
    wait_for(qtbot, lambda: len(printer.jobs) == 1)
    d.tap("print_own")
    wait_for(qtbot, lambda: len(printer.jobs) == 2)
    prescribers, own = (page_text(pdf) for pdf, _title in printer.jobs)
    assert "Our shared decision today" in prescribers and "(in Spanish)" in prescribers
    assert "Nuestra decisión compartida de hoy" in own and "Quiero dormir mejor." in own


def test_an_english_visit_has_no_second_copy_to_print(kiosk, drive, qtbot):
    d = drive(kiosk)
    to_print_screen(kiosk, d, qtbot, "en")
    assert d.has("print") and not d.has("print_own")
