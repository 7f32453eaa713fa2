"""A call for help made while PostgreSQL is unreachable is never lost: the person is asked to
wave (and the kiosk sounds it), the call waits on the kiosk's disk, and when the server comes
back it reaches the peer station with the time it was made, before the calls made after it;
only then does the kiosk say a peer worker has been asked.

The server is taken away by a TCP proxy on loopback (tests/tcp_proxy.py) in front of
DECISIONAID_TEST_PG_URL (tests/conftest.py: fails under CI=true without it, skips elsewhere).
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import replace

import pytest

from decisionaid.config import data_dir
from decisionaid.services.clock import utc_now
from decisionaid.services.help import HelpRequests
from decisionaid.services.help_outbox import FILE_NAME
from decisionaid.ui.common.strings import t
from decisionaid.ui.testing import wait_for

pytestmark = pytest.mark.integration


def card_text(kiosk) -> str:
    card = kiosk.help.card
    return "" if card is None or not card.isVisible() else card.spoken_text()


def test_talk_to_someone_now_while_the_server_is_away_reaches_the_station_first(
    make_kiosk, config, drive, qtbot, proxied, fake_time
):
    url, proxy, direct = proxied
    kiosk = make_kiosk(replace(config, database_url=url))
    chimes = []
    kiosk.help.chime = lambda: chimes.append(True)
    station = HelpRequests(direct)
    d = drive(kiosk)
    d.guest()
    d.tap_and_wait("next", "item:scale")
    d.tap("option_0")
    d.tap_and_wait("next")
    d.tap("option_0")
    d.tap_and_wait("next")
    assert kiosk.screen.question.text() == "Thoughts of hurting myself"
    d.tap("option_1")
    d.tap_and_wait("next", "safety")
    visit_id = kiosk.visit.id

    proxy.drop()
    pressed = utc_now()
    d.tap("talk_now")
    wait_for(qtbot, lambda: t("help_wave_title", "en") in card_text(kiosk))
    # The truth, seen and heard: no "a peer worker is coming" yet.
    assert t("help_coming_title", "en") not in card_text(kiosk)
    assert chimes and t("help_wave_title", "en") in kiosk.speaker.said[-1][0]
    # Kept on the kiosk's own disk, private, with nothing of what the person answered.
    kept = data_dir() / FILE_NAME
    assert stat.S_IMODE(os.stat(kept).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(kept.parent).st_mode) == 0o700
    [call] = json.loads(kept.read_text())
    assert (call["kind"], call["visit_id"], call["screen"]) == ("talk-now", visit_id, "safety")
    assert station.open_requests() == []  # the station knows nothing yet

    # A later press, still without the server: it waits behind the first.
    kiosk.help.close_card()
    d.tap("help")
    wait_for(qtbot, lambda: t("help_wave_title", "en") in card_text(kiosk))
    assert len(json.loads(kept.read_text())) == 2
    later = utc_now()

    proxy.restore()
    assert kiosk.help.retry.is_active()  # the kiosk keeps trying by itself
    fake_time.advance(kiosk.times.retry_ms / 1000)  # the retry falls due
    wait_for(qtbot, lambda: t("help_asked_title", "en") in card_text(kiosk))
    talk, help_ = station.open_requests()
    assert (talk.kind, talk.visit_id, talk.screen) == ("talk-now", visit_id, "safety")
    assert help_.kind == "help"
    assert pressed <= talk.raised_at <= help_.raised_at <= later  # the time each was pressed
    assert talk.id < help_.id
    assert not kept.exists()  # nothing left to deliver: nothing on disk
    assert not kiosk.help.retry.is_active()

    # A request made now, at another kiosk, comes after them.
    HelpRequests(direct, kiosk="Front room").ask(screen="welcome")
    assert [(r.kind, r.kiosk == "Front room") for r in station.open_requests()] == [
        ("talk-now", False), ("help", False), ("help", True)]
