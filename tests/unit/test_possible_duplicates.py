"""Two profiles of one person (a sign-up with details already in use) are listed to peer
workers as possible duplicates and joined by them, audited; no one else can join them."""

from __future__ import annotations

from datetime import date

import pytest

from decisionaid.services import audit, duplicates, staff
from decisionaid.services.profiles import ProfileService
from decisionaid.services.roles import NotAllowed
from decisionaid.services.visits import VisitService

DOB = date(1975, 2, 3)


@pytest.fixture
def visits(database, visit_content, clock) -> VisitService:
    return VisitService(database, visit_content, clock=clock)


@pytest.fixture
def profiles(database, fast_pins, clock) -> ProfileService:
    return ProfileService(database, hasher=fast_pins, clock=clock)


def test_a_sign_up_with_someones_details_is_listed_and_joined_by_a_peer(
        profiles, database, fast_pins, visits, clock):
    peer = staff.add(database, "Pat", "peer", "2468", hasher=fast_pins)
    ana = profiles.create("Ana", DOB, "1111", "en")
    again = profiles.sign_up("ana", DOB, "2222", "en").profile
    profiles.create("Ana", date(1990, 1, 1), "3333", "en")  # another Ana: not a duplicate
    visit = visits.start(again.id)
    visit.finish()
    [listed] = duplicates.possible_duplicates(database, ana.id, by=peer)
    assert (listed.id, listed.visits) == (again.id, 1)
    duplicates.merge(database, ana.id, again.id, by=peer, clock=clock)
    assert visits.load(visit.id).service_user_id == ana.id
    assert duplicates.possible_duplicates(database, ana.id, by=peer) == []
    [event] = audit.events(database, action=audit.PROFILES_MERGED)
    assert (event.staff_id, event.service_user_id, event.details["merged"]) == (
        peer.id, ana.id, again.id)
    # She signs in with the PIN of the profile kept.
    assert profiles.sign_in("Ana", DOB, "1111").profile.id == ana.id
    assert profiles.sign_in("Ana", DOB, "2222").status == "no_match"


def test_only_peer_workers_join_profiles_and_only_of_the_same_details(
        profiles, database, fast_pins, clock):
    prescriber = staff.add(database, "Dr Lee", "prescriber", "2468", hasher=fast_pins)
    peer = staff.add(database, "Pat", "peer", "1357", hasher=fast_pins)
    ana = profiles.create("Ana", DOB, "1111", "en")
    bea = profiles.create("Bea", DOB, "1111", "en")
    with pytest.raises(NotAllowed):
        duplicates.possible_duplicates(database, ana.id, by=prescriber)
    with pytest.raises(Exception, match="same name and date of birth"):
        duplicates.merge(database, ana.id, bea.id, by=peer, clock=clock)
