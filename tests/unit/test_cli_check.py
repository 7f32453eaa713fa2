"""`decisionaid check` as a clinic admin uses it after editing a file."""

from __future__ import annotations

import re
import subprocess
import sys

from decisionaid.cli import main
from decisionaid.config import PROJECT_ROOT


def test_shipped_content_passes_with_one_summary_line(capsys):
    assert main(["check"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1
    assert re.fullmatch(r"\d+ questionnaires, \d+ items, \d+ vignettes: OK", out[0])


def test_a_broken_file_prints_file_line_and_exits_1(content_root, capsys):
    path = content_root.write("questionnaires/extra.yaml", "id: extra\nversion: 1\norder: 5\ntitle: X\nitems:\n  - {id: a, type: scael, text: A}\n")
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out.strip().splitlines()
    assert out == [f"{path}:6: item 'a' has type 'scael' (did you mean 'scale'?); the types are: scale, choice, multi, yesno, text, info, vignettes"]


def test_checking_one_file_reports_only_that_file(content_root, capsys):
    content_root.write("questionnaires/broken.yaml", "id: [\n")
    good = content_root.root / "questionnaires" / "feelings.yaml"
    assert main(["check", str(good)]) == 0
    assert capsys.readouterr().out.startswith("1 questionnaire, 5 items, 0 vignettes: OK")


def test_a_vignette_folder_can_be_checked_alone(content_root, capsys):
    assert main(["check", str(content_root.root / "vignettes" / "side-story")]) == 0
    assert "0 questionnaires, 0 items, 1 vignette: OK" in capsys.readouterr().out


def test_a_missing_path_is_one_line_and_exit_2():
    result = subprocess.run(
        [sys.executable, "-m", "decisionaid", "check", "/no/such/place"], capture_output=True, text=True
    )
    assert result.returncode == 2
    assert result.stderr.strip() == "decisionaid: /no/such/place: no such file or folder"
    assert "Traceback" not in result.stderr


def test_a_folder_with_no_questionnaires_is_an_error(tmp_path, capsys):
    (tmp_path / "questionnaires").mkdir()
    assert main(["check", str(tmp_path)]) == 1
    assert "no questionnaires found" in capsys.readouterr().out


def test_the_shipped_content_root_is_the_default():
    assert (PROJECT_ROOT / "questionnaires").is_dir()


def test_a_questionnaire_file_anywhere_is_checked_with_the_answer_sets_beside_it(content_root, tmp_path, capsys):
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "_answer-sets.yaml").write_text((content_root.root / "questionnaires" / "_answer-sets.yaml").read_text())
    draft = drafts / "new.yaml"
    draft.write_text("id: new\nversion: 1\norder: 5\ntitle: New\nitems:\n  - {id: a, type: scale, text: A, options: frequency}\n")
    assert main(["check", str(draft)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1 questionnaire, 1 items, 0 vignettes: OK") and "on its own" in out
    draft.write_text(draft.read_text().replace("frequency", "frequncy"))
    assert main(["check", str(draft)]) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        f"{draft}:6: no answer set named 'frequncy' in _answer-sets.yaml (did you mean 'frequency'?)"
    )


def test_a_file_anywhere_that_is_not_a_questionnaire_is_not_ok(tmp_path, capsys):
    stray = tmp_path / "notes.yaml"
    stray.write_text("shopping: [milk]\n")
    assert main(["check", str(stray)]) == 1
    assert f"{stray}:1: the questionnaire needs 'id'" in capsys.readouterr().out


def test_control_characters_in_a_file_anywhere_are_one_line_each(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"id: x\nversion: 2024-13-45\ntitle: a\x00b\n")
    result = subprocess.run([sys.executable, "-m", "decisionaid", "check", str(bad)], capture_output=True, text=True)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stdout.splitlines() == [f"{bad}:3: this line holds a control character (U+0000) that a text file should not have; delete it (copying from another program can bring it in)"]


def test_a_vignettes_folder_with_nothing_in_it_is_an_error_not_ok(tmp_path, capsys):
    (tmp_path / "vignettes").mkdir()
    assert main(["check", str(tmp_path / "vignettes")]) == 1
    assert "nothing to check here" in capsys.readouterr().out


def test_the_answer_sets_file_alone_is_checked(content_root, capsys):
    assert main(["check", str(content_root.root / "questionnaires" / "_answer-sets.yaml")]) == 0
    assert capsys.readouterr().out.strip() == "1 file of answer sets or topics: OK"


def test_the_topics_file_alone_is_checked(content_root, capsys):
    content_root.write("vignettes/_topics.yaml", "side-effects: {en: Side effects}\n")
    assert main(["check", str(content_root.root / "vignettes" / "_topics.yaml")]) == 1
    assert "has no 'es' text" in capsys.readouterr().out


def test_a_yml_file_in_the_questionnaires_folder_is_named_as_not_read(content_root, capsys):
    path = content_root.write("questionnaires/extra.yml", "id: extra\n")
    assert main(["check", str(path)]) == 1
    assert capsys.readouterr().out.splitlines()[0] == f"{path}:1: content files end in .yaml, and this one is not read: rename it extra.yaml"
