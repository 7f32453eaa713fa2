"""``decisionaid peer`` as a clinic starts it, in a process of its own: the configuration file,
logging, content, database and services all come from ``decisionaid.app``; the station opens on
its sign-in, and closing the window ends the command cleanly."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

MINI = Path(__file__).resolve().parents[1] / "data" / "mini"

# Closes the station once it is up (as a member of staff would), then runs the real command.
RUN = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from decisionaid.cli import main
from decisionaid.ui.station.station import PeerStation

app = QApplication(sys.argv[:1])

def look_then_close():
    stations = [w for w in app.topLevelWidgets() if isinstance(w, PeerStation) and w.isVisible()]
    print("stations", len(stations), "sign-in shown", stations[0].sign_in.isVisible(), flush=True)
    for station in stations:
        station.close()

QTimer.singleShot(0, look_then_close)
sys.exit(main(sys.argv[1:]))
"""


def test_the_peer_command_opens_the_station_on_its_sign_in_and_exits_cleanly(tmp_path):
    database = tmp_path / "clinic.db"
    config = tmp_path / "config.toml"
    config.write_text(f'site_name = "Riverside Clinic"\ndatabase_url = "sqlite:///{database}"\n'
                      f'content_dir = "{MINI}"\n', encoding="utf-8")
    home = tmp_path / "data-home"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(home))
    env.pop("DECISIONAID_DATABASE_URL", None)
    # The station never makes a database (a wrong database_url must not look like a quiet day).
    made = subprocess.run([sys.executable, "-m", "decisionaid", "db", "upgrade", "--config",
                           str(config)], capture_output=True, text=True, env=env, timeout=120)
    assert made.returncode == 0, made.stderr
    done = subprocess.run([sys.executable, "-c", RUN, "peer", "--config", str(config)],
                          capture_output=True, text=True, env=env, timeout=120)

    assert done.returncode == 0, done.stderr
    assert "stations 1 sign-in shown True" in done.stdout
    assert "Traceback" not in done.stderr
    assert database.exists()
    log = home / "decisionaid" / "logs" / "decisionaid.log"
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert stat.S_IMODE(log.parent.stat().st_mode) == 0o700
