"""``decisionaid kiosk``: the service-user kiosk, full screen (the default command)."""

from __future__ import annotations

import argparse
import os
import sys

from decisionaid.i18n import _


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "kiosk",
        help=_("the touch-screen kiosk for service users (the default command)"),
        description=(
            _("Start the kiosk full screen. A 3-second press in the top-left corner and a staff "
              "PIN open the staff menu (close the kiosk, open the peer station, print a test "
              "page).")
        ),
    )
    parser.add_argument("--config", metavar="FILE", help=_("the site configuration file"))
    parser.add_argument("--windowed", action="store_true",
                        help=_("run in a window (for trying it on a desktop)"))
    parser.set_defaults(func=run)


# Under deploy/decisionaid-kiosk-session (the locked-down kiosk) the peer station is not opened
# beside the kiosk: the kiosk ends with this code and the session runs the station in its place.
SESSION_ENV = "DECISIONAID_KIOSK_SESSION"
PEER_REQUESTED = 3


def _open_peer_station(config_path: str | None, asked: dict) -> None:
    if os.environ.get(SESSION_ENV):
        asked["peer"] = True
        return
    import subprocess  # here, not above: the kiosk's start is measured to its first paint

    command = [sys.executable, "-c", "import sys; from decisionaid.cli import main; sys.exit(main(sys.argv[1:]))", "peer"]
    if config_path:
        command += ["--config", config_path]
    subprocess.Popen(command, start_new_session=True)


def run(args: argparse.Namespace) -> int:
    import gc

    # No automatic collection from here on: once the window is up, collections run from its
    # event loop (main_thread_gc); before that, collecting while the start-up builds its
    # modules and the first screen only delays the first paint (a few milliseconds).
    gc.disable()
    from decisionaid.config import load_config

    config = load_config(args.config)
    from decisionaid import i18n

    i18n.set_site_dirs([config.locale_dir])  # the welcome screen names the site's languages
    from PySide6.QtCore import QRect, QSize, QTimer
    from PySide6.QtWidgets import QApplication

    from decisionaid.ui.common.startup import lighter_imports

    lighter_imports()
    from decisionaid.ui.common.operations import wait_for_background
    from decisionaid.ui.common.theme import Theme, screen_scale
    from decisionaid.ui.kiosk.window import KioskWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("decisionaid")
    from decisionaid.ui.common.main_thread_gc import collect_on_this_thread
    from decisionaid.ui.common.timers import QtTimers

    collect_on_this_thread(QtTimers(), app)  # never in a background thread (see the module)
    screen = app.primaryScreen()
    width, height = (screen.geometry().width(), screen.geometry().height()) if screen else (1920, 1080)
    if args.windowed:
        # A window inside what the desktop leaves free (panels, docks), never larger.
        free = screen.availableGeometry() if screen else None
        free_width, free_height = (free.width(), free.height()) if free else (width, height)
        height = int(free_height * 0.85)
        width = min(free_width, int(height * 16 / 9))
    window = KioskWindow(
        None,
        config=config,
        theme=Theme(scale=screen_scale(height, width)),
        open_peer_station=lambda: _open_peer_station(args.config, opened),
    )
    opened: dict = {}
    bench = os.environ.get("DECISIONAID_EXIT_AFTER_PAINT")

    def look_for_media() -> None:
        # On the UI thread (Qt Multimedia's home), while the services open in the background.
        if "player" not in opened:
            opened["player"] = _player_factory()

    def ready(result) -> None:
        opened["services"], opened["app"] = result
        look_for_media()
        window.player_factory = opened["player"]
        window.set_services(opened["services"])
        if bench == "ready":
            print("ready", flush=True)
            app.quit()
        elif os.environ.get(SESSION_ENV):
            print(f"ready {window.width()}x{window.height()}", flush=True)

    def refused(error: Exception) -> None:
        # Bad content or an unopenable database: the kiosk does not start, and says why.
        opened["error"] = error
        app.quit()

    # The benchmark's mark comes first: the paint has happened, and the worker started next
    # must not hold the interpreter while the mark is written.
    if bench == "painted":
        window.welcome_painted.connect(lambda: (print("painted", flush=True), app.quit()))
    elif os.environ.get(SESSION_ENV):
        # For the journal (and the session test): the welcome screen is up, and how big.
        def mark() -> None:
            size = screen.geometry() if screen is not None else window.geometry()
            print(f"painted {window.width()}x{window.height()} on a "
                  f"{size.width()}x{size.height()} screen by process {os.getpid()}", flush=True)

        window.welcome_painted.connect(mark)
    # The welcome screen is drawn first; content and database open meanwhile, off the UI thread.
    # A database that cannot be reached rests the kiosk ("please see the front desk") and is
    # tried again until it answers; bad content or a damaged database stops it, saying why.
    def open_in_background() -> None:
        from decisionaid.ui.kiosk.session import open_services  # not before the first paint

        window.resting.open_services(lambda: open_services(config), ready, refused)

    window.welcome_painted.connect(open_in_background)
    window.welcome_painted.connect(lambda: QTimer.singleShot(0, look_for_media))
    # systemd's watchdog (the unit's WatchdogSec=), fed from this event loop: a hung kiosk is
    # restarted. Outside systemd it does nothing.
    from decisionaid.ui.common.watchdog import WatchdogFeeder

    watchdog = WatchdogFeeder(window)
    window.welcome_painted.connect(watchdog.start)
    window.resting.changed.connect(lambda resting: watchdog.status(
        "resting: the database cannot be reached" if resting else "ready"))
    if args.windowed:
        free = screen.availableGeometry() if screen is not None else QRect(0, 0, width, height)
        window.cover(QRect(free.topLeft(), QSize(width, height)))
        window.show()
    else:
        if screen is not None:
            window.fill(screen)
        else:
            window.showFullScreen()
    try:
        code = app.exec()
    finally:
        wait_for_background()
        if "app" in opened:
            opened["app"].close()
    if "error" in opened:
        from decisionaid.storage.problems import as_user_error

        # A driver's error (a damaged page, a text that is not UTF-8) names its cause too.
        raise as_user_error(opened["error"], config.database_url, config.db_key)
    return PEER_REQUESTED if opened.get("peer") else code


def _player_factory():
    """What makes the stories' player, or None when Qt cannot decode video here (no stories).
    Only Qt Multimedia is asked now; the player module loads with the first story, or when the
    kiosk warms up after its start (``ui/kiosk/window.py``)."""
    from decisionaid.ui.common.media_check import media_backend_available

    if not media_backend_available():
        return None

    def media_player(*args, **kwargs):
        from decisionaid.ui.common.player import MediaPlayer

        return MediaPlayer(*args, **kwargs)

    return media_player
