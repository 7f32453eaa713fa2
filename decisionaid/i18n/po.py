"""Reading a PO file into a gettext catalogue without Babel, so a kiosk that starts from a source
checkout or from a clinic's fresh ``.po`` does not pay for importing Babel (about 15 ms) and its
general reader.

Only what a catalogue needs is read: the header, ``msgctxt``, ``msgid``, ``msgid_plural``,
``msgstr`` and ``msgstr[N]``, with continued lines and C escapes. Fuzzy and obsolete entries are
left out, and so is an entry with no translation, as ``msgfmt`` does. A line that is none of
these is an error naming the file and line.
"""

from __future__ import annotations

import gettext
import io
import re
import struct
from pathlib import Path

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b",
            "f": "\f", "v": "\v"}
_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+"(.*)"\s*$')
_CONTINUED = re.compile(r'^"(.*)"\s*$')


class PoError(ValueError):
    """A PO file that cannot be read, as ``FILE:LINE: what``."""


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), text)


def read(path: Path) -> dict[str, str]:
    """The translated messages of the PO file at ``path``, keyed as in a ``.mo`` file:
    ``context\\x04msgid`` (``\\x00msgid_plural`` for a counted one) to the translation (its
    forms joined by ``\\x00``); the header under ``""``."""
    messages: dict[str, str] = {}
    entry: dict[str, str] = {}
    forms: dict[int, str] = {}
    fuzzy = False
    field: tuple[str, int | None] | None = None  # the one a continued line adds to

    def finish() -> None:
        nonlocal entry, forms, fuzzy, field
        if "msgid" in entry and (not fuzzy or entry["msgid"] == ""):  # a header even if fuzzy
            key = entry["msgid"]
            if "msgid_plural" in entry:
                key += "\x00" + entry["msgid_plural"]
                text = "\x00".join(forms[i] for i in sorted(forms))
                done = bool(forms) and all(forms.values())
            else:
                text = entry.get("msgstr", "")
                done = bool(text)
            if "msgctxt" in entry:
                key = entry["msgctxt"] + "\x04" + key
            if done or key == "":
                messages[key] = text
        entry, forms, fuzzy, field = {}, {}, False, None

    def translated() -> bool:  # the current entry has its msgstr: what comes next is another
        return "msgstr" in entry or bool(forms)

    for number, raw in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1):
        line = raw.strip()
        if not line:
            if entry:
                finish()
            continue
        if line.startswith("#"):
            if translated():
                finish()
            if line.startswith("#,") and "fuzzy" in line[2:].replace(",", " ").split():
                fuzzy = True
            continue
        keyword = _KEYWORD.match(line)
        if keyword:
            name, index, text = keyword.group(1), keyword.group(2), _unescape(keyword.group(3))
            if name in ("msgctxt", "msgid") and translated():
                finish()
            if index is not None:
                forms[int(index)] = text
                field = ("msgstr", int(index))
            else:
                entry[name] = text
                field = (name, None)
            continue
        more = _CONTINUED.match(line)
        if more and field is not None:
            text = _unescape(more.group(1))
            if field[1] is not None:
                forms[field[1]] += text
            else:
                entry[field[0]] += text
            continue
        raise PoError(f"{path}:{number}: not a line of a PO file: {line[:60]!r}; "
                      "open it in a PO editor (Poedit) or check its quotes")
    finish()
    return messages


def to_mo(messages: dict[str, str]) -> bytes:
    """The ``.mo`` bytes of ``messages`` (as :func:`read` gives them), as ``msgfmt`` writes."""
    keys = sorted(messages)
    ids = [k.encode("utf-8") for k in keys]
    strs = [messages[k].encode("utf-8") for k in keys]
    header = 7 * 4
    ids_table, strs_table = header, header + len(keys) * 8
    data = strs_table + len(keys) * 8
    offsets, blob = [], b""
    for raw in ids:
        offsets.append((len(raw), data + len(blob)))
        blob += raw + b"\0"
    for raw in strs:
        offsets.append((len(raw), data + len(blob)))
        blob += raw + b"\0"
    out = struct.pack("Iiiiiii", 0x950412DE, 0, len(keys), ids_table, strs_table, 0, 0)
    out += b"".join(struct.pack("ii", *o) for o in offsets)
    return out + blob


def load(path: Path) -> gettext.GNUTranslations:
    """The PO file at ``path`` as a gettext catalogue (plural rule from its header)."""
    return gettext.GNUTranslations(io.BytesIO(to_mo(read(path))))
