"""Every text the peer station and the kiosk show comes from the one catalogue
(``decisionaid.ui.common.strings``): no widget is given words written in the code."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

UI = Path(__file__).resolve().parents[2] / "decisionaid" / "ui"
# Calls that put words on the screen.
SHOWING = {"QLabel", "QPushButton", "QCheckBox", "QGroupBox", "QPlainTextEdit", "setText",
           "setPlaceholderText", "setToolTip", "addTab", "setTabText", "show_message", "addRow",
           "setPlainText", "setWindowTitle", "setHeaderLabels", "table", "confirm", "ask_text",
           "save_file", "setAccessibleName", "setAccessibleDescription"}
WORDS = re.compile(r"[A-Za-zÀ-ÿ]{2,}")


def _literal_words(node: ast.AST) -> list[str]:
    """Words written into ``node``, not counting what goes into a call (``t("key", ...)``) or
    a comprehension (keys built in a loop)."""
    if isinstance(node, ast.Constant):
        return [node.value] if isinstance(node.value, str) and WORDS.search(node.value) else []
    if isinstance(node, ast.Call | ast.ListComp | ast.GeneratorExp | ast.Lambda):
        return []
    return [w for child in ast.iter_child_nodes(node) for w in _literal_words(child)]


def _written_in_code(path: Path) -> list[str]:
    problems = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        if name not in SHOWING:
            continue
        for arg in node.args:
            for words in _literal_words(arg):
                problems.append(f"{path.name}:{node.lineno}: {words!r}")
    return problems


MODULES = sorted(p for folder in ("station", "kiosk", "common") for p in (UI / folder).glob("*.py"))


@pytest.mark.parametrize("module", MODULES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_window_shows_words_written_in_code(module):
    # File-dialog filters and suggested file names name formats and files, not words to read.
    allowed = {"(*.pdf)", "(*.csv)", "'decisionaid-", "'.csv'", "'who-has-looked.pdf'"}
    problems = [p for p in _written_in_code(module) if not any(a in p for a in allowed)]
    assert not problems, "\n".join(problems)
