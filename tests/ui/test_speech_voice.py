"""Read to me sounds local and reads clean sentences: the voice for each language is the
configured region's where the machine has it (US English, Latin American Spanish by default),
else the language in any country; and no doubled punctuation reaches the voice."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QLocale

from decisionaid.config import ConfigError, load_config
from decisionaid.ui.common.speech import clean_spoken, pick_locale, pick_voice
from decisionaid.ui.testing import KioskDriver, wait_for

# What speech-dispatcher with espeak-ng offers (its locales, in its order).
ESPEAK = [QLocale("es-ES"), QLocale("es-419"), QLocale("en-GB"), QLocale("en-US")]


def test_latin_american_spanish_and_us_english_by_default():
    """The defaults pick es-419 over Spain's Spanish, and en-US over British English."""
    config = load_config(None)
    assert pick_locale(ESPEAK, "es", config.voices["es"]).territory() == QLocale.Country.LatinAmerica
    assert pick_locale(ESPEAK, "en", config.voices["en"]).territory() == QLocale.Country.UnitedStates


def test_without_the_preferred_region_the_language_in_any_country():
    """A machine with only Spain's Spanish still reads Spanish; one with none has no pick."""
    assert pick_locale([QLocale("es-ES"), QLocale("en-GB")], "es", ("es-419", "es-MX")).territory() \
        == QLocale.Country.Spain
    assert pick_locale([QLocale("en-GB")], "es", ("es-419",)) is None


def test_the_voice_of_the_country_not_the_first_listed():
    """espeak-ng lists 'English (Caribbean)' first under en-US; the kiosk reads in the
    American voice, and never a variant or a city's."""
    names = ["English (Caribbean)", "English (America)+whisper", "English (America, New York City)",
             "English (America)"]
    assert pick_voice(names, QLocale("en-US")) == "English (America)"
    assert pick_voice(["Spanish (Latin America)+f2", "Spanish (Latin America)"], QLocale("es-419")) \
        == "Spanish (Latin America)"


def test_the_site_can_choose_the_region(tmp_path):
    """``[voices]`` in the site's file: one tag or a list, best first; a bad tag is refused."""
    site = tmp_path / "site.toml"
    site.write_text('[voices]\nes = ["es-MX", "es-419"]\nen = "en-GB"\n')
    config = load_config(site)
    assert config.voices["es"] == ("es-MX", "es-419") and config.voices["en"] == ("en-GB",)
    assert pick_locale(ESPEAK, "en", config.voices["en"]).territory() == QLocale.Country.UnitedKingdom
    site.write_text('[voices]\nes = ["not a tag"]\n')
    with pytest.raises(ConfigError):
        load_config(site)


@pytest.mark.parametrize("said,heard", [
    ("I'd like help..", "I'd like help."),
    ("¿Qué quieres de la visita?.", "¿Qué quieres de la visita?"),
    ("Part 1.  . Next", "Part 1. Next"),
    ("Done! . Thank you.", "Done! Thank you."),
])
def test_doubled_punctuation_is_read_once(said, heard):
    assert clean_spoken(said) == heard


def test_what_a_spanish_question_screen_reads_has_no_doubled_marks(kiosk, qtbot):
    """Read to me on Spanish screens: every sentence ends with one mark."""
    d = KioskDriver(kiosk, lambda c: wait_for(qtbot, c))
    d.tap("lang_es")
    d.tap("read_aloud")
    d.tap_and_wait("first_time", "first_time")
    d.tap_and_wait("guest", "intro")
    d.tap("read_aloud")
    d.tap_and_wait("next", "item:scale")
    d.tap("read_aloud")
    said = [text for text, _language in kiosk.speaker.said]
    assert len(said) == 3 and all(language == "es" for _text, language in kiosk.speaker.said)
    for text in said:
        assert not re.search(r"[.?!:;…]\s*\.", text), text
