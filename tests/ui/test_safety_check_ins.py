"""A safety question the person left unanswered asks for a check-in: "Please ask — not
answered" on the Today board and in the prescriber's list, apart from the red flags; a peer
records the check-in with a note, and the reprinted page names who checked in, when, and the
note's first line (for an acknowledged safety flag too)."""

from __future__ import annotations

import io

import pdfplumber
from PySide6.QtCore import Qt
from test_peer_station import services, signed_in  # noqa: F401  (its fixtures)

from decisionaid.content.model import ItemRef
from decisionaid.services.check_ins import CheckIns
from decisionaid.services.visit_report import report_pdf
from decisionaid.ui.station.common import alerts_words
from decisionaid.ui.testing import wait_for

SAD = ItemRef("feelings", "sad")
HARM = ItemRef("feelings", "harm-self")


def page_text(bundle, visit_id: int, language: str = "en") -> str:
    pdf = report_pdf(bundle.visits, visit_id, "Riverside Clinic", language=language)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        [page] = doc.pages
        return " ".join((page.extract_text() or "").split())


def skipped_visit(bundle) -> int:
    kv = bundle.visits.start()
    kv.go_to(SAD)
    kv.confirm(2)
    kv.go_to_end()  # "Thoughts of hurting myself" was on the way, and left unanswered
    kv.finish()
    return kv.id


def test_a_skipped_safety_question_asks_for_a_check_in_and_the_reprint_names_it(
        qtbot, station, services, clock):  # noqa: F811
    visit_id = skipped_visit(services)
    workspace = signed_in(qtbot, station, services)
    today = workspace.today
    band = today.check_ins
    wait_for(qtbot, lambda: band.isVisible() and bool(band.rows))
    [row] = band.rows.values()
    assert "Please ask — not answered" in band.title.text()
    assert f"(visit {visit_id}) did not answer: Thoughts of hurting myself" in row.text.text()
    assert not today.banner.isVisible()  # not a red safety flag
    assert services.sounds  # a new one sounds
    column = today.list.columnCount() - 1
    # The Today board words it as the other lists do.
    assert "Please ask — not answered" in today.list.item(0, column).text()
    assert today.list.item(0, column).toolTip() == today.list.item(0, column).text()  # if cut short
    # The prescriber's list says it too.
    [line] = services.desk().todays_reports(by=workspace.member)
    assert line.please_ask == 1 and line.safety == 0
    assert "Please ask — not answered" in alerts_words(line.safety, line.concerns, "en", line.please_ask)

    assert not row.checked.isEnabled()  # a note first, as for a flag
    clock.advance(minutes=7)
    checked_at = clock().astimezone().strftime("%H:%M")
    row.note.setText("She is safe, plan agreed\nsecond line stays at the station")
    qtbot.mouseClick(row.checked, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: not band.isVisible())
    assert CheckIns(services.db, services.content).for_visit(visit_id) == []

    text = page_text(services, visit_id)
    assert "Thoughts of hurting myself: Not answered" in text
    assert "Checked in by Maria on" in text and f"at {checked_at}" in text
    assert "“She is safe, plan agreed”" in text
    assert "second line" not in text
    assert "Seguimiento de Maria" in page_text(services, visit_id, "es")


def test_an_acknowledged_safety_flag_is_named_on_the_reprint(qtbot, services):  # noqa: F811
    from test_peer_station import add_staff

    peer = add_staff(services)
    kv = services.visits.start()
    kv.go_to(HARM)
    kv.confirm(1)
    kv.go_to_end()
    kv.finish()
    [flag] = services.visits.open_flags()
    services.visits.acknowledge_flag(flag.id, staff_id=peer.id, note="Talked with him; safe at home")
    text = page_text(services, kv.id)
    assert "Checked in by Maria" in text and "“Talked with him; safe at home”" in text


def test_a_visit_ended_at_closing_time_asks_for_its_unanswered_safety_questions(services, clock):  # noqa: F811
    kv = services.visits.start()
    kv.go_to(SAD)
    kv.confirm(1)
    clock.advance(days=1)
    assert services.visits.close_day() == 1
    [item] = CheckIns(services.db, services.content).for_visit(kv.id)
    assert (item.item_id, item.question) == ("harm-self", "Thoughts of hurting myself")
    assert services.visits.close_day() == 0  # raised once


def test_back_from_the_page_takes_the_check_in_back_until_the_visit_ends_again(services):  # noqa: F811
    visit_id = skipped_visit(services)
    check_ins = CheckIns(services.db, services.content)
    assert [c.item_id for c in check_ins.for_visit(visit_id)] == ["harm-self"]
    kv = services.visits.reopen(visit_id)
    assert check_ins.for_visit(visit_id) == []
    kv.go_to(HARM)
    kv.confirm(0)  # answered now: "Not at all"
    kv.finish()
    assert check_ins.for_visit(visit_id) == []


def test_a_persons_list_of_visits_says_please_ask_until_someone_has_checked_in(services):  # noqa: F811
    """The person's page lists each visit's open alerts: an unanswered safety question shows
    there too (not only on the Today board) until a peer records the check-in."""
    from test_peer_station import add_staff

    from decisionaid.services.visit_records import visit_info_query, visit_infos
    from decisionaid.storage.models import Visit
    from decisionaid.ui.station.person import open_alerts_words

    visit_id = skipped_visit(services)

    def info():
        [v] = services.db.read(lambda s: visit_infos(s, visit_info_query().where(Visit.id == visit_id)))
        return v

    assert info().open_check_ins == 1
    assert open_alerts_words(info(), "en") == "? Please ask — not answered"
    assert open_alerts_words(info(), "es").startswith("?") and "Please" not in open_alerts_words(info(), "es")
    check_ins = CheckIns(services.db, services.content)
    [item] = check_ins.for_visit(visit_id)
    check_ins.acknowledge(item.id, staff_id=add_staff(services).id, note="Safe; plan agreed")
    assert info().open_check_ins == 0 and open_alerts_words(info(), "en") == ""
