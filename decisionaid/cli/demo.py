"""``decisionaid demo``: a scripted visit through the real kiosk, offscreen."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from decisionaid.errors import UserError
from decisionaid.i18n import _


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "demo",
        help=_("walk a whole visit through the kiosk offscreen: screenshots and report.pdf"),
        description=(
            _("Run the real kiosk without a display, press its buttons through a whole visit of "
              "one of three made-up people (Rosa's return visit, Sam's first visit, Marisol's "
              "visit in Spanish; --seed chooses), and write a numbered PNG of every screen plus "
              "report.pdf into --out. Uses a fresh temporary database unless --database names "
              "one, never the clinic's configured database.")
        ),
    )
    parser.add_argument("--out", required=True, metavar="DIR",
                        help=_("folder for the pictures and report.pdf"))
    parser.add_argument("--lang", default=None,
                        help=_("only people who answer in this language (en or es; default: any)"))
    parser.add_argument("--seed", type=int, default=1,
                        help=_("chooses the person: 0 Rosa, 1 Sam, 2 Marisol (default 1)"))
    parser.add_argument("--database", metavar="URL", help=_("a database URL to use instead of a "
                                                            "fresh one"))
    parser.add_argument("--config", metavar="FILE", help=_("the site configuration file (content, "
                                                           "site name)"))
    parser.add_argument("--screen", metavar="WxH", type=_screen_size, default=(1920, 1080),
                        help=_("the screen to lay the kiosk out for, e.g. 1280x800 (default "
                               "1920x1080)"))
    parser.add_argument("--text-size", choices=("normal", "large", "largest"), default="normal")
    parser.add_argument("--high-contrast", action="store_true", help=_("the black and yellow look"))
    parser.set_defaults(func=run)


def _screen_size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(n) for n in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(_("'{text}' is not a screen size like 1280x800",
                                           text=text)) from None
    if not (320 <= width <= 8000 and 320 <= height <= 8000):
        raise argparse.ArgumentTypeError(_("'{text}': a screen is 320 to 8000 pixels each way",
                                           text=text))
    return width, height


def run(args: argparse.Namespace) -> int:
    from decisionaid.config import load_config

    config = load_config(args.config)
    if args.lang is not None and args.lang not in config.languages:
        raise UserError(_("--lang must be one of the site's languages: {languages}",
                          languages=', '.join(config.languages)))
    if args.lang is None and len(config.languages) == 1:
        args.lang = config.languages[0]  # a site with one language: a person who speaks it
    out = Path(args.out).expanduser()
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise UserError(_("cannot create the folder {out}: {strerror}",
                          out=out, strerror=e.strerror)) from None
    for old in [*out.glob("[0-9][0-9]-*.png"), *out.glob("contact-sheet.png"), *out.glob("screens.json")]:
        old.unlink()
    # Offscreen unless a display is asked for (QT_QPA_PLATFORM=xcb): then the window is a real
    # one, and must cover that display's screen exactly.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from decisionaid.ui.common.theme import Theme, screen_scale
    from decisionaid.ui.kiosk.demo import Demo, contact_sheet, demo_config, distinct_screens

    def qt_message(_kind, _context, message: str) -> None:
        # The offscreen platform notes that it cannot pass a window's size limits on to a
        # window manager it does not have: nothing to do with the kiosk, so not shown.
        if "propagateSizeHints" not in message:
            print(message, file=sys.stderr)

    qInstallMessageHandler(qt_message)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from decisionaid.ui.common.main_thread_gc import collect_on_this_thread
    from decisionaid.ui.common.timers import QtTimers

    collect_on_this_thread(QtTimers(), app)  # never in a background thread (see the module)
    width, height = args.screen
    with tempfile.TemporaryDirectory(prefix="decisionaid-demo-") as folder:
        demo = Demo(
            demo_config(config, args.database, Path(folder)), out, language=args.lang, seed=args.seed,
            theme=Theme(text_size=args.text_size, high_contrast=args.high_contrast,
                        scale=screen_scale(height, width)),
            size=(width, height),
        )
        try:
            result = demo.run()
            demo.stories()
        finally:
            demo.write_screens()
            demo.close()
            app.processEvents()
    # One small picture of every kind of screen, for people to look over at once.
    contact_sheet(distinct_screens(result.screens), out / "contact-sheet.png", columns=5, width=300)
    if result.report:
        print(_("{count} screens, screens.json, contact-sheet.png and {report} written to {out}",
                count=len(result.screens), report=result.report.name, out=out))
    else:
        print(_("{count} screens, screens.json and contact-sheet.png written to {out} (no report)",
                count=len(result.screens), out=out))
    for step in demo.log.skipped:
        print(_("skipped {step}: {why}", step=step['step'], why=step['why']))
    # Something cut off or off the edge on a real screen size is a failure, not a warning.
    for line in demo.cut_off:
        print(_("error: does not fit {width}x{height}: {line}",
                width=width, height=height, line=line), file=sys.stderr)
    return 0 if result.report and not demo.cut_off else 1
