"""Statements that differ between SQLite and PostgreSQL, kept in one place."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import delete, tuple_
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from decisionaid.storage.models import Answer


def encode(value: object) -> str:
    """An answer value as stored: JSON (int, str, bool or a list of them)."""
    return json.dumps(value, ensure_ascii=False)


def decode(text: str) -> object:
    return json.loads(text)


def save_answers(
    session: Session,
    visit_id: int,
    answers: Iterable[tuple[str, int, str, object]],
    at: datetime,
) -> None:
    """Insert or replace answers: (questionnaire id, questionnaire version, item id, value)."""
    rows = [
        {
            "visit_id": visit_id,
            "questionnaire_id": q,
            "questionnaire_version": version,
            "item_id": item,
            "value": encode(value),
            "answered_at": at,
        }
        for q, version, item, value in answers
    ]
    if not rows:
        return
    dialect = session.get_bind().dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    statement = module.insert(Answer)
    statement = statement.on_conflict_do_update(
        index_elements=["visit_id", "questionnaire_id", "item_id"],
        set_={
            "questionnaire_version": statement.excluded.questionnaire_version,
            "value": statement.excluded.value,
            "answered_at": statement.excluded.answered_at,
        },
    )
    session.execute(statement, rows)


def delete_answers(session: Session, visit_id: int, refs: Sequence[tuple[str, str]]) -> None:
    """Remove answers by (questionnaire id, item id)."""
    if not refs:
        return
    session.execute(
        delete(Answer).where(
            Answer.visit_id == visit_id,
            tuple_(Answer.questionnaire_id, Answer.item_id).in_(list(refs)),
        )
    )
