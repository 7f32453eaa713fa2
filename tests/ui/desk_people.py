"""Made-up people played into a database through the visit service, as the kiosk would, with
the shipped content: what the prescriber's desk and the Today board are shown in tests."""

from __future__ import annotations

from datetime import date

from decisionaid.engine.visit import InvalidAnswer
from decisionaid.report.sample import MARISOL, ROSA, SAM, Person
from decisionaid.services.profiles import ProfileService


def play(app, person: Person, *, finish: bool = True, pin: str = "1357") -> int:
    """``person``'s visit today, answered from their sample answers; returns its id."""
    profile = ProfileService(app.db, hasher=app.hasher, clock=app.clock).create(
        person.name, person.born if isinstance(person.born, date) else date(1980, 1, 1), pin,
        person.language)
    kv = app.visits.start(profile.id, language=person.language)
    for _ in range(10 * app.content.item_count + 100):
        screen = kv.current
        if screen is None or kv.visit.finished:
            break
        if screen.kind != "item" or screen.ref is None or not screen.item.answerable:
            kv.confirm()
            continue
        key = (screen.ref.questionnaire, screen.ref.item)
        if key in person.answers:
            try:
                kv.confirm(person.answers[key])
                continue
            except InvalidAnswer:
                pass
        kv.skip()
    if finish:
        kv.finish()
    return kv.id


PEOPLE = {"rosa": ROSA, "sam": SAM, "marisol": MARISOL}
