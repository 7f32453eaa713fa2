"""A storage that fails on demand: the real ``Database`` with chosen writes failing as a full disk,
a lost server or a lock held elsewhere would make them fail. Nothing else is faked: the services
and the kiosk above it run as they do in a clinic.

Importable from every test (pytest puts this folder on the path for ``tests/conftest.py``).
"""

from __future__ import annotations

import sqlite3
import threading

from sqlalchemy.exc import OperationalError


class FaultyDatabase:
    """Wraps a ``Database``. ``broken = True`` fails every write until set back; ``fail_next(n)``
    fails the next ``n``. Reads always work (the person's screen is not what fails here)."""

    def __init__(self, db, reason: str = "database or disk is full"):
        self._db = db
        self.reason = reason
        self.broken = False
        self._next = 0
        self.failed = 0  # writes that failed
        self.stored = 0  # writes that went through
        self._lock = threading.Lock()  # writes come from the kiosk's saving thread

    def __getattr__(self, name):
        return getattr(self._db, name)

    def fail_next(self, n: int = 1) -> None:
        with self._lock:
            self._next = n

    def _gate(self) -> None:
        with self._lock:
            failing = self.broken or self._next > 0
            if self._next > 0:
                self._next -= 1
            if failing:
                self.failed += 1
        if failing:
            raise OperationalError("INSERT INTO answers …", None, sqlite3.OperationalError(self.reason))

    def _counted(self, result):
        with self._lock:
            self.stored += 1
        return result

    def write(self, work):
        self._gate()
        return self._counted(self._db.write(work))

    def write_statements(self, work):
        self._gate()
        return self._counted(self._db.write_statements(work))

    def write_within(self, work, seconds: float):
        self._gate()
        return self._counted(self._db.write_within(work, seconds))
