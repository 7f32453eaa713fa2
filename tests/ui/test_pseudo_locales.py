"""The screens in the two pseudo-locales (decisionaid.i18n.pseudo): every word a person reads
comes from a catalogue, a language 40% longer than English still fits the small screens at the
largest text, and a right-to-left language lays the kiosk out mirrored.

The pseudo catalogues and a copy of the shipped content with pseudo texts (every questionnaire
and story text, so content is held to the same test) are written once into a temporary site
folder, as a clinic adding a language would. Left out of "every word": what a person typed
(their name and answers), numbers and single keys, the site's name, and the language buttons (each
language names itself in its own words). Captions stay English: they are files of the story.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget
from test_peer_station import services, signed_in  # noqa: F401  (its fixture)

from decisionaid import i18n
from decisionaid.config import PROJECT_ROOT
from decisionaid.i18n import pseudo
from decisionaid.services.pins import PinHasher
from decisionaid.ui.common.fit import problems
from decisionaid.ui.common.operations import wait_for_background
from decisionaid.ui.common.theme import Theme, screen_scale
from decisionaid.ui.kiosk.demo import Demo

ACCENTED, RIGHT_TO_LEFT = pseudo.ACCENTED, pseudo.RIGHT_TO_LEFT
LANGUAGE_BUTTONS = ("lang_", "welcome_lang_", "language")  # each language names itself


@pytest.fixture(scope="module")
def pseudo_site(tmp_path_factory):
    """A content folder with the pseudo-locales as files: ``locale/`` and content texts."""
    root = tmp_path_factory.mktemp("pseudo-site")
    pseudo.write_catalogues(root / "locale")
    pseudo.write_content(PROJECT_ROOT, root)
    return root


@pytest.fixture
def in_pseudo_site(pseudo_site):
    i18n.set_site_dirs([pseudo_site / "locale"])
    yield pseudo_site
    i18n.set_site_dirs(())
    QApplication.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


def _needs_words(text: str) -> bool:
    """Whether ``text`` is words a catalogue should have given (not a number, a key, a name)."""
    plain = re.sub(r"<[^>]+>|&\w+;", "", text).strip()
    return len(re.findall(r"[^\W\d_]", plain)) > 1


def untranslated(window: QWidget, leave_out: set[str]) -> list[str]:
    """The visible texts of ``window`` that no pseudo catalogue gave, as "objectName: text"."""
    found = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or widget.objectName().startswith(LANGUAGE_BUTTONS):
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            text = widget.text()
            if _needs_words(text) and not pseudo.is_pseudo(text) and text.strip() not in leave_out:
                found.append(f"{widget.objectName() or type(widget).__name__}: {text!r}")
    return found


class PseudoDemo(Demo):
    """The shipped visit walked in a pseudo-locale, noting words that did not come from it."""

    def __init__(self, config, language, **kwargs):
        super().__init__(config, None, language="en", **kwargs)
        self.language = language  # the demo's person chooses the pseudo-locale at welcome
        self.english: list[str] = []
        typed = [v for v in self.person.answers.values() if isinstance(v, str)]
        self.leave_out = {config.site_name, self.person.name, *typed}

    def shot(self, name: str) -> None:
        super().shot(name)
        if self.window.language == self.language:
            for line in untranslated(self.window, self.leave_out):
                entry = f"{name}: {line}"
                if entry not in self.english:
                    self.english.append(entry)


SIZES = [(1024, 768), (1280, 800)]


@pytest.mark.parametrize("width,height", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_a_longer_language_is_read_whole_on_every_kiosk_screen(qapp, shipped_config, in_pseudo_site,
                                                               width, height):
    """Sign-up, every question, help, a story, the stories library, the review and the page:
    every word from the catalogues, nothing cut off or outside the window at the largest
    text, though every word is 40% longer than in English."""
    config = replace(shipped_config, content_dir=in_pseudo_site, languages=("en", ACCENTED))
    theme = Theme(text_size="largest", scale=screen_scale(height, width))
    demo = PseudoDemo(config, ACCENTED, seed=0, theme=theme, hasher=PinHasher.fast(),
                      size=(width, height))
    try:
        demo.run()
        demo.stories()
    finally:
        demo.close()
    assert demo.english == [], "\n".join(demo.english)
    assert demo.cut_off == [], "\n".join(demo.cut_off)


@pytest.mark.parametrize("width,height", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_a_right_to_left_language_mirrors_the_kiosk(qapp, shipped_config, in_pseudo_site,
                                                     width, height):
    """Chosen at welcome, a right-to-left language lays every screen out mirrored (Next on the
    left of Back), every word from the catalogues and nothing cut off at the largest text; the
    next person, in English, has the screens the usual way round."""
    config = replace(shipped_config, content_dir=in_pseudo_site, languages=("en", RIGHT_TO_LEFT))
    theme = Theme(text_size="largest", scale=screen_scale(height, width))
    demo = PseudoDemo(config, RIGHT_TO_LEFT, seed=0, theme=theme, hasher=PinHasher.fast(),
                      size=(width, height))
    mirrored: list[bool] = []

    def look(name: str) -> None:
        nav = getattr(demo.window.screen, "nav", None)
        if demo.window.language == RIGHT_TO_LEFT and nav is not None \
                and nav.next_button.isVisibleTo(demo.window) \
                and nav.back_button.isVisibleTo(demo.window):
            at = [b.mapTo(demo.window, QPoint(0, 0)).x() for b in (nav.next_button, nav.back_button)]
            # Next on the left of Back, each arrow pointing its way: Next's left, Back's right.
            mirrored.append(at[0] < at[1] and "\u25b6" not in nav.next_button.text()
                            and "\u25c0" not in nav.back_button.text())

    keyboard_as_usual: list[bool] = []

    def keys(name: str) -> None:
        from decisionaid.ui.common.keyboard import Keyboard

        for board in demo.window.findChildren(Keyboard):
            if board.isVisibleTo(demo.window):
                at = {b.text().lower(): b.mapTo(demo.window, QPoint(0, 0)).x()
                      for b in board.letter_keys}
                keyboard_as_usual.append(at["q"] < at["p"])  # a keyboard is never mirrored

    shot = demo.shot
    demo.shot = lambda name: (shot(name), look(name), keys(name))
    demo.driver.on_screen = demo.shot
    try:
        demo.run()
        assert demo.window.language == "en"  # cleared for the next person
        assert QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight
        demo.driver.tap(f"welcome_lang_{RIGHT_TO_LEFT}")
        assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert demo.window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    finally:
        demo.close()
    assert mirrored and all(mirrored), mirrored
    assert keyboard_as_usual and all(keyboard_as_usual), keyboard_as_usual
    assert demo.english == [], "\n".join(demo.english)
    assert demo.cut_off == [], "\n".join(demo.cut_off)


@pytest.mark.parametrize("width,height", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_peer_station_in_a_longer_language(qtbot, services, in_pseudo_site,  # noqa: F811
                                               width, height):
    """Sign-in and every tab of an admin's workspace: every word from the station's catalogue,
    and nothing outside the window."""
    from decisionaid.ui.station.station import PeerStation

    services.config = replace(services.config, languages=(ACCENTED, "en"))
    i18n.set_site_dirs([in_pseudo_site / "locale"])  # the services were opened for another site
    station = PeerStation(services)
    qtbot.addWidget(station)
    station.setFixedSize(width, height)
    station.show()
    qtbot.waitExposed(station)
    leave_out = {services.config.site_name, "Maria"}
    assert untranslated(station, leave_out) == [], "sign-in"
    assert problems(station) == [], "sign-in"
    workspace = signed_in(qtbot, station, services, role="admin")
    for i in range(workspace.tabs.count()):
        workspace.tabs.setCurrentIndex(i)
        tab = workspace.tabs.tabText(i)
        assert pseudo.is_pseudo(tab), tab
        assert untranslated(station, leave_out) == [], tab
        off = [line for line in problems(station) if "outside the window" in line]
        assert off == [], tab
    station.end_session()


def test_a_right_to_left_site_language_mirrors_the_peer_station(qtbot, services,  # noqa: F811
                                                                in_pseudo_site):
    """A station whose words are in a right-to-left language is mirrored from sign-in on, and
    stays so in the signed-in workspace."""
    from decisionaid.ui.station.station import PeerStation

    services.config = replace(services.config, languages=(RIGHT_TO_LEFT, "en"))
    i18n.set_site_dirs([in_pseudo_site / "locale"])
    station = PeerStation(services)
    qtbot.addWidget(station)
    station.show()
    qtbot.waitExposed(station)
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert station.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert pseudo.is_pseudo(station.sign_in.button.text())
    workspace = signed_in(qtbot, station, services, role="peer")
    assert workspace.layoutDirection() == Qt.LayoutDirection.RightToLeft
    station.end_session()
    wait_for_background()  # the session's last reads and writes, before its database goes
