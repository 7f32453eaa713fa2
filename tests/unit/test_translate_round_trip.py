"""A clinic adds a third language by sending the shipped content's texts out as a PO file and
importing the translations back: the kiosk's content then reads them, and nothing else moves."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from decisionaid import i18n
from decisionaid.cli import main
from decisionaid.config import PROJECT_ROOT
from decisionaid.content.loader import check, load_content
from decisionaid.content.model import ItemRef

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="the diff is read with git")


def program_words(locale: Path, language: str, mark: str) -> None:
    """The program's own words in ``language`` (every domain's template, each word marked), as a
    clinic adds a language: in its content folder's ``locale/``."""
    for pot in sorted(i18n.PACKAGE_LOCALE_DIR.glob("*.pot")):
        with pot.open("rb") as handle:
            catalog = read_po(handle)
        catalog.locale = language
        for message in catalog:
            if message.context == i18n.LANGUAGE_NAME_CONTEXT:
                message.string = "Tiếng Việt"
            elif message.context == i18n.LANGUAGE_DIRECTION_CONTEXT:
                message.string = "ltr"
            elif isinstance(message.id, tuple):
                message.string = tuple(mark + message.id[min(i, 1)]
                                       for i in range(catalog.num_plurals))
            elif message.id:
                message.string = mark + message.id
        out = locale / language / "LC_MESSAGES" / f"{pot.stem}.po"
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("wb") as handle:
            write_po(handle, catalog)


def _site(tmp_path: Path, root: Path, languages: str) -> Path:
    config = tmp_path / f"site-{languages.replace(',', '-')}.toml"
    quoted = ", ".join(f'"{lang}"' for lang in languages.split(","))
    config.write_text(f'languages = [{quoted}]\ncontent_dir = "{root}"\n', encoding="utf-8")
    return config


def _fill(po: Path, out: Path, mark: str = "[vi] ") -> int:
    with po.open("rb") as handle:
        catalog = read_po(handle)
    count = 0
    for message in catalog:
        if message.id:
            message.string = mark + message.id
            count += 1
    with out.open("wb") as handle:
        write_po(handle, catalog)
    return count


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def shipped_copy(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("content")
    for top in ("questionnaires", "vignettes"):
        shutil.copytree(PROJECT_ROOT / top, root / top, ignore=shutil.ignore_patterns("_tools"))
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "shipped")
    return root


@pytest.fixture(scope="module")
def imported(shipped_copy: Path, tmp_path_factory):
    """The shipped content exported to vi, every entry marked, and imported back."""
    work = tmp_path_factory.mktemp("po")
    po, filled = work / "vi.po", work / "vi-filled.po"
    assert main(["translate", "export", "vi", "--content", str(shipped_copy), "--out", str(po)]) == 0
    entries = _fill(po, filled)
    assert main(["translate", "import", str(filled), "--content", str(shipped_copy)]) == 0
    program_words(shipped_copy / "locale", "vi", "[vi] ")  # the screens' words, as files too
    return shipped_copy, work, entries


def test_after_the_import_check_passes_with_the_third_language(imported, tmp_path, capsys):
    root, _, _ = imported
    capsys.readouterr()
    assert main(["check", "--config", str(_site(tmp_path, root, "en,es,vi"))]) == 0
    assert capsys.readouterr().out.strip().endswith("OK")


def test_the_loader_reads_the_vietnamese_texts(imported):
    root, _, _ = imported
    content = load_content(root, ("en", "es", "vi"))
    sad = content.item(ItemRef("how-ive-been", "sad"))
    assert sad.text["vi"] == "[vi] Feeling sad or down"
    assert sad.help["vi"] == "[vi] How often, since your last visit?"
    assert sad.options[0].label["vi"] == "[vi] Not at all"
    about = content.item(ItemRef("power-statement", "about"))
    assert about.help["vi"].startswith("[vi] It says who you are")
    assert "\n\n**Example** (someone else's words):\n" in about.help["vi"]
    assert content.topics["side-effects"]["vi"] == "[vi] Side effects"
    story = content.vignettes["hope-and-recovery"]
    assert story.title["vi"] == "[vi] Hope and recovery"
    assert story.transcript_text("vi").startswith("[vi] Hope and recovery\nLuis, a peer\n\n[vi] Hi, I'm Luis.")
    captions = Path(story.captions["vi"]).read_text(encoding="utf-8")
    assert "00:00:02.000 --> 00:00:03.954\n[vi] Hi, I'm Luis.\n" in captions


def test_a_second_export_shows_every_text_translated(imported, capsys):
    root, work, entries = imported
    again = work / "again.po"
    capsys.readouterr()
    assert main(["translate", "export", "vi", "--content", str(root), "--out", str(again)]) == 0
    assert f"{entries} already in vi, 0 to translate" in capsys.readouterr().out
    with again.open("rb") as handle:
        assert all(m.string for m in read_po(handle) if m.id)


def test_the_import_keeps_comments_and_changes_only_language_lines(imported):
    root, _, _ = imported
    comment = "    better: lower           # 0, the first answer, is the best\n"
    assert comment in (root / "questionnaires" / "how-ive-been.yaml").read_text(encoding="utf-8")
    for shipped in sorted(PROJECT_ROOT.glob("questionnaires/*.yaml")) + sorted(PROJECT_ROOT.glob("vignettes/*/vignette.yaml")):
        now = (root / shipped.relative_to(PROJECT_ROOT)).read_text(encoding="utf-8").splitlines()
        notes = [line for line in shipped.read_text(encoding="utf-8").splitlines() if "#" in line]
        assert [line for line in now if "#" in line and "[vi]" not in line] == notes, shipped
    diff = _git(root, "diff", "--unified=0", "--no-color")
    removed = [line for line in diff.splitlines() if line.startswith("-") and not line.startswith("---")]
    added = [line for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")]
    # Only the one-line maps of caption and transcript files change, to name the new files.
    assert all(line.startswith(("-captions: {", "-transcript: {")) for line in removed)
    body = [line for line in added if not line.startswith(("+captions: {", "+transcript: {"))]
    # Each added line is a vi key, or a line of a vi block (|-) under one.
    assert all(line.lstrip("+ ").startswith(("vi: ", "[vi] ", "**Example**", "“I am")) or line == "+"
               for line in body), [line for line in body if "vi" not in line][:5]
    assert sum(1 for line in body if line.lstrip("+ ").startswith("vi: ")) > 200


def test_an_english_edit_after_the_export_is_refused_with_its_place(tmp_path, capsys):
    root = tmp_path / "content"
    for top in ("questionnaires", "vignettes"):
        shutil.copytree(PROJECT_ROOT / top, root / top, ignore=shutil.ignore_patterns("_tools"))
    po, filled = tmp_path / "vi.po", tmp_path / "filled.po"
    assert main(["translate", "export", "vi", "--content", str(root), "--out", str(po)]) == 0
    _fill(po, filled)
    path = root / "questionnaires" / "how-ive-been.yaml"
    source = path.read_text(encoding="utf-8")
    path.write_text(source.replace("en: Feeling sad or down", "en: Feeling sad or low"), encoding="utf-8")
    capsys.readouterr()
    assert main(["translate", "import", str(filled), "--content", str(root)]) == 1
    err = capsys.readouterr().err
    assert f"{path}:14: questionnaires/how-ive-been.yaml:items/sad/text: the en text changed since the export" in err
    text = path.read_text(encoding="utf-8")
    assert "vi: \"[vi] Feeling sad or down\"" not in text
    assert "vi: \"[vi] How often, since your last visit?\"" in text  # the rest came in
    assert check(root, ("en", "es")).errors == []
