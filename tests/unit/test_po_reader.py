"""The kiosk reads a PO file without Babel: the same words as Babel's compiler gives, fuzzy and
untranslated entries left out, and a broken file named by line, its words then in English."""

from __future__ import annotations

import gettext
import logging

import pytest

from decisionaid import i18n
from decisionaid.i18n import PACKAGE_LOCALE_DIR, po, pseudo
from decisionaid.i18n.catalogues import compile_file
from decisionaid.ui.common.strings import t


def _babel(path, tmp_path) -> dict:
    mo = tmp_path / (path.stem + ".mo")
    compile_file(path, mo)
    with mo.open("rb") as handle:
        return gettext.GNUTranslations(handle)._catalog


def test_the_shipped_and_pseudo_catalogues_read_as_babel_compiles_them(tmp_path):
    """Every message, context, plural form and the plural rule come out as with Babel."""
    files = sorted(PACKAGE_LOCALE_DIR.glob("*/LC_MESSAGES/*.po"))
    files += pseudo.write_catalogues(tmp_path / "locale")
    assert files
    for path in files:
        assert po.load(path)._catalog == _babel(path, tmp_path), path


def test_fuzzy_and_untranslated_messages_are_left_out(tmp_path):
    """A translation awaiting a check, or none, shows the English, as msgfmt would have it."""
    path = tmp_path / "kiosk.po"
    path.write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#, fuzzy\nmsgctxt "welcome_title"\nmsgid "Welcome"\nmsgstr "Bienvenue"\n\n'
        'msgctxt "first_time"\nmsgid "This is my first time"\nmsgstr ""\n'
        'msgctxt "been_before"\nmsgid "I\'ve been "\n"here before"\nmsgstr "Je suis "\n"déjà venu"\n',
        encoding="utf-8")
    words = po.load(path)
    assert words.pgettext("welcome_title", "Welcome") == "Welcome"
    assert words.pgettext("first_time", "This is my first time") == "This is my first time"
    assert words.pgettext("been_before", "I've been here before") == "Je suis déjà venu"


def test_a_broken_site_catalogue_is_named_and_its_words_show_from_the_shipped_one(
        tmp_path, caplog):
    """A stray line in a clinic's Spanish: the kiosk still speaks the shipped Spanish, and the
    log names the file and the line to mend."""
    path = tmp_path / "es" / "LC_MESSAGES" / "kiosk.po"
    path.parent.mkdir(parents=True)
    path.write_text('msgid ""\nmsgstr ""\n\nmsgctxt "welcome_title"\nmsgid "Welcome"\n'
                    'msgstr "Hola\n', encoding="utf-8")
    with pytest.raises(po.PoError, match=rf"^{path}:6: "):
        po.read(path)
    i18n.set_site_dirs([tmp_path])
    try:
        with caplog.at_level(logging.WARNING, logger="decisionaid.i18n"):
            assert t("welcome_title", "es") == "Te damos la bienvenida"
        assert any(str(path) in r.getMessage() and ":6:" in r.getMessage() for r in caplog.records)
    finally:
        i18n.set_site_dirs(())


def test_a_compiled_catalogue_is_read_unless_its_po_was_edited_after(tmp_path):
    """As installed, the .mo is read even if written a hair before its .po; a translator's
    later edit of the .po shows at the next start without compiling."""
    import os

    folder = tmp_path / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po_file, mo_file = folder / "kiosk.po", folder / "kiosk.mo"
    head = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    po_file.write_text(head + 'msgctxt "welcome_title"\nmsgid "Welcome"\nmsgstr "Buenas"\n',
                       encoding="utf-8")
    compile_file(po_file, mo_file)
    po_file.write_text(head + 'msgctxt "welcome_title"\nmsgid "Welcome"\nmsgstr "Hola"\n',
                       encoding="utf-8")
    now = mo_file.stat().st_mtime
    i18n.set_site_dirs([tmp_path])
    try:
        os.utime(po_file, (now + 0.01, now + 0.01))  # installed together
        i18n.forget_loaded()
        assert t("welcome_title", "es") == "Buenas"
        os.utime(po_file, (now + 60, now + 60))  # edited a minute later
        i18n.forget_loaded()
        assert t("welcome_title", "es") == "Hola"
    finally:
        i18n.set_site_dirs(())
