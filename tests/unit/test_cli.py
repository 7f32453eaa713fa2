"""The `decisionaid` command: help for every command, the kiosk by default, one-line errors."""

from __future__ import annotations

import subprocess
import sys

import pytest

from decisionaid import cli


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "decisionaid", *args], capture_output=True, text=True, timeout=120)


def test_help_lists_every_command():
    result = run("--help")
    assert result.returncode == 0
    for command in cli.COMMANDS:
        assert command.replace("_", "-") in result.stdout


@pytest.mark.parametrize("command", [c.replace("_", "-") for c in cli.COMMANDS])
def test_every_command_explains_itself(command):
    result = run(command, "--help")
    assert result.returncode == 0, result.stderr
    assert f"decisionaid {command}" in result.stdout


@pytest.mark.parametrize(
    ("argv", "module"),
    [
        ([], "kiosk"),
        (["--windowed"], "kiosk"),
        (["--config", "site.toml", "--windowed"], "kiosk"),
        (["check", "questionnaires"], "check"),
        (["export-questionnaires", "-o", "x"], "export_questionnaires"),
        (["--help"], None),
        (["nonsense"], None),
    ],
)
def test_the_command_is_found_without_importing_the_others(argv, module):
    assert cli._command_in(argv) == module


def test_running_one_command_imports_no_other():
    # check reads the report font's characters (ReportLab) for its font check, and neither the
    # screens (Qt) nor the database.
    code = (
        "import sys; from decisionaid.cli import main; main(['check']); "
        "print(sorted(m for m in sys.modules if m.startswith(('sqlalchemy', 'PySide6'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_an_unknown_command_is_an_error_naming_the_commands():
    result = run("nonsense")
    assert result.returncode == 2
    assert "invalid choice: 'nonsense'" in result.stderr
    assert "Traceback" not in result.stderr
