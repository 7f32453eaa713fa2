"""The one composition root: configuration, logging, the database and the services, without Qt.

Every command, the kiosk, the peer station, the demo, the benchmarks and the tests start here:
``open_app(config)`` returns an ``App`` holding what they share. The windows build their own
small bundles (``KioskServices``, ``PeerServices``) from it.

Logging goes to one rotating file in the data folder, ``logs/decisionaid.log`` (0600, in a 0700
folder): warnings and errors with their context, never a name, an answer or a note (the
database engines hide statement parameters; callers log error types and reasons, not values).
An error nothing else caught is logged with its traceback, and the command line says where.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import threading
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from decisionaid import i18n
from decisionaid.config import Config, load_config
from decisionaid.config import log_file as configured_log_file
from decisionaid.errors import UserError
from decisionaid.i18n import _
from decisionaid.log_privacy import PrivateFormatter

if TYPE_CHECKING:  # the services (and SQLAlchemy) load only when the app is opened
    from decisionaid.content.model import Content
    from decisionaid.services.appointments import Appointments
    from decisionaid.services.chart_outbox import ChartOutbox
    from decisionaid.services.clock import Clock, Timers
    from decisionaid.services.help import HelpRequests
    from decisionaid.services.help_outbox import HelpOutbox
    from decisionaid.services.peer_queries import PeerQueries
    from decisionaid.services.pins import PinHasher
    from decisionaid.services.profiles import ProfileService
    from decisionaid.services.visits import VisitService
    from decisionaid.storage import Database

log = logging.getLogger("decisionaid")

LOG_MAX_BYTES = 1_000_000
LOG_BACKUPS = 5  # at most 6 MB of log, oldest dropped first
_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(process)d %(threadName)s]: %(message)s"

_log_file: Path | None = None


def default_log_file() -> Path:
    """Where the log goes: ``logs/decisionaid.log`` in the data folder."""
    return configured_log_file()


def log_file() -> Path:
    """The log file this process writes (the default place until logging is configured):
    what a screen names when it says "see the log"."""
    return _log_file or default_log_file()


def _private_folder(folder: Path) -> None:
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name == "posix" and folder.stat().st_uid == os.geteuid():
        os.chmod(folder, 0o700)


def _handler_class():
    import logging.handlers

    class PrivateRotatingFile(logging.handlers.RotatingFileHandler):
        """A rotating file that is created, and kept, readable by its owner only."""

        def _open(self):
            flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0)
            fd = os.open(self.baseFilename, flags, 0o600)
            if os.name == "posix":
                os.fchmod(fd, 0o600)  # a file left by an older version may be wider
            return os.fdopen(fd, "a", encoding=self.encoding, errors=self.errors)

        def flush(self):
            with contextlib.suppress(OSError):
                super().flush()

        def close(self):
            with contextlib.suppress(OSError):
                super().close()

        def handleError(self, record):
            # A full disk or a lost log folder must not print a traceback on every line, nor
            # stop the kiosk: the line is lost, and doctor names the disk.
            return

    return PrivateRotatingFile


def configure_logging(path: Path | None = None) -> Path:
    """Send this process's warnings and errors (and the project's own notes) to ``path``
    (default: ``default_log_file()``) and log uncaught errors. Calling it again moves the log."""
    global _log_file
    path = Path(path) if path is not None else default_log_file()
    stop_logging()
    root = logging.getLogger()
    try:
        _private_folder(path.parent)
        handler = _handler_class()(path, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS,
                                   encoding="utf-8")
        handler.setLevel(logging.INFO)
    except OSError as e:
        handler = _log_to_stderr(path, e)
    handler.decisionaid = True  # type: ignore[attr-defined]
    if handler.formatter is None:
        # Errors are written without their messages, which may quote the data they choked on.
        handler.setFormatter(PrivateFormatter(_FORMAT))
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > logging.WARNING:
        root.setLevel(logging.WARNING)
    log.setLevel(logging.INFO)  # the project's own notes (backups, retries); others: warnings
    _log_file = path
    # An error nothing caught is logged, unless a hook of someone else's (a test runner's)
    # is already in place.
    if sys.excepthook is sys.__excepthook__:
        sys.excepthook = _log_uncaught
    if threading.excepthook is threading.__excepthook__:
        threading.excepthook = _log_uncaught_in_thread
    return path


def _log_to_stderr(path: Path, error: OSError) -> logging.Handler:
    """A log file planted as a symbolic link is not followed (it could point anywhere): say so
    in one line and keep the warnings on stderr (the journal, for the kiosk). A data folder
    that cannot be made at all is one line that names it."""
    if path.is_symlink():
        print(_("decisionaid: the log file {path} is a symbolic link, which is not followed: "
                "remove it; warnings go to the screen (or the journal) meanwhile", path=path),
              file=sys.stderr)
        handler = logging.StreamHandler(sys.stderr)
        handler.setLevel(logging.WARNING)
        handler.setFormatter(PrivateFormatter("decisionaid: %(levelname)s: %(message)s"))
        return handler
    xdg = os.environ.get("XDG_DATA_HOME")
    reason = error.strerror or error
    if xdg:
        raise UserError(_("cannot make the log folder {folder} ({reason}): the data folder must "
                          "be one this account can write; XDG_DATA_HOME is {xdg}: set it to such "
                          "a folder, or unset it", folder=path.parent, reason=reason, xdg=xdg)
                        ) from None
    raise UserError(_("cannot make the log folder {folder} ({reason}): the data folder must be "
                      "one this account can write", folder=path.parent, reason=reason)) from None


def stop_logging() -> None:
    """Undo ``configure_logging``: close the log file and put the error hooks back."""
    global _log_file
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "decisionaid", False)]:
        root.removeHandler(old)
        old.close()
    if sys.excepthook is _log_uncaught:
        sys.excepthook = sys.__excepthook__
    if threading.excepthook is _log_uncaught_in_thread:
        threading.excepthook = threading.__excepthook__
    _log_file = None


def _log_uncaught(kind, error, tb) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, tb)
        return
    log.critical("unexpected error", exc_info=(kind, error, tb))
    print(_("decisionaid: unexpected error ({kind}); the details are in {log_file}",
            kind=kind.__name__, log_file=log_file()),
          file=sys.stderr)


def _log_uncaught_in_thread(args) -> None:
    if args.exc_type is SystemExit:
        return
    name = args.thread.name if args.thread else "?"
    log.critical("unexpected error in thread %s", name,
                 exc_info=(args.exc_type, args.exc_value, args.exc_traceback))
    print(_("decisionaid: unexpected error ({kind}); the details are in {log_file}",
            kind=args.exc_type.__name__, log_file=log_file()), file=sys.stderr)


@dataclass
class App:
    """What every front end shares: the configuration, the content, the database and the
    services built on them, with one clock, one timer factory and one PIN hasher."""

    config: Config
    content: Content | None
    db: Database | None
    clock: Clock
    hasher: PinHasher | None = None  # None: the production argon2id parameters
    printer: Any = None  # a printer the caller handed in; None: the front end picks one
    staff: Any = None  # staff sign-in the caller handed in (tests, the demo); None: the real one
    log_file: Path | None = None
    # Where the windows' timed parts get their timers; None: Qt's (ui/common/timers.py).
    # Tests hand in a FakeTime, which is the clock as well.
    timers: Timers | None = None
    _owns_db: bool = field(default=True, repr=False)

    def _need(self, what: str):
        value = getattr(self, what)
        if value is None:
            raise RuntimeError(f"this App was opened without {what}")
        return value

    @cached_property
    def visits(self) -> VisitService:
        from decisionaid.services.visits import VisitService

        visits = VisitService(self._need("db"), self._need("content"), clock=self.clock)
        visits.chart_destinations = self.config.health_record.destinations
        return visits

    @cached_property
    def profiles(self) -> ProfileService:
        from decisionaid.services.profiles import ProfileService

        return ProfileService(self._need("db"), hasher=self.hasher, clock=self.clock)

    @cached_property
    def queries(self) -> PeerQueries:
        from decisionaid.services.peer_queries import PeerQueries

        return PeerQueries(self._need("db"), self._need("content"), clock=self.clock)

    @cached_property
    def appointments(self) -> Appointments:
        from decisionaid.services.appointments import Appointments

        return Appointments(self._need("db"), clock=self.clock)

    @cached_property
    def help(self) -> HelpRequests:
        from decisionaid.services.help import HelpRequests

        return HelpRequests(self._need("db"), kiosk=self.config.kiosk_name, clock=self.clock)

    @cached_property
    def help_outbox(self) -> HelpOutbox:
        """Calls for a peer worker kept on the kiosk's disk until delivered (the data folder's
        ``help-outbox.json``); safety answers the database could not take go there too."""
        from decisionaid.config import data_dir
        from decisionaid.services.help_outbox import FILE_NAME, HelpOutbox

        outbox = HelpOutbox(data_dir() / FILE_NAME, self.help, self.visits, clock=self.clock,
                            key=self.config.db_key)
        self.visits.outbox = outbox
        return outbox

    @cached_property
    def chart_outbox(self) -> ChartOutbox:
        """What is owed to the clinic's health record, and its sender (``[health_record]``)."""
        from decisionaid.services.chart_outbox import ChartOutbox

        return ChartOutbox(self._need("db"), self.content, self.config.health_record,
                           self.report_pdf, clock=self.clock)

    def report_pdf(self, visit_id: int) -> bytes:
        """A stored visit's one-page report for the prescriber: in the site's name, paper size
        and ``report_language``."""
        from decisionaid.services.visit_report import report_pdf

        return report_pdf(self.visits, visit_id, self.config.site_name, self.config.paper,
                          language=self.config.report_lang,
                          identifiers=self.config.report_identifiers,
                          trim_order=self.config.report_trim_order)

    def kiosk_report_pdf(self, visit_id: int) -> bytes:
        """The prescriber's page as the kiosk shows and prints it: identified by what the
        person's own profile holds, never by the clinic's schedule (the kiosk must not reveal
        whether a name and birthday have an appointment)."""
        from decisionaid.services.visit_report import report_pdf

        return report_pdf(self.visits, visit_id, self.config.site_name, self.config.paper,
                          language=self.config.report_lang,
                          identifiers=self.config.report_identifiers,
                          trim_order=self.config.report_trim_order, schedule=False)

    def own_language_pdf(self, visit_id: int) -> bytes:
        """The same page in the language the person answered in, for them to keep (made at
        the kiosk: nothing of the schedule, as ``kiosk_report_pdf``)."""
        from decisionaid.services.visit_report import report_pdf

        return report_pdf(self.visits, visit_id, self.config.site_name, self.config.paper,
                          identifiers=self.config.report_identifiers,
                          trim_order=self.config.report_trim_order, schedule=False)

    def room_preview_pdf(self, visit_id: int) -> bytes:
        """The page for the kiosk's screen: the person's language, no alerts box."""
        from decisionaid.services.visit_report import room_preview_pdf

        return room_preview_pdf(self.visits, visit_id, self.config.site_name, self.config.paper)

    def close(self) -> None:
        if self.db is not None and self._owns_db:
            self.db.dispose()

    def __enter__(self) -> App:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def load_site_content(config: Config, kept_in: Path | None = None) -> Content:
    """The configured content, or one line naming the first problem's FILE:LINE. ``kept_in``:
    the folder where the checked content is kept between starts (``content.cache``)."""
    from decisionaid.content import cache

    def checked(root: Path, languages: tuple[str, ...]) -> Content:
        from decisionaid.content.loader import load_content

        return load_content(root, languages)

    try:
        return cache.load(config.content_dir, config.languages, kept_in, checked)
    except Exception as e:
        from decisionaid.content.loader import ContentErrors

        if not isinstance(e, ContentErrors):
            raise
        raise UserError(_("the content does not pass the check: {error}; run 'decisionaid check'",
                          error=e)) \
            from None


def open_app(
    config: Config | str | os.PathLike | None = None,
    *,
    content: Content | bool = True,
    database: Database | bool = True,
    create: bool = True,
    printer: Any = None,
    staff: Any = None,
    hasher: PinHasher | None = None,
    clock: Clock | None = None,
    timers: Timers | None = None,
    logging_to: Path | bool = True,
) -> App:
    """Open everything a front end needs, as the configuration says.

    ``config``: a ``Config``, or the configuration file to read (None: the usual places).
    ``content``/``database``: False for commands that do without; an already loaded ``Content``
    or open ``Database`` is used as it is (tests share them; the App then leaves the database
    open on ``close``). ``create=False``: a missing SQLite file is an error (read-only
    commands). ``logging_to``: the log file (True: the data folder's; False: leave logging as
    it is). ``clock``/``timers``: the time every part reads and the timers every window's timed
    part runs on (None: the real ones). Bad content raises ``UserError`` naming the first FILE:LINE; a database that cannot
    be opened raises the storage layer's one-line ``DatabaseError``.
    """
    if not isinstance(config, Config):
        config = load_config(config)
    # The site's own catalogues (a language added as files) before the shipped ones.
    i18n.set_site_dirs([config.locale_dir])
    where = None
    if logging_to is not False:
        where = configure_logging(None if logging_to is True else Path(logging_to))
    from decisionaid.services.clock import utc_now

    # An SQLCipher key is checked (SQLCipher takes its time over it, by design, off Python's
    # lock) while the content is read and the storage layer imported.
    early = None
    if database is True and config.db_key:
        from decisionaid.storage.sqlite_file import KeyCheck

        early = KeyCheck(config.database_url, config.db_key)
    try:
        if content is True:
            from decisionaid.config import data_dir

            loaded = load_site_content(config, data_dir() / "cache")
        else:
            loaded = content or None
        db, owns = None, False
        if database is True:
            from decisionaid.storage.database import key_for_new_install, open_database

            config = key_for_new_install(config, create=create)
            db, owns = open_database(config, create=create, checked=early), True
        elif database is not False:
            db = database
    finally:
        if early is not None:
            early.close()  # nothing left to close once the database took its connection
    return App(config=config, content=loaded, db=db, clock=clock or utc_now, hasher=hasher,
               printer=printer, staff=staff, log_file=where, timers=timers, _owns_db=owns)
