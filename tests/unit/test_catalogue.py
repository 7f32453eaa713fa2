"""The program's two catalogues of words (the kiosk's, the station's) have every text in every
language a site can choose from the shipped set, with the same blanks to fill, and each key
lives in exactly one of them."""

from __future__ import annotations

import re
import string

import pytest

from decisionaid.config import Config
from decisionaid.ui.common import strings

SITE_LANGUAGES = Config().languages  # the languages the kiosk ships texts for


def _blanks(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_the_kiosk_and_the_station_each_keep_their_own_words():
    from decisionaid.ui.common.kiosk_words import KIOSK_WORDS
    from decisionaid.ui.common.station_words import STATION_WORDS

    assert not set(KIOSK_WORDS) & set(STATION_WORDS)
    assert all(key.startswith("station_") for key in STATION_WORDS)
    assert not any(key.startswith("station_") for key in KIOSK_WORDS)
    assert strings.t("station_open_report", "es") == "Abrir informe"
    assert strings.t("welcome_title", "es") == "Te damos la bienvenida"


@pytest.mark.parametrize("language", SITE_LANGUAGES)
def test_every_text_exists_in_every_site_language(language):
    missing = [key for key, texts in strings.STRINGS.items() if not texts.get(language, "").strip()]
    assert not missing, f"no {language} text for: {missing}"


def test_every_language_of_a_text_has_the_same_blanks():
    differ = {key: {lang: sorted(_blanks(text)) for lang, text in texts.items()}
              for key, texts in strings.STRINGS.items()
              if len({frozenset(_blanks(text)) for text in texts.values()}) > 1}
    assert not differ, differ


def test_the_player_and_the_stories_library_read_from_the_catalogue():
    from pathlib import Path

    kiosk = Path(strings.__file__).resolve().parents[1] / "kiosk"
    for module in ("vignette_screen.py", "stories_screen.py"):
        assert not re.search(r"^_TEXTS\b", (kiosk / module).read_text(encoding="utf-8"), re.M)
    assert strings.t("player_play", "es") == "▶  Ver"
    assert strings.t("stories_title", "es") == "Historias de compañeros"

