"""Odd inputs a clinic can meet give one clear line each, never a traceback: a log file that is
a symbolic link, a video name with a NUL byte or 50,000 characters, a configuration nested
5,000 deep, a data folder that cannot be one, and a language code that does not exist."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from decisionaid.cli import main

MINI = Path(__file__).resolve().parents[1] / "data" / "mini"


def said(capsys, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_a_symlinked_log_file_is_not_followed_and_the_command_still_works(tmp_path, capsys,
                                                                         monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    logs = tmp_path / "data" / "decisionaid" / "logs"
    logs.mkdir(parents=True)
    target = tmp_path / "somewhere-else.txt"
    (logs / "decisionaid.log").symlink_to(target)
    config = tmp_path / "site.toml"
    config.write_text(f'database_url = "sqlite:///{tmp_path / "d.db"}"\n', encoding="utf-8")
    code, out, err = said(capsys, "staff", "list", "--config", str(config))
    assert code == 0 and "no staff accounts yet" in out
    first = err.splitlines()[0]
    assert first.startswith("decisionaid: the log file ") and "is a symbolic link" in first
    assert "remove it" in first
    assert not target.exists()  # nothing was written through the link


@pytest.mark.parametrize("name, words", [
    ("vid\\0eo.mp4", "the video file name holds a control character (U+0000)"),
    ("v" * 50_000 + ".mp4", "is 50,004 characters long; a file name has at most 255 bytes"),
], ids=["NUL byte", "50,000 characters"])
def test_check_names_a_video_name_it_cannot_use(tmp_path, capsys, name, words):
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    story = content / "vignettes" / "side-story" / "vignette.yaml"
    story.write_text(re.sub(r"^video: .*$", lambda _: f'video: "{name}"',
                            story.read_text(encoding="utf-8"), flags=re.MULTILINE),
                     encoding="utf-8")
    code, out, err = said(capsys, "check", str(content))
    assert code != 0
    lines = [x for x in (out + err).splitlines() if "vignette.yaml" in x]
    assert len(lines) == 1 and words in lines[0] and len(lines[0]) < 400, lines


def test_a_configuration_nested_5000_deep_is_one_line(tmp_path, capsys):
    config = tmp_path / "site.toml"
    config.write_text("languages = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    code, _, err = said(capsys, "staff", "list", "--config", str(config))
    assert code == 2 and err.count("\n") == 1
    assert "nested too deeply" in err


def test_a_data_folder_under_proc_is_named_with_what_to_set(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", "/proc/self")
    code, _, err = said(capsys, "staff", "list")
    assert code == 2 and err.count("\n") == 1
    assert "cannot make the log folder /proc/self/decisionaid/logs" in err
    assert "XDG_DATA_HOME is /proc/self: set it to such a folder, or unset it" in err


@pytest.mark.parametrize("codes", ['["xx"]', '["en", "qq"]'])
def test_an_unknown_language_code_is_refused(tmp_path, capsys, codes):
    config = tmp_path / "site.toml"
    config.write_text(f"languages = {codes}\n", encoding="utf-8")
    code, _, err = said(capsys, "staff", "list", "--config", str(config))
    assert code == 2 and "is not a language code" in err and "ISO 639-1" in err


def test_known_language_codes_are_accepted(tmp_path):
    from decisionaid.config import load_config

    config = tmp_path / "site.toml"
    for lang in ("vi", "fil"):  # a language is files: its kiosk words in the content folder
        words = tmp_path / "locale" / lang / "LC_MESSAGES" / "kiosk.po"
        words.parent.mkdir(parents=True)
        words.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n')
    config.write_text('languages = ["es", "en", "vi", "fil"]\ncontent_dir = "."\n', encoding="utf-8")
    assert load_config(config).languages == ("es", "en", "vi", "fil")
