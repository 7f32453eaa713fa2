"""The Debian installer explains itself, says what a run would do without doing it, and says
what --uninstall leaves behind; --purge needs --uninstall and a typed PURGE."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "deploy" / "install-kiosk.sh"
DEPLOY = SCRIPT.parent


def script(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(["bash", str(SCRIPT), *args], capture_output=True, text=True,
                          input=stdin, check=False, timeout=60)


def test_the_script_is_valid_bash():
    assert subprocess.run(["bash", "-n", str(SCRIPT)], check=False).returncode == 0


def test_help_says_how_to_run_it_as_root_or_with_sudo_and_what_purge_does():
    done = script("--help")
    assert done.returncode == 0
    assert "as root" in done.stdout and "sudo" in done.stdout
    assert "--uninstall [--purge]" in done.stdout and "PURGE" in done.stdout
    assert "--dry-run" in done.stdout and "set -euo" not in done.stdout


def test_a_dry_run_lists_the_packages_and_units_and_changes_nothing():
    done = script("--dry-run", "--wheel", "decisionaid-0.1.0-py3-none-any.whl")
    assert done.returncode == 0, done.stderr
    assert "dry run: nothing is changed" in done.stdout
    assert "decisionaid-doctor.timer" in done.stdout
    assert not Path("/opt/decisionaid").exists() or "keep" in done.stdout


def test_the_installer_installs_the_postgresql_client_and_the_hourly_check():
    text = SCRIPT.read_text(encoding="utf-8")
    assert "postgresql-client" in text
    for unit in ("decisionaid-doctor.service", "decisionaid-doctor.timer"):
        assert (DEPLOY / unit).is_file()
    service = (DEPLOY / "decisionaid-doctor.service").read_text(encoding="utf-8")
    assert "doctor --no-qt --record" in service and "User=decisionaid-kiosk" in service
    assert "OnUnitActiveSec=1h" in (DEPLOY / "decisionaid-doctor.timer").read_text(
        encoding="utf-8")


def test_purge_goes_only_with_uninstall():
    done = script("--purge")
    assert done.returncode == 1 and "--purge goes with --uninstall" in done.stderr


def test_a_dry_run_of_uninstall_says_what_is_left_and_what_purge_would_remove():
    left = script("--uninstall", "--dry-run")
    assert left.returncode == 0, left.stderr
    assert "would run: rm -rf /opt/decisionaid" in left.stdout
    assert "Left in place:" in left.stdout and "/etc/decisionaid" in left.stdout
    assert "--uninstall --purge" in left.stdout
    purge = script("--uninstall", "--purge", "--dry-run")
    assert "removes for good: the user decisionaid-kiosk" in purge.stdout
    assert "would ask to type PURGE" in purge.stdout


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze here")
def test_the_units_parse():
    done = subprocess.run(["systemd-analyze", "verify", str(DEPLOY / "decisionaid-doctor.timer")],
                          capture_output=True, text=True, check=False)
    assert "Unknown key" not in done.stderr and "Unknown section" not in done.stderr
