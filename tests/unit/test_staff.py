"""Staff accounts: adding, signing in, lockout after five wrong PINs, disabling, the audit trail."""

from __future__ import annotations

import pytest

from decisionaid.services import audit, staff
from decisionaid.services.staff import AccountDisabled, AccountLocked, StaffError, WrongPin


@pytest.fixture
def add(database, fast_pins, clock):
    def make(name="Maria", role="peer", pin="4321"):
        return staff.add(database, name, role, pin, hasher=fast_pins, clock=clock)

    return make


def sign_in(database, fast_pins, clock, name="Maria", pin="4321"):
    return staff.sign_in(database, name, pin, hasher=fast_pins, clock=clock)


def test_the_right_name_and_pin_sign_in_and_the_sign_in_is_logged(database, fast_pins, clock, add):
    """Name matched without regard to case; the sign-in is audit-logged under the staff id."""
    member = add()
    signed = sign_in(database, fast_pins, clock, name="  maria ")
    assert (signed.id, signed.name, signed.role) == (member.id, "Maria", "peer")
    [event] = audit.events(database, action=staff.SIGN_IN)
    assert event.staff_id == member.id


def test_a_wrong_pin_and_an_unknown_name_are_refused_alike_and_logged_without_the_pin(
    database, fast_pins, clock, add
):
    """Neither message says whether the name exists; the log keeps reasons, never the PIN."""
    add()
    with pytest.raises(WrongPin) as wrong:
        sign_in(database, fast_pins, clock, pin="9999")
    with pytest.raises(WrongPin) as unknown:
        sign_in(database, fast_pins, clock, name="Nobody", pin="9999")
    assert str(wrong.value) == str(unknown.value) == "name or PIN not recognised"
    failures = audit.events(database, action=staff.SIGN_IN_FAILED)
    assert sorted(e.details["reason"] for e in failures) == ["unknown-name", "wrong-pin"]
    assert all("9999" not in str(e.details) for e in failures)


def test_five_wrong_pins_lock_the_account_for_fifteen_minutes(database, fast_pins, clock, add):
    """The fifth wrong PIN locks it; even the right PIN is refused until the lock runs out."""
    add()
    for _ in range(4):
        with pytest.raises(WrongPin):
            sign_in(database, fast_pins, clock, pin="0000")
    with pytest.raises(AccountLocked) as locked:
        sign_in(database, fast_pins, clock, pin="0000")
    assert "locked" in str(locked.value)
    clock.advance(minutes=14)
    with pytest.raises(AccountLocked):
        sign_in(database, fast_pins, clock)
    clock.advance(minutes=1, seconds=1)
    assert sign_in(database, fast_pins, clock).name == "Maria"
    assert len(audit.events(database, action=staff.LOCKED)) == 1


def test_a_right_pin_resets_the_count_of_wrong_ones(database, fast_pins, clock, add):
    add()
    for _ in range(4):
        with pytest.raises(WrongPin):
            sign_in(database, fast_pins, clock, pin="0000")
    sign_in(database, fast_pins, clock)
    for _ in range(4):
        with pytest.raises(WrongPin):
            sign_in(database, fast_pins, clock, pin="0000")


def test_resetting_the_pin_unlocks_the_account(database, fast_pins, clock, add):
    add()
    for _ in range(5):
        with pytest.raises((WrongPin, AccountLocked)):
            sign_in(database, fast_pins, clock, pin="0000")
    staff.reset_pin(database, "Maria", "55556666", hasher=fast_pins, clock=clock)
    assert sign_in(database, fast_pins, clock, pin="55556666").name == "Maria"
    with pytest.raises(WrongPin):
        sign_in(database, fast_pins, clock, pin="4321")


def test_a_disabled_account_cannot_sign_in(database, fast_pins, clock, add):
    add()
    staff.disable(database, "Maria", clock=clock)
    with pytest.raises(AccountDisabled):
        sign_in(database, fast_pins, clock)
    assert [m.disabled for m in staff.list(database)] == [True]


def test_pins_are_four_to_eight_digits_and_roles_peer_or_admin(database, fast_pins, clock, add):
    for bad in ("123", "123456789", "12a4", ""):
        with pytest.raises(StaffError, match="4 to 8 digits"):
            add(pin=bad)
    with pytest.raises(StaffError, match="role"):
        add(role="doctor")
    assert staff.list(database) == []


def test_names_are_unique_whatever_their_case(database, add):
    add()
    with pytest.raises(StaffError, match="already"):
        add(name="MARIA")


def test_accounts_are_listed_by_name_with_their_roles(database, add):
    add("zoe", "admin")
    add("Ana", "peer")
    assert [(m.name, m.role) for m in staff.list(database)] == [("Ana", "peer"), ("zoe", "admin")]


def test_an_admin_cannot_disable_their_own_account(database, add, clock):
    admin = add("Sam", "admin")
    with pytest.raises(StaffError, match="your own"):
        staff.disable(database, "Sam", by=admin.id, actor="peer", clock=clock)
