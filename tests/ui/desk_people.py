"""Made-up people played into a database through the visit service, as the kiosk would, with
the shipped content: what the prescriber's desk and the Today board are shown in tests."""

from __future__ import annotations

from datetime import date

from decisionaid.engine.visit import InvalidAnswer
from decisionaid.report.sample import MARISOL, ROSA, SAM, Person
from decisionaid.services.profiles import ProfileService


def play(app, person: Person, *, finish: bool = True, pin: str = "1357",
         profile_id: int | None = None, answers: dict | None = None) -> int:
    """``person``'s visit today, answered from their sample answers (or ``answers``), as a new
    profile or ``profile_id``'s next visit; returns the visit's id."""
    if profile_id is None:
        profile_id = ProfileService(app.db, hasher=app.hasher, clock=app.clock).create(
            person.name, person.born if isinstance(person.born, date) else date(1980, 1, 1), pin,
            person.language).id
    answers = person.answers if answers is None else answers
    kv = app.visits.start(profile_id, language=person.language)
    for _ in range(10 * app.content.item_count + 100):
        screen = kv.current
        if screen is None or kv.visit.finished:
            break
        if screen.kind != "item" or screen.ref is None or not screen.item.answerable:
            kv.confirm()
            continue
        key = (screen.ref.questionnaire, screen.ref.item)
        if key in answers:
            try:
                kv.confirm(answers[key])
                continue
            except InvalidAnswer:
                pass
        kv.skip()
    if finish:
        kv.finish()
    return kv.id


PEOPLE = {"rosa": ROSA, "sam": SAM, "marisol": MARISOL}
