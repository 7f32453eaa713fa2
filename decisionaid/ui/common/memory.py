"""Giving freed memory back to the system between visits.

The kiosk runs all day in one process, and every visit builds and destroys screens and renders
a report and its preview. glibc keeps much of what is freed inside its heaps (one per thread
that allocates), so the process's memory creeps up through the day although nothing leaks.
``malloc_trim`` hands the free parts back; the kiosk calls it once a visit has been cleared
away, while the welcome screen waits. Elsewhere (not Linux, or a C library without
``malloc_trim``) this does nothing.
"""

from __future__ import annotations

import sys

_trim = None


def release_free_memory() -> bool:
    """Return freed heap memory to the system; True if any was given back."""
    global _trim
    if not sys.platform.startswith("linux"):
        return False
    if _trim is None:
        import ctypes  # here: the kiosk's first paint does not wait for it

        try:
            _trim = ctypes.CDLL("libc.so.6").malloc_trim
        except (OSError, AttributeError):
            _trim = False
    return bool(_trim and _trim(0))
