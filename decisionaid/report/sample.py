"""A realistic sample visit, run through the real engine: for the sample report in docs/, the
benchmark and the tests. The person and every answer are made up."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from decisionaid.content.model import Content
from decisionaid.engine.summary import VisitSummary
from decisionaid.engine.visit import InvalidAnswer, Visit
from decisionaid.report.data import EarlierVisit, ReportInput

SAMPLE_DATE = date(2025, 4, 8)

CHOICES: dict[tuple[str, str], object] = {
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
    ("my-medicines", "side-effects"): ["sleepy", "weight"],
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

_TEXTS: dict[str, dict[tuple[str, str], str]] = {
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

# Three earlier visits: sadness easing, sleep getting worse, the medicine helping more.
_HISTORY: tuple[tuple[date, dict[tuple[str, str], int]], ...] = (
    (date(2025, 1, 14), {("how-ive-been", "sad"): 3, ("how-ive-been", "sleep"): 1,
                         ("how-ive-been", "worry"): 2, ("how-ive-been", "energy"): 3,
                         ("how-ive-been", "enjoy"): 2, ("my-medicines", "how-well"): 1}),
    (date(2025, 2, 11), {("how-ive-been", "sad"): 2, ("how-ive-been", "sleep"): 2,
                         ("how-ive-been", "worry"): 2, ("how-ive-been", "energy"): 2,
                         ("how-ive-been", "enjoy"): 2, ("my-medicines", "how-well"): 1,
                         ("my-medicines", "bother"): 1}),
    (date(2025, 3, 11), {("how-ive-been", "sad"): 2, ("how-ive-been", "sleep"): 2,
                         ("how-ive-been", "worry"): 2, ("how-ive-been", "energy"): 2,
                         ("how-ive-been", "people"): 1, ("how-ive-been", "enjoy"): 1,
                         ("how-ive-been", "body"): 1, ("my-medicines", "how-well"): 2,
                         ("my-medicines", "bother"): 1}),
)


def run_visit(
    content: Content, language: str, answers: Mapping[tuple[str, str], object]
) -> VisitSummary:
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
    return visit.summary()


def sample_report_input(content: Content, language: str = "en") -> ReportInput:
    """The sample visit: Rosa's fourth, with three earlier visits and one video watched."""
    answers = {**CHOICES, **_TEXTS.get(language, _TEXTS["en"])}
    return ReportInput(
        summary=run_visit(content, language, answers),
        visit_date=SAMPLE_DATE,
        display_name="Rosa",
        visit_number=4,
        history=tuple(EarlierVisit(day, dict(values)) for day, values in _HISTORY),
        watched=tuple(v for v in ("handling-side-effects",) if v in content.vignettes),
    )


def main(argv: list[str] | None = None) -> int:
    """Writes the sample report: ``python -m decisionaid.report.sample OUT.pdf [en|es] [a4]``
    (docs/sample-report.pdf is made this way)."""
    import sys

    from decisionaid.config import PROJECT_ROOT
    from decisionaid.content.loader import load_content
    from decisionaid.report.data import build_report_data
    from decisionaid.report.render import write_report

    args = sys.argv[1:] if argv is None else argv
    if not args:
        print("usage: python -m decisionaid.report.sample OUT.pdf [en|es] [letter|a4]")
        return 2
    language = args[1] if len(args) > 1 else "en"
    paper = args[2] if len(args) > 2 else "letter"
    content = load_content(PROJECT_ROOT, ("en", "es"))
    data = build_report_data(sample_report_input(content, language),
                             "Riverside Community Mental Health", content)
    write_report(data, args[0], paper)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
