"""``doctor``: is this machine ready to be a kiosk or peer station? Checks as plain data.

Each check gives one ``Finding``: what was looked at, whether it passed (``ok``), needs a look
(``warn``) or failed (``fail``), what was found and what to do. The command, the kiosk's staff
menu and the peer station's Admin tab all show the same lines; ``EXIT_CODES`` are the command's
exit codes, as monitoring systems (Nagios, Icinga) read them. The checks of the machine's
surroundings (printer, backups, clock, PostgreSQL tools) are in ``doctor_checks``; those that
need Qt (speech, media, screen) live in ``decisionaid.ui.common.doctor`` and are added by
whoever can import it.
"""

from __future__ import annotations

import logging
import os
import shutil
import stat
from collections.abc import Callable, Iterable
from pathlib import Path

from decisionaid.config import log_file
from decisionaid.errors import UserError
from decisionaid.i18n import _, ngettext
from decisionaid.services.doctor_checks import (
    check_backup,
    check_pg_tools,
    check_printer,
    check_time_zone,
)
from decisionaid.services.findings import EXIT_CODES, Finding, worst

__all__ = [
    "EXIT_CODES",
    "Finding",
    "check_backup",
    "check_pg_tools",
    "check_printer",
    "check_time_zone",
    "worst",
]

log = logging.getLogger(__name__)

FREE_DISK_MIN = 1 << 30  # 1 GiB: a year of visits is a few MB, but backups and logs grow
Check = Callable[[object], list[Finding]]  # config -> findings (the Qt checks take this form)


def _config_finding(explicit) -> tuple[object | None, Finding]:
    from decisionaid.config import config_dir, config_path, load_config

    try:
        path = config_path(explicit)
        config = load_config(explicit)
    except UserError as e:
        return None, Finding("configuration", False, str(e),
                             _("correct the file; the other checks need it"))
    if path is None:
        return config, Finding(
            "configuration", False, _("no configuration file: built-in defaults in use"),
            _("write {file} with the site's name and crisis message (docs/install.md)",
              file=config_dir() / "config.toml"))
    return config, Finding("configuration", True, _("{path}, site '{site_name}'",
                                                    path=path, site_name=config.site_name))


def check_content(config) -> list[Finding]:
    from decisionaid.content.loader import check

    result = check(config.content_dir, config.languages)
    if result.errors:
        first = result.errors[0]
        found = (ngettext("{first} (and {n} more)", "{first} (and {n} more)",
                          len(result.errors) - 1, first=first)
                 if len(result.errors) > 1 else str(first))
        return [Finding("content", False, found,
                        _("mend the file at that line, then run 'decisionaid check'"))]
    if result.checked_nothing:
        return [Finding("content", False, _("no questionnaires in {content_dir}",
                                            content_dir=config.content_dir),
                        _("set content_dir to the site's content folder, or remove it to use the "
                          "shipped content"))]
    return [Finding("content", True, _("{questionnaires} questionnaires, {vignettes} vignettes "
                                       "in {content_dir}",
                                       questionnaires=result.questionnaires,
                                       vignettes=result.vignettes, content_dir=config.content_dir))]


def check_database(config) -> list[Finding]:
    """Reachable, schema current, key set."""
    from decisionaid.storage.database import connect, describe, key_warning, sqlite_path

    where = describe(config.database_url)
    findings: list[Finding] = []
    path = sqlite_path(config.database_url)
    if path is not None and not path.exists():
        return [Finding("database", False, _("{path} does not exist yet", path=path),
                        _("run 'decisionaid db upgrade' (or start the kiosk once) to create it"))]
    try:
        db = connect(config.database_url, config.db_key, create=False)
    except UserError as e:
        return [_database_problem(e, "fix the database setting or the key")]
    try:
        from decisionaid.storage.database import ensure_reachable

        try:
            ensure_reachable(db)
            status = db.schema_status()
        except UserError as e:
            return [_database_problem(e, "check the server is running and database_url is right")]
        except Exception as e:  # a driver's own error: say it in one line
            return [Finding("database", False, f"{where}: {str(e).strip().splitlines()[0]}",
                            _("check the server is running and database_url is right"))]
        findings.append(Finding("database", True, f"{where} answers"
                                + (" (encrypted)" if db.encrypted else "")))
        findings.append(_schema_finding(status, db))
    finally:
        db.dispose()
    findings += _key_findings(config, key_warning(config.database_url, config.db_key))
    return findings


def _key_findings(config, warning: str | None) -> list[Finding]:
    """SQLite: the file is encrypted, unless plain storage was asked for (which fails all the
    same). PostgreSQL: there is a key to seal its dumps with, and the connection uses TLS."""
    from decisionaid.storage.database import sqlite_path

    if getattr(config, "plain_database", False):
        return [Finding("key", False,
                        _("plain_database = true: the database and its backups are stored "
                          "unencrypted"),
                        _("remove plain_database from the configuration, then run 'decisionaid "
                          "db encrypt' (docs/install.md, The database key)"))]
    if warning:
        return [Finding("key", False, warning.split(":")[0],
                        _("close the kiosks, make a backup, then run 'decisionaid db encrypt'"))]
    where = getattr(config, "key_from", None) or _("the configuration")
    if sqlite_path(config.database_url) is not None:
        return [Finding("key", True, _("the database file is encrypted; its key is in {where}",
                                       where=where))]
    if not config.db_key:
        key = Finding("key", False,
                      _("no database key: PostgreSQL dumps would be written unsealed"),
                      _("run 'decisionaid db upgrade' once to make the key file "
                        "(docs/install.md, The database key)"))
    else:
        key = Finding("key", True, _("PostgreSQL dumps are sealed with the key in {where}",
                                     where=where))
    return [key, _postgres_tls(config)]


def _database_problem(error: UserError, fix: str) -> Finding:
    """A storage error whose cause is known carries its own advice (a full disk is not
    damage, and is never told to restore)."""
    cause = getattr(error, "cause", "other")
    if cause != "other":
        return Finding("database", False, error.found, error.fix)
    return Finding("database", False, str(error), fix)


def _schema_finding(status, db) -> Finding:
    from decisionaid.storage.migrate import _check_not_newer

    if status.up_to_date:
        return Finding("schema", True, _("at revision {current}, current", current=status.current))
    try:
        _check_not_newer(status, db)
    except UserError:
        return Finding("schema", False, _("at revision {current}, made by a newer decisionaid "
                                          "(this one knows up to {head})",
                                          current=status.current, head=status.head),
                       _("update decisionaid on this machine (docs/install.md, Updates)"))
    return Finding(
        "schema", False,
        _("at revision {current}, this version needs {head}",
          current=status.current, head=status.head) if status.current else
        _("at revision none (empty), this version needs {head}", head=status.head),
        _("close the kiosks, make a backup, then run 'decisionaid db upgrade'"))


def _postgres_tls(config) -> Finding:
    from sqlalchemy.engine import make_url

    from decisionaid.config import network_without_tls

    host = network_without_tls(config.database_url)
    if host:  # only with database_without_tls = true: the configuration refuses it otherwise
        return Finding("network", False, _("PostgreSQL at {host} without TLS "
                                           "(database_without_tls = true): answers cross the "
                                           "network readable", host=host),
                       _("add ?sslmode=verify-full to database_url and remove "
                         "database_without_tls (docs/install.md)"))
    u = make_url(config.database_url)
    mode = u.query.get("sslmode", "") or os.environ.get("PGSSLMODE", "")
    host = u.host or _("a local socket or service")
    if mode:
        return Finding("network", True, _("PostgreSQL at {host}, TLS ({mode})", host=host,
                                          mode=mode))
    return Finding("network", True, _("PostgreSQL at {host}, on this machine", host=host))


def check_secrets(config) -> list[Finding]:
    """Every file holding a secret (the key file, a config file holding db_key or a password,
    libpq's password and service files, a TLS client key) is the running account's alone."""
    from decisionaid import secret_files

    held = [(path, what) for path, what in _secret_files(config) if path.exists()]
    problems = [p for path, what in held if (p := secret_files.problem(path, what))]
    if problems:
        fix = problems[0].rpartition(": ")[2]
        return [Finding("secrets", False, "; ".join(p.rpartition(": ")[0] for p in problems),
                        fix if len(problems) == 1 else "run chmod 600 and chown on each file named")]
    if not held:
        return [Finding("secrets", True, _("no secret is kept in a file"))]
    return [Finding("secrets", True, _("{files}: private to {user}",
                                       files=", ".join(str(p) for p, _kind in held), user=_user()))]


def _holds_secret(config) -> bool:
    """Whether the configuration file itself holds db_key or a database password."""
    from decisionaid.config import url_password

    source = getattr(config, "source", None)
    return source is not None and (getattr(config, "key_from", None) == f"db_key in {source}"
                                   or bool(url_password(config.database_url)))


def _secret_files(config) -> list[tuple[Path, str]]:
    from sqlalchemy.engine import make_url

    from decisionaid import secret_files

    found: list[tuple[Path, str]] = []
    key_file = getattr(config, "db_key_file", None)
    if key_file is not None:
        found.append((Path(key_file), "the database key"))
    source = getattr(config, "source", None)
    if source is not None and _holds_secret(config):
        found.append((Path(source), "a secret (db_key or the database password)"))
    if config.database_url.startswith("postgresql"):
        found += secret_files.libpq_files()
        sslkey = make_url(config.database_url).query.get("sslkey")
        if isinstance(sslkey, str):
            found.append((Path(sslkey).expanduser(), "the TLS client key"))
    return found


def check_permissions(config) -> list[Finding]:
    """The data folder, database, backups and log are this account's, and private."""
    from decisionaid.config import data_dir
    from decisionaid.storage.backup import backups_dir
    from decisionaid.storage.database import sqlite_path

    wanted: list[tuple[Path, int]] = [(data_dir(), 0o700), (backups_dir(), 0o700),
                                      (log_file().parent, 0o700)]
    path = sqlite_path(config.database_url)
    if path is not None:
        wanted += [(path.parent, 0o700), (path, 0o600)]
        wanted += [(path.with_name(path.name + s), 0o600) for s in ("-wal", "-shm")]
    not_ours = [item for item, _mode in wanted if _not_ours(item)]
    if not_ours:
        owners = sorted({_owner(item) for item in not_ours})
        return [Finding("permissions", False,
                        ngettext("{items} belongs to {owners}, not to {user}: backups and "
                                 "saving fail",
                                 "{items} belong to {owners}, not to {user}: backups and saving "
                                 "fail", len(not_ours), items=", ".join(map(str, not_ours)),
                                 owners=", ".join(owners), user=_user()),
                        ngettext("give it back, as root, with 'chown -R {user}: {items}' (a "
                                 "command run as root made it); nothing is lost",
                                 "give them back, as root, with 'chown -R {user}: {items}' (a "
                                 "command run as root made them); nothing is lost",
                                 len(not_ours), user=_user(), items=" ".join(map(str, not_ours))))]
    if config.source is not None:
        wanted.append((config.source, 0o600 if _holds_secret(config) else 0o644))
    loose = []
    for item, most in dict(wanted).items():
        try:
            mode = stat.S_IMODE(item.stat().st_mode)
        except FileNotFoundError:
            continue
        if mode & ~most & 0o077:
            loose.append(_("{item} is {mode:04o}", item=item, mode=mode))
            fix = f"chmod {most:o} {item}"
    if loose:
        return [Finding("permissions", False,
                        _("{items} (others can read health data)", items="; ".join(loose)),
                        fix if len(loose) == 1 else
                        _("chmod 700 the folders and 600 the files named"))]
    return [Finding("permissions", True, _("data folder, database, backups and log are private "
                                           "to {user}", user=_user()))]


def _not_ours(item: Path) -> bool:
    """``item`` exists and this account does not own it or cannot write it."""
    try:
        st = item.stat()
    except OSError:
        return False
    if os.name == "posix" and st.st_uid != os.geteuid():
        return True
    return not os.access(item, os.W_OK | (os.X_OK if item.is_dir() else 0))


def _owner(item: Path) -> str:
    try:
        import pwd

        return pwd.getpwuid(item.stat().st_uid).pw_name
    except (ImportError, KeyError, OSError):
        return "another account"


def _user() -> str:
    try:
        import pwd

        return pwd.getpwuid(os.geteuid()).pw_name
    except (ImportError, KeyError):
        return os.environ.get("USERNAME", "this user")


def check_disk(config) -> list[Finding]:
    from decisionaid.config import data_dir
    from decisionaid.storage.database import sqlite_path

    folder = sqlite_path(config.database_url)
    folder = folder.parent if folder is not None else data_dir()
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    free = shutil.disk_usage(folder).free
    text = _("{free:.1f} GB free at {folder}", free=free / (1 << 30), folder=folder)
    if free < FREE_DISK_MIN:
        return [Finding("disk", False, text,
                        _("free at least 1 GB (old backups, logs) or add a disk"))]
    return [Finding("disk", True, text)]


def check_health_record(config) -> list[Finding]:
    """The health record's destinations answer to what they need (folder there, token
    private) and nothing owed to it has been failing (docs/health-record.md). Nothing is
    said where no health record is configured."""
    import os

    settings = config.health_record
    if not settings.destinations:
        return []  # not configured: nothing is sent, nothing to check
    findings = []
    if settings.folder is not None:
        there = settings.folder.is_dir() and os.access(settings.folder, os.W_OK)
        findings.append(Finding("health record folder", there, f"{settings.folder}" if there
                                else _("{folder} is not there or not writable",
                                       folder=settings.folder),
                                _("mount the share or fix health_record.folder")))
    if settings.fhir_url:
        try:
            token = settings.fhir_token()
            findings.append(Finding("health record token", bool(token),
                                    _("a private token is set") if token else _("no token"),
                                    _("put it in fhir_token_file (chmod 600) or the systemd "
                                      "credential decisionaid-fhir-token")))
        except UserError as e:
            findings.append(Finding("health record token", False, str(e),
                                    _("see docs/health-record.md")))
    from sqlalchemy import func, select

    from decisionaid.storage.database import connect
    from decisionaid.storage.models import ChartDelivery

    try:
        db = connect(config.database_url, config.db_key, create=False)
    except UserError:
        return findings  # the database check says why
    try:
        failed = db.read(lambda s: s.scalar(select(func.count()).select_from(ChartDelivery)
                                            .where(ChartDelivery.state == "failed")))
    except Exception:  # an older schema, or unreachable: the database check says why
        return findings
    finally:
        db.dispose()
    # A warning: each is tried again by itself, unless a person must fix something first.
    findings.append(Finding("health record outbox", not failed,
                            ngettext("{n} report(s) not sent", "{n} report(s) not sent", failed)
                            if failed else _("nothing failing"),
                            _("see 'decisionaid outbox status' for the reason, then 'decisionaid "
                              "outbox send --again ID'"), warning=True))
    return findings


# In the order they are shown.
PLAIN_CHECKS: tuple[Check, ...] = (check_content, check_database, check_permissions,
                                   check_secrets, check_disk, check_printer, check_backup,
                                   check_time_zone, check_pg_tools, check_health_record)


def run_checks(explicit_config=None, extra: Iterable[Check] = (), *,
               config=None) -> list[Finding]:
    """Every check, in order; ``extra`` are the Qt checks when the caller can run them.
    With ``config`` given (a running kiosk), the file is not read again."""
    if config is None:
        config, first = _config_finding(explicit_config)
        findings = [first]
        if config is None:
            return findings
    else:
        findings = [Finding("configuration", True,
                            _("{source}, site '{site_name}'", source=config.source,
                              site_name=config.site_name) if config.source else
                            _("built-in defaults, site '{site_name}'", site_name=config.site_name))]
    for check in (*PLAIN_CHECKS, *extra):
        try:
            findings += check(config)
        except Exception as e:  # one broken check must not hide the others
            name = getattr(check, "__name__", "check").removeprefix("check_").replace("_", " ")
            log.error("doctor: the %s check failed", name, exc_info=e)
            findings.append(Finding(name, False, _("could not be checked: {error}", error=e),
                                    _("see the log in {log_file}; report it if it persists",
                                      log_file=log_file())))
    return findings


def all_passed(findings: Iterable[Finding]) -> bool:
    return all(f.ok for f in findings)


def exit_code(findings: Iterable[Finding]) -> int:
    """0 all passed, 1 a warning, 2 a failure (Nagios' OK, WARNING, CRITICAL)."""
    return EXIT_CODES[worst(findings)]


check_backup_age = check_backup  # the name it had when it only looked at the age
