"""``decisionaid appointments``: the day's schedule from a terminal, with the CSV's columns
named in the configuration; bad rows are one line each, FILE:LINE, and the rest comes in."""

from __future__ import annotations

from datetime import date

import pytest

from decisionaid.cli import main
from decisionaid.config import _parse as parse_config
from decisionaid.errors import ConfigError
from tests.unit.test_appointments import schedule_csv

SITE_CONFIG = """
[appointments]
date_formats = ["%m/%d/%Y"]

[appointments.columns]
id = "Appt ID"
name = "Patient"
date_of_birth = "DOB"
record_number = "MRN"
date = "Date"
time = "Time"
prescriber = "Provider"
visit_type = "Type"
"""


@pytest.fixture
def site(tmp_path, monkeypatch):
    monkeypatch.setenv("DECISIONAID_DATABASE_URL", f"sqlite:///{tmp_path / 'site.db'}")
    (tmp_path / "site.toml").write_text(SITE_CONFIG)
    monkeypatch.setenv("DECISIONAID_CONFIG", str(tmp_path / "site.toml"))
    return tmp_path


def test_importing_by_hand_lists_each_bad_row_and_imports_the_rest(site, capsys):
    schedule = site / "today.csv"
    schedule.write_text(schedule_csv(date(2026, 3, 2)))  # any day: the import keeps every day
    assert main(["appointments", "import", str(schedule)]) == 1
    out, err = capsys.readouterr()
    assert err.splitlines() == [
        f"{schedule}:5: date of birth '31/31/1999' is not a date in the form MM/DD/YYYY",
        f"{schedule}:6: time '' is not a time in the form HH:MM or hh:MM AM/PM",
    ]
    assert out.strip() == f"{schedule}: 3 appointments added, 0 updated, 2 rows not imported"
    # Again: the same appointments, updated, never doubled.
    main(["appointments", "import", str(schedule)])
    assert "0 appointments added, 3 updated" in capsys.readouterr().out


def test_a_file_that_is_not_a_schedule_is_one_line_and_no_traceback(site, capsys):
    (site / "odd.json").write_text('{"resourceType": "Patient"}')
    assert main(["appointments", "import", str(site / "odd.json"), str(site / "gone.csv")]) == 1
    err = capsys.readouterr().err
    assert err.splitlines() == [f"{site / 'odd.json'}: not a FHIR Bundle (resourceType is 'Patient')",
                                f"{site / 'gone.csv'}: no such file"]


def test_watch_without_a_folder_says_how_to_set_one(site, capsys):
    assert main(["appointments", "watch"]) != 0
    assert "set appointments.watch_folder" in capsys.readouterr().err


def test_the_help_explains_the_command(capsys):
    with pytest.raises(SystemExit):
        main(["appointments", "import", "--help"])
    assert "FHIR R4 Bundle" in capsys.readouterr().out


def test_the_schedule_settings_are_checked_with_one_line_each(tmp_path):
    settings = parse_config({"appointments": {
        "columns": {"given_name": "First", "family_name": "Last"}, "delimiter": ";",
        "watch_folder": "inbox"}}, tmp_path / "c.toml").appointments
    assert settings.column("name") is None and settings.column("given_name") == "First"
    assert settings.watch_folder == tmp_path / "inbox" and settings.delimiter == ";"
    for raw, says in (({"colums": {}}, "unknown setting 'colums'"),
                      ({"columns": {"birthday": "DOB"}}, "unknown field 'birthday'"),
                      ({"delimiter": ";;"}, "one character"),
                      ({"poll_seconds": 1}, "from 5 to 3600")):
        with pytest.raises(ConfigError, match=says):
            parse_config({"appointments": raw}, None)
    with pytest.raises(ConfigError, match="report_identifiers must be"):
        parse_config({"report_identifiers": "initials"}, None)
