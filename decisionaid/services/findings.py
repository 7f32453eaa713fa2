"""What one ``doctor`` check found: a line a person reads, and a state a monitor reads."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

STATES = ("ok", "warn", "fail")  # from best to worst
EXIT_CODES = {"ok": 0, "warn": 1, "fail": 2}  # Nagios: OK, WARNING, CRITICAL


@dataclass(frozen=True)
class Finding:
    name: str  # what was checked: "database", "printer", …
    ok: bool
    found: str  # what was found, in plain words
    fix: str = ""  # what to do, when it did not pass
    warning: bool = False  # not ok, but nothing fails yet: a warning, not a failure

    @property
    def state(self) -> str:
        return "ok" if self.ok else "warn" if self.warning else "fail"

    def line(self) -> str:
        label = {"ok": "ok  ", "warn": "WARN", "fail": "FAIL"}[self.state]
        text = f"{label}  {self.name}: {self.found}"
        return f"{text}; {self.fix}" if self.fix and not self.ok else text

    def as_dict(self) -> dict[str, str]:
        return {"name": self.name, "state": self.state, "found": self.found, "fix": self.fix}




def worst(findings: Iterable[Finding]) -> str:
    """The worst state among ``findings``: ``ok``, ``warn`` or ``fail``."""
    return max((f.state for f in findings), key=STATES.index, default="ok")
