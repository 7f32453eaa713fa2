"""Python's cycle collector runs on the screen's thread only.

Left automatic, a collection starts in whichever thread happens to allocate past the
threshold, often a background database read, and frees there any cycle that holds Qt
objects: PySide6 then destroys them off their thread and the process can crash (seen with
Python 3.13). So the programs turn automatic collection off and collect from the event loop,
as the automatic collector would have (the same thresholds), once a second. Anki does the
same (``aqt.GarbageCollector``).
"""

from __future__ import annotations

import gc

from decisionaid.services.clock import Timers

CHECK_EVERY_S = 1.0


def collect_due() -> int:
    """Collect the generations the automatic collector would collect now; returns how many
    objects were freed."""
    counts, thresholds = gc.get_count(), gc.get_threshold()
    if counts[0] <= thresholds[0]:
        return 0
    generation = 0
    if counts[1] > thresholds[1]:
        generation = 2 if counts[2] > thresholds[2] else 1
    return gc.collect(generation)


def collect_on_this_thread(timers: Timers, owner: object):
    """Turn automatic collection off and collect due garbage from ``owner``'s event loop every
    ``CHECK_EVERY_S`` (call it from the screen's thread, once the application exists)."""
    gc.disable()
    timer = timers.timer(CHECK_EVERY_S, collect_due, owner, repeat=True)
    timer.start()
    return timer
