"""Service-user profiles: create, sign in with first name + date of birth + PIN, staff resets.

A kiosk user learns no more than sign-in needs: an unknown name and a wrong PIN give the same
answer and take the same time. Five wrong PINs lock the profile for 15 minutes (the kiosk then
asks the user to see a peer worker); a staff member can reset the PIN, which also unlocks it.
Every failure is audit-logged, without the name tried.
"""

from __future__ import annotations

import secrets
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from decisionaid.errors import UserError
from decisionaid.services import audit
from decisionaid.services.clock import Clock, utc_now
from decisionaid.services.pins import PinHasher, valid_pin
from decisionaid.storage import Database
from decisionaid.storage.models import ServiceUser

MAX_FAILURES = 5
LOCK_TIME = timedelta(minutes=15)
NAME_MAX = 80


class ProfileError(UserError):
    """A profile detail that does not fit (empty name, PIN not 4 digits…): the message says."""


class UnknownProfile(UserError):
    def __init__(self, profile_id: int):
        super().__init__(f"there is no service-user profile with id {profile_id}")


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


@dataclass(frozen=True)
class SignIn:
    """``ok``: ``profile`` is set. ``no_match``: name, date of birth or PIN do not match (the
    kiosk cannot tell which). ``locked``: too many wrong PINs; see a peer worker."""

    status: Literal["ok", "no_match", "locked"]
    profile: Profile | None = None
    locked_until: datetime | None = None


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
    )


def _clean_name(first_name: object) -> str:
    if not isinstance(first_name, str) or not " ".join(first_name.split()):
        raise ProfileError("enter a first name or nickname")
    name = " ".join(first_name.split())
    if len(name) > NAME_MAX:
        raise ProfileError(f"a first name or nickname has at most {NAME_MAX} letters")
    return name


class ProfileService:
    def __init__(self, db: Database, *, hasher: PinHasher | None = None, clock: Clock = utc_now):
        self.db = db
        self.hasher = hasher or PinHasher()
        self.clock = clock

    # --- kiosk ----------------------------------------------------------------------------------
    def create(
        self,
        first_name: str,
        date_of_birth: date,
        pin: str,
        language: str,
        clinic_id: str | None = None,
    ) -> Profile:
        name = _clean_name(first_name)
        now = self.clock()
        if not isinstance(date_of_birth, date) or not (
            date(1900, 1, 1) <= date_of_birth <= now.date()
        ):
            raise ProfileError("enter a date of birth between 1900 and today")
        if not valid_pin(pin):
            raise ProfileError("a PIN is 4 digits")
        if not isinstance(language, str) or not language.isalpha() or not 2 <= len(language) <= 3:
            raise ProfileError(f"not a language code: {language!r}")
        clinic = clinic_id.strip() if isinstance(clinic_id, str) and clinic_id.strip() else None
        key = name_key(name)
        # Two people may share a name and a birthday, but not a PIN as well: sign-in could not
        # tell them apart. Saying so reveals nothing sign-in itself would not.
        for existing in self._candidates(key, date_of_birth):
            if self.hasher.verify(existing.pin_hash, pin):
                raise ProfileError("please choose a different PIN")
        pin_hash = self.hasher.hash(pin)

        def work(session: Session) -> Profile:
            row = ServiceUser(
                pseudonym=secrets.token_hex(16),
                first_name=name,
                name_key=key,
                date_of_birth=date_of_birth,
                clinic_id=clinic,
                language=language,
                pin_hash=pin_hash,
                failed_pin_attempts=0,
                created_at=now,
            )
            session.add(row)
            session.flush()
            audit.record(
                session, audit.PROFILE_CREATED, at=now, actor="kiosk", service_user_id=row.id
            )
            return _profile(row)

        return self.db.write(work)

    def sign_in(self, first_name: str, date_of_birth: date, pin: str) -> SignIn:
        key = name_key(first_name) if isinstance(first_name, str) else ""
        now = self.clock()
        candidates = self._candidates(key, date_of_birth) if key and valid_pin(pin) else []
        if not candidates:
            self.hasher.verify_nothing(pin if isinstance(pin, str) else "")
            self._failed(None, now, "no-match")
            return SignIn("no_match")
        # PINs are checked outside any transaction: a hash takes tens of milliseconds, and the
        # write lock must not wait on it.
        locked: list[ServiceUser] = []
        for row in candidates:
            if row.locked_until is not None and row.locked_until > now:
                locked.append(row)
                continue
            if self.hasher.verify(row.pin_hash, pin):
                return SignIn("ok", self._signed_in(row, pin, now))
        unlocked = [row for row in candidates if row not in locked]
        until = None
        for row in unlocked:
            until = self._failed(row.id, now, "wrong-pin") or until
        for row in locked:
            self._failed(row.id, now, "locked")
        lock_times = [r.locked_until for r in locked if r.locked_until] + ([until] if until else [])
        if lock_times:
            return SignIn("locked", locked_until=max(lock_times))
        return SignIn("no_match")

    # --- staff ----------------------------------------------------------------------------------
    def reset_pin(self, profile_id: int, new_pin: str, *, staff_id: int | None) -> None:
        """Set a new PIN (the user chooses it) and unlock the profile."""
        if not valid_pin(new_pin):
            raise ProfileError("a PIN is 4 digits")
        pin_hash = self.hasher.hash(new_pin)
        now = self.clock()

        def work(session: Session) -> None:
            done = session.execute(
                update(ServiceUser)
                .where(ServiceUser.id == profile_id)
                .values(pin_hash=pin_hash, failed_pin_attempts=0, locked_until=None)
            )
            if done.rowcount == 0:
                raise UnknownProfile(profile_id)
            audit.record(
                session,
                audit.PIN_RESET,
                at=now,
                actor="peer",
                staff_id=staff_id,
                service_user_id=profile_id,
            )

        self.db.write(work)

    def get(self, profile_id: int) -> Profile:
        row = self.db.read(lambda s: s.get(ServiceUser, profile_id))
        if row is None:
            raise UnknownProfile(profile_id)
        return _profile(row)

    def search(
        self, name: str, date_of_birth: date | None = None, limit: int = 50
    ) -> list[Profile]:
        """Profiles whose name starts with ``name`` (case and accents ignored), optionally with
        that date of birth; for the peer station only, never the kiosk."""
        key = name_key(name)
        if not key:
            return []
        # A range on the folded name, so the index serves the prefix search.
        upper = key[:-1] + chr(ord(key[-1]) + 1)
        query = (
            select(ServiceUser)
            .where(ServiceUser.name_key >= key, ServiceUser.name_key < upper)
            .order_by(ServiceUser.name_key, ServiceUser.date_of_birth, ServiceUser.id)
            .limit(limit)
        )
        if date_of_birth is not None:
            query = query.where(ServiceUser.date_of_birth == date_of_birth)
        return self.db.read(lambda s: [_profile(r) for r in s.scalars(query)])

    # --- internals ------------------------------------------------------------------------------
    def _candidates(self, key: str, date_of_birth: date) -> list[ServiceUser]:
        if not isinstance(date_of_birth, date):
            return []
        query = select(ServiceUser).where(
            ServiceUser.name_key == key, ServiceUser.date_of_birth == date_of_birth
        )
        return self.db.read(lambda s: list(s.scalars(query)))

    def _signed_in(self, row: ServiceUser, pin: str, now: datetime) -> Profile:
        new_hash = self.hasher.hash(pin) if self.hasher.needs_rehash(row.pin_hash) else None

        def work(session: Session) -> None:
            values: dict = {"failed_pin_attempts": 0, "locked_until": None}
            if new_hash:
                values["pin_hash"] = new_hash
            session.execute(update(ServiceUser).where(ServiceUser.id == row.id).values(**values))

        self.db.write(work)
        return _profile(row)

    def _failed(self, profile_id: int | None, now: datetime, reason: str) -> datetime | None:
        """Count a failure (and audit it); returns the lock time if this one locked the profile."""

        def work(session: Session) -> datetime | None:
            locked_until = None
            if profile_id is not None and reason == "wrong-pin":
                current = session.execute(
                    select(ServiceUser.failed_pin_attempts, ServiceUser.locked_until).where(
                        ServiceUser.id == profile_id
                    )
                ).one()
                # A lock that has run out starts the count again.
                expired = current.locked_until is not None and current.locked_until <= now
                failures = (0 if expired else current.failed_pin_attempts) + 1
                values: dict = {"failed_pin_attempts": failures}
                if expired:
                    values["locked_until"] = None
                if failures >= MAX_FAILURES:
                    locked_until = now + LOCK_TIME
                    values.update(failed_pin_attempts=0, locked_until=locked_until)
                session.execute(
                    update(ServiceUser).where(ServiceUser.id == profile_id).values(**values)
                )
            audit.record(
                session,
                audit.SIGN_IN_FAILED,
                at=now,
                actor="kiosk",
                service_user_id=profile_id,
                reason=reason,
            )
            if locked_until is not None:
                audit.record(
                    session,
                    audit.PROFILE_LOCKED,
                    at=now,
                    actor="kiosk",
                    service_user_id=profile_id,
                    minutes=int(LOCK_TIME.total_seconds() // 60),
                )
            return locked_until

        return self.db.write(work)


def count_profiles(db: Database) -> int:
    return db.read(lambda s: s.scalar(select(func.count()).select_from(ServiceUser)) or 0)
