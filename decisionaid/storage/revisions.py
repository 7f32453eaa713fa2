"""Which schema revision a database is at, and which one this code needs, without Alembic.

Opening the database checks that the two match on every start of the kiosk and the peer
station; importing Alembic for that costs a tenth of a second. The head is read from the
``revision = '…'`` and ``down_revision = '…'`` lines of the migration files, and the current
revision is one select. Anything unexpected (a branch, a merge, a line this reader does not
understand) answers None, and the caller asks Alembic (``decisionaid.storage.migrate``), which
is also what upgrades a database that is behind.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

VERSIONS = Path(__file__).resolve().parent / "migrations" / "versions"
_LINE = re.compile(r"^(revision|down_revision)\s*(?::[^=]*)?=\s*(.*?)\s*$", re.MULTILINE)
_QUOTED = re.compile(r"""^(['"])([A-Za-z0-9_]+)\1$""")


@cache
def head_revision() -> str | None:
    """The one revision no migration revises; None if the files do not say it plainly."""
    revisions: set[str] = set()
    revised: set[str] = set()
    for path in sorted(VERSIONS.glob("*.py")):
        if path.name == "__init__.py":
            continue
        found = dict(m.groups() for m in _LINE.finditer(path.read_text(encoding="utf-8")))
        revision = _QUOTED.match(found.get("revision", ""))
        down = found.get("down_revision")
        if revision is None or down is None:
            return None
        revisions.add(revision.group(2))
        if down != "None":
            earlier = _QUOTED.match(down)
            if earlier is None:  # a merge names a tuple of revisions
                return None
            revised.add(earlier.group(2))
    heads = revisions - revised
    return heads.pop() if len(heads) == 1 else None


def current_revision(connection: Connection) -> str | None:
    """The revision stamped in the database; None when it has no ``alembic_version`` table
    (a new database) or no row in it."""
    try:
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DBAPIError:  # no such table; the caller's connection is rolled back and closed
        return None
