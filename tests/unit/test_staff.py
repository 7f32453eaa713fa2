"""Staff accounts: adding, signing in, lockout after five wrong PINs, disabling, the audit trail."""

from __future__ import annotations

from datetime import timedelta

import pytest

from decisionaid.services import audit, roles, staff
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


def _tries_until_locked_for_good(database, fast_pins, clock, name):
    """Wrong PINs on ``name``, every pause waited out, until the lock does not run out: what
    each try said."""
    seen = []
    for n in range(3 * staff.LOCK_AFTER):
        try:
            sign_in(database, fast_pins, clock, name=name, pin=f"{5000 + n}")
        except (WrongPin, AccountLocked) as refused:
            seen.append((type(refused).__name__, str(refused)))
            if isinstance(refused, AccountLocked):
                if refused.locked_until > clock.now + timedelta(days=1):
                    return seen
                clock.now = refused.locked_until + timedelta(seconds=1)
    return seen


def test_a_colleagues_name_and_a_made_up_one_lock_alike_and_for_good(
        database, fast_pins, clock, add):
    """Once a real name locked after five wrong PINs and an unknown one never did; now both
    pause at five and lock at nine, with the same words, and a right PIN does not wipe the
    wrong ones out: only an admin's reset does."""
    add()
    start = clock.now
    real = _tries_until_locked_for_good(database, fast_pins, clock, "Maria")
    clock.now = start
    made_up = _tries_until_locked_for_good(database, fast_pins, clock, "Nobody")
    assert real == made_up
    assert sum(kind == "WrongPin" for kind, _ in real) == staff.LOCK_AFTER - 2
    assert "ask an admin" in real[-1][1]
    clock.advance(days=365)
    with pytest.raises(AccountLocked):
        sign_in(database, fast_pins, clock)
    staff.reset_pin(database, "Maria", "1111", hasher=fast_pins, clock=clock)
    assert sign_in(database, fast_pins, clock, pin="1111").name == "Maria"


def test_a_right_pin_gives_back_only_its_own_try(database, fast_pins, clock, add):
    add()
    for _ in range(4):
        with pytest.raises(WrongPin):
            sign_in(database, fast_pins, clock, pin="0000")
    sign_in(database, fast_pins, clock)
    with pytest.raises(AccountLocked):
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
        staff.disable(database, "Sam", by=admin, clock=clock)


# --- roles, checked by the services themselves -------------------------------------------------
@pytest.mark.parametrize("role", ["peer", "prescriber"])
def test_only_an_admin_manages_staff_accounts(database, add, clock, fast_pins, role):
    """The peer station hides its Admin tab from peers; the service refuses them as well, and
    a prescriber too."""
    add("Sam", "admin")
    other = add("Lee", role, "2468")
    for attempt in (
        lambda: staff.add(database, "New", "admin", "1234", by=other, hasher=fast_pins),
        lambda: staff.reset_pin(database, "Sam", "1234", by=other, hasher=fast_pins),
        lambda: staff.disable(database, "Sam", by=other),
        lambda: staff.list(database, by=other),
    ):
        with pytest.raises(roles.NotAllowed, match="only admin accounts") as caught:
            attempt()
        assert "\n" not in str(caught.value)
    assert [m.name for m in staff.list(database)] == ["Lee", "Sam"]
    assert sign_in(database, fast_pins, clock, name="Sam", pin="4321").name == "Sam"


def test_a_prescriber_account_is_added_and_signs_in(database, add, fast_pins, clock):
    member = add("Dr Okafor", "prescriber", "13579")
    assert member.role == "prescriber" and not member.is_admin
    assert sign_in(database, fast_pins, clock, name="dr okafor", pin="13579").id == member.id


def test_the_command_line_is_recorded_with_the_operating_system_user(database, fast_pins,
                                                                      monkeypatch):
    monkeypatch.setattr(roles.getpass, "getuser", lambda: "clinic-it")
    staff.add(database, "Maria", "peer", "4321", by=roles.command_line(), hasher=fast_pins)
    [event] = audit.events(database, action=staff.ADDED)
    assert (event.actor, event.staff_id, event.details["os_user"]) == ("cli", None, "clinic-it")


def test_a_prescriber_cannot_sign_in_for_peer_work(database, add, fast_pins, clock):
    add("Dr Lee", "prescriber", "2468")
    with pytest.raises(staff.WrongRole, match="peer station"):
        staff.sign_in(database, "Dr Lee", "2468", hasher=fast_pins, clock=clock,
                      for_peer_work=True)
    [event] = audit.events(database, action=staff.SIGN_IN_FAILED)
    assert event.details["reason"] == "role"


def test_the_kiosks_staff_screens_refuse_a_prescriber_too(database, add, fast_pins):
    from decisionaid.ui.kiosk.session import StaffAccounts, StaffAuthError

    add("Dr Lee", "prescriber", "2468")
    add("Pat", "peer", "2468")
    accounts = StaffAccounts(database, fast_pins)
    with pytest.raises(StaffAuthError, match="kiosk's staff screens"):
        accounts.verify("Dr Lee", "2468")
    assert accounts.verify("Pat", "2468").name == "Pat"


def test_each_account_changes_its_own_language_and_only_an_admin_changes_anothers(
    database, add, clock
):
    """Any role sets its own language; another account's is an admin's to set; both logged."""
    sites = ("en", "es")
    doctor, peer, admin = add("Dr O", "prescriber"), add("Maria"), add("Sam", "admin")
    assert doctor.language is None and doctor.speaks(sites) == "en"
    mine = staff.set_own_language(database, doctor, "es", languages=sites, clock=clock)
    assert (mine.language, mine.speaks(sites)) == ("es", "es")
    with pytest.raises(roles.NotAllowed):
        staff.set_language(database, "Dr O", "en", languages=sites, by=peer, clock=clock)
    staff.set_language(database, "Maria", "es", languages=sites, by=admin, clock=clock)
    with pytest.raises(StaffError, match="one of this site's languages: en, es"):
        staff.set_own_language(database, peer, "fr", languages=sites, clock=clock)
    assert {m.name: m.language for m in staff.list(database)} == {
        "Dr O": "es", "Maria": "es", "Sam": None}
    events = audit.events(database, action=staff.LANGUAGE_CHANGED)
    assert sorted((e.staff_id, e.details["account"], e.details["language"]) for e in events) == sorted(
        [(doctor.id, doctor.id, "es"), (admin.id, peer.id, "es")])
    # A language the site has since dropped is not spoken: the site's first is.
    assert staff.get(database, doctor.id).speaks(("en",)) == "en"
