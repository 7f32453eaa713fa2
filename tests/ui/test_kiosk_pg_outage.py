"""PostgreSQL goes away mid-visit and comes back: the kiosk keeps the person on their question,
then files the answer where it belongs; a safety answer given meanwhile reaches the peer
station within 5 s of the server coming back.

The server is taken away by a TCP proxy of the test's own on loopback (tests/tcp_proxy.py) in
front of DECISIONAID_TEST_PG_URL (tests/conftest.py: fails under CI=true without it, skips
elsewhere).
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtWidgets import QLabel

from decisionaid.content.model import ItemRef
from decisionaid.services.visits import VisitService
from decisionaid.ui.testing import wait_for

pytestmark = pytest.mark.integration

SAD = ItemRef("feelings", "sad")
HARM = ItemRef("feelings", "harm-self")


def texts_on_screen(window) -> str:
    return "\n".join(label.text() for label in window.findChildren(QLabel) if label.isVisibleTo(window))


def test_postgresql_gone_and_back_mid_visit(make_kiosk, config, drive, qtbot, proxied):
    url, proxy, direct = proxied
    kiosk = make_kiosk(replace(config, database_url=url))
    peer = VisitService(direct, kiosk.services.content)
    d = drive(kiosk)
    d.guest()
    d.tap_and_wait("next", "item:scale")
    visit_id = kiosk.visit.id
    d.tap("option_2")
    proxy.drop()
    d.tap("next")
    wait_for(qtbot, lambda: "saved" in texts_on_screen(kiosk) and "Saving" not in texts_on_screen(kiosk))
    assert kiosk.screen.question.text() == "Feeling sad or down"
    assert kiosk.screen.answer.value() == 2
    notice = texts_on_screen(kiosk)
    proxy.restore()
    d.tap_and_wait("next", "item:scale")  # the same answer again, not "could not be used"
    assert kiosk.screen.question.text() == "Trouble sleeping"
    assert peer.load(visit_id).answers == {SAD: 2}
    assert "That was not saved. Please try again, or ask a peer worker for help." in notice

    d.tap("option_0")
    d.tap_and_wait("next")
    assert kiosk.screen.question.text() == "Thoughts of hurting myself"
    d.tap("option_1")
    proxy.drop()
    d.tap_and_wait("next", "safety")  # shown although the answer could not be stored
    assert peer.open_flags() == []
    proxy.restore()
    wait_for(qtbot, lambda: [f.severity for f in peer.open_flags()] == ["safety"])
    # The flag (kept on the kiosk's disk) goes first, with the time it was raised; the answer
    # follows in the visit's own save.
    wait_for(qtbot, lambda: peer.load(visit_id).answers.get(HARM) == 1)
