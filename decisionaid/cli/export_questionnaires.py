"""``decisionaid export-questionnaires -o DIR``: the content as FHIR R4 Questionnaire JSON."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from decisionaid.app import open_app
from decisionaid.content.fhir import questionnaire_to_fhir
from decisionaid.errors import UserError
from decisionaid.i18n import _


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "export-questionnaires",
        help=_("write each questionnaire as FHIR R4 Questionnaire JSON"),
        description=(
            _("Write one FHIR R4 Questionnaire JSON file per questionnaire into DIR, in the "
              "site's first language (or --lang) with the other languages as translations.")
        ),
    )
    parser.add_argument(
        "--lang", metavar="LANG",
        help=_("the form's own language (Questionnaire.language), one of the site's languages; "
               "for tools that show only that"),
    )
    parser.add_argument("-o", "--out", required=True, metavar="DIR",
                        help=_("the folder to write into"))
    parser.add_argument("--config", metavar="FILE", help=_("the site configuration file"))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    content = open_app(args.config, database=False).content
    if args.lang is not None and args.lang not in content.languages:
        raise UserError(_("--lang {lang}: not one of the site's languages ({languages})",
                          lang=args.lang, languages=', '.join(content.languages)))
    out = Path(args.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        for questionnaire in content.questionnaires:
            path = out / f"{questionnaire.id}.json"
            path.write_text(
                json.dumps(questionnaire_to_fhir(questionnaire, content, args.lang), ensure_ascii=False, indent=2) + "\n",
                encoding="utf-8",
            )
    except OSError as e:
        raise UserError(_("cannot write to {out}: {strerror}", out=out,
                          strerror=e.strerror)) from None
    if args.lang:
        print(_("{count} questionnaires written to {out} in '{lang}'",
                count=len(content.questionnaires), out=out, lang=args.lang))
    else:
        print(_("{count} questionnaires written to {out}", count=len(content.questionnaires),
                out=out))
    return 0
