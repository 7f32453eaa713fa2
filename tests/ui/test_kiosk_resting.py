"""Out of order, never a loop: with the database unreachable at start or during a save, the kiosk
shows "This kiosk is resting — please see the front desk" in every language it offers, keeps
trying (the test moves time by firing the retry timer), and comes back by itself.

The server is taken away by a TCP proxy on loopback (tests/tcp_proxy.py) in front of
DECISIONAID_TEST_PG_URL (tests/conftest.py: fails under CI=true without it, skips elsewhere).
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtWidgets import QLabel

from decisionaid.content.model import ItemRef
from decisionaid.services.pins import PinHasher
from decisionaid.services.visits import VisitService
from decisionaid.ui.common.operations import wait_for_background
from decisionaid.ui.kiosk.session import open_services
from decisionaid.ui.testing import RecordingSpeaker, wait_for

pytestmark = pytest.mark.integration

SAD = ItemRef("feelings", "sad")


def resting_words(window) -> list[str]:
    card = window.resting.card
    if card is None or not card.isVisible():
        return []
    return [label.text() for label in card.findChildren(QLabel)]


def test_a_kiosk_started_without_its_database_rests_and_wakes_up_by_itself(qtbot, config, proxied,
                                                                          fake_time):
    from decisionaid.ui.kiosk.idle import KioskTimes
    from decisionaid.ui.kiosk.window import KioskWindow

    url, proxy, _direct = proxied
    site = replace(config, database_url=url)
    proxy.drop()
    window = KioskWindow(None, config=site, speaker=RecordingSpeaker(), times=KioskTimes(),
                         timers=fake_time)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    opened, refused = [], []

    def ready(result) -> None:
        services, app = result
        opened.append(app)
        window.set_services(services)

    window.resting.open_services(lambda: open_services(site, hasher=PinHasher.fast()), ready, refused.append)
    wait_for(qtbot, lambda: window.resting.resting)
    words = resting_words(window)
    assert words == ["This kiosk is resting", "Please see the front desk. It will be back by itself soon.",
                     "Esta pantalla está descansando",
                     "Por favor, ve a la recepción. En un rato vuelve a funcionar sola."]
    assert window.resting.card.geometry() == window.rect()  # the top bar too: nothing to tap
    assert window.resting.timer.is_active()  # it keeps trying, and the process does not exit

    fake_time.advance(window.times.retry_ms / 1000)  # a try while the server is still away
    wait_for(qtbot, lambda: not window.resting._trying)
    assert window.resting.resting and not opened

    proxy.restore()
    fake_time.advance(window.times.retry_ms / 1000)  # the next try
    wait_for(qtbot, lambda: not window.resting.resting)
    assert opened and not refused
    assert window.screen_name == "welcome" and window.screen.isEnabled()
    assert not window.resting.timer.is_active()
    wait_for_background()
    for app in opened:
        app.close()


def test_a_save_that_meets_a_lost_server_rests_the_kiosk_until_it_is_back(
        make_kiosk, config, drive, qtbot, proxied, fake_time):
    url, proxy, direct = proxied
    kiosk = make_kiosk(replace(config, database_url=url))
    d = drive(kiosk)
    d.guest()
    d.tap_and_wait("next", "item:scale")
    d.tap("option_2")
    proxy.drop()
    d.tap("next")
    wait_for(qtbot, lambda: kiosk.resting.resting)
    assert "This kiosk is resting" in resting_words(kiosk)
    assert "Esta pantalla está descansando" in resting_words(kiosk)

    proxy.restore()
    fake_time.advance(kiosk.times.retry_ms / 1000)  # the retry falls due
    wait_for(qtbot, lambda: not kiosk.resting.resting)
    # Back on the same question, with the choice: Next saves it.
    assert kiosk.screen.question.text() == "Feeling sad or down"
    assert kiosk.screen.answer.value() == 2
    d.tap_and_wait("next", "item:scale")
    assert kiosk.screen.question.text() == "Trouble sleeping"
    assert VisitService(direct, kiosk.services.content).load(kiosk.visit.id).answers == {SAD: 2}
