"""The "Stories from peers" library: suggested stories first, the rest by topic, taps reported."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from decisionaid.content.model import Content, Vignette
from decisionaid.ui.kiosk.stories_screen import StoriesScreen
from decisionaid.ui.testing import wait_for


def story(vid: str, title: str, topics: tuple[str, ...], sample: bool = True) -> Vignette:
    return Vignette(
        id=vid,
        title={"en": title, "es": f"{title} (es)"},
        summary={"en": f"What {title} is about.", "es": f"De qué trata {title}."},
        peer={"en": "Ana, a peer", "es": "Ana, una compañera"},
        topics=topics,
        video="video.mp4",
        captions={"en": "c.en.vtt", "es": "c.es.vtt"},
        transcript={"en": "t.en.txt", "es": "t.es.txt"},
        duration_s=75,
        sample=sample,
    )


# As vignettes/_topics.yaml declares them: the library's order and each topic's name.
TOPICS = {
    "talking-with-prescriber": {"en": "Talking with your prescriber", "es": "Hablar con quien te receta"},
    "side-effects": {"en": "Side effects", "es": "Efectos secundarios"},
    "hope-and-recovery": {"en": "Hope and recovery", "es": "Esperanza y recuperación"},
}


@pytest.fixture
def content():
    stories = [
        story("side-a", "A side effect story", ("side-effects",)),
        story("talk-b", "B talking story", ("talking-with-prescriber",)),
        story("hope-c", "C hope story", ("hope-and-recovery",), sample=False),
        story("side-d", "D second side effect story", ("side-effects", "hope-and-recovery")),
    ]
    return Content(("en", "es"), (), {s.id: s for s in stories}, topics=TOPICS)


@pytest.fixture
def open_library(qtbot, content):
    def make(language="en", suggested=(), watched=()):
        screen = StoriesScreen(content, language, suggested, watched)
        qtbot.addWidget(screen)
        screen.resize(1280, 800)
        screen.show()
        qtbot.waitExposed(screen)
        return screen

    return make


def test_suggested_stories_come_first_and_are_marked(open_library):
    """Stories suggested by the user's answers are listed first, marked "Suggested for you"."""
    screen = open_library(suggested=["hope-c", "side-d"])
    assert screen.listed_ids()[:2] == ["hope-c", "side-d"]
    assert screen.section_titles[0] == "Suggested for you"
    marked = [card.vignette_id for card in screen.cards if "Suggested for you" in card.badges()]
    assert marked == ["hope-c", "side-d"]


def test_without_suggestions_stories_are_grouped_by_plain_topic_names(open_library):
    """Each story is listed once, under its first topic, with topics named in plain words."""
    screen = open_library()
    assert screen.section_titles == ["Talking with your prescriber", "Side effects", "Hope and recovery"]
    assert screen.listed_ids() == ["talk-b", "side-a", "side-d", "hope-c"]


def test_a_clinics_own_topics_are_named_and_ordered_as_its_content_says(qtbot, content):
    """Topic names and their order come from the content (``_topics.yaml``), not from code."""
    from dataclasses import replace

    own = {
        "hope-and-recovery": {"en": "Getting well again", "es": "Volver a estar bien"},
        "side-effects": {"en": "When a medicine bothers you", "es": "Cuando un medicamento molesta"},
        "talking-with-prescriber": {"en": "Your prescriber", "es": "Quien te receta"},
    }
    screen = StoriesScreen(replace(content, topics=own), "es", (), ())
    qtbot.addWidget(screen)
    assert screen.section_titles == ["Volver a estar bien", "Cuando un medicamento molesta",
                                     "Quien te receta"]


def test_topic_names_and_labels_are_in_spanish(open_library):
    """In Spanish the headings, the suggestion mark and the sample label are Spanish."""
    screen = open_library("es", suggested=["side-a"])
    assert screen.section_titles == [
        "Sugeridas para ti", "Hablar con quien te receta", "Efectos secundarios", "Esperanza y recuperación"
    ]
    first = screen.cards[0]
    assert "Sugerida para ti" in first.badges() and "Video de muestra" in first.badges()
    assert screen.findChild(QPushButton, "storiesBackButton").text() == "Volver"


def test_unknown_suggestions_are_ignored(open_library):
    """A suggestion naming a story this kiosk does not have is left out, not shown empty."""
    screen = open_library(suggested=["not-here", "talk-b"])
    assert screen.section_titles[0] == "Suggested for you"
    assert screen.listed_ids()[0] == "talk-b"
    assert len(screen.listed_ids()) == 4


def test_watched_stories_say_so(open_library):
    """A story already watched in this visit carries a Watched mark."""
    screen = open_library(watched=["side-a"])
    badges = {card.vignette_id: card.badges() for card in screen.cards}
    assert "✓ Watched" in badges["side-a"]
    assert "✓ Watched" not in badges["talk-b"]


def test_tapping_a_story_chooses_it(qtbot, open_library):
    """Tapping a card anywhere on it reports which story the user chose."""
    screen = open_library(suggested=["side-d"])
    card = next(c for c in screen.cards if c.vignette_id == "hope-c")
    screen.findChild(object, "storiesScroll").ensureWidgetVisible(card)
    with wait_for(qtbot, screen.chosen) as chosen:
        qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
    assert chosen.args == ["hope-c"]


def test_back_closes_the_library(qtbot, open_library):
    """The Back button leaves the library."""
    screen = open_library()
    with wait_for(qtbot, screen.closed):
        qtbot.mouseClick(screen.findChild(QPushButton, "storiesBackButton"), Qt.MouseButton.LeftButton)


def test_an_empty_library_says_so_calmly(qtbot):
    """A kiosk with no vignettes shows a short message instead of a blank page."""
    screen = StoriesScreen(Content(("en", "es"), (), {}), "en")
    qtbot.addWidget(screen)
    screen.show()
    assert "no stories" in screen.findChild(object, "storiesEmpty").text()
    assert screen.listed_ids() == []
