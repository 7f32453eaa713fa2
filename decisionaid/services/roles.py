"""Who may do what: checked in the services themselves, so no screen or command can skip it.

Every use-case that reads or changes what only some staff may see takes the signed-in staff
member and calls ``require`` first. The command line acts as the operating-system user, who
has the machine's files anyway; it passes ``CLI`` (an admin) and records that user's name.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass

from decisionaid.errors import UserError
from decisionaid.i18n import _

ADMIN = frozenset({"admin"})
# The peer station's daily work: Today board, search, a person's visits, reviews, PIN resets.
PEER_WORK = frozenset({"peer", "admin"})
# Today's reports and the decision recorded with the person (a prescriber's part).
REPORTS = frozenset({"peer", "admin", "prescriber"})


class NotAllowed(UserError):
    """The signed-in account's role does not allow this; the message says who may."""


@dataclass(frozen=True)
class CommandLine:
    """The command line, acting as the operating-system user who ran it (an admin: they can
    read the data folder's files in any case)."""

    os_user: str
    id: None = None
    name: str = "command line"
    role: str = "admin"

    @property
    def is_admin(self) -> bool:
        return True


def command_line() -> CommandLine:
    try:
        user = getpass.getuser()
    except Exception:  # no login name (a container without /etc/passwd entry)
        user = "unknown"
    return CommandLine(user[:32])


def caller(by: object | None) -> object:
    """``by``, or the command line when a service is called without a staff member (the
    ``decisionaid`` commands, scripts and tests run as the operating-system user)."""
    return command_line() if by is None else by


def require(member: object, allowed: frozenset[str], action: str) -> object:
    """Raise ``NotAllowed`` unless ``member`` (a ``StaffMember`` or the command line) has one
    of the ``allowed`` roles now; returns it as it is now. A signed-in account is read again
    (``current``), so one disabled or given another role since it signed in is held to that."""
    held = {getattr(member, "role", None)}
    current = getattr(member, "current", None)
    if callable(current):
        now = current()
        # A session keeps what its account may do both then and now: never more than either.
        held.add(getattr(now, "role", None))
        member = now
    if getattr(member, "disabled", False):
        raise NotAllowed(_("this account has been disabled: ask an admin"))
    if held <= allowed:
        return member
    who = _(" or ").join(sorted(allowed))
    role = getattr(member, "role", None)
    action = _(action)  # marked with N_ where require is called
    if role:
        raise NotAllowed(_("only {who} accounts may {action} (this account is {role})",
                           who=who, action=action, role=role))
    raise NotAllowed(_("only {who} accounts may {action} (this account has no role)",
                       who=who, action=action))


def require_staff_id(session, staff_id: int | None, allowed: frozenset[str],
                     action: str) -> None:
    """``require`` for a use-case that takes a staff id (inside its transaction); None is the
    command line or a kiosk, which have no staff account."""
    if staff_id is None:
        return
    from decisionaid.storage.models import Staff

    row = session.get(Staff, staff_id)
    if row is None:
        raise NotAllowed(_("there is no staff account with id {staff_id}", staff_id=staff_id))
    require(row, allowed, action)


def audit_fields(member: object) -> dict:
    """``actor``, ``staff_id`` and, for the command line, ``os_user``: the keyword arguments
    ``audit.record`` takes to say who did something."""
    if isinstance(member, CommandLine):
        return {"actor": "cli", "staff_id": None, "os_user": member.os_user}
    return {"actor": "peer", "staff_id": getattr(member, "id", None)}
