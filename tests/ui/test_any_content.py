"""Any content that `decisionaid check` accepts runs: the demo walks a whole visit and prints a
one-page report, and the questionnaires export, with a clinic's own small content folders (no
stories, one language, one questionnaire, no scores, no safety questions)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pypdf
import pytest
from fhir.resources.R4B.questionnaire import Questionnaire as FhirQuestionnaire

from decisionaid.cli import main

ONE_QUESTIONNAIRE = """\
id: how-you-are
version: 1
order: 1
title: {title}
items:
  - id: mood
    type: choice
    text: {mood}
    options:
      - {{value: good, label: {good}}}
      - {{value: low, label: {low}}}
  - id: notes
    type: text
    text: {notes}
"""
ENGLISH = {"title": "How you are", "mood": "How is your mood?", "good": "Good", "low": "Low",
           "notes": "Anything else to tell your prescriber?"}
SPANISH = {"title": "Cómo estás", "mood": "\"¿Cómo está tu ánimo?\"", "good": "Bien", "low": "Bajo",
           "notes": "\"¿Algo más para quien te receta?\""}
BOTH = {key: f"{{en: \"{ENGLISH[key]}\", es: {SPANISH[key] if SPANISH[key].startswith(chr(34)) else chr(34) + SPANISH[key] + chr(34)}}}"
        for key in ENGLISH}
YESNO_AND_INFO = """\
id: quick
version: 1
order: 1
title: Quick
items:
  - {id: hello, type: info, text: Hello. This is a short check-in.}
  - {id: slept, type: yesno, text: "Did you sleep well this week?"}
"""
SCALES_WITH_A_SCORE = """\
id: week
version: 1
order: 1
title: This week
items:
  - {id: sad, type: scale, text: Feeling sad, options: often, better: lower}
  - {id: worried, type: scale, text: Feeling worried, options: often, better: lower}
scores:
  - id: total
    items: [sad, worried]
    label: Sad and worried
"""
ANSWER_SETS = """\
often:
  - {value: 0, label: Not at all}
  - {value: 1, label: Some days}
  - {value: 2, label: Most days}
"""

FOLDERS = {
    "english only, one questionnaire, no stories": (["en"], {"questionnaires/only.yaml": ONE_QUESTIONNAIRE.format(**ENGLISH)}),
    "spanish only": (["es"], {"questionnaires/only.yaml": ONE_QUESTIONNAIRE.format(**SPANISH)}),
    "two languages, an empty stories folder": (["en", "es"], {
        "questionnaires/only.yaml": ONE_QUESTIONNAIRE.format(**BOTH), "vignettes/_topics.yaml":
        "side-effects: {en: Side effects, es: Efectos secundarios}\n"}),
    "only yes/no and info items": (["en"], {"questionnaires/quick.yaml": YESNO_AND_INFO}),
    "scales and a score, no flags": (["en"], {
        "questionnaires/week.yaml": SCALES_WITH_A_SCORE, "questionnaires/_answer-sets.yaml": ANSWER_SETS}),
}


def _content(root: Path, languages: list[str], files: dict[str, str], database: str) -> Path:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    config = root / "site.toml"
    config.write_text(f"languages = {json.dumps(languages)}\ncontent_dir = \"{root}\"\n"
                      f"database_url = \"{database}\"\n", encoding="utf-8")
    return config


@pytest.mark.parametrize("case", sorted(FOLDERS))
def test_the_demo_runs_with_any_content_check_accepts(case, tmp_path, capsys):
    languages, files = FOLDERS[case]
    database = f"sqlite:///{tmp_path / 'visits.db'}"
    config = _content(tmp_path / "content", languages, files, database)
    assert main(["check", "--config", str(config)]) == 0, capsys.readouterr().out
    assert main(["export-questionnaires", "--config", str(config), "-o", str(tmp_path / "fhir")]) == 0
    for path in (tmp_path / "fhir").glob("*.json"):
        FhirQuestionnaire.model_validate(json.loads(path.read_text(encoding="utf-8")))
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-c", "import sys; from decisionaid.cli import main; sys.exit(main(sys.argv[1:]))",
         "demo", "--config", str(config), "--database", database, "--out", str(out)],
        capture_output=True, text=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, timeout=240,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "unexpected error" not in done.stderr
    report = pypdf.PdfReader(out / "report.pdf")
    assert len(report.pages) == 1
    assert (out / "01-welcome.png").is_file() and any("review" in p.name for p in out.glob("*.png"))
    # The demo's person answered the clinic's own questions, and they export and report.
    capsys.readouterr()
    assert main(["export", "--config", str(config), "--format", "csv", "-o", str(tmp_path / "a.csv")]) == 0
    answered = int(capsys.readouterr().out.split()[0])
    assert answered == sum(1 for q in files.values() if "type:" in q for line in q.splitlines()
                           if "type: " in line and "type: info" not in line)
    assert main(["export", "--config", str(config), "--format", "fhir", "-o", str(tmp_path / "a.json")]) == 0
    assert main(["report", "--config", str(config), "1", "-o", str(tmp_path / "again.pdf")]) == 0
    assert len(pypdf.PdfReader(tmp_path / "again.pdf").pages) == 1
