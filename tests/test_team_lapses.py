"""The top of the lapse calendar: "already lapsed" and "renew within 6 months", per person, as the plans see them."""

from __future__ import annotations

from datetime import date

import pytest

from pmoplan.catalogue import Catalogue
from pmoplan.loading import load_catalogue
from pmoplan.plan_models import CompletedCourse
from pmoplan.render.team_markdown import team_to_markdown
from pmoplan.render.team_xlsx import team_to_xlsx
from pmoplan.team import TeamMember, build_team_report

AS_OF = date(2026, 12, 1)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


def member(person: str, *done: tuple[str, date]) -> TeamMember:
    return TeamMember(
        id=person,
        level=2,
        target_level=3,
        completed=tuple(CompletedCourse(course_id=c, completed_on=on) for c, on in done),
    )


TEAM = [
    member("old-p3o", ("p3o-foundation", date(2020, 5, 14))),  # lapsed 2023-07-01 (transition rule)
    member("pmp-soon", ("pmi-pmp", date(2024, 1, 15))),  # renew by 2027-01-15: 45 days
    member("current", ("msp-foundation", date(2025, 3, 10))),  # renew by 2028: neither list
    member(
        "combined", ("p3o-combined", date(2020, 6, 1))
    ),  # both parts lapsed; the combined course is not a certificate
    # P3O Foundation alone would have lapsed on 2026-09-20, but MSP Foundation in the same suite
    # (2025-03-10) renewed it: the plan knows, and so do the lists.
    member("suite", ("p3o-foundation", date(2023, 9, 20)), ("msp-foundation", date(2025, 3, 10))),
]


def test_lists_name_who_lapsed_and_who_must_renew_soon(catalogue: Catalogue) -> None:
    report = build_team_report(catalogue, TEAM, years=3, start_year=2027, as_of=AS_OF)
    assert report.as_of == AS_OF
    lapsed = [(r.person_id, r.course_id, r.renew_by, r.days_left) for r in report.already_lapsed or []]
    assert lapsed == [
        # Passed on or before 30 June 2020: PeopleCert's transition rule gave them until 1 July 2023.
        ("old-p3o", "p3o-foundation", date(2023, 7, 1), -(AS_OF - date(2023, 7, 1)).days),
        ("combined", "p3o-foundation", date(2023, 7, 1), -(AS_OF - date(2023, 7, 1)).days),
        ("combined", "p3o-practitioner", date(2023, 7, 1), -(AS_OF - date(2023, 7, 1)).days),
    ]
    soon = [(r.person_id, r.course_id, r.renew_by, r.days_left) for r in report.renew_within_6_months or []]
    assert soon == [("pmp-soon", "pmi-pmp", date(2027, 1, 15), 45)]


def test_the_blocks_come_first_in_the_lapse_calendar(catalogue: Catalogue) -> None:
    text = team_to_markdown(build_team_report(catalogue, TEAM, years=3, start_year=2027, as_of=AS_OF))
    lapsed_at = text.index("## Already lapsed (as of 2026-12-01)")
    soon_at = text.index("## Renew within 6 months (from 2026-12-01)")
    assert lapsed_at < soon_at < text.index("## Certificate renewals due (lapse calendar)")
    assert (
        "| old-p3o | P3O Foundation (Portfolio, Programme and Project Offices) | 2023-07-01 | 1249 days ago |" in text
    )
    assert "| pmp-soon | PMI Project Management Professional (PMP) | 2027-01-15 | 45 |" in text
    assert "| suite |" not in text[lapsed_at:soon_at]


def test_the_workbook_lists_them_first_with_their_status(catalogue: Catalogue) -> None:
    import io

    from openpyxl import load_workbook

    report = build_team_report(catalogue, TEAM, years=3, start_year=2027, as_of=AS_OF)
    sheet = load_workbook(io.BytesIO(team_to_xlsx(report)))["Lapses"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    statuses = [row[0] for row in rows]
    assert statuses[:4] == ["already lapsed"] * 3 + ["renew within 6 months"]
    assert set(statuses[4:]) <= {"planned renewal"}
    assert rows[3][1:3] == ("pmp-soon", "pmi-pmp")


def test_shared_reports_have_no_per_person_lists(catalogue: Catalogue) -> None:
    report = build_team_report(catalogue, TEAM, years=3, start_year=2027, as_of=AS_OF, min_group=2)
    assert report.already_lapsed is None and report.renew_within_6_months is None and report.as_of is None
    assert "Already lapsed" not in team_to_markdown(report)


def generated_team(people: int = 120) -> list[TeamMember]:
    """People with certificates of many dates (lapsed, due soon, current), some alike, some sharing years."""
    courses = ("p3o-foundation", "msp-foundation", "pmi-pmp", "pmi-capm", "prince2-foundation", "p3o-practitioner")
    members = []
    for index in range(people):
        done = [
            (course, date(2019 + (index * 7 + shift) % 7, 1 + (index + shift) % 12, 1 + index % 27))
            for shift, course in enumerate(courses)
            if (index >> shift) % 3 == 0
        ]
        members.append(member(f"p{index}", *done))
    return members


def test_rows_are_those_of_each_plan_alone_as_validation_would_make_them(catalogue: Catalogue) -> None:
    """The lists come from each plan on its own, though equal years are read once and rows are not validated."""
    from pmoplan.team_lapses import _add_months, _plan_lists, _YearMemo
    from pmoplan.team_models import UrgentRenewal

    report = build_team_report(catalogue, generated_team(), years=4, start_year=2027, as_of=AS_OF)
    assert report.people is not None
    horizon = _add_months(AS_OF, 6)
    expected: tuple[list[tuple[str, str, date]], list[tuple[str, str, date]]] = ([], [])
    for person in report.people:
        alone = _plan_lists(person.plan, AS_OF, _YearMemo(AS_OF, horizon))  # nothing shared with other plans
        for rows, found in zip(expected, alone, strict=True):
            rows.extend((person.id, course_id, on) for course_id, on in found)
    for rows in expected:
        rows.sort(key=lambda row: row[2])
    lists = (report.already_lapsed or [], report.renew_within_6_months or [])
    assert all(lists), "the team has lapsed certificates and certificates due soon"
    assert [[(r.person_id, r.course_id, r.renew_by) for r in rows] for rows in lists] == list(expected)
    for row in lists[0] + lists[1]:
        validated = UrgentRenewal.model_validate(row.model_dump())
        assert validated == row
        assert {name: type(value) for name, value in validated} == {name: type(value) for name, value in row}
        assert validated.model_fields_set == row.model_fields_set
        assert row.days_left == (row.renew_by - AS_OF).days
