"""What pyproject.toml declares is what decisionaid imports: nothing missing (it would work
here only by luck, through another package), nothing left over."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Loaded by name rather than imported: SQLAlchemy opens postgresql+psycopg:// URLs with it.
LOADED_BY_NAME = {"psycopg"}


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {_canonical(re.match(r"[A-Za-z0-9_.-]+", r).group()) for r in project["dependencies"]}


def _imported() -> set[str]:
    found = set()
    for path in (ROOT / "decisionaid").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return found - set(sys.stdlib_module_names) - {"decisionaid", "__future__"}


def test_every_module_decisionaid_imports_comes_from_a_declared_dependency():
    owners = packages_distributions()
    declared = _declared()
    undeclared = {m for m in _imported()
                  if not {_canonical(d) for d in owners.get(m, [m])} & declared}
    assert not undeclared, f"imported but not declared in pyproject.toml: {sorted(undeclared)}"


def test_every_declared_dependency_is_used():
    owners = packages_distributions()
    used = {_canonical(d) for m in _imported() | LOADED_BY_NAME for d in owners.get(m, [m])}
    unused = _declared() - used
    assert not unused, f"declared in pyproject.toml but never imported: {sorted(unused)}"
