"""Service-user profiles: sign up and sign in with first name + date of birth + PIN, resets.

The kiosk's own sign-in and sign-up tell a stranger nothing (docs/privacy.md): whether a name +
date of birth exists, is paused, or has some other PIN, every answer, count and wait is the
same. Sign-up never compares PINs and never refuses details someone already has: it makes a
new profile, and two profiles may then be the same person (the peer station lists them as
possible duplicates, to merge). A sign-in checks every profile with the details against one
argon2 hash salted by the details, so it costs the same work for none, one or several; when
several have the PIN, the newest is the one signed in (a stranger who signs up with someone's
details and guesses their PIN lands in their own new, empty profile and learns nothing).

Wrong PINs are counted per name + date of birth, whether or not anyone has them, across
pauses and never forgiven by time or by a right PIN: every ``MAX_FAILURES`` pause sign-in for
``LOCK_TIME``, and ``LOCK_AFTER`` in all lock it until a peer worker unlocks it, in person.
Tries are also counted per kiosk. Each count is taken in one transaction holding its row, so
however many kiosks guess at once, no more PINs are checked than the counts allow. Every
failure is audit-logged against the profiles it aimed at, without the name tried.
"""

from __future__ import annotations

import hashlib
import secrets
import socket
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Literal

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from decisionaid.errors import UserError
from decisionaid.i18n import N_, _
from decisionaid.services import audit
from decisionaid.services.clock import Clock, utc_now
from decisionaid.services.pins import PinHasher, valid_pin
from decisionaid.storage import Database
from decisionaid.storage.models import ServiceUser, SignInGuard
from decisionaid.storage.repository import dialect_insert

MAX_FAILURES = 5
LOCK_TIME = timedelta(minutes=15)
# Wrong PINs on one name + date of birth, in all, before only a peer worker can unlock it: a
# stranger's chance of finding a 4-digit PIN is then 9 in 10,000, for good.
LOCK_AFTER = 9
# "Locked until a peer worker unlocks it", as a time no clock reaches.
UNTIL_UNLOCKED = datetime(9999, 1, 1, tzinfo=UTC)
# All the kiosk's own sign-ins and sign-ups together; past this it asks everyone to see a peer
# worker for a while (the peer-assisted sign-in still works).
KIOSK_MAX_TRIES = 20
KIOSK_WINDOW = timedelta(hours=1)
NAME_MAX = 80


class ProfileError(UserError):
    """A profile detail that does not fit (empty name, PIN not 4 digits…): the message says."""


class UnknownProfile(UserError):
    def __init__(self, profile_id: int):
        super().__init__(_("there is no service-user profile with id {profile_id}",
                           profile_id=profile_id))


@dataclass(frozen=True)
class Profile:
    id: int
    pseudonym: str
    first_name: str
    date_of_birth: date
    clinic_id: str | None
    language: str
    locked_until: datetime | None
    created_at: datetime
    pending: bool = False
    must_choose_pin: bool = False


@dataclass(frozen=True)
class SignIn:
    """``ok``: ``profile`` is set. ``no_match``: the details or the PIN do not match (the kiosk
    cannot tell which). ``locked``: too many tries on these details or at this kiosk, whether or
    not anyone has them; see a peer worker. ``ambiguous`` (peer-assisted only): several people
    have these details, so their PIN is needed."""

    status: Literal["ok", "no_match", "locked", "ambiguous"]
    profile: Profile | None = None
    locked_until: datetime | None = None

    @property
    def held(self) -> bool:
        """Locked until a peer worker unlocks it (not a pause that runs out)."""
        return self.locked_until is not None and self.locked_until >= UNTIL_UNLOCKED


def name_key(name: str) -> str:
    """The name as search compares it: no accents, case folded, single spaces."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def _profile(row: ServiceUser) -> Profile:
    return Profile(
        row.id,
        row.pseudonym,
        row.first_name,
        row.date_of_birth,
        row.clinic_id,
        row.language,
        row.locked_until,
        row.created_at,
        bool(row.pending),
        bool(row.must_choose_pin),
    )


def _clean_name(first_name: object) -> str:
    if not isinstance(first_name, str) or not " ".join(first_name.split()):
        raise ProfileError(_("enter a first name or nickname"))
    name = " ".join(first_name.split())
    if len(name) > NAME_MAX:
        raise ProfileError(_("a first name or nickname has at most {limit} letters",
                             limit=NAME_MAX))
    return name


def details_key(key: str, date_of_birth: date) -> str:
    """The guard row for a name + date of birth: a hash, so the table names no one."""
    digest = hashlib.sha256(f"{key}\x00{date_of_birth.isoformat()}".encode()).hexdigest()
    return f"who:{digest}"


@dataclass(frozen=True)
class _Try:
    allowed: bool  # False: these details or this kiosk are paused; nothing may be checked
    locked_until: datetime | None  # the pause, if there is one (or this try started it)
    tries: int  # on these details, this one included


def guard_row(session: Session, key: str, now: datetime, window: timedelta | None) -> SignInGuard:
    """The guard row for ``key``, made if missing and locked for this transaction (a row lock
    on PostgreSQL; SQLite's write transaction already holds the whole database). With a
    ``window`` the count starts again when it, or a pause, has run out; without one (a name +
    date of birth) only the pause ends, and the count goes on."""
    dialect = session.get_bind().dialect.name
    row = None
    while row is None:  # a sign-up may clear out a stale row between these two statements
        session.execute(
            dialect_insert(dialect, SignInGuard).values(key=key, tries=0, started_at=now).on_conflict_do_nothing()
        )
        row = session.scalars(
            select(SignInGuard).where(SignInGuard.key == key).with_for_update()
        ).one_or_none()
    lock_over = row.locked_until is not None and row.locked_until <= now
    if window is None:
        if lock_over:
            row.locked_until = None
    elif lock_over or (row.locked_until is None and row.started_at + window <= now):
        row.tries, row.started_at, row.locked_until = 0, now, None
    return row


def pin_salt(key: str, date_of_birth: date) -> str:
    """What a profile's PIN hash is salted with: its folded name and date of birth."""
    return f"{key}\x00{date_of_birth.isoformat()}"


def newest_match(hasher: PinHasher, rows: list[ServiceUser], salt: str, pin: str, *,
                 checked: bool) -> tuple[ServiceUser, str | None] | None:
    """The newest profile among ``rows`` whose PIN is ``pin`` (and its hash to store, if it
    was made the older way), always with the same work: one hash salted by the details
    (``salt``), which every newer profile is compared against, and one full check per
    older-style hash (or a decoy check when there is none). ``checked`` False: the same work
    against no one's hash, and no match. A PIN a peer worker reset is never tried here."""
    candidate = hasher.hash_salted(pin, salt)
    if not checked:  # paused: the same work, against nothing of anyone's
        hasher.verify_nothing(pin)
        return None
    prefix = candidate.rsplit("$", 1)[0]
    usable = [r for r in rows if not r.must_choose_pin]
    older = [r for r in usable if (r.pin_hash or "").rsplit("$", 1)[0] != prefix]
    found = [r for r in usable if r not in older and hasher.same(candidate, r.pin_hash)]
    found += [r for r in older if hasher.verify(r.pin_hash, pin)]
    if not older:
        hasher.verify_nothing(pin)
    if not found:
        return None
    newest = max(found, key=lambda r: r.id)
    return newest, (candidate if newest in older else None)


def _lock_profiles(session: Session, targets: list[int], attempt: _Try, now: datetime) -> None:
    """Show a pause or lock on the profiles a try aimed at (the peer station reads it)."""
    session.execute(
        update(ServiceUser).where(ServiceUser.id.in_(targets))
        .values(failed_pin_attempts=attempt.tries, locked_until=attempt.locked_until)
    )
    for target in targets:
        audit.record(session, audit.PROFILE_LOCKED, at=now, actor="kiosk",
                     service_user_id=target, minutes=int(LOCK_TIME.total_seconds() // 60))


class ProfileService:
    def __init__(
        self,
        db: Database,
        *,
        hasher: PinHasher | None = None,
        clock: Clock = utc_now,
        kiosk_id: str | None = None,
    ):
        self.db = db
        self.hasher = hasher or PinHasher()
        self.clock = clock
        kiosk = kiosk_id or socket.gethostname()
        self.kiosk_key = "kiosk:" + hashlib.sha256(kiosk.encode()).hexdigest()[:40]

    # --- the kiosk, on the person's own ---------------------------------------------------------
    def sign_up(
        self,
        first_name: str,
        date_of_birth: date,
        pin: str,
        language: str,
        clinic_id: str | None = None,
    ) -> SignIn:
        """A new profile, and ``ok`` with it; or ``locked`` when these details or this kiosk are
        paused or locked. Neither the answer nor the work done depends on whether someone
        already has these details: if they do, this is one more profile with them."""
        name, clinic = self._check_new(first_name, date_of_birth, pin, language, clinic_id)
        key, now = name_key(name), self.clock()
        attempt = self._take_try(details_key(key, date_of_birth), now, count=False)
        # Hashed before the answer is known, so a refusal takes as long as a sign-up.
        pin_hash = self.hasher.hash_salted(pin, pin_salt(key, date_of_birth))
        if not attempt.allowed:
            self._record_failures(self._ids(key, date_of_birth), now, "paused-sign-up", None)
            return SignIn("locked", locked_until=attempt.locked_until)

        def work(session: Session) -> Profile:
            others = list(session.scalars(self._same_details(key, date_of_birth, ServiceUser.id)))
            row = self._new_row(name, key, date_of_birth, clinic, language, pin_hash, now)
            session.add(row)
            session.flush()
            audit.record(session, audit.PROFILE_CREATED, at=now, actor="kiosk",
                         service_user_id=row.id)
            for other in others:  # a possible duplicate: the peer station lists it
                audit.record(session, audit.SIGN_UP_SAME_DETAILS, at=now, actor="kiosk",
                             service_user_id=other, pending_profile=row.id)
            # Every sign-up that is made gives its try back, whether or not the details were
            # someone's, so the kiosk's count tells nothing about who is a client.
            self._give_back_kiosk_try(session)
            # Rows that count nothing and pause nothing say nothing.
            session.execute(
                delete(SignInGuard).where(
                    SignInGuard.tries <= 0,
                    (SignInGuard.locked_until.is_(None)) | (SignInGuard.locked_until < now),
                )
            )
            return _profile(row)

        return SignIn("ok", self.db.write(work))

    def sign_in(self, first_name: str, date_of_birth: date, pin: str) -> SignIn:
        """``ok`` with the profile, ``no_match`` or ``locked``: the same answers, counts and
        work whether or not anyone has these details (see the module docstring)."""
        key = name_key(first_name) if isinstance(first_name, str) else ""
        now = self.clock()
        if not key or not isinstance(date_of_birth, date) or not valid_pin(pin):
            # The kiosk's screens never send these; nothing to count them against.
            self.hasher.verify_nothing(pin if isinstance(pin, str) else "")
            return SignIn("no_match")
        attempt = self._take_try(details_key(key, date_of_birth), now)
        rows = self._rows(key, date_of_birth)
        targets = [r.id for r in rows]
        match = newest_match(self.hasher, rows, pin_salt(key, date_of_birth), pin,
                             checked=attempt.allowed)
        if not attempt.allowed:
            self._record_failures(targets, now, "paused", None)
            return SignIn("locked", locked_until=attempt.locked_until)
        if match is not None:
            row, new_hash = match
            return SignIn("ok", self._signed_in(row, new_hash, date_of_birth, now))
        self._record_failures(targets, now, "wrong-pin", attempt)
        if attempt.locked_until is not None:
            return SignIn("locked", locked_until=attempt.locked_until)
        return SignIn("no_match")

    # --- the kiosk, with a peer worker ----------------------------------------------------------
    def peer_find(self, first_name: str, date_of_birth: date, *, staff_id: int | None) -> SignIn:
        """For a signed-in peer worker at the kiosk: ``ok`` when exactly one person has this
        name and date of birth, ``ambiguous`` when several do (their PIN tells them apart),
        ``no_match`` when no one does. (A profile an earlier version kept *pending* becomes the
        person's here.)"""
        self._check_peer(staff_id)
        key = name_key(first_name) if isinstance(first_name, str) else ""
        rows = self._rows(key, date_of_birth) if key else []
        if len(rows) > 1:
            return SignIn("ambiguous")
        if not rows:
            return SignIn("no_match")
        return SignIn("ok", self._peer_signed_in(rows[0], staff_id, self.clock()))

    def peer_sign_in(
        self, first_name: str, date_of_birth: date, pin: str, *, staff_id: int | None
    ) -> SignIn:
        """For a peer worker when several people share the details: the one with this PIN
        Tries count against the details as the kiosk's own do."""
        self._check_peer(staff_id)
        key = name_key(first_name) if isinstance(first_name, str) else ""
        now = self.clock()
        if not key or not isinstance(date_of_birth, date) or not valid_pin(pin):
            return SignIn("no_match")
        attempt = self._take_try(details_key(key, date_of_birth), now, kiosk=False)
        rows = self._rows(key, date_of_birth)
        if not attempt.allowed:
            self._record_failures([r.id for r in rows], now, "paused", None)
            return SignIn("locked", locked_until=attempt.locked_until)
        # Someone whose PIN was reset cannot be told apart by it; two people with the same
        # details and the same PIN (a sign-up with someone's details) neither: the station can.
        matches = [r for r in rows if not r.must_choose_pin and self.hasher.verify(r.pin_hash, pin)]
        if len(matches) > 1:
            return SignIn("ambiguous")
        if matches:
            return SignIn("ok", self._peer_signed_in(matches[0], staff_id, now))
        self._record_failures([r.id for r in rows], now, "wrong-pin", attempt)
        if attempt.locked_until is not None:
            return SignIn("locked", locked_until=attempt.locked_until)
        return SignIn("no_match")

    def choose_pin(self, profile_id: int, pin: str, *, staff_id: int | None) -> Profile:
        """The person's new PIN, typed at the kiosk while a peer worker is with them (after a
        reset, or when their first one is also another's with the same details)."""
        self._check_peer(staff_id)
        if not valid_pin(pin):
            raise ProfileError(_("a PIN is 4 digits"))
        row = self.db.read(lambda s: s.get(ServiceUser, profile_id))
        if row is None:
            raise UnknownProfile(profile_id)
        # A peer worker is there, so saying a PIN is taken tells a stranger nothing.
        for other in self._rows(row.name_key, row.date_of_birth):
            if other.id != row.id and self.hasher.verify(other.pin_hash, pin):
                raise ProfileError(_("please choose a different PIN"))
        pin_hash = self.hasher.hash_salted(pin, pin_salt(row.name_key, row.date_of_birth))
        now = self.clock()

        def work(session: Session) -> Profile:
            session.execute(
                update(ServiceUser).where(ServiceUser.id == profile_id).values(
                    pin_hash=pin_hash, must_choose_pin=False, pending=False,
                    failed_pin_attempts=0, locked_until=None,
                )
            )
            audit.record(session, audit.PIN_CHOSEN, at=now, actor="kiosk", staff_id=staff_id,
                         service_user_id=profile_id)
            return _profile(session.get(ServiceUser, profile_id))

        return self.db.write(work)

    def create(
        self,
        first_name: str,
        date_of_birth: date,
        pin: str,
        language: str,
        clinic_id: str | None = None,
        *,
        staff_id: int | None = None,
    ) -> Profile:
        """A profile made with a peer worker present (or by a test): two people may share a
        name and a birthday, but not a PIN as well, and saying so to the peer is safe."""
        self._check_peer(staff_id)
        name, clinic = self._check_new(first_name, date_of_birth, pin, language, clinic_id)
        key, now = name_key(name), self.clock()
        for existing in self._rows(key, date_of_birth):
            if self.hasher.verify(existing.pin_hash, pin):
                raise ProfileError(_("please choose a different PIN"))
        pin_hash = self.hasher.hash_salted(pin, pin_salt(key, date_of_birth))

        def work(session: Session) -> Profile:
            row = self._new_row(name, key, date_of_birth, clinic, language, pin_hash, now)
            session.add(row)
            session.flush()
            audit.record(session, audit.PROFILE_CREATED, at=now, actor="kiosk",
                         staff_id=staff_id, service_user_id=row.id)
            return _profile(row)

        return self.db.write(work)

    # --- staff ----------------------------------------------------------------------------------
    def reset_pin(self, profile_id: int, *, by) -> Profile:
        """A peer worker or admin (``by``, a signed-in ``StaffMember``) resets a forgotten PIN:
        the old one stops working, the pause on the person's details ends, and the person
        chooses a new PIN at the kiosk the next time a peer worker signs them in."""
        from decisionaid.services import roles

        roles.require(by, roles.PEER_WORK, N_("reset a PIN"))
        now = self.clock()

        def work(session: Session) -> Profile:
            row = session.get(ServiceUser, profile_id)
            if row is None:
                raise UnknownProfile(profile_id)
            row.must_choose_pin = True
            row.failed_pin_attempts = 0
            row.locked_until = None
            session.execute(
                delete(SignInGuard).where(
                    SignInGuard.key == details_key(row.name_key, row.date_of_birth)
                )
            )
            audit.record(session, audit.PIN_RESET, at=now, actor="peer", staff_id=by.id,
                         service_user_id=profile_id)
            session.flush()
            return _profile(row)

        return self.db.write(work)

    def unlock(self, profile_id: int, *, by) -> Profile:
        """A peer worker or admin, with the person in front of them, lifts the pause or lock on
        their name and date of birth: the count of wrong PINs starts again, the PIN stays."""
        from decisionaid.services import roles

        roles.require(by, roles.PEER_WORK, N_("unlock a person's sign-in"))
        now = self.clock()

        def work(session: Session) -> Profile:
            row = session.get(ServiceUser, profile_id)
            if row is None:
                raise UnknownProfile(profile_id)
            row.failed_pin_attempts = 0
            row.locked_until = None
            session.execute(delete(SignInGuard).where(
                SignInGuard.key == details_key(row.name_key, row.date_of_birth)))
            audit.record(session, audit.PROFILE_UNLOCKED, at=now, actor="peer", staff_id=by.id,
                         service_user_id=profile_id)
            session.flush()
            return _profile(row)

        return self.db.write(work)

    def get(self, profile_id: int) -> Profile:
        row = self.db.read(lambda s: s.get(ServiceUser, profile_id))
        if row is None:
            raise UnknownProfile(profile_id)
        return _profile(row)

    # --- internals ------------------------------------------------------------------------------
    def _check_peer(self, staff_id: int | None) -> None:
        """Finding people at the kiosk is peer work: a prescriber's account may not."""
        if staff_id is None:
            return  # the kiosk's own staff check stood in (tests, a site without accounts)
        from decisionaid.services import roles, staff

        roles.require(staff.get(self.db, staff_id), roles.PEER_WORK, N_("sign people in"))

    def _check_new(self, first_name, date_of_birth, pin, language, clinic_id):
        name = _clean_name(first_name)
        if not isinstance(date_of_birth, date) or not (
            date(1900, 1, 1) <= date_of_birth <= self.clock().date()
        ):
            raise ProfileError(_("enter a date of birth between 1900 and today"))
        if not valid_pin(pin):
            raise ProfileError(_("a PIN is 4 digits"))
        if not isinstance(language, str) or not language.isalpha() or not 2 <= len(language) <= 3:
            raise ProfileError(_("not a language code: {language!r}", language=language))
        clinic = clinic_id.strip() if isinstance(clinic_id, str) and clinic_id.strip() else None
        return name, clinic

    @staticmethod
    def _new_row(name, key, date_of_birth, clinic, language, pin_hash, now) -> ServiceUser:
        return ServiceUser(
            pseudonym=secrets.token_hex(16), first_name=name, name_key=key,
            date_of_birth=date_of_birth, clinic_id=clinic, language=language,
            pin_hash=pin_hash, failed_pin_attempts=0, created_at=now,
            pending=False, must_choose_pin=False,
        )

    @staticmethod
    def _same_details(key: str, date_of_birth: date, *columns):
        return select(*(columns or (ServiceUser,))).where(
            ServiceUser.name_key == key, ServiceUser.date_of_birth == date_of_birth
        ).order_by(ServiceUser.id)

    def _rows(self, key: str, date_of_birth: date) -> list[ServiceUser]:
        if not isinstance(date_of_birth, date):
            return []
        query = self._same_details(key, date_of_birth)
        return self.db.read(lambda s: list(s.scalars(query)))

    def _ids(self, key: str, date_of_birth: date) -> list[int]:
        return [r.id for r in self._rows(key, date_of_birth)]

    def _take_try(self, guard_key: str, now: datetime, *, kiosk: bool = True,
                  count: bool = True) -> _Try:
        """Count one try, before any PIN is checked, on these details (``count``; a sign-up
        only looks at their pause) and this kiosk, in one write transaction holding their rows:
        concurrent tries queue, and none reads a stale count. The try that reaches a limit
        starts the pause, or the lock; a right PIN gives its own try back."""

        def work(session: Session) -> _Try:
            details = guard_row(session, guard_key, now, None)
            guards = [details]
            if kiosk:
                guards.append(guard_row(session, self.kiosk_key, now, KIOSK_WINDOW))
            paused = [g.locked_until for g in guards if g.locked_until is not None]
            if paused:
                return _Try(False, max(paused), details.tries)
            if count:
                details.tries += 1
                if details.tries >= LOCK_AFTER:
                    details.locked_until = UNTIL_UNLOCKED
                elif details.tries % MAX_FAILURES == 0:
                    details.locked_until = now + LOCK_TIME
            if kiosk:
                guards[1].tries += 1
                if guards[1].tries >= KIOSK_MAX_TRIES:
                    guards[1].locked_until = now + LOCK_TIME
            return _Try(True, details.locked_until, details.tries)

        return self.db.write(work)

    def _signed_in(self, row: ServiceUser, new_hash: str | None, date_of_birth: date,
                   now: datetime) -> Profile:
        def work(session: Session) -> None:
            if new_hash:
                session.execute(update(ServiceUser).where(ServiceUser.id == row.id)
                                .values(pin_hash=new_hash))
            # The right PIN gives back its own try (and any pause it started); the wrong ones
            # before it still count (see the module docstring). The kiosk's count gives it back
            # too, so signing in often never pauses a kiosk.
            session.execute(
                update(SignInGuard)
                .where(SignInGuard.key == details_key(row.name_key, date_of_birth),
                       SignInGuard.tries > 0)
                .values(tries=SignInGuard.tries - 1, locked_until=None)
            )
            self._give_back_kiosk_try(session)

        self.db.write(work)
        return _profile(row)

    def _give_back_kiosk_try(self, session: Session) -> None:
        """A sign-in or sign-up that went through no longer counts against this kiosk: its
        limit is for guessing, and a busy clinic signs many people in and up in an hour."""
        session.execute(
            update(SignInGuard)
            .where(SignInGuard.key == self.kiosk_key, SignInGuard.tries > 0,
                   SignInGuard.locked_until.is_(None))
            .values(tries=SignInGuard.tries - 1)
        )

    def _peer_signed_in(
        self, row: ServiceUser, staff_id: int | None, now: datetime
    ) -> Profile:
        """Audit the peer-assisted sign-in; a profile an earlier version kept *pending* becomes
        the person's own here (a peer worker has seen them, in person), and the count on their
        details ends."""

        def work(session: Session) -> Profile:
            current = session.get(ServiceUser, row.id)
            if current is None:
                raise UnknownProfile(row.id)
            current.pending = False
            current.failed_pin_attempts = 0
            current.locked_until = None
            # A peer worker is with the person: their details' count starts again.
            session.execute(
                delete(SignInGuard).where(
                    SignInGuard.key == details_key(current.name_key, current.date_of_birth)
                )
            )
            audit.record(session, audit.PEER_SIGN_IN, at=now, actor="kiosk", staff_id=staff_id,
                         service_user_id=row.id)
            session.flush()
            return _profile(current)

        return self.db.write(work)

    def _record_failures(
        self, targets: list[int], now: datetime, reason: str, attempt: _Try | None
    ) -> None:
        """Audit a refused try against every profile it aimed at (or none, for details no one
        has); if the try started a pause, the profiles show it at the peer station."""

        def work(session: Session) -> None:
            for target in targets or [None]:
                audit.record(session, audit.SIGN_IN_FAILED, at=now, actor="kiosk",
                             service_user_id=target, reason=reason)
            if attempt is not None and attempt.locked_until is not None and targets:
                _lock_profiles(session, targets, attempt, now)
            elif attempt is not None and targets:
                session.execute(
                    update(ServiceUser).where(ServiceUser.id.in_(targets))
                    .values(failed_pin_attempts=attempt.tries)
                )

        self.db.write(work)

