"""The composition root: one call opens what every front end needs, and logging goes to a
private file in the data folder, where uncaught errors end up too."""

from __future__ import annotations

import logging
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from decisionaid.app import default_log_file, log_file, open_app
from decisionaid.config import Config
from decisionaid.errors import UserError

MINI = Path(__file__).resolve().parents[1] / "data" / "mini"


def test_open_app_opens_content_database_and_services_and_a_private_log(tmp_path):
    config = Config(content_dir=MINI, database_url=f"sqlite:///{tmp_path / 'd.db'}")
    with open_app(config) as app:
        visit = app.visits.start()
        assert app.visits.load(visit.id).state == "in_progress"
        assert app.log_file == default_log_file() == log_file()
    assert default_log_file().parent == Path(os.environ["XDG_DATA_HOME"]) / "decisionaid" / "logs"
    logging.getLogger("decisionaid.test").warning("a warning with its context")
    assert "a warning with its context" in log_file().read_text(encoding="utf-8")
    assert stat.S_IMODE(log_file().stat().st_mode) == 0o600
    assert stat.S_IMODE(log_file().parent.stat().st_mode) == 0o700


def test_a_log_file_left_readable_by_others_is_made_private(tmp_path):
    default_log_file().parent.mkdir(parents=True, mode=0o755)
    default_log_file().write_text("old\n", encoding="utf-8")
    default_log_file().chmod(0o644)
    default_log_file().parent.chmod(0o755)
    open_app(Config(content_dir=MINI), content=False, database=False)
    assert stat.S_IMODE(log_file().stat().st_mode) == 0o600
    assert stat.S_IMODE(log_file().parent.stat().st_mode) == 0o700


def test_bad_content_is_one_line_naming_the_file_and_the_check(tmp_path):
    content = tmp_path / "content"
    (content / "questionnaires").mkdir(parents=True)
    (content / "questionnaires" / "broken.yaml").write_text("id: broken\nitems: [\n", encoding="utf-8")
    with pytest.raises(UserError) as caught:
        open_app(Config(content_dir=content, database_url=f"sqlite:///{tmp_path / 'd.db'}"))
    assert "broken.yaml:" in str(caught.value) and "decisionaid check" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_an_uncaught_error_is_logged_and_stderr_says_where(tmp_path):
    home = tmp_path / "home"
    script = ("from decisionaid.app import open_app\n"
              "from decisionaid.config import Config\n"
              "open_app(Config(), content=False, database=False)\n"
              # Made at run time: Python 3.13 shows a -c script's source line in tracebacks,
              # and the log keeps code lines; it is the message that must stay out.
              "raise RuntimeError(' '.join(['nobody', 'caught', 'this']))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env=dict(os.environ, XDG_DATA_HOME=str(home)), timeout=60)
    log = home / "decisionaid" / "logs" / "decisionaid.log"
    assert done.returncode == 1
    assert done.stderr.strip() == (f"decisionaid: unexpected error (RuntimeError); the details "
                                   f"are in {log}")
    text = log.read_text(encoding="utf-8")
    # What failed and where, not the error's own words: they may quote a person's data.
    assert "CRITICAL" in text and "Traceback" in text and "RuntimeError" in text
    assert 'line 4, in <module>' in text and "nobody caught this" not in text
