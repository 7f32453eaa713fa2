"""The peer station's visit view shows a safety question the person left unanswered, as the
report's ALERTS box does."""

from __future__ import annotations

from test_peer_station import services, signed_in  # noqa: F401  (its fixtures)

from decisionaid.content.model import ItemRef
from decisionaid.ui.station.common import RED
from decisionaid.ui.testing import wait_for

SAD = ItemRef("feelings", "sad")


def test_a_skipped_safety_question_is_shown_to_the_peer_in_red(qtbot, station, services):  # noqa: F811
    kv = services.visits.start()
    kv.go_to(SAD)
    kv.confirm(2)
    kv.go_to_end()  # "Thoughts of hurting myself" was on the way, and left unanswered
    kv.finish()
    workspace = signed_in(qtbot, station, services)
    screen = workspace.open_visit(kv.id)
    wait_for(qtbot, lambda: screen.record is not None)
    text = screen.flags.text()
    assert "⚠ SAFETY" in text and "Thoughts of hurting myself" in text and "not answered" in text
    assert f"color:{RED}" in text.split("Thoughts")[0]  # in the red of the other safety lines


def test_while_the_visit_is_in_progress_nothing_is_called_unanswered(qtbot, station, services):  # noqa: F811
    kv = services.visits.start()
    kv.go_to(SAD)
    kv.confirm(2)
    workspace = signed_in(qtbot, station, services)
    screen = workspace.open_visit(kv.id)
    wait_for(qtbot, lambda: screen.record is not None)
    assert screen.flags.text() == "No flags."


def test_after_a_check_in_the_visit_view_says_who_checked_in_and_stops_asking(
        qtbot, station, services):  # noqa: F811
    from decisionaid.services.check_ins import CheckIns

    kv = services.visits.start()
    kv.go_to(SAD)
    kv.confirm(2)
    kv.go_to_end()
    kv.finish()
    workspace = signed_in(qtbot, station, services)
    check_ins = CheckIns(services.db, services.content)
    [open_one] = check_ins.for_visit(kv.id)
    check_ins.acknowledge(open_one.id, staff_id=workspace.member.id, note="Safe at home\nmore")
    screen = workspace.open_visit(kv.id)
    wait_for(qtbot, lambda: screen.record is not None)
    text = screen.flags.text()
    assert "Thoughts of hurting myself" in text and "not answered" in text
    assert f"acknowledged by {workspace.member.name}" in text and "Safe at home" in text
    assert "ask about it in the check-in" not in text and "more" not in text
    assert f"color:{RED}" not in text.split("Thoughts")[0]  # done: no longer in red
