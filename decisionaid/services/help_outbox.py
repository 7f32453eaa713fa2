"""Calls for a peer worker that must never be lost: "I'd like help", "I want to talk to someone
now", and a safety answer the database could not take.

A call is written to the kiosk's own disk first (``help-outbox.json`` in the data folder: 0600
in the 0700 folder, written whole to a fresh file, flushed to disk and renamed over the old
one; sealed with the database key, as backups are, wherever the database has one; removed
once nothing is left to deliver), then delivered; a call that cannot be delivered (the database is unreachable) stays on
disk and is delivered, oldest first and with the time it was raised, as soon as the database
answers again — also by the next kiosk process, if this one stops. Each call carries an id of
its own, so delivering it twice never makes two requests.

What the file holds is what the station needs and no more: the kind, the time, the kiosk's
name for the screen, the visit's number, and for a safety answer the question's id and the
option's code (never typed text, never a name).
"""

from __future__ import annotations

import contextlib
import json
import logging
import threading
import uuid
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from decisionaid import files
from decisionaid.errors import UserError
from decisionaid.services.clock import Clock, utc_now
from decisionaid.storage import sealed

if TYPE_CHECKING:
    from decisionaid.services.help import HelpRequests
    from decisionaid.services.visits import VisitService

log = logging.getLogger(__name__)

FILE_NAME = files.HELP_OUTBOX
SAFETY = "safety"
KINDS = ("help", "talk-now", SAFETY)


@dataclass(frozen=True)
class Call:
    """One call for a peer worker, as kept on disk until delivered."""

    kind: str  # help | talk-now | safety
    raised_at: datetime
    key: str = field(default_factory=lambda: str(uuid.uuid4()))
    screen: str = ""
    visit_id: int | None = None
    # A safety answer: the question and the option's code (what the station shows).
    questionnaire_id: str = ""
    item_id: str = ""
    value: Any = None

    def to_json(self) -> dict:
        data = asdict(self)
        data["raised_at"] = self.raised_at.isoformat()
        return data

    @classmethod
    def from_json(cls, data: dict) -> Call:
        fields = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        fields["raised_at"] = datetime.fromisoformat(data["raised_at"])
        if fields.get("kind") not in KINDS:
            raise ValueError(f"unknown kind of call {fields.get('kind')!r}")
        return cls(**fields)


class HelpOutbox:
    """Keeps calls on disk and delivers them in order. Safe to use from several threads."""

    def __init__(self, path: Path, help_requests: HelpRequests, visits: VisitService | None = None,
                 *, clock: Clock = utc_now, key: str | None = None):
        """``key``: the database key, which seals the file (None: a database kept plain by the
        clinic's choice, and the file with it)."""
        self.path = Path(path)
        self.help = help_requests
        self.visits = visits
        self.clock = clock
        self._key = key
        self._sealer: sealed.Sealer | None = None  # prepare(), or the first write: ~0.1 s
        self._lock = threading.Lock()  # the list and the file
        self._delivering = threading.Lock()  # one delivery at a time keeps the order
        self._calls: list[Call] = self._read()
        if self._calls and key and not sealed.is_sealed(self.path):
            with self._lock:
                self._write()  # kept before the database had a key: sealed from now on

    def prepare(self) -> None:
        """Derive the key that seals the file now (scrypt, about 0.1 s), so the first press of
        help does not wait for it: the kiosk calls this off the screen's thread once it is up."""
        if self._key:
            with self._lock:
                if self._sealer is None:
                    self._sealer = sealed.Sealer(self._key)

    @property
    def prepared(self) -> bool:
        """Whether the first call kept would be sealed without deriving a key first."""
        return not self._key or self._sealer is not None

    # --- keeping ----------------------------------------------------------------------------------
    def ask(self, kind: str, *, screen: str = "", visit_id: int | None = None) -> Call:
        """A help or talk-now press: kept on disk (before anything else) and returned; deliver
        it with ``deliver``."""
        return self.keep(Call(kind, self.clock(), screen=screen[:40], visit_id=visit_id))

    def keep_safety(self, visit_id: int, questionnaire_id: str, item_id: str, value: Any,
                    raised_at: datetime | None = None) -> Call:
        """A safety answer shown to the person but not stored: its flag is owed to the station."""
        return self.keep(Call(SAFETY, raised_at or self.clock(), visit_id=visit_id,
                              questionnaire_id=questionnaire_id, item_id=item_id, value=value))

    def keep(self, call: Call) -> Call:
        if call.kind not in KINDS:
            raise ValueError(f"unknown kind of call {call.kind!r}")
        with self._lock:
            self._calls.append(call)
            self._write()
        return call

    def pending(self) -> list[Call]:
        """Calls not yet delivered, oldest first."""
        with self._lock:
            return list(self._calls)

    def is_pending(self, key: str) -> bool:
        with self._lock:
            return any(c.key == key for c in self._calls)

    # --- delivering -------------------------------------------------------------------------------
    def deliver(self) -> list[Call]:
        """Deliver what is pending, oldest first; stop at the first that cannot be delivered
        (so none overtakes an older one). Returns the calls delivered now. Never raises."""
        done: list[Call] = []
        with self._delivering:
            for call in self.pending():
                try:
                    self._deliver(call)
                except Exception as e:  # the database is still away: try again later
                    log.info("a call for a peer worker is waiting to be delivered (%s)", type(e).__name__)
                    break
                with self._lock:
                    self._calls = [c for c in self._calls if c.key != call.key]
                    self._write()
                done.append(call)
        if done:
            log.info("delivered %d call(s) for a peer worker kept while the database was away", len(done))
        return done

    def _deliver(self, call: Call) -> None:
        from sqlalchemy.exc import IntegrityError

        if call.kind == SAFETY:
            if self.visits is None:
                raise RuntimeError("no visit service to deliver a safety answer to")
            try:
                self.visits.deliver_safety_flag(call.visit_id, call.questionnaire_id, call.item_id,
                                                call.value, call.raised_at)
            except (IntegrityError, UserError) as e:  # the visit was purged meanwhile
                log.warning("a kept safety answer could not be delivered: %s", type(e).__name__)
            return
        try:
            self.help.ask(screen=call.screen, visit_id=call.visit_id, kind=call.kind,
                          request_key=call.key, raised_at=call.raised_at)
        except IntegrityError:
            # The visit is gone (purged): the person still asked, so the request goes without it.
            self.help.ask(screen=call.screen, visit_id=None, kind=call.kind, request_key=call.key,
                          raised_at=call.raised_at)

    # --- the file ---------------------------------------------------------------------------------
    def _read(self) -> list[Call]:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return []
        except OSError as e:
            log.error("cannot read the kept calls for a peer worker %s: %s", self.path, e.strerror)
            return []
        try:
            if raw.startswith(sealed.MAGIC):
                if not self._key:
                    raise sealed.WrongKey("sealed, and no database key is set")
                raw = sealed.unseal_bytes(raw, self._key)
            return [Call.from_json(item) for item in json.loads(raw)]
        except (ValueError, TypeError, KeyError) as e:  # WrongKey and Tampered are ValueErrors
            # Kept aside, not thrown away: an admin can still read what was in it.
            aside = self.path.with_name(f"{self.path.name}.unreadable")
            log.error("the kept calls for a peer worker could not be read (%s); moved to %s",
                      type(e).__name__, aside)
            with contextlib.suppress(OSError):
                self.path.replace(aside)
            return []

    def _write(self) -> None:
        """The whole list, to a fresh file flushed to disk, then renamed over the old one. A
        disk that refuses leaves the calls in memory: they are still delivered, and logged."""
        try:
            if not self._calls:
                self.path.unlink(missing_ok=True)  # nothing kept, nothing on disk
                return
            data = json.dumps([c.to_json() for c in self._calls]).encode()
            if self._key:
                if self._sealer is None:
                    self._sealer = sealed.Sealer(self._key)
                data = self._sealer.seal_bytes(data)
            files.private_dir(self.path.parent)
            files.write_private(self.path, data)
        except (OSError, UserError) as e:
            log.error("could not keep a call for a peer worker on disk: %s", e)
