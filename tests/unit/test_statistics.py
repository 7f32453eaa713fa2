"""Monthly statistics: counts and shares per month, from plain facts and from stored visits."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from decisionaid.content.model import ItemRef
from decisionaid.services import statistics
from decisionaid.services.statistics import FlagFacts, VisitFacts
from decisionaid.services.visits import VisitService


def local(year, month, day, hour=10):
    return datetime(year, month, day, hour).astimezone().astimezone(UTC)


def test_visits_count_in_the_month_they_started_with_their_outcomes():
    """Two March visits (one printed and reviewed with a Power Statement, one left unfinished)
    and one April visit in progress."""
    lines = statistics.aggregate([
        VisitFacts(local(2026, 3, 2), local(2026, 3, 2, 11), local(2026, 3, 2, 11), "reviewed",
                   power_statement=True, vignettes_watched=2, suggestions=1),
        VisitFacts(local(2026, 3, 31, 16), local(2026, 3, 31, 17), None, "incomplete"),
        VisitFacts(local(2026, 4, 1), None, None, "in_progress", personal_medicine=True),
    ])
    march, april = lines
    assert (march.month, march.started, march.finished, march.printed, march.reviewed,
            march.incomplete) == ("2026-03", 2, 2, 1, 1, 1)
    assert march.power_statement_share == 0.5 and march.personal_medicine_share == 0.0
    assert (march.vignettes_watched, march.suggestions_made) == (2, 1)
    assert (april.month, april.started, april.finished, april.personal_medicine_share) == (
        "2026-04", 1, 0, 1.0)


def test_flags_count_by_severity_with_the_median_time_to_acknowledge():
    raised = local(2026, 3, 5)
    lines = statistics.aggregate([], [
        FlagFacts(raised, "safety", raised + timedelta(minutes=2)),
        FlagFacts(raised, "safety", raised + timedelta(minutes=10)),
        FlagFacts(raised, "concern", raised + timedelta(minutes=30)),
        FlagFacts(raised, "concern", None),
    ])
    [march] = lines
    assert (march.safety_flags, march.concern_flags, march.flags_acknowledged) == (2, 2, 3)
    assert march.median_minutes_to_acknowledge == 10.0
    assert march.started == 0 and march.power_statement_share == 0.0


def test_the_csv_has_a_header_and_one_row_a_month_with_shares_in_percent():
    lines = statistics.aggregate([
        VisitFacts(local(2026, 3, 2), None, None, "in_progress", power_statement=True),
        VisitFacts(local(2026, 3, 3), None, None, "in_progress"),
        VisitFacts(local(2026, 3, 4), None, None, "in_progress"),
    ])
    header, row = statistics.to_csv(lines).splitlines()
    assert header.split(",") == statistics.COLUMNS
    values = dict(zip(statistics.COLUMNS, row.split(","), strict=True))
    assert values["month"] == "2026-03" and values["power_statement_share"] == "33.3"
    assert values["median_minutes_to_acknowledge"] == ""


def test_monthly_reads_stored_visits_without_naming_anyone(database, visit_content, clock):
    """A visit with a Power Statement, a suggestion (weight change), a watched vignette and an
    acknowledged safety flag, read back through the database."""
    visits = VisitService(database, visit_content, clock=clock)
    kv = visits.start()
    for ref, value in [
        (ItemRef("feelings", "harm-self"), 1),
        (ItemRef("medicines", "side-effects"), ["weight"]),
        (ItemRef("decision", "power"), "I am a gardener"),
    ]:
        kv.go_to(ref)
        kv.confirm(value)
    kv.record_view("side-story", 40.0, True)
    kv.finish()
    visits.mark_printed(kv.id)
    flag = next(f for f in visits.load(kv.id).flags if f.severity == "safety")
    clock.advance(minutes=4)
    visits.acknowledge_flag(flag.id, staff_id=None, note="talked with them")
    visits.start()  # a second visit, still in progress
    [month] = statistics.monthly(database, visit_content)
    assert (month.started, month.finished, month.printed) == (2, 1, 1)
    assert month.power_statement_share == 0.5
    assert (month.vignettes_watched, month.suggestions_made) == (1, 1)
    assert (month.safety_flags, month.median_minutes_to_acknowledge) == (1, 4.0)
    assert "gardener" not in statistics.to_csv([month])
