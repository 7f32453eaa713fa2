"""The loaded content as plain, immutable data: questionnaires, items, options, vignettes.

Everything here has already passed validation (see ``loader``); the engine and the report work
from these objects only. A text is a mapping from language code to string that holds every site
language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from decisionaid import i18n

ItemType = Literal["scale", "choice", "multi", "yesno", "text", "info", "vignettes"]
Severity = Literal["concern", "safety"]
Value = int | str | bool
Text = dict[str, str]
Better = Literal["lower", "higher"]
Change = Literal["better", "worse", "same"]

BETTER_ENDS: tuple[str, ...] = ("lower", "higher")

ITEM_TYPES: tuple[str, ...] = ("scale", "choice", "multi", "yesno", "text", "info", "vignettes")
ANSWERABLE_TYPES = frozenset({"scale", "choice", "multi", "yesno", "text"})
SEVERITIES: tuple[str, ...] = ("concern", "safety")
REPORT_SECTIONS: tuple[str, ...] = (
    "alerts",
    "power_statement",
    "today",
    "decision",
    "how_ive_been",
    "medicines",
    "personal_medicine",
    "questions",
    "goals",
)
DEFAULT_MAX_LENGTH = 500

# The built-in yes/no labels, used for every `yesno` item in every language a site may choose;
# the kiosk catalogue's own ("yesno_yes", "yesno_no") come first (see yesno_labels).
YESNO_LABELS: dict[str, tuple[str, str]] = {
    "en": ("Yes", "No"),
    "es": ("Sí", "No"),
    "fr": ("Oui", "Non"),
    "pt": ("Sim", "Não"),
    "de": ("Ja", "Nein"),
    "it": ("Sì", "No"),
    "ht": ("Wi", "Non"),
    "vi": ("Có", "Không"),
    "tl": ("Oo", "Hindi"),
    "ru": ("Да", "Нет"),
    "ar": ("نعم", "لا"),
    "zh": ("是", "否"),
    "ko": ("예", "아니요"),
    "so": ("Haa", "Maya"),
}


def yesno_labels(language: str) -> tuple[str, str]:
    """The labels of a ``yesno`` item's answers in ``language``: the kiosk catalogue's (so a
    language added as files has them), else the built-in ones, else English."""
    built_in = YESNO_LABELS.get(language, YESNO_LABELS["en"])
    words = i18n.catalogue("kiosk", language)
    return words.pgettext("yesno_yes", built_in[0]), words.pgettext("yesno_no", built_in[1])


def change_between(better: Better | None, earlier: object, later: object) -> Change | None:
    """Whether a scale answer got better, worse or stayed the same, from the end the content
    declares better; None when it declares none or either answer is not a number: never guessed."""
    numbers = [v for v in (earlier, later) if isinstance(v, int) and not isinstance(v, bool)]
    if better not in BETTER_ENDS or len(numbers) != 2:
        return None
    if later == earlier:
        return "same"
    return "better" if (later > earlier) == (better == "higher") else "worse"  # type: ignore[operator]


def text_in(text: Text | None, language: str) -> str:
    """The text in ``language``, falling back to English, then to any language it has."""
    if not text:
        return ""
    return text.get(language) or text.get("en") or next(iter(text.values()), "")


@dataclass(frozen=True)
class ItemRef:
    """Names one item across the whole content: (questionnaire id, item id)."""

    questionnaire: str
    item: str

    def __str__(self) -> str:
        return f"{self.questionnaire}/{self.item}"


@dataclass(frozen=True)
class Option:
    value: Value
    label: Text
    flag: Severity | None = None
    suggest: tuple[str, ...] = ()
    exclusive: bool = False


@dataclass(frozen=True)
class Condition:
    """A `show_if` test. Leaf ops name an item; `all`/`any`/`not` combine ``parts``."""

    op: Literal["equals", "in", "at_least", "at_most", "answered", "all", "any", "not"]
    ref: ItemRef | None = None
    value: object = None
    parts: tuple[Condition, ...] = ()

    def refs(self) -> list[ItemRef]:
        """Every item this condition depends on."""
        found = [self.ref] if self.ref else []
        for part in self.parts:
            found.extend(part.refs())
        return found


@dataclass(frozen=True)
class Item:
    id: str
    type: ItemType
    text: Text
    help: Text | None = None
    options: tuple[Option, ...] = ()
    required: bool = False
    show_if: Condition | None = None
    report: str | None = None
    trend: bool = False
    max_length: int = DEFAULT_MAX_LENGTH
    max: int | None = None
    carry_forward: bool = False
    read_aloud: bool = True
    vignette: str | None = None
    topics: tuple[str, ...] = ()
    better: Better | None = None  # scales: which end is better ("lower" or "higher" values)
    line: int = 0

    @property
    def answerable(self) -> bool:
        return self.type in ANSWERABLE_TYPES

    def option(self, value: Value) -> Option | None:
        for option in self.options:
            if option.value == value and type(option.value) is type(value):
                return option
        return None


@dataclass(frozen=True)
class ScoreFlag:
    severity: Severity
    text: Text
    at_least: int | None = None
    at_most: int | None = None

    def raised_by(self, total: int) -> bool:
        if self.at_least is not None and total >= self.at_least:
            return True
        return self.at_most is not None and total <= self.at_most


@dataclass(frozen=True)
class Score:
    id: str
    items: tuple[str, ...]
    label: Text
    flag: ScoreFlag | None = None
    report: str | None = None
    line: int = 0


@dataclass(frozen=True)
class Questionnaire:
    id: str
    version: int
    order: int
    title: Text
    items: tuple[Item, ...]
    intro: Text | None = None
    optional: bool = False
    scores: tuple[Score, ...] = ()
    path: str = ""

    def item(self, item_id: str) -> Item:
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(f"{self.id}/{item_id}")

    @property
    def url(self) -> str:
        """The canonical URL this questionnaire is published under (FHIR export, answers)."""
        return f"urn:decisionaid:questionnaire:{self.id}"


@dataclass(frozen=True)
class Vignette:
    id: str
    title: Text
    summary: Text
    peer: Text
    topics: tuple[str, ...]
    video: str
    captions: dict[str, str]
    transcript: dict[str, str]
    duration_s: int
    sample: bool = False
    folder: str = ""

    def transcript_text(self, language: str) -> str:
        """The transcript in ``language`` (English if it has none), read from disk."""
        path = self.transcript.get(language) or self.transcript.get("en")
        if not path:
            return ""
        with open(path, encoding="utf-8") as f:
            return f.read()


@dataclass(frozen=True)
class Content:
    """All questionnaires (in visit order) and vignettes a site runs with.

    ``topics`` names each vignette topic in every site language, in the order the stories
    library shows them (from ``vignettes/_topics.yaml``); every topic in use is declared there.
    """

    languages: tuple[str, ...]
    questionnaires: tuple[Questionnaire, ...]
    vignettes: dict[str, Vignette] = field(default_factory=dict)
    topics: dict[str, Text] = field(default_factory=dict)

    def topic_name(self, topic: str, language: str) -> str:
        """The name of a topic in ``language``; the id made readable if it is not declared."""
        if topic in self.topics:
            return text_in(self.topics[topic], language)
        return topic.replace("-", " ").capitalize()

    def questionnaire(self, questionnaire_id: str) -> Questionnaire:
        for questionnaire in self.questionnaires:
            if questionnaire.id == questionnaire_id:
                return questionnaire
        raise KeyError(questionnaire_id)

    def item(self, ref: ItemRef) -> Item:
        return self.questionnaire(ref.questionnaire).item(ref.item)

    @property
    def item_count(self) -> int:
        return sum(len(q.items) for q in self.questionnaires)
