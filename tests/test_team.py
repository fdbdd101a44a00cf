"""The team engine: aggregates equal the counts over the individual plans, totals add up, budget, min-group."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from pmoplan.catalogue import Catalogue
from pmoplan.loading import load_catalogue
from pmoplan.plan_models import CompletedCourse, PlanRequest
from pmoplan.planner import build_plan
from pmoplan.render.json_out import to_json
from pmoplan.render.reason_text import plan_json_data
from pmoplan.render.team_csv import team_to_csv
from pmoplan.render.team_html import team_to_html
from pmoplan.render.team_json import team_json_chunks
from pmoplan.render.team_markdown import team_to_markdown
from pmoplan.team import KIND_ORDER, TeamMember, TeamReport, build_team_report
from pmoplan.team_files import read_team

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


@pytest.fixture(scope="module")
def priced(catalogue: Catalogue) -> Catalogue:
    """The shipped catalogue with a made-up GBP price on every course (most real prices are unpublished).

    Renewal fees are made GBP too (PMI's is in US dollars), so that every cost of the team is in GBP.
    """
    courses = tuple(c.model_copy(update={"cost": 400.0 * c.days, "currency": "GBP"}) for c in catalogue.courses)
    schemes = tuple(
        s.model_copy(update={"renewal_fee_currency": "GBP"}) if s.renewal_fee else s for s in catalogue.renewal_schemes
    )
    return Catalogue(
        skills=catalogue.skills,
        levels=catalogue.levels,
        courses=courses,
        renewal_schemes=schemes,
        currency="GBP",
        rates=catalogue.rates,
    )


def mixed_team(catalogue: Catalogue, people: int = 120, seed: int = 7) -> list[TeamMember]:
    """A team with repeated and distinct inputs, dated and undated certificates, focus skills."""
    rng = random.Random(seed)
    certs = {1: ["p3o-foundation", "prince2-foundation"], 2: ["p3o-foundation", "msp-foundation"], 3: ["pmi-pmp"]}
    skills = [s.id for s in catalogue.skills]
    members = []
    for index in range(people):
        level = rng.choice([1, 2, 2, 3, 4])
        completed: tuple[CompletedCourse, ...] = ()
        if level in certs and rng.random() < 0.7:
            on = rng.choice([date(2023, 5, 14), date(2024, 2, 1), None])
            completed = (CompletedCourse(course_id=rng.choice(certs[level]), completed_on=on),)
        focus = tuple(rng.sample(skills, 2)) if rng.random() < 0.3 else ()
        members.append(
            TeamMember(
                id=f"p{index:03d}",
                name=f"Person {index}",
                level=level,
                target_level=min(level + 1, 4),
                completed=completed,
                focus=focus,
                days_per_year=rng.choice([5.0, 8.0]),
                budget_per_year=rng.choice([None, None, 2000.0]),
            )
        )
    return members


def test_each_plan_is_the_planner_s_plan(catalogue: Catalogue) -> None:
    members = mixed_team(catalogue, 40)
    report = build_team_report(catalogue, members, years=5, start_year=2026)
    assert report.people is not None
    for member, person in zip(members, report.people, strict=True):
        request = PlanRequest(
            current_level=member.level,
            target_level=member.target_level,
            years=5,
            start_year=2026,
            days_per_year=member.days_per_year,
            budget_per_year=member.budget_per_year,
            completed=list(member.completed),
            focus=list(member.focus),
            gaps=dict(member.gaps),
        )
        assert person.id == member.id
        assert person.plan == build_plan(catalogue, request)


def test_seats_equal_the_count_over_the_individual_plans(catalogue: Catalogue) -> None:
    report = build_team_report(catalogue, mixed_team(catalogue), years=6, start_year=2026)
    assert report.people is not None
    counted: Counter[tuple[int, str, str, str]] = Counter()
    days: Counter[tuple[int, str, str, str]] = Counter()
    cost: Counter[tuple[int, str, str, str]] = Counter()
    for person in report.people:
        for year in person.plan.years:
            for item in year.items:
                # Renewals of different sets of certificates (their titles differ) are separate cells.
                key = (year.year, item.kind, item.course_id, item.title if item.kind == "renewal" else "")
                counted[key] += 1
                days[key] += item.days  # type: ignore[assignment]
                cost[key] += item.cost or 0  # type: ignore[assignment]
    cells = {(c.year, c.kind, c.course_id, c.title if c.kind == "renewal" else ""): c for c in report.seats}
    assert len(cells) == len(report.seats)
    assert set(cells) == set(counted)
    for key, cell in cells.items():
        assert cell.seats == counted[key]
        assert cell.days == pytest.approx(days[key])
        assert (cell.cost or 0) == pytest.approx(cost[key])
    kinds = [KIND_ORDER.index(c.kind) for c in report.seats]
    assert [(c.year, k) for c, k in zip(report.seats, kinds, strict=True)] == sorted(
        (c.year, k) for c, k in zip(report.seats, kinds, strict=True)
    )


def test_totals_add_up(catalogue: Catalogue) -> None:
    report = build_team_report(catalogue, mixed_team(catalogue), years=6, start_year=2026)
    assert report.people is not None
    assert [t.year for t in report.totals] == list(range(2026, 2032))
    for total in report.totals:
        cells = [c for c in report.seats if c.year == total.year]
        assert total.seats == sum(c.seats or 0 for c in cells)
        assert total.days == pytest.approx(sum(c.days or 0 for c in cells))
        assert total.unpriced == sum(c.unpriced or 0 for c in cells)
        by_currency: Counter[str] = Counter()
        for cell in cells:
            if cell.cost is not None and cell.currency is not None:
                by_currency[cell.currency] += cell.cost  # type: ignore[assignment]
        assert total.costs == pytest.approx(dict(by_currency))
        with_items = sum(1 for p in report.people if any(y.year == total.year and y.items for y in p.plan.years))
        assert total.people == with_items
    assert sum(level.people or 0 for level in report.levels) == report.people_count == 120


def test_lapses_and_heat_map_count_people(catalogue: Catalogue) -> None:
    members = mixed_team(catalogue)
    report = build_team_report(catalogue, members, years=6, start_year=2026)
    assert report.people is not None and report.lapses is not None
    renewals = Counter(
        (y.year, i.course_id) for p in report.people for y in p.plan.years for i in y.items if i.kind == "renewal"
    )
    assert {(c.year, c.course_id): c.people for c in report.lapse_calendar} == dict(renewals)
    assert len(report.lapses) == sum(renewals.values())
    assert [lapse.renew_by for lapse in report.lapses] == sorted(lapse.renew_by for lapse in report.lapses)
    focus_people = [m for m in members if m.focus]
    for skill in {s for m in focus_people for s in m.focus}:
        for level in range(1, 5):
            cell = next(c for c in report.heat_map if c.skill == skill and c.level == level)
            assert cell.people_with_gap is not None
            assert cell.people_with_gap >= sum(1 for m in focus_people if skill in m.focus and m.level == level)


def test_identical_inputs_share_one_plan(catalogue: Catalogue) -> None:
    members = [TeamMember(id=f"p{i}", level=2, target_level=3) for i in range(50)]
    report = build_team_report(catalogue, members, years=4, start_year=2026)
    assert report.people is not None
    assert len({id(p.plan) for p in report.people}) == 1
    assert all(cell.seats == 50 for cell in report.seats)


def test_budget_overrun_in_priority_order(priced: Catalogue) -> None:
    catalogue = priced
    members = mixed_team(catalogue)
    full = build_team_report(catalogue, members, years=6, start_year=2026)
    budget = max((t.costs or {}).get("GBP", 0.0) for t in full.totals) / 2
    assert budget > 0
    report = build_team_report(catalogue, members, years=6, start_year=2026, team_budget_per_year=budget)
    assert report.budget is not None and report.people is not None
    order = {m.id: i for i, m in enumerate(members)}
    over_some_year = False
    for total, year in zip(full.totals, report.budget.years, strict=True):
        planned = (total.costs or {}).get("GBP", 0.0)
        assert year.planned == pytest.approx(planned)
        assert year.overrun == pytest.approx(max(0.0, planned - budget))
        assert year.outside is not None
        if planned <= budget:
            assert year.outside == []
            continue
        over_some_year = True
        outside_cost = sum(item.cost for item in year.outside)
        assert planned - outside_cost <= budget < planned - outside_cost + year.outside[0].cost
        ranks = [(KIND_ORDER.index(item.kind), order[item.person_id]) for item in year.outside]
        assert ranks == sorted(ranks)
        by_course = Counter((i.kind, i.course_id) for i in year.outside)
        assert {(c.kind, c.course_id): c.seats for c in year.outside_by_course} == dict(by_course)
    assert over_some_year
    rows = team_to_csv(report).splitlines()
    assert sum(row.count(",outside,") for row in rows) == sum(len(y.outside or []) for y in report.budget.years)


@pytest.mark.parametrize("k", [2, 3, 5, 20])
def test_min_group_hides_every_small_cell_and_shows_the_rest_unchanged(priced: Catalogue, k: int) -> None:
    """Primary cells are hidden; every figure still shown equals the full report's (see test_team_privacy)."""
    catalogue = priced
    members = mixed_team(catalogue)
    full = build_team_report(catalogue, members, years=6, start_year=2026, team_budget_per_year=20000)
    shared = build_team_report(catalogue, members, years=6, start_year=2026, team_budget_per_year=20000, min_group=k)
    assert shared.people is None and shared.lapses is None
    assert shared.budget is not None and full.budget is not None
    assert all(year.outside is None for year in shared.budget.years)
    primary = 0

    def check(plain: object, cell: object, small: bool, fields: tuple[str, ...]) -> None:
        nonlocal primary
        primary += small
        if small:
            assert cell.suppressed is True  # type: ignore[attr-defined]
        for name in fields:
            shown = getattr(cell, name)
            assert shown is None or shown == getattr(plain, name), name
            assert shown is not None or getattr(plain, name) is None or cell.suppressed  # type: ignore[attr-defined]

    for plain, cell in zip(full.seats, shared.seats, strict=True):
        check(plain, cell, 0 < (plain.seats or 0) < k, ("seats", "days", "cost", "unpriced"))
    for plain_l, cell_l in zip(full.lapse_calendar, shared.lapse_calendar, strict=True):
        check(plain_l, cell_l, 0 < (plain_l.people or 0) < k, ("people",))
    headcount = {lv.level: lv.people or 0 for lv in full.levels}
    for plain_v, cell_v in zip(full.levels, shared.levels, strict=True):
        check(plain_v, cell_v, 0 < (plain_v.people or 0) < k, ("people",))
    for plain_h, cell_h in zip(full.heat_map, shared.heat_map, strict=True):
        n, base = plain_h.people_with_gap or 0, headcount[plain_h.level]
        check(plain_h, cell_h, 0 < n < k or 0 < base < k or 0 < base - n < k, ("people_with_gap",))
    for plain_t, cell_t in zip(full.totals, shared.totals, strict=True):
        check(plain_t, cell_t, 0 < (plain_t.people or 0) < k, ("people", "seats", "days", "costs", "over_budget"))
    for plain_b, cell_b in zip(full.budget.years, shared.budget.years, strict=True):
        for plain_c, cell_c in zip(plain_b.outside_by_course, cell_b.outside_by_course, strict=True):
            check(plain_c, cell_c, 0 < (plain_c.seats or 0) < k, ("seats", "cost"))
        total = next(t for t in shared.totals if t.year == cell_b.year)
        assert cell_b.suppressed == (total.costs is None)
        if not cell_b.suppressed:
            assert (cell_b.planned, cell_b.overrun) == (plain_b.planned, plain_b.overrun)
    assert shared.suppression is not None
    assert shared.suppression.cells_suppressed >= primary
    assert shared.people_count == full.people_count
    if k == 20:
        assert primary > 0 and shared.suppression.complementary > 0
    # Nothing per person in any output.
    text = "".join(team_json_chunks(shared)) + team_to_markdown(shared) + team_to_html(shared)
    assert "p001" not in text and "Person 1" not in text


def test_streamed_json_is_the_plain_json(catalogue: Catalogue) -> None:
    members = mixed_team(catalogue, 30)
    for options in ({}, {"team_budget_per_year": 1000.0}, {"min_group": 3, "team_budget_per_year": 1000.0}):
        report = build_team_report(catalogue, members, years=6, start_year=2026, **options)  # type: ignore[arg-type]
        text = "".join(team_json_chunks(report))
        assert text == plain_json(report)
        assert to_json(TeamReport.model_validate_json(text).model_dump(mode="json")) == text


def test_empty_lists_serialise_the_same(catalogue: Catalogue) -> None:
    report = build_team_report(catalogue, [TeamMember(id="solo", level=4, target_level=4)], years=1, start_year=2026)
    assert "".join(team_json_chunks(report)) == plain_json(report)


def plain_json(report: TeamReport) -> str:
    """The report's JSON built in one piece, each plan with its text written from its reasons."""
    data = report.model_dump(mode="json")
    for person, dumped in zip(report.people or [], data["people"] or [], strict=True):
        dumped["plan"] = plan_json_data(person.plan)
    return to_json(data)


def test_progress_is_reported_up_to_the_team_size(catalogue: Catalogue) -> None:
    seen: list[int] = []
    members = [TeamMember(id=f"p{i}", level=1 + i % 4, target_level=4) for i in range(250)]
    build_team_report(catalogue, members, years=2, start_year=2026, progress=seen.append)
    assert seen == sorted(seen) and seen[-1] == 250


def test_example_team_reads(catalogue: Catalogue) -> None:
    members = read_team(REPO / "examples" / "team.csv", catalogue)
    assert [m.id for m in members] == [f"p{i:03d}" for i in range(1, 11)]


def test_renewals_of_different_certificate_sets_are_separate_seat_cells(catalogue: Catalogue) -> None:
    """One person renews P3O Foundation alone, another the whole P3O suite: two cells, not one mislabelled."""
    on = date(2024, 5, 14)
    foundation = CompletedCourse(course_id="p3o-foundation", completed_on=on)
    practitioner = CompletedCourse(course_id="p3o-practitioner", completed_on=on)
    members = [
        TeamMember(id="a", level=1, target_level=1, completed=(foundation,)),
        # No days for courses: no other exam of the suite is sat before the date, so the suite is re-sat.
        TeamMember(id="b", level=3, target_level=3, completed=(foundation, practitioner), days_per_year=0.0),
    ]
    report = build_team_report(catalogue, members, years=2, start_year=2026)
    renewals = [(c.year, c.course_id, c.title, c.seats) for c in report.seats if c.kind == "renewal"]
    assert renewals == [
        (2027, "p3o-foundation", "P3O Foundation (Portfolio, Programme and Project Offices)", 1),
        (
            2027,
            "p3o-foundation",
            "P3O Foundation (Portfolio, Programme and Project Offices), "
            "P3O Practitioner (Portfolio, Programme and Project Offices)",
            1,
        ),
    ]


def test_the_team_budget_counts_every_currency_converted(catalogue: Catalogue) -> None:
    """Issue 13: a price in another currency is not left out of the team budget; the heading says what is counted.

    The team budgets in US dollars (as ``team plan --currency USD`` does); MoP Practitioner is priced in pounds.
    """
    from dataclasses import replace

    dollars = replace(catalogue, currency="USD")
    done = (CompletedCourse(course_id="mop-foundation", completed_on=date(2025, 6, 1)),)
    members = [TeamMember(id=f"p{i}", level=4, target_level=4, completed=done) for i in range(3)]
    report = build_team_report(dollars, members, years=6, start_year=2027, team_budget_per_year=500.0)
    assert report.people is not None
    converted = [i for p in report.people for y in p.plan.years for i in y.items if i.currency == "GBP"]
    assert converted, "the plan includes a GBP-priced course"
    for total in report.totals:
        items = [i for p in report.people for y in p.plan.years if y.year == total.year for i in y.items]
        known = sum(i.budget_cost for i in items if i.budget_cost is not None)
        assert total.budget_cost == pytest.approx(known)
        assert total.over_budget == pytest.approx(max(0.0, known - 500.0))
    seats = sum(t.seats or 0 for t in report.totals)
    unpriced = sum(t.unpriced or 0 for t in report.totals)
    text = team_to_markdown(report)
    assert f"applied to {seats - unpriced} of {seats} seats; {unpriced} unpriced" in text
    html = team_to_html(report)
    mop_year = next(t for t in report.totals if t.costs)
    assert mop_year.costs == {"GBP": 3 * 1205.0}
    assert mop_year.budget_cost == pytest.approx(3 * 1205 / 0.86410 * 1.1761)  # ECB rates of 2026-05-08
    assert mop_year.over_budget == pytest.approx((mop_year.budget_cost or 0.0) - 500.0)
    assert "Every known price, converted to USD" in html
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(team_to_csv(report).removeprefix("\ufeff"))))
    mop = [r for r in rows if r["course_id"] == "mop-practitioner"]
    # £1,205 is about US$1,640, over the US$500 team budget: every seat falls outside it (not left blank).
    assert [r["team_budget"] for r in mop] == ["outside"] * 3


def test_sums_are_those_of_every_item_in_team_order_to_the_last_bit(priced: Catalogue) -> None:
    """Every sum adds each item's terms in team order, though the planner shares equal years between plans.

    Prices with cents do not add up exactly in floating point, so a sum taken in another order (say, a
    shared year's cost multiplied by the people who share it) would change the last digit of the JSON.
    """
    odd = [c.model_copy(update={"cost": 399.99 * c.days + 0.07 * len(c.id)}) for c in priced.courses]
    catalogue = Catalogue(
        skills=priced.skills,
        levels=priced.levels,
        courses=tuple(odd),
        renewal_schemes=priced.renewal_schemes,
        currency="GBP",
        rates=priced.rates,
    )
    members = mixed_team(catalogue, 150, seed=11)
    report = build_team_report(catalogue, members, years=6, start_year=2026, team_budget_per_year=9000.0)
    assert report.people is not None
    shared = [year for person in report.people for year in person.plan.years]
    assert len({id(year) for year in shared}) < len(shared)  # the planner does share years here
    # Item by item, person by person in team order (each distinct plan once, times its people, as before).
    seat_days: dict[tuple[int, str, str, str], float] = {}
    seat_cost: dict[tuple[int, str, str, str], float] = {}
    year_days = dict.fromkeys(range(2026, 2032), 0.0)
    year_cost = dict.fromkeys(range(2026, 2032), 0.0)
    counts = Counter(id(person.plan) for person in report.people)
    seen: set[int] = set()
    for person in report.people:
        if id(person.plan) in seen:
            continue
        seen.add(id(person.plan))
        count = counts[id(person.plan)]
        for year in person.plan.years:
            if year.items:
                year_days[year.year] += count * sum(item.days for item in year.items)
            for item in year.items:
                key = (year.year, item.kind, item.course_id, item.title if item.kind == "renewal" else "")
                seat_days[key] = seat_days.get(key, 0.0) + count * item.days
                if item.cost is not None:
                    seat_cost[key] = seat_cost.get(key, 0.0) + count * item.cost
                if item.budget_cost is not None:
                    year_cost[year.year] += count * item.budget_cost
    cells = {(c.year, c.kind, c.course_id, c.title if c.kind == "renewal" else ""): c for c in report.seats}
    assert {key: cell.days for key, cell in cells.items()} == seat_days
    assert {key: cell.cost for key, cell in cells.items() if cell.cost is not None} == seat_cost
    assert {total.year: total.days for total in report.totals} == year_days
    assert {total.year: total.budget_cost for total in report.totals} == year_cost
