"""A safety answer confirmed at a kiosk in another process shows on the peer station within
5 seconds, on a shared SQLite file and on PostgreSQL."""

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

# The kiosk's side, as a process of its own: the visit service confirming a safety answer.
KIOSK = textwrap.dedent("""
    import sys
    from pathlib import Path
    from decisionaid.content.loader import load_content
    from decisionaid.content.model import ItemRef
    from decisionaid.services.visits import VisitService  # noqa: E402
    from decisionaid.storage.database import connect

    db = connect(sys.argv[1])
    visit = VisitService(db, load_content(Path(sys.argv[2]), ("en", "es"))).start()
    visit.go_to(ItemRef("feelings", "harm-self"))
    visit.confirm(1)  # "Some days": a safety answer, committed before confirm returns
    print(visit.id)
""")


def test_a_safety_answer_at_another_kiosk_shows_on_the_station_within_5_seconds(
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
    wait_for(qtbot, lambda: today.board is not None)
    assert not today.banner.isVisible()

    kiosk = subprocess.run([sys.executable, "-c", KIOSK, url, str(MINI)],
                           capture_output=True, text=True, timeout=60)
    assert kiosk.returncode == 0, kiosk.stderr
    visit_id = int(kiosk.stdout.strip())

    # The station reads again every 2 s: the next reading after the kiosk's commit shows it.
    next_poll(qtbot, fake_time, today, every_s=services.poll_seconds)
    assert today.banner.isVisible()
    [row] = today._rows.values()
    assert row.flag.visit_id == visit_id and "Guest" in row.text.text()

    qtbot.keyClicks(row.note, "Checked in at the kiosk; she is safe")
    qtbot.mouseClick(row.ack, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: not today.banner.isVisible())
    [event] = audit.events(database, action=audit.FLAG_ACKNOWLEDGED)
    assert event.visit_id == visit_id
    station.end_session()
    wait_for_background()
