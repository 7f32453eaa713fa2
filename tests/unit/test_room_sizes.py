"""No module grows past 800 lines and no class past 400, so each stays readable in one sitting;
a module or class that needs more has more than one job and is split by job."""

from __future__ import annotations

import ast
from pathlib import Path

import decisionaid

PACKAGE = Path(decisionaid.__file__).parent
MODULE_LINES = 800
CLASS_LINES = 400


def sizes() -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    modules, classes = [], []
    for path in sorted(PACKAGE.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        name = str(path.relative_to(PACKAGE.parent))
        modules.append((name, len(source.splitlines())))
        for node in ast.walk(ast.parse(source, filename=name)):
            if isinstance(node, ast.ClassDef):
                classes.append((f"{name}:{node.name}", node.end_lineno - node.lineno + 1))
    return modules, classes


def test_every_module_is_under_800_lines_and_every_class_under_400():
    modules, classes = sizes()
    assert any(name.endswith("window.py") for name, _ in modules)  # the walk found the package
    assert [(n, size) for n, size in modules if size >= MODULE_LINES] == []
    assert [(n, size) for n, size in classes if size >= CLASS_LINES] == []
