"""The real kiosk and peer station at start: a damaged database stops them with one line
(damaged, and the way back), and the station never makes a database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

MINI = Path(__file__).resolve().parents[1] / "data" / "mini"
RUN = "import sys; from decisionaid.cli import main; sys.exit(main(sys.argv[1:]))"


def test_a_damaged_database_stops_the_kiosk_with_one_line(tmp_path):
    db_file = tmp_path / "k.db"
    db_file.write_bytes(os.urandom(200))
    config = tmp_path / "site.toml"
    config.write_text(f'site_name = "Test"\ncontent_dir = "{MINI}"\n'
                      f'database_url = "sqlite:///{db_file}"\n', encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_STATE_HOME": str(tmp_path / "state"),
           "XDG_DATA_HOME": str(tmp_path / "data")}
    for name in ("DECISIONAID_DATABASE_URL", "DECISIONAID_DB_KEY", "DECISIONAID_CONFIG"):
        env.pop(name, None)
    done = subprocess.run([sys.executable, "-c", RUN, "kiosk", "--windowed", "--config", str(config)],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith(f"decisionaid: the database {db_file} is damaged")
    assert "'decisionaid restore BACKUP_FILE'" in last


def test_the_peer_station_never_makes_a_database(tmp_path):
    db_file = tmp_path / "typo" / "clinic.db"
    config = tmp_path / "site.toml"
    config.write_text(f'content_dir = "{MINI}"\ndatabase_url = "sqlite:///{db_file}"\n',
                      encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_STATE_HOME": str(tmp_path / "state"),
           "XDG_DATA_HOME": str(tmp_path / "data")}
    for name in ("DECISIONAID_DATABASE_URL", "DECISIONAID_DB_KEY", "DECISIONAID_CONFIG"):
        env.pop(name, None)
    done = subprocess.run([sys.executable, "-c", RUN, "peer", "--config", str(config)],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip().splitlines()[-1].startswith(
        f"decisionaid: there is no database at {db_file}")
    assert "Traceback" not in done.stderr and not db_file.parent.exists()
