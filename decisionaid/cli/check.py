"""``decisionaid check [PATH ...]``: validate questionnaires and vignettes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from decisionaid.app import open_app
from decisionaid.content.loader import ANSWER_SETS_FILE, TOPICS_FILE, check, check_alone
from decisionaid.errors import UserError
from decisionaid.i18n import _, ngettext


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "check",
        help=_("validate questionnaires/ and vignettes/"),
        description=(
            _("Check content files and say what is wrong as FILE:LINE: message. PATH may be a "
              "questionnaire file (anywhere: one outside a content folder is checked on its own "
              "with the _answer-sets.yaml beside it, or, with none there, as part of the "
              "configured content in place of its file of the same name), a vignette folder, or "
              "a folder holding questionnaires/ and/or vignettes/ (default: the configured "
              "content). Texts that read above the site's reading_targets, and decision topics "
              "whose stories all lean one way, are warnings (see docs/content-format.md). "
              "Finding nothing to check is an error.")
        ),
    )
    parser.add_argument("paths", nargs="*", metavar="PATH")
    parser.add_argument(
        "--strict", action="store_true",
        help=_("warnings fail the check too (as reading_level_fails = true does for reading "
               "levels)"),
    )
    parser.add_argument("--config", metavar="FILE", help=_("the site configuration file"))
    parser.set_defaults(func=run)


def _root_of(path: Path) -> tuple[Path | None, bool]:
    """The content root for a PATH and whether PATH is the root itself. The root is None for a
    file or vignette folder that is not inside a content folder: it is checked on its own."""
    if path.is_dir() and ((path / "questionnaires").is_dir() or (path / "vignettes").is_dir()):
        return path, True
    if path.is_dir() and path.name == "questionnaires":
        return path.parent, False
    if path.is_dir() and (path / "vignette.yaml").exists():
        return (path.parent.parent if path.parent.name == "vignettes" else None), False
    if path.is_dir() and path.name == "vignettes":
        return path.parent, False
    if path.is_file() and path.suffix in (".yaml", ".yml"):
        if path.name == "vignette.yaml":
            return _root_of(path.parent)
        if path.parent.name in ("questionnaires", "vignettes"):
            return path.parent.parent, False
        return None, False
    raise UserError(
        _("{path} is not a questionnaire file, a vignette folder or a content folder (one "
          "holding questionnaires/ or vignettes/)", path=path)
    )


def _is_draft(path: Path) -> bool:
    return (path.is_file() and path.name not in (ANSWER_SETS_FILE, TOPICS_FILE)
            and not (path.parent / ANSWER_SETS_FILE).is_file())


def _is_content_root(path: Path) -> bool:
    return (path / "questionnaires").is_dir()


def run(args: argparse.Namespace) -> int:
    # The configuration and the log through the app; the content is what is being checked.
    config = open_app(args.config, content=False, database=False).config
    paths = [Path(p) for p in args.paths] or [config.content_dir]
    for path in paths:
        if not path.exists():
            raise UserError(_("{path}: no such file or folder", path=path))
    errors: list[str] = []
    warnings: list[str] = []
    notes: list[str] = []
    totals = [0, 0, 0, 0]
    alone = False
    targets = config.reading_targets
    for path in paths:
        root, whole = _root_of(path)
        target = path.parent if path.name == "vignette.yaml" else path
        if root is None and _is_draft(path) and _is_content_root(config.content_dir):
            # A draft kept elsewhere, with no answer sets of its own beside it: checked as part
            # of the configured content.
            result = check(config.content_dir, config.languages, targets=targets, draft=path)
        elif root is None:
            result = check_alone(target, config.languages, targets)
            alone = True
        else:
            result = check(root, config.languages, None if whole else [target], targets)
        holds_questionnaires = path.is_dir() and (whole or path.name == "questionnaires")
        if not result.errors and holds_questionnaires and result.questionnaires == 0:
            folder = path if path.name == "questionnaires" else path / "questionnaires"
            errors.append(f"{folder}:1: " + _("no questionnaires found; add NAME.yaml files (see "
                                                "docs/content-format.md)"))
        elif root is not None and path.is_file() and path.suffix == ".yml":
            errors.append(f"{path}:1: " + _("content files end in .yaml, and this one is not read: "
                                              "rename it {stem}.yaml", stem=path.stem))
        elif result.checked_nothing:
            # Never "OK" about nothing: say what was looked at and found empty.
            errors.append(f"{target}:1: " + _("nothing to check here: no questionnaire, answer sets "
                                                "or vignette was found"))
        errors.extend(str(e) for e in result.errors)
        for warning in result.warnings:
            reading = warning.kind == "reading"
            failing = args.strict or (reading and config.reading_level_fails)
            (errors if failing else warnings).append(str(warning))
        if root is not None and whole:
            from decisionaid.cli.translate import untranslated_lines

            # What each language lacks, summed up (docs/translating-content.md).
            gaps, begun = untranslated_lines(root, config.languages)
            notes.extend(gaps)
            (errors if args.strict else warnings).extend(begun)
        totals[0] += result.questionnaires
        totals[1] += result.items
        totals[2] += result.vignettes
        totals[3] += result.other_files
    if not args.paths or config.content_dir.resolve() in (p.resolve() for p in paths):
        # The site's languages: catalogues that cannot be read, words left in English.
        from decisionaid.i18n.catalogues import check_catalogues

        broken, untranslated = check_catalogues(config.languages, config.locale_dir)
        errors.extend(broken)
        warnings.extend(untranslated)
    roots = [root for root, whole in map(_root_of, paths) if whole]
    if roots and not errors:
        # The report's font against each language's texts and report catalogue (ReportLab is
        # imported only here).
        from decisionaid.report.font_check import font_warnings

        for root in roots:
            for warning in font_warnings(root, (*config.languages, config.report_lang)):
                (errors if args.strict else warnings).append(str(warning))
    for line in dict.fromkeys(warnings):
        print(_("{line} (warning)", line=line))
    if errors:
        for line in dict.fromkeys(errors):
            print(line)
        for line in dict.fromkeys(notes):
            print(line, file=sys.stderr)
        n = len(dict.fromkeys(errors))
        print(ngettext("{n} problem found", "{n} problems found", n), file=sys.stderr)
        return 1
    q, i, v, others = totals
    summary = _("{questionnaires}, {items}, {vignettes}: OK",
                questionnaires=ngettext("{n} questionnaire", "{n} questionnaires", q),
                items=ngettext("{n} items", "{n} items", i),
                vignettes=ngettext("{n} vignette", "{n} vignettes", v))
    if not q and not v and others:
        summary = ngettext("{n} file of answer sets or topics: OK",
                           "{n} files of answer sets or topics: OK", others)
    if alone:
        summary = _("{summary} (checked on its own, so its links to vignettes and other files "
                    "were not checked)", summary=summary)
    if warnings:
        summary = ngettext("{summary}, with {n} warning", "{summary}, with {n} warnings",
                           len(dict.fromkeys(warnings)), summary=summary)
    print(summary)
    return 0
