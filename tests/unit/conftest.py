"""Fixtures for the content and engine tests: small content roots written on the fly."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from decisionaid.content.loader import CheckResult, check

MINI = Path(__file__).resolve().parent.parent / "data" / "mini"
LANGS = ("en", "es")


class ContentRoot:
    """A content folder in a temporary directory, seeded with the mini test content."""

    def __init__(self, root: Path):
        self.root = root
        shutil.copytree(MINI, root, dirs_exist_ok=True)

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def remove(self, relative: str) -> None:
        target = self.root / relative
        if target.is_dir():
            shutil.rmtree(target)
        else:
            target.unlink()

    def check(self) -> CheckResult:
        return check(self.root, LANGS)

    def errors(self) -> list[str]:
        return [str(e) for e in self.check().errors]


@pytest.fixture
def content_root(tmp_path: Path) -> ContentRoot:
    return ContentRoot(tmp_path / "content")


@pytest.fixture(scope="session")
def mini_content():
    from decisionaid.content.loader import load_content

    return load_content(MINI, LANGS)
