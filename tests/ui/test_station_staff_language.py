"""Each staff account has its own language: the station and the desk speak it from sign-in to
sign-out, the sign-in screen speaks the site's first, and the printed page keeps the clinic's
report language whoever prints it."""

from __future__ import annotations

import io

import pypdf
import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QPushButton
from test_peer_station import FakePrinter

from decisionaid import i18n
from decisionaid.app import open_app
from decisionaid.config import Config
from decisionaid.services import audit, staff
from decisionaid.ui.common.operations import wait_for_background
from decisionaid.ui.common.strings import month_names
from decisionaid.ui.station.services import Dialogs, station_services
from decisionaid.ui.station.station import PeerStation
from decisionaid.ui.testing import wait_for

SITE = ("en", "es")


class Yes(Dialogs):
    def confirm(self, parent, title, text) -> bool:
        return True


@pytest.fixture
def services(database, visit_content, fast_pins, clock, fake_time):
    """An English-first site that also speaks Spanish, printing the real page (in English, the
    site's report language by default)."""
    app = open_app(Config(site_name="Riverside", languages=SITE, database_url=str(database.url)),
                   content=visit_content, database=database, printer=FakePrinter(),
                   hasher=fast_pins, clock=clock)
    return station_services(app, timers=fake_time, dialogs=Yes(), sound=lambda: None,
                            render_pages=lambda pdf: [])


def add(services, name: str, role: str = "peer", language: str | None = None):
    return staff.add(services.db, name, role, "4321", hasher=services.hasher, clock=services.clock,
                     language=language, languages=SITE)


def sign_in(qtbot, station, name: str):
    station.sign_in.name.setText(name)
    station.sign_in.pin.setText("4321")
    with wait_for(qtbot, station.session_started):
        qtbot.mouseClick(station.sign_in.button, Qt.MouseButton.LeftButton)
    return station.workspace


def tab_titles(workspace) -> list[str]:
    return [workspace.tabs.tabText(i) for i in range(workspace.tabs.count())]


def sign_out(qtbot, station) -> None:
    with wait_for(qtbot, station.session_ended):
        qtbot.mouseClick(station.workspace.findChild(QPushButton, "sign_out"),
                         Qt.MouseButton.LeftButton)


def test_each_staff_member_sees_the_station_in_their_own_language(qtbot, station, services):
    """Spanish for Ana, English for Ben after her, the site's first for Cy who has none; the
    sign-in screen between them in the site's first language."""
    add(services, "Ana", "admin", "es")
    add(services, "Ben", "peer", "en")
    add(services, "Cy")
    assert station.sign_in.button.text() == "Sign in"
    assert station.windowTitle() == "Riverside — peer station"

    ana = sign_in(qtbot, station, "Ana")
    assert tab_titles(ana) == ["Hoy", "Buscar a una persona", "Estadísticas", "Administración"]
    assert station.windowTitle() == "Riverside — puesto de apoyo"
    assert ana.findChild(QPushButton, "sign_out").text() == "Cerrar sesión"
    assert ana.today.reprint_button.text() == "Volver a imprimir el informe"
    assert ana.my_language.currentText() == "Español"
    admin = ana.open_admin()
    assert admin.purge_button.text() == "Borrar…"
    # Dates she picks show Spanish month names (the machine's locale is no matter).
    stats = ana.open_statistics()
    shown = stats.since.date()
    assert stats.since.text() == QLocale(QLocale.Language.Spanish).toString(shown, "dd MMM yyyy")
    assert stats.since.text() != QLocale(QLocale.Language.English).toString(shown, "dd MMM yyyy")
    # What the services say is in her language too (their messages follow i18n's language).
    assert i18n.current_language() == "es"

    sign_out(qtbot, station)
    assert station.sign_in.button.text() == "Sign in"
    assert station.windowTitle() == "Riverside — peer station"
    assert i18n.current_language() == "en"

    ben = sign_in(qtbot, station, "Ben")
    assert tab_titles(ben) == ["Today", "Find a person"]
    assert ben.today.reprint_button.text() == "Reprint report"
    assert ben.my_language.currentText() == "English"
    sign_out(qtbot, station)

    cy = sign_in(qtbot, station, "Cy")
    assert tab_titles(cy) == ["Today", "Find a person"]
    assert i18n.current_language() == "en"


def test_closing_the_station_gives_the_process_its_messages_language_back(qtbot, services):
    """A kiosk that opened the station in its place goes on in the language it had."""
    i18n.set_language("es")
    station = PeerStation(services)
    qtbot.addWidget(station)
    station.show()
    add(services, "Ben", "peer", "en")
    sign_in(qtbot, station, "Ben")
    assert i18n.current_language() == "en"
    station.close()
    wait_for_background()
    assert i18n.current_language() == "es"


def test_a_spanish_speaker_signed_out_for_idleness_leaves_an_english_sign_in_screen(
        qtbot, station, services, fake_time):
    add(services, "Ana", "peer", "es")
    sign_in(qtbot, station, "Ana")
    with wait_for(qtbot, station.session_ended):
        fake_time.advance(services.idle_seconds)
    assert station.sign_in.button.text() == "Sign in"
    assert "without use" in station.sign_in.message.text()
    assert i18n.current_language() == "en"


def test_a_prescriber_set_to_spanish_gets_the_desk_and_its_dates_in_spanish(
        qtbot, station, services, clock):
    add(services, "Dr O", "prescriber", "es")
    desk = sign_in(qtbot, station, "Dr O")
    assert tab_titles(desk) == ["Informes de hoy"]
    reports = desk.reports
    wait_for(qtbot, lambda: "actualizado" in reports.updated.text())
    today = clock().astimezone()
    assert f"{today.day} de {month_names('es')[today.month - 1]}" in reports.updated.text()


def test_a_staff_member_changes_their_own_language_from_the_top_bar(qtbot, station, services):
    """Saved first and audited, then the workspace speaks it, with the same visit still open;
    the next sign-in starts in it."""
    ben = add(services, "Ben", "peer")
    kv = services.visits.start()
    kv.finish()
    workspace = sign_in(qtbot, station, "Ben")
    workspace.open_visit(kv.id)
    choice = workspace.my_language
    assert [choice.itemText(i) for i in range(choice.count())] == ["English", "Español"]
    choice.setCurrentIndex(1)
    choice.activated.emit(1)  # as a click on "Español" in the list
    wait_for(qtbot, lambda: station.workspace is not workspace and station.workspace is not None)
    spanish = station.workspace
    assert tab_titles(spanish) == ["Hoy", "Buscar a una persona", f"Visita {kv.id}"]
    assert spanish.tabs.currentIndex() == 2 and spanish.my_language.currentText() == "Español"
    assert i18n.current_language() == "es"
    [event] = audit.events(services.db, action=staff.LANGUAGE_CHANGED)
    assert (event.staff_id, event.details["account"], event.details["language"]) == (
        ben.id, ben.id, "es")
    assert audit.events(services.db, action=staff.SIGN_OUT) == []  # the session goes on

    sign_out(qtbot, station)
    assert station.sign_in.button.text() == "Sign in"
    assert tab_titles(sign_in(qtbot, station, "Ben"))[:2] == ["Hoy", "Buscar a una persona"]


def test_the_admin_panel_shows_and_changes_an_accounts_language_and_it_is_audited(
        qtbot, station, services):
    ana = add(services, "Ana", "admin")
    ben = add(services, "Ben", "peer")
    admin = sign_in(qtbot, station, "Ana").open_admin()
    table = admin.staff_table
    wait_for(qtbot, lambda: table.rowCount() == 2)
    assert table.horizontalHeaderItem(3).text() == "Language"
    assert [table.item(r, 3).text() for r in range(2)] == ["The site's first language (English)"] * 2

    accounts = admin.accounts
    table.selectRow(1)  # Ben
    accounts.new_language.setCurrentIndex(accounts.new_language.findText("Español"))
    qtbot.mouseClick(accounts.language_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: table.item(1, 3) is not None and table.item(1, 3).text() == "Español")
    assert admin.message.text() == "Ben will see the station in Español from their next sign-in."
    [event] = audit.events(services.db, action=staff.LANGUAGE_CHANGED)
    assert (event.actor, event.staff_id, event.details["account"], event.details["language"]) == (
        "peer", ana.id, ben.id, "es")

    # A new account is added with its language.
    accounts.new_name.setText("Cy")
    accounts.pin1.setText("1357")
    accounts.pin2.setText("1357")
    qtbot.mouseClick(accounts.add_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: table.rowCount() == 3)
    assert table.item(2, 0).text() == "Cy" and table.item(2, 3).text() == "Español"
    assert staff.get_by_name(services.db, "Cy").language == "es"


def test_the_page_a_spanish_speaking_peer_prints_is_in_the_sites_report_language(
        qtbot, station, services):
    add(services, "Ana", "peer", "es")
    kv = services.visits.start()
    kv.finish()
    today = sign_in(qtbot, station, "Ana").today
    wait_for(qtbot, lambda: today.list.rowCount() == 1)
    today.list.selectRow(0)
    qtbot.mouseClick(today.reprint_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: bool(services.printer.printed))
    [(pdf, _title)] = services.printer.printed
    text = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "ALERTS" in text and "ALERTAS" not in text
    assert "Our shared decision today" in text and "Not answered" in text


def test_a_spanish_admins_workspace_fits_a_small_screen_on_every_tab(qtbot, services):
    """Spanish words are longer: the top bar's choice and Admin's buttons stay on screen."""
    from decisionaid.ui.common.fit import problems

    add(services, "Ana", "admin", "es")
    station = PeerStation(services)
    qtbot.addWidget(station)
    station.setFixedSize(1024, 768)
    station.show()
    qtbot.waitExposed(station)
    workspace = sign_in(qtbot, station, "Ana")
    assert workspace.my_language.isVisible()
    workspace.open_statistics()
    admin = workspace.open_admin()
    # The site's settings in her words: the paper by its name, the languages by theirs.
    settings = admin.config_view.toPlainText()
    assert "Carta (8,5 × 11 pulgadas)" in settings and "letter" not in settings
    assert "English (en), Español (es)" in settings
    for i in range(workspace.tabs.count()):
        workspace.tabs.setCurrentIndex(i)
        off = [line for line in problems(station) if "outside the window" in line]
        assert off == [], workspace.tabs.tabText(i)
    station.end_session()
    wait_for_background()


def test_a_spanish_speaking_peer_reads_the_questions_answers_and_who_looked_in_spanish(
        qtbot, station, services, clock):
    """The content's own texts (questionnaire titles, questions, answers) and the list of who
    has looked come in her language too, where the content has it."""
    from datetime import date

    from decisionaid.content.model import ItemRef
    from decisionaid.services.profiles import ProfileService

    add(services, "Ana", "peer", "es")
    profile = ProfileService(services.db, hasher=services.hasher, clock=clock).create(
        "Rosa", date(1975, 3, 9), "1234", "en")
    kv = services.visits.start(profile.id)
    kv.go_to(ItemRef("feelings", "sad"))
    kv.confirm(3)
    kv.finish()
    ana = sign_in(qtbot, station, "Ana")
    visit = ana.open_visit(kv.id)
    wait_for(qtbot, lambda: visit.record is not None)
    shown = [visit.answers.topLevelItem(0).text(0), visit.answers.topLevelItem(0).child(0).text(1)]
    assert shown == ["Cómo he estado", "Todos los días"], shown
    person = ana.open_person(profile.id)
    wait_for(qtbot, lambda: person.looked.rowCount() > 0)
    whats = [person.looked.item(r, 2).text() for r in range(person.looked.rowCount())]
    assert "perfil creado" in whats and "abrió una visita" in whats, whats
    from decisionaid.services.peer_queries import ACCESS_WORDS

    english = {*ACCESS_WORDS.values(), *ACCESS_WORDS}  # the English words, and the raw codes
    assert not set(whats) & english, whats
    # Her page fits a small screen: no long Spanish line widens the window past it.
    assert station.minimumSizeHint().width() <= 1024, station.minimumSizeHint()
