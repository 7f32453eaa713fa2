"""The ``decisionaid`` command: one sub-command per module in this package.

Each module has ``register(subparsers)``, which adds its parser and sets ``func`` to a
``run(args) -> int``. Anything a user can get wrong raises ``UserError`` and is shown as one
line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from decisionaid import __version__
from decisionaid.errors import UserError

# The sub-commands, in the order ``--help`` lists them.
COMMANDS = (
    "kiosk",
    "peer",
    "check",
    "demo",
    "report",
    "export",
    "export_questionnaires",
    "staff",
    "db",
    "purge",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="decisionaid",
        description=(
            "A touch-screen decision support kiosk for psychiatric medication visits. "
            "Run 'decisionaid COMMAND --help' for each command."
        ),
    )
    parser.add_argument("--version", action="version", version=f"decisionaid {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"decisionaid.cli.{name}")
        except ModuleNotFoundError as e:
            if e.name != f"decisionaid.cli.{name}":
                raise
            continue  # a command whose module is not part of this build
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        if "kiosk" in parser._subparsers._group_actions[0].choices:  # the default command
            args = parser.parse_args(["kiosk", *(argv if argv is not None else sys.argv[1:])])
        else:
            parser.print_help()
            return 0
    try:
        return int(args.func(args) or 0)
    except UserError as e:
        print(f"decisionaid: {e}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        print("decisionaid: stopped", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
