"""Answer statements for the kiosk's hot path (Core, on a plain connection), including the
upsert that is spelled differently on SQLite and PostgreSQL."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import Connection, delete, tuple_

from decisionaid.storage.models import Answer


def encode(value: object) -> str:
    """An answer value as stored: JSON (int, str, bool or a list of them)."""
    return json.dumps(value, ensure_ascii=False)


def decode(text: str) -> object:
    return json.loads(text)


def save_answers(
    connection: Connection,
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
    statement = _upsert_answer(connection.dialect.name)
    connection.execute(statement, rows[0] if len(rows) == 1 else rows)


def _dialect_module(name: str):
    """The dialect whose INSERT … ON CONFLICT is used: imported when first needed (an SQLite
    kiosk never loads PostgreSQL's, a fifth of SQLAlchemy's import time)."""
    import importlib

    return importlib.import_module(f"sqlalchemy.dialects.{'postgresql' if name == 'postgresql' else 'sqlite'}")


def dialect_insert(dialect: str, model):
    """``INSERT`` for ``model`` in the dialect's own form, which has ``on_conflict_do_…``."""
    return _dialect_module(dialect).insert(model)


@functools.cache
def _upsert_answer(dialect: str):
    module = _dialect_module(dialect)
    statement = module.insert(Answer)
    return statement.on_conflict_do_update(
        index_elements=["visit_id", "questionnaire_id", "item_id"],
        set_={
            "questionnaire_version": statement.excluded.questionnaire_version,
            "value": statement.excluded.value,
            "answered_at": statement.excluded.answered_at,
        },
    )


def delete_answers(connection: Connection, visit_id: int, refs: Sequence[tuple[str, str]]) -> None:
    """Remove answers by (questionnaire id, item id)."""
    if not refs:
        return
    connection.execute(
        delete(Answer).where(
            Answer.visit_id == visit_id,
            tuple_(Answer.questionnaire_id, Answer.item_id).in_(list(refs)),
        )
    )


def insert_ignoring_duplicates(connection: Connection, model, rows: list[dict]) -> None:
    """Insert rows; one that would break a unique constraint is left out."""
    if not rows:
        return
    module = _dialect_module(connection.dialect.name)
    connection.execute(module.insert(model).on_conflict_do_nothing(), rows)
