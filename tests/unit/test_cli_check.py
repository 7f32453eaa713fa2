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
