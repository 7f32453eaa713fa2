"""``decisionaid staff add|list|reset-pin|disable|set-role|set-language``: staff accounts for the
peer station and kiosk.

A PIN is never a command-line argument (it would sit in the shell's history): it is asked for
twice without echo. When standard input is not a terminal (a script, a test) the two PINs are
read from it, one a line. Each action is recorded in the audit log as the command line, with
the operating-system user who ran it.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from decisionaid.app import open_app
from decisionaid.errors import UserError
from decisionaid.i18n import _
from decisionaid.services import audit, roles, staff
from decisionaid.services.clock import utc_now


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "staff",
        help=_("add, list, reset the PIN of, or disable staff accounts"),
        description=(
            _("Staff accounts for the peer station and the kiosk's staff menu. A PIN is 4 to 8 "
              "digits; it is asked for twice and never shown.")
        ),
    )
    parser.add_argument("--config", metavar="FILE", help=_("the site configuration file"))
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    add = actions.add_parser("add", help=_("add a staff account (asks for the PIN)"))
    add.add_argument("name", help=_("the name the person signs in with, e.g. \"Maria G\""))
    add.add_argument("--role", choices=staff.STAFF_ROLES, default="peer",
                     help=_("peer (default: the peer station and the kiosk's peer sign-in), "
                            "admin (also statistics, export, purge and staff accounts) or "
                            "prescriber (today's reports and the decision only)"))
    add.add_argument("--language", metavar="CODE",
                     help=_("the language the station and the desk speak to them, one of the "
                            "site's languages (default: the site's first)"))
    add.add_argument("--config", metavar="FILE", default=argparse.SUPPRESS,
                     help=_("the site configuration file"))

    lst = actions.add_parser("list", help=_("list staff accounts"))
    lst.add_argument("--config", metavar="FILE", default=argparse.SUPPRESS,
                     help=_("the site configuration file"))

    reset = actions.add_parser("reset-pin", help=_("set a new PIN and unlock the account"))
    reset.add_argument("name")
    reset.add_argument("--config", metavar="FILE", default=argparse.SUPPRESS,
                       help=_("the site configuration file"))

    disable = actions.add_parser("disable", help=_("stop an account from signing in (kept for "
                                                   "the log)"))
    disable.add_argument("name")
    disable.add_argument("--config", metavar="FILE", default=argparse.SUPPRESS,
                         help=_("the site configuration file"))

    set_role = actions.add_parser("set-role", help=_("give an account another role (its open "
                                                     "sessions end within seconds)"))
    set_role.add_argument("name")
    set_role.add_argument("--role", choices=staff.STAFF_ROLES, required=True)
    set_role.add_argument("--config", metavar="FILE", default=argparse.SUPPRESS,
                          help=_("the site configuration file"))

    set_language = actions.add_parser(
        "set-language", help=_("the language the station and the desk speak to an account"))
    set_language.add_argument("name")
    set_language.add_argument("--language", metavar="CODE", required=True,
                              help=_("one of the site's languages, or '{site}' for the site's "
                                     "first", site=staff.SITE_LANGUAGE))
    set_language.add_argument("--config", metavar="FILE", default=argparse.SUPPRESS,
                              help=_("the site configuration file"))

    parser.set_defaults(func=run)


def ask_pin(prompt: str = "PIN") -> str:
    """A new PIN, typed twice without echo (or two lines of standard input)."""
    if sys.stdin.isatty():
        first = getpass.getpass(_("{prompt} (4 to 8 digits): ", prompt=prompt))
        second = getpass.getpass(_("{prompt} again: ", prompt=prompt))
    else:
        first = sys.stdin.readline().strip()
        second = sys.stdin.readline().strip()
    if first != second:
        raise UserError(_("the two PINs are not the same: nothing was changed"))
    return staff.check_pin(first)


def run(args: argparse.Namespace) -> int:
    me = roles.command_line()  # acting as the operating-system user, recorded in the audit log
    with open_app(getattr(args, "config", None), content=False) as app:
        db = app.db
        languages = app.config.languages
        if args.action == "add":
            staff.check_language(args.language, languages)  # before asking for a PIN
            pin = ask_pin()
            member = staff.add(db, args.name, args.role, pin, by=me, language=args.language,
                               languages=languages)
            print(_("added {name} ({role})", name=member.name, role=member.role))
        elif args.action == "list":
            members = staff.list(db, by=me)
            audit.note(db, audit.STAFF_COMMAND, by=me, at=utc_now(), command="staff list")
            now = utc_now()
            if not members:
                print(_("no staff accounts yet: add one with 'decisionaid staff add NAME --role "
                        "admin'"))
            for m in members:
                status = "disabled" if m.disabled else "locked" if m.locked_at(now) else "active"
                print(f"{m.name}\t{m.role}\t{status}\t{m.language or staff.SITE_LANGUAGE}")
        elif args.action == "reset-pin":
            staff.get_by_name(db, args.name)  # say "no such account" before asking for a PIN
            pin = ask_pin(_("New PIN"))
            member = staff.reset_pin(db, args.name, pin, by=me)
            print(_("new PIN set for {name}; the account is unlocked", name=member.name))
        elif args.action == "disable":
            member = staff.disable(db, args.name, by=me)
            print(_("disabled {name}: they can no longer sign in", name=member.name))
        elif args.action == "set-role":
            member = staff.set_role(db, args.name, args.role, by=me)
            print(_("{name} is now {role}; their open sessions end",
                    name=member.name, role=member.role))
        elif args.action == "set-language":
            member = staff.set_language(db, args.name, args.language, languages=languages, by=me)
            if member.language:
                print(_("{name} now sees the station and the desk in {language}",
                        name=member.name, language=member.speaks(languages)))
            else:
                print(_("{name} now sees the station and the desk in {language} (the site's "
                        "first language)", name=member.name, language=member.speaks(languages)))
    return 0
