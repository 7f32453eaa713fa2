"""The program's two catalogues of words (the kiosk's, the station's): English in the code, every
other language a gettext catalogue. Each key lives in exactly one of them, every shipped
language translates every word with the same blanks to fill, counted words take the language's
plural forms, and the templates translators work from match the code."""

from __future__ import annotations

import re
import string

import pytest

from decisionaid import i18n
from decisionaid.config import Config
from decisionaid.i18n import catalogues
from decisionaid.ui.common import strings
from decisionaid.ui.common.kiosk_words import KIOSK_WORDS
from decisionaid.ui.common.station_words import STATION_WORDS

SITE_LANGUAGES = [lang for lang in Config().languages if lang != "en"]  # shipped translations


def _blanks(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_the_kiosk_and_the_station_each_keep_their_own_words():
    """Service users read the kiosk's catalogue, staff the station's: no key is in both."""
    assert not set(KIOSK_WORDS) & set(STATION_WORDS)
    assert all(key.startswith("station_") for key in STATION_WORDS)
    assert not any(key.startswith("station_") for key in KIOSK_WORDS)
    assert strings.t("station_open_report", "es") == "Abrir informe"
    assert strings.t("welcome_title", "es") == "Te damos la bienvenida"


@pytest.mark.parametrize("domain", ["kiosk", "station"])
@pytest.mark.parametrize("language", SITE_LANGUAGES)
def test_every_shipped_language_translates_every_word(domain, language):
    """A shipped language leaves nothing in English and nothing fuzzy (awaiting a check)."""
    found = catalogues.untranslated(domain, language)
    assert found is not None and found.total > 0
    assert not found.missing, (f"{language} {domain}.po leaves {len(found.missing)} untranslated "
                               f"or fuzzy: {list(found.missing[:8])}; translate them and run "
                               "make translations")


@pytest.mark.parametrize("domain", catalogues.extracted_domains())
def test_the_templates_match_the_code(domain):
    """A word added or changed in the code is in its template, so translators see it."""
    assert catalogues.is_template_current(domain), (
        f"decisionaid/i18n/locale/{domain}.pot differs from the code: run make translations")


@pytest.mark.parametrize("language", SITE_LANGUAGES)
def test_every_language_of_a_text_has_the_same_blanks(language):
    """A translation fills the same {blanks} as the English, or the screen would fail to show."""
    differ = {}
    for key, word in strings.STRINGS.items():
        translations = i18n.catalogue(strings.DOMAIN_OF[key], language)
        if word.plural is None:
            forms = [translations.pgettext(key, word.english)]
            english = _blanks(word.english)
        else:
            forms = [translations.npgettext(key, word.english, word.plural, n) for n in (1, 2, 5)]
            english = _blanks(word.plural)
        for text in forms:
            if _blanks(text) - english or (word.plural is None and _blanks(text) != english):
                differ[key] = (sorted(english), sorted(_blanks(text)))
    assert not differ, differ


def test_a_counted_word_takes_the_form_for_its_number():
    """Counts read as a person would say them: one visit, two visits; una letra, dos letras."""
    assert strings.tn("station_count_visit", 1, "en") == "1 visit"
    assert strings.tn("station_count_visit", 2, "en") == "2 visits"
    assert strings.tn("letters_left", 1, "es") == "Queda 1 letra"
    assert strings.tn("letters_left", 12, "es") == "Quedan 12 letras"
    assert strings.tn("station_help", 1, "es") == "Alguien en un quiosco quiere ayuda"
    assert strings.tn("station_help", 3, "es") == "3 personas en los quioscos quieren ayuda"
    assert strings.tn("station_count_answer", 1024, "en", n="1,024") == "1,024 answers"
    with pytest.raises(KeyError, match="not a counted word"):
        strings.tn("welcome_title", 2, "en")


def test_the_language_names_itself_and_the_keyboard_and_months_come_from_the_catalogue():
    """What the language buttons, the screen reader's keyboard and the date pickers say."""
    assert strings.LANGUAGE_NAMES["es"] == i18n.language_name("es") == "Español"
    assert strings.LANGUAGE_NAMES["en"] == "English"
    assert strings.symbol_name("¿", "es") == "apertura de interrogación"
    assert strings.symbol_name("@", "en") == "at sign"
    assert strings.symbol_name("x", "es") == "x"
    assert strings.month_names("es")[0] == "enero"
    assert len(strings.month_names("es")) == len(strings.month_names("en")) == 12


def test_a_language_without_a_catalogue_falls_back_to_english():
    """A language the site names before its translators are done shows English, not a key."""
    assert strings.t("welcome_title", "fr") == "Welcome"
    assert strings.tn("station_count_visit", 3, "fr") == "3 visits"


def test_the_player_and_the_stories_library_read_from_the_catalogue():
    from pathlib import Path

    kiosk = Path(strings.__file__).resolve().parents[1] / "kiosk"
    for module in ("vignette_screen.py", "stories_screen.py"):
        assert not re.search(r"^_TEXTS\b", (kiosk / module).read_text(encoding="utf-8"), re.M)
    assert strings.t("player_play", "es") == "▶  Ver"
    assert strings.t("stories_title", "es") == "Historias de compañeros"
