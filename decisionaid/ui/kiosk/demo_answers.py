"""Made-up answers for a clinic's own content in the demo.

The demo's people answer the shipped questions. With a clinic's own content, whose items they
do not know, they would skip everything and the report would be empty; so when a person knows
none of the content's questionnaires, each question gets a plain answer: a scale's middle
option, a choice's first, a multi's first (never an option that raises a flag, so the demo
walks the ordinary way), Yes, and a short typed text.
"""

from __future__ import annotations

from decisionaid.content.model import Content, Item

TYPED = {"es": "Ejemplo", "en": "Example"}


def _calm_options(item: Item) -> list:
    return [o.value for o in item.options if o.flag is None and not o.exclusive]


def made_up_answers(content: Content, known: dict, language: str) -> dict:
    """Answers by (questionnaire id, item id) for ``content``; none when ``known`` (the
    person's own answers) already answers anything in it."""
    ids = {q.id for q in content.questionnaires}
    if any(key[0] in ids for key in known):
        return {}
    answers: dict = {}
    for questionnaire in content.questionnaires:
        for item in questionnaire.items:
            calm = _calm_options(item)
            if item.type == "scale" and calm:
                answers[(questionnaire.id, item.id)] = calm[len(calm) // 2]
            elif item.type == "choice" and calm:
                answers[(questionnaire.id, item.id)] = calm[0]
            elif item.type == "multi" and calm:
                answers[(questionnaire.id, item.id)] = [calm[0]]
            elif item.type == "yesno":
                answers[(questionnaire.id, item.id)] = True
            elif item.type == "text":
                answers[(questionnaire.id, item.id)] = TYPED.get(language, TYPED["en"])
    return answers
