"""The live preview: one questionnaire (or peer story) as the kiosk shows it, for the person who
writes it.

On the left, every screen of the questionnaire (its intro, then each item), with the items a
``show_if`` hides under the answers given so far marked as such; a tap on one shows it. In the
middle, the kiosk's own screen at the kiosk's screen size: answering and pressing Next goes on as
the kiosk would, to the next item the answers show, so each branch can be walked. On the right,
what ``decisionaid check`` says about the file. The folder is watched: a save (editors often
write a new file and rename it over the old) reloads within a second; a file that no longer
passes the check shows its messages instead of the screen, and the screen comes back when it is
mended.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from decisionaid.config import Config
from decisionaid.content.loader import ContentError, check
from decisionaid.content.model import Content, ItemRef, Questionnaire, Vignette, text_in
from decisionaid.engine.conditions import holds
from decisionaid.engine.visit import Screen as EngineScreen
from decisionaid.i18n import current_language
from decisionaid.services.clock import Timers
from decisionaid.ui.common.strings import t
from decisionaid.ui.common.theme import Theme
from decisionaid.ui.common.timers import QtTimers

# A save is often several writes (a temporary file, a rename): the reload waits this long after
# the last change, well within the second an author waits for.
SETTLE_SECONDS = 0.25


def words(key: str) -> str:
    """The preview's own words, for its author: in the language of the terminal it was started
    from (the station's catalogue, ``station_preview_*``)."""
    return t(f"station_preview_{key}", current_language())


@dataclass
class Loaded:
    """One reading of the previewed file: what to show, or why it cannot be shown."""

    content: Content | None = None
    questionnaire: Questionnaire | None = None
    vignette: Vignette | None = None
    errors: list[ContentError] = field(default_factory=list)
    warnings: list[ContentError] = field(default_factory=list)
    problem: str = ""  # a problem that is not one file's, e.g. another file does not pass

    @property
    def showable(self) -> bool:
        return self.questionnaire is not None or self.vignette is not None


def content_root(path: Path, config: Config) -> tuple[Path, Path | None]:
    """The content folder to check ``path`` with, and the draft to put in it (a file outside
    any content folder stands in for the configured content's file of the same name)."""
    if path.name == "vignette.yaml":
        path = path.parent
    if path.is_dir() and path.parent.name == "vignettes":
        return path.parent.parent, None
    if path.parent.name == "questionnaires":
        return path.parent.parent, None
    return config.content_dir, path


def load(path: Path, config: Config) -> Loaded:
    root, draft = content_root(path, config)
    target = path.parent if path.name == "vignette.yaml" else path
    result = check(root, config.languages, None if draft else [target], config.reading_targets, draft)
    loaded = Loaded(errors=list(result.errors), warnings=list(result.warnings))
    if result.errors:
        return loaded
    if result.content is None:
        loaded.problem = words("other_file").format(root=root)
        return loaded
    loaded.content = result.content
    wanted = target.resolve()
    for questionnaire in result.content.questionnaires:
        if Path(questionnaire.path).resolve() == wanted:
            loaded.questionnaire = questionnaire
    for vignette in result.content.vignettes.values():
        if Path(vignette.folder).resolve() == wanted:
            loaded.vignette = vignette
    if not loaded.showable:
        loaded.problem = words("nothing").format(path=path)
    return loaded


class Walk:
    """Where the author is in the questionnaire and what they answered: step 0 is the intro,
    step i + 1 the item i."""

    def __init__(self, questionnaire: Questionnaire):
        self.questionnaire = questionnaire
        self.answers: dict[ItemRef, object] = {}
        self.step = 0

    def renew(self, questionnaire: Questionnaire) -> None:
        """The questionnaire as newly read: the same item stays on show if it is still there."""
        current = self.item_id
        self.questionnaire = questionnaire
        ids = [item.id for item in questionnaire.items]
        self.answers = {ref: v for ref, v in self.answers.items() if ref.item in ids}
        self.step = ids.index(current) + 1 if current in ids else min(self.step, len(ids))

    @property
    def item_id(self) -> str | None:
        return self.questionnaire.items[self.step - 1].id if self.step else None

    def ref(self, index: int) -> ItemRef:
        return ItemRef(self.questionnaire.id, self.questionnaire.items[index].id)

    def shown(self, index: int) -> bool:
        item = self.questionnaire.items[index]
        return item.show_if is None or holds(item.show_if, self.answers)

    def answer(self, value: object) -> None:
        if self.step:
            if value is None:
                self.answers.pop(self.ref(self.step - 1), None)
            else:
                self.answers[self.ref(self.step - 1)] = value
        self.forward()

    def forward(self) -> None:
        for index in range(self.step, len(self.questionnaire.items)):
            if self.shown(index):
                self.step = index + 1
                return

    def back(self) -> None:
        for index in range(self.step - 2, -1, -1):
            if self.shown(index):
                self.step = index + 1
                return
        self.step = 0

    def screen(self) -> EngineScreen:
        q = self.questionnaire
        count = len(q.items)
        if not self.step:
            return EngineScreen("intro", q, None, None, 1, 1, 0.0)
        item = q.items[self.step - 1]
        return EngineScreen("item", q, item, self.answers.get(self.ref(self.step - 1)), 1, 1,
                            (self.step - 1) / max(count, 1))


class Watcher(QObject):
    """``changed`` once the folder holding ``path`` (or the file) has settled after a change."""

    changed = Signal()

    def __init__(self, path: Path, parent: QObject | None, timers: Timers,
                 settle_seconds: float = SETTLE_SECONDS):
        super().__init__(parent)
        self.path = path
        self.folder = path if path.is_dir() else path.parent
        self.watcher = QFileSystemWatcher(self)
        self.timer = timers.timer(settle_seconds, self._settled, self)
        self.watcher.directoryChanged.connect(self._touched)
        self.watcher.fileChanged.connect(self._touched)
        self._watch()

    def _watch(self) -> None:
        wanted = [str(self.folder)]
        if self.path.is_file():
            wanted.append(str(self.path))
        answer_sets = self.folder / "_answer-sets.yaml"
        if answer_sets.is_file():
            wanted.append(str(answer_sets))
        watched = set(self.watcher.files()) | set(self.watcher.directories())
        missing = [p for p in wanted if p not in watched]
        if missing:
            self.watcher.addPaths(missing)

    def _touched(self, _path: str) -> None:
        self.timer.start()

    def _settled(self) -> None:
        self._watch()  # a file replaced on save is a new file: watch it again
        self.changed.emit()


class PreviewWindow(QWidget):
    """``reloaded`` after every reading of the file (good or not). ``timers``: where the
    reload's wait for a save to settle runs (None: Qt's; tests hand in ``FakeTime``)."""

    reloaded = Signal()

    def __init__(self, path: Path, config: Config, *, size: tuple[int, int] = (1280, 800),
                 language: str | None = None, theme: Theme | None = None, speaker=None,
                 player_factory=None, timers: Timers | None = None):
        super().__init__()
        self.setObjectName("PreviewWindow")
        self.setWindowTitle(words("title").format(name=path.name))
        self.path = Path(path)
        self.config = config
        self.language = language or config.languages[0]
        self.theme = theme or Theme()
        self.timers: Timers = timers or QtTimers()
        if speaker is None:
            from decisionaid.ui.common.speech import Speaker

            speaker = Speaker(self, voices=config.voices, timers=self.timers)
        self.speaker = speaker
        self.player_factory = player_factory
        self.player = None
        self.walk: Walk | None = None
        self.loaded = Loaded()
        self.screen: QWidget | None = None

        row = QHBoxLayout(self)
        self.steps = QListWidget()
        self.steps.setObjectName("steps")
        self.steps.setMinimumWidth(260)
        self.steps.itemClicked.connect(self._chosen)
        row.addWidget(self.steps)
        self.stage = QWidget()
        self.stage.setObjectName("stage")
        self.stage.setFixedSize(*size)
        self.stage.setStyleSheet(self.theme.style_sheet())
        self.stage_layout = QVBoxLayout(self.stage)
        self.stage_layout.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidget(self.stage)
        scroll.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.broken = QLabel()
        self.broken.setObjectName("broken")
        self.broken.setWordWrap(True)
        self.broken.setAlignment(Qt.AlignmentFlag.AlignCenter)
        middle = QVBoxLayout()
        middle.addWidget(self.broken)
        middle.addWidget(scroll, 1)
        self.scroll = scroll
        row.addLayout(middle, 1)
        side = QVBoxLayout()
        side.addWidget(QLabel(words("messages")))
        self.messages = QListWidget()
        self.messages.setObjectName("messages")
        self.messages.setWordWrap(True)
        self.messages.setMinimumWidth(320)
        side.addWidget(self.messages)
        row.addLayout(side)

        self.resize(size[0] + 640, size[1] + 40)
        self.watcher = Watcher(self.path, self, self.timers)
        self.watcher.changed.connect(self.reload)
        self.reload()

    # --- reading ---------------------------------------------------------------------------
    def reload(self) -> None:
        self.loaded = loaded = load(self.path, self.config)
        self.messages.clear()
        for error in loaded.errors:
            self.messages.addItem(str(error))
        for warning in loaded.warnings:
            self.messages.addItem(f"{warning} ({words('warning')})")
        if loaded.problem:
            self.messages.addItem(loaded.problem)
        if not loaded.errors and not loaded.problem and not loaded.warnings:
            self.messages.addItem(words("passes"))
        if not loaded.showable:
            first = str(loaded.errors[0]) if loaded.errors else loaded.problem
            self.broken.setText(words("broken").format(message=first))
            self.broken.show()
            self.scroll.hide()
        else:
            self.broken.hide()
            self.scroll.show()
            if loaded.questionnaire is not None:
                if self.walk is None:
                    self.walk = Walk(loaded.questionnaire)
                else:
                    self.walk.renew(loaded.questionnaire)
                self.show_step()
            else:
                self.show_story(loaded.vignette)
        self.reloaded.emit()

    # --- the questionnaire -----------------------------------------------------------------
    def _list_steps(self) -> None:
        walk = self.walk
        q = walk.questionnaire
        self.steps.blockSignals(True)
        self.steps.clear()
        self.steps.addItem(QListWidgetItem(words("intro").format(title=text_in(q.title, self.language))))
        for index, item in enumerate(q.items):
            line = f"{item.id} · {item.type}: {text_in(item.text, self.language)}"
            if not walk.shown(index):
                line += f"  ({words('hidden')})"
            entry = QListWidgetItem(line)
            if not walk.shown(index):
                entry.setForeground(Qt.GlobalColor.gray)
            self.steps.addItem(entry)
        self.steps.setCurrentRow(walk.step)
        self.steps.blockSignals(False)

    def _chosen(self, entry: QListWidgetItem) -> None:
        if self.walk is not None:
            self.walk.step = self.steps.row(entry)
            self.show_step()

    def show_step(self) -> None:
        from decisionaid.ui.kiosk.intro_screen import IntroScreen
        from decisionaid.ui.kiosk.question_screen import QuestionScreen

        walk = self.walk
        current = walk.screen()
        if current.kind == "intro":
            screen = IntroScreen(self.language, self.theme, self.speaker)
            screen.load(current, self.language, can_go_back=False)
            screen.started.connect(lambda: self._then(walk.forward))
            screen.skipped.connect(lambda: self._then(walk.forward))
        else:
            screen = QuestionScreen(current.item.type, self.language, self.theme, self.speaker,
                                    options=len(current.item.options))
            screen.load(current, self.language, can_go_back=True)
            screen.answered.connect(lambda value: self._then(lambda: walk.answer(value)))
            screen.skipped.connect(lambda: self._then(lambda: walk.answer(None)))
            screen.went_back.connect(lambda: self._then(walk.back))
        self._put(screen)
        self._list_steps()

    def _then(self, move) -> None:
        move()
        self.show_step()

    # --- a story ---------------------------------------------------------------------------
    def show_story(self, vignette: Vignette) -> None:
        from decisionaid.ui.kiosk.vignette_screen import VignetteScreen

        if self.player is None:
            if self.player_factory is None:
                from decisionaid.ui.common.player import MediaPlayer

                self.player_factory = lambda: MediaPlayer(self)
            self.player = self.player_factory()
        self.steps.clear()
        self.steps.addItem(text_in(vignette.title, self.language))
        self.walk = None
        self._put(VignetteScreen(self.player, vignette, self.language, self.speaker, theme=self.theme))

    def _put(self, screen: QWidget) -> None:
        old, self.screen = self.screen, screen
        screen.setObjectName(screen.objectName() or "screen")
        self.stage_layout.addWidget(screen)
        if old is not None:
            if hasattr(old, "close_screen") and old is not screen:
                old.close_screen()
            self.stage_layout.removeWidget(old)
            old.hide()
            old.deleteLater()
