"""`decisionaid check` reads like an editor: hard reading and one-sided stories are warnings
naming the file, the line and what makes them so; a draft is checked with the clinic's content."""

from __future__ import annotations

import re
import shutil

import pytest

from decisionaid.cli import main
from decisionaid.content.readability import reading, syllables_en, syllables_es

HARD = (
    "Pharmacological interventions necessitate comprehensive evaluation of "
    "contraindications, considering cumulative physiological consequences."
)
GRADE_12 = """\
id: extra
version: 1
order: 9
title: Extra
items:
  - id: hard
    type: yesno
    text:
      en: Have you considered whether the medication adjustments recommended previously remain appropriate, considering your circumstances?
      es: ¿Has pensado si el cambio de medicina aún te sirve?
"""


@pytest.mark.parametrize(("word", "count"), [("cat", 1), ("medicine", 3), ("table", 2), ("wanted", 2), ("talked", 1), ("breastfeeding", 3)])
def test_english_syllables(word, count):
    assert syllables_en(word) == count


@pytest.mark.parametrize(("word", "count"), [("medicamentos", 5), ("día", 2), ("leer", 2), ("guitarra", 3), ("hoy", 1), ("ciudad", 2), ("pingüino", 3)])
def test_spanish_syllables(word, count):
    assert syllables_es(word) == count


def test_plain_texts_read_easy_and_hard_ones_do_not():
    assert reading("How did you sleep this week?", "en").score < 6
    assert reading(HARD, "en").score > 16
    assert reading("¿Cómo te fue con el sueño?", "es").score > 70
    assert reading("Intervenciones farmacológicas necesitan evaluación comprehensiva.", "es").score < 30
    assert reading("Yes", "en") is None  # too short to measure


def test_a_grade_12_question_is_a_warning_with_its_file_line_and_hard_words(content_root, capsys):
    path = content_root.write("questionnaires/extra.yaml", GRADE_12)
    assert main(["check", str(content_root.root)]) == 0
    out = capsys.readouterr().out.splitlines()
    warning = next(line for line in out if line.startswith(f"{path}:9:"))
    grade = float(re.search(r"item 'hard' text in 'en' reads at grade ([\d.]+) \(Flesch–Kincaid\)", warning)[1])
    assert grade >= 12
    assert "above the target of grade 10" in warning and "long words: considered, medication" in warning
    assert warning.endswith("(warning)")
    assert out[-1].endswith("OK, with 1 warning")
    assert not any(":10:" in line for line in out)  # the Spanish reads easily


def test_a_long_sentence_is_named(content_root, capsys):
    long = " ".join(["I like to go out and see my friends and walk my dog in the park"] * 2) + "."
    content_root.write("questionnaires/extra.yaml", GRADE_12.replace(
        "Have you considered whether the medication adjustments recommended previously remain appropriate, considering your circumstances?",
        long))
    config = content_root.root / "site.toml"
    config.write_text("[reading_targets]\nen = 2\n")
    assert main(["check", "--config", str(config), str(content_root.root)]) == 0
    out = capsys.readouterr().out
    assert "a 32-word sentence (\"I like to go out" in out and "split it" in out


def test_the_clinic_can_make_reading_levels_fail(content_root, capsys):
    content_root.write("questionnaires/extra.yaml", GRADE_12)
    config = content_root.root / "site.toml"
    config.write_text("reading_level_fails = true\n")
    assert main(["check", "--config", str(config), str(content_root.root)]) == 1
    assert "reads at grade" in capsys.readouterr().out
    assert main(["check", "--strict", str(content_root.root)]) == 1


def test_a_clinic_target_is_used(content_root, capsys):
    content_root.write("questionnaires/extra.yaml", GRADE_12)
    config = content_root.root / "site.toml"
    config.write_text("[reading_targets]\nen = 30\n")
    assert main(["check", "--config", str(config), str(content_root.root)]) == 0
    assert "warning" not in capsys.readouterr().out


def _second_story(content_root, vid: str, leans: str) -> None:
    shutil.copytree(content_root.root / "vignettes" / "side-story", content_root.root / "vignettes" / vid)
    path = content_root.root / "vignettes" / vid / "vignette.yaml"
    path.write_text(path.read_text().replace("id: side-story", f"id: {vid}") + f"leans: {leans}\n")


def test_stories_all_on_one_side_of_a_decision_are_a_warning(content_root, capsys):
    _second_story(content_root, "change-story", "toward")
    _second_story(content_root, "other-change", "toward")
    assert main(["check", str(content_root.root)]) == 0
    out = capsys.readouterr().out
    assert "the stories on the topic 'side-effects' all lean toward (change-story, other-change)" in out
    assert "add a story that leans away or both" in out
    story = content_root.root / "vignettes" / "other-change" / "vignette.yaml"
    story.write_text(story.read_text().replace("leans: toward", "leans: {side-effects: away}"))
    assert main(["check", str(content_root.root)]) == 0
    assert "lean" not in capsys.readouterr().out


def test_a_wrong_lean_is_an_error_with_its_line(content_root, capsys):
    _second_story(content_root, "change-story", "towards")
    assert main(["check", str(content_root.root)]) == 1
    assert "vignette.yaml:17: 'leans' says which way the story leans on the decision: toward, away or both, not 'towards' (did you mean 'toward'?)" in capsys.readouterr().out


def test_the_shipped_decision_stories_show_both_sides(capsys):
    assert main(["check"]) == 0
    assert "warning" not in capsys.readouterr().out


def test_a_draft_elsewhere_is_checked_with_the_configured_content(content_root, tmp_path, capsys):
    config = tmp_path / "site.toml"
    config.write_text(f'content_dir = "{content_root.root}"\n')
    draft = tmp_path / "drafts" / "feelings.yaml"
    draft.parent.mkdir()
    source = (content_root.root / "questionnaires" / "feelings.yaml").read_text()
    draft.write_text(source)
    assert main(["check", "--config", str(config), str(draft)]) == 0
    out = capsys.readouterr().out
    assert "OK" in out and "on its own" not in out
    draft.write_text(source + "  - {id: story, type: info, text: Watch this, vignette: side-stroy}\n")
    assert main(["check", "--config", str(config), str(draft)]) == 1
    assert "there is no vignette 'side-stroy' in the vignettes folder (did you mean 'side-story'?)" in capsys.readouterr().out


def test_a_bad_reading_target_is_one_line(tmp_path, capsys):
    config = tmp_path / "site.toml"
    config.write_text("[reading_targets]\nen = \"easy\"\n")
    assert main(["check", "--config", str(config)]) == 2
    err = capsys.readouterr().err.strip()
    assert "reading_targets must be a table of numbers by language" in err and "\n" not in err
