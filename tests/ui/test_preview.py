"""`decisionaid preview`: an author sees a questionnaire in the kiosk's screens, walks its items
and branches, and the preview follows each save of the file, broken or mended."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from decisionaid.cli import main
from decisionaid.config import Config
from decisionaid.ui.kiosk.preview import SETTLE_SECONDS, PreviewWindow
from decisionaid.ui.testing import FakeMediaPlayer, RecordingSpeaker, wait_for

MINI = Path(__file__).resolve().parents[1] / "data" / "mini"


@pytest.fixture
def content(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(MINI, root)
    return root


@pytest.fixture
def open_preview(qtbot, content, fake_time):
    def opened(path: Path, **kwargs) -> PreviewWindow:
        window = PreviewWindow(path, Config(content_dir=content), size=(1280, 800), speaker=RecordingSpeaker(),
                               player_factory=FakeMediaPlayer, timers=fake_time, **kwargs)
        qtbot.addWidget(window)
        window.show()
        return window
    return opened


def steps(window: PreviewWindow) -> list[str]:
    return [window.steps.item(i).text() for i in range(window.steps.count())]


def messages(window: PreviewWindow) -> list[str]:
    return [window.messages.item(i).text() for i in range(window.messages.count())]


def save(path: Path, text: str) -> None:
    """As editors save: a new file written beside it, then renamed over it."""
    temporary = path.with_name(f".{path.name}.swp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


def save_and_settle(qtbot, window: PreviewWindow, fake_time, path: Path, text: str) -> None:
    """Saves, then moves time through the preview's wait for the save to settle: nothing is
    read again until the wait is over, and then the file is read once."""
    reloads = []
    window.reloaded.connect(lambda: reloads.append(1))
    save(path, text)
    wait_for(qtbot, window.watcher.timer.is_active)  # the save is seen; the reload waits
    fake_time.advance(SETTLE_SECONDS - 0.05)
    assert reloads == [] and window.watcher.timer.is_active()
    fake_time.advance(0.05)
    assert reloads == [1] and not window.watcher.timer.is_active()


def test_every_item_is_listed_and_answers_open_their_branch(open_preview, content, qtbot):
    window = open_preview(content / "questionnaires" / "feelings.yaml")
    assert type(window.screen).__name__ == "IntroScreen"
    assert messages(window) == ["This file passes the check."]
    listed = steps(window)
    assert listed[0].startswith("Intro: ") and len(listed) == 1 + len(window.walk.questionnaire.items)
    assert any(line.startswith("sleep-more") and "hidden by show_if" in line for line in listed)
    qtbot.mouseClick(window.screen.nav.next_button, Qt.MouseButton.LeftButton)
    assert window.screen.item.id == "sad"
    qtbot.mouseClick(window.screen.nav.skip_button, Qt.MouseButton.LeftButton)
    assert window.screen.item.id == "sleep"
    # The highest answer on the sleep scale opens the follow-up, which comes next.
    sleep = window.screen
    sleep.answer.set_value(max(o.value for o in sleep.item.options))
    qtbot.mouseClick(sleep.nav.next_button, Qt.MouseButton.LeftButton)
    assert window.screen.item.id == "sleep-more"
    assert not any(line.startswith("sleep-more") and "hidden" in line for line in steps(window))
    # Any item can be shown from the list, hidden or not.
    window.steps.itemClicked.emit(window.steps.item(4))
    assert window.screen.item.id == "sleep-detail"


def test_a_save_reloads_a_broken_save_shows_the_check_and_a_mend_brings_it_back(open_preview, content, qtbot,
                                                                                 fake_time):
    path = content / "questionnaires" / "feelings.yaml"
    good = path.read_text(encoding="utf-8")
    window = open_preview(path)
    window.steps.itemClicked.emit(window.steps.item(2))
    assert window.screen.question.text() == "Trouble sleeping"

    save_and_settle(qtbot, window, fake_time, path,
                    good.replace("en: Trouble sleeping", "en: How is your sleep?"))
    assert window.screen.item.id == "sleep" and window.screen.question.text() == "How is your sleep?"

    save_and_settle(qtbot, window, fake_time, path, good.replace("type: scale", "type: scael", 1))
    assert window.broken.isVisible() and not window.scroll.isVisible()
    assert f"{path}:" in window.broken.text() and "did you mean 'scale'?" in window.broken.text()
    assert any(line.startswith(f"{path}:") and "scael" in line for line in messages(window))

    save_and_settle(qtbot, window, fake_time, path, good)
    assert not window.broken.isVisible() and window.scroll.isVisible()
    assert window.screen.item.id == "sleep" and messages(window) == ["This file passes the check."]


def test_a_save_during_the_wait_restarts_it_and_the_file_is_read_once(open_preview, content, qtbot,
                                                                       fake_time):
    path = content / "questionnaires" / "feelings.yaml"
    good = path.read_text(encoding="utf-8")
    window = open_preview(path)
    reloads = []
    window.reloaded.connect(lambda: reloads.append(1))
    save(path, good.replace("Trouble sleeping", "First draft"))
    wait_for(qtbot, window.watcher.timer.is_active)
    fake_time.advance(SETTLE_SECONDS - 0.05)
    save(path, good.replace("Trouble sleeping", "Second draft"))
    assert fake_time.pending() == [pytest.approx(0.05)]
    # The second save starts the wait again.
    wait_for(qtbot, lambda: fake_time.pending() == [pytest.approx(SETTLE_SECONDS)])
    fake_time.advance(0.1)  # past the first save's wait: nothing is read yet
    assert reloads == []
    fake_time.advance(SETTLE_SECONDS)
    assert reloads == [1] and not window.watcher.timer.is_active()
    assert any("Second draft" in line for line in steps(window))


def test_hard_reading_shows_beside_the_screen(open_preview, content, qtbot, fake_time):
    path = content / "questionnaires" / "feelings.yaml"
    window = open_preview(path)
    save_and_settle(qtbot, window, fake_time, path, path.read_text(encoding="utf-8").replace(
            "en: Trouble sleeping",
            "en: Considering everything, how satisfactory has your nightly sleeping experience generally been"))
    assert window.screen is not None and not window.broken.isVisible()
    assert any("reads at grade" in line and line.endswith("(warning)") for line in messages(window))


def test_a_draft_outside_the_content_is_shown_with_it(open_preview, content, tmp_path):
    draft = tmp_path / "drafts" / "feelings.yaml"
    draft.parent.mkdir()
    shutil.copy(content / "questionnaires" / "feelings.yaml", draft)
    window = open_preview(draft, language="es")
    assert type(window.screen).__name__ == "IntroScreen"
    assert window.screen.title.text() == window.walk.questionnaire.title["es"]


def test_a_story_is_shown_in_the_story_screen(open_preview, content):
    window = open_preview(content / "vignettes" / "side-story" / "vignette.yaml")
    assert type(window.screen).__name__ == "VignetteScreen"
    assert steps(window) == ["A short story about side effects"]


def test_the_command_refuses_what_it_cannot_show_in_one_line(tmp_path, capsys):
    notes = tmp_path / "notes.txt"
    notes.write_text("x")
    assert main(["preview", str(notes)]) == 2
    assert capsys.readouterr().err.strip() == f"decisionaid: {notes} is not a questionnaire file (NAME.yaml) or a vignette folder"
    assert main(["preview", str(tmp_path / "missing.yaml")]) == 2
    assert "no such file or folder" in capsys.readouterr().err
