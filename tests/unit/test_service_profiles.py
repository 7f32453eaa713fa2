"""Service-user profiles: sign-in by name, birthday and PIN, lockout, staff reset."""

from __future__ import annotations

from datetime import date

import pytest

from decisionaid.services import audit
from decisionaid.services.profiles import MAX_FAILURES, ProfileError, ProfileService, name_key

DOB = date(1975, 2, 3)


@pytest.fixture
def profiles(database, fast_pins, clock) -> ProfileService:
    return ProfileService(database, hasher=fast_pins, clock=clock)


def test_sign_in_ignores_case_accents_and_spaces(profiles):
    created = profiles.create("José  María", DOB, "4821", "es", clinic_id="C-17")
    result = profiles.sign_in("  jose maria ", DOB, "4821")
    assert result.status == "ok"
    assert result.profile.id == created.id
    assert result.profile.first_name == "José María"
    assert name_key("ÉLODIE") == "elodie"


def test_unknown_name_and_wrong_pin_look_the_same_and_are_audit_logged(profiles):
    profiles.create("Ana", DOB, "1111", "en")
    wrong_pin = profiles.sign_in("Ana", DOB, "2222")
    no_such = profiles.sign_in("Zed", DOB, "1111")
    wrong_day = profiles.sign_in("Ana", date(1975, 2, 4), "1111")
    assert wrong_pin == no_such == wrong_day
    assert wrong_pin.status == "no_match" and wrong_pin.profile is None
    failures = audit.events(profiles.db, action=audit.SIGN_IN_FAILED)
    assert len(failures) == 3
    assert all("Ana" not in str(e.details) and "Zed" not in str(e.details) for e in failures)


def test_five_wrong_pins_lock_the_profile_for_fifteen_minutes(profiles, clock):
    profiles.create("Ana", DOB, "1111", "en")
    results = [profiles.sign_in("Ana", DOB, "9999") for _ in range(MAX_FAILURES)]
    assert [r.status for r in results] == ["no_match"] * 4 + ["locked"]
    # Even the right PIN is refused while locked.
    assert profiles.sign_in("Ana", DOB, "1111").status == "locked"
    clock.advance(minutes=14)
    assert profiles.sign_in("Ana", DOB, "1111").status == "locked"
    clock.advance(minutes=2)
    assert profiles.sign_in("Ana", DOB, "1111").status == "ok"
    assert len(audit.events(profiles.db, action=audit.PROFILE_LOCKED)) == 1


def test_a_success_resets_the_count_of_failures(profiles):
    profiles.create("Ana", DOB, "1111", "en")
    for _ in range(MAX_FAILURES - 1):
        profiles.sign_in("Ana", DOB, "9999")
    assert profiles.sign_in("Ana", DOB, "1111").status == "ok"
    assert profiles.sign_in("Ana", DOB, "9999").status == "no_match"


def test_staff_reset_sets_a_new_pin_and_unlocks(profiles):
    ana = profiles.create("Ana", DOB, "1111", "en")
    for _ in range(MAX_FAILURES):
        profiles.sign_in("Ana", DOB, "9999")
    profiles.reset_pin(ana.id, "5555", staff_id=None)
    assert profiles.sign_in("Ana", DOB, "5555").status == "ok"
    assert profiles.sign_in("Ana", DOB, "1111").status == "no_match"
    assert [e.service_user_id for e in audit.events(profiles.db, action=audit.PIN_RESET)] == [
        ana.id
    ]


def test_two_people_with_one_name_and_birthday_sign_in_by_their_own_pins(profiles):
    first = profiles.create("Sam", DOB, "1111", "en")
    second = profiles.create("sam", DOB, "2222", "en")
    assert profiles.sign_in("SAM", DOB, "1111").profile.id == first.id
    assert profiles.sign_in("SAM", DOB, "2222").profile.id == second.id
    with pytest.raises(ProfileError, match="different PIN"):
        profiles.create("Sam", DOB, "2222", "en")


@pytest.mark.parametrize(
    ("name", "dob", "pin", "message"),
    [
        ("  ", DOB, "1234", "first name"),
        ("Ana", DOB, "12a4", "4 digits"),
        ("Ana", DOB, "12345", "4 digits"),
        ("Ana", date(1850, 1, 1), "1234", "date of birth"),
    ],
)
def test_bad_profile_details_are_one_clear_line(profiles, name, dob, pin, message):
    with pytest.raises(ProfileError, match=message) as caught:
        profiles.create(name, dob, pin, "en")
    assert "\n" not in str(caught.value)


def test_the_pin_is_stored_only_as_an_argon2id_hash(profiles, database):
    from sqlalchemy import select

    from decisionaid.storage.models import ServiceUser

    profiles.create("Ana", DOB, "4821", "en")
    stored = database.read(lambda s: s.scalar(select(ServiceUser.pin_hash)))
    assert stored.startswith("$argon2id$") and "4821" not in stored


def test_production_hashes_are_strong_and_verified_by_the_fast_test_hasher(fast_pins):
    from decisionaid.services.pins import PinHasher

    strong = PinHasher().hash("1234")
    assert "m=19456,t=2" in strong
    assert fast_pins.verify(strong, "1234") and not fast_pins.verify(strong, "1235")


def test_peer_station_search_finds_by_name_prefix_and_birthday(profiles):
    ana = profiles.create("Ana", DOB, "1111", "en")
    anabel = profiles.create("Anabel", date(1990, 1, 1), "1111", "en")
    profiles.create("Bob", DOB, "1111", "en")
    assert [p.id for p in profiles.search("an")] == [ana.id, anabel.id]
    assert [p.id for p in profiles.search("ÁN", DOB)] == [ana.id]
    assert profiles.search("") == []
