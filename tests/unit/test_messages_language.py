"""The command line and the services speak the language of the person using them (LANG), through
the ``messages`` catalogue; a language with no catalogue, or none asked for, gets English."""

from __future__ import annotations

import os
import string
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from decisionaid import i18n
from decisionaid.cli import main

LOCALE = i18n.PACKAGE_LOCALE_DIR
BROKEN = "id: extra\nversion: 1\norder: 5\ntitle: X\nitems:\n  - {id: a, type: scael, text: A}\n"
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def decisionaid(*args: str, lang: str | None) -> subprocess.CompletedProcess:
    """The command as a terminal user runs it, with ``LANG=lang`` (None: no locale set at all)."""
    env = {k: v for k, v in os.environ.items() if k not in LOCALE_VARIABLES}
    if lang is not None:
        env["LANG"] = lang
    return subprocess.run([sys.executable, "-m", "decisionaid", *args], capture_output=True,
                          text=True, env=env, timeout=120)


@pytest.fixture
def broken_file(tmp_path: Path) -> Path:
    path = tmp_path / "extra.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    return path


@pytest.fixture
def speaking(monkeypatch):
    """Run the command in this process as if the terminal's LANG were the one given."""

    def set_lang(lang: str) -> None:
        for name in LOCALE_VARIABLES:
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("LANG", lang)
        i18n.set_language(None)  # read from the environment again

    return set_lang


# --- what a clinic admin sees ------------------------------------------------------------------


def test_a_broken_content_file_is_explained_in_spanish_with_its_file_and_line(broken_file):
    result = decisionaid("check", str(broken_file), lang="es_ES.UTF-8")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{broken_file}:6: la pregunta 'a' tiene el tipo 'scael' (¿quería decir 'scale'?); los "
        "tipos son: scale, choice, multi, yesno, text, info, vignettes"
    ]
    assert result.stderr.strip() == "1 problema encontrado"


@pytest.mark.parametrize("lang", ["C", None, "fr_FR.UTF-8", "en_US.UTF-8"])
def test_without_a_catalogue_for_the_terminal_language_the_check_speaks_english(broken_file, lang):
    result = decisionaid("check", str(broken_file), lang=lang)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{broken_file}:6: item 'a' has type 'scael' (did you mean 'scale'?); the types are: "
        "scale, choice, multi, yesno, text, info, vignettes"
    ]
    assert result.stderr.strip() == "1 problem found"


def test_a_database_command_that_fails_says_why_in_mexican_spanish(tmp_path, speaking, capsys):
    speaking("es_MX.UTF-8")
    missing = tmp_path / "nowhere.toml"
    assert main(["db", "status", "--config", str(missing)]) == 2
    assert capsys.readouterr().err == (
        f"decisionaid: no se encuentra el archivo de configuración: {missing}\n")


@pytest.mark.parametrize("lang", ["C.UTF-8", "fr_FR.UTF-8"])
def test_the_same_failure_is_english_without_a_catalogue(tmp_path, speaking, capsys, lang):
    speaking(lang)
    missing = tmp_path / "nowhere.toml"
    assert main(["db", "status", "--config", str(missing)]) == 2
    assert capsys.readouterr().err == f"decisionaid: config file not found: {missing}\n"


def test_a_wrong_setting_names_the_key_in_spanish_and_leaves_the_key_as_it_is(tmp_path, speaking,
                                                                             capsys):
    speaking("es_ES.UTF-8")
    config = tmp_path / "config.toml"
    config.write_text('paper = "legal"\n', encoding="utf-8")
    assert main(["db", "status", "--config", str(config)]) == 2
    assert capsys.readouterr().err == (
        f"decisionaid: {config}: paper debe ser \"letter\" o \"a4\", no 'legal'\n")


def test_the_help_of_a_command_is_in_spanish_and_argparse_keeps_its_own_words(speaking, capsys):
    speaking("es_ES.UTF-8")
    with pytest.raises(SystemExit):
        main(["purge", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "Borra cada visita que empezó hace más de DAYS días" in out
    assert "--older-than DAYS" in out


def test_a_count_takes_the_spanish_form_of_its_number(tmp_path, speaking, capsys):
    speaking("es_ES.UTF-8")
    path = tmp_path / "two.yaml"
    path.write_text(BROKEN + "  - {id: b, type: scael, text: B}\n", encoding="utf-8")
    assert main(["check", str(path)]) == 1
    assert capsys.readouterr().err.strip() == "2 problemas encontrados"


def test_the_suite_and_the_commands_it_starts_speak_english_whatever_the_developers_language():
    assert i18n.current_language() == "en"
    code = "from decisionaid import i18n; print(i18n.current_language())"
    started = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             timeout=60)
    assert started.stdout.strip() == "en"


# --- the services raise in the current language -------------------------------------------------


def test_a_service_refuses_in_the_language_the_station_set():
    from decisionaid.services.staff import StaffError, check_pin

    i18n.set_language("es")
    with pytest.raises(StaffError, match=r"^un PIN del personal tiene de 4 a 8 dígitos$"):
        check_pin("12")
    i18n.set_language("en")
    with pytest.raises(StaffError, match=r"^a staff PIN is 4 to 8 digits$"):
        check_pin("12")


def test_a_role_refusal_names_the_action_in_the_same_language():
    from decisionaid.services import roles

    class Prescriber:
        role = "prescriber"
        disabled = False

    i18n.set_language("es")
    with pytest.raises(roles.NotAllowed) as refused:
        roles.require(Prescriber(), roles.ADMIN, "read the audit log")
    assert str(refused.value) == ("solo las cuentas admin pueden leer el registro de auditoría "
                                  "(esta cuenta es prescriber)")


# --- the shipped catalogues ---------------------------------------------------------------------


def _po_files() -> list[Path]:
    return sorted(LOCALE.glob("*/LC_MESSAGES/*.po"))


def _fields(text: str) -> list[str]:
    """The ``{placeholders}`` of a message, as ``str.format`` reads them."""
    try:
        return sorted(f"{name}!{conv}:{spec}" for _text, name, spec, conv
                      in string.Formatter().parse(text) if name is not None)
    except ValueError as e:  # an unbalanced brace: say which message
        raise AssertionError(f"{text!r}: {e}") from None


def test_spanish_has_a_messages_catalogue():
    assert (LOCALE / "es" / "LC_MESSAGES" / "messages.po").is_file()
    assert "es" in i18n.languages_with_catalogues("messages")


@pytest.mark.parametrize("path", _po_files(), ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_every_translation_keeps_exactly_the_placeholders_of_its_message(path):
    with path.open("rb") as f:
        catalog = read_po(f)
    wrong = []
    for message in catalog:
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for translated in strings:
            if translated and _fields(translated) != _fields(ids[-1]) and \
                    _fields(translated) != _fields(ids[0]):
                wrong.append((ids[0], translated))
    assert wrong == []


@pytest.mark.parametrize("path", sorted(LOCALE.glob("*/LC_MESSAGES/messages.po")),
                         ids=lambda p: p.parent.parent.name)
def test_every_message_of_a_shipped_language_is_translated_and_none_is_fuzzy(path):
    with path.open("rb") as f:
        catalog = read_po(f)
    with (LOCALE / "messages.pot").open("rb") as f:
        template = read_po(f)
    assert catalog.num_plurals >= 1
    untranslated = [m.id for m in catalog if m.id and (
        not m.string or (isinstance(m.string, tuple) and not all(m.string)))]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    missing = [m.id for m in template if m.id and m.id not in catalog]
    assert (untranslated, fuzzy, missing) == ([], [], [])
