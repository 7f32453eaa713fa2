"""What the peer station reads: today's board with the section each user is on, open safety
flags, search, and one person's trends, own words and "who has looked at my information"."""

from __future__ import annotations

from datetime import date

import pytest

from decisionaid.content.model import ItemRef
from decisionaid.services import staff
from decisionaid.services.peer_queries import PeerQueries
from decisionaid.services.profiles import ProfileService
from decisionaid.services.visits import VisitService

SAD = ItemRef("feelings", "sad")
HARM = ItemRef("feelings", "harm-self")
SIDE = ItemRef("medicines", "side-effects")
POWER = ItemRef("decision", "power")


@pytest.fixture
def visits(database, visit_content, clock):
    return VisitService(database, visit_content, clock=clock)


@pytest.fixture
def queries(database, visit_content, clock):
    return PeerQueries(database, visit_content, clock=clock)


@pytest.fixture
def ana(database, fast_pins, clock):
    return ProfileService(database, hasher=fast_pins, clock=clock).create(
        "Ána", date(1980, 5, 17), "1234", "es", clinic_id="C-77")


def answer(kv, ref, value):
    kv.go_to(ref)
    kv.confirm(value)


def test_the_board_shows_each_visit_with_its_state_and_the_section_it_is_on(visits, queries, ana, clock):
    printed = visits.start(ana.id)
    answer(printed, SAD, 1)
    printed.finish()
    visits.mark_printed(printed.id)
    clock.advance(minutes=5)
    guest = visits.start()
    answer(guest, SAD, 2)
    clock.advance(minutes=1)
    answer(guest, SIDE, ["sleepy"])
    board = queries.board()
    assert [(line.visit.id, line.visit.shown_state, line.section) for line in board.lines] == [
        (guest.id, "in_progress", "My medicines"),
        (printed.id, "printed", "How I've been"),
    ]
    assert board.safety == []


def test_todays_board_and_a_persons_visits_show_name_state_and_order(visits, queries, ana, clock):
    yesterday = visits.start()
    yesterday.finish()
    clock.advance(days=1)
    mine = visits.start(ana.id)
    clock.advance(minutes=5)
    guest = visits.start()
    today = [line.visit for line in queries.board().lines]
    assert [(v.id, v.first_name, v.state) for v in today] == [
        (guest.id, None, "in_progress"),
        (mine.id, "Ána", "in_progress"),
    ]
    assert [v.id for v in queries.visits_of(ana.id)] == [mine.id]


def test_search_ignores_case_and_accents_and_lists_by_name(queries, ana, database, fast_pins, clock):
    profiles = ProfileService(database, hasher=fast_pins, clock=clock)
    anabel = profiles.create("Anabel", date(1990, 1, 1), "1111", "en")
    profiles.create("Bob", date(1980, 5, 17), "1111", "en")
    assert [p.id for p in queries.search("ÁN")] == [ana.id, anabel.id]
    assert queries.search("") == []


def test_an_unacknowledged_safety_flag_is_on_the_board_until_someone_checks_in(visits, queries, ana):
    kv = visits.start(ana.id)
    answer(kv, HARM, 1)
    [flag] = queries.board().safety
    assert (flag.visit_id, flag.first_name, flag.question) == (kv.id, "Ána", "Thoughts of hurting myself")
    visits.acknowledge_flag(flag.flag_id, staff_id=None, note="sat with her; safe")
    assert queries.board().safety == []


def test_search_finds_people_by_the_start_of_their_name_or_their_clinic_id(visits, queries, ana):
    visits.start(ana.id)
    assert [(p.first_name, p.visits) for p in queries.search("an")] == [("Ána", 1)]
    assert [p.id for p in queries.search("C-77")] == [ana.id]
    assert queries.search("bo") == [] and queries.search("  ") == []


def test_trends_and_own_words_follow_the_person_across_finished_visits(visits, queries, ana, clock):
    for sad, power in [(3, "I sing"), (1, "I sing and I garden")]:
        kv = visits.start(ana.id)
        answer(kv, SAD, sad)
        answer(kv, POWER, power)
        kv.finish()
        clock.advance(days=1)
    [trend] = [t for t in queries.trends(ana.id) if t.ref == SAD]
    assert [value for _, value in trend.points] == [3, 1]
    assert (trend.low, trend.high, trend.labels[3]) == (0, 3, "Every day")
    words = queries.own_words(ana.id)
    assert [w.text for w in words] == ["I sing and I garden", "I sing"]


def test_who_has_looked_names_the_staff_member_and_what_they_did(database, visits, queries, ana,
                                                                 fast_pins, clock):
    maria = staff.add(database, "Maria", "peer", "4321", hasher=fast_pins, clock=clock)
    kv = visits.start(ana.id)
    kv.finish()
    clock.advance(minutes=1)
    visits.view(kv.id, staff_id=maria.id)
    lines = queries.who_looked(ana.id)
    assert (lines[0].who, lines[0].what, lines[0].visit_id) == ("Maria", "opened a visit", kv.id)
    assert lines[-1].what == "profile created"
