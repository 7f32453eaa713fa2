"""What an error may say in the log: where it happened and what kind it was, never its words.

An exception's message can carry the data it choked on: SQLite's "Could not decode to UTF-8
column 'value' with text '…'" quotes a damaged answer whole, and a ``ValueError`` may quote a
value. So the log keeps each exception's type and the code lines it passed through, and of its
message only what cannot hold a person's data: the SQL statement of a database error (its
values are never bound into it), the reason of an operating-system error (not the path), and
the whole message of an error class that declares ``words_hold_no_data`` (a printer's refusal).
"""

from __future__ import annotations

import logging
import traceback


def safe_message(error: BaseException) -> str:
    """The part of ``error``'s message that holds no data."""
    if getattr(type(error), "words_hold_no_data", False):
        return str(error)
    statement = getattr(error, "statement", None)
    if isinstance(statement, str) and type(error).__module__.startswith("sqlalchemy"):
        cause = getattr(error, "orig", None)
        kind = type(cause).__name__ if cause is not None else type(error).__name__
        return f"{kind} in: {' '.join(statement.split())}"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return "(message left out: it may hold data)"


def safe_traceback(error: BaseException) -> str:
    """The chain of exceptions ending in ``error``: code lines and types, no messages."""
    chain: list[BaseException] = []
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append(current)
        current = current.__cause__ or (None if current.__suppress_context__
                                        else current.__context__)
    parts = []
    for e in reversed(chain):
        frames = "".join(traceback.format_tb(e.__traceback__))
        kind = f"{type(e).__module__}.{type(e).__qualname__}"
        parts.append(f"Traceback (most recent call last):\n{frames}{kind}: {safe_message(e)}")
    return "\n\nThe above led to:\n\n".join(parts)


class PrivateFormatter(logging.Formatter):
    """A formatter that never writes an exception's own words (see the module docstring)."""

    def formatException(self, ei) -> str:
        return safe_traceback(ei[1]) if ei and ei[1] is not None else ""

    def format(self, record: logging.LogRecord) -> str:
        if isinstance(record.args, tuple) and any(isinstance(a, BaseException)
                                                  for a in record.args):
            record.args = tuple(
                f"{type(a).__name__}: {safe_message(a)}" if isinstance(a, BaseException) else a
                for a in record.args)
        return super().format(record)
