"""The languages a report can be written in are the languages with a ``report`` catalogue:
English, the shipped ones, and any a clinic adds as files in its content folder's ``locale/``."""

from __future__ import annotations

from pathlib import Path

import pytest

from decisionaid import i18n
from decisionaid.config import Config, report_languages
from decisionaid.config import _parse as parse_config
from decisionaid.errors import ConfigError

FRENCH = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "ALERTS"\nmsgstr "ALERTES"\n'


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A content folder whose locale/ holds a French report catalogue."""
    po = tmp_path / "content" / "locale" / "fr" / "LC_MESSAGES" / "report.po"
    po.parent.mkdir(parents=True)
    po.write_text(FRENCH, encoding="utf-8")
    return tmp_path / "content"


def test_english_and_the_shipped_catalogues_are_report_languages():
    assert report_languages() == ["en", "es"]
    assert parse_config({"report_language": "es"}, None).report_lang == "es"
    assert parse_config({"report_language": "en"}, None).report_lang == "en"


def test_a_catalogue_in_the_content_folder_adds_a_report_language(site):
    assert report_languages(site) == ["en", "es", "fr"]
    config = parse_config({"content_dir": str(site), "report_language": "fr"}, None)
    assert config.report_lang == "fr"
    # Found before any catalogue folder of the running program is set.
    assert i18n.site_dirs() == ()


def test_a_relative_content_folder_is_read_from_the_configuration_files_folder(site):
    source = site.parent / "config.toml"
    config = parse_config({"content_dir": "content", "report_language": "fr"}, source)
    assert config.report_lang == "fr"


def test_the_default_is_the_sites_first_language_when_the_report_has_its_words(site):
    assert Config(languages=("fr", "en"), content_dir=site).report_lang == "fr"
    assert Config(languages=("fr", "en")).report_lang == "en"  # no French report: English
    assert Config(languages=("es", "en")).report_lang == "es"


def test_a_language_without_a_catalogue_is_refused_in_one_line_naming_the_file_to_add(site):
    with pytest.raises(ConfigError) as refused:
        parse_config({"content_dir": str(site), "report_language": "de"}, None)
    message = str(refused.value)
    assert "\n" not in message
    assert "report_language must be one of en, es, fr" in message
    assert str(site / "locale" / "de" / "LC_MESSAGES" / "report.po") in message
    assert str(i18n.PACKAGE_LOCALE_DIR / "report.pot") in message


@pytest.mark.parametrize("value", ["klingon", 3, ["es"]])
def test_what_is_not_a_language_code_is_refused(value):
    with pytest.raises(ConfigError, match=r"report_language must be one of en, es \(the languages"):
        parse_config({"report_language": value}, None)
