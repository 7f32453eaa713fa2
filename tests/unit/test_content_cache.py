"""The checked content is kept between starts, and any change to its files is checked again."""

from __future__ import annotations

import os
import shutil
import stat
import time
from pathlib import Path

import pytest

from decisionaid.app import load_site_content
from decisionaid.config import Config
from decisionaid.content import cache
from decisionaid.content.loader import load_content
from decisionaid.errors import UserError

MINI = Path(__file__).resolve().parents[1] / "data" / "mini"
LANGUAGES = ("en", "es")
AN_HOUR_AGO = time.time() - 3600


class Checker:
    """The real check, counted."""

    def __init__(self):
        self.runs = 0

    def __call__(self, root, languages):
        self.runs += 1
        return load_content(root, languages)


def settle(root: Path) -> None:
    """Every file as if last changed an hour ago, always the same moment (no waiting: the
    times are set back)."""
    for where, _folders, files in os.walk(root):
        for name in files:
            os.utime(Path(where) / name, (AN_HOUR_AGO, AN_HOUR_AGO))


@pytest.fixture
def content(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(MINI, root)
    settle(root)
    return root


@pytest.fixture
def kept(tmp_path):
    return tmp_path / "cache"


def title_of(content, questionnaire: str) -> str:
    return next(q for q in content.questionnaires if q.id == questionnaire).title["en"]


def test_unchanged_content_is_checked_once_and_comes_back_the_same(content, kept):
    check = Checker()
    first = cache.load(content, LANGUAGES, kept, check)
    again = cache.load(content, LANGUAGES, kept, check)
    assert check.runs == 1
    assert again == first
    (copy,) = kept.iterdir()
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600


def test_an_edited_file_is_checked_again_and_its_new_words_are_used(content, kept):
    check = Checker()
    cache.load(content, LANGUAGES, kept, check)
    feelings = content / "questionnaires" / "feelings.yaml"
    text = feelings.read_text(encoding="utf-8")
    old_title = title_of(load_content(content, LANGUAGES), "feelings")
    new_title = old_title[:-1] + ("X" if old_title[-1] != "X" else "Y")  # the same size
    feelings.write_text(text.replace(old_title, new_title, 1), encoding="utf-8")
    settle(content)  # even with its old modification time and size, the change is seen
    assert feelings.stat().st_size == len(text.encode())
    assert title_of(cache.load(content, LANGUAGES, kept, check), "feelings") == new_title
    assert check.runs == 2


def test_a_file_added_or_removed_is_checked_again(content, kept):
    check = Checker()
    cache.load(content, LANGUAGES, kept, check)
    (content / "vignettes" / "side-story" / "notes.txt").write_text("a note\n", encoding="utf-8")
    settle(content)
    cache.load(content, LANGUAGES, kept, check)
    (content / "vignettes" / "side-story" / "notes.txt").unlink()
    cache.load(content, LANGUAGES, kept, check)
    assert check.runs == 3


def test_other_languages_are_another_check(content, kept):
    check = Checker()
    cache.load(content, LANGUAGES, kept, check)
    cache.load(content, ("en",), kept, check)
    assert check.runs == 2


def test_content_changed_just_before_its_check_is_not_kept(content, kept):
    """A file changed within the last moments may change again without its times showing it."""
    check = Checker()
    (content / "questionnaires" / "feelings.yaml").touch()
    cache.load(content, LANGUAGES, kept, check)
    cache.load(content, LANGUAGES, kept, check)
    assert check.runs == 2
    assert not kept.exists() or not any(kept.iterdir())


def test_bad_content_is_refused_at_every_start_and_never_kept(content, tmp_path):
    broken = content / "questionnaires" / "feelings.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("type: scale", "type: slider", 1),
                      encoding="utf-8")
    settle(content)
    config = Config(content_dir=content)
    for _ in range(2):
        with pytest.raises(UserError, match=r"feelings\.yaml:"):
            load_site_content(config, tmp_path / "cache")
    assert not (tmp_path / "cache").exists() or not any((tmp_path / "cache").iterdir())


def test_a_damaged_kept_copy_only_means_checking_again(content, kept):
    check = Checker()
    first = cache.load(content, LANGUAGES, kept, check)
    (copy,) = kept.iterdir()
    copy.write_bytes(b"not what was kept")
    assert cache.load(content, LANGUAGES, kept, check) == first
    assert check.runs == 2
    assert cache.load(content, LANGUAGES, kept, check) == first
    assert check.runs == 2  # kept again, whole
