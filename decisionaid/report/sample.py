"""Three made-up people and their visits, answered item by item, run through the real engine:
for the sample report in docs/, the demo (``decisionaid demo`` plays one of them through the
kiosk, chosen by ``--seed``), the benchmark and the tests.

- ``ROSA``: a return visit (her fourth), with three earlier visits to compare, a safety answer
  and side effects that bother her. docs/sample-report.pdf is her report.
- ``SAM``: a first visit, with missed doses and a medicine that is hard to pay for.
- ``MARISOL``: a Spanish speaker's second visit, planning a pregnancy, who left one safety
  question unanswered.

Every typed answer uses only characters the kiosk's on-screen keyboard has, so the demo can
type it key by key.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from decisionaid.content.model import Content
from decisionaid.engine.summary import VisitSummary
from decisionaid.engine.visit import InvalidAnswer, Visit
from decisionaid.report.data import (
    EarlierVisit,
    Identity,
    ItemKey,
    ReportInput,
    SharedDecision,
    unanswered_safety,
)

SAMPLE_DATE = date(2025, 4, 8)


@dataclass(frozen=True)
class Person:
    """One made-up person: who they are, what they answer today (an item left out is skipped)
    and what they answered at earlier visits (days before today, answers)."""

    key: str
    name: str
    language: str
    born: date
    answers: dict[ItemKey, object]
    history: tuple[tuple[int, dict[ItemKey, object]], ...] = ()
    watched: tuple[str, ...] = ()
    skip_sections: tuple[str, ...] = field(default=())  # optional questionnaires skipped whole

    @property
    def visit_number(self) -> int:
        return len(self.history) + 1

    def earlier_visits(self, today: date) -> tuple[EarlierVisit, ...]:
        from datetime import timedelta

        return tuple(
            EarlierVisit(today - timedelta(days=days_before), dict(answers))
            for days_before, answers in self.history
        )


# Rosa: sadness easing over three visits, sleep getting worse since the night pill went up,
# weight gain; thoughts of hurting herself on a few days (a safety answer).
CHOICES: dict[ItemKey, object] = {
    ("how-ive-been", "sad"): 1,
    ("how-ive-been", "sleep"): 3,
    ("how-ive-been", "worry"): 2,
    ("how-ive-been", "voices"): 0,
    ("how-ive-been", "energy"): 2,
    ("how-ive-been", "people"): 1,
    ("how-ive-been", "enjoy"): 1,
    ("how-ive-been", "body"): 1,
    ("how-ive-been", "alcohol-drugs"): 0,
    ("how-ive-been", "pregnancy"): "does-not-apply",
    ("how-ive-been", "harm-self"): 1,
    ("how-ive-been", "harm-others"): 0,
    ("my-medicines", "taking"): True,
    ("my-medicines", "how-well"): 2,
    ("my-medicines", "side-effects"): ["weight", "sleepy"],
    ("my-medicines", "bother"): 2,
    ("my-medicines", "missed"): "sometimes",
    ("my-medicines", "cost"): False,
    ("personal-medicine", "things"): ["family", "music", "pets"],
    ("personal-medicine", "used"): "some",
    ("personal-medicine", "gets-in-way"): True,
    ("todays-visit", "topics"): ["lower-dose", "side-effects"],
    ("todays-visit", "decide-how"): "together",
    ("my-decision", "sure-1"): True,
    ("my-decision", "sure-2"): True,
    ("my-decision", "sure-3"): False,
    ("my-decision", "sure-4"): False,
}

_TEXTS: dict[str, dict[ItemKey, str]] = {
    "en": {
        ("how-ive-been", "sleep-more"): (
            "I wake up at 3 in the morning and can't get back to sleep. My mind races "
            "about money and my daughter."
        ),
        ("my-medicines", "medicines"): "Sertraline in the morning, quetiapine at night.",
        ("my-medicines", "concerns"): (
            "I have gained weight since the night pill went up, and I feel groggy until noon."
        ),
        ("personal-medicine", "in-my-words"): (
            "Walking my dog Bella every morning, singing in the church choir & cooking "
            "with my daughter on Sundays."
        ),
        ("personal-medicine", "gets-in-way-more"): (
            "When I am too tired from the night pill I skip my walk."
        ),
        ("todays-visit", "most-important"): (
            "Feeling less tired in the mornings so I can go back to work part-time."
        ),
        ("my-decision", "decision"): "Whether to lower my quetiapine dose.",
        ("power-statement", "statement"): (
            "I am a mother, a singer and a good cook. I want my medicine to help me sleep "
            "through the night without feeling like a zombie, so I can be there for my "
            "daughter and go back to work."
        ),
        ("my-questions", "questions"): (
            "Can I take the night pill earlier so I am less groggy? "
            "Is the weight gain from the medicine?"
        ),
        ("my-questions", "goal"): "Back at work part-time by the summer.",
    },
    "es": {
        ("how-ive-been", "sleep-more"): (
            "Me despierto a las 3 de la mañana y no puedo volver a dormir. Pienso mucho en "
            "el dinero y en mi hija."
        ),
        ("my-medicines", "medicines"): "Sertralina en la mañana, quetiapina en la noche.",
        ("my-medicines", "concerns"): (
            "He subido de peso desde que aumentaron la pastilla de la noche y me siento "
            "atontada hasta el mediodía."
        ),
        ("personal-medicine", "in-my-words"): (
            "Pasear a mi perra Bella cada mañana, cantar en el coro de la iglesia y cocinar "
            "con mi hija los domingos."
        ),
        ("personal-medicine", "gets-in-way-more"): (
            "Cuando estoy muy cansada por la pastilla de la noche, no salgo a caminar."
        ),
        ("todays-visit", "most-important"): (
            "Sentirme menos cansada en las mañanas para volver a trabajar medio tiempo."
        ),
        ("my-decision", "decision"): "Si bajar la dosis de quetiapina.",
        ("power-statement", "statement"): (
            "Soy madre, cantante y buena cocinera. Quiero que mi medicina me ayude a dormir "
            "toda la noche sin sentirme como un zombi, para estar con mi hija y volver a "
            "trabajar."
        ),
        ("my-questions", "questions"): (
            "¿Puedo tomar la pastilla de la noche más temprano para no sentirme atontada? "
            "¿El aumento de peso es por la medicina?"
        ),
        ("my-questions", "goal"): "Volver a trabajar medio tiempo para el verano.",
    },
}

# What an earlier visit answered for its medicine questions to be asked at all.
_TAKING: dict[ItemKey, object] = {("my-medicines", "taking"): True,
                                  ("my-medicines", "side-effects"): ["weight"]}

# Three earlier visits, four weeks apart: sadness easing, sleep getting worse, the medicine
# helping more. Her Power Statement and Personal Medicine were first written two visits ago.
_HISTORY: tuple[tuple[int, dict[ItemKey, object]], ...] = (
    (84, {("how-ive-been", "sad"): 3, ("how-ive-been", "sleep"): 1,
          ("how-ive-been", "worry"): 2, ("how-ive-been", "energy"): 3,
          ("how-ive-been", "enjoy"): 2, **_TAKING, ("my-medicines", "how-well"): 1}),
    (56, {("how-ive-been", "sad"): 2, ("how-ive-been", "sleep"): 2,
          ("how-ive-been", "worry"): 2, ("how-ive-been", "energy"): 2,
          ("how-ive-been", "enjoy"): 2, **_TAKING, ("my-medicines", "how-well"): 1,
          ("my-medicines", "bother"): 1}),
    (28, {("how-ive-been", "sad"): 2, ("how-ive-been", "sleep"): 2,
          ("how-ive-been", "worry"): 2, ("how-ive-been", "energy"): 2,
          ("how-ive-been", "people"): 1, ("how-ive-been", "enjoy"): 1,
          ("how-ive-been", "body"): 1, **_TAKING, ("my-medicines", "how-well"): 2,
          ("my-medicines", "bother"): 1}),
)

ROSA = Person(
    key="return-visit", name="Rosa", language="en", born=date(1979, 6, 14),
    answers={**CHOICES, **_TEXTS["en"]}, history=_HISTORY, watched=("handling-side-effects",),
)

# Sam: a first visit. Fluoxetine for panic since the winter; feels flat and restless, misses
# the morning pill on early shifts, and his insurance changed.
SAM = Person(
    key="first-visit", name="Sam", language="en", born=date(1997, 2, 3),
    answers={
        ("how-ive-been", "sad"): 1,
        ("how-ive-been", "sleep"): 1,
        ("how-ive-been", "worry"): 2,
        ("how-ive-been", "voices"): 0,
        ("how-ive-been", "energy"): 1,
        ("how-ive-been", "people"): 0,
        ("how-ive-been", "enjoy"): 2,
        ("how-ive-been", "body"): 0,
        ("how-ive-been", "alcohol-drugs"): 1,
        ("how-ive-been", "alcohol-drugs-more"): "A few beers on weekends after band practice.",
        ("how-ive-been", "pregnancy"): "does-not-apply",
        ("how-ive-been", "harm-self"): 0,
        ("how-ive-been", "harm-others"): 0,
        ("my-medicines", "taking"): True,
        ("my-medicines", "medicines"): "Fluoxetine 20 mg every morning, since January.",
        ("my-medicines", "how-well"): 1,
        ("my-medicines", "side-effects"): ["restless", "sexual"],
        ("my-medicines", "bother"): 1,
        ("my-medicines", "missed"): "often",
        ("my-medicines", "cost"): True,
        ("my-medicines", "cost-more"): (
            "My insurance changed in January and the pharmacy now wants $60 a month."
        ),
        ("my-medicines", "concerns"): (
            "I am scared the panic attacks come back if I switch. I read it can take weeks."
        ),
        ("personal-medicine", "things"): ["music", "friends", "exercise"],
        ("personal-medicine", "in-my-words"): (
            "Playing bass with my band on Thursdays and running by the lake before work."
        ),
        ("personal-medicine", "used"): "some",
        ("personal-medicine", "gets-in-way"): True,
        ("personal-medicine", "gets-in-way-more"): (
            "Some weeks I am too restless to sit through band practice."
        ),
        ("todays-visit", "topics"): ["change", "side-effects"],
        ("todays-visit", "most-important"): (
            "Finding a medicine I can take every day without feeling flat."
        ),
        ("todays-visit", "decide-how"): "together",
        ("my-decision", "decision"): "Whether to switch from fluoxetine to something else.",
        ("my-decision", "sure-1"): False,
        ("my-decision", "sure-2"): False,
        ("my-decision", "sure-3"): True,
        ("my-decision", "sure-4"): True,
        ("power-statement", "statement"): (
            "I am a line cook and a big brother. I want a medicine that keeps the panic away "
            "without making me feel flat, so I can still enjoy music and my friends."
        ),
        ("my-questions", "questions"): (
            "How long does a new medicine take to work? Can I switch without a gap? "
            "Is there a cheaper one?"
        ),
        ("my-questions", "goal"): "Take my pill with breakfast every day, even on early shifts.",
    },
)

# Marisol: her second visit, in Spanish. Risperidone; the voices more often lately; she and
# her husband want a baby next year; she lost her insurance; she left "thoughts of hurting
# someone else" unanswered.
MARISOL = Person(
    key="spanish", name="Marisol", language="es", born=date(1993, 10, 21),
    answers={
        ("how-ive-been", "sad"): 1,
        ("how-ive-been", "sleep"): 1,
        ("how-ive-been", "worry"): 2,
        ("how-ive-been", "voices"): 2,
        ("how-ive-been", "energy"): 1,
        ("how-ive-been", "people"): 1,
        ("how-ive-been", "enjoy"): 1,
        ("how-ive-been", "body"): 0,
        ("how-ive-been", "alcohol-drugs"): 0,
        ("how-ive-been", "pregnancy"): "planning",
        ("how-ive-been", "harm-self"): 0,
        ("my-medicines", "taking"): True,
        ("my-medicines", "medicines"): "Risperidona 2 mg en la noche.",
        ("my-medicines", "how-well"): 1,
        ("my-medicines", "side-effects"): ["weight", "sleepy"],
        ("my-medicines", "bother"): 1,
        ("my-medicines", "missed"): "sometimes",
        ("my-medicines", "cost"): True,
        ("my-medicines", "cost-more"): (
            "Perdí el seguro del trabajo y la farmacia me cobra 80 dólares al mes."
        ),
        ("my-medicines", "concerns"): (
            "Quiero saber si la risperidona es segura si quedo embarazada."
        ),
        ("personal-medicine", "things"): ["faith", "family", "cooking"],
        ("personal-medicine", "in-my-words"): (
            "Ir a misa los domingos con mi mamá y cocinar para mi familia. Cuando rezo, las "
            "voces se calman."
        ),
        ("personal-medicine", "used"): "a-lot",
        ("personal-medicine", "gets-in-way"): False,
        ("todays-visit", "topics"): ["change", "something-else"],
        ("todays-visit", "topics-other"): "Quiero tener un bebé el próximo año.",
        ("todays-visit", "most-important"): (
            "Saber qué medicina puedo tomar si quedo embarazada."
        ),
        ("todays-visit", "decide-how"): "together",
        ("my-decision", "decision"): "Si cambiar la risperidona antes de buscar un embarazo.",
        ("my-decision", "sure-1"): True,
        ("my-decision", "sure-2"): False,
        ("my-decision", "sure-3"): True,
        ("my-decision", "sure-4"): True,
        ("power-statement", "statement"): (
            "Soy hija, esposa y cocinera. Quiero una medicina que calme las voces y me deje "
            "cuidar de un bebé. Quiero decidir con mi doctora, no sola."
        ),
        ("my-questions", "questions"): (
            "¿Hay una medicina segura para el embarazo? ¿Qué pasa si la dejo de golpe?"
        ),
        ("my-questions", "goal"): "Llamar a la oficina del seguro esta semana.",
    },
    history=(
        (35, {("how-ive-been", "sad"): 2, ("how-ive-been", "sleep"): 2,
              ("how-ive-been", "worry"): 2, ("how-ive-been", "voices"): 1,
              ("how-ive-been", "energy"): 2, ("how-ive-been", "people"): 1,
              ("how-ive-been", "enjoy"): 2, ("how-ive-been", "body"): 0,
              ("how-ive-been", "alcohol-drugs"): 0, **_TAKING, ("my-medicines", "how-well"): 1,
              ("my-medicines", "bother"): 2}),
    ),
)

# The order ``--seed`` picks from (seed modulo the number of people who fit).
PEOPLE: tuple[Person, ...] = (ROSA, SAM, MARISOL)


def choose_person(seed: int, language: str | None = None) -> Person:
    """The person ``seed`` picks, among those who answer in ``language`` (any if None)."""
    fits = [p for p in PEOPLE if language is None or p.language == language]
    if not fits:
        raise ValueError(f"no sample person answers in {language!r}")
    return fits[seed % len(fits)]


def _walk(content: Content, language: str, answers: Mapping[ItemKey, object]) -> Visit:
    """Walks a visit through the engine, answering from ``answers`` and skipping the rest."""
    visit = Visit(content, language)
    for _ in range(10 * content.item_count + 100):
        if visit.finished:
            break
        screen = visit.current
        if screen.kind != "item" or screen.ref is None or not screen.item.answerable:
            visit.confirm()
            continue
        key = (screen.ref.questionnaire, screen.ref.item)
        if key in answers:
            try:
                visit.confirm(answers[key])
                continue
            except InvalidAnswer:
                pass
        visit.skip()
    return visit


def run_visit(
    content: Content, language: str, answers: Mapping[tuple[str, str], object]
) -> VisitSummary:
    """Walks a visit through the engine, answering from ``answers`` and skipping the rest."""
    return _walk(content, language, answers).summary()


def person_report_input(content: Content, person: Person, today: date = SAMPLE_DATE,
                        answers: Mapping[ItemKey, object] | None = None,
                        language: str | None = None) -> ReportInput:
    """``person``'s visit as storage would hand it to the report."""
    visit = _walk(content, language or person.language, answers or person.answers)
    return ReportInput(
        summary=visit.summary(),
        visit_date=today,
        display_name=person.name,
        visit_number=person.visit_number,
        history=person.earlier_visits(today),
        watched=tuple(v for v in person.watched if v in content.vignettes),
        unanswered_safety=unanswered_safety(content, visit.answers),
        identity=Identity(person.name, person.born if isinstance(person.born, date) else None),
    )


def sample_report_input(content: Content, language: str = "en") -> ReportInput:
    """The docs' sample: Rosa's fourth visit, with three earlier visits and one video watched
    (in Spanish, the same visit answered in Spanish)."""
    answers = {**CHOICES, **_TEXTS.get(language, _TEXTS["en"])}
    return person_report_input(content, ROSA, answers=answers, language=language)


# Rosa's decision as her prescriber records it at the peer station after the visit (the page
# saved for her health record prints it in the box).
ROSA_DECISION = SharedDecision(
    "I will take the quetiapine at 8 in the evening instead of 10, at the same dose, for two "
    "weeks, and write down each morning how I slept and how groggy I feel. If the weight "
    "keeps going up, we talk about lowering the dose at my next visit.",
    follow_up=("check-in-call", "other: walking group on Saturdays"),
    marks=("own-voice", "specific", "will-do"),
    recorded_on=SAMPLE_DATE,
)


def main(argv: list[str] | None = None) -> int:
    """Writes a sample report (docs/sample-report.pdf is made this way): ``python -m
    decisionaid.report.sample OUT.pdf [en|es] [letter|a4] [--person rosa|sam|marisol]
    [--report-language LANG] [--decided]``. The language after OUT.pdf is the one Rosa answers in; the
    others answer in their own."""
    import argparse
    import dataclasses

    from decisionaid.config import PROJECT_ROOT, report_languages
    from decisionaid.content.loader import load_content
    from decisionaid.report.data import build_report_data
    from decisionaid.report.render import write_report

    parser = argparse.ArgumentParser(prog="python -m decisionaid.report.sample")
    parser.add_argument("out", metavar="OUT.pdf")
    parser.add_argument("language", nargs="?", choices=("en", "es"), default="en")
    parser.add_argument("paper", nargs="?", choices=("letter", "a4"), default="letter")
    parser.add_argument("--person", choices=[p.name.lower() for p in PEOPLE], default="rosa")
    parser.add_argument("--report-language", choices=report_languages(), default=None,
                        help="the prescriber's language (default: the language answered in)")
    parser.add_argument("--decided", action="store_true",
                        help="with Rosa's shared decision recorded at the peer station")
    args = parser.parse_args(argv)
    content = load_content(PROJECT_ROOT, ("en", "es"))
    person = next(p for p in PEOPLE if p.name.lower() == args.person)
    if person is ROSA:
        report_input = sample_report_input(content, args.language)
    else:
        report_input = person_report_input(content, person)
    if args.decided:
        report_input = dataclasses.replace(report_input, decision=ROSA_DECISION)
    data = build_report_data(report_input, "Riverside Community Mental Health", content,
                             args.report_language)
    write_report(data, args.out, args.paper)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
