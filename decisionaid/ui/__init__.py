"""The PySide6 user interface: the kiosk, its screens and widgets (the only layer using Qt).

PySide6 6.12 built for CPython 3.12+ (where ``None``, ``True`` and ``False`` are immortal) drops
one reference to ``None`` on every call of a Qt method returning nothing, and to ``True`` or
``False`` on some signal emissions. On CPython 3.11 the count reaches zero within a few visits
and the interpreter aborts ("deallocating None"). Until the project runs on 3.12+ or a fixed
PySide6, ``_make_singletons_immortal`` gives those three objects a count that cannot run out,
which is what 3.12 does for them anyway; they are never freed in either case.
"""

from __future__ import annotations

import ctypes
import sys


def _make_singletons_immortal() -> None:
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    for obj in (None, True, False):
        # ob_refcnt is the first field of every CPython object (3.11, non-debug build).
        ctypes.c_ssize_t.from_address(id(obj)).value += 1 << 40


_make_singletons_immortal()
