"""Back on the page screen: before anything is printed it leads to the review, where a mistake
seen in the preview is mended; once something is printed, Back is gone; a print that failed
changed nothing, so Back stays. And what the waiting room can see of the page."""

from __future__ import annotations

import io
import logging

import pypdf
import pytest
from PySide6.QtWidgets import QLabel

from decisionaid.report.printing import PrintError
from decisionaid.ui.testing import RecordingPrinter, wait_for


def pdf_text(pdf: bytes) -> str:
    return pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


def to_page(kiosk, d) -> None:
    d.guest()
    d.tap_and_wait("next", "item:scale")  # Feeling sad or down
    d.tap("option_1")
    d.tap_and_wait("next")
    while kiosk.screen_name != "review":
        d.tap_and_wait("next" if kiosk.screen_name in ("intro", "safety", "stories") else "skip")
    d.tap_and_wait("next", "print")


def test_back_from_the_page_mends_a_mistake_before_printing(kiosk, drive, qtbot):
    d = drive(kiosk)
    to_page(kiosk, d)
    visit_id = kiosk.finished_visit_id
    assert kiosk.services.visits.load(visit_id).state == "complete"
    d.tap_and_wait("back", "review")
    assert kiosk.services.visits.load(visit_id).state == "in_progress"
    d.tap_and_wait("change_feelings_sad", "item:scale")
    d.tap("option_3")
    d.tap_and_wait("next", "review")
    d.tap_and_wait("next", "print")
    record = kiosk.services.visits.load(visit_id)
    assert record.state == "complete" and kiosk.finished_visit_id == visit_id
    assert [v for r, v in record.answers.items() if r.item == "sad"] == [3]


def test_once_printed_there_is_no_back(kiosk, drive, qtbot, printer):
    d = drive(kiosk)
    to_page(kiosk, d)
    wait_for(qtbot, lambda: d.find("print").isEnabled())
    assert d.has("back")
    d.tap("print")
    wait_for(qtbot, lambda: printer.count == 1)
    wait_for(qtbot, lambda: not d.has("back"))


def test_a_page_printed_meanwhile_keeps_the_person_on_it(kiosk, drive):
    d = drive(kiosk)
    to_page(kiosk, d)
    kiosk.services.visits.mark_printed(kiosk.finished_visit_id)  # a peer worker reprinted it
    d.tap("back")
    assert kiosk.screen_name == "print" and not d.has("back")
    assert kiosk.services.visits.load(kiosk.finished_visit_id).state == "complete"


class PausedPrinter(RecordingPrinter):
    """A CUPS queue that is paused: the error names the printer and what to do."""

    def print_pdf(self, pdf: bytes, title: str) -> None:
        raise PrintError("the printer 'front-desk' is paused: resume it (cupsenable front-desk) "
                      "and check it has paper")


@pytest.fixture
def paused(make_kiosk, config, monkeypatch):
    window = make_kiosk(config)
    monkeypatch.setattr(window.services, "printer", PausedPrinter())
    return window


def test_a_failed_print_keeps_back_and_logs_the_printers_words(paused, drive, qtbot, caplog):
    """Nothing was printed, so the person can still go back and mend an answer; the log says
    what the printer said, and nothing of the page."""
    d = drive(paused)
    to_page(paused, d)
    screen = paused.screen
    wait_for(qtbot, lambda: d.find("print").isEnabled())
    with caplog.at_level(logging.WARNING):
        d.tap("print")
        wait_for(qtbot, lambda: screen.status_key == "print_failed")
    assert d.has("back") and d.find("back").isEnabled()
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "the printer 'front-desk' is paused" in logged
    assert "Feeling sad" not in logged and "Some days" not in logged
    d.tap_and_wait("back", "review")


def test_after_a_failed_print_the_thank_you_says_a_peer_worker_can_print_the_page(
        paused, drive, qtbot):
    """No page came out, so the last screen does not tell the person to take it in."""
    d = drive(paused)
    to_page(paused, d)
    screen = paused.screen
    wait_for(qtbot, lambda: d.find("print").isEnabled())
    d.tap("print")
    wait_for(qtbot, lambda: screen.status_key == "print_failed")
    d.tap_and_wait("finish", "done")
    words = " ".join(w.text() for w in paused.screen.findChildren(QLabel))
    assert "A peer worker can print your page for you" in words
    assert "Take your page in" not in words


def test_the_screen_shows_the_page_without_the_alerts_box(kiosk, drive, qtbot):
    """In a shared room the preview leaves the alerts box off (a line says the paper has it);
    the printed page keeps it."""
    d = drive(kiosk)
    d.guest()
    while kiosk.screen_name != "review":
        name = kiosk.screen_name
        if name == "item:choice" and kiosk.screen.item.id == "harm-self":
            d.tap("option_1")  # some days: a safety flag
            d.tap_and_wait("next")
            continue
        d.tap_and_wait("next" if name in ("intro", "safety", "stories") else "skip")
    d.tap_and_wait("next", "print")
    wait_for(qtbot, lambda: kiosk.screen.pdf is not None)
    visit_id = kiosk.finished_visit_id
    paper = pdf_text(kiosk.services.make_page(visit_id))
    shown = pdf_text(kiosk.services.make_preview(visit_id))
    assert "ALERTS" in paper and "Thoughts of hurting myself" in paper
    assert "ALERTS" not in shown and "Thoughts of hurting myself" not in shown
    assert "box at the top" in shown
    assert kiosk.screen.preview.accessibleName() == "A picture of your page"


def test_printing_moves_nothing_under_the_finger(make_kiosk, config, drive, qtbot, printer):
    """On a 1024×768 screen at the largest text, the buttons of the page screen stay where they
    were when "Print my page" is pressed: Back goes, but its row is not given to them."""
    from PySide6.QtCore import QPoint

    from decisionaid.ui.common.theme import Theme, screen_scale

    kiosk = make_kiosk(config, theme=Theme(text_size="largest", scale=screen_scale(768, 1024)))
    kiosk.resize(1024, 768)
    d = drive(kiosk)
    to_page(kiosk, d)
    wait_for(qtbot, lambda: d.find("print").isEnabled())

    def places() -> dict[str, tuple[int, int]]:
        return {name: (d.find(name).mapTo(kiosk, QPoint(0, 0)).y(), d.find(name).height())
                for name in ("print", "finish")}

    before = places()
    d.tap("print")
    wait_for(qtbot, lambda: printer.count == 1 and not d.has("back"))
    wait_for(qtbot, lambda: kiosk.screen.status.isVisible())
    assert places() == before
