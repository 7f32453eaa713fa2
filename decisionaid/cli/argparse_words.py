"""argparse's own words (the usage line, the help's headings, its errors) in the command line's
language. argparse looks each one up through its module's ``_`` and ``ngettext`` when it writes
it; :func:`speak_the_users_language` points those at the ``messages`` catalogue, so a Spanish
terminal reads "uso:" and "opciones", not English headings over Spanish help."""

from __future__ import annotations

import argparse

from decisionaid import i18n
from decisionaid.i18n import N_

# The ones a person meets, marked so `make translations` puts them in messages.pot (argparse's
# other messages are for programmers: a wrong add_argument call).
WORDS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("the following arguments are required: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("unrecognized arguments: %s"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("expected one argument"),
    N_("expected at least one argument"),
    N_("expected at most one argument"),
    N_("invalid %(type)s value: %(value)r"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("ignored explicit argument %r"),
    N_("can't open '%(filename)s': %(error)s"),
)


def _gettext(message: str) -> str:
    return i18n.catalogue("messages", i18n.current_language()).gettext(message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return i18n.catalogue("messages", i18n.current_language()).ngettext(singular, plural, n)


def speak_the_users_language() -> None:
    """From now on argparse writes its words in the current language (English where the
    catalogue has none)."""
    argparse._ = _gettext  # type: ignore[attr-defined]
    argparse.ngettext = _ngettext  # type: ignore[attr-defined]
