"""The kiosk session (deploy/decisionaid-kiosk-session) waits a little longer after each crash
in a row, up to 10 s, and starts the count again after a healthy run, so a kiosk that crashed
once after hours does not wait as if it had been failing all along.

Run with /bin/sh as the unit runs it; the kiosk, ``sleep`` and ``date`` are stand-ins that log
what they were asked and move a clock of the test's own."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"

# Each run of "decisionaid kiosk": how long it ran (seconds), then a crash (code 1). After the
# last one, the stand-in stops the session.
KIOSK = """#!/bin/sh
n=$(cat "$T/runs"); n=$((n + 1)); echo $n > "$T/runs"
lasted=$(sed -n "${n}p" "$T/lasting")
[ -z "$lasted" ] && kill -TERM $PPID && exit 0
echo $(( $(cat "$T/clock") + lasted )) > "$T/clock"
exit 1
"""
SLEEP = """#!/bin/sh
echo "$1" >> "$T/slept"
echo $(( $(cat "$T/clock") + $1 )) > "$T/clock"
"""
DATE = """#!/bin/sh
cat "$T/clock"
"""


def test_the_wait_grows_with_crashes_in_a_row_and_resets_after_a_healthy_run(tmp_path):
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    for name, text in (("decisionaid", KIOSK), ("sleep", SLEEP), ("date", DATE)):
        (bin_ / name).write_text(text)
        (bin_ / name).chmod(0o755)
    (tmp_path / "runs").write_text("0\n")
    (tmp_path / "clock").write_text("1000\n")
    (tmp_path / "slept").write_text("")
    # Three quick crashes, then one after two hours of healthy running, then one quick crash.
    (tmp_path / "lasting").write_text("2\n2\n2\n7200\n2\n")
    env = {**os.environ, "T": str(tmp_path), "PATH": f"{bin_}:{os.environ['PATH']}",
           "DECISIONAID": str(bin_ / "decisionaid")}
    done = subprocess.run(["/bin/sh", str(DEPLOY / "decisionaid-kiosk-session")], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == -15  # stopped by the stand-in (SIGTERM)
    assert (tmp_path / "slept").read_text().split() == ["1", "2", "3", "1", "2"]
    assert "the kiosk stopped with code 1" in done.stderr
