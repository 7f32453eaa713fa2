""""I'd like help" pressed at a kiosk in another process shows on the peer station's Today board
within 5 seconds, apart from the safety flags, and goes when a peer worker marks it handled
(audit-logged), on a shared SQLite file and on PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import Qt

from decisionaid.app import open_app
from decisionaid.config import Config
from decisionaid.services import audit, staff
from decisionaid.ui.common.operations import wait_for_background
from decisionaid.ui.station.services import station_services
from decisionaid.ui.station.station import PeerStation
from decisionaid.ui.testing import next_poll, wait_for

MINI = Path(__file__).resolve().parents[1] / "data" / "mini"

pytestmark = pytest.mark.integration

# The kiosk's side, as a process of its own: a guest visit, then the top bar's "I'd like help"
# (what the button calls), named as the site's configuration names this kiosk.
KIOSK = textwrap.dedent("""
    import sys
    from pathlib import Path
    from decisionaid.app import open_app
    from decisionaid.config import Config
    from decisionaid.content.loader import load_content

    app = open_app(Config(database_url=sys.argv[1], kiosk_name="Front room"),
                   content=load_content(Path(sys.argv[2]), ("en", "es")))
    visit = app.visits.start()
    app.help.ask(screen="item:scale", visit_id=visit.id)
    print(visit.id)
""")


def test_a_help_request_at_another_kiosk_shows_on_the_station_within_5_seconds(
    qtbot, database, visit_content, fast_pins, fake_time
):
    url = database.url.render_as_string(hide_password=False)
    app = open_app(Config(database_url=url), content=visit_content, database=database,
                   hasher=fast_pins)
    services = station_services(app, timers=fake_time, printer=None, make_page=lambda visit_id: b"",
                                sound=lambda: None, render_pages=lambda pdf: [])
    assert services.poll_seconds == 2  # the production polling interval
    staff.add(database, "Maria", "peer", "4321", hasher=fast_pins)
    station = PeerStation(services)
    qtbot.addWidget(station)
    station.show()
    station.sign_in.name.setText("Maria")
    station.sign_in.pin.setText("4321")
    qtbot.mouseClick(station.sign_in.button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: station.workspace is not None)
    today = station.workspace.today
    wait_for(qtbot, lambda: today.help.read_once)
    assert not today.help.isVisible()

    kiosk = subprocess.run([sys.executable, "-c", KIOSK, url, str(MINI)],
                           capture_output=True, text=True, timeout=60)
    assert kiosk.returncode == 0, kiosk.stderr
    visit_id = int(kiosk.stdout.strip())

    # The station reads again every 2 s: the next reading after the kiosk's commit shows it.
    next_poll(qtbot, fake_time, today.help, every_s=services.poll_seconds)
    assert today.help.isVisible()
    [row] = today.help.rows.values()
    line = row.text.text()
    assert "Guest at Front room: answering a question" in line
    assert row.request.visit_id == visit_id
    assert today.help.title.text() == "Someone at a kiosk would like help"
    assert not today.banner.isVisible()  # a help request is not a safety flag

    qtbot.mouseClick(row.handled, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: not today.help.isVisible())
    [event] = audit.events(database, action=audit.HELP_HANDLED)
    assert event.visit_id == visit_id and event.actor == "peer"
    station.end_session()
    wait_for_background()
