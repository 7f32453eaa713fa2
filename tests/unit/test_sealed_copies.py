"""A sealed copy gives back exactly what went in, with its key only, and refuses any change:
a flipped bit, a chunk dropped, moved or added, a file cut short anywhere."""

from __future__ import annotations

import io

import pytest

from decisionaid.storage import sealed

KEY = "the clinic's database key"


@pytest.fixture(autouse=True)
def _small_chunks(monkeypatch):
    """4 KiB chunks, so a few kilobytes cross several chunk boundaries."""
    monkeypatch.setattr(sealed, "CHUNK", 4096)


def seal(data: bytes, key: str = KEY) -> bytes:
    out = io.BytesIO()
    sealed.seal(io.BytesIO(data), out, key)
    return out.getvalue()


def unseal(blob: bytes, key: str = KEY) -> bytes:
    return b"".join(sealed.unseal(io.BytesIO(blob), key))


@pytest.mark.parametrize("size", [0, 1, 4095, 4096, 4097, 3 * 4096, 3 * 4096 + 5])
def test_what_goes_in_comes_out(size):
    data = bytes(i % 251 for i in range(size))
    blob = seal(data)
    assert unseal(blob) == data
    # (A few bytes may turn up in random-looking output by chance; sixteen never do.)
    assert data[:64] not in blob[sealed.HEADER_SIZE:] or size < 16


def test_another_key_is_told_apart_from_a_change():
    blob = seal(b"x" * 10_000)
    with pytest.raises(sealed.WrongKey):
        unseal(blob, "another clinic's key")


def test_two_copies_of_the_same_data_share_nothing():
    assert seal(b"same") != seal(b"same")


@pytest.mark.parametrize("size", [4096 * 2, 4096 * 2 + 100])
def test_every_cut_is_refused(size):
    blob = seal(bytes(size))
    chunk = 4096 + sealed.TAG
    ends = {len(blob) - 1, len(blob) - sealed.TAG, sealed.HEADER_SIZE + chunk,
            sealed.HEADER_SIZE + 2 * chunk, sealed.HEADER_SIZE, sealed.HEADER_SIZE - 1, 10}
    for end in sorted(e for e in ends if 0 < e < len(blob)):
        with pytest.raises(sealed.Tampered):
            unseal(blob[:end])


def test_a_flipped_bit_a_moved_chunk_or_an_added_one_is_refused():
    blob = seal(bytes(range(256)) * 48)  # three chunks
    flipped = bytearray(blob)
    flipped[sealed.HEADER_SIZE + 5000] ^= 0x10
    chunk = 4096 + sealed.TAG
    head, body = blob[:sealed.HEADER_SIZE], blob[sealed.HEADER_SIZE:]
    first, second, rest = body[:chunk], body[chunk:2 * chunk], body[2 * chunk:]
    for changed in (bytes(flipped), head + second + first + rest, blob + first,
                    head + first + rest):
        with pytest.raises(sealed.Tampered):
            unseal(changed)


def test_a_changed_header_reads_as_another_key_or_a_broken_file():
    blob = bytearray(seal(b"data"))
    blob[len(sealed.MAGIC) + 10] ^= 0x01  # inside the salt
    with pytest.raises(sealed.WrongKey):
        unseal(bytes(blob))
    with pytest.raises(sealed.Tampered):
        unseal(b"not a sealed file at all")
