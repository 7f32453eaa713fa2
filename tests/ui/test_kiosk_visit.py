"""Whole visits through the kiosk, pressing its buttons: what a service user sees and what is
saved."""

from __future__ import annotations

import random
from datetime import date

from PySide6.QtWidgets import QLabel

from decisionaid.content.model import ItemRef
from decisionaid.ui.common.theme import Theme
from decisionaid.ui.testing import wait_for


def texts_on_screen(window) -> str:
    return "\n".join(label.text() for label in window.findChildren(QLabel) if label.isVisibleTo(window))


def question(window) -> str:
    return window.screen.question.text()


def test_a_guest_visit_in_english_from_welcome_to_print(kiosk, drive, printer, qtbot):
    """A first-time guest answers, sees skip logic, skips the optional part, meets the safety
    screen, reviews, prints, and the kiosk returns to its welcome screen."""
    d = drive(kiosk)
    d.guest()
    assert kiosk.screen_name == "intro"
    assert "How I've been" in texts_on_screen(kiosk)
    d.tap_and_wait("next", "item:scale")
    assert question(kiosk) == "Feeling sad or down"
    assert "Part 1 of 3" in texts_on_screen(kiosk)
    assert not d.find("next").isEnabled()  # nothing chosen yet
    assert "Choose an answer, or tap Skip." in texts_on_screen(kiosk)
    d.tap("option_1")
    d.tap_and_wait("next")
    assert question(kiosk) == "Trouble sleeping"
    d.tap("option_3")
    d.tap_and_wait("next", "item:text")
    # Sleeping badly opens the follow-up question…
    assert question(kiosk) == "Tell us more about your sleep"
    assert "Type an answer, or tap Skip." in texts_on_screen(kiosk)  # nothing to choose here
    d.type("I wake at four")
    d.tap_and_wait("next", "item:yesno")
    d.tap("option_True")
    d.tap_and_wait("next", "item:choice")
    assert question(kiosk) == "Thoughts of hurting myself"
    d.tap("option_1")
    d.tap_and_wait("next", "safety")
    shown = texts_on_screen(kiosk)
    assert "Thank you for telling us" in shown
    assert "peer worker will come and check in" in shown
    assert kiosk.config.crisis_text("en") in shown
    flags = kiosk.services.visits.open_flags()
    assert [f.severity for f in flags] == ["safety"]
    d.tap_and_wait("next", "intro")
    assert "My medicines" in texts_on_screen(kiosk)
    d.tap_and_wait("next", "item:multi")
    d.tap("option_weight")
    d.tap("option_none")  # "None of these" clears the others
    assert not d.find("option_weight").isChecked()
    d.tap("option_sleepy")
    assert not d.find("option_none").isChecked()
    d.tap_and_wait("next", "item:scale")
    assert question(kiosk) == "How much do they bother you?"
    d.tap_and_wait("skip", "item:yesno")
    assert question(kiosk) == "Does your medicine affect your sleep?"  # sleep was 3
    d.tap("option_False")
    d.tap_and_wait("next", "intro")
    assert d.has("skip")  # "Skip this part": My decision is optional
    assert d.find("skip").text() == "Skip this part"
    d.tap_and_wait("skip", "review")
    review = texts_on_screen(kiosk)
    assert "Some days" in review and "Every day" in review and "I wake at four" in review
    assert "(skipped)" in review  # "How much do they bother you?"
    assert "You skipped this part." in review  # My decision
    d.tap_and_wait("next", "print")
    screen = kiosk.screen
    with wait_for(qtbot, screen.page_ready):
        pass
    assert screen.preview.pixmap() is not None and not screen.preview.pixmap().isNull()
    d.tap("print")
    wait_for(qtbot, lambda: len(printer.jobs) == 1)
    assert printer.jobs[0][0].startswith(b"%PDF")
    wait_for(qtbot, lambda: "Your page is printing" in texts_on_screen(kiosk))
    d.tap_and_wait("finish", "done")
    d.tap_and_wait("clear_now", "welcome")


def test_each_answer_is_saved_before_the_next_screen_shows(kiosk, drive):
    """The moment Next is pressed the answer is in the database, read by another session."""
    d = drive(kiosk)
    d.guest()
    d.tap_and_wait("next")
    visit_id = kiosk.visit.id
    d.tap("option_2")
    d.tap("next")  # no waiting: the save happened inside the press
    stored = kiosk.services.visits.load(visit_id).answers
    assert stored == {ItemRef("feelings", "sad"): 2}


def test_hidden_follow_up_stays_hidden_and_back_shows_the_answer_given(kiosk, drive):
    """Sleeping well skips the follow-up; Back returns to the question with its answer chosen."""
    d = drive(kiosk)
    d.guest()
    d.tap_and_wait("next")
    d.tap("option_0")
    d.tap_and_wait("next")
    d.tap("option_0")  # sleeping fine
    d.tap_and_wait("next")
    assert question(kiosk) == "Thoughts of hurting myself"
    d.tap_and_wait("back")
    assert question(kiosk) == "Trouble sleeping"
    assert d.find("option_0").isChecked()


def test_each_question_starts_with_nothing_chosen_and_back_brings_the_answer_back(kiosk, drive):
    """The next question of the same kind shows none of the last one's answer; a text box is
    empty for a new question and has the words back after Back."""
    d = drive(kiosk)
    d.guest()
    d.tap_and_wait("next")
    d.tap("option_3")
    d.tap_and_wait("next")
    assert question(kiosk) == "Trouble sleeping"
    assert not any(d.find(f"option_{v}").isChecked() for v in range(4))
    assert not d.find("next").isEnabled()
    d.tap("option_2")
    d.tap_and_wait("next", "item:text")
    d.type("I wake at four")
    d.tap_and_wait("next", "item:yesno")
    d.tap_and_wait("back", "item:text")
    assert kiosk.screen.answer.box.toPlainText() == "I wake at four"
    d.tap_and_wait("back", "item:scale")
    assert question(kiosk) == "Trouble sleeping" and d.find("option_2").isChecked()
    assert not d.find("option_3").isChecked()
    d.tap_and_wait("back", "item:scale")
    assert question(kiosk) == "Feeling sad or down" and d.find("option_3").isChecked()
    # On to the Power Statement, the second text question: an empty box with nothing to undo.
    kiosk.visit.go_to(ItemRef("decision", "power"))
    kiosk.show_current()
    assert kiosk.screen.answer.box.toPlainText() == ""
    assert not kiosk.screen.answer.box.document().isUndoAvailable()
    assert not d.find("next").isEnabled()
    d.type("Walk at 7, every day")  # letters, then the numbers page, then letters again
    assert kiosk.screen.answer.box.toPlainText() == "Walk at 7, every day"
    assert d.find("next").isEnabled()


def test_change_from_review_jumps_to_the_item_and_back_to_review(kiosk, drive):
    """"Change" opens the question; after Next the review shows the new answer."""
    d = drive(kiosk)
    d.guest()
    for _ in range(2):
        d.walk_step(random.Random(3), [])
    kiosk.visit.visit.go_to_end()  # the rest is not what this test is about
    kiosk.show_current()
    assert kiosk.screen_name == "review"
    before = kiosk.screen.answer_label(ItemRef("feelings", "sad"))
    d.tap_and_wait("change_feelings_sad", "item:scale")
    assert question(kiosk) == "Feeling sad or down"
    new = "option_3" if before != "Every day" else "option_0"
    d.tap(new)
    d.tap_and_wait("next", "review")
    after = kiosk.screen.answer_label(ItemRef("feelings", "sad"))
    assert after != before and after in ("Every day", "Not at all")


def test_a_visit_in_spanish_after_signing_up(kiosk, drive, qtbot):
    """Someone picks Español on the welcome screen, signs up, and every screen speaks Spanish."""
    d = drive(kiosk)
    d.tap("welcome_lang_es")
    assert "Te damos la bienvenida" in texts_on_screen(kiosk)
    d.sign_up("Begoña", date(1985, 2, 28), "4321")
    assert kiosk.screen_name == "intro"
    assert "Cómo he estado" in texts_on_screen(kiosk)
    assert "Parte 1 de 3" in texts_on_screen(kiosk)
    d.tap_and_wait("next")
    assert question(kiosk) == "Sentirme triste o decaído"
    assert d.find("skip").text() == "Saltar"
    d.tap("option_0")
    d.tap_and_wait("next")
    d.tap("option_2")
    d.tap_and_wait("next", "item:text")
    assert question(kiosk) == "Cuéntanos más sobre tu sueño"
    d.type("Me despierto a las cuatro, ¿es normal?")
    d.tap_and_wait("next")
    d.walk_to_review(random.Random(5), ["Quiero estar bien."])
    review = texts_on_screen(kiosk)
    assert "Revisa tus respuestas" in review
    assert "Me despierto a las cuatro, ¿es normal?" in review
    d.tap_and_wait("next", "print")
    with wait_for(qtbot, kiosk.screen.page_ready):
        pass
    assert "Imprimir mi página" in kiosk.screen.print_button.text()
    record = kiosk.services.visits.load(kiosk.finished_visit_id)
    assert record.language == "es" and record.state == "complete" and record.first_name == "Begoña"


def test_switching_language_mid_question_keeps_the_choice(kiosk, drive):
    """The top bar's Español re-words the question in place; the chosen answer stays."""
    d = drive(kiosk)
    d.guest()
    d.tap_and_wait("next")
    d.tap("option_2")
    d.tap("lang_es")
    assert question(kiosk) == "Sentirme triste o decaído"
    assert d.find("option_2").isChecked()
    assert "La mayoría de los días" in d.find("option_2").label_text()
    assert kiosk.services.visits.load(kiosk.visit.id).language == "es"


def test_read_aloud_reads_the_question_and_says_when_it_cannot(kiosk, drive):
    """"Read to me" speaks the question and its options; without speech it says so."""
    d = drive(kiosk)
    d.guest()
    d.tap_and_wait("next")
    d.tap("read_aloud")
    text, language = kiosk.speaker.said[-1]
    assert language == "en" and text.startswith("Feeling sad or down") and "Every day" in text
    kiosk.speaker.available = False
    d.tap("read_aloud")
    assert kiosk.screen.read_aloud.notice.isVisibleTo(kiosk)
    assert "not working" in kiosk.screen.read_aloud.notice.text()


def test_no_screen_ever_shows_a_score(kiosk, drive):
    """The decision part has a score with a flag; the user never sees a number for it."""
    d = drive(kiosk)
    d.guest()
    d.walk_to_review(random.Random(9), ["x"])
    shown = texts_on_screen(kiosk)
    assert "How sure I feel" not in shown and "May feel unsure" not in shown


def test_suggested_stories_come_before_the_review_with_a_clear_way_on(kiosk, drive):
    """An answer that suggests a peer story brings the stories screen before the review; "No
    thanks, go on" leads to the review, and Back to the last question."""
    d = drive(kiosk)
    d.guest()
    d.tap_and_wait("next")
    d.tap_and_wait("skip")
    d.tap_and_wait("skip")
    d.tap_and_wait("skip")
    d.tap_and_wait("next", "item:multi")
    d.tap("option_weight")  # suggests "side-story"
    d.tap_and_wait("next")
    while kiosk.screen_name != "stories":
        d.tap_and_wait("skip")
    assert "A short story about side effects" in texts_on_screen(kiosk)
    assert d.find("next").text().startswith("No thanks, go on")
    d.tap_and_wait("back")
    assert kiosk.screen_name.startswith("item:")
    d.tap_and_wait("skip", "stories")
    d.tap_and_wait("next", "review")


def test_a_bigger_text_size_mid_visit_holds_for_every_question_after(kiosk, drive):
    """Choosing the largest text during a question: the next questions come up at that size
    (the screens kept for refilling are made again), and nothing chosen is lost."""
    d = drive(kiosk)
    d.guest()
    d.tap_and_wait("next", "item:scale")
    d.tap("option_2")
    d.tap("text_largest")
    assert d.find("option_2").isChecked()
    d.tap_and_wait("next", "item:scale")
    assert question(kiosk) == "Trouble sleeping"
    assert kiosk.screen.theme.text_size == "largest"
    assert not any(d.find(f"option_{v}").isChecked() for v in range(4))
    d.tap_and_wait("back", "item:scale")
    assert kiosk.screen.theme.text_size == "largest" and d.find("option_2").isChecked()


def test_the_next_question_starts_at_its_title_wherever_the_last_one_was_scrolled(
        make_kiosk, config, drive, qtbot):
    """A person who scrolled down to answer sees the next question from its top: its part,
    its title and "Read to me", not the middle of the page."""
    from decisionaid.ui.common.theme import Theme

    kiosk = make_kiosk(config, theme=Theme(text_size="largest"))
    kiosk.resize(1024, 600)  # the largest text on a small screen: the options scroll
    d = drive(kiosk)
    d.guest()
    d.tap_and_wait("next")
    bar = kiosk.screen.page_scroll.verticalScrollBar()
    wait_for(qtbot, lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    d.tap("option_3")
    d.tap_and_wait("next")
    assert question(kiosk) == "Trouble sleeping"
    assert kiosk.screen.page_scroll.verticalScrollBar().value() == 0


def test_back_from_a_change_the_review_shows_the_changed_answer_not_its_top(make_kiosk, config, drive, qtbot):
    """On a small screen at the largest text the review scrolls; a person who changes an
    answer near its end comes back to that answer, not to the top of the list."""
    from PySide6.QtCore import QCoreApplication, QPoint

    kiosk = make_kiosk(config, theme=Theme(scale=0.8, text_size="largest"))
    kiosk.resize(1024, 768)
    d = drive(kiosk)
    d.guest()
    for _ in range(2):
        d.walk_step(random.Random(3), [])
    kiosk.visit.visit.go_to_end()
    kiosk.show_current()
    assert kiosk.screen_name == "review"
    last = list(kiosk.screen.change_buttons)[-1]
    name = f"change_{last.questionnaire}_{last.item}"
    d.tap_and_wait(name)
    assert kiosk.screen_name.startswith("item:")
    if kiosk.screen_name == "item:text":
        d.type("Better")
    d.tap_and_wait("next", "review")
    review, scroll = kiosk.screen, kiosk.screen.scroll
    button = review.change_buttons[last]

    def in_view() -> bool:
        top = button.mapTo(scroll.viewport(), QPoint(0, 0)).y()
        return top >= 0 and top + button.height() <= scroll.viewport().height()

    wait_for(qtbot, in_view)
    bar = scroll.verticalScrollBar()
    assert bar.value() > 0
    # Once the person scrolls back up, the list stays where they put it, even when it is made
    # again (here, in Spanish).
    QCoreApplication.processEvents()  # the review's own first look at the row, queued at its start
    bar.setValue(0)
    kiosk.set_language("es")
    assert "Revisa tus respuestas" in texts_on_screen(kiosk)
    again = review.change_buttons[last]
    wait_for(qtbot, lambda: again.y() > 0 and bar.maximum() > 0)  # the new list laid out
    QCoreApplication.processEvents()
    assert bar.value() == 0
