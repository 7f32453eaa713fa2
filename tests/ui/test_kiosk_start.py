"""Starting the kiosk: it draws its welcome screen, and refuses to run on broken content."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

MINI = Path(__file__).resolve().parents[1] / "data" / "mini"
RUN = "import sys; from decisionaid.cli import main; sys.exit(main(sys.argv[1:]))"


def _kiosk(tmp_path: Path, content: Path, until: str | None = None) -> subprocess.CompletedProcess:
    config = tmp_path / "site.toml"
    config.write_text(f'site_name = "Test"\ncontent_dir = "{content}"\n'
                      f'database_url = "sqlite:///{tmp_path / "k.db"}"\n', encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("DECISIONAID_DATABASE_URL", None)
    if until:
        env["DECISIONAID_EXIT_AFTER_PAINT"] = until
    return subprocess.run([sys.executable, "-c", RUN, "kiosk", "--windowed", "--config", str(config)],
                          capture_output=True, text=True, env=env, timeout=120)


def test_the_kiosk_starts_and_becomes_ready(tmp_path):
    done = _kiosk(tmp_path, MINI, "ready")
    assert done.returncode == 0, done.stderr
    assert "ready" in done.stdout


def test_broken_content_stops_the_kiosk_with_file_and_line(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(MINI, content)
    broken = content / "questionnaires" / "feelings.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("type: scale", "type: slider", 1),
                      encoding="utf-8")
    done = _kiosk(tmp_path, content)
    assert done.returncode == 2
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("decisionaid: ") and "feelings.yaml:" in last and "Traceback" not in done.stderr


def _probe(tmp_path: Path, script: str) -> str:
    """What ``script`` (a kiosk start with a look of its own at the first paint) printed."""
    config = tmp_path / "site.toml"
    config.write_text(f'content_dir = "{MINI}"\ndatabase_url = "sqlite:///{tmp_path / "k.db"}"\n',
                      encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "DECISIONAID_EXIT_AFTER_PAINT": "painted"}
    env.pop("DECISIONAID_DATABASE_URL", None)
    done = subprocess.run([sys.executable, "-c", script, "kiosk", "--windowed", "--config", str(config)],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


FIRST_PAINT_PROBE = """
import sys
from PySide6 import QtCore
from decisionaid.ui.kiosk import window as kiosk

made = kiosk.KioskWindow.__init__
def init(self, *args, **kwargs):
    made(self, *args, **kwargs)
    self.welcome_painted.connect(
        lambda: print("Qt namespace built before the first paint:", "Qt" in QtCore.__dict__, flush=True))
kiosk.KioskWindow.__init__ = init
from decisionaid.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_the_welcome_screen_is_drawn_before_pyside_builds_its_qt_namespace(tmp_path):
    """Building the ``Qt`` namespace's Python enums costs about 20 ms, an eighth of the time to
    the first paint; the widgets made before it set Qt's values through properties instead."""
    assert "Qt namespace built before the first paint: False" in _probe(tmp_path, FIRST_PAINT_PROBE)


LOADED_PROBE = """
import sys
from decisionaid.ui.kiosk import window as kiosk

made = kiosk.KioskWindow.__init__
def init(self, *args, **kwargs):
    made(self, *args, **kwargs)
    later = ("decisionaid.ui.kiosk.session", "decisionaid.storage.database", "sqlalchemy", "html",
             "decisionaid.ui.kiosk.question_screen")
    self.welcome_painted.connect(
        lambda: print("loaded before the first paint:", [m for m in later if m in sys.modules], flush=True))
kiosk.KioskWindow.__init__ = init
from decisionaid.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_what_only_later_screens_and_the_services_need_loads_after_the_first_paint(tmp_path):
    """The database layer, the services' module, the question screens and the HTML entity table
    are not loaded before the welcome screen is painted: each would delay it."""
    assert "loaded before the first paint: []" in _probe(tmp_path, LOADED_PROBE)


def test_the_early_widgets_get_the_same_qt_settings_as_named_enums(qtbot):
    from PySide6.QtCore import Qt

    from decisionaid.ui.common.widgets import button, centred, label

    text = centred(label("lead", "<b>not bold</b>"))
    press = button("primary", "Next")
    qtbot.addWidget(text)
    qtbot.addWidget(press)
    assert text.textFormat() == Qt.TextFormat.PlainText
    assert text.alignment() == Qt.AlignmentFlag.AlignCenter
    assert press.focusPolicy() == Qt.FocusPolicy.NoFocus


def test_pyside_is_told_which_modules_use_it_by_a_file_read_with_the_same_answers():
    import sys

    import decisionaid.config
    import decisionaid.ui.common.widgets
    from decisionaid.ui.common.startup import lighter_imports

    feature = sys.modules["shibokensupport.feature"]
    asked = feature._mod_uses_pyside
    assert lighter_imports()
    try:
        for module in (decisionaid.config, decisionaid.ui.common.widgets, sys, os):
            assert feature._mod_uses_pyside(module) == asked(module)
        assert feature._mod_uses_pyside(decisionaid.ui.common.widgets)
        assert lighter_imports()  # once is enough
    finally:
        feature._mod_uses_pyside = asked
