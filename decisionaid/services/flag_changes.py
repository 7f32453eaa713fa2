"""Keeping a visit's stored flags in step with its answers: what to add, change and remove,
and writing it. A safety flag, once raised, stays until a staff member acknowledges it, even if
the person changes the answer (the kiosk has told them a peer worker will check in)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, and_, delete, update

from decisionaid.engine import FlagEntry
from decisionaid.services.visit_records import FlagRecord
from decisionaid.storage import repository as repo
from decisionaid.storage.models import Flag

FlagKey = tuple[str, str, bool]  # questionnaire id, item or score id, is a score


def flag_key(flag: FlagEntry | FlagRecord) -> FlagKey:
    return (flag.questionnaire_id, flag.source_id, flag.is_score)


@dataclass(frozen=True)
class FlagChanges:
    add: list[FlagEntry]
    change: list[tuple[FlagEntry, str]]  # the entry and the severity to store
    remove: list[FlagKey]
    after: dict[FlagKey, tuple[str, str]]  # what is stored afterwards: severity, answer

    @property
    def any(self) -> bool:
        return bool(self.add or self.change or self.remove)


def flag_changes(
    stored: dict[FlagKey, tuple[str, str]], wanted: dict[FlagKey, FlagEntry]
) -> FlagChanges:
    """What to write so the stored flags follow the answers. A safety flag is never removed
    or softened here: it waits for a staff member (see ``KioskVisit``)."""
    add, change, remove = [], [], []
    after = dict(stored)
    for key, entry in wanted.items():
        if key not in stored:
            add.append(entry)
            after[key] = (entry.severity, entry.answer)
        elif stored[key] != (entry.severity, entry.answer):
            severity = "safety" if "safety" in (stored[key][0], entry.severity) else "concern"
            change.append((entry, severity))
            after[key] = (severity, entry.answer)
    for key, (severity, _) in stored.items():
        if key not in wanted and severity != "safety":
            remove.append(key)
            del after[key]
    return FlagChanges(add, change, remove, after)


def write_flag_changes(
    connection: Connection, visit_id: int, changes: FlagChanges, now: datetime
) -> None:
    repo.insert_ignoring_duplicates(
        connection,
        Flag,
        [
            {
                "visit_id": visit_id,
                "severity": f.severity,
                "questionnaire_id": f.questionnaire_id,
                "source_id": f.source_id,
                "is_score": f.is_score,
                "question": f.question,
                "answer": f.answer,
                "raised_at": now,
            }
            for f in changes.add
        ],
    )

    def where(key: FlagKey):
        # An acknowledged flag is a record of what a staff member saw: it is never changed.
        return and_(
            Flag.visit_id == visit_id,
            Flag.questionnaire_id == key[0],
            Flag.source_id == key[1],
            Flag.is_score == key[2],
            Flag.acknowledged_at.is_(None),
        )

    for entry, severity in changes.change:
        connection.execute(
            update(Flag)
            .where(where(flag_key(entry)))
            .values(severity=severity, question=entry.question, answer=entry.answer)
        )
    for key in changes.remove:
        connection.execute(delete(Flag).where(where(key), Flag.severity != "safety"))
