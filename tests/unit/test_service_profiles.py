"""Service-user profiles: sign-in by name, birthday and PIN, lockout, staff reset; and the
kiosk's sign-in and sign-up tried as an attacker would."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from decisionaid.services import audit, staff
from decisionaid.services.peer_queries import PeerQueries
from decisionaid.services.pins import PinHasher
from decisionaid.services.profiles import (
    KIOSK_MAX_TRIES,
    LOCK_AFTER,
    MAX_FAILURES,
    ProfileError,
    ProfileService,
    name_key,
)
from decisionaid.services.roles import NotAllowed

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


def test_a_right_pin_does_not_wipe_out_the_wrong_ones_before_it(profiles, database, fast_pins):
    """Otherwise a stranger's guesses would start again each time the person signs in."""
    ana = profiles.create("Ana", DOB, "1111", "en")
    for _ in range(MAX_FAILURES - 1):
        profiles.sign_in("Ana", DOB, "9999")
    assert profiles.sign_in("Ana", DOB, "1111").status == "ok"
    assert profiles.sign_in("Ana", DOB, "9999").status == "locked"
    # A peer worker, with her in person, starts the count again.
    peer = staff.add(database, "Pat", "peer", "2468", hasher=fast_pins)
    profiles.unlock(ana.id, by=peer)
    assert profiles.sign_in("Ana", DOB, "1111").status == "ok"
    assert audit.events(database, action=audit.PROFILE_UNLOCKED)[0].staff_id == peer.id


def test_nine_wrong_pins_in_all_lock_until_a_peer_unlocks(profiles, database, fast_pins, clock):
    ana = profiles.create("Ana", DOB, "1111", "en")
    seen = []
    for n in range(LOCK_AFTER):
        clock.advance(minutes=16)  # every pause waited out
        seen.append(profiles.sign_in("Ana", DOB, f"{5000 + n:04d}"))
    assert seen[-1].status == "locked" and seen[-1].held
    clock.advance(days=30)
    assert profiles.sign_in("Ana", DOB, "1111").status == "locked"
    peer = staff.add(database, "Pat", "peer", "2468", hasher=fast_pins)
    profiles.unlock(ana.id, by=peer)
    assert profiles.sign_in("Ana", DOB, "1111").status == "ok"


def test_a_year_of_patient_guessing_at_one_kiosk_finds_a_pin_less_than_once_in_1000(
        database, fast_pins, clock):
    """With the real limits and a fake clock: a stranger at one kiosk tries 0000, 0001, …
    whenever sign-in is not paused, for a year. No more than 9 of the 10,000 PINs are ever
    checked (a chance under 1 in 1,000), and however the PINs are ordered, hers is not found."""
    kiosk = ProfileService(database, hasher=fast_pins, clock=clock, kiosk_id="waiting-room")
    ana = kiosk.create("Ana", DOB, f"{LOCK_AFTER:04d}", "en")  # the 10th PIN the walk tries
    end = clock.now + timedelta(days=365)
    guess, found = 0, False
    while clock.now < end:
        result = kiosk.sign_in("Ana", DOB, f"{guess:04d}")
        found = found or result.status == "ok"
        if result.status == "locked":
            clock.now = min(result.locked_until, clock.now + timedelta(days=1)) + timedelta(
                seconds=1)
        else:
            guess += 1
            clock.advance(seconds=20)
    checked = [e for e in audit.events(database, action=audit.SIGN_IN_FAILED,
                                       service_user_id=ana.id, limit=100_000)
               if e.details["reason"] == "wrong-pin"]
    assert not found
    assert len(checked) == LOCK_AFTER and guess <= LOCK_AFTER
    assert len(checked) / 10_000 < 1 / 1000


def test_a_peer_reset_stops_the_old_pin_and_the_person_chooses_a_new_one(profiles, database,
                                                                         fast_pins, clock):
    peer = staff.add(database, "Pat", "peer", "2468", hasher=fast_pins, clock=clock)
    ana = profiles.create("Ana", DOB, "1111", "en")
    for _ in range(MAX_FAILURES):
        profiles.sign_in("Ana", DOB, "9999")
    reset = profiles.reset_pin(ana.id, by=peer)
    assert reset.must_choose_pin and reset.locked_until is None
    # The forgotten PIN no longer opens the profile, and the kiosk alone cannot set a new one.
    assert profiles.sign_in("Ana", DOB, "1111").status == "no_match"
    found = profiles.peer_find("Ana", DOB, staff_id=peer.id)
    assert found.status == "ok" and found.profile.must_choose_pin
    profiles.choose_pin(ana.id, "5555", staff_id=peer.id)
    assert profiles.sign_in("Ana", DOB, "5555").profile.id == ana.id
    assert profiles.sign_in("Ana", DOB, "1111").status == "no_match"
    resets = audit.events(profiles.db, action=audit.PIN_RESET)
    assert [(e.service_user_id, e.staff_id) for e in resets] == [(ana.id, peer.id)]
    assert audit.events(profiles.db, action=audit.PIN_CHOSEN)[0].staff_id == peer.id


@pytest.mark.parametrize("role", ["prescriber"])
def test_only_peer_workers_and_admins_reset_a_pin(profiles, database, fast_pins, role):
    other = staff.add(database, "Dr Lee", role, "2468", hasher=fast_pins)
    ana = profiles.create("Ana", DOB, "1111", "en")
    with pytest.raises(NotAllowed, match="peer"):
        profiles.reset_pin(ana.id, by=other)
    assert profiles.sign_in("Ana", DOB, "1111").status == "ok"


class CountingHasher(PinHasher):
    """Counts every argon2 computation, the decoy a miss is timed with too: the work a
    sign-in does, which is what its time depends on."""

    work = 0

    def verify(self, pin_hash: str, pin: str) -> bool:
        CountingHasher.work += 1
        return super().verify(pin_hash, pin)

    def hash_salted(self, pin: str, salt: str) -> str:
        CountingHasher.work += 1
        return super().hash_salted(pin, salt)


def _walk(service, name, pins, clock):
    """Sign up with these details and each PIN in turn, waiting out every pause, as a patient
    attacker would; the statuses seen."""
    seen = []
    for pin in pins:
        result = service.sign_up(name, DOB, pin, "en")
        seen.append(result.status)
        if result.status == "locked":
            clock.advance(minutes=16)
            seen.append(service.sign_up(name, DOB, pin, "en").status)
    return seen


def test_the_sign_up_walk_learns_nothing_and_slows_no_one(database, clock):
    hasher = CountingHasher.fast()
    real = ProfileService(database, hasher=hasher, clock=clock, kiosk_id="kiosk-a")
    ana = real.create("Ana", DOB, "0007", "en")
    # Once "please choose a different PIN" gave her PIN away at the 421st try of 0000, 0001…;
    # a shorter walk over her PIN shows the same answers as on made-up details.
    pins = [f"{n:04d}" for n in range(12)]
    on_ana = _walk(real, "Ana", pins, clock)
    made_up = ProfileService(database, hasher=hasher, clock=clock, kiosk_id="kiosk-b")
    on_no_one = _walk(made_up, "Zed", pins, clock)
    assert on_ana == on_no_one == ["ok"] * len(pins)
    # Every sign-up with her details is recorded against her, as a possible duplicate.
    marks = audit.events(database, action=audit.SIGN_UP_SAME_DETAILS, service_user_id=ana.id,
                         limit=1000)
    assert len(marks) == len(pins)
    # Signing in does the same work on her details (13 profiles) as on a stranger's (none),
    # and lands in the newest profile with the PIN: the sign-up's with 0007, never hers.
    CountingHasher.work = 0
    mine = real.sign_in("Ana", DOB, "0007").profile
    on_her = CountingHasher.work
    CountingHasher.work = 0
    real.sign_in("Nobody", DOB, "0007")
    assert on_her == CountingHasher.work == 2
    assert mine.id > ana.id


def test_the_421_try_walk_while_she_is_paused_finds_nothing(database, fast_pins, clock,
                                                             visit_content):
    """The walk as it was reported: sign-ups with her name, birthday and 0000, 0001, … 0420
    while she is locked out. Every answer matches the same walk on made-up details, none
    names her PIN, and at most five sign-ups go through before the pause."""
    real = ProfileService(database, hasher=fast_pins, clock=clock, kiosk_id="kiosk-a")
    made_up = ProfileService(database, hasher=fast_pins, clock=clock, kiosk_id="kiosk-b")
    ana = real.create("Ana", DOB, "0420", "en")
    for _ in range(MAX_FAILURES):
        real.sign_in("Ana", DOB, "9999")
        made_up.sign_in("Zed", DOB, "9999")
    pins = [f"{n:04d}" for n in range(421)]
    on_ana = [real.sign_up("Ana", DOB, pin, "en").status for pin in pins]
    on_no_one = [made_up.sign_up("Zed", DOB, pin, "en").status for pin in pins]
    assert on_ana == on_no_one == ["locked"] * 421
    assert len(PeerQueries(database, visit_content).search("Ana")) == 1  # no junk profiles
    failures = audit.events(database, action=audit.SIGN_IN_FAILED, service_user_id=ana.id,
                            limit=1000)
    assert len(failures) == MAX_FAILURES + 421  # every try is recorded against her


def test_a_stranger_cannot_tell_a_paused_person_from_made_up_details(profiles, clock):
    profiles.create("Ana", DOB, "1111", "en")
    tries = MAX_FAILURES + 2
    real = [profiles.sign_in("Ana", DOB, "9999") for _ in range(tries)]
    real.append(profiles.sign_in("Ana", DOB, "1111"))  # even the right PIN, while paused
    real.append(profiles.sign_up("Ana", DOB, "3333", "en"))
    made_up = [profiles.sign_in("Zed", DOB, "9999") for _ in range(tries)]
    made_up.append(profiles.sign_in("Zed", DOB, "1111"))
    made_up.append(profiles.sign_up("Zed", DOB, "3333", "en"))
    assert [r.status for r in real] == [r.status for r in made_up]
    assert [r.status for r in real][MAX_FAILURES - 1:] == ["locked"] * (tries - MAX_FAILURES + 3)
    assert all(r.profile is None for r in real + made_up)


def test_sign_ups_with_her_details_do_not_bring_her_pause_closer(profiles):
    profiles.create("Ana", DOB, "1111", "en")
    for _ in range(2):
        assert profiles.sign_up("Ana", DOB, "2222", "en").status == "ok"
    results = [profiles.sign_in("Ana", DOB, f"{n:04d}") for n in range(5000, 5000 + MAX_FAILURES)]
    assert [r.status for r in results] == ["no_match"] * (MAX_FAILURES - 1) + ["locked"]
    assert profiles.sign_in("Ana", DOB, "1111").status == "locked"


def test_one_kiosk_guessing_at_many_details_is_paused(database, fast_pins, clock):
    kiosk = ProfileService(database, hasher=fast_pins, clock=clock, kiosk_id="waiting-room")
    other = ProfileService(database, hasher=fast_pins, clock=clock, kiosk_id="front-desk")
    kiosk.create("Ana", DOB, "1111", "en")
    for n in range(KIOSK_MAX_TRIES):
        kiosk.sign_in(f"Person {n}", DOB, "1234")
    assert kiosk.sign_in("Ana", DOB, "1111").status == "locked"
    assert other.sign_in("Ana", DOB, "1111").status == "ok"
    clock.advance(minutes=16)
    assert kiosk.sign_in("Ana", DOB, "1111").status == "ok"


def test_a_busy_morning_of_new_people_never_pauses_the_kiosk(database, fast_pins, clock):
    """Forty people signing up in one hour, one of them with details already in use, and each
    signing in again: the kiosk's limit is for guessing, not for a full waiting room."""
    kiosk = ProfileService(database, hasher=fast_pins, clock=clock, kiosk_id="waiting-room")
    kiosk.create("Person 7", DOB, "7777", "en")
    for n in range(2 * KIOSK_MAX_TRIES):
        assert kiosk.sign_up(f"Person {n}", DOB, f"{n:04d}", "en").status == "ok"
    for n in range(2 * KIOSK_MAX_TRIES):
        if n != 7:
            assert kiosk.sign_in(f"Person {n}", DOB, f"{n:04d}").status == "ok"
    assert kiosk.sign_in("Person 7", DOB, "7777").status == "ok"


def test_a_second_person_with_the_same_details_signs_in_on_their_own(profiles, database,
                                                                     fast_pins):
    peer = staff.add(database, "Pat", "peer", "2468", hasher=fast_pins)
    ana = profiles.create("Ana", DOB, "1111", "en")
    other = profiles.sign_up("ana", DOB, "2222", "es")
    assert other.status == "ok" and other.profile.id != ana.id
    assert profiles.sign_in("Ana", DOB, "2222").profile.id == other.profile.id
    assert profiles.sign_in("Ana", DOB, "1111").profile.id == ana.id
    # With a peer worker, the PIN tells them apart too.
    assert profiles.peer_find("Ana", DOB, staff_id=peer.id).status == "ambiguous"
    found = profiles.peer_sign_in("Ana", DOB, "2222", staff_id=peer.id)
    assert found.profile.id == other.profile.id
    assert audit.events(database, action=audit.PEER_SIGN_IN)[0].staff_id == peer.id


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


def test_the_decoy_a_miss_is_checked_against_costs_what_a_real_check_costs():
    """The decoy is written out, not hashed: it must name the hasher's own parameters and be
    read as a hash (a decoy argon2 refused at once would make a miss faster than a hit)."""
    from argon2 import PasswordHasher, extract_parameters
    from argon2.exceptions import VerifyMismatchError

    from decisionaid.services.pins import PinHasher

    for hasher in (PinHasher(), PinHasher.fast()):
        real = hasher.hash("1234")
        assert extract_parameters(hasher._decoy) == extract_parameters(real)
        with pytest.raises(VerifyMismatchError):  # a wrong digest: the whole check was made
            PasswordHasher().verify(hasher._decoy, "0000")
