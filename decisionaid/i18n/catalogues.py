"""The catalogues as files, with Babel: extract the English from the code into each domain's
template (``locale/DOMAIN.pot``), update every language's PO from it, compile PO to MO, and
count what a language leaves untranslated.

Used by ``make translations``, the build, ``decisionaid check`` and the tests; never by the
kiosk at start (it reads compiled catalogues through :mod:`gettext`, see
:func:`decisionaid.i18n.catalogue`). A domain is extracted from the code when it has a mapping
file ``decisionaid/i18n/babel/DOMAIN.cfg`` (which files, which call names, which comments):
adding one is all it takes to bring the ``report`` or ``messages`` domain into the toolchain.
"""

from __future__ import annotations

import contextlib
import io
import re
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

from decisionaid import __version__
from decisionaid.i18n import DOMAINS, PACKAGE_LOCALE_DIR, SOURCE_LANGUAGE, catalogue_files, po

MAPPINGS_DIR = Path(__file__).resolve().parent / "babel"
PROJECT_ROOT = Path(__file__).resolve().parents[2]
PROJECT = ("--project=decisionaid", f"--version={__version__}",
           "--copyright-holder=decisionaid contributors",
           "--msgid-bugs-address=https://github.com/decisionaid/decisionaid/issues")


def extracted_domains() -> list[str]:
    """The domains whose English is extracted from the code (each has a mapping file)."""
    return sorted(path.stem for path in MAPPINGS_DIR.glob("*.cfg"))


# The calls each domain's messages are written in; only these are extracted, so a screen word
# never lands in the messages' catalogue, nor a message in a screen's.
WORD_KEYWORDS = ("W:1c,2", "P:1c,2,3")  # kiosk_words.py, station_words.py: the key is the context
KEYWORDS = {
    "messages": ("_", "ngettext:1,2", "N_"),
    "report": ("_", "gettext", "ngettext:1,2", "pgettext:1c,2", "npgettext:1c,2,3"),
}


def template_path(domain: str) -> Path:
    return PACKAGE_LOCALE_DIR / f"{domain}.pot"


def _pybabel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])


def extract(domain: str, out: Path | None = None) -> Path:
    """Write the template of ``domain`` from the code (the shipped one unless ``out``)."""
    out = (out or template_path(domain)).resolve()
    before = out.read_text(encoding="utf-8") if out.is_file() else None
    with contextlib.chdir(PROJECT_ROOT):  # locations relative to the project, as translators see it
        keywords = [arg for k in KEYWORDS.get(domain, WORD_KEYWORDS) for arg in ("-k", k)]
        _pybabel("extract", "-F", str(MAPPINGS_DIR / f"{domain}.cfg"), "--no-default-keywords",
                 *keywords, "--add-location=file", "--sort-by-file", *PROJECT, "-o", str(out), ".")
    if before is not None and _undated(before) == _undated(out.read_text(encoding="utf-8")):
        out.write_text(before, encoding="utf-8")  # nothing new: no change to commit
    return out


def _undated(template: str) -> str:
    return re.sub(r'^"POT-Creation-Date: .*$', "", template, flags=re.M)


def update(domain: str) -> list[Path]:
    """Bring every shipped language's PO of ``domain`` up to the template: new messages come in
    untranslated, changed ones are kept but marked fuzzy, removed ones are kept as obsolete."""
    pos = sorted(PACKAGE_LOCALE_DIR.glob(f"*/LC_MESSAGES/{domain}.po"))
    if pos:
        _pybabel("update", "-D", domain, "-i", str(template_path(domain)),
                 "-d", str(PACKAGE_LOCALE_DIR), "--ignore-pot-creation-date")
    return pos


def read(path: Path) -> Catalog:
    """A PO, POT or MO file as a Babel catalogue."""
    with path.open("rb") as handle:
        return read_mo(handle) if path.suffix == ".mo" else read_po(handle, abort_invalid=True)


def message_ids(catalog: Catalog) -> set[tuple[str | None, object]]:
    """What a catalogue's messages are known by: (context, msgid or (singular, plural))."""
    return {(m.context, m.id) for m in catalog if m.id}


def is_template_current(domain: str) -> bool:
    """Whether the shipped template has exactly the messages the code has now."""
    with tempfile.TemporaryDirectory() as tmp:
        fresh = read(extract(domain, Path(tmp) / f"{domain}.pot"))
    shipped = template_path(domain)
    return shipped.is_file() and message_ids(fresh) == message_ids(read(shipped))


def compile_file(po: Path, mo: Path) -> None:
    """Compile one PO file to MO (fuzzy messages left out, as ``msgfmt`` does)."""
    catalog = read(po)
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    mo.parent.mkdir(parents=True, exist_ok=True)
    mo.write_bytes(out.getvalue())


@dataclass(frozen=True)
class Untranslated:
    """What ``language`` leaves in English in ``domain``: the keys (or English) of messages
    with no translation, fuzzy ones counted as untranslated, as the screens show them."""

    domain: str
    language: str
    total: int
    missing: tuple[str, ...]


def untranslated(domain: str, language: str) -> Untranslated | None:
    """The messages of ``domain``'s template that no catalogue of ``language`` (the site's, then
    the shipped one) translates; ``None`` when the domain has no template."""
    template = template_path(domain)
    if not template.is_file():
        return None
    done: set[str] = set()
    for path in catalogue_files(domain, language):
        # Read as the kiosk reads it (a broken file raises PoError, naming its line).
        done.update(po.read(path) if path.suffix == ".po" else _mo_keys(path))
    wanted = [m for m in read(template) if m.id]
    missing = tuple(m.context or (m.id if isinstance(m.id, str) else m.id[0])
                    for m in wanted if _key(m) not in done)
    return Untranslated(domain, language, len(wanted), missing)


def _key(message) -> str:
    """A message's key in a compiled catalogue (see :func:`decisionaid.i18n.po.read`)."""
    key = message.id if isinstance(message.id, str) else "\x00".join(message.id)
    return f"{message.context}\x04{key}" if message.context else key


def _mo_keys(path: Path) -> set[str]:
    return {_key(m) for m in read(path) if m.id and _has_string(m.string)}


def check_catalogues(languages: Iterable[str], site_dir: Path,
                     shown: int = 5) -> tuple[list[str], list[str]]:
    """What ``decisionaid check`` says of the site's languages: errors, one per catalogue that
    cannot be read (``FILE:LINE: ...``), and warnings, one per language and domain that leaves
    words in English (the file to edit, how many, the first few keys)."""
    errors, lines = [], []
    for language in languages:
        if language == SOURCE_LANGUAGE:
            continue
        for domain in DOMAINS:
            try:
                found = untranslated(domain, language)
            except (OSError, ValueError) as e:  # PoError, or Babel's on a broken .mo
                errors.append(str(e))
                continue
            if found is None or not found.missing:
                continue
            files = catalogue_files(domain, language)
            where = files[0] if files else site_dir / language / "LC_MESSAGES" / f"{domain}.po"
            n, more = len(found.missing), len(found.missing) - shown
            first = ", ".join(found.missing[:shown]) + (f" and {more} more" if more > 0 else "")
            lines.append(f"{where}: {n} of {found.total} {domain} words are not translated into "
                         f"'{language}' and show in English: {first}")
    return errors, lines


def _has_string(string: object) -> bool:
    if isinstance(string, (tuple, list)):
        return all(string)
    return bool(string)


def main(argv: list[str] | None = None) -> int:
    """``update``: what ``make translations`` runs; ``compile``: the shipped catalogues' MO
    files beside their PO (``make run``: a checkout starts as an installed kiosk does)."""
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["compile"]:
        for po in sorted(PACKAGE_LOCALE_DIR.glob("*/LC_MESSAGES/*.po")):
            compile_file(po, po.with_suffix(".mo"))
        return 0
    if args[:1] != ["update"]:
        print("usage: python -m decisionaid.i18n.catalogues update [DOMAIN ...] | compile",
              file=sys.stderr)
        return 2
    for domain in args[1:] or extracted_domains():
        if domain not in extracted_domains():
            print(f"{domain}: no mapping file {MAPPINGS_DIR / (domain + '.cfg')}; add one to "
                  "extract this domain", file=sys.stderr)
            return 2
        extract(domain)
        pos = update(domain)
        print(f"{domain}: {template_path(domain).relative_to(PROJECT_ROOT)} and "
              f"{len(pos)} language(s) updated")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
