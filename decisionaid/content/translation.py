"""Content texts out to a PO file for translators, and their translations back into the content.

``export_catalog`` makes a Babel catalogue with one entry per text a person sees (see
``texts``): the site's first language as ``msgid`` (the language the clinic writes its content
in, which every text must have), the text's location id as ``msgctxt``, ``#:`` its file and
line, a translator's comment saying what the text is, and the text already in the target
language, if any, as ``msgstr``.

``plan_import`` works out what a translated catalogue changes without touching the content:
the new text of each YAML file (edited in place, see ``yamledit``) and the new caption and
transcript files. Fuzzy entries are not taken, nor entries whose ``msgid`` is no longer the
text at their location (its source changed since the export), nor locations that no longer
exist; each is reported.
"""

from __future__ import annotations

import os
import tempfile
import textwrap
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from decisionaid import __version__
from decisionaid.content.emphasis import unclosed
from decisionaid.content.texts import ContentText, child, compose, content_texts, read_cues
from decisionaid.content.yamledit import Edit, apply, set_language
from decisionaid.i18n import _

PROJECT = "decisionaid content"
# A caption is wrapped to at least this many characters a line (or its source's longest line).
CAPTION_WIDTH = 32


class TranslationError(ValueError):
    """Something in the PO file or the content stops the import; ``str()`` says what and where."""


def source_language(languages: Iterable[str]) -> str:
    """The language translations are made from: the site's first (every text must have it)."""
    return next(iter(languages))


# --- export ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Exported:
    catalog: Catalog
    total: int
    translated: int
    # Texts with nothing in the source language, left out (the check names them).
    without_source: int = 0


HEADER = """\
# Texts of a decisionaid content folder, to translate into {language}.
# Each entry's context (msgctxt) says where the text is: keep it.
# Translate each text whole, and keep the ** marks around words
# in bold. Bring the file back with:
#   decisionaid translate import FILE"""


def export_catalog(root: Path, source: str, language: str) -> Exported:
    """The catalogue of ``root``'s texts from ``source`` into ``language``."""
    catalog = Catalog(locale=language, project=PROJECT, fuzzy=False, charset="utf-8",
                      header_comment=HEADER.format(language=language), language_team=language,
                      version=__version__)
    total = translated = without_source = 0
    for text in content_texts(root, source):
        msgid = text.text(source)
        if msgid is None:
            without_source += 1
            continue
        comments = [text.comment]
        if text.shared is not None:
            comments.append("Written once, the same in every language: change it to give this language its own.")
        if "**" in msgid:
            comments.append("Keep the ** marks around the words shown in bold.")
        have = text.text(language)  # a text written once already serves every language
        relative = _relative(root, text.path)
        catalog.add(msgid, have or "", locations=[(relative, text.line_in(source))],
                    auto_comments=comments, context=text.location)
        total += 1
        translated += bool(have)
    return Exported(catalog, total, translated, without_source)


def _relative(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def write_catalog(catalog: Catalog, out: IO[bytes]) -> None:
    write_po(out, catalog, width=78, sort_output=False)


# --- import ---------------------------------------------------------------------------------


@dataclass
class ImportPlan:
    """What a translated catalogue changes. ``files``: path -> its new text (new files too)."""

    language: str
    files: dict[Path, str] = field(default_factory=dict)
    changed: list[str] = field(default_factory=list)  # "FILE:LINE: location"
    changed_locations: set[str] = field(default_factory=set)
    imported: dict[str, str] = field(default_factory=dict)  # location -> its new text
    unchanged: int = 0
    untranslated: int = 0
    fuzzy: int = 0
    stale: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    not_written: list[str] = field(default_factory=list)


def read_catalog(path: Path) -> Catalog:
    try:
        with open(path, "rb") as handle:
            return read_po(handle, abort_invalid=True)
    except OSError as e:
        raise TranslationError(_("{path}: cannot read the file ({why})", path=path, why=e.strerror or e)) from None
    except Exception as e:  # babel's PoFileError and decoding errors: name the line if it can
        line = getattr(e, "lineno", None)
        raise TranslationError(_("{path}:{line}: not a PO file Babel can read ({why})", path=path, line=line or 1, why=e)) from None


def _clean(value: str, kind: str) -> str:
    value = "\n".join(line.rstrip() for line in value.strip().splitlines())
    if kind in ("captions", "transcript"):
        # A blank line would end a caption or split a paragraph.
        value = "\n".join(line for line in value.split("\n") if line.strip())
    return value


def _problem(value: str, kind: str) -> str | None:
    if not value:
        return _("the translation is empty")
    bad = next((c for c in value if (ord(c) < 32 and c not in "\n\t") or ord(c) == 127), None)
    if bad is not None:
        return _("the translation holds a control character ({char}); delete it", char=f"U+{ord(bad):04X}")
    found = unclosed(value)
    if found is not None:
        return _("the translation opens bold with ** and never closes it (\"{words}\"): add the closing **", words=found[1])
    if kind == "captions" and "-->" in value:
        return _("a caption may not hold -->")
    return None


def plan_import(root: Path, catalog: Catalog, po_path: Path, languages: tuple[str, ...], language: str) -> ImportPlan:
    """What importing ``catalog`` (translations into ``language``) would change under ``root``."""
    source = source_language(languages)
    if language == source:
        raise TranslationError(_("{path}: the file is in {language}, the language the content is written in; "
                                 "translations are imported into the site's other languages", path=po_path, language=language))
    plan = ImportPlan(language)
    texts = content_texts(root, source)
    by_location = {t.location: t for t in texts}
    edits: dict[Path, list[Edit]] = {}
    sources: dict[Path, str] = {}
    vignette_texts: dict[tuple[Path, str], dict[str, str]] = {}
    aliased: dict[int, tuple[str, str]] = {}
    for message in catalog:
        if not message.id:
            continue  # the header
        where = f"{po_path}:{message.lineno}"
        text = by_location.get(message.context or "")
        if text is None:
            plan.unknown.append(f"{where}: " + _("no text at '{location}' in the content (removed, or its id changed)",
                                                   location=message.context))
            continue
        if isinstance(message.id, tuple):
            plan.refused.append(f"{where}: {message.context}: " + _("content texts have no plural forms; give one msgid and msgstr"))
            continue
        if not message.string:
            plan.untranslated += 1
            continue
        if message.fuzzy:
            plan.fuzzy += 1
            continue
        at = f"{text.path}:{text.line_in(source)}: {text.location}"
        if message.id != text.text(source):
            plan.stale.append(f"{at}: " + _("the {source} text changed since the export; export again and translate the new text",
                                             source=source))
            continue
        value = _clean(str(message.string), text.kind)
        problem = _problem(value, text.kind)
        if problem:
            plan.refused.append(f"{where}: {text.location}: {problem}")
            continue
        if text.text(language) == value:
            plan.unchanged += 1  # a text written once for every language stays so when it reads the same
            continue
        if text.node is not None and id(text.node) in aliased:
            # One text named twice through a YAML alias (*name): written once, where it stands.
            first, first_value = aliased[id(text.node)]
            if first_value != value:
                plan.refused.append(f"{where}: " + _("{location} is the same text as {first} (a YAML alias); give both "
                                                     "the same translation", location=text.location, first=first))
            else:
                plan.changed_locations.add(text.location)
                plan.imported[text.location] = value
            continue
        if text.node is not None:
            aliased[id(text.node)] = (text.location, value)
        plan.changed.append(at)
        plan.changed_locations.add(text.location)
        plan.imported[text.location] = value
        if text.kind == "yaml":
            if text.path not in sources:
                sources[text.path] = compose(text.path)[0]
            edits.setdefault(text.path, []).append(set_language(sources[text.path], text, language, value, languages))
        else:
            vignette_texts.setdefault((text.vignette, text.kind), {})[text.location] = value
    for (folder, kind), values in vignette_texts.items():
        _plan_vignette_file(plan, folder, kind, values, texts, languages, edits, sources)
    for path, file_edits in edits.items():
        plan.files[path] = apply(sources[path], file_edits)
    return plan


def _plan_vignette_file(plan: ImportPlan, folder: Path, kind: str, new: dict[str, str],
                        texts: list[ContentText], languages: tuple[str, ...],
                        edits: dict[Path, list[Edit]], sources: dict[Path, str]) -> None:
    """A caption or transcript file is written whole, so only when every part of it is translated."""
    language = plan.language
    parts = [t for t in texts if t.vignette == folder and t.kind == kind]
    words = {t.location: new.get(t.location) or t.values.get(language) for t in parts}
    missing = [loc for loc, value in words.items() if not value]
    if missing:
        what = (_("the {language} captions file is not written: {n} of {total} captions have no translation (first: {first})")
                if kind == "captions" else
                _("the {language} transcript file is not written: {n} of {total} paragraphs have no translation (first: {first})"))
        plan.not_written.append(f"{folder}: " + what.format(language=language, n=len(missing), total=len(parts), first=missing[0]))
        plan.changed[:] = [c for c in plan.changed if c.rsplit(": ", 1)[1] not in new]
        plan.changed_locations -= set(new)
        return
    yaml_path = folder / "vignette.yaml"
    if yaml_path not in sources:
        sources[yaml_path] = compose(yaml_path)[0]
    root_node = compose(yaml_path)[1]
    files = child(root_node, kind)
    if not isinstance(files, yaml.MappingNode):
        plan.not_written.append(f"{yaml_path}: " + _("the {language} {kind} file is not written: '{kind}' is not a map of files by language",
                                                       language=language, kind=kind))
        return
    named = child(files, language)
    target = folder / (named.value if named is not None else
                       (f"captions.{language}.vtt" if kind == "captions" else f"transcript.{language}.txt"))
    source_file = parts[0].path
    if kind == "captions":
        plan.files[target] = _caption_file(source_file, words, parts)
    else:
        plan.files[target] = "\n\n".join(words[t.location] for t in parts) + "\n"
    if named is None:
        holder = ContentText(f"{yaml_path}:{kind}", yaml_path, files.start_mark.line + 1, "", node=files)
        edits.setdefault(yaml_path, []).append(set_language(sources[yaml_path], holder, language, target.name, languages))


def _caption_file(source_file: Path, words: dict[str, str], parts: list[ContentText]) -> str:
    """The source captions with each cue's text replaced by its translation (same timings)."""
    by_start = {t.location.rsplit("captions:", 1)[1]: words[t.location] for t in parts}
    lines = source_file.read_text(encoding="utf-8").lstrip("\ufeff").splitlines()
    out: list[str] = []
    i = 0
    cues = {start: line for start, line, _text in read_cues(source_file) or []}
    while i < len(lines):
        out.append(lines[i])
        start = lines[i].split("-->", 1)[0].strip() if "-->" in lines[i] else None
        i += 1
        if start is None or start not in by_start or cues.get(start) != i + 1:
            continue
        body = []
        while i < len(lines) and lines[i].strip():
            body.append(lines[i])
            i += 1
        width = max([CAPTION_WIDTH, *(len(line) for line in body)])
        value = by_start[start]
        out.extend(value.split("\n") if "\n" in value else textwrap.wrap(value, width) or [value])
    return "\n".join(out) + "\n"


# --- checking and writing -------------------------------------------------------------------


@contextmanager
def staged(root: Path, files: dict[Path, str]) -> Iterator[Path]:
    """A temporary copy of ``root``'s content with ``files`` in their new state; every other
    file is a link to the real one (videos are not copied)."""
    with tempfile.TemporaryDirectory(prefix="decisionaid-translate-") as tmp:
        stage = Path(tmp)
        for top in ("questionnaires", "vignettes"):
            for folder, _folders, names in os.walk(root / top, followlinks=True):
                here = Path(folder)
                (stage / here.relative_to(root)).mkdir(parents=True, exist_ok=True)
                for name in names:
                    if here / name not in files:
                        os.symlink((here / name).resolve(), stage / here.relative_to(root) / name)
        for path, text in files.items():
            target = stage / path.relative_to(root)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        yield stage


def verify(stage: Path, plan: ImportPlan, before: list[ContentText], source: str) -> None:
    """Every text of the staged content is as it was, but for the translations imported.
    Raises TranslationError naming the first text that is not (an edit that went wrong)."""
    after = {t.location: t for t in content_texts(stage, source)}
    for text in before:
        if text.kind != "yaml":
            continue
        now = after.get(text.location)
        kept = now is not None and (
            now.shared == text.shared if now.shared is not None else all(
                now.values.get(lang) == value for lang, value in
                (dict.fromkeys(now.values, text.shared) if text.shared is not None else text.values).items()
                if not (lang == plan.language and text.location in plan.changed_locations)))
        if not kept or (text.location in plan.changed_locations and now.text(plan.language) != plan.imported[text.location]):
            raise TranslationError(f"{text.path}:{text.line}: " + _("{location} could not be written safely; nothing was written",
                                                                   location=text.location))
