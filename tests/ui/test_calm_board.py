"""A calmer Today board, and one look for the whole station: red only for a safety answer no
one has checked in about; a concern marked in its own cell; a finished visit says so; counts
read right in English and Spanish; a concern closes when the visit is reviewed; the statistics
chart names months as its table does and the table fits; the station wears the kiosk's look."""

from __future__ import annotations

from dataclasses import replace

import pytest
import test_peer_station as peer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QPushButton

from decisionaid.content.model import ItemRef
from decisionaid.ui.common.theme import FONT_FAMILY
from decisionaid.ui.station.look import CONCERN_BG, SAFETY_BG
from decisionaid.ui.testing import wait_for

HARM = ItemRef("feelings", "harm-self")
SIDE = ItemRef("medicines", "side-effects")
FLAGS = 4  # the Today list's "Open flags" column

# The peer station's fixtures: a station on a fresh database with a fake printer and dialogs.
services = peer.services
signed_in = peer.signed_in


def visit_with(services, *answers, finish=True):
    if HARM not in dict(answers):
        # The safety question answered "not at all": a skipped one would ask for a check-in.
        answers = ((HARM, 0), *answers)
    kv = services.visits.start()
    for ref, value in answers:
        kv.go_to(ref)
        kv.confirm(value)
    if finish:
        kv.finish()
    return kv.id


def row_of(today, visit_id) -> int:
    keys = [today.list.item(r, 0).data(256) for r in range(today.list.rowCount())]
    return keys.index(visit_id)


def background(today, row, column) -> str:
    return today.list.item(row, column).background().color().name()


def test_only_an_open_safety_answer_is_red_and_a_concern_is_marked_not_alarmed(
        qtbot, station, services):
    safety = visit_with(services, (HARM, 1))
    concern = visit_with(services, (SIDE, ["weight"]))
    plain = visit_with(services)
    today = signed_in(qtbot, station, services).today
    wait_for(qtbot, lambda: today.list.rowCount() == 3)
    red = QColor(SAFETY_BG).name()
    assert {background(today, row_of(today, safety), c) for c in range(5)} == {red}
    row = row_of(today, concern)
    assert red not in {background(today, row, c) for c in range(5)}
    assert background(today, row, FLAGS) == QColor(CONCERN_BG).name()
    assert today.list.item(row, FLAGS).text() == "▲ 1 concern"
    assert background(today, row, 1) != QColor(CONCERN_BG).name()  # only its own cell
    assert red not in {background(today, row_of(today, plain), c) for c in range(5)}

    # Acknowledged: the row is no longer red.
    banner_row = today._rows[safety]
    banner_row.note.setText("Sat with her; safety plan made")
    banner_row.ack.click()
    wait_for(qtbot, lambda: red not in {
        background(today, row_of(today, safety), c) for c in range(5)})


def test_a_finished_visit_says_finished_not_the_section_it_was_on(qtbot, station, services):
    finished = visit_with(services, (SIDE, ["weight"]))
    going = visit_with(services, (SIDE, ["sleepy"]), finish=False)
    today = signed_in(qtbot, station, services).today
    wait_for(qtbot, lambda: today.list.rowCount() == 2)
    time = services.visits.load(finished).finished_at.astimezone().strftime("%H:%M")
    assert today.list.item(row_of(today, finished), 3).text() == f"finished at {time}"
    assert today.list.item(row_of(today, going), 3).text() == "My medicines"
    services.visits.force_finish(going, staff_id=None)
    peer.poll(qtbot, services, today)
    assert today.list.item(row_of(today, going), 3).text().startswith("stopped at")
    assert "in My medicines" in today.list.item(row_of(today, going), 3).text()


@pytest.mark.parametrize(("language", "one", "two"), [("en", "1 visit ", "2 visits "),
                                                      ("es", "1 visita ", "2 visitas ")])
def test_the_count_of_visits_is_singular_or_plural(qtbot, services, language, one, two):
    from decisionaid.ui.common.operations import wait_for_background
    from decisionaid.ui.station.station import PeerStation

    services.config = replace(services.config, languages=(language, "es" if language == "en"
                                                          else "en"))
    window = PeerStation(services)
    qtbot.addWidget(window)
    window.show()
    try:
        visit_with(services)
        today = signed_in(qtbot, window, services).today
        wait_for(qtbot, lambda: f"· {one}·" in today.updated.text() + " ")
        assert f"{one.strip()} ·" in today.updated.text()
        visit_with(services)
        peer.poll(qtbot, services, today)
        assert f"{two.strip()} ·" in today.updated.text()
        if language == "es":
            assert today.list.item(0, 2).text() == "terminada"
            assert today.list.item(0, 3).text().startswith("terminó a las")
    finally:
        window.end_session()
        wait_for_background()


def test_a_concern_closes_when_the_visit_is_reviewed(qtbot, station, services):
    visit_id = visit_with(services, (SIDE, ["weight"]))
    workspace = signed_in(qtbot, station, services)
    today = workspace.today
    wait_for(qtbot, lambda: today.list.rowCount() == 1
                    and today.list.item(0, FLAGS).text() == "▲ 1 concern")
    screen = workspace.open_visit(visit_id)
    wait_for(qtbot, lambda: screen.record is not None)
    screen.decision.setPlainText("I will ask about the weight next time.")
    screen.marks["own-voice"].setChecked(True)
    screen.save.click()
    wait_for(qtbot, lambda: screen.record.review is not None)
    assert screen.record.review.marks == ("own-voice",)
    wait_for(qtbot, lambda: today.list.item(0, FLAGS).text() == "")
    assert background(today, 0, FLAGS) != QColor(CONCERN_BG).name()


def test_the_chart_names_months_as_the_table_does_and_the_table_fits(qtbot, station, services):
    visit_with(services)
    workspace = signed_in(qtbot, station, services, role="admin")
    station.setFixedSize(1280, 720)  # the smallest screen the station is made for
    stats = workspace.open_statistics()
    wait_for(qtbot, lambda: stats.table.rowCount() == 1)
    month = stats.table.item(0, 0).text()
    assert len(month) == 7 and month[4] == "-"  # "2026-12"
    assert stats.chart.labels == [month]
    stats.chart.repaint()
    assert stats.chart.drawn_labels == [month]
    table = stats.table
    wait_for(qtbot, lambda: table.viewport().width() > 1000)
    columns = sum(table.columnWidth(c) for c in range(table.columnCount()))
    assert columns <= table.viewport().width(), "the statistics table is cut on the right"
    assert not table.horizontalScrollBar().isVisible()


def test_the_station_wears_the_kiosks_look(qtbot, station, services):
    sheet = station.styleSheet()
    assert FONT_FAMILY in sheet and "#f6f3ec" in sheet and "#1d5c8c" in sheet
    assert station.sign_in.button.isDefault()  # drawn as the kiosk's primary button
    workspace = signed_in(qtbot, station, services)
    assert workspace.today.heading.property("role") == "heading"
    # Tabs close with the station's own "×", not Qt's stock icon.
    screen = workspace.open_visit(visit_with(services))
    index = workspace.tabs.indexOf(screen)
    close = workspace.tabs.tabBar().tabButton(index, workspace.tabs.tabBar().ButtonPosition.RightSide)
    assert isinstance(close, QPushButton) and close.text() == "×"
    close.click()
    assert workspace.tabs.indexOf(screen) == -1


def test_the_admin_tab_scrolls_rather_than_squeezing_its_parts_at_1280_by_720(
        qtbot, station, services):
    from PySide6.QtWidgets import QGroupBox, QWidget

    workspace = signed_in(qtbot, station, services, role="admin")
    station.setFixedSize(1280, 720)
    admin = workspace.open_admin()
    wait_for(qtbot, lambda: admin.isVisible() and admin.height() > 600)
    for box in admin.findChildren(QGroupBox):
        for child in box.findChildren(QWidget):
            if child.isVisible() and child.parentWidget() is box:
                # Nothing spills out of its part, and no button is squeezed.
                assert box.rect().contains(child.geometry()), (box.title(), type(child).__name__)
                if isinstance(child, QPushButton):
                    assert child.height() >= child.minimumSizeHint().height(), child.text()


def test_a_persons_visits_count_their_concerns_in_words(qtbot, station, services):
    from datetime import date

    from decisionaid.services.profiles import ProfileService

    ana = ProfileService(services.db, hasher=services.hasher, clock=services.clock).create(
        "Ana", date(1980, 5, 6), "1111", "en")
    kv = services.visits.start(ana.id)
    kv.go_to(SIDE)
    kv.confirm(["weight"])
    kv.finish()
    screen = signed_in(qtbot, station, services).open_person(ana.id)
    wait_for(qtbot, lambda: screen.visits.rowCount() == 1)
    assert screen.visits.item(0, 1).text() == "finished"
    # The visit ended with its safety questions unanswered: someone should ask, first.
    assert screen.visits.item(0, 2).text() == "? Please ask — not answered, ▲ 1 concern"


def test_days_are_written_in_the_stations_language_whatever_the_machines_locale():
    from datetime import date, datetime

    from decisionaid.ui.station.common import day, day_and_time

    moment = datetime(2026, 11, 30, 13, 25).astimezone()  # a Monday, local time
    assert day_and_time(moment, "en") == "Mon 30 Nov 2026, 13:25"
    assert day_and_time(moment, "es") == "lun 30 nov 2026, 13:25"
    assert day(date(1979, 6, 14), "es") == "14 jun 1979"
    assert day(moment, "en", year=False) == "30 Nov"
