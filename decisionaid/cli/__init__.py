"""The ``decisionaid`` command: one sub-command per module in this package.

Each module has ``register(subparsers)``, which adds its parser and sets ``func`` to a
``run(args) -> int``. Anything a user can get wrong raises ``UserError`` and is shown as one
line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from decisionaid import __version__
from decisionaid.errors import UserError
from decisionaid.i18n import _

# The sub-commands, in the order ``--help`` lists them.
COMMANDS = (
    "kiosk",
    "peer",
    "check",
    "demo",
    "preview",
    "report",
    "export",
    "export_questionnaires",
    "translate",
    "outbox",
    "staff",
    "db",
    "backup",
    "purge",
    "appointments",
    "doctor",
)
# Commands registered by another command's module.
REGISTERED_BY = {"restore": "backup"}


def _module_name(command: str) -> str:
    name = command.replace("-", "_")
    return REGISTERED_BY.get(name, name)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser; with ``only``, just that command's module is imported, so running
    one command (the kiosk above all) does not pay for importing every other one."""
    parser = argparse.ArgumentParser(
        prog="decisionaid",
        description=(
            _("A touch-screen decision support kiosk for psychiatric medication visits. Run "
              "'decisionaid COMMAND --help' for each command.")
        ),
    )
    parser.add_argument("--version", action="version", version=f"decisionaid {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        if only is None or name == only:
            importlib.import_module(f"decisionaid.cli.{name}").register(subparsers)
    return parser


def _command_in(argv: list[str]) -> str | None:
    """The module of the command ``argv`` names; the kiosk when it names none (it is the
    default command); None for a bare ``--help`` or ``--version`` or an unknown word."""
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version")):
        return "kiosk"
    first = next((a for a in argv if not a.startswith("-")), None)
    if first is not None and _module_name(first) in COMMANDS:
        return _module_name(first)
    return None


def main(argv: list[str] | None = None) -> int:
    from decisionaid.files import private_umask

    private_umask()  # before anything is written: health data is never readable by others
    argv = list(sys.argv[1:] if argv is None else argv)
    from decisionaid.cli.argparse_words import speak_the_users_language

    speak_the_users_language()
    command = _command_in(argv)
    if command == "kiosk" and (not argv or argv[0].startswith("-")):
        argv = ["kiosk", *argv]  # the default command
    args = build_parser(command).parse_args(argv)
    if not getattr(args, "func", None):
        build_parser().print_help()
        return 0
    try:
        return int(args.func(args) or 0)
    except UserError as e:
        print(f"decisionaid: {e}", file=sys.stderr)
        return e.exit_code
    except OSError as e:  # a full disk, a folder of another account, met outside the storage
        from decisionaid.files import os_error_line

        if any(getattr(h, "decisionaid", False) for h in logging.getLogger().handlers):
            logging.getLogger("decisionaid").error("%s failed", command, exc_info=e)
        print(f"decisionaid: {os_error_line(e, doing='use')}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(_("decisionaid: stopped"), file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
