"""The prescriber's desk, from a fresh install: an account made with ``decisionaid staff add
--role prescriber`` signs in at the station, sees today's reports (alerts first), opens one at
full size, records the decision with its four marks and a follow-up, saves the page as a PDF
(private, every font embedded), and reaches nothing else, on screen or through the services."""

from __future__ import annotations

import io
import os
import shutil
import stat
import subprocess
import sys

import pytest
from desk_people import MARISOL, ROSA, SAM, play
from PySide6.QtCore import Qt

from decisionaid.app import open_app
from decisionaid.cli import main
from decisionaid.content.model import ItemRef
from decisionaid.services import audit, export, retention, roles, staff, statistics
from decisionaid.services.pins import PinHasher
from decisionaid.services.profiles import ProfileService
from decisionaid.services.visit_records import DECISION_MARKS
from decisionaid.ui.common.operations import wait_for_background
from decisionaid.ui.station.desk import PAGE_PX
from decisionaid.ui.station.services import Dialogs, station_services
from decisionaid.ui.station.station import PeerStation
from decisionaid.ui.testing import wait_for


class SavingDialogs(Dialogs):
    """"Save as PDF…" answers with a chosen path; nothing modal ever opens."""

    def __init__(self, path):
        self.path = path
        self.asked: list[str] = []

    def save_file(self, parent, title, suggested, kinds):
        self.asked.append(suggested)
        return self.path

    def confirm(self, parent, title, text) -> bool:
        return True


@pytest.fixture
def fresh_site(tmp_path, monkeypatch):
    """A fresh install: no database yet, an empty configuration, the real PDF report."""
    url = f"sqlite:///{tmp_path / 'site.db'}"
    (tmp_path / "site.toml").write_text("")
    monkeypatch.setenv("DECISIONAID_DATABASE_URL", url)
    monkeypatch.setenv("DECISIONAID_CONFIG", str(tmp_path / "site.toml"))
    monkeypatch.setattr(staff, "_default_hasher", PinHasher.fast())
    return tmp_path


def add_prescriber(monkeypatch, capsys) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("2468\n2468\n"))
    assert main(["staff", "add", "Dr Okafor", "--role", "prescriber"]) == 0
    assert "added Dr Okafor (prescriber)" in capsys.readouterr().out


def pdf_fonts(path) -> list[tuple[str, str]]:
    """(font name, embedded yes/no) for each font ``pdffonts`` lists."""
    tool = shutil.which("pdffonts")
    if tool is None:
        if os.environ.get("CI") == "true":
            pytest.fail("pdffonts (poppler-utils) is needed to check the fonts are embedded")
        pytest.skip("pdffonts (poppler-utils) is not installed")
    out = subprocess.run([tool, str(path)], check=True, capture_output=True, text=True).stdout
    rows = out.splitlines()[2:]
    # Columns: name type encoding emb sub uni object ID; the type may hold a space.
    return [(row.split()[0], row.split()[-5]) for row in rows if row.strip()]


def test_a_prescriber_from_a_fresh_install_reads_decides_and_saves_the_page(
        qtbot, fresh_site, monkeypatch, capsys, fake_time):
    add_prescriber(monkeypatch, capsys)
    app = open_app(logging_to=False)
    try:
        sam = play(app, SAM)
        rosa = play(app, ROSA)  # a safety answer: listed first although she finished last
        saved = fresh_site / "telehealth.pdf"
        services = station_services(app, timers=fake_time, dialogs=SavingDialogs(saved), sound=lambda: None, hasher=PinHasher.fast())
        window = PeerStation(services)
        qtbot.addWidget(window)
        window.show()
        window.sign_in.name.setText("Dr Okafor")
        window.sign_in.pin.setText("2468")
        qtbot.mouseClick(window.sign_in.button, Qt.MouseButton.LeftButton)
        wait_for(qtbot, lambda: window.workspace is not None)
        workspace = window.workspace
        member = workspace.member

        # Today's reports: who (two identifiers), when they finished, alerts first.
        reports = workspace.reports
        wait_for(qtbot, lambda: reports.list.rowCount() == 2)
        assert [reports.list.item(r, 1).text() for r in range(2)] == [
            "Rosa · 1979-06-14", "Sam · 1997-02-03"]
        assert reports.list.item(0, 3).text().startswith("⚠ 1 safety")
        assert reports.list.item(0, 4).text() == "to record"
        assert "2 reports" in reports.updated.text()

        # The report, opened at the size it prints (the top one is chosen to begin with).
        assert reports.list.currentRow() == 0 and reports.open_button.isEnabled()
        qtbot.mouseClick(reports.open_button, Qt.MouseButton.LeftButton)
        screen = workspace.tabs.currentWidget()
        assert screen.visit_id == rosa
        wait_for(qtbot, lambda: screen.page.pixmap() is not None
                        and not screen.page.pixmap().isNull())
        assert screen.page.pixmap().width() == PAGE_PX
        assert workspace.tabs.tabText(workspace.tabs.currentIndex()) == "Report: Rosa"

        # The decision, its four marks and a follow-up; saving locks the visit.
        assert not screen.save.isEnabled()
        screen.decision.setPlainText("I will take the evening pill at 8, and call in two weeks.")
        for key in ("own-voice", "specific", "will-do"):
            screen.marks[key].setChecked(True)
        screen.follow_up["check-in-call"].setChecked(True)
        qtbot.mouseClick(screen.save, Qt.MouseButton.LeftButton)
        wait_for(qtbot, lambda: screen.message.text().startswith("Saved."))
        review = app.visits.load(rosa).review
        assert review.peer_id == member.id
        assert review.marks == ("own-voice", "specific", "will-do")
        assert review.follow_up == ["check-in-call"]
        assert app.visits.load(rosa).state == "reviewed"
        assert not screen.marks["plain-language"].isEnabled()  # locked, shown as recorded
        wait_for(qtbot, lambda: reports.list.item(0, 4).text() == "recorded")

        # Save as PDF: a private file, every font in it embedded.
        qtbot.mouseClick(screen.save_pdf, Qt.MouseButton.LeftButton)
        wait_for(qtbot, lambda: screen.message.text().startswith("Saved to"))
        assert saved.read_bytes().startswith(b"%PDF")
        assert stat.S_IMODE(saved.stat().st_mode) == 0o600
        fonts = pdf_fonts(saved)
        assert fonts and all(embedded == "yes" for _, embedded in fonts), fonts
        assert not any("Helvetica" in name for name, _ in fonts)

        # Every view is in the audit log, against the visit, by this account.
        mine = {(e.action, e.visit_id) for e in audit.events(app.db, limit=500)
                if e.staff_id == member.id}
        for action in (audit.REPORTS_LIST_VIEW, audit.VIEW, audit.REPORT_VIEW, audit.REVIEW,
                       audit.REPORT_SAVED):
            assert (action, rosa) in mine, action
        assert (audit.REPORTS_LIST_VIEW, sam) in mine
        assert not any(action == audit.BOARD_VIEW for action, _ in mine)  # no board seen

        # Nothing else: no tabs for it, and the services refuse it too.
        assert [workspace.tabs.tabText(i) for i in range(workspace.tabs.count())] == [
            "Today's reports", "Report: Rosa"]
        assert workspace.open_statistics() is None and workspace.open_admin() is None
        assert workspace.open_visit(sam) is None and workspace.open_person(1) is None
        assert workspace.today is None and workspace.search is None
        flag = next(f for f in app.visits.load(rosa).flags if f.severity == "safety")
        for refused in (
            lambda: app.queries.search("Sam", by=member),
            lambda: app.queries.profile(1, by=member),
            lambda: statistics.monthly(app.db, app.content, by=member),
            lambda: staff.list(app.db, by=member),
            lambda: audit.events(app.db, by=member),
            lambda: export.export(app.db, fresh_site / "out.csv", format="csv", by=member),
            lambda: retention.purge(app.db, 30, by=member),
            lambda: app.visits.acknowledge_flag(flag.id, staff_id=member.id, note="seen"),
            lambda: app.visits.force_finish(play(app, MARISOL, finish=False, pin="2222"),
                                            staff_id=member.id),
            lambda: ProfileService(app.db, hasher=PinHasher.fast()).reset_pin(1, by=member),
        ):
            with pytest.raises(roles.NotAllowed):
                refused()
        assert not (fresh_site / "out.csv").exists()
        window.end_session()
        wait_for_background()
    finally:
        app.close()


def test_the_report_names_no_font_it_does_not_carry(tmp_path, fresh_site):
    """The page a prescriber saves archives cleanly: ReportLab's default Helvetica is neither
    used nor named."""
    app = open_app(logging_to=False)
    try:
        visit = play(app, MARISOL)
        path = tmp_path / "page.pdf"
        path.write_bytes(app.report_pdf(visit))
        fonts = pdf_fonts(path)
        assert fonts and all(embedded == "yes" for _, embedded in fonts), fonts
    finally:
        app.close()


def test_the_desk_lists_only_finished_visits_safety_then_concerns_then_the_rest(
        database, visit_content, fast_pins, clock):
    from decisionaid.services.desk import Desk

    app = open_app(database=database, content=visit_content, hasher=fast_pins, clock=clock,
                   logging_to=False)
    plain = app.visits.start()
    plain.finish()
    clock.advance(minutes=5)
    concern = app.visits.start()
    concern.go_to(ItemRef("medicines", "side-effects"))
    concern.confirm(["weight"])
    concern.finish()
    clock.advance(minutes=5)
    going = app.visits.start()  # still at the kiosk: no report yet
    clock.advance(minutes=5)
    safety = app.visits.start()
    safety.go_to(ItemRef("feelings", "harm-self"))
    safety.confirm(1)
    safety.finish()
    clock.advance(minutes=5)
    later = app.visits.start()
    later.finish()
    doctor = staff.add(database, "Dr Lee", "prescriber", "2468", hasher=fast_pins)
    desk = Desk(database, app.visits, app.queries, lambda visit_id: b"%PDF", clock=clock)
    lines = desk.todays_reports(by=doctor)
    assert [line.visit_id for line in lines] == [safety.id, concern.id, later.id, plain.id]
    assert (lines[0].safety, lines[1].concerns, lines[2].alerts) == (1, 1, 0)
    # Each listed visit is recorded once a day; the one not listed is not.
    desk.todays_reports(by=doctor)
    listed = [e.visit_id for e in audit.events(database, action=audit.REPORTS_LIST_VIEW)
              if e.staff_id == doctor.id]
    assert sorted(listed) == sorted([safety.id, concern.id, later.id, plain.id])
    assert going.id not in listed
    assert DECISION_MARKS == ("own-voice", "specific", "plain-language", "will-do")
