"""Read to me on every screen a person can reach, the "still there?" warning included: in the
chosen language, the question and then its answers, in the order they are shown."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from decisionaid.ui.common.strings import month_names, t


def read(kiosk, d) -> tuple[str, str]:
    """Tap the Read to me the person sees (the screen's own, or the top bar's) and return what
    the speaker was given."""
    before = len(kiosk.speaker.said)
    d.tap("read_aloud")
    assert len(kiosk.speaker.said) == before + 1
    return kiosk.speaker.said[-1]


def in_order(text: str, *parts: str) -> None:
    at = 0
    for part in parts:
        found = text.find(part, at)
        assert found >= 0, f"{part!r} not read (after position {at}) in {text!r}"
        at = found + len(part)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_screen_of_a_visit_is_read_in_order(kiosk, drive, qtbot, lang):
    d = drive(kiosk)
    if lang != "en":
        d.tap("lang_es")
    tr = lambda key, **kw: t(key, lang, **kw)  # noqa: E731

    d.tap_and_wait("been_before", "sign_in")
    text, said_in = read(kiosk, d)
    assert said_in == lang
    in_order(text, tr("your_name"), tr("your_name_help"))
    assert "Q" not in text.split()  # never the keyboard's keys
    d.tap_and_wait("back", "welcome")  # the kiosk starts again, in its first language
    if lang != "en":
        d.tap("lang_es")

    d.tap_and_wait("first_time", "first_time")
    text, _ = read(kiosk, d)
    in_order(text, tr("first_time_title"), tr("first_time_body").split(".")[0], tr("make_profile"), tr("guest"))
    d.tap("make_profile")
    d.type("Ana")
    d.tap("next")
    d.digits("1980")
    text, _ = read(kiosk, d)  # the month: the question, then the twelve months
    in_order(text, tr("birth_month"), *(m.capitalize() for m in month_names(lang)))
    kiosk.reset()

    d = drive(kiosk)
    if lang != "en":
        d.tap("lang_es")
    d.guest()
    d.tap_and_wait("top_stories", "library")
    text, _ = read(kiosk, d)
    in_order(text, t("stories_title", lang))
    d.tap_and_wait("next")  # back to where I was

    while kiosk.screen_name != "review":
        d.tap_and_wait("next" if kiosk.screen_name in ("intro", "safety", "stories") else "skip")
    text, _ = read(kiosk, d)
    in_order(text, tr("review_title"), tr("review_body"))
    assert tr("skipped") in text or tr("part_skipped") in text

    d.tap_and_wait("next", "print")
    text, _ = read(kiosk, d)
    in_order(text, tr("page_title"), tr("print"), tr("finish"))

    d.tap_and_wait("finish", "done")
    text, _ = read(kiosk, d)
    in_order(text, tr("done_title"), tr("done_body").split(".")[0], tr("done_now"))


def test_a_returning_person_hears_the_resume_screen(kiosk, drive):
    d = drive(kiosk)
    d.sign_up("Ana", date(1980, 5, 17), "2580")
    d.tap_and_wait("next", "item:scale")
    d.tap("option_1")
    d.tap_and_wait("next")
    kiosk.reset()
    d.sign_in("Ana", date(1980, 5, 17), "2580")
    assert kiosk.screen_name == "resume"
    text, language = read(kiosk, d)
    assert language == "en"
    in_order(text, t("hello_name", "en", name="Ana"), t("resume_body", "en").split(".")[0], t("resume", "en"),
             t("resume_start", "en"))


def test_the_still_there_warning_is_read_and_its_reading_stops_with_it(make_kiosk, config, drive, qtbot,
                                                                      fake_time, stall):
    """The warning has its own "Read to me", in the language chosen just before it came (a
    busy machine between sign-in and that choice changes nothing)."""
    window = make_kiosk(config)
    d = drive(window)
    d.guest()
    stall(0.35)
    d.tap("lang_es")
    fake_time.advance(window.times.idle_ms / 1000)
    assert window.overlay is not None
    stops = []
    window.speaker.stop = lambda: stops.append(True)
    text, language = read(window, d)
    assert language == "es"
    in_order(text, t("still_there", "es"), t("still_here", "es"))
    qtbot.mouseClick(window.overlay.button, Qt.MouseButton.LeftButton)
    assert stops  # "I'm still here": the warning, and its reading, go


def test_a_screen_changing_stops_the_top_bar_reading(kiosk, drive):
    d = drive(kiosk)
    stops = []
    d.tap_and_wait("first_time", "first_time")
    kiosk.speaker.stop = lambda: stops.append(True)
    read(kiosk, d)
    assert not stops
    d.tap_and_wait("guest", "intro")
    assert stops
