"""Every content rule: a broken file is reported as FILE:LINE with a way to mend it."""

from __future__ import annotations

import pytest

from decisionaid.content.model import ItemRef

Q = "questionnaires/extra.yaml"


def one_error(root, relative=Q) -> tuple[int, str]:
    """The single problem reported, as (line, message), for the named file."""
    errors = [e for e in root.check().errors if e.path.endswith(relative)]
    assert len(errors) == 1, [str(e) for e in root.check().errors]
    return errors[0].line, errors[0].message


def write_q(root, items: str, head: str = "") -> None:
    root.write(
        Q,
        "id: extra\nversion: 1\norder: 50\ntitle: {en: Extra, es: Extra}\n" + head + "items:\n" + items,
    )


def test_the_mini_content_passes(content_root):
    result = content_root.check()
    assert result.errors == []
    assert (result.questionnaires, result.items, result.vignettes) == (3, 11, 1)


def test_yaml_syntax_error_names_the_line_and_suggests_quotes(content_root):
    write_q(content_root, '  - {id: a, type: yesno, text: {en: Ready?, es: ¿Listo?}}\n')
    line, message = one_error(content_root)
    assert line == 6
    assert "double quotes" in message


def test_a_comma_that_cuts_a_text_in_two_is_flagged(content_root):
    write_q(content_root, "  - {id: a, type: yesno, text: {en: Yes or no, es: Sí, o no}}\n")
    line, message = one_error(content_root)
    assert line == 6
    assert "double quotes" in message


def test_missing_language_is_an_error(content_root):
    write_q(content_root, "  - id: a\n    type: yesno\n    text:\n      en: Only English\n")
    line, message = one_error(content_root)
    assert line == 8
    assert "'es'" in message


def test_unknown_key_suggests_the_right_one(content_root):
    write_q(content_root, "  - id: a\n    type: yesno\n    txt: {en: A, es: A}\n")
    errors = [e for e in content_root.check().errors if e.path.endswith(Q)]
    assert any(e.line == 8 and "did you mean 'text'" in e.message for e in errors)


def test_unknown_item_type(content_root):
    write_q(content_root, "  - id: a\n    type: scael\n    text: {en: A, es: A}\n")
    line, message = one_error(content_root)
    assert line == 7 and "did you mean 'scale'" in message


def test_bad_id_characters(content_root):
    write_q(content_root, "  - id: Sleep_More\n    type: yesno\n    text: {en: A, es: A}\n")
    line, message = one_error(content_root)
    assert line == 6 and "lowercase" in message


def test_duplicate_item_id(content_root):
    write_q(
        content_root,
        "  - {id: a, type: yesno, text: {en: A, es: A}}\n  - {id: a, type: yesno, text: {en: B, es: B}}\n",
    )
    line, message = one_error(content_root)
    assert line == 7 and "used twice" in message


def test_duplicate_questionnaire_id_across_files(content_root):
    content_root.write(
        Q, "id: feelings\nversion: 1\norder: 5\ntitle: {en: X, es: X}\nitems:\n  - {id: a, type: info, text: {en: A, es: A}}\n"
    )
    errors = content_root.check().errors
    assert len(errors) == 1, errors
    # Files are read in name order: the second file with the id is the one reported.
    assert errors[0].path.endswith("feelings.yaml") and errors[0].line == 1
    assert "extra.yaml:1" in errors[0].message


def test_duplicate_key_in_a_map(content_root):
    write_q(content_root, "  - id: a\n    type: yesno\n    text: {en: A, es: A}\n    type: text\n")
    line, message = one_error(content_root)
    assert line == 9 and "twice" in message


@pytest.mark.parametrize("missing", ["id", "version", "order", "title", "items"])
def test_questionnaire_needs_its_keys(content_root, missing):
    lines = {
        "id": "id: extra",
        "version": "version: 1",
        "order": "order: 50",
        "title": "title: {en: Extra, es: Extra}",
        "items": "items:\n  - {id: a, type: info, text: {en: A, es: A}}",
    }
    del lines[missing]
    content_root.write(Q, "\n".join(lines.values()) + "\n")
    line, message = one_error(content_root)
    assert line == 1 and f"'{missing}'" in message


def test_version_must_be_a_whole_number(content_root):
    content_root.write(Q, "id: extra\nversion: two\norder: 50\ntitle: X\nitems:\n  - {id: a, type: info, text: A}\n")
    line, message = one_error(content_root)
    assert line == 2 and "whole number" in message


def test_options_required_for_choice(content_root):
    write_q(content_root, "  - id: a\n    type: choice\n    text: {en: A, es: A}\n")
    line, message = one_error(content_root)
    assert line == 6 and "options" in message


def test_unknown_answer_set(content_root):
    write_q(content_root, "  - id: a\n    type: scale\n    text: {en: A, es: A}\n    options: frequncy\n")
    line, message = one_error(content_root)
    assert line == 9 and "did you mean 'frequency'" in message


def test_truth_word_as_value_must_be_quoted(content_root):
    write_q(
        content_root,
        "  - id: a\n    type: choice\n    text: {en: A, es: A}\n    options:\n"
        "      - {value: yes, label: {en: \"Yes\", es: Sí}}\n      - {value: 'no', label: {en: \"No\", es: \"No\"}}\n",
    )
    line, message = one_error(content_root)
    assert line == 10 and 'value: "yes"' in message


def test_duplicate_option_value(content_root):
    write_q(
        content_root,
        "  - id: a\n    type: choice\n    text: {en: A, es: A}\n    options:\n"
        "      - {value: 1, label: {en: A, es: A}}\n      - {value: 1, label: {en: B, es: B}}\n",
    )
    line, message = one_error(content_root)
    assert line == 11 and "used twice" in message


def test_uppercase_string_value(content_root):
    write_q(
        content_root,
        "  - id: a\n    type: choice\n    text: {en: A, es: A}\n    options:\n"
        "      - {value: Big, label: {en: A, es: A}}\n      - {value: small, label: {en: B, es: B}}\n",
    )
    line, message = one_error(content_root)
    assert line == 10 and "lowercase" in message


def test_scale_values_must_be_numbers_in_order(content_root):
    write_q(
        content_root,
        "  - id: a\n    type: scale\n    text: {en: A, es: A}\n    options:\n"
        "      - {value: 2, label: {en: A, es: A}}\n      - {value: 1, label: {en: B, es: B}}\n",
    )
    line, message = one_error(content_root)
    assert line == 9 and "go up" in message


def test_bad_flag_severity(content_root):
    write_q(
        content_root,
        "  - id: a\n    type: choice\n    text: {en: A, es: A}\n    options:\n"
        "      - {value: 0, label: {en: A, es: A}}\n      - {value: 1, label: {en: B, es: B}, flag: danger}\n",
    )
    line, message = one_error(content_root)
    assert line == 11 and "concern or safety" in message


def test_exclusive_outside_multi(content_root):
    write_q(
        content_root,
        "  - id: a\n    type: choice\n    text: {en: A, es: A}\n    options:\n"
        "      - {value: 0, label: {en: A, es: A}, exclusive: true}\n      - {value: 1, label: {en: B, es: B}}\n",
    )
    errors = [e for e in content_root.check().errors if e.path.endswith(Q)]
    assert errors and errors[0].line == 10 and "multi" in errors[0].message


def test_max_larger_than_options(content_root):
    write_q(
        content_root,
        "  - id: a\n    type: multi\n    text: {en: A, es: A}\n    max: 5\n    options:\n"
        "      - {value: 0, label: {en: A, es: A}}\n      - {value: 1, label: {en: B, es: B}}\n",
    )
    line, message = one_error(content_root)
    assert line == 9 and "only 2 options" in message


def test_yesno_takes_no_options(content_root):
    write_q(content_root, "  - id: a\n    type: yesno\n    text: {en: A, es: A}\n    options: frequency\n")
    line, message = one_error(content_root)
    assert line == 9 and "built in" in message


def test_trend_only_on_scale(content_root):
    write_q(content_root, "  - id: a\n    type: yesno\n    text: {en: A, es: A}\n    trend: true\n")
    line, message = one_error(content_root)
    assert line == 9 and "scale" in message


def test_max_length_only_on_text(content_root):
    write_q(content_root, "  - id: a\n    type: yesno\n    text: {en: A, es: A}\n    max_length: 10\n")
    line, message = one_error(content_root)
    assert line == 9 and "text items" in message


def test_unknown_report_section(content_root):
    write_q(content_root, "  - id: a\n    type: yesno\n    text: {en: A, es: A}\n    report: meds\n")
    line, message = one_error(content_root)
    assert line == 9 and "medicines" in message


def test_required_must_be_true_or_false(content_root):
    write_q(content_root, "  - id: a\n    type: yesno\n    text: {en: A, es: A}\n    required: maybe\n")
    line, message = one_error(content_root)
    assert line == 9 and "true or false" in message


def test_show_if_on_a_later_item(content_root):
    write_q(
        content_root,
        "  - id: a\n    type: yesno\n    text: {en: A, es: A}\n    show_if: {item: b, equals: true}\n"
        "  - id: b\n    type: yesno\n    text: {en: B, es: B}\n",
    )
    line, message = one_error(content_root)
    assert line == 9 and "earlier" in message


def test_show_if_on_an_unknown_item(content_root):
    write_q(content_root, "  - id: a\n    type: yesno\n    text: {en: A, es: A}\n    show_if: {item: feelings/slep, at_least: 1}\n")
    line, message = one_error(content_root)
    assert line == 9 and "did you mean 'sleep'" in message


def test_show_if_on_an_unknown_file(content_root):
    write_q(content_root, "  - id: a\n    type: yesno\n    text: {en: A, es: A}\n    show_if: {item: nowhere/sleep, at_least: 1}\n")
    line, message = one_error(content_root)
    assert line == 9 and "no questionnaire 'nowhere'" in message


def test_show_if_with_a_value_the_item_cannot_take(content_root):
    write_q(content_root, "  - id: a\n    type: yesno\n    text: {en: A, es: A}\n    show_if: {item: feelings/sleep, equals: 7}\n")
    line, message = one_error(content_root)
    assert line == 9 and "cannot be 7" in message


def test_show_if_on_a_later_file_is_an_error(content_root):
    content_root.write(
        "questionnaires/aaa-first.yaml",
        "id: aaa-first\nversion: 1\norder: 1\ntitle: First\nitems:\n"
        "  - id: a\n    type: yesno\n    text: A\n    show_if:\n      item: medicines/side-effects\n      equals: none\n",
    )
    line, message = one_error(content_root, "aaa-first.yaml")
    assert line == 11 and "earlier" in message


def test_show_if_needs_one_test(content_root):
    write_q(content_root, "  - id: a\n    type: yesno\n    text: A\n    show_if: {item: feelings/sleep}\n")
    line, message = one_error(content_root)
    assert line == 9 and "exactly one" in message


def test_show_if_group_must_be_a_list(content_root):
    write_q(content_root, "  - id: a\n    type: yesno\n    text: A\n    show_if:\n      all: {item: feelings/sleep, equals: 1}\n")
    line, message = one_error(content_root)
    assert line == 10 and "list of conditions" in message


def test_show_if_at_least_needs_number_values(content_root):
    write_q(content_root, "  - id: a\n    type: yesno\n    text: A\n    show_if: {item: medicines/side-effects, at_least: 1}\n")
    line, message = one_error(content_root)
    assert line == 9 and "number values" in message


def test_suggest_names_a_missing_vignette(content_root):
    write_q(
        content_root,
        "  - id: a\n    type: choice\n    text: A\n    options:\n      - {value: 0, label: A}\n"
        "      - {value: 1, label: B, suggest: [side-storey]}\n",
    )
    line, message = one_error(content_root)
    assert line == 11 and "did you mean 'side-story'" in message


def test_info_vignette_names_a_missing_vignette(content_root):
    write_q(content_root, "  - id: a\n    type: info\n    text: A\n    vignette: nobody\n")
    line, message = one_error(content_root)
    assert line == 9 and "no vignette 'nobody'" in message


def test_score_counts_a_missing_item(content_root):
    write_q(
        content_root,
        "  - {id: a, type: yesno, text: A}\n",
        head="",
    )
    path = content_root.root / Q
    path.write_text(path.read_text() + "scores:\n  - id: s\n    items: [a, b]\n    label: S\n")
    line, message = one_error(content_root)
    assert line == 9 and "'b'" in message


def test_score_flag_needs_one_bound(content_root):
    write_q(content_root, "  - {id: a, type: yesno, text: A}\n")
    path = content_root.root / Q
    path.write_text(
        path.read_text() + "scores:\n  - id: s\n    items: [a]\n    label: S\n    flag: {severity: concern, text: T}\n"
    )
    line, message = one_error(content_root)
    assert line == 11 and "at_least" in message


def test_score_over_a_text_item(content_root):
    write_q(content_root, "  - {id: a, type: text, text: A}\n")
    path = content_root.root / Q
    path.write_text(path.read_text() + "scores:\n  - id: s\n    items: [a]\n    label: S\n")
    line, message = one_error(content_root)
    assert line == 9 and "added up" in message


def test_text_that_reads_as_a_truth_value(content_root):
    write_q(content_root, "  - id: a\n    type: info\n    text:\n      en: Yes\n      es: Sí\n")
    line, message = one_error(content_root)
    assert line == 9 and "double quotes" in message


def test_empty_file(content_root):
    content_root.write(Q, "\n")
    line, message = one_error(content_root)
    assert line == 1 and "empty" in message


def test_file_that_is_a_list(content_root):
    content_root.write(Q, "- a\n- b\n")
    line, message = one_error(content_root)
    assert line == 1 and "must be a map" in message


def test_answer_sets_file_errors_name_their_line(content_root):
    content_root.write(
        "questionnaires/_answer-sets.yaml",
        (content_root.root / "questionnaires/_answer-sets.yaml").read_text()
        + "broken:\n  - {value: 1}\n  - {value: 2, label: Two}\n",
    )
    errors = [e for e in content_root.check().errors if e.path.endswith("_answer-sets.yaml")]
    assert errors and errors[0].line == 7


def test_all_errors_of_a_run_are_reported(content_root):
    write_q(
        content_root,
        "  - {id: a, type: scael, text: A}\n  - {id: b, type: yesno, text: B, trend: true}\n"
        "  - {id: c, type: text, text: C, report: nowhere}\n",
    )
    lines = sorted(e.line for e in content_root.check().errors if e.path.endswith(Q))
    assert lines == [6, 7, 8]


# --- vignettes ------------------------------------------------------------------------------

V = "vignettes/side-story/vignette.yaml"


def edit_vignette(root, old: str, new: str) -> None:
    path = root.root / V
    path.write_text(path.read_text().replace(old, new))


def test_vignette_id_must_match_folder(content_root):
    edit_vignette(content_root, "id: side-story", "id: other-story")
    line, message = one_error(content_root, V)
    assert line == 1 and "folder name" in message


def test_vignette_missing_video_file(content_root):
    content_root.remove("vignettes/side-story/video.mp4")
    line, message = one_error(content_root, V)
    assert line == 12 and "video.mp4" in message


def test_vignette_video_that_does_not_decode(content_root):
    (content_root.root / "vignettes/side-story/video.mp4").write_bytes(b"not a video at all" * 100)
    line, message = one_error(content_root, V)
    assert line == 12 and "cannot be played" in message


def test_vignette_duration_must_match(content_root):
    edit_vignette(content_root, "duration_s: 3", "duration_s: 60")
    line, message = one_error(content_root, V)
    assert line == 15 and "duration_s: 3" in message


def test_vignette_missing_caption_language(content_root):
    edit_vignette(content_root, "captions: {en: captions.en.vtt, es: captions.es.vtt}", "captions: {en: captions.en.vtt}")
    line, message = one_error(content_root, V)
    assert line == 13 and "'es'" in message


def test_vignette_captions_must_parse(content_root):
    content_root.write("vignettes/side-story/captions.es.vtt", "WEBVTT\n\n00:00:00.000 --> later\nHola\n")
    line, message = one_error(content_root, "captions.es.vtt")
    assert line == 3 and "not a time" in message


def test_vignette_captions_and_transcripts_must_be_utf8_text(content_root):
    (content_root.root / "vignettes/side-story/captions.es.vtt").write_bytes(b"WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nHola \xe1\n")
    (content_root.root / "vignettes/side-story/transcript.en.txt").write_bytes(b"Hello\n\xff\xfe\n")
    assert one_error(content_root, "captions.es.vtt")[0] == 4
    line, message = one_error(content_root, "transcript.en.txt")
    assert line == 2 and "UTF-8" in message


def test_a_huge_captions_file_is_refused_at_once(content_root):
    from decisionaid.content.loader import MAX_FILE_BYTES

    path = content_root.root / "vignettes/side-story/captions.en.vtt"
    path.write_bytes(path.read_bytes() + b"NOTE padding\n" * (MAX_FILE_BYTES // 10))
    line, message = one_error(content_root, "captions.en.vtt")
    assert line == 1 and "larger than" in message


def test_vignette_captions_must_end_within_the_video(content_root):
    content_root.write("vignettes/side-story/captions.en.vtt", "WEBVTT\n\n00:00:00.000 --> 00:00:09.000\nHello\n")
    _line, message = one_error(content_root, "captions.en.vtt")
    assert "after the video ends" in message


def test_vignette_folder_without_yaml(content_root):
    (content_root.root / "vignettes/empty-one").mkdir()
    line, message = one_error(content_root, "vignettes/empty-one/vignette.yaml")
    assert line == 1 and "no vignette.yaml" in message


def test_underscore_folders_are_not_vignettes(content_root):
    (content_root.root / "vignettes/_tools").mkdir()
    assert content_root.errors() == []


# --- any bytes give FILE:LINE, never a traceback ----------------------------------------------


def write_bytes(root, data: bytes, relative=Q):
    path = root.root / relative
    path.write_bytes(data)
    return path


GOOD = b"id: extra\nversion: 1\norder: 50\ntitle: {en: Extra, es: Extra}\nitems:\n  - {id: a, type: info, text: {en: A, es: A}}\n"


@pytest.mark.parametrize(("char", "name"), [(b"\x00", "U+0000"), (b"\x0b", "U+000B"), (b"\x1b", "U+001B")])
def test_a_control_character_names_its_line(content_root, char, name):
    write_bytes(content_root, GOOD.replace(b"Extra, es", b"Ex" + char + b"tra, es"))
    line, message = one_error(content_root)
    assert line == 4 and name in message and "delete it" in message


def test_an_impossible_date_is_read_as_text_not_a_crash(content_root):
    write_bytes(content_root, GOOD.replace(b"version: 1", b"version: 2024-13-45"))
    line, message = one_error(content_root)
    assert line == 2 and "whole number" in message and "2024-13-45" in message


def test_a_value_yaml_cannot_build_names_its_line(content_root):
    write_bytes(content_root, GOOD.replace(b"version: 1", b"version: !!int abc"))
    errors = [e for e in content_root.check().errors if e.path.endswith(Q)]
    assert any(e.line == 2 and "YAML cannot read this value" in e.message for e in errors), errors


def test_a_file_that_is_not_utf8_names_the_line_of_the_bad_byte(content_root):
    write_bytes(content_root, GOOD.replace(b"Extra, es: Extra", b"Extra, es: Extr\xe1"))
    line, message = one_error(content_root)
    assert line == 4 and "UTF-8" in message


def test_a_huge_file_is_refused_at_once(content_root):
    from decisionaid.content.loader import MAX_FILE_BYTES

    write_bytes(content_root, GOOD + b"# padding\n" * (MAX_FILE_BYTES // 10 + 1))
    line, message = one_error(content_root)
    assert line == 1 and f"{MAX_FILE_BYTES // 1024} KB" in message


def test_a_fifo_named_like_a_questionnaire_does_not_hang_the_check(content_root):
    import os

    os.mkfifo(content_root.root / "questionnaires" / "pipe.yaml")
    line, message = one_error(content_root, "pipe.yaml")
    assert line == 1 and "not a regular file" in message


def alias_bomb(levels: int = 12) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def merge_bomb(levels: int = 40) -> str:
    lines = ["m0: &m0 {x: 1, y: 2}"]
    lines += [f"m{i}: &m{i} {{<<: [*m{i - 1}, *m{i - 1}]}}" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


# Expanded, the bomb would take hours and all the memory: a check that ends at all refused it.
# The ceiling is generous (how fast is for the benchmarks); a machine's speed never fails it.
@pytest.mark.timeout(60)
@pytest.mark.parametrize("bomb", [alias_bomb(), merge_bomb()], ids=["aliases", "merge-keys"])
def test_an_alias_bomb_is_reported_not_expanded(content_root, bomb):
    content_root.write(Q, bomb)
    line, message = one_error(content_root)
    assert line > 1 and "aliases" in message


def test_values_nested_too_deep_are_refused(content_root):
    content_root.write(Q, "items: " + "[" * 500 + "]" * 500 + "\n")
    line, message = one_error(content_root)
    assert line == 1 and "nested more than" in message


# --- vignette topics come from vignettes/_topics.yaml --------------------------------------------


def test_topics_load_in_file_order_with_their_names(content_root):
    content_root.write(
        "vignettes/_topics.yaml",
        "side-effects: {en: Side effects, es: Efectos secundarios}\nhope: {en: Hope, es: Esperanza}\n",
    )
    content = content_root.check().content
    assert list(content.topics) == ["side-effects", "hope"]
    assert content.topic_name("side-effects", "es") == "Efectos secundarios"


def test_a_topic_not_declared_is_an_error_with_a_suggestion(content_root):
    path = content_root.root / "vignettes" / "side-story" / "vignette.yaml"
    path.write_text(path.read_text().replace("topics: [side-effects]", "topics: [side-effect]"))
    line, message = one_error(content_root, "side-story/vignette.yaml")
    assert line == 11 and "'side-effect' is not in vignettes/_topics.yaml" in message
    assert "did you mean 'side-effects'" in message


def test_a_vignettes_item_topic_must_be_declared(content_root):
    write_q(content_root, "  - id: a\n    type: vignettes\n    text: A\n    topics:\n      - side-effects\n      - money\n")
    line, message = one_error(content_root)
    assert line == 11 and "'money'" in message and "_topics.yaml" in message


def test_a_topic_name_needs_every_site_language(content_root):
    content_root.write("vignettes/_topics.yaml", "side-effects:\n  en: Side effects\n")
    line, message = one_error(content_root, "_topics.yaml")
    assert line == 1 and "'es'" in message and "side-effects" in message


def test_topics_in_use_without_a_topics_file_are_errors(content_root):
    content_root.remove("vignettes/_topics.yaml")
    _line, message = one_error(content_root, "side-story/vignette.yaml")
    assert "add vignettes/_topics.yaml" in message and "(en, es)" in message


def test_every_shipped_topic_is_named_in_both_languages():
    from decisionaid.config import PROJECT_ROOT
    from decisionaid.content.loader import load_content

    content = load_content(PROJECT_ROOT, ("en", "es"))
    used = {t for v in content.vignettes.values() for t in v.topics}
    used |= {t for q in content.questionnaires for i in q.items for t in i.topics}
    assert used and used <= set(content.topics)
    assert content.topic_name("side-effects", "es") == "Efectos secundarios"


# --- which end of a scale is better ---------------------------------------------------------


SCALE = "  - id: a\n    type: scale\n    text: A\n    options: frequency\n"


def test_better_is_carried_on_the_item(content_root):
    write_q(content_root, SCALE + "    better: lower\n")
    content = content_root.check().content
    assert content.item(ItemRef("extra", "a")).better == "lower"


def test_better_takes_only_lower_or_higher(content_root):
    write_q(content_root, SCALE + "    better: hgher\n")
    line, message = one_error(content_root)
    assert line == 10 and "lower or higher" in message and "did you mean 'higher'" in message


def test_better_only_applies_to_scales(content_root):
    write_q(content_root, "  - id: a\n    type: yesno\n    text: A\n    better: higher\n")
    line, message = one_error(content_root)
    assert line == 9 and "only applies to scale items" in message


def test_an_answer_set_can_say_which_end_is_better_and_an_item_can_override_it(content_root):
    sets = content_root.root / "questionnaires" / "_answer-sets.yaml"
    sets.write_text(
        "how-well:\n  better: higher\n  options:\n"
        "    - {value: 0, label: {en: Not at all, es: Nada}}\n    - {value: 1, label: {en: Well, es: Bien}}\n"
        + sets.read_text()
    )
    write_q(
        content_root,
        "  - {id: a, type: scale, text: A, options: how-well}\n"
        "  - {id: b, type: scale, text: B, options: how-well, better: lower}\n"
        "  - {id: c, type: scale, text: C, options: frequency}\n",
    )
    content = content_root.check().content
    assert [content.item(ItemRef("extra", i)).better for i in "abc"] == ["higher", "lower", None]


def test_an_answer_sets_better_is_checked_too(content_root):
    sets = content_root.root / "questionnaires" / "_answer-sets.yaml"
    sets.write_text("how-well:\n  better: up\n  options:\n    - {value: 0, label: A}\n    - {value: 1, label: B}\n" + sets.read_text())
    line, message = one_error(content_root, "_answer-sets.yaml")
    assert line == 2 and "lower or higher" in message


def test_every_shipped_trend_scale_says_which_end_is_better():
    from decisionaid.config import PROJECT_ROOT
    from decisionaid.content.loader import load_content

    content = load_content(PROJECT_ROOT, ("en", "es"))
    trends = {f"{q.id}/{i.id}": i.better for q in content.questionnaires for i in q.items if i.trend}
    assert len(trends) == 11 and None not in trends.values()
    assert trends["my-medicines/how-well"] == "higher" and trends["how-ive-been/energy"] == "lower"


@pytest.mark.parametrize(
    ("better", "earlier", "later", "change"),
    [
        ("lower", 2, 0, "better"), ("lower", 0, 2, "worse"), ("higher", 0, 3, "better"),
        ("higher", 3, 1, "worse"), ("lower", 1, 1, "same"), (None, 0, 3, None), ("lower", None, 1, None),
        ("lower", True, 1, None),
    ],
)
def test_a_change_is_better_or_worse_only_when_the_content_says(better, earlier, later, change):
    from decisionaid.content.model import change_between

    assert change_between(better, earlier, later) == change
