"""`decisionaid translate` on small content: what the PO file holds, and how each kind of YAML a
person may have written takes a translation without anything else in the file moving."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from decisionaid.cli import main
from decisionaid.content.loader import check, load_content
from decisionaid.content.model import ItemRef
from decisionaid.content.texts import content_texts, missing

LANGS = ("en", "es")


def _export(root: Path, tmp_path: Path, lang: str = "vi") -> Catalog:
    out = tmp_path / f"{lang}.po"
    assert main(["translate", "export", lang, "--content", str(root), "--out", str(out)]) == 0
    with out.open("rb") as handle:
        return read_po(handle)


def _save(catalog: Catalog, path: Path) -> Path:
    with path.open("wb") as handle:
        write_po(handle, catalog)
    return path


def _translate(catalog: Catalog, texts: dict[str, str], fuzzy: set[str] = frozenset()) -> Catalog:
    for message in catalog:
        if message.context in texts:
            message.string = texts[message.context]
            if message.context in fuzzy:
                message.flags.add("fuzzy")
    return catalog


def _import(root: Path, po: Path, *extra: str) -> int:
    return main(["translate", "import", str(po), "--content", str(root), *extra])


def test_the_po_file_names_each_text_by_ids_with_its_line_and_what_it_is(content_root, tmp_path):
    catalog = _export(content_root.root, tmp_path)
    assert catalog.locale_identifier == "vi"
    sad = catalog.get("Feeling sad or down", context="questionnaires/feelings.yaml:items/sad/text")
    assert sad.locations == [("questionnaires/feelings.yaml", 14)]
    assert sad.string == ""
    label = catalog.get("Some days", context="questionnaires/feelings.yaml:items/harm-self/options/1/label")
    assert label.auto_comments == ["Answer option of: Thoughts of hurting myself"]
    caption = catalog.get("So I told my prescriber.", context="vignettes/side-story/captions:00:00:01.500")
    assert "spoken by a sample peer (a made-up person) in the video" in " ".join(caption.auto_comments)
    assert catalog.get("Side effects", context="vignettes/_topics.yaml:side-effects") is not None
    assert catalog.get("Not at all", context="questionnaires/_answer-sets.yaml:frequency/0/label") is not None


def test_an_export_into_a_site_language_carries_its_texts(content_root, tmp_path):
    catalog = _export(content_root.root, tmp_path, "es")
    entries = [m for m in catalog if m.id]
    assert entries and all(m.string for m in entries)
    assert catalog.get("Feeling sad or down", context="questionnaires/feelings.yaml:items/sad/text").string == "Sentirme triste o decaído"


def test_exporting_into_the_content_language_or_a_non_language_is_one_line(content_root, tmp_path, capsys):
    assert main(["translate", "export", "en", "--content", str(content_root.root), "--out", str(tmp_path / "x.po")]) == 2
    assert "the content is written in en" in capsys.readouterr().err
    assert main(["translate", "export", "xx", "--content", str(content_root.root), "--out", str(tmp_path / "x.po")]) == 2
    assert "'xx' is not a language code" in capsys.readouterr().err


def test_one_line_maps_take_the_new_language_inside_their_braces(content_root, tmp_path):
    root = content_root.root
    catalog = _translate(_export(root, tmp_path), {
        "questionnaires/_answer-sets.yaml:frequency/1/label": "Vài ngày, đôi khi",
        "questionnaires/decision.yaml:items/sure-1/text": "Chắc chắn?",
    })
    assert _import(root, _save(catalog, tmp_path / "vi.po")) == 0
    sets = (root / "questionnaires" / "_answer-sets.yaml").read_text(encoding="utf-8").splitlines()
    assert sets[2] == '  - {value: 1, label: {en: Some days, es: Algunos días, vi: "Vài ngày, đôi khi"}}'
    decision = (root / "questionnaires" / "decision.yaml").read_text(encoding="utf-8")
    assert '  - {id: sure-1, type: yesno, text: {en: "Sure?", es: "¿Seguro?", vi: "Chắc chắn?"}, report: decision}' in decision


def test_an_existing_text_is_replaced_where_it_stands(content_root, tmp_path):
    root = content_root.root
    path = root / "questionnaires" / "feelings.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "      es: Problemas para dormir\n", "      es: Problemas para dormir  # checked by Ana\n"), encoding="utf-8")
    before = path.read_text(encoding="utf-8").splitlines()
    catalog = _translate(_export(root, tmp_path, "es"), {
        "questionnaires/feelings.yaml:items/sleep/text": "Problemas para dormir: a veces",
        "questionnaires/feelings.yaml:intro": "Desde mi última visita,\nhasta hoy",
    })
    assert _import(root, _save(catalog, tmp_path / "es.po")) == 0
    after = path.read_text(encoding="utf-8").splitlines()
    changed = [(b, a) for b, a in zip(before, after, strict=False) if b != a]
    assert changed[0] == ("  es: Desde mi última visita", "  es: |-")
    assert after[8:11] == ["  es: |-", "    Desde mi última visita,", "    hasta hoy"]
    assert '      es: "Problemas para dormir: a veces"  # checked by Ana' in after
    content = load_content(root, LANGS)
    assert content.questionnaires[0].intro["es"] == "Desde mi última visita,\nhasta hoy"


def test_a_text_written_once_for_every_language_becomes_a_map(content_root, tmp_path):
    root = content_root.root
    path = root / "vignettes" / "side-story" / "vignette.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("peer:\n  en: Sam (test video)\n  es: Sam (video de prueba)\n", "peer: Sam\n"), encoding="utf-8")
    exported = _export(root, tmp_path)
    peer = exported.get("Sam", context="vignettes/side-story/vignette.yaml:peer")
    assert peer.string == "Sam" and "the same in every language" in " ".join(peer.auto_comments)
    assert _import(root, _save(exported, tmp_path / "same.po")) == 0
    assert "peer: Sam\n" in path.read_text(encoding="utf-8")  # kept as it was
    catalog = _translate(exported, {"vignettes/side-story/vignette.yaml:peer": "Sam (video thử)"})
    assert _import(root, _save(catalog, tmp_path / "vi.po")) == 0
    assert 'peer: {en: "Sam", es: "Sam", vi: "Sam (video thử)"}\n' in path.read_text(encoding="utf-8")
    assert check(root, LANGS).errors == []


def test_fuzzy_untranslated_unknown_and_unusable_entries_are_counted_and_named(content_root, tmp_path, capsys):
    root = content_root.root
    catalog = _translate(_export(root, tmp_path), {
        "questionnaires/feelings.yaml:items/sad/text": "Cảm thấy buồn",
        "questionnaires/feelings.yaml:items/sleep/text": "Khó ngủ",
        "questionnaires/feelings.yaml:title": "**Tôi đã thế nào",
    }, fuzzy={"questionnaires/feelings.yaml:items/sleep/text"})
    catalog.add("Gone", "Đã mất", context="questionnaires/feelings.yaml:items/gone/text")
    po = _save(catalog, tmp_path / "vi.po")
    capsys.readouterr()
    assert _import(root, po) == 1
    out, err = capsys.readouterr()
    assert "imported 1 texts in vi into 1 files" in out
    assert "skipped 1 fuzzy" in out
    assert "no text at 'questionnaires/feelings.yaml:items/gone/text'" in err
    assert "opens bold with ** and never closes it" in err
    text = (root / "questionnaires" / "feelings.yaml").read_text(encoding="utf-8")
    assert "vi: Cảm thấy buồn" in text and "Khó ngủ" not in text


def test_a_dry_run_says_what_would_change_and_writes_nothing(content_root, tmp_path, capsys):
    root = content_root.root
    catalog = _translate(_export(root, tmp_path), {"vignettes/_topics.yaml:side-effects": "Tác dụng phụ"})
    before = (root / "vignettes" / "_topics.yaml").read_bytes()
    capsys.readouterr()
    assert _import(root, _save(catalog, tmp_path / "vi.po"), "--check") == 0
    out = capsys.readouterr().out
    assert "would change " in out and "vignettes/_topics.yaml:side-effects" in out
    assert (root / "vignettes" / "_topics.yaml").read_bytes() == before


def test_nothing_is_written_when_the_content_would_not_pass_the_check(content_root, tmp_path, capsys):
    root = content_root.root
    catalog = _translate(_export(root, tmp_path), {"vignettes/_topics.yaml:side-effects": "Tác dụng phụ"})
    content_root.write("questionnaires/broken.yaml", "id: broken\nversion: 1\norder: 5\ntitle: X\nitems:\n  - {id: a, type: scael, text: A}\n")
    before = (root / "vignettes" / "_topics.yaml").read_bytes()
    capsys.readouterr()
    assert _import(root, _save(catalog, tmp_path / "vi.po")) == 1
    err = capsys.readouterr().err
    assert "nothing written: after the import the content would not pass the check" in err
    assert f"{root}/questionnaires/broken.yaml:6: item 'a' has type 'scael'" in err
    assert (root / "vignettes" / "_topics.yaml").read_bytes() == before


def test_captions_and_transcripts_are_written_whole_or_not_at_all(content_root, tmp_path, capsys):
    root = content_root.root
    story = root / "vignettes" / "side-story"
    half = {"vignettes/side-story/captions:00:00:00.000": "Lúc nào tôi cũng buồn ngủ."}
    catalog = _translate(_export(root, tmp_path), half)
    capsys.readouterr()
    assert _import(root, _save(catalog, tmp_path / "half.po")) == 0
    assert "1 of 2 captions have no translation" in capsys.readouterr().err
    assert not (story / "captions.vi.vtt").exists()
    whole = {**half, "vignettes/side-story/captions:00:00:01.500": "Nên tôi đã nói với bác sĩ kê đơn của tôi.",
             "vignettes/side-story/transcript:1": "Lúc nào tôi cũng buồn ngủ. Nên tôi đã nói."}
    assert _import(root, _save(_translate(_export(root, tmp_path), whole), tmp_path / "whole.po")) == 0
    assert (story / "captions.vi.vtt").read_text(encoding="utf-8") == (
        "WEBVTT\n\n00:00:00.000 --> 00:00:01.500\nLúc nào tôi cũng buồn ngủ.\n\n"
        "00:00:01.500 --> 00:00:02.900\nNên tôi đã nói với bác sĩ kê đơn\ncủa tôi.\n")
    assert (story / "transcript.vi.txt").read_text(encoding="utf-8") == "Lúc nào tôi cũng buồn ngủ. Nên tôi đã nói.\n"
    assert "captions: {en: captions.en.vtt, es: captions.es.vtt, vi: captions.vi.vtt}" in (story / "vignette.yaml").read_text(encoding="utf-8")


def test_windows_line_endings_stay(content_root, tmp_path):
    root = content_root.root
    path = root / "vignettes" / "_topics.yaml"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    catalog = _translate(_export(root, tmp_path), {"vignettes/_topics.yaml:side-effects": "Tác dụng phụ"})
    assert _import(root, _save(catalog, tmp_path / "vi.po")) == 0
    assert path.read_bytes().endswith("  es: Efectos secundarios\r\n  vi: Tác dụng phụ\r\n".encode())


def test_texts_lacking_a_language_are_found_with_their_lines(content_root):
    texts = content_texts(content_root.root, "en")
    assert missing(texts, "es") == []
    lacking = missing(texts, "vi")
    assert len(lacking) == len(texts)
    sad = next(t for t in lacking if t.location == "questionnaires/feelings.yaml:items/sad/text")
    assert sad.line == 13 and sad.line_in("en") == 14


def test_the_imported_language_reads_through_the_loader(content_root, tmp_path):
    root = content_root.root
    catalog = _export(root, tmp_path)
    for message in catalog:
        if message.id:
            message.string = f"«{message.id}»"
    assert _import(root, _save(catalog, tmp_path / "vi.po")) == 0
    content = load_content(root, ("en", "es", "vi"))
    assert content.item(ItemRef("feelings", "harm-self")).options[1].label["vi"] == "«Some days»"
    assert content.item(ItemRef("feelings", "sad")).options[2].label["vi"] == "«Most days»"


def _site(tmp_path: Path, languages: tuple[str, ...]) -> str:
    config = tmp_path / "site.toml"
    config.write_text("languages = [" + ", ".join(f'"{lang}"' for lang in languages) + "]\n", encoding="utf-8")
    return str(config)


def test_check_warns_of_a_language_begun_but_not_yet_a_site_language(content_root, tmp_path, capsys):
    root = content_root.root
    catalog = _translate(_export(root, tmp_path), {"vignettes/_topics.yaml:side-effects": "Tác dụng phụ"})
    assert _import(root, _save(catalog, tmp_path / "vi.po")) == 0
    capsys.readouterr()
    assert main(["check", str(root), "--config", _site(tmp_path, LANGS)]) == 0
    out = capsys.readouterr().out
    total = len(content_texts(root, "en"))
    assert (f"{root}/questionnaires/_answer-sets.yaml:2: the content is being translated into 'vi', which is not in "
            f"the site's languages: {total - 1} of {total} content texts have no 'vi' text (first: ") in out
    assert out.rstrip().endswith("OK, with 1 warning")
    assert main(["check", str(root), "--strict", "--config", _site(tmp_path, LANGS)]) == 1


def test_check_sums_up_what_a_site_language_lacks_and_how_to_translate_it(content_root, tmp_path, capsys):
    from test_translate_round_trip import program_words

    root = content_root.root
    program_words(root / "locale", "vi", "[vi] ")  # the screens speak it; the content does not yet
    config = tmp_path / "site-vi.toml"
    config.write_text(f'languages = ["en", "es", "vi"]\ncontent_dir = "{root}"\n', encoding="utf-8")
    assert main(["check", str(root), "--config", str(config)]) == 1
    err = capsys.readouterr().err
    total = len(content_texts(root, "en"))
    assert (f"{total} of {total} content texts have no 'vi' text (first: {root}/questionnaires/_answer-sets.yaml:2, ") in err
    assert "'decisionaid translate export vi' writes them to a PO file to translate" in err


def test_a_text_named_twice_through_an_alias_is_written_once(content_root, tmp_path):
    root = content_root.root
    content_root.write("questionnaires/_answer-sets.yaml", """
        frequency:
          - {value: 0, label: &never {en: Not at all, es: Nunca}}
          - {value: 1, label: {en: Some days, es: Algunos días}}
          - {value: 2, label: {en: Most days, es: La mayoría de los días}}
          - {value: 3, label: {en: Every day, es: Todos los días}}
        rarely:
          - {value: 0, label: *never}
          - {value: 1, label: {en: Often, es: A menudo}}
    """)
    catalog = _translate(_export(root, tmp_path), {
        "questionnaires/_answer-sets.yaml:frequency/0/label": "Không bao giờ",
        "questionnaires/_answer-sets.yaml:rarely/0/label": "Không bao giờ",
    })
    assert _import(root, _save(catalog, tmp_path / "vi.po")) == 0
    text = (root / "questionnaires" / "_answer-sets.yaml").read_text(encoding="utf-8")
    assert "label: &never {en: Not at all, es: Nunca, vi: Không bao giờ}}" in text
    assert "  - {value: 0, label: *never}" in text


def test_gettext_tools_accept_the_exported_file(content_root, tmp_path):
    if shutil.which("msgfmt") is None:
        pytest.skip("msgfmt (GNU gettext) is not installed")
    _export(content_root.root, tmp_path, "es")
    result = subprocess.run(["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(tmp_path / "es.po")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert f"{len(content_texts(content_root.root, 'en'))} translated messages" in result.stderr
