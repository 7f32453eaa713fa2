"""The peer station, driven as a peer worker would: sign in, see who is here and who is flagged,
acknowledge with a note, review and lock, and what a peer without the admin role cannot open."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from decisionaid.app import open_app
from decisionaid.config import Config
from decisionaid.content.model import ItemRef
from decisionaid.services import audit, duplicates, roles, staff
from decisionaid.services.profiles import ProfileService, UnknownProfile
from decisionaid.services.visit_records import VisitClosed
from decisionaid.ui.station.services import Dialogs, station_services
from decisionaid.ui.station.statistics import StatisticsScreen
from decisionaid.ui.testing import next_poll, wait_for

HARM = ItemRef("feelings", "harm-self")
SAD = ItemRef("feelings", "sad")
POWER = ItemRef("decision", "power")


class FakePrinter:
    def __init__(self):
        self.printed: list[tuple[bytes, str]] = []

    def print_pdf(self, pdf: bytes, title: str) -> None:
        self.printed.append((pdf, title))


class AnsweringDialogs(Dialogs):
    """Says yes to every question and records it; never opens a modal box."""

    def __init__(self):
        self.asked: list[str] = []

    def confirm(self, parent, title, text) -> bool:
        self.asked.append(text)
        return True

    def save_file(self, parent, title, suggested, kinds):
        return None


@pytest.fixture
def services(database, visit_content, fast_pins, clock, fake_time):
    sounds: list[str] = []
    app = open_app(Config(database_url=str(database.url)), content=visit_content, database=database,
                   printer=FakePrinter(), hasher=fast_pins, clock=clock)
    bundle = station_services(
        app, make_page=lambda visit_id: b"%PDF-1.4 fake", dialogs=AnsweringDialogs(),
        sound=lambda: sounds.append("beep"), render_pages=lambda pdf: [],
        timers=fake_time,
    )
    bundle.sounds = sounds  # what the alert sound was asked to do
    return bundle


def add_staff(services, name="Maria", role="peer", pin="4321"):
    return staff.add(services.db, name, role, pin, hasher=services.hasher, clock=services.clock)


def sign_in(qtbot, station, name="Maria", pin="4321"):
    screen = station.sign_in
    screen.name.setText(name)
    screen.pin.setText(pin)
    qtbot.mouseClick(screen.button, Qt.MouseButton.LeftButton)


def signed_in(qtbot, station, services, role="peer"):
    add_staff(services, role=role)
    with wait_for(qtbot, station.session_started):
        sign_in(qtbot, station)
    return station.workspace


def poll(qtbot, services, *panels):
    """The station's next reading of ``panels`` (every ``poll_seconds``, on fake time)."""
    next_poll(qtbot, services.timers, *panels, every_s=services.poll_seconds)


def tab_titles(workspace) -> list[str]:
    return [workspace.tabs.tabText(i) for i in range(workspace.tabs.count())]


def test_five_wrong_pins_lock_the_account_even_against_the_right_pin(qtbot, station, services):
    add_staff(services)
    for _ in range(5):
        sign_in(qtbot, station, pin="0000")
        wait_for(qtbot, lambda: station.sign_in.button.isEnabled())
        assert station.workspace is None
    assert "locked" in station.sign_in.message.text()
    sign_in(qtbot, station)
    wait_for(qtbot, lambda: station.sign_in.button.isEnabled())
    assert station.workspace is None and "locked" in station.sign_in.message.text()
    assert station.sign_in.pin.text() == ""


def test_a_peer_without_the_admin_role_cannot_open_statistics_or_admin(qtbot, station, services):
    workspace = signed_in(qtbot, station, services, role="peer")
    assert tab_titles(workspace) == ["Today", "Find a person"]
    assert workspace.open_statistics() is None and workspace.open_admin() is None
    with pytest.raises(PermissionError):
        StatisticsScreen(services, workspace.member)


def test_an_admin_sees_this_months_statistics_and_the_staff_accounts(qtbot, station, services):
    services.visits.start()
    workspace = signed_in(qtbot, station, services, role="admin")
    assert tab_titles(workspace) == ["Today", "Find a person", "Statistics", "Admin"]
    stats = workspace.open_statistics()
    wait_for(qtbot, lambda: stats.table.rowCount() == 1)
    assert stats.table.item(0, 1).text() == "1"  # one visit started
    admin = workspace.open_admin()
    wait_for(qtbot, lambda: admin.staff_table.rowCount() == 1)
    assert admin.staff_table.item(0, 0).text() == "Maria"
    wait_for(qtbot, lambda: "OK" in admin.content_status.text() or "problem" in admin.content_status.text())


def test_a_safety_answer_shows_in_red_at_the_top_and_needs_a_note_to_acknowledge(
    qtbot, station, services
):
    workspace = signed_in(qtbot, station, services)
    today = workspace.today
    profile = ProfileService(services.db, hasher=services.hasher, clock=services.clock).create(
        "Rosa", date(1975, 3, 9), "1234", "en")
    kv = services.visits.start(profile.id)
    kv.go_to(HARM)
    kv.confirm(1)
    sounds = len(services.sounds)
    poll(qtbot, services, today)
    assert today.banner.isVisible()
    assert "1 person needs a check-in" in today.banner_title.text()
    [row] = today._rows.values()
    assert "Rosa" in row.text.text() and "Thoughts of hurting myself" in row.text.text()
    assert len(services.sounds) == sounds + 1
    assert station.windowTitle().startswith("⚠ SAFETY (1)")
    assert not row.ack.isEnabled()  # no note, no acknowledgement
    qtbot.keyClicks(row.note, "Sat with Rosa; she is safe and seeing Dr Lee now")
    assert row.ack.isEnabled()
    qtbot.mouseClick(row.ack, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: not today.banner.isVisible())
    [event] = audit.events(services.db, action=audit.FLAG_ACKNOWLEDGED)
    assert event.staff_id == workspace.member.id and event.visit_id == kv.id
    [flag] = [f for f in services.visits.load(kv.id).flags if f.severity == "safety"]
    assert flag.note == "Sat with Rosa; she is safe and seeing Dr Lee now"


def test_today_lists_visits_with_their_state_and_section_and_can_force_finish(qtbot, station, services):
    kv = services.visits.start()
    kv.go_to(SAD)
    kv.confirm(2)
    workspace = signed_in(qtbot, station, services)
    today = workspace.today
    wait_for(qtbot, lambda: today.list.rowCount() == 1)
    assert [today.list.item(0, c).text() for c in (1, 2, 3)] == ["Guest", "in progress", "How I've been"]
    today.list.selectRow(0)
    qtbot.mouseClick(today.finish_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: today.list.item(0, 2).text() == "incomplete")
    assert services.dialogs.asked and "as incomplete" in services.dialogs.asked[0]
    with pytest.raises(VisitClosed):
        kv.confirm(1)


def test_reprint_sends_the_report_to_the_printer_and_marks_it_printed(qtbot, station, services):
    kv = services.visits.start()
    kv.finish()
    workspace = signed_in(qtbot, station, services)
    today = workspace.today
    wait_for(qtbot, lambda: today.list.rowCount() == 1)
    today.list.selectRow(0)
    qtbot.mouseClick(today.reprint_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: today.list.item(0, 2).text() == "printed")
    assert services.printer.printed == [(b"%PDF-1.4 fake", f"Visit {kv.id}")]


def test_saving_the_review_locks_the_visit_and_the_kiosk_can_no_longer_change_it(
    qtbot, station, services
):
    kv = services.visits.start()
    kv.go_to(SAD)
    kv.confirm(2)
    workspace = signed_in(qtbot, station, services)
    screen = workspace.open_visit(kv.id)
    wait_for(qtbot, lambda: screen.record is not None)
    assert not screen.save.isEnabled()  # still in progress: nothing to review yet
    services.visits.finish(kv.id)
    screen.load()
    wait_for(qtbot, lambda: screen.record.state == "complete")
    assert screen.answers.topLevelItem(0).text(0) == "How I've been"
    assert screen.answers.topLevelItem(0).child(0).text(1) == "Most days"
    qtbot.keyClicks(screen.decision, "I will walk after lunch and ask Dr Lee about sleep in May.")
    screen.follow_up["check-in-call"].setChecked(True)
    screen.other_text.setText("bus pass form")
    qtbot.mouseClick(screen.save, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: screen.record.state == "reviewed")
    assert screen.decision.isReadOnly() and "locked" in screen.lock_state.text()
    assert not screen.save.isEnabled()
    review = services.visits.load(kv.id).review
    assert review.follow_up == ["check-in-call", "other: bus pass form"]
    with pytest.raises(VisitClosed):
        services.visits.resume(kv.id)
    with pytest.raises(VisitClosed):
        kv.confirm(1)


def test_after_the_idle_time_the_station_signs_out_and_shows_nothing_of_the_session(
    qtbot, station, services, fake_time, stall
):
    """Ten minutes without a touch sign the station out, however slow the machine was to show
    the workspace: only the quiet time counts."""
    signed_in(qtbot, station, services)
    stall(0.35)  # a busy machine just after sign-in
    assert station.workspace is not None
    fake_time.advance(services.idle_seconds - 1)
    assert station.workspace is not None
    with wait_for(qtbot, station.session_ended) as ended:
        fake_time.advance(1)
    assert ended.args == ["idle"] and station.workspace is None
    assert station.stack.currentWidget() is station.sign_in
    assert "without use" in station.sign_in.message.text()
    wait_for(qtbot, lambda: bool(audit.events(services.db, action=staff.SIGN_OUT)))
    assert audit.events(services.db, action=staff.SIGN_OUT)[0].details == {"reason": "idle"}


def test_a_person_shows_their_trend_own_words_and_who_has_looked(qtbot, station, services, clock):
    profile = ProfileService(services.db, hasher=services.hasher, clock=clock).create(
        "Rosa", date(1975, 3, 9), "1234", "en")
    for sad in (3, 1):
        kv = services.visits.start(profile.id)
        kv.go_to(SAD)
        kv.confirm(sad)
        kv.go_to(POWER)
        kv.confirm("I am a singer")
        kv.finish()
        clock.advance(days=7)
    workspace = signed_in(qtbot, station, services)
    screen = workspace.open_person(profile.id)
    wait_for(qtbot, lambda: screen.visits.rowCount() == 2)
    assert screen.title.text().startswith("Rosa")
    assert screen.chart_grid.count() == 1  # "Feeling sad or down" across two visits
    assert screen.words.item(0, 3).text() == "I am a singer"
    whats = [screen.looked.item(r, 2).text() for r in range(screen.looked.rowCount())]
    assert "profile created" in whats and "looked at their history" in whats
    assert "Who has looked at my information" in screen.access_html()


def test_a_prescriber_signs_in_to_their_desk_and_nothing_else(qtbot, station, services):
    add_staff(services, name="Dr Lee", role="prescriber", pin="2468")
    sign_in(qtbot, station, name="Dr Lee", pin="2468")
    wait_for(qtbot, lambda: station.workspace is not None)
    assert tab_titles(station.workspace) == ["Today's reports"]
    assert station.workspace.today is None and station.workspace.search is None


def test_a_disabled_accounts_open_session_cannot_load_one_more_page(qtbot, station, services):
    """Once an account disabled while signed in could still search and open a person's page.
    Now the next page it opens shows nothing of anyone, and the station signs it out at its
    next look (every 2 seconds in a clinic)."""
    rosa = ProfileService(services.db, hasher=services.hasher, clock=services.clock).create(
        "Rosa", date(1975, 3, 9), "1234", "en")
    admin = add_staff(services, name="Ada", role="admin", pin="9999")
    workspace = signed_in(qtbot, station, services)
    station.account_check.stop()  # first, a page opened before the station's own look
    staff.disable(services.db, "Maria", by=admin, clock=services.clock)
    screen = workspace.open_person(rosa.id)
    wait_for(qtbot, lambda: "disabled" in screen.message.text())
    assert "Rosa" not in screen.title.text() and screen.visits.rowCount() == 0
    station.account_check.start()
    services.timers.advance(services.poll_seconds)  # the station's next look at the account
    wait_for(qtbot, lambda: station.workspace is None)
    assert "disabled" in station.sign_in.message.text()


def test_an_account_given_another_role_is_signed_out_and_may_do_only_what_both_allow(
        qtbot, station, services):
    admin = add_staff(services, name="Ada", role="admin", pin="9999")
    workspace = signed_in(qtbot, station, services)
    member = workspace.member
    staff.set_role(services.db, "Maria", "prescriber", by=admin, clock=services.clock)
    with pytest.raises(roles.NotAllowed):
        services.queries.search("Ro", by=member)
    services.timers.advance(services.poll_seconds)  # the station's next look at the account
    wait_for(qtbot, lambda: station.workspace is None)
    assert "role" in station.sign_in.message.text()


def test_a_reprint_is_recorded_before_it_prints_and_a_refused_one_never_prints(
        qtbot, station, services):
    """Once the station printed first and wrote the record after, so a failed write left a
    print no one could account for."""
    kv = services.visits.start()
    kv.finish()
    seen_at_print = []
    services.printer.print_pdf = lambda pdf, title: seen_at_print.append(
        [e.action for e in audit.events(services.db, visit_id=kv.id)])
    workspace = signed_in(qtbot, station, services)
    today = workspace.today
    wait_for(qtbot, lambda: today.list.rowCount() == 1)
    today.list.selectRow(0)
    qtbot.mouseClick(today.reprint_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: today.list.item(0, 2).text() == "printed")
    assert audit.REPORT_VIEW in seen_at_print[0]
    # An account disabled meanwhile: the check fails first, and nothing goes to the printer.
    station.account_check.stop()
    admin = add_staff(services, name="Ada", role="admin", pin="9999")
    staff.disable(services.db, "Maria", by=admin, clock=services.clock)
    qtbot.mouseClick(today.reprint_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: "disabled" in today.message.text())
    assert len(seen_at_print) == 1


def test_opening_a_persons_page_records_each_thing_shown(qtbot, station, services, clock):
    rosa = ProfileService(services.db, hasher=services.hasher, clock=clock).create(
        "Rosa", date(1975, 3, 9), "1234", "en")
    kv = services.visits.start(rosa.id)
    kv.go_to(POWER)
    kv.confirm("I am a singer")
    kv.finish()
    workspace = signed_in(qtbot, station, services)
    screen = workspace.open_person(rosa.id)
    wait_for(qtbot, lambda: screen.words.rowCount() == 1)
    recorded = {e.action for e in audit.events(services.db, service_user_id=rosa.id)}
    assert {audit.PERSON_VIEW, audit.VISITS_VIEW, audit.TRENDS_VIEW, audit.OWN_WORDS_VIEW,
            audit.WHO_LOOKED_VIEW} <= recorded


def test_a_peer_unlocks_a_locked_sign_in_and_joins_a_possible_duplicate(
        qtbot, station, services, clock):
    profiles = ProfileService(services.db, hasher=services.hasher, clock=clock)
    rosa = profiles.create("Rosa", date(1975, 3, 9), "1234", "en")
    again = profiles.sign_up("Rosa", date(1975, 3, 9), "5678", "en").profile
    for n in range(9):  # a stranger's guesses, every pause waited out
        clock.advance(minutes=16)
        profiles.sign_in("Rosa", date(1975, 3, 9), f"{9000 + n}")
    assert profiles.sign_in("Rosa", date(1975, 3, 9), "1234").held
    workspace = signed_in(qtbot, station, services)
    screen = workspace.open_person(rosa.id)
    box = screen.sign_in_box
    wait_for(qtbot, lambda: box.unlock_button.isVisible() and len(box.joins) == 1)
    assert "locked" in box.lock.text()
    qtbot.mouseClick(box.unlock_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: "unlocked" in screen.message.text())
    assert profiles.sign_in("Rosa", date(1975, 3, 9), "1234").profile.id == rosa.id
    qtbot.mouseClick(box.joins[0], Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: "joined" in screen.message.text())
    assert duplicates.possible_duplicates(services.db, rosa.id) == []
    with pytest.raises(UnknownProfile):
        profiles.get(again.id)
