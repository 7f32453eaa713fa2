"""Back on the page screen: before anything is printed it leads to the review, where a mistake
seen in the preview is mended; once something is printed, Back is gone."""

from __future__ import annotations


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
    qtbot.waitUntil(lambda: d.find("print").isEnabled(), timeout=10000)
    assert d.has("back")
    d.tap("print")
    assert not d.has("back")
    qtbot.waitUntil(lambda: printer.count == 1, timeout=10000)


def test_a_page_printed_meanwhile_keeps_the_person_on_it(kiosk, drive):
    d = drive(kiosk)
    to_page(kiosk, d)
    kiosk.services.visits.mark_printed(kiosk.finished_visit_id)  # a peer worker reprinted it
    d.tap("back")
    assert kiosk.screen_name == "print" and not d.has("back")
    assert kiosk.services.visits.load(kiosk.finished_visit_id).state == "complete"
