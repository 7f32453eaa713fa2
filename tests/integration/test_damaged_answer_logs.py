"""One damaged byte in a stored answer once put the answer's words in the log four times,
inside the tracebacks of an export and a report. The log and stderr now say what failed and
where, never the words."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from decisionaid.app import open_app
from decisionaid.config import Config
from decisionaid.content.model import ItemRef
from decisionaid.services.pins import PinHasher
from decisionaid.storage.database import sqlite_driver

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini"
ANSWER = "sentinelanswer lullaby owls"
SENTINELS = ("sentinelanswer", "lullaby", "owls", "Quillon")


def _clinic_with_a_damaged_answer(tmp_path: Path) -> Path:
    path = tmp_path / "clinic.db"
    app = open_app(Config(content_dir=MINI, database_url=f"sqlite:///{path}"),
                   hasher=PinHasher.fast())
    person = app.profiles.create("Quillon", date(1980, 2, 3), "2468", "en")
    kv = app.visits.start(person.id)
    kv.go_to(ItemRef("feelings", "sleep"))
    kv.confirm(2)
    kv.confirm(ANSWER)  # "Tell us more about your sleep"
    app.visits.finish(kv.id)
    app.close()
    with sqlite_driver().connect(path) as raw:  # one byte of the stored text, flipped as a disk might
        (value,) = raw.execute("SELECT value FROM answers WHERE value LIKE '%lullaby%'").fetchone()
        raw.execute("UPDATE answers SET value = CAST(? AS TEXT) WHERE value LIKE '%lullaby%'",
                    (value.encode().replace(b"lull", b"lu\xffl"),))
    site = tmp_path / "site.toml"
    site.write_text(f'content_dir = "{MINI}"\ndatabase_url = "sqlite:///{path}"\n')
    return site


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "HOME": str(tmp_path / "home"), "XDG_DATA_HOME": str(tmp_path / "data"),
           "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "decisionaid", *args], env=env, text=True,
                          capture_output=True, timeout=120, check=False)


def test_export_and_report_of_a_damaged_answer_keep_its_words_out_of_log_and_stderr(tmp_path):
    site = _clinic_with_a_damaged_answer(tmp_path)
    export = _run(tmp_path, "export", "--format", "csv", "-o", str(tmp_path / "out.csv"),
                  "--config", str(site))
    report = _run(tmp_path, "report", "1", "-o", str(tmp_path / "r.pdf"), "--config", str(site))
    log_file = tmp_path / "data" / "decisionaid" / "logs" / "decisionaid.log"
    log = log_file.read_text() if log_file.exists() else ""
    for run in (export, report):
        assert run.returncode != 0
        assert len(run.stderr.strip().splitlines()) == 1  # one line, no traceback
        assert run.stderr.startswith("decisionaid: ")
    for sentinel in SENTINELS:
        assert sentinel not in log, f"{sentinel!r} is in the log"
        assert sentinel not in export.stderr + report.stderr, f"{sentinel!r} is on stderr"


def test_a_logged_error_keeps_its_kind_and_place_but_not_its_words(tmp_path):
    """Whatever reaches the log: SQLite's decode error quotes the damaged text whole."""
    import logging

    from decisionaid.log_privacy import PrivateFormatter

    try:
        raise ValueError(f"Could not decode to UTF-8 column 'value' with text '{ANSWER}'")
    except ValueError as error:
        record = logging.LogRecord("decisionaid", logging.ERROR, __file__, 1,
                                   "export failed: %s", (error,), exc_info=(
                                       type(error), error, error.__traceback__))
    text = PrivateFormatter("%(message)s").format(record)
    assert "ValueError" in text and "test_damaged_answer_logs.py" in text
    assert not any(sentinel in text for sentinel in SENTINELS)
