"""The screens' helpers use the kiosk window only through ``KioskHost``: they keep no
reference to the window itself and ask nothing of it the interface does not name."""

from __future__ import annotations

import ast
from pathlib import Path

import decisionaid.ui.kiosk as kiosk
from decisionaid.ui.kiosk.host import KioskHost

HELPERS = ("visit_screens.py", "signin_screens.py", "staff_screens.py")


def asked_of(module: str) -> tuple[set[str], set[str]]:
    """What a helper module reads from ``self.host``, and what it reads from ``self.window``."""
    tree = ast.parse((Path(kiosk.__file__).parent / module).read_text(encoding="utf-8"))
    host, window = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute):
            inner = node.value
            if isinstance(inner.value, ast.Name) and inner.value.id == "self":
                if inner.attr == "host":
                    host.add(node.attr)
                elif inner.attr == "window":
                    window.add(node.attr)
    return host, window


def test_the_screens_helpers_ask_the_window_only_what_kiosk_host_names():
    named = {n for n in dir(KioskHost) if not n.startswith("_")} | set(KioskHost.__annotations__)
    for module in HELPERS:
        host, window = asked_of(module)
        assert host, module  # the walk found the helper's use of its host
        assert window == set(), module
        assert host <= named, (module, host - named)
