"""A machine whose checks fail shows at the peer station, to peers and admins, with what to do,
until a later check passes; the kiosk runs the checks by itself and stores what they found."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from decisionaid.services.check_results import needing_attention, record
from decisionaid.services.findings import Finding
from decisionaid.ui.testing import wait_for

PRINTER_DOWN = Finding("printer", False, "the printer 'Desk' cannot be reached: 10.0.0.9:9100 "
                       "does not answer", "switch the printer on")


def open_station(qtbot, database, visit_content, fast_pins, clock, fake_time, role="peer"):
    from decisionaid.app import open_app
    from decisionaid.config import Config
    from decisionaid.services import staff
    from decisionaid.ui.station.services import station_services
    from decisionaid.ui.station.station import PeerStation

    app = open_app(Config(database_url=str(database.url), languages=("es", "en")),
                   content=visit_content, database=database, hasher=fast_pins, clock=clock)
    services = station_services(app, printer=None, make_page=lambda visit_id: b"",
                                render_pages=lambda pdf: [], timers=fake_time)
    staff.add(services.db, "Sam", role, "2468", hasher=services.hasher, clock=services.clock)
    window = PeerStation(services)
    qtbot.addWidget(window)
    window.show()
    window.sign_in.name.setText("Sam")
    window.sign_in.pin.setText("2468")
    qtbot.mouseClick(window.sign_in.button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: window.workspace is not None)
    return window


def test_a_failing_machine_shows_to_peers_until_it_passes(qtbot, database, visit_content,
                                                         fast_pins, clock, fake_time):
    from decisionaid.ui.common.operations import wait_for_background
    from decisionaid.ui.station.machine_checks import POLL_SECONDS

    record(database, [Finding("disk", True, "80 GB free"), PRINTER_DOWN], machine="kiosk-2",
           clock=clock)
    window = open_station(qtbot, database, visit_content, fast_pins, clock, fake_time)
    band = window.workspace.machine_checks
    wait_for(qtbot, lambda: band.reads == 1)  # the band reads once as the tab opens
    assert band.isVisible()
    text = band.text.text()
    assert text.startswith("Un equipo necesita atención")  # the site's first language
    assert "kiosk-2" in text and "FAIL  printer: the printer 'Desk' cannot be reached" in text
    assert "switch the printer on" in text and "disk" not in text
    record(database, [Finding("disk", True, "80 GB free"), Finding("printer", True, "answers")],
           machine="kiosk-2", clock=clock)
    fake_time.advance(POLL_SECONDS - 1)  # a second before the band's next look: still shown
    assert band.reads == 1 and not band.reading and band.isVisible()
    fake_time.advance(1)
    wait_for(qtbot, lambda: band.reads == 2)
    assert not band.isVisible()
    window.end_session()
    wait_for_background()


def test_a_machine_whose_checks_stopped_is_named(database, clock):
    record(database, [Finding("disk", True, "80 GB free")], machine="kiosk-3", clock=clock)
    assert needing_attention(database, clock=clock) == []
    clock.advance(hours=4)
    [stale] = needing_attention(database, clock=clock)
    assert stale.machine == "kiosk-3" and stale.stale
    assert clock() - stale.checked_at == timedelta(hours=4)


def test_a_prescriber_sees_no_machine_band(qtbot, database, visit_content, fast_pins, clock,
                                           fake_time):
    from decisionaid.ui.common.operations import wait_for_background

    record(database, [PRINTER_DOWN], machine="kiosk-2", clock=clock)
    window = open_station(qtbot, database, visit_content, fast_pins, clock, fake_time,
                          role="prescriber")
    assert window.workspace.machine_checks is None
    window.end_session()
    wait_for_background()


def test_the_kiosk_checks_the_machine_each_hour_and_stores_it(qtbot, make_kiosk, config,
                                                              fake_time):
    from decisionaid.services.check_results import machine_name
    from decisionaid.ui.common.machine_checks import EVERY_SECONDS

    kiosk = make_kiosk(config)
    wait_for(qtbot, lambda: hasattr(kiosk, "machine_checks"))
    db = kiosk.services.visits.db
    fake_time.advance(EVERY_SECONDS - 1)  # a second short of the hour: nothing has run
    assert not kiosk.machine_checks._running and needing_attention(db) == []
    fake_time.advance(1)
    assert kiosk.machine_checks._running  # on the hour, the checks go off the UI thread
    wait_for(qtbot, lambda: not kiosk.machine_checks._running)
    # The test's database has no key, so it fails. (Not the backup: after closing time a kiosk
    # that starts makes the day's backup at once, so whether one exists depends on the hour.)
    [result] = needing_attention(db)
    assert result.machine == machine_name() and result.state == "fail"
    assert any(f.name == "key" for f in result.problems), [f.name for f in result.problems]
