"""``decisionaid check [PATH ...]``: validate questionnaires and vignettes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from decisionaid.config import load_config
from decisionaid.content.loader import check
from decisionaid.errors import UserError


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "check",
        help="validate questionnaires/ and vignettes/",
        description=(
            "Check content files and say what is wrong as FILE:LINE: message. PATH may be a "
            "questionnaire file, a vignette folder, or a folder holding questionnaires/ and/or "
            "vignettes/ (default: the configured content)."
        ),
    )
    parser.add_argument("paths", nargs="*", metavar="PATH")
    parser.add_argument("--config", metavar="FILE", help="the site configuration file")
    parser.set_defaults(func=run)


def _root_of(path: Path) -> tuple[Path, bool]:
    """The content root for a PATH and whether PATH is the root itself."""
    if path.is_dir() and ((path / "questionnaires").is_dir() or (path / "vignettes").is_dir()):
        return path, True
    if path.is_dir() and path.name == "questionnaires":
        return path.parent, False
    if path.is_dir() and (path / "vignette.yaml").exists():
        return path.parent.parent, False
    if path.is_dir() and path.name == "vignettes":
        return path.parent, False
    if path.is_file() and path.suffix in (".yaml", ".yml"):
        if path.name == "vignette.yaml":
            return path.parent.parent.parent, False
        return path.parent.parent, False
    raise UserError(
        f"{path} is not a questionnaire file, a vignette folder or a content folder "
        "(one holding questionnaires/ or vignettes/)"
    )


def run(args: argparse.Namespace) -> int:
    config = load_config(args.config)
    paths = [Path(p) for p in args.paths] or [config.content_dir]
    for path in paths:
        if not path.exists():
            raise UserError(f"{path}: no such file or folder")
    errors: list[str] = []
    totals = [0, 0, 0]
    for path in paths:
        root, whole = _root_of(path)
        target = path.parent if path.name == "vignette.yaml" else path
        result = check(root, config.languages, None if whole else [target])
        if whole and not result.errors and result.questionnaires == 0:
            errors.append(f"{root / 'questionnaires'}:1: no questionnaires found; add NAME.yaml files (see docs/content-format.md)")
        errors.extend(str(e) for e in result.errors)
        totals[0] += result.questionnaires
        totals[1] += result.items
        totals[2] += result.vignettes
    if errors:
        for line in dict.fromkeys(errors):
            print(line)
        n = len(dict.fromkeys(errors))
        print(f"{n} problem{'s' if n != 1 else ''} found", file=sys.stderr)
        return 1
    q, i, v = totals
    print(f"{q} questionnaire{'s' if q != 1 else ''}, {i} items, {v} vignette{'s' if v != 1 else ''}: OK")
    return 0
