"""A clinic adds a language, or rewords the shipped one, with files only: PO catalogues under
``locale/`` in its content folder. The configuration names the file a language still needs,
and ``decisionaid check`` lists what a language leaves in English."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from decisionaid import i18n
from decisionaid.app import open_app
from decisionaid.cli import main
from decisionaid.config import PROJECT_ROOT, load_config
from decisionaid.errors import ConfigError
from decisionaid.i18n import pseudo
from decisionaid.i18n.catalogues import check_catalogues
from decisionaid.ui.common.strings import month_names, t, tn


def write_po(folder: Path, language: str, domain: str, entries: dict[str, str]) -> Path:
    """A small catalogue as a translator saves it: header, then msgctxt/msgid/msgstr."""
    path = folder / "locale" / language / "LC_MESSAGES" / f"{domain}.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    english = {"welcome_title": "Welcome", "language_name": "English", "first_time":
               "This is my first time", "station_sign_in": "Sign in"}
    lines = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"',
             '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"', ""]
    for key, text in entries.items():
        lines += [f'msgctxt "{key}"', f'msgid "{english[key]}"', f'msgstr "{text}"', ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@pytest.fixture
def site(tmp_path):
    yield tmp_path
    i18n.set_site_dirs(())


def configure(site: Path, languages: str) -> Path:
    path = site / "site.toml"
    path.write_text(textwrap.dedent(f"""\
        content_dir = "{site}"
        languages = {languages}
        database_url = "sqlite:///{site / 'k.db'}"
        """), encoding="utf-8")
    return path


def test_a_language_with_no_kiosk_words_is_refused_naming_the_file_to_add(site):
    """French named before its words exist: the one line says which file to add, and where."""
    with pytest.raises(ConfigError) as refused:
        load_config(configure(site, '["en", "fr"]'))
    message = str(refused.value)
    assert "\n" not in message
    assert "'fr'" in message
    assert str(site / "locale" / "fr" / "LC_MESSAGES" / "kiosk.po") in message
    assert "kiosk.pot" in message


def test_a_clinic_adds_a_language_as_files(site):
    """The kiosk's words in French from the site's own catalogue, English where it has none;
    the language names itself, and counts follow its own plural rule."""
    write_po(site, "fr", "kiosk", {"welcome_title": "Bienvenue", "language_name": "Français"})
    config = load_config(configure(site, '["en", "fr"]'))
    with open_app(config, content=False, database=False, logging_to=False):
        assert t("welcome_title", "fr") == "Bienvenue"
        assert t("first_time", "fr") == "This is my first time"  # not translated yet
        assert i18n.language_name("fr") == "Français"
        assert not i18n.is_right_to_left("fr")
        assert tn("station_count_visit", 1, "fr") == "1 visit"
        assert "fr" in i18n.languages_with_catalogues("kiosk")


def test_a_site_catalogue_rewords_a_shipped_word_and_keeps_the_rest(site):
    """A clinic's Spanish for one word wins over the shipped one; every other word stays."""
    write_po(site, "es", "kiosk", {"welcome_title": "¡Hola!"})
    config = load_config(configure(site, '["en", "es"]'))
    with open_app(config, content=False, database=False, logging_to=False):
        assert t("welcome_title", "es") == "¡Hola!"
        assert t("first_time", "es") == "Es mi primera vez"
    i18n.set_site_dirs(())
    assert t("welcome_title", "es") == "Te damos la bienvenida"


def test_check_lists_what_a_language_leaves_in_english(site):
    """One warning per catalogue with untranslated words: the file, how many, the first keys."""
    write_po(site, "fr", "kiosk", {"welcome_title": "Bienvenue"})
    i18n.set_site_dirs([site / "locale"])
    errors, warnings = check_catalogues(["en", "es", "fr"], site / "locale")
    assert errors == []
    kiosk = [w for w in warnings if "kiosk.po" in w]
    station = [w for w in warnings if "station.po" in w]
    assert len(kiosk) == 1 and len(station) == 1, warnings
    assert len(warnings) == 4, warnings  # the report's and the messages' too
    assert kiosk[0].startswith(f"{site / 'locale' / 'fr' / 'LC_MESSAGES' / 'kiosk.po'}: ")
    assert "words are not translated into 'fr'" in kiosk[0]
    assert "welcome_title" not in kiosk[0] and "language_name" in kiosk[0] and " more" in kiosk[0]
    # No station catalogue at all: the file to add is named.
    assert station[0].startswith(f"{site / 'locale' / 'fr' / 'LC_MESSAGES' / 'station.po'}: ")
    assert not [w for w in warnings if "'es'" in w]  # Spanish is whole


def test_decisionaid_check_warns_about_untranslated_words(site, capsys):
    """The site's check passes with warnings: content in every language, words missing."""
    pseudo.write_content(PROJECT_ROOT, site, languages=("fr",))
    write_po(site, "fr", "kiosk", {"welcome_title": "Bienvenue"})
    assert main(["check", "--config", str(configure(site, '["en", "fr"]'))]) == 0
    out = capsys.readouterr().out.splitlines()
    warned = [line for line in out if line.endswith("(warning)") and "'fr'" in line]
    assert len(warned) == 4, out  # the kiosk's, the station's, the report's and the messages'
    assert out[-1].endswith("with 4 warnings")


def test_the_pseudo_locales_are_languages_a_developer_can_configure(site):
    """qps and qpr pass the configuration once their catalogues are written; qpr is right to
    left, every word is bracketed and keeps its blanks, and in qps 40% longer."""
    pseudo.write_catalogues(site / "locale")
    config = load_config(configure(site, '["qps", "qpr", "en"]'))
    with open_app(config, content=False, database=False, logging_to=False):
        assert i18n.is_right_to_left("qpr") and not i18n.is_right_to_left("qps")
        title = t("station_title", "qps", site="Riverside")
        assert pseudo.is_pseudo(title) and "Riverside" in title
        assert len(t("welcome_body", "qps")) >= 1.4 * len(t("welcome_body", "en"))
        # qpr tests direction, not length: the same length, in Hebrew letters, bracketed.
        assert pseudo.is_pseudo(t("welcome_title", "qpr"))
        assert len(t("welcome_title", "qpr")) == len("Welcome") + 2
        months = month_names("qps")
        assert len(months) == 12 and all(pseudo.is_pseudo(m) for m in months)


def test_check_fails_on_a_catalogue_it_cannot_read_naming_its_line(site, capsys):
    """A stray line in the site's French: check names the file and line, and fails."""
    pseudo.write_content(PROJECT_ROOT, site, languages=("fr",))
    broken = write_po(site, "fr", "kiosk", {"welcome_title": "Bienvenue"})
    broken.write_text(broken.read_text(encoding="utf-8") + 'msgstr "oops\n', encoding="utf-8")
    assert main(["check", "--config", str(configure(site, '["en", "fr"]'))]) == 1
    out = capsys.readouterr().out.splitlines()
    assert any(line.startswith(f"{broken}:") and "not a line of a PO file" in line
               for line in out), out
