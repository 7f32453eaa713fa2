"""Making the windows' start cheaper where PySide6 itself makes it dear.

Once PySide6 is loaded, it looks at every module imported after it to see whether that module
mentions "PySide6" (for its optional ``__feature__`` switches): it asks ``inspect.getsource``,
which goes through ``linecache`` and keeps every line of every such module in memory for the
rest of the day. The kiosk imports SQLAlchemy, the content loader and its services after its
first paint, some six hundred modules, and that look cost about a tenth of their import time.
``lighter_imports`` gives PySide6 the same answer from a plain read of the module's file. Where
PySide6 has no such look (another version), it does nothing.
"""

from __future__ import annotations

import sys


def lighter_imports() -> bool:
    """Answer PySide6's per-import question with a file read; True if it was asked at all."""
    feature = sys.modules.get("shibokensupport.feature")
    asks = getattr(feature, "_mod_uses_pyside", None)
    if asks is None:
        return False
    if getattr(asks, "reads_the_file", False):
        return True

    def uses_pyside(module) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return asks(module)

    uses_pyside.reads_the_file = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[union-attr]
    return True
