"""Staff accounts: peer workers, admins and prescribers, who sign in with their name and a PIN.

Managing accounts is for admins only, checked here (``by``: the signed-in admin, or None for
the command line, recorded with the operating-system user); see ``roles``.

The peer station, the kiosk's staff escape and its peer-assisted sign-in all call ``sign_in``.
PINs are 4 to 8 digits, stored only as argon2id hashes. Wrong PINs are counted per name typed,
whether or not there is such an account, so a name's count, its lock, the words shown and the
work done never tell whether it is a colleague's: every 5 wrong PINs lock it for 15 minutes,
and 9 in all lock it until an admin resets the PIN (a right PIN gives back only its own try).
A disabled account never signs in. Every sign-in, failure, lock and
account change is audit-logged, by staff id and reason only: never the PIN, never the name.

A staff member's name is shown to colleagues and, in "Who has looked at my information", to
service users; the audit log itself holds only the staff id.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from sqlalchemy import case, delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from decisionaid.errors import UserError
from decisionaid.i18n import N_, _
from decisionaid.services import audit, roles
from decisionaid.services.clock import Clock, utc_now
from decisionaid.services.pins import PinHasher
from decisionaid.storage import Database
from decisionaid.storage.models import STAFF_ROLES, SignInGuard, Staff

MAX_FAILURES = 5
LOCK_TIME = timedelta(minutes=15)
# Wrong PINs on one name, in all, before only an admin can unlock it (by resetting the PIN).
LOCK_AFTER = 9
# The peer station signs out after this long without a key press or a click.
IDLE_SIGN_OUT = timedelta(minutes=10)
NAME_MAX = 80
STAFF_PIN = re.compile(r"^[0-9]{4,8}$")

# Audit actions about staff accounts (the visit and profile ones live in ``audit``).
SIGN_IN = "staff-sign-in"
SIGN_IN_FAILED = "staff-sign-in-failed"
SIGN_OUT = "staff-sign-out"
LOCKED = "staff-locked"
ADDED = "staff-added"
PIN_RESET = "staff-pin-reset"
DISABLED = "staff-disabled"
ROLE_CHANGED = "staff-role-changed"
LANGUAGE_CHANGED = "staff-language-changed"
# What the command line and the admin panel take for "no language of its own": the site's first.
SITE_LANGUAGE = "site"


class StaffError(UserError):
    """Something about a staff account a person can put right: the message says what."""


class SignInRefused(StaffError):
    """Base of the three reasons a sign-in is refused."""


class WrongPin(SignInRefused):
    """The name or the PIN is not right (the message does not say which)."""

    def __init__(self) -> None:
        super().__init__(_("name or PIN not recognised"))


class AccountLocked(SignInRefused):
    def __init__(self, locked_until: datetime):
        from decisionaid.services.profiles import UNTIL_UNLOCKED

        self.locked_until = locked_until
        if locked_until >= UNTIL_UNLOCKED:
            super().__init__(_("this account is locked after too many wrong PINs: ask an admin "
                               "to reset the PIN"))
            return
        at = locked_until.astimezone().strftime("%H:%M")
        super().__init__(
            _("this account is locked after {failures} wrong PINs: try again after {at}, or ask "
              "an admin to reset the PIN", failures=MAX_FAILURES, at=at)
        )


class WrongRole(SignInRefused):
    def __init__(self, role: str, place: str):
        super().__init__(_("a {role} account cannot open {place}: it is for peer workers and "
                           "admins", role=role, place=_(place)))


class AccountDisabled(SignInRefused):
    def __init__(self) -> None:
        super().__init__(_("this account is disabled: ask an admin"))


@dataclass(frozen=True)
class StaffMember:
    """A signed-in (or listed) account, as it was read. ``current()`` reads it again:
    ``roles.require`` does so on every service call, so an account disabled or given another
    role since it signed in can do no more than it may now."""

    id: int
    name: str
    role: str
    disabled: bool
    locked_until: datetime | None
    created_at: datetime
    # The account's own language; None: the site's first (see ``speaks``).
    language: str | None = None
    source: Database | None = field(default=None, compare=False, repr=False)

    def current(self) -> StaffMember:
        """The account as it is now (disabled, if it has been deleted)."""
        if self.source is None:
            return self
        row = self.source.read(lambda s: s.get(Staff, self.id))
        if row is None:
            return replace(self, disabled=True)
        return _member(row, self.source)

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def locked_at(self, now: datetime) -> bool:
        return self.locked_until is not None and self.locked_until > now

    def speaks(self, languages: tuple[str, ...]) -> str:
        """The language the station speaks to this account at a site with ``languages``: its
        own, unless it has none or the site no longer offers it, then the site's first."""
        return self.language if self.language in languages else languages[0]


def _member(row: Staff, source: Database | None = None) -> StaffMember:
    return StaffMember(row.id, row.name, row.role, row.disabled, row.locked_until, row.created_at,
                       row.language, source)


def still_signed_in(member: StaffMember) -> StaffMember | None:
    """``member`` as the account is now, or None when it may no longer be signed in: disabled,
    deleted, or given another role (a session is for the role it signed in with)."""
    now = member.current()
    if now.disabled or now.role != member.role:
        return None
    return now


def check_pin(pin: object) -> str:
    """The PIN if it is 4 to 8 digits; otherwise ``StaffError`` saying so."""
    if not isinstance(pin, str) or not STAFF_PIN.match(pin):
        raise StaffError(_("a staff PIN is 4 to 8 digits"))
    return pin


def _clean_name(name: object) -> str:
    if not isinstance(name, str) or not " ".join(name.split()):
        raise StaffError(_("enter the staff member's name"))
    clean = " ".join(name.split())
    if len(clean) > NAME_MAX:
        raise StaffError(_("a staff name has at most {limit} characters", limit=NAME_MAX))
    return clean


def check_language(language: object, languages: tuple[str, ...]) -> str | None:
    """``language`` if the site offers it, None for ``SITE_LANGUAGE`` or None (the site's first
    language); otherwise ``StaffError`` listing the site's languages."""
    if language is None or language == SITE_LANGUAGE:
        return None
    if language not in languages:
        raise StaffError(_("a staff language is one of this site's languages: {languages} (or "
                           "'{site}' for the site's first), not {language!r}",
                           languages=", ".join(languages), site=SITE_LANGUAGE, language=language))
    return language  # type: ignore[return-value]


def _check_role(role: object) -> str:
    if role not in STAFF_ROLES:
        raise StaffError(_("a role is one of: {roles} (not {role!r})",
                           roles=', '.join(STAFF_ROLES), role=role))
    return role  # type: ignore[return-value]


_default_hasher: PinHasher | None = None


def _hasher(hasher: PinHasher | None) -> PinHasher:
    global _default_hasher
    if hasher is not None:
        return hasher
    if _default_hasher is None:
        _default_hasher = PinHasher()
    return _default_hasher


def _by_name(session: Session, name: str) -> Staff | None:
    # Names are matched without regard to case, as people type them.
    return session.scalar(select(Staff).where(func.lower(Staff.name) == name.lower()))


def _guard_key(name: str) -> str:
    """The count of wrong PINs on a name typed: a hash, so the table names no one."""
    return "staff:" + hashlib.sha256(" ".join(name.split()).casefold().encode()).hexdigest()


def _require(session: Session, name: str) -> Staff:
    row = _by_name(session, name)
    if row is None:
        raise StaffError(_("there is no staff account named {name!r} (see 'decisionaid staff "
                           "list')", name=name))
    return row


# --- accounts ----------------------------------------------------------------------------------
def add(
    db: Database,
    name: str,
    role: str,
    pin: str,
    *,
    by: object | None = None,
    hasher: PinHasher | None = None,
    clock: Clock = utc_now,
    language: str | None = None,
    languages: tuple[str, ...] = (),
) -> StaffMember:
    """A new account. ``by``: the signed-in admin adding it (None: the command line);
    ``language``: one of the site's ``languages``, or None for the site's first."""
    who = roles.require(roles.caller(by), roles.ADMIN, N_("add staff accounts"))
    clean = _clean_name(name)
    _check_role(role)
    language = check_language(language, languages)
    pin_hash = _hasher(hasher).hash(check_pin(pin))
    now = clock()

    def work(session: Session) -> StaffMember:
        if _by_name(session, clean) is not None:
            raise StaffError(_("there is already a staff account named {name!r}", name=clean))
        row = Staff(name=clean, role=role, pin_hash=pin_hash, failed_attempts=0,
                    disabled=False, created_at=now, language=language)
        session.add(row)
        session.flush()
        audit.record(session, ADDED, at=now, account=row.id, role=role,
                     **({"language": language} if language else {}), **roles.audit_fields(who))
        return _member(row)

    try:
        return db.write(work)
    except IntegrityError:
        raise StaffError(_("there is already a staff account named {name!r}", name=clean)) from None


def list_staff(db: Database, *, by: object | None = None) -> list[StaffMember]:
    """Every account, by name (disabled ones too): for admins."""
    roles.require(roles.caller(by), roles.ADMIN, N_("see the staff accounts"))
    return db.read(
        lambda s: [_member(r) for r in s.scalars(select(Staff).order_by(func.lower(Staff.name)))]
    )


def get(db: Database, staff_id: int) -> StaffMember:
    row = db.read(lambda s: s.get(Staff, staff_id))
    if row is None:
        raise StaffError(_("there is no staff account with id {staff_id}", staff_id=staff_id))
    return _member(row, db)


def get_by_name(db: Database, name: str) -> StaffMember:
    """The account with this name (any case), or ``StaffError`` saying there is none."""
    return _member(db.read(lambda s: _require(s, _clean_name(name))))


def names(db: Database, ids: set[int] | frozenset[int]) -> dict[int, str]:
    """Staff names by id, for showing who did what."""
    if not ids:
        return {}
    query = select(Staff.id, Staff.name).where(Staff.id.in_(sorted(ids)))
    return db.read(lambda s: {r.id: r.name for r in s.execute(query)})


def reset_pin(
    db: Database,
    name: str,
    pin: str,
    *,
    by: object | None = None,
    hasher: PinHasher | None = None,
    clock: Clock = utc_now,
) -> StaffMember:
    """Set a new PIN and unlock the account (a disabled account stays disabled)."""
    who = roles.require(roles.caller(by), roles.ADMIN, N_("reset a staff PIN"))
    pin_hash = _hasher(hasher).hash(check_pin(pin))
    now = clock()

    def work(session: Session) -> StaffMember:
        row = _require(session, _clean_name(name))
        row.pin_hash = pin_hash
        row.failed_attempts = 0
        row.locked_until = None
        session.execute(delete(SignInGuard).where(SignInGuard.key == _guard_key(row.name)))
        audit.record(session, PIN_RESET, at=now, account=row.id, **roles.audit_fields(who))
        session.flush()
        return _member(row)

    return db.write(work)


def disable(
    db: Database, name: str, *, by: object | None = None, clock: Clock = utc_now
) -> StaffMember:
    """The account can no longer sign in. It is kept, so the audit log still names it."""
    who = roles.require(roles.caller(by), roles.ADMIN, N_("disable staff accounts"))
    now = clock()

    def work(session: Session) -> StaffMember:
        row = _require(session, _clean_name(name))
        if who.id is not None and row.id == who.id:
            raise StaffError(_("you cannot disable your own account: ask another admin"))
        row.disabled = True
        audit.record(session, DISABLED, at=now, account=row.id, **roles.audit_fields(who))
        session.flush()
        return _member(row)

    return db.write(work)


def set_role(
    db: Database, name: str, role: str, *, by: object | None = None, clock: Clock = utc_now
) -> StaffMember:
    """Give the account another role. Its open sessions end at their next look, and until then
    every service call allows it only what both roles allow (see ``roles.require``)."""
    who = roles.require(roles.caller(by), roles.ADMIN, N_("change staff roles"))
    _check_role(role)
    now = clock()

    def work(session: Session) -> StaffMember:
        row = _require(session, _clean_name(name))
        if who.id is not None and row.id == who.id:
            raise StaffError(_("you cannot change your own role: ask another admin"))
        row.role = role
        audit.record(session, ROLE_CHANGED, at=now, account=row.id, role=role,
                     **roles.audit_fields(who))
        session.flush()
        return _member(row, db)

    return db.write(work)


def set_language(
    db: Database, name: str, language: str | None, *, languages: tuple[str, ...],
    by: object | None = None, clock: Clock = utc_now,
) -> StaffMember:
    """The language the station and the desk speak to the account named ``name``: one of the
    site's ``languages``, or None (or ``SITE_LANGUAGE``) for the site's first. Admins (and the
    command line) set anyone's; a staff member sets their own with ``set_own_language``."""
    who = roles.require(roles.caller(by), roles.ADMIN, N_("change another account's language"))
    language = check_language(language, languages)
    now = clock()
    return db.write(lambda s: _write_language(s, _require(s, _clean_name(name)), language, who,
                                              now, db))


def set_own_language(
    db: Database, member: StaffMember, language: str | None, *, languages: tuple[str, ...],
    clock: Clock = utc_now,
) -> StaffMember:
    """``member`` changes the language the station speaks to them (any role may)."""
    who = roles.require(member, roles.REPORTS, N_("change their language"))
    language = check_language(language, languages)
    now = clock()

    def work(session: Session) -> StaffMember:
        row = session.get(Staff, member.id)
        if row is None:
            raise StaffError(_("this account no longer exists: ask an admin"))
        return _write_language(session, row, language, who, now, db)

    return db.write(work)


def _write_language(session: Session, row: Staff, language: str | None, who: object,
                    now: datetime, db: Database) -> StaffMember:
    if row.language != language:
        row.language = language
        audit.record(session, LANGUAGE_CHANGED, at=now, account=row.id,
                     language=language or SITE_LANGUAGE, **roles.audit_fields(who))
        session.flush()
    return _member(row, db)


# --- signing in and out ------------------------------------------------------------------------
def sign_in(
    db: Database,
    name: str,
    pin: str,
    *,
    actor: str = "peer",
    hasher: PinHasher | None = None,
    clock: Clock = utc_now,
    for_peer_work: bool = False,
) -> StaffMember:
    """The staff member with this name and PIN, or one of ``WrongPin``, ``AccountLocked``,
    ``AccountDisabled`` (and ``WrongRole`` when ``for_peer_work`` and the account is a
    prescriber's: the peer station and the kiosk's peer sign-in are not theirs).

    A try is counted against the name typed before its PIN is checked, in one write
    transaction holding the count's row (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite's
    write transaction holds the whole file): however many stations guess at once, no more
    PINs are checked than the count allows. Names with no account are counted, locked and
    checked (against a decoy hash) the same way. The check itself runs outside any
    transaction (it takes tens of milliseconds and must not hold the write lock)."""
    hasher = _hasher(hasher)
    now = clock()
    clean = " ".join(name.split()) if isinstance(name, str) else ""
    pin = pin if isinstance(pin, str) else ""
    key = _guard_key(clean)
    allowed, until, tries = _take_try(db, key, now)
    row = db.read(lambda s: _by_name(s, clean)) if clean else None
    if allowed and row is not None and STAFF_PIN.match(pin):
        right = hasher.verify(row.pin_hash, pin)
    else:
        hasher.verify_nothing(pin)  # the same work for a name no one has, or one locked
        right = False
    staff_id = row.id if row is not None else None
    if not allowed:
        _record_failure(db, staff_id, now, actor, "locked")
        raise AccountLocked(until)
    if not right:
        _count_failure(db, staff_id, now, actor, until, tries,
                       "wrong-pin" if row is not None else "unknown-name")
        if until is not None:
            raise AccountLocked(until)
        raise WrongPin()
    if row.disabled:
        _record_failure(db, row.id, now, actor, "disabled")
        raise AccountDisabled()
    if for_peer_work and row.role not in roles.PEER_WORK:
        _record_failure(db, row.id, now, actor, "role")
        raise WrongRole(row.role, N_("the peer station") if actor == "peer"
                            else N_("the kiosk's staff screens"))
    new_hash = hasher.hash(pin) if hasher.needs_rehash(row.pin_hash) else None

    def work(session: Session) -> None:
        # The right PIN gives back its own try; the wrong ones before it still count.
        session.execute(update(SignInGuard).where(SignInGuard.key == key, SignInGuard.tries > 0)
                        .values(tries=SignInGuard.tries - 1, locked_until=None))
        values: dict = {"failed_attempts": max(0, tries - 1), "locked_until": None}
        if new_hash:
            values["pin_hash"] = new_hash
        session.execute(update(Staff).where(Staff.id == row.id).values(**values))
        audit.record(session, SIGN_IN, at=now, actor=actor, staff_id=row.id)

    db.write(work)
    return _member(row, db)


def sign_out(
    db: Database, staff_id: int, *, reason: str = "asked", actor: str = "peer",
    clock: Clock = utc_now,
) -> None:
    """Note the end of a session: ``reason`` is ``asked``, ``idle`` or ``account`` (disabled
    or given another role meanwhile)."""
    now = clock()
    db.write(lambda s: audit.record(s, SIGN_OUT, at=now, actor=actor, staff_id=staff_id,
                                    reason=reason))


def _record_failure(db: Database, staff_id: int | None, now: datetime, actor: str,
                    reason: str) -> None:
    db.write(lambda s: audit.record(s, SIGN_IN_FAILED, at=now, actor=actor, staff_id=staff_id,
                                    reason=reason))


def _take_try(db: Database, key: str, now: datetime) -> tuple[bool, datetime | None, int]:
    """Count one try on the name's row, holding it: (False, until, tries) when it is locked;
    (True, until, tries) when this try may check a PIN, ``until`` set if this try locked it."""
    from decisionaid.services.profiles import UNTIL_UNLOCKED, guard_row

    def work(session: Session) -> tuple[bool, datetime | None, int]:
        guard = guard_row(session, key, now, None)
        if guard.locked_until is not None:
            return False, guard.locked_until, guard.tries
        guard.tries += 1
        if guard.tries >= LOCK_AFTER:
            guard.locked_until = UNTIL_UNLOCKED
        elif guard.tries % MAX_FAILURES == 0:
            guard.locked_until = now + LOCK_TIME
        return True, guard.locked_until, guard.tries

    return db.write(work)


def _count_failure(db: Database, staff_id: int | None, now: datetime, actor: str,
                   locked_until: datetime | None, tries: int, reason: str) -> None:
    """Audit a wrong PIN (its try is already counted), and the lock if this try set it; an
    account's row shows its count and lock to admins."""

    def work(session: Session) -> None:
        audit.record(session, SIGN_IN_FAILED, at=now, actor=actor, staff_id=staff_id,
                     reason=reason)
        if staff_id is None:
            return
        # Tries end in any order: a later one never takes back a count or a lock.
        values: dict = {"failed_attempts": case((Staff.failed_attempts < tries, tries),
                                                else_=Staff.failed_attempts)}
        if locked_until is not None:
            values["locked_until"] = locked_until
        session.execute(update(Staff).where(Staff.id == staff_id).values(**values))
        if locked_until is not None:
            audit.record(session, LOCKED, at=now, actor=actor, staff_id=staff_id,
                         minutes=int(LOCK_TIME.total_seconds() // 60))

    db.write(work)


# ``staff.list(db)`` reads naturally at call sites; defined last so nothing here shadows it.
list = list_staff
