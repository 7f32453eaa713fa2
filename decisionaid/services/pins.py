"""PIN hashing (argon2id) for service-user profiles and staff accounts.

A 4-digit PIN has only 10,000 values, so no hash makes a stolen hash safe on its own: the
database is encrypted and sign-in locks after 5 failures. The hash keeps PINs out of plain
sight and makes each guess cost real work. The production parameters are OWASP's argon2id
recommendation (19 MiB, 2 passes, about 50 ms a check); ``PinHasher.fast()`` is for tests
only and is never chosen by configuration.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError
from argon2.low_level import hash_secret

PIN_PATTERN = re.compile(r"^[0-9]{4}$")


class PinHasher:
    def __init__(self, time_cost: int = 2, memory_cost_kib: int = 19456, parallelism: int = 1):
        self._hasher = PasswordHasher(
            time_cost=time_cost,
            memory_cost=memory_cost_kib,
            parallelism=parallelism,
            type=Type.ID,
        )
        # A hash to verify against when there is no account, so a miss takes as long as a hit:
        # the work of a check is set by the parameters the hash names, not by its digest, so
        # it is written out rather than computed (hashing would cost a check's time at start).
        self._decoy = (f"$argon2id$v=19$m={memory_cost_kib},t={time_cost},p={parallelism}"
                       f"${_b64(bytes(16))}${_b64(bytes(32))}")

    @classmethod
    def fast(cls) -> PinHasher:
        """Minimal cost, for tests: production hashes are still verified correctly."""
        return cls(time_cost=1, memory_cost_kib=8, parallelism=1)

    def hash(self, pin: str) -> str:
        return self._hasher.hash(pin)

    def hash_salted(self, pin: str, salt: str) -> str:
        """The hash of ``pin`` with a salt made from ``salt`` (e.g. a name and a date of birth):
        every profile sharing that salt is checked against one hash, so a sign-in costs the
        same work however many profiles share the details (see ``same``)."""
        h = self._hasher
        raw = hashlib.sha256(b"decisionaid-pin\x00" + salt.encode()).digest()[:16]
        return hash_secret(pin.encode(), raw, time_cost=h.time_cost, memory_cost=h.memory_cost,
                           parallelism=h.parallelism, hash_len=h.hash_len,
                           type=Type.ID).decode()

    @staticmethod
    def same(candidate: str, pin_hash: str) -> bool:
        """True when ``pin_hash`` is ``candidate`` (a ``hash_salted`` result), compared in
        constant time; a hash made with another salt or cost never is."""
        return hmac.compare_digest(candidate.encode(), (pin_hash or "").encode())

    def verify(self, pin_hash: str, pin: str) -> bool:
        try:
            return self._hasher.verify(pin_hash, pin)
        except (VerificationError, InvalidHashError):
            return False

    def verify_nothing(self, pin: str) -> None:
        """Spend the time a real check takes (for a name that has no profile)."""
        self.verify(self._decoy, pin)

    def needs_rehash(self, pin_hash: str) -> bool:
        return self._hasher.check_needs_rehash(pin_hash)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii").rstrip("=")


def valid_pin(pin: object) -> bool:
    return isinstance(pin, str) and bool(PIN_PATTERN.match(pin))
