"""The iCalendar export: RFC 5545 structure, folding, stable UIDs and renew-by alarms."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar, Component, Event

from pmoplan.catalogue import Catalogue
from pmoplan.loading import load_catalogue
from pmoplan.plan_models import Plan, PlanItem, PlanYear
from pmoplan.render.ics import PRODID, plan_to_ics
from tests.export_samples import AWKWARD_WHY, FORMULA_TITLE, LONG_TITLE, item, sample_plan

STAMP = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)
TRICKY = 'Risk, issues; C:\\pmo\\log\nsecond line "quoted"'


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


def events(data: bytes) -> list[Event]:
    calendar = Calendar.from_ical(data)
    return [c for c in calendar.walk("VEVENT") if isinstance(c, Event)]


def by_summary(data: bytes) -> dict[str, Event]:
    return {str(e["SUMMARY"]): e for e in events(data)}


def unfolded_blocks(data: bytes, name: str) -> list[list[str]]:
    """Content lines of each ``name`` block, unfolded, without those of nested components."""
    lines = re.sub(r"\r\n[ \t]", "", data.decode("utf-8")).split("\r\n")
    blocks: list[list[str]] = []
    depth = 0
    for line in lines:
        if line == f"BEGIN:{name}":
            blocks.append([])
            depth = 1
        elif blocks and depth:
            if line.startswith("BEGIN:"):
                depth += 1
            elif line.startswith("END:"):
                depth -= 1
            elif depth == 1:
                blocks[-1].append(line)
    return blocks


def test_round_trip_summaries_and_dates(catalogue: Catalogue) -> None:
    found = {
        s: (e.decoded("DTSTART"), e.decoded("DTEND"))
        for s, e in by_summary(plan_to_ics(sample_plan(), catalogue, stamp=STAMP)).items()
    }
    assert found == {
        "P3O Foundation": (date(2026, 3, 1), date(2026, 3, 4)),
        "Renew PRINCE2 Foundation (7th edition)": (date(2026, 3, 1), date(2026, 3, 2)),
        FORMULA_TITLE: (date(2027, 3, 1), date(2027, 3, 2)),
        LONG_TITLE: (date(2027, 3, 1), date(2027, 3, 3)),
        "Renew by: PRINCE2 Foundation (7th edition)": (date(2026, 5, 10), date(2026, 5, 11)),
        "Renew by: P3O Foundation": (date(2029, 3, 31), date(2029, 4, 1)),
    }


def test_all_day_events_use_date_values_and_exclusive_end(catalogue: Catalogue) -> None:
    data = plan_to_ics(sample_plan(), catalogue, stamp=STAMP)
    one_day = by_summary(data)[FORMULA_TITLE]  # a 1-day course
    assert one_day.decoded("DTEND") - one_day.decoded("DTSTART") == timedelta(days=1)
    for block in unfolded_blocks(data, "VEVENT"):
        starts = [line for line in block if line.startswith("DTSTART")]
        ends = [line for line in block if line.startswith("DTEND")]
        assert len(starts) == len(ends) == 1
        assert starts[0].startswith("DTSTART;VALUE=DATE:") and ends[0].startswith("DTEND;VALUE=DATE:")


def test_physical_lines_are_folded_and_crlf_ended(catalogue: Catalogue) -> None:
    data = plan_to_ics(sample_plan(), catalogue, stamp=STAMP)
    assert data.endswith(b"\r\n")
    assert data.count(b"\n") == data.count(b"\r\n") == data.count(b"\r")
    lines = data.split(b"\r\n")[:-1]
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # the long title was folded
    for line in lines:
        line.decode("utf-8")  # folding never splits a multi-byte character


def test_one_uid_and_dtstamp_per_event_and_calendar_header(catalogue: Catalogue) -> None:
    data = plan_to_ics(sample_plan(), catalogue, stamp=STAMP)
    blocks = unfolded_blocks(data, "VEVENT")
    assert len(blocks) == 6
    for block in blocks:
        assert sum(line.startswith("UID:") for line in block) == 1
        assert [line for line in block if line.startswith("DTSTAMP")] == ["DTSTAMP:20250102T030405Z"]
    calendar = unfolded_blocks(data, "VCALENDAR")[0]
    assert "VERSION:2.0" in calendar
    assert f"PRODID:{PRODID}" in calendar


def test_uids_are_stable_across_exports_and_carry_no_personal_data(catalogue: Catalogue) -> None:
    first = [str(e["UID"]) for e in events(plan_to_ics(sample_plan(), catalogue, stamp=STAMP))]
    later = [str(e["UID"]) for e in events(plan_to_ics(sample_plan(), catalogue))]
    assert first == later
    assert len(set(first)) == len(first)
    assert all(re.fullmatch(r"[a-z0-9-]+@pmoplan", uid) for uid in first), first
    assert "2026-certification-p3o-foundation@pmoplan" in first
    assert "renew-by-p3o-foundation@pmoplan" in first


def test_renew_by_event_has_three_display_alarms(catalogue: Catalogue) -> None:
    data = plan_to_ics(sample_plan(), catalogue, stamp=STAMP)
    deadline = by_summary(data)["Renew by: P3O Foundation"]
    alarms = deadline.walk("VALARM")
    assert [a.decoded("TRIGGER") for a in alarms] == [timedelta(days=-90), timedelta(days=-30), timedelta(days=-7)]
    assert all(a["ACTION"] == "DISPLAY" and str(a["DESCRIPTION"]) for a in alarms)
    raw = "\n".join("\n".join(b) for b in unfolded_blocks(data, "VALARM"))
    assert raw.count("TRIGGER:-P90D") == raw.count("TRIGGER:-P30D") == raw.count("TRIGGER:-P7D") == 2
    course = by_summary(data)["P3O Foundation"]
    assert course.walk("VALARM") == []


def test_renewal_deadline_is_not_duplicated(catalogue: Catalogue) -> None:
    summaries = [str(e["SUMMARY"]) for e in events(plan_to_ics(sample_plan(), catalogue, stamp=STAMP))]
    assert summaries.count("Renew by: PRINCE2 Foundation (7th edition)") == 1


def test_parses_without_component_errors(catalogue: Catalogue) -> None:
    calendar = Calendar.from_ical(plan_to_ics(sample_plan(), catalogue, stamp=STAMP))
    components: list[Component] = list(calendar.walk())
    assert len(components) == 1 + 6 + 6
    assert all(component.errors == [] for component in components)


def test_text_with_separators_round_trips_exactly(catalogue: Catalogue) -> None:
    plan = with_items(
        sample_plan(), item("2026-specialist-x", "pmo-finance", TRICKY, "specialist", 1, None, why=TRICKY)
    )
    event = events(plan_to_ics(plan, catalogue, stamp=STAMP))[0]
    assert str(event["SUMMARY"]) == TRICKY
    assert str(event["DESCRIPTION"]).startswith(TRICKY + "\n")
    awkward = by_summary(plan_to_ics(sample_plan(), catalogue, stamp=STAMP))[FORMULA_TITLE]
    assert str(awkward["DESCRIPTION"]).startswith(AWKWARD_WHY + "\n")


def test_month_sets_the_course_dates_and_renewals_stay_before_their_deadline(catalogue: Catalogue) -> None:
    found = by_summary(plan_to_ics(sample_plan(), catalogue, month=9, stamp=STAMP))
    assert found["P3O Foundation"].decoded("DTSTART") == date(2026, 9, 1)
    renewal = found["Renew PRINCE2 Foundation (7th edition)"]
    assert (renewal.decoded("DTSTART"), renewal.decoded("DTEND")) == (date(2026, 5, 10), date(2026, 5, 11))


def test_renewal_summary_says_renewal_once(catalogue: Catalogue) -> None:
    renewal = item("renewal-x", "p3o-foundation", "P3O Foundation", "renewal", 0, None, renew_by=date(2026, 8, 1))
    summaries = {str(e["SUMMARY"]) for e in events(plan_to_ics(with_items(sample_plan(), renewal), catalogue))}
    assert summaries == {"Renew P3O Foundation", "Renew by: P3O Foundation"}


@pytest.mark.parametrize("month", [0, 13])
def test_month_out_of_range_is_refused(catalogue: Catalogue, month: int) -> None:
    with pytest.raises(ValueError, match="month must be 1-12"):
        plan_to_ics(sample_plan(), catalogue, month=month)


def test_naive_stamp_is_taken_as_utc(catalogue: Catalogue) -> None:
    naive = plan_to_ics(sample_plan(), catalogue, stamp=STAMP.replace(tzinfo=None))
    assert naive == plan_to_ics(sample_plan(), catalogue, stamp=STAMP)


def with_items(plan: Plan, *items: PlanItem) -> Plan:
    year = PlanYear(year=2026, level=2, items=list(items), days=1, costs={}, unpriced_items=len(items))
    return plan.model_copy(update={"years": [year], "certificates": []})


text_characters = st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from(",;\\\n:\"'")


@given(title=st.text(text_characters, min_size=1, max_size=300))
def test_any_title_round_trips_within_the_line_limit(title: str) -> None:
    plan = with_items(sample_plan(), item("2026-specialist-x", "pmo-finance", title, "specialist", 1, None))
    data = plan_to_ics(plan, load_catalogue(), stamp=STAMP)
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    assert str(events(data)[0]["SUMMARY"]) == title
