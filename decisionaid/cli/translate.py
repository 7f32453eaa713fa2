"""``decisionaid translate export LANG`` / ``translate import FILE``: the content's texts out to
a PO file for translators (Poedit, Weblate, Lokalize) and their translations back in."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from decisionaid.app import open_app
from decisionaid.config import LANGUAGE_CODES
from decisionaid.content.loader import check
from decisionaid.content.texts import UnreadableFile, content_texts, missing
from decisionaid.content.translation import (
    TranslationError,
    export_catalog,
    plan_import,
    read_catalog,
    source_language,
    staged,
    verify,
    write_catalog,
)
from decisionaid.errors import UserError
from decisionaid.i18n import _

# How many refused entries, or check problems, are listed before "and N more".
SHOWN = 10


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "translate",
        help="export the content's texts to a PO file for translators, and import it back",
        description=(
            "Content texts (questions, answers, help, titles, topics, vignettes' texts, captions "
            "and transcripts) go out to a PO file that translators open in Poedit, Weblate or "
            "Lokalize, and come back into the content files with only the translated lines "
            "changed. See docs/translating-content.md."
        ),
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    export = actions.add_parser(
        "export",
        help="write a PO file of every content text, to translate into LANG",
        description=(
            "Write a PO file with one entry per text a person sees in the content folder: the "
            "text in the site's first language as msgid, where it is as msgctxt and #: FILE:LINE, "
            "a comment saying what it is, and the LANG text the content already has as msgstr."
        ),
    )
    export.add_argument("language", metavar="LANG", help="the language to translate into, e.g. vi")
    export.add_argument("-o", "--out", metavar="FILE", help="the PO file to write (default: content-LANG.po here)")
    _common(export)
    export.set_defaults(func=run_export)
    load = actions.add_parser(
        "import",
        help="write the translations of a PO file into the content",
        description=(
            "Write each translated entry of FILE into the content as its language's text, "
            "keeping every other line of the files as it is. Fuzzy and untranslated entries are "
            "left out; an entry whose source text changed since the export, or whose place is "
            "gone, is refused and named. Nothing is written unless the content then passes "
            "'decisionaid check'. Exits 1 when an entry was refused."
        ),
    )
    load.add_argument("po_file", metavar="FILE", help="the translated PO file")
    load.add_argument("--lang", metavar="LANG", help="its language, if its Language header does not say")
    load.add_argument("--check", action="store_true", help="only say what would change; write nothing")
    _common(load)
    load.set_defaults(func=run_import)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content", metavar="DIR", help="the content folder (default: the configured one)")
    parser.add_argument("--config", metavar="FILE", help="the site configuration file")


def _setup(args: argparse.Namespace):
    config = open_app(args.config, content=False, database=False).config
    root = Path(args.content).expanduser() if args.content else config.content_dir
    if not (root / "questionnaires").is_dir() and not (root / "vignettes").is_dir():
        raise UserError(_("{root} is not a content folder (one holding questionnaires/ or vignettes/)", root=root))
    return config, root


def _language(code: str, what: str) -> str:
    if not (code.isalpha() and code.islower() and code in LANGUAGE_CODES):
        base = code.replace("-", "_").split("_", 1)[0]
        hint = _(" (for {code}, add --lang {base})", code=code, base=base) if base in LANGUAGE_CODES and base != code else ""
        raise UserError(_("{what} '{code}' is not a language code; content uses ISO 639-1 codes such as vi or es",
                          what=what, code=code) + hint)
    return code


def run_export(args: argparse.Namespace) -> int:
    config, root = _setup(args)
    language = _language(args.language, "LANG")
    source = source_language(config.languages)
    if language == source:
        raise UserError(_("the content is written in {source} (the site's first language); export to another language",
                           source=source))
    out = Path(args.out) if args.out else Path(f"content-{language}.po")
    try:
        exported = export_catalog(root, source, language)
    except UnreadableFile as e:
        raise UserError(str(e)) from None
    from decisionaid.files import replacing

    with replacing(out) as tmp, open(tmp, "wb") as handle:
        write_catalog(exported.catalog, handle)
        os.chmod(tmp, 0o644)  # for a translator's tools; it holds no one's data
    left = exported.total - exported.translated
    print(_("wrote {out}: {total} texts from {source}, {done} already in {language}, {left} to translate",
            out=out, total=exported.total, source=source, done=exported.translated, language=language, left=left))
    if exported.without_source:
        print(_("left out {n} texts that have no {source} text; 'decisionaid check' names them",
                n=exported.without_source, source=source), file=sys.stderr)
    return 0


def _show(lines: list[str], heading: str) -> None:
    if not lines:
        return
    print(heading, file=sys.stderr)
    for line in lines[:SHOWN]:
        print(f"  {line}", file=sys.stderr)
    if len(lines) > SHOWN:
        print(_("  … and {n} more", n=len(lines) - SHOWN), file=sys.stderr)


def run_import(args: argparse.Namespace) -> int:
    config, root = _setup(args)
    po_path = Path(args.po_file)
    try:
        catalog = read_catalog(po_path)
        language = args.lang or catalog.locale_identifier
        if not language:
            raise UserError(_("{path}: the file does not say its language (no Language: header); add --lang LANG",
                                path=po_path))
        language = _language(language, _("{path}: the language", path=po_path))
        source = source_language(config.languages)
        before = content_texts(root, source)
        plan = plan_import(root, catalog, po_path, config.languages, language)
    except (TranslationError, UnreadableFile) as e:
        raise UserError(str(e)) from None
    _show(plan.stale, _("not imported: {n} entries whose {source} text changed since the export:",
                        n=len(plan.stale), source=source))
    _show(plan.unknown, _("not imported: {n} entries for texts the content no longer has:", n=len(plan.unknown)))
    _show(plan.refused, _("not imported: {n} entries whose translation cannot be used:", n=len(plan.refused)))
    _show(plan.not_written, _("not written:"))
    skipped = []
    if plan.fuzzy:
        skipped.append(_("{n} fuzzy (check them, then clear the fuzzy mark)", n=plan.fuzzy))
    if plan.untranslated:
        skipped.append(_("{n} untranslated", n=plan.untranslated))
    if plan.files:
        # The content the import would leave, checked before anything is written. A language
        # still being translated is not checked for completeness (check does that once it is
        # among the site's languages); its texts were checked one by one above.
        others = tuple(lang for lang in config.languages if lang != language)
        with staged(root, plan.files) as stage:
            try:
                verify(stage, plan, before, source)
            except TranslationError as e:
                raise UserError(str(e)) from None
            result = check(stage, others, targets=config.reading_targets)
            problems = [str(e).replace(str(stage), str(root)) for e in result.errors]
        if problems:
            _show(problems, _("nothing written: after the import the content would not pass the check:"))
            return 1
    refused = len(plan.stale) + len(plan.unknown) + len(plan.refused)
    tail = _("; skipped {what}", what=", ".join(skipped)) if skipped else ""
    if args.check:
        for line in plan.changed:
            print(_("would change {place}", place=line))
        print(_("{n} texts would change in {language}, in {files} files; {same} already as translated",
                n=len(plan.changed), language=language, files=len(plan.files), same=plan.unchanged) + tail)
        return 1 if refused else 0
    if plan.files:
        _write(plan.files)
    print(_("imported {n} texts in {language} into {files} files; {same} already as translated",
            n=len(plan.changed), language=language, files=len(plan.files), same=plan.unchanged) + tail)
    return 1 if refused else 0


def _write(files: dict[Path, str]) -> None:
    """Each file atomically, new files first (so a YAML file never names a missing one); an
    existing file keeps its permissions, a new one takes those of a file beside it."""
    from decisionaid.files import replacing

    for path in sorted(files, key=lambda p: (p.exists(), p.suffix == ".yaml", str(p))):
        like = path if path.exists() else next((p for p in sorted(path.parent.iterdir()) if p.is_file()), None)
        mode = like.stat().st_mode & 0o777 if like is not None else 0o644
        with replacing(path) as tmp:
            tmp.write_text(files[path], encoding="utf-8", newline="")
            os.chmod(tmp, mode)


def untranslated_lines(root: Path, languages: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """For ``decisionaid check`` of a whole content folder: a line for each site language some
    texts lack (the check fails on those; this sums them up and says how to get them
    translated), and a warning for each language the content has begun that is not a site
    language yet, with how many texts still lack it."""
    try:
        texts = content_texts(root, source_language(languages))
    except UnreadableFile:
        return [], []  # the check says why
    # Keys that are not language codes (a text cut by a comma) are the check's to report.
    begun = sorted({lang for t in texts for lang in t.values if lang in LANGUAGE_CODES} - set(languages))
    notes, warnings = [], []
    for language in (*languages, *begun):
        lacking = missing(texts, language)
        if not lacking:
            continue
        first = ", ".join(f"{t.path}:{t.line}" for t in lacking[:3])
        count = _("{n} of {total} content texts have no '{language}' text (first: {first})",
                  n=len(lacking), total=len(texts), language=language, first=first)
        if language in languages:
            notes.append(count + _("; 'decisionaid translate export {language}' writes them to a PO file to translate",
                                   language=language))
        else:
            t = lacking[0]
            warnings.append(f"{t.path}:{t.line}: " + _(
                "the content is being translated into '{language}', which is not in the site's languages: "
                "{count}; add it to languages once every text has it", language=language, count=count))
    return notes, warnings
