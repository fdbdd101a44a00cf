"""Group bookings: public seats against an in-house course, the break-even, and a budget that counts the cheaper."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from pmoplan.catalogue import Catalogue
from pmoplan.cli import app
from pmoplan.loading import load_catalogue
from pmoplan.models import InHouse
from pmoplan.render.team_markdown import team_to_markdown
from pmoplan.team import TeamMember, build_team_report

# A made-up in-house offer for the tests (the shipped catalogue has none: prices are never invented).
OFFER = InHouse(price_per_course=6000, currency="GBP", max_class_size=12, source="test quote, 2026-12-01")


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    """Every course at £400 a day; P3O Foundation (3 days, £1,200 a seat) also in-house at £6,000 a class of 12."""
    shipped = load_catalogue()
    courses = []
    for course in shipped.courses:
        update: dict[str, object] = {"cost": 400.0 * course.days, "currency": "GBP"}
        if course.id == "p3o-foundation":
            update["in_house"] = OFFER
        courses.append(course.model_copy(update=update))
    return Catalogue(
        skills=shipped.skills,
        levels=shipped.levels,
        courses=tuple(courses),
        renewal_schemes=shipped.renewal_schemes,
        currency="GBP",
    )


def team_of(people: int) -> list[TeamMember]:
    # Level 1 → 2 people with the same inputs: the same plan, P3O Foundation in the same year.
    return [TeamMember(id=f"p{i}", level=2, target_level=3) for i in range(people)]


def p3o_year(report: object) -> int:
    seats = [c for c in report.seats if c.course_id == "p3o-foundation" and c.kind == "certification"]  # type: ignore[attr-defined]
    assert seats, "the plans must include P3O Foundation for this test to mean anything"
    return int(seats[0].year)


@pytest.mark.parametrize(
    ("people", "classes", "in_house"),
    [
        (8, 1, 6000.0),  # 8 public seats £9,600 > one class £6,000: in-house
        (4, 1, 6000.0),  # 4 seats £4,800 < £6,000: public
        (5, 1, 6000.0),  # the break-even: £6,000 either way, and a tie stays public
        (13, 2, 12000.0),  # 13 seats need two classes of at most 12: £15,600 > £12,000
    ],
)
def test_public_or_in_house_for_each_course_and_year(
    catalogue: Catalogue, people: int, classes: int, in_house: float
) -> None:
    report = build_team_report(catalogue, team_of(people), years=3, start_year=2027)
    year = p3o_year(report)
    (booking,) = [b for b in report.group_bookings if b.course_id == "p3o-foundation" and b.year == year]
    assert (booking.seats, booking.public_cost, booking.classes, booking.in_house_cost) == (
        people,
        people * 1200.0,
        classes,
        in_house,
    )
    assert booking.break_even_seats == 5  # £6,000 / £1,200 a seat
    expected = "public" if people * 1200.0 <= in_house else "in-house"
    assert booking.cheaper == expected
    assert booking.saving == (people * 1200.0 - in_house if expected == "in-house" else 0.0)


def test_the_budget_counts_the_cheaper_option_and_says_so(catalogue: Catalogue) -> None:
    plain = build_team_report(catalogue, team_of(8), years=3, start_year=2027)
    report = build_team_report(catalogue, team_of(8), years=3, start_year=2027, team_budget_per_year=1_000_000)
    assert report.budget is not None
    year = p3o_year(report)
    total = next(t for t in plain.totals if t.year == year)
    budget_year = next(y for y in report.budget.years if y.year == year)
    assert budget_year.in_house_saving == 3600.0
    assert budget_year.planned == (total.costs or {})["GBP"] - 3600.0
    text = team_to_markdown(report)
    assert f"{year}: in-house classes counted instead of public seats, saving £3,600." in text
    assert "## Group bookings: public seats or an in-house course" in text
    row = "| P3O Foundation (Portfolio, Programme and Project Offices) | 8 | £9,600 | £6,000 (1 class) | 5 seats |"
    assert f"| {year} {row} in-house (saves £3,600) |" in text


def test_items_outside_the_budget_are_counted_at_their_in_house_share(catalogue: Catalogue) -> None:
    report = build_team_report(catalogue, team_of(8), years=3, start_year=2027, team_budget_per_year=0.0)
    assert report.budget is not None
    year = p3o_year(report)
    outside = [
        i for y in report.budget.years for i in (y.outside or []) if i.year == year and i.course_id == "p3o-foundation"
    ]
    assert len(outside) == 8 and all(i.cost == 750.0 for i in outside)  # £6,000 / 8


def test_an_in_house_offer_has_exactly_one_price() -> None:
    with pytest.raises(ValidationError, match="exactly one of price_per_day and price_per_course"):
        InHouse(currency="GBP", max_class_size=10, source="quote")
    with pytest.raises(ValidationError, match="exactly one"):
        InHouse(price_per_day=900, price_per_course=5000, currency="GBP", max_class_size=10, source="quote")
    day_rate = InHouse(price_per_day=1500, currency="GBP", max_class_size=10, source="quote")
    assert day_rate.price_per_day == 1500


def test_shared_reports_keep_only_bookings_of_cells_they_show(catalogue: Catalogue) -> None:
    report = build_team_report(catalogue, team_of(8), years=3, start_year=2027, min_group=10)
    assert report.group_bookings == []


def test_an_organisation_overlay_gives_the_in_house_price(tmp_path: Path) -> None:
    (tmp_path / "courses.yaml").write_text(
        "overrides:\n"
        "  p3o-foundation:\n"
        "    cost: 1200\n"
        "    currency: GBP\n"
        '    in_house: {price_per_course: 6000, currency: GBP, max_class_size: 12, source: "quote Q-17, 2026-11-20"}\n',
        encoding="utf-8",
    )
    team = tmp_path / "team.csv"
    team.write_text("id,level\n" + "".join(f"p{i},2\n" for i in range(8)), encoding="utf-8")
    args = ["--data-dir", str(tmp_path), "team", "plan", str(team), "--start", "2027", "--years", "3"]
    result = CliRunner().invoke(app, [*args, "--budget-per-year", "20000", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    (booking,) = document["group_bookings"]
    assert (booking["course_id"], booking["seats"], booking["cheaper"], booking["saving"]) == (
        "p3o-foundation",
        8,
        "in-house",
        3600.0,
    )
    assert booking["source"] == "quote Q-17, 2026-11-20"
    assert document["budget"]["years"][0]["in_house_saving"] == 3600.0


def test_over_budget_in_the_totals_counts_the_in_house_class(catalogue: Catalogue) -> None:
    plain = build_team_report(catalogue, team_of(8), years=3, start_year=2027)
    year = p3o_year(plain)
    at_list_prices = (next(t for t in plain.totals if t.year == year).costs or {})["GBP"]
    budget = at_list_prices - 3600.0  # exactly what the year costs with the in-house class
    report = build_team_report(catalogue, team_of(8), years=3, start_year=2027, team_budget_per_year=budget)
    assert next(t for t in report.totals if t.year == year).over_budget == 0.0
    assert report.budget is not None
    assert next(y for y in report.budget.years if y.year == year).overrun == 0.0
