"""Sealed copies: every backup and kept copy the program writes, encrypted and authenticated.

A sealed file is a short header, then the payload (an SQLite file, a pg_dump archive) in 1 MiB
chunks, each encrypted with AES-256-GCM (the ``cryptography`` library). The key is derived from
the database key with scrypt and a random salt of the file's own, so no two files share a key
and a guessed passphrase costs the guesser real work. The chunks follow the STREAM construction
(a nonce prefix, the chunk's number and a last-chunk flag; the header as associated data), so a
chunk changed, moved, dropped or added, or a file cut short, is found when the file is read.

The header carries a check value made from the derived key: a wrong database key is told
apart from a file that was changed after it was written, and each is one line for the reader.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import os
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from decisionaid.i18n import _

MAGIC = b"decisionaid-seal"  # 16 bytes: what a sealed file starts with
VERSION = 1
CHUNK = 1 << 20
TAG = 16
SCRYPT_LOG_N, SCRYPT_R, SCRYPT_P = 15, 8, 1  # about 0.1 s and 32 MB, once per file
_FIXED = struct.Struct(">16sBBBBB16s7s")  # magic, version, log2 n, r, p, log2 chunk, salt, nonce
HEADER_SIZE = _FIXED.size + 32  # and the key check value


class WrongKey(ValueError):
    """The key given is not the key the file was sealed with."""


class Tampered(ValueError):
    """The file was changed, cut short or damaged after it was sealed."""


def is_sealed(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def _keys(key: str, salt: bytes, log_n: int, r: int, p: int) -> tuple[bytes, bytes]:
    derived = hashlib.scrypt(key.encode("utf-8"), salt=salt, n=1 << log_n, r=r, p=p,
                             maxmem=256 * 1024 * 1024, dklen=64)
    return derived[:32], derived[32:]


def _nonce(prefix: bytes, counter: int, last: bool) -> bytes:
    return prefix + struct.pack(">I", counter) + (b"\x01" if last else b"\x00")


def seal(source: BinaryIO, target: BinaryIO, key: str) -> int:
    """Read ``source`` to its end and write it sealed with ``key`` to ``target``; returns the
    number of payload bytes."""
    salt = os.urandom(16)
    return _seal(source, target, salt, _keys(key, salt, SCRYPT_LOG_N, SCRYPT_R, SCRYPT_P))


class Sealer:
    """Seals many small payloads with one key (a file rewritten often, such as the kiosk's
    kept calls for a peer worker): the costly key derivation is done once, for a salt of this
    sealer's own, and each payload still gets a random nonce of its own. What it writes is an
    ordinary sealed file, opened by ``unseal``."""

    def __init__(self, key: str):
        self._salt = os.urandom(16)
        self._keys = _keys(key, self._salt, SCRYPT_LOG_N, SCRYPT_R, SCRYPT_P)

    def seal_bytes(self, payload: bytes) -> bytes:
        out = io.BytesIO()
        _seal(io.BytesIO(payload), out, self._salt, self._keys)
        return out.getvalue()


def unseal_bytes(data: bytes, key: str) -> bytes:
    """The payload of a sealed file held in memory (raises ``WrongKey`` or ``Tampered``)."""
    return b"".join(unseal(io.BytesIO(data), key))


def _seal(source: BinaryIO, target: BinaryIO, salt: bytes, keys: tuple[bytes, bytes]) -> int:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    prefix = os.urandom(7)
    fixed = _FIXED.pack(MAGIC, VERSION, SCRYPT_LOG_N, SCRYPT_R, SCRYPT_P,
                        CHUNK.bit_length() - 1, salt, prefix)
    enc_key, mac_key = keys
    header = fixed + hmac.digest(mac_key, fixed, "sha256")
    target.write(header)
    aead = AESGCM(enc_key)
    counter, total = 0, 0
    chunk = _read_full(source, CHUNK)
    while True:
        following = _read_full(source, CHUNK) if len(chunk) == CHUNK else b""
        last = not following
        target.write(aead.encrypt(_nonce(prefix, counter, last), chunk, header))
        total += len(chunk)
        if last:
            return total
        chunk, counter = following, counter + 1
        if counter >= 1 << 32:
            raise ValueError(_("too large to seal"))


def _read_full(stream: BinaryIO, size: int) -> bytes:
    """``size`` bytes, or fewer only at the end (a pipe may hand over less at a time)."""
    parts, got = [], 0
    while got < size:
        part = stream.read(size - got)
        if not part:
            break
        parts.append(part)
        got += len(part)
    return b"".join(parts)


def unseal(source: BinaryIO, key: str) -> Iterator[bytes]:
    """The payload of the sealed ``source``, chunk by chunk, each proved before it is given.

    Raises ``WrongKey`` before the first chunk when ``key`` did not seal it, ``Tampered`` as
    soon as anything in it was changed (a caller writing the chunks somewhere must throw the
    partial result away)."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    header = _read_full(source, HEADER_SIZE)
    if len(header) < HEADER_SIZE or not header.startswith(MAGIC):
        raise Tampered(_("it is not a whole sealed file"))
    _magic, version, log_n, r, p, log_chunk, salt, prefix = _FIXED.unpack(header[:_FIXED.size])
    if version != VERSION:
        raise Tampered(_("it was sealed by another version of decisionaid (format {version})",
                         version=version))
    if not (10 <= log_n <= 20 and 1 <= r <= 32 and p == 1 and 12 <= log_chunk <= 24):
        raise Tampered(_("its header is broken"))
    enc_key, mac_key = _keys(key, salt, log_n, r, p)
    if not hmac.compare_digest(hmac.digest(mac_key, header[:_FIXED.size], "sha256"),
                               header[_FIXED.size:]):
        raise WrongKey(_("the key does not open it"))
    aead = AESGCM(enc_key)
    size = (1 << log_chunk) + TAG
    counter = 0
    chunk = _read_full(source, size)
    while True:
        following = _read_full(source, size) if len(chunk) == size else b""
        last = not following
        if len(chunk) < TAG:
            raise Tampered(_("it is cut short"))
        try:
            yield aead.decrypt(_nonce(prefix, counter, last), chunk, header)
        except InvalidTag:
            raise Tampered(_("it was changed or cut short after it was written")) from None
        if last:
            return
        chunk, counter = following, counter + 1


def seal_file(source: Path, target: Path, key: str) -> int:
    """Seal the file ``source`` into ``target`` (which the caller made private)."""
    with open(source, "rb") as src, open(target, "wb") as out:
        n = seal(src, out, key)
        out.flush()
        os.fsync(out.fileno())
    return n


def unseal_file(source: Path, target: Path, key: str) -> int:
    """Write the payload of ``source`` to ``target``; on any error ``target`` is emptied."""
    n = 0
    with open(source, "rb") as src, open(target, "wb") as out:
        try:
            for chunk in unseal(src, key):
                out.write(chunk)
                n += len(chunk)
        except BaseException:
            out.truncate(0)
            raise
    return n


def verify(source: Path, key: str) -> int:
    """Prove ``source`` opens with ``key`` and is whole, keeping nothing; its payload size."""
    with open(source, "rb") as src:
        return sum(len(chunk) for chunk in unseal(src, key))
