"""The four worked examples of the README, built through the CLI and checked against the source's advice.

PMO Learning's advice (fact sheet section 1.1 and the seed page): start with a core certification, take one
every 2 to 3 years, Foundation before Practitioner, and specialist courses for specific skill gaps. Level 1:
House of PMO Essentials for PMO Administrators, or P3O Foundation as a starting point. Level 2: P3O and AIPMO
IPMO-Foundation. Level 3: P3O Practitioner (managers usually take the 5-day Foundation + Practitioner), IPMO-P,
Essentials for PMO Managers, MoP. Level 4: IPMO-Expert, Essentials for PMO Directors, MoP, specialist courses.

The tables are snapshots at COLUMNS=100 with NO_COLOR=1 (see conftest.py); trailing spaces that rich pads
lines with are not part of the snapshot.
"""

from __future__ import annotations

import json
from typing import Any

from typer.testing import CliRunner

from pmoplan.cli import app

NEWCOMER = ["--level", "1", "--years", "6", "--start", "2026"]
ANALYST = ["--level", "2", "--years", "6", "--start", "2026", "--completed", "p3o-foundation@2025-05-14"]
MANAGER = ["--level", "3", "--years", "6", "--start", "2026", "--budget-per-year", "1500"]
DIRECTOR = [
    "--level",
    "4",
    "--years",
    "6",
    "--start",
    "2026",
    "--completed",
    "mop-combined@2024-06-10",
    "--completed",
    "p3o-practitioner@2023-11-15",
]


def plan_json(runner: CliRunner, args: list[str]) -> dict[str, Any]:
    result = runner.invoke(app, ["plan", *args, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def plan_table(runner: CliRunner, args: list[str]) -> str:
    result = runner.invoke(app, ["plan", *args])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert all(len(line) <= 100 for line in result.stdout.splitlines())
    return "\n".join(line.rstrip() for line in result.stdout.splitlines()) + "\n"


def sittings(document: dict[str, Any]) -> list[tuple[int, str]]:
    return [(y["year"], i["course_id"]) for y in document["years"] for i in y["items"] if i["kind"] == "certification"]


def renewals(document: dict[str, Any]) -> list[tuple[int, str, str]]:
    return [
        (y["year"], i["course_id"], i["renew_by"])
        for y in document["years"]
        for i in y["items"]
        if i["kind"] == "renewal"
    ]


def specialists(document: dict[str, Any]) -> dict[int, list[str]]:
    return {y["year"]: [i["course_id"] for i in y["items"] if i["kind"] == "specialist"] for y in document["years"]}


def levels(document: dict[str, Any]) -> list[int]:
    return [y["level"] for y in document["years"]]


def within_limits(document: dict[str, Any], days: float, budget: float | None) -> None:
    for year in document["years"]:
        assert sum(item["days"] for item in year["items"]) <= days
        if budget is not None:
            assert year["costs"].get("GBP", 0) <= budget


# --- 1. a level 1 newcomer over 6 years ---------------------------------------------------------


def test_newcomer_starts_with_essentials_then_p3o_foundation_every_two_years(runner: CliRunner) -> None:
    plan = plan_json(runner, NEWCOMER)
    assert sittings(plan) == [(2026, "hop-essentials-administrators"), (2028, "p3o-foundation"), (2030, "aipmo-ipmo-f")]
    assert levels(plan) == [1, 1, 2, 2, 2, 2]
    assert [(m["year"], m["kind"]) for m in plan["milestones"]] == [
        (2028, "ready-for-level"),
        (2028, "target-reached"),
        (2028, "note"),  # start logging CPD the year P3O Foundation is passed, to renew it by CPD
    ]
    assert renewals(plan) == [(2031, "p3o-foundation", "2031-03-01")]  # P3O Foundation of March 2028 + 3 years
    assert all(len(courses) == 2 for year, courses in specialists(plan).items() if year < 2031)
    assert specialists(plan)[2026] == ["pmo-reporting", "planning-scheduling"]  # level 1: planning and reporting
    within_limits(plan, 8, None)


def test_newcomer_table(runner: CliRunner) -> None:
    assert plan_table(runner, NEWCOMER) == NEWCOMER_TABLE


# --- 2. a level 2 analyst who passed P3O Foundation in 2025 -------------------------------------


def test_analyst_keeps_p3o_foundation_renews_it_in_2028_and_builds_on_it(runner: CliRunner) -> None:
    plan = plan_json(runner, ANALYST)
    planned = [course for _, course in sittings(plan)]
    assert "p3o-foundation" not in planned and "p3o-combined" not in planned
    # Passed in 2025: the next sitting is two years on, not in the first year of the plan.
    assert sittings(plan) == [(2027, "aipmo-ipmo-f"), (2029, "p3o-practitioner"), (2031, "aipmo-ipmo-p")]
    # Foundation of 14 May 2025 lapses on 14 May 2028: renewed that year, before the Practitioner sitting.
    assert renewals(plan) == [(2028, "p3o-foundation", "2028-05-14")]
    assert levels(plan) == [2, 2, 2, 3, 3, 3]  # Practitioner only once the analyst manages a PMO (level 3)
    # The Practitioner exam of March 2029 renews the whole P3O suite to March 2032.
    held = {c["course_id"]: c["renew_by"] for c in plan["certificates"]}
    assert held["p3o-foundation"] == "2032-03-01"
    assert held["p3o-practitioner"] == "2032-03-01"
    within_limits(plan, 8, None)


def test_analyst_table(runner: CliRunner) -> None:
    assert plan_table(runner, ANALYST) == ANALYST_TABLE


# --- 3. a level 3 PMO manager on a £1,500-a-year budget -----------------------------------------


def test_manager_takes_the_combined_p3o_course_within_budget(runner: CliRunner) -> None:
    plan = plan_json(runner, MANAGER)
    assert sittings(plan) == [
        (2026, "p3o-combined"),  # PMO Learning: those managing a PMO usually take the 5-day F+P
        (2028, "hop-essentials-managers"),
        (2030, "hop-essentials-directors"),
    ]
    assert levels(plan) == [3, 3, 3, 3, 4, 4]
    assert renewals(plan) == [(2029, "p3o-foundation", "2029-03-01")]
    planned = {i["course_id"] for y in plan["years"] for i in y["items"] if i["kind"] != "renewal"}
    assert not planned & {"p3o-foundation", "p3o-practitioner"}
    within_limits(plan, 8, 1500)


def test_budget_keeps_out_the_one_course_it_cannot_afford_and_says_why(runner: CliRunner) -> None:
    # MoP Practitioner (recommended at level 4) costs £1,205: at £1,000 a year it never fits.
    args = ["--level", "4", "--years", "4", "--start", "2026", "--budget-per-year", "1000"]
    plan = plan_json(runner, [*args, "--completed", "mop-foundation@2024-02-01", "--provider", "AXELOS / PeopleCert"])
    assert sittings(plan) == [(2026, "msp-combined")]
    assert [(u["year"], u["course_id"], u["reason"]) for u in plan["unscheduled"]][:3] == [
        (
            2026,
            "mop-practitioner",
            "recommended for level 4 but costs £1,205, £1,000 left of the yearly budget; msp-combined planned instead",
        ),
        *[
            (
                year,
                "mop-practitioner",
                "no certification fits this year: mop-practitioner costs £1,205, £1,000 left of the yearly budget",
            )
            for year in (2028, 2029)
        ],
    ]
    # The MSP exam of March 2026 renewed MoP Foundation (due February 2027) with the PPM suite.
    assert renewals(plan) == [(2029, "mop-foundation", "2029-03-01")]
    within_limits(plan, 8, 1000)


def test_manager_table(runner: CliRunner) -> None:
    assert plan_table(runner, MANAGER) == MANAGER_TABLE


# --- 4. a level 4 director who holds MoP and P3O Practitioner -----------------------------------


def test_director_does_not_replan_mop_or_p3o_and_renews_the_suite(runner: CliRunner) -> None:
    plan = plan_json(runner, DIRECTOR)
    planned = [course for _, course in sittings(plan)]
    assert not [course for course in planned if course.startswith(("mop-", "p3o-"))]
    assert sittings(plan) == [(2026, "hop-essentials-directors"), (2028, "pmi-pfmp"), (2030, "wellingtone-pmo-leader")]
    # The MoP exam of June 2024 renewed P3O Practitioner (due Nov 2026) with it, to June 2027.
    assert renewals(plan) == [
        (2027, "mop-foundation", "2027-06-10"),
        (2030, "mop-foundation", "2030-06-10"),
        (2031, "pmi-pfmp", "2031-03-01"),
    ]
    held = {c["course_id"]: c["renew_by"] for c in plan["certificates"]}
    assert held["p3o-practitioner"] == held["mop-practitioner"] == "2033-06-10"
    assert [m["text"] for m in plan["milestones"]] == [
        "p3o-foundation assumed completed: it is a prerequisite of p3o-practitioner",
        # Re-sat in 2027 (CPD was out: the year to June 2025 is over, unlogged), the suite can then be
        # renewed by CPD if logged from 2027; likewise after the 2030 renewal.
        "log at least 20 CPD points every year until 2030-06-10 (PeopleCert / AXELOS 3-year renewal (PPM suite)), "
        "so that CPD can renew it",
        "log at least 20 CPD points every year until 2033-06-10 (PeopleCert / AXELOS 3-year renewal (PPM suite)), "
        "so that CPD can renew it",
    ]
    first = next(item for y in plan["years"] for item in y["items"] if item["kind"] == "renewal")
    assert first["route"] == "re-exam"
    assert {"code": "cpd-years-missed", "ends": ["2025-06-10"], "required": 20.0, "unit": "CPD point"} in first[
        "reasons"
    ]
    within_limits(plan, 8, None)


def test_director_renewal_names_every_certificate_it_renews(runner: CliRunner) -> None:
    plan = plan_json(runner, DIRECTOR)
    said = " ".join(
        f"{i['course_id']} {i['title']} {i['why']}" for y in plan["years"] if y["year"] == 2027 for i in y["items"]
    )
    assert "P3O Practitioner" in said or "p3o-practitioner" in said
    assert "MoP Practitioner" in said or "mop-practitioner" in said


def test_director_table(runner: CliRunner) -> None:
    assert plan_table(runner, DIRECTOR) == DIRECTOR_TABLE


# --- snapshots ---------------------------------------------------------------------------------

NEWCOMER_TABLE = """\
Development plan 2026-2031: level 1 (New to Working in Project Support) towards level 2, 8 training
days/year

              2026 2027 2028 2029 2030 2031
Certification  C    .    C    .    C    .
Specialist     ss   ss   ss   ss   ss   .
Renewal        .    .    .    .    .    R
Level          1    1    2    2    2    2

+--------------------------------------------------------------------------------------------------+
| Year | Level | Certification          | Specialist          | Renewals       | Days | Cost       |
|------+-------+------------------------+---------------------+----------------+------+------------|
| 2026 |   1   | hop-essentials-adminis | pmo-reporting       | -              |    6 | 3 unpriced |
|      |       | trators                | planning-scheduling |                |      |            |
|------+-------+------------------------+---------------------+----------------+------+------------|
| 2027 |   1   | -                      | raid-support        | -              |    2 | 2 unpriced |
|      |       |                        | qa-p3o-overview     |                |      |            |
|------+-------+------------------------+---------------------+----------------+------+------------|
| 2028 |   2   | p3o-foundation         | pmo-finance         | -              |    5 | 3 unpriced |
|      |       |                        | resource-capacity   |                |      |            |
|------+-------+------------------------+---------------------+----------------+------+------------|
| 2029 |   2   | -                      | pmol-benefits       | -              |    2 | 2 unpriced |
|      |       |                        | agile-pmo           |                |      |            |
|------+-------+------------------------+---------------------+----------------+------+------------|
| 2030 |   2   | aipmo-ipmo-f           | stakeholder         | -              |    5 | 3 unpriced |
|      |       |                        | facilitation        |                |      |            |
|------+-------+------------------------+---------------------+----------------+------+------------|
| 2031 |   2   | -                      | -                   | p3o-foundation |    0 | -          |
+--------------------------------------------------------------------------------------------------+

Reasons
  - hop-essentials-administrators (2026): first certification early in the plan; recommended for
    level 1 (New to Working in Project Support)
  - pmo-reporting (2026): largest open skill gap: Reporting and insight analysis (1 point to close)
  - planning-scheduling (2026): largest open skill gap: Planning and schedule management (1 point to
    close)
  - raid-support (2027): largest open skill gap: Risk and issue management (1 point to close); also
    develops Change control
  - qa-p3o-overview (2027): largest open skill gap: Portfolio shaping and prioritisation (1 point to
    close); also develops Frameworks and methodologies, PMO design, services and value
  - p3o-foundation (2028): 2 years since the last certification (one every 2-3 years); recommended
    for level 2 (Supporting Portfolios, Programmes and Projects) (course price not published; exam
    alone about £245)
  - pmo-finance (2028): largest open skill gap: Financial management, budgeting and cost control (2
    points to close)
  - resource-capacity (2028): largest open skill gap: Resource management and capacity planning (1
    point to close)
  - pmol-benefits (2029): largest open skill gap: Benefits management (1 point to close)
  - agile-pmo (2029): largest open skill gap: Governance arrangements and assurance (1 point to
    close)
  - aipmo-ipmo-f (2030): 2 years since the last certification (one every 2-3 years); recommended for
    level 2 (Supporting Portfolios, Programmes and Projects)
  - stakeholder (2030): largest open skill gap: Stakeholder engagement and communication (1 point to
    close)
  - facilitation (2030): largest open skill gap: Facilitation and knowledge management (1 point to
    close)
  - p3o-foundation (2031): renew by 2031-03-01 (PeopleCert / AXELOS 3-year renewal (PPM suite));
    suggested route: CPD points - Log at least 20 CPD points in each of the 3 years before the
    renew-by date (1 point = 1 hour; at least 5 a year from Professional Experience), with a paid
    PeopleCert Plus subscription (formerly MyAxelos; fee not found); alternatives: retake the exam
    (£245); CPD points: 0 logged + 72 from planned courses of 60; 15 still to find (Professional
    Experience 15)

Milestones
  - 2028: ready for level 2 (Supporting Portfolios, Programmes and Projects): 2 typical years at
    level 1 and a certification done; from now on courses fit level 2
  - 2028: target level 2 reached
  - 2028: log at least 20 CPD points every year until 2031-03-01 (PeopleCert / AXELOS 3-year renewal
    (PPM suite)), so that CPD can renew it

Totals
  - 3 certification(s), 10 specialist course(s), 1 renewal(s); 20 training days; cost 13 unpriced
  - Prices are indicative; 'unpriced' items have no published price in the catalogue.

Not scheduled
  - Financial management, budgeting and cost control: 1 point still open; every suitable specialist
    course is already planned or done
  - Strategy alignment and business case: 1 point still open; no specialist course for it suits
    level 2
"""


ANALYST_TABLE = """\
Development plan 2026-2031: level 2 (Supporting Portfolios, Programmes and Projects) towards level
3, 8 training days/year

              2026 2027 2028 2029 2030 2031
Certification  .    C    .    C    .    C
Specialist     ss   ss   ss   ss   ss   s
Renewal        .    .    R    .    .    .
Level          2    2    2    3    3    3

+------------------------------------------------------------------------------------------+
| Year | Level | Certification    | Specialist        | Renewals       | Days | Cost       |
|------+-------+------------------+-------------------+----------------+------+------------|
| 2026 |   2   | -                | resource-capacity | -              |    2 | 2 unpriced |
|      |       |                  | agile-pmo         |                |      |            |
|------+-------+------------------+-------------------+----------------+------+------------|
| 2027 |   2   | aipmo-ipmo-f     | qa-p3o-overview   | -              |    5 | 3 unpriced |
|      |       |                  | raid-support      |                |      |            |
|------+-------+------------------+-------------------+----------------+------+------------|
| 2028 |   2   | -                | pmol-benefits     | p3o-foundation |    2 | 2 unpriced |
|      |       |                  | stakeholder       |                |      |            |
|------+-------+------------------+-------------------+----------------+------+------------|
| 2029 |   3   | p3o-practitioner | pmo-leadership    | -              |    5 | 3 unpriced |
|      |       |                  | capability        |                |      |            |
|------+-------+------------------+-------------------+----------------+------+------------|
| 2030 |   3   | -                | tc-pmo-portfolio  | -              |  1.5 | 2 unpriced |
|      |       |                  | facilitation      |                |      |            |
|------+-------+------------------+-------------------+----------------+------+------------|
| 2031 |   3   | aipmo-ipmo-p     | pmo-setup         | -              |    7 | 2 unpriced |
+------------------------------------------------------------------------------------------+

Reasons
  - resource-capacity (2026): largest open skill gap: Resource management and capacity planning (2
    points to close)
  - agile-pmo (2026): largest open skill gap: Governance arrangements and assurance (2 points to
    close); also develops Frameworks and methodologies
  - aipmo-ipmo-f (2027): 2 years since the last certification (one every 2-3 years); recommended for
    level 2 (Supporting Portfolios, Programmes and Projects)
  - qa-p3o-overview (2027): largest open skill gap: PMO design, services and value (2 points to
    close); also develops Frameworks and methodologies, Portfolio shaping and prioritisation
  - raid-support (2027): largest open skill gap: Risk and issue management (1 point to close)
  - p3o-foundation (2028): renew by 2028-05-14 (PeopleCert / AXELOS 3-year renewal (PPM suite));
    suggested route: CPD points - Log at least 20 CPD points in each of the 3 years before the
    renew-by date (1 point = 1 hour; at least 5 a year from Professional Experience), with a paid
    PeopleCert Plus subscription (formerly MyAxelos; fee not found); alternatives: retake the exam
    (£245); CPD points: 0 logged + 43 from planned courses of 60; 17 still to find (Professional
    Experience 15)
  - pmol-benefits (2028): largest open skill gap: Benefits management (1 point to close)
  - stakeholder (2028): largest open skill gap: Stakeholder engagement and communication (1 point to
    close)
  - p3o-practitioner (2029): 2 years since the last certification (one every 2-3 years); recommended
    for level 3 (Managing a PMO); builds on p3o-foundation
  - pmo-leadership (2029): largest open skill gap: Leadership and team management (3 points to
    close)
  - capability (2029): largest open skill gap: Capability development (2 points to close)
  - tc-pmo-portfolio (2030): largest open skill gap: Governance arrangements and assurance (1 point
    to close); also develops Strategy alignment and business case
  - facilitation (2030): largest open skill gap: Facilitation and knowledge management (1 point to
    close)
  - aipmo-ipmo-p (2031): 2 years since the last certification (one every 2-3 years); recommended for
    level 3 (Managing a PMO); builds on aipmo-ipmo-f
  - pmo-setup (2031): largest open skill gap: PMO design, services and value (1 point to close)

Milestones
  - 2026: log at least 20 CPD points every year until 2028-05-14 (PeopleCert / AXELOS 3-year renewal
    (PPM suite)), so that CPD can renew it
  - 2029: ready for level 3 (Managing a PMO): 3 typical years at level 2 and a certification done;
    from now on courses fit level 3
  - 2029: target level 3 reached
  - 2029: log at least 20 CPD points every year until 2032-03-01 (PeopleCert / AXELOS 3-year renewal
    (PPM suite)), so that CPD can renew it

Totals
  - 3 certification(s), 11 specialist course(s), 1 renewal(s); 22.5 training days; cost 14 unpriced
  - Prices are indicative; 'unpriced' items have no published price in the catalogue.

Not scheduled
  - Leadership and team management: 2 points still open; every suitable specialist course is already
    planned or done
  - Resource management and capacity planning: 1 point still open; every suitable specialist course
    is already planned or done
  - Capability development: 1 point still open; every suitable specialist course is already planned
    or done
"""


MANAGER_TABLE = """\
Development plan 2026-2031: level 3 (Managing a PMO) towards level 4, 8 training days/year, budget
£1,500/year

              2026 2027 2028 2029 2030 2031
Certification  C    .    C    .    C    .
Specialist     ss   ss   ss   .    .    .
Renewal        .    .    .    R    .    .
Level          3    3    3    3    4    4

+-------------------------------------------------------------------------------------------------+
| Year | Level | Certification            | Specialist       | Renewals       | Days | Cost       |
|------+-------+--------------------------+------------------+----------------+------+------------|
| 2026 |   3   | p3o-combined             | tc-pmo-portfolio | -              |  6.5 | 3 unpriced |
|      |       |                          | pmol-benefits    |                |      |            |
|------+-------+--------------------------+------------------+----------------+------+------------|
| 2027 |   3   | -                        | qa-p3o-overview  | -              |    2 | 2 unpriced |
|      |       |                          | stakeholder      |                |      |            |
|------+-------+--------------------------+------------------+----------------+------+------------|
| 2028 |   3   | hop-essentials-managers  | capability       | -              |    6 | 3 unpriced |
|      |       |                          | pmo-leadership   |                |      |            |
|------+-------+--------------------------+------------------+----------------+------+------------|
| 2029 |   3   | -                        | -                | p3o-foundation |    0 | -          |
|------+-------+--------------------------+------------------+----------------+------+------------|
| 2030 |   4   | hop-essentials-directors | -                | -              |    2 | 1 unpriced |
|------+-------+--------------------------+------------------+----------------+------+------------|
| 2031 |   4   | -                        | -                | -              |    0 | -          |
+-------------------------------------------------------------------------------------------------+

Reasons
  - p3o-combined (2026): first certification early in the plan; recommended for level 3 (Managing a
    PMO); one sitting covers p3o-foundation and p3o-practitioner
  - tc-pmo-portfolio (2026): largest open skill gap: Portfolio shaping and prioritisation (2 points
    to close); also develops Strategy alignment and business case, Governance arrangements and
    assurance
  - pmol-benefits (2026): largest open skill gap: Benefits management (1 point to close)
  - qa-p3o-overview (2027): largest open skill gap: Portfolio shaping and prioritisation (1 point to
    close); also develops PMO design, services and value
  - stakeholder (2027): largest open skill gap: Stakeholder engagement and communication (1 point to
    close)
  - hop-essentials-managers (2028): 2 years since the last certification (one every 2-3 years);
    recommended for level 3 (Managing a PMO); builds on p3o-practitioner
  - capability (2028): largest open skill gap: Capability development (1 point to close)
  - pmo-leadership (2028): largest open skill gap: Leadership and team management (1 point to close)
  - p3o-foundation (2029): renew by 2029-03-01 (PeopleCert / AXELOS 3-year renewal (PPM suite));
    suggested route: CPD points - Log at least 20 CPD points in each of the 3 years before the
    renew-by date (1 point = 1 hour; at least 5 a year from Professional Experience), with a paid
    PeopleCert Plus subscription (formerly MyAxelos; fee not found); alternatives: retake the exam
    (£245); check with the provider that one CPD record covers every certificate named; CPD points:
    0 logged + 75.5 from planned courses of 60; 15 still to find (Professional Experience 15)
  - hop-essentials-directors (2030): 2 years since the last certification (one every 2-3 years);
    recommended for level 4 (Leading and Directing PMOs); builds on hop-essentials-managers

Milestones
  - 2026: log at least 20 CPD points every year until 2029-03-01 (PeopleCert / AXELOS 3-year renewal
    (PPM suite)), so that CPD can renew it
  - 2029: log at least 20 CPD points every year until 2032-03-01 (PeopleCert / AXELOS 3-year renewal
    (PPM suite)), so that CPD can renew it
  - 2030: ready for level 4 (Leading and Directing PMOs): 4 typical years at level 3 and a
    certification done; from now on courses fit level 4
  - 2030: target level 4 reached
  - 2026: 9 planned courses have no published price, so only their exam price, where known, was held
    against the £1,500 yearly budget: capability, hop-essentials-directors, hop-essentials-managers,
    p3o-combined, pmo-leadership, pmol-benefits, qa-p3o-overview, stakeholder, tc-pmo-portfolio

Totals
  - 3 certification(s), 6 specialist course(s), 1 renewal(s); 16.5 training days; cost 9 unpriced
  - Prices are indicative; 'unpriced' items have no published price in the catalogue.

Not scheduled
  - aipmo-ipmo-e: recommended for level 4 but needs aipmo-ipmo-p first
  - mop-practitioner: recommended for level 4 but needs mop-foundation first
  - Strategy alignment and business case: 1 point still open; every suitable specialist course is
    already planned or done
"""


DIRECTOR_TABLE = """\
Development plan 2026-2031: level 4 (Leading and Directing PMOs) towards level 4, 8 training
days/year

              2026 2027 2028 2029 2030 2031
Certification  C    .    C    .    C    .
Specialist     .    .    .    .    .    .
Renewal        .    R    .    .    R    R
Level          4    4    4    4    4    4

+-------------------------------------------------------------------------------------------+
| Year | Level | Certification            | Specialist | Renewals       | Days | Cost       |
|------+-------+--------------------------+------------+----------------+------+------------|
| 2026 |   4   | hop-essentials-directors | -          | -              |    2 | 1 unpriced |
|------+-------+--------------------------+------------+----------------+------+------------|
| 2027 |   4   | -                        | -          | mop-foundation |    0 | -          |
|------+-------+--------------------------+------------+----------------+------+------------|
| 2028 |   4   | pmi-pfmp                 | -          | -              |    3 | US$1,000   |
|------+-------+--------------------------+------------+----------------+------+------------|
| 2029 |   4   | -                        | -          | -              |    0 | -          |
|------+-------+--------------------------+------------+----------------+------+------------|
| 2030 |   4   | wellingtone-pmo-leader   | -          | mop-foundation |    3 | 1 unpriced |
|------+-------+--------------------------+------------+----------------+------+------------|
| 2031 |   4   | -                        | -          | pmi-pfmp       |    0 | US$150     |
+-------------------------------------------------------------------------------------------+

Reasons
  - hop-essentials-directors (2026): 2 years since the last certification (one every 2-3 years);
    recommended for level 4 (Leading and Directing PMOs); builds on p3o-practitioner
  - mop-foundation (2027): renew by 2027-06-10 (PeopleCert / AXELOS 3-year renewal (PPM suite));
    suggested route: retake the exam - Retake the same exam before the renew-by date, 3 years after
    the award; check with the provider that one CPD record covers every certificate named; CPD is
    not possible: the years ending 2025-06-10 needed 20 CPD points each and are not logged
  - pmi-pfmp (2028): 2 years since the last certification (one every 2-3 years); suits level 4
  - wellingtone-pmo-leader (2030): 2 years since the last certification (one every 2-3 years); suits
    level 4
  - mop-foundation (2030): renew by 2030-06-10 (PeopleCert / AXELOS 3-year renewal (PPM suite));
    suggested route: CPD points - Log at least 20 CPD points in each of the 3 years before the
    renew-by date (1 point = 1 hour; at least 5 a year from Professional Experience), with a paid
    PeopleCert Plus subscription (formerly MyAxelos; fee not found); alternatives: retake the exam;
    check with the provider that one CPD record covers every certificate named; CPD points: 0 logged
    + 30 from planned courses of 60; 30 still to find (Professional Experience 15)
  - pmi-pfmp (2031): renew by 2031-03-01 (PMI Continuing Certification Requirements (3-year cycle));
    suggested route: CPD points - Earn the PDUs the credential requires within the 3-year cycle
    (PMP, PgMP, PfMP: 60 PDUs; CAPM: 15 PDUs), across Education and Giving Back and the Talent
    Triangle. The cycle starts on the pass date (secondary source). A renewal fee is paid at the end
    of the cycle; after it, a one-year suspension still allows renewal (secondary sources); PDUs: 0
    logged + 42 from planned courses of 60; 18 still to find (Ways of Working 8, Power Skills 8)

Milestones
  - 2026: p3o-foundation assumed completed: it is a prerequisite of p3o-practitioner
  - 2027: log at least 20 CPD points every year until 2030-06-10 (PeopleCert / AXELOS 3-year renewal
    (PPM suite)), so that CPD can renew it
  - 2030: log at least 20 CPD points every year until 2033-06-10 (PeopleCert / AXELOS 3-year renewal
    (PPM suite)), so that CPD can renew it

Totals
  - 3 certification(s), 0 specialist course(s), 3 renewal(s); 8 training days; cost US$1,150 + 2
    unpriced
  - Prices are indicative; 'unpriced' items have no published price in the catalogue.

Not scheduled
  - aipmo-ipmo-e: recommended for level 4 but needs aipmo-ipmo-p first
  - no skill gaps known at this level: add --focus SKILL, or assess with 'pmoplan assess' and plan
    with --profile, to plan specialist courses
"""
