"""The peer station's own words come from the one catalogue, in the site's first language."""

from __future__ import annotations

from PySide6.QtCore import Qt

from decisionaid.app import open_app
from decisionaid.config import Config
from decisionaid.services import staff
from decisionaid.ui.common.operations import wait_for_background
from decisionaid.ui.station.services import station_services
from decisionaid.ui.station.station import PeerStation
from decisionaid.ui.testing import wait_for


def test_a_spanish_first_site_gets_a_spanish_station(fake_time, qtbot, database, visit_content, fast_pins):
    config = Config(site_name="Clínica del Río", languages=("es", "en"),
                    database_url=str(database.url))
    app = open_app(config, content=visit_content, database=database, hasher=fast_pins)
    station = PeerStation(station_services(app, timers=fake_time, printer=None, sound=lambda: None,
                                           render_pages=lambda pdf: []))
    qtbot.addWidget(station)
    station.show()
    assert station.windowTitle() == "Clínica del Río — puesto de apoyo"
    assert station.sign_in.button.text() == "Iniciar sesión"
    staff.add(database, "Sam", "admin", "2468", hasher=fast_pins)
    station.sign_in.name.setText("Sam")
    station.sign_in.pin.setText("2468")
    qtbot.mouseClick(station.sign_in.button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: station.workspace is not None)
    tabs = station.workspace.tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == [
        "Hoy", "Buscar a una persona", "Estadísticas", "Administración"]
    admin = station.workspace.open_admin()
    assert admin.purge_button.text() == "Borrar…"
    wait_for(qtbot, lambda: admin.staff_table.rowCount() == 1)
    assert admin.staff_table.item(0, 2).text() == "activa"
    station.end_session()
    wait_for_background()
