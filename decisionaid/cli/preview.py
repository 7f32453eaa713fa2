"""``decisionaid preview FILE``: a questionnaire or story as the kiosk shows it, reloaded on save."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from decisionaid.cli.demo import _screen_size
from decisionaid.errors import UserError
from decisionaid.i18n import _


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "preview",
        help=_("show a questionnaire or story in the kiosk's screens, reloaded on each save"),
        description=(
            _("Open a window with FILE (a questionnaire, or a vignette folder or its "
              "vignette.yaml) in the kiosk's own screens: every item in a list beside it (tap "
              "one to show it; answer and press Next to follow the branches the answers open), "
              "and what 'decisionaid check' says about the file. Saving the file reloads it "
              "within a second; a file that does not pass the check shows why instead of the "
              "screen. A file outside a content folder is shown with the configured content.")
        ),
    )
    parser.add_argument("file", metavar="FILE")
    parser.add_argument("--screen", metavar="WxH", type=_screen_size, default=(1280, 800),
                        help=_("the kiosk screen to show it on, e.g. 1920x1080 (default 1280x800)"))
    parser.add_argument("--lang", metavar="L", help=_("the language to show (default: the site's "
                                                      "first)"))
    parser.add_argument("--text-size", choices=("normal", "large", "largest"), default="normal")
    parser.add_argument("--config", metavar="FILE", help=_("the site configuration file"))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from decisionaid.app import open_app

    config = open_app(args.config, content=False, database=False).config
    path = Path(args.file)
    if not path.exists():
        raise UserError(_("{path}: no such file or folder", path=path))
    if not (path.suffix == ".yaml" or (path.is_dir() and (path / "vignette.yaml").is_file())):
        raise UserError(_("{path} is not a questionnaire file (NAME.yaml) or a vignette folder",
                          path=path))
    if args.lang is not None and args.lang not in config.languages:
        raise UserError(_("--lang must be one of the site's languages: {languages}",
                          languages=', '.join(config.languages)))
    from PySide6.QtWidgets import QApplication

    from decisionaid.ui.common.theme import Theme, screen_scale
    from decisionaid.ui.kiosk.preview import PreviewWindow

    if (sys.platform.startswith("linux") and not os.environ.get("DISPLAY")
            and not os.environ.get("WAYLAND_DISPLAY") and os.environ.get("QT_QPA_PLATFORM") != "offscreen"):
        raise UserError(_("the preview opens a window: run it on the desktop (no display was "
                          "found), or use 'decisionaid check' and 'decisionaid demo' here"))
    app = QApplication.instance() or QApplication(sys.argv[:1])
    width, height = args.screen
    window = PreviewWindow(path, config, size=(width, height), language=args.lang,
                           theme=Theme(text_size=args.text_size, scale=screen_scale(height, width)))
    window.show()
    return app.exec()
