"""How long the kiosk waits on a save, in seconds. Apart from the saving machinery
(``kiosk_visit``, which needs SQLAlchemy) so the window can read them before its first paint
without loading the database layer on the screen's thread."""

from __future__ import annotations

# A save a person is waiting on gives up after this long waiting for the database (a lock held
# by another process, a server that does not answer): better told "not saved, try again" than
# left waiting. The kiosk shows "Saving..." after SAVE_HOLD_S.
SAVE_GIVE_UP_S = 5.0
SAVE_HOLD_S = 1.5
SAVE_FIRST_TRY_S = 0.05  # the wait for SQLite's lock before the save moves off the screen's thread
# How often a safety answer that could not be stored is tried again, in the background.
SAFETY_RETRY_S = 1.0
