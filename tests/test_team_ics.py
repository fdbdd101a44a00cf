"""``team plan --format ics``: one calendar, events per person, UIDs stable per person and item."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from pmoplan.catalogue import Catalogue
from pmoplan.cli import app
from pmoplan.loading import load_catalogue
from pmoplan.plan_models import CompletedCourse
from pmoplan.render.team_ics import person_key, team_to_ics
from pmoplan.team import TeamMember, build_team_report

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


MEMBERS = [
    TeamMember(
        id="ana.silva@example.org",
        name="Ana Silva",
        level=2,
        target_level=3,
        completed=(CompletedCourse(course_id="p3o-foundation", completed_on=date(2024, 5, 14)),),
    ),
    TeamMember(
        id="ben",
        level=2,
        target_level=3,
        completed=(CompletedCourse(course_id="p3o-foundation", completed_on=date(2024, 5, 14)),),
    ),
]


def events(data: bytes) -> list[dict[str, object]]:
    calendar = Calendar.from_ical(data)
    return [
        {
            "uid": str(e["uid"]),
            "summary": str(e["summary"]),
            "start": e.decoded("dtstart"),
            "alarms": len(e.subcomponents),
        }
        for e in calendar.walk("VEVENT")
    ]


def test_every_item_of_every_person_is_an_event_named_for_the_person(catalogue: Catalogue) -> None:
    report = build_team_report(catalogue, MEMBERS, years=4, start_year=2027)
    found = events(team_to_ics(report, catalogue, stamp=datetime(2026, 12, 1, tzinfo=UTC)))
    assert report.people is not None
    for person, label in zip(report.people, ["Ana Silva (ana.silva@example.org)", "ben"], strict=True):
        key = person_key(person.id)
        mine = [e for e in found if str(e["uid"]).startswith(key + "-")]
        items = [(y.year, i) for y in person.plan.years for i in y.items]
        courses = [e for e in mine if "renew-by" not in str(e["uid"])]
        assert sorted(str(e["uid"]) for e in courses) == sorted(f"{key}-{i.uid}@pmoplan" for _, i in items)
        assert all(str(e["summary"]).startswith(label + ": ") for e in mine)
        deadlines = [e for e in mine if "renew-by" in str(e["uid"])]
        # P3O Foundation (May 2024) must be renewed by May 2027: a reminder with three alarms.
        assert f"{key}-renew-by-p3o-foundation@pmoplan" in {e["uid"] for e in deadlines}
        assert all(e["alarms"] == 3 for e in deadlines)
    # Both people have the same plan, yet no UID is shared.
    assert len({e["uid"] for e in found}) == len(found)


def test_uids_are_stable_across_exports_and_hold_no_name_or_address(catalogue: Catalogue) -> None:
    report = build_team_report(catalogue, MEMBERS, years=4, start_year=2027)
    first = events(team_to_ics(report, catalogue, stamp=datetime(2026, 12, 1, tzinfo=UTC)))
    # A later export, with the people in the other order: each person keeps their UIDs.
    again = build_team_report(catalogue, MEMBERS[::-1], years=4, start_year=2027)
    second = events(team_to_ics(again, catalogue, stamp=datetime(2027, 1, 15, tzinfo=UTC)))
    assert sorted(str(e["uid"]) for e in first) == sorted(str(e["uid"]) for e in second)
    for event in first:
        uid = str(event["uid"])
        key, rest = uid.split("-", 1)
        assert len(key) == 16 and int(key, 16) >= 0  # an opaque digest, then the plan item's own UID
        assert "silva" not in uid.casefold() and "example.org" not in uid and not rest.startswith("ben")
    assert person_key("Ana.Silva@Example.org") == person_key("ana.silva@example.org")
    assert person_key("ana") != person_key("ben")


def test_cli_writes_the_team_calendar_and_refuses_it_with_min_group(tmp_path: Path) -> None:
    runner = CliRunner()
    team = REPO / "examples" / "team.csv"
    out = tmp_path / "team.ics"
    result = runner.invoke(app, ["team", "plan", str(team), "--start", "2027", "--format", "ics", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    data = out.read_bytes()
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and b"X-WR-CALNAME:PMO team development plan" in data
    assert {str(e["summary"]).split(":")[0] for e in events(data)} >= {"Analyst A (p001)", "Director J (p010)"}
    refused = runner.invoke(app, ["team", "plan", str(team), "--format", "ics", "--min-group", "3"])
    assert refused.exit_code == 2
    assert "--format ics lists people, so it cannot be shared with --min-group" in refused.stderr
    assert refused.stdout == ""
