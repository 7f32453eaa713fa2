"""``decisionaid check`` warns when a language's texts use characters the printed report's font
cannot draw: once per language, naming the first characters and where they appear."""

from __future__ import annotations

from decisionaid import i18n
from decisionaid.cli import main
from decisionaid.config import PROJECT_ROOT, Config
from decisionaid.report.font_check import font_warnings

THAI = "สวัสดี"


def test_the_shipped_content_and_catalogues_print_in_the_reports_font():
    # Every language the program ships words for, in any catalogue: a page can be asked for
    # in each of them (a copy in the person's own language).
    shipped = {lang for domain in i18n.DOMAINS for lang in i18n.languages_with_catalogues(domain)}
    assert {"en", "es"} <= shipped
    assert font_warnings(PROJECT_ROOT, (*Config().languages, *sorted(shipped))) == []


def test_a_thai_text_in_a_site_language_is_one_warning_naming_file_and_line(content_root, capsys):
    path = content_root.root / "questionnaires" / "feelings.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("es: Problemas para dormir", f"es: {THAI} para dormir")
                        .replace("es: Nunca", "es: 你好 Nunca"), encoding="utf-8")
    sleep = text.splitlines().index("      es: Problemas para dormir") + 1
    never = next(i for i, line in enumerate(text.splitlines(), 1) if "es: Nunca" in line)
    assert main(["check", str(content_root.root)]) == 0  # a warning, not an error
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 2 and out[1].endswith("OK, with 1 warning")
    assert out[0] == (
        f"{path}:{sleep}: the 'es' texts use characters the printed report's font (DejaVu Sans) "
        "cannot draw: ส (U+0E2A), ว (U+0E27), ั (U+0E31), ด (U+0E14), ี (U+0E35) and 2 more; "
        "the page prints □ in their place (warning)")
    # The first few characters are named where they first appear; here all in one place.
    assert f":{never}" not in out[0]


def test_the_warning_names_each_place_of_the_first_characters(content_root):
    path = content_root.root / "questionnaires" / "feelings.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("es: Problemas para dormir", "es: ก para dormir")
                        .replace("es: Nunca", "es: 你 Nunca"), encoding="utf-8")
    lines = text.splitlines()
    sleep = lines.index("      es: Problemas para dormir") + 1
    never = next(i for i, line in enumerate(lines, 1) if "es: Nunca" in line)
    [warning] = font_warnings(content_root.root, ("en", "es"))
    assert (warning.path, warning.line) == (str(path), sleep)
    assert "ก (U+0E01), 你 (U+4F60) (also at " + f"{path}:{never})" in warning.message


def test_strict_makes_the_warning_fail_the_check(content_root, capsys):
    path = content_root.root / "vignettes" / "side-story" / "vignette.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "es: Una historia corta", "es: 一个 historia corta"), encoding="utf-8")
    assert main(["check", "--strict", str(content_root.root)]) == 1
    assert "一 (U+4E00), 个 (U+4E2A); the page prints □" in capsys.readouterr().out


def test_a_site_catalogue_the_font_cannot_print_is_named_by_file_and_line(content_root):
    po = content_root.write("locale/th/LC_MESSAGES/report.po", f'''
        msgid ""
        msgstr ""
        "Content-Type: text/plain; charset=UTF-8\\n"

        msgid "ALERTS"
        msgstr "{THAI}"
        ''')
    [warning] = font_warnings(content_root.root, ("en", "th"))
    assert (warning.path, warning.line) == (str(po), 5)
    assert warning.message.startswith("the 'th' texts use characters")
    # A language the site does not use is not looked at.
    assert font_warnings(content_root.root, ("en", "es")) == []


def test_texts_in_one_language_are_not_counted_against_another(content_root):
    path = content_root.root / "questionnaires" / "feelings.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "en: Trouble sleeping", "en: Trouble sleeping 😴"), encoding="utf-8")
    [warning] = font_warnings(content_root.root, ("en", "es"))
    assert "'en' texts" in warning.message and "U+1F634" in warning.message
