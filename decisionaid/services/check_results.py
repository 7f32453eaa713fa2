"""Where ``doctor``'s results go when it runs by itself (the systemd timer, the kiosk each
hour): into the database, one row per machine, for the peer station to show to staff until a
later run passes; as JSON for a monitoring system; and as a node_exporter textfile.
"""

from __future__ import annotations

import json
import logging
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta

from decisionaid.services.clock import Clock, utc_now
from decisionaid.services.findings import STATES, Finding, worst

log = logging.getLogger(__name__)

STALE_AFTER = timedelta(hours=3)  # a machine not checked for this long: its timer stopped
MACHINE_MAX = 64


def machine_name() -> str:
    """This machine's name as the peer station shows it."""
    return (socket.gethostname() or "this machine")[:MACHINE_MAX]


def as_json(findings: list[Finding], machine: str, checked_at: datetime) -> str:
    """The whole result for a monitoring system: its state, when, where and each check."""
    return json.dumps({"state": worst(findings), "machine": machine,
                       "checked_at": checked_at.isoformat(),
                       "checks": [f.as_dict() for f in findings]}, ensure_ascii=False,
                      indent=2)


def as_textfile(findings: list[Finding], checked_at: datetime) -> str:
    """Prometheus metrics for node_exporter's textfile collector: 0 ok, 1 warn, 2 fail."""
    lines = ["# HELP decisionaid_doctor_state Worst doctor result: 0 ok, 1 warning, 2 failure.",
             "# TYPE decisionaid_doctor_state gauge",
             f"decisionaid_doctor_state {STATES.index(worst(findings))}",
             "# HELP decisionaid_doctor_check Each doctor check: 0 ok, 1 warning, 2 failure.",
             "# TYPE decisionaid_doctor_check gauge"]
    seen: dict[str, int] = {}
    for f in findings:
        seen[f.name] = max(seen.get(f.name, 0), STATES.index(f.state))
    for name, value in seen.items():
        label = name.replace("\\", "\\\\").replace('"', '\\"')
        lines.append(f'decisionaid_doctor_check{{check="{label}"}} {value}')
    lines += ["# HELP decisionaid_doctor_last_run_timestamp_seconds When doctor last ran.",
              "# TYPE decisionaid_doctor_last_run_timestamp_seconds gauge",
              f"decisionaid_doctor_last_run_timestamp_seconds {checked_at.timestamp():.0f}"]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class MachineResult:
    """One machine's latest result, as the peer station shows it."""

    machine: str
    checked_at: datetime
    state: str  # ok | warn | fail
    problems: tuple[Finding, ...]  # the findings that did not pass
    stale: bool  # not checked for STALE_AFTER: its timer (or the kiosk) has stopped


def record(db, findings: list[Finding], *, machine: str | None = None,
           clock: Clock = utc_now) -> None:
    """Store this machine's result, replacing its previous one."""
    from decisionaid.storage.models import MachineCheck

    name = (machine or machine_name())[:MACHINE_MAX]
    row = {"checked_at": clock(), "state": worst(findings),
           "findings": json.dumps([f.as_dict() for f in findings], ensure_ascii=False)}

    def work(session) -> None:
        found = session.get(MachineCheck, name)
        if found is None:
            session.add(MachineCheck(machine=name, **row))
        else:
            for key, value in row.items():
                setattr(found, key, value)

    db.write(work)


def needing_attention(db, *, clock: Clock = utc_now) -> list[MachineResult]:
    """Machines whose latest result is not all ok, or which have not been checked lately."""
    from sqlalchemy import select

    from decisionaid.storage.models import MachineCheck

    rows = db.read(lambda s: [(r.machine, r.checked_at, r.state, r.findings)
                              for r in s.scalars(select(MachineCheck)
                                                 .order_by(MachineCheck.machine))])
    now = clock()
    results = []
    for machine, checked_at, state, text in rows:
        try:
            problems = tuple(Finding(d["name"], False, d["found"], d.get("fix", ""),
                                     warning=d.get("state") == "warn")
                             for d in json.loads(text) if d.get("state") != "ok")
        except (ValueError, KeyError, TypeError):
            problems = ()
        stale = now - checked_at > STALE_AFTER
        if state != "ok" or stale:
            results.append(MachineResult(machine, checked_at, state, problems, stale))
    return results
