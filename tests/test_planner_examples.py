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
from datetime import date
from typing import Any

import pytest
from typer.testing import CliRunner

from pmoplan.cli import app, plan_commands
from tests.conftest import Snapshot

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


@pytest.fixture(autouse=True)
def coach_review_day(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every example is planned on the day of the coach's review, so lapses and urgency never drift."""
    monkeypatch.setattr(plan_commands, "today_for_plans", lambda: date(2026, 12, 1))


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


def test_newcomer_starts_with_essentials_then_p3o_foundation_and_practitioner_together(runner: CliRunner) -> None:
    """Coach: Essentials for Administrators first, then P3O Foundation with the Practitioner the year after
    (never split, never a one-day P3O overview before the real course), and no second foundation-level
    PMO framework (IPMO-F, Essentials for Analysts) on top of P3O Foundation. The third certification,
    in 2031, is Better Business Cases Foundation: it develops the strategy and business-case skill that
    no specialist course covers at level 2, the gap a level-2 PMO analyst who supports business cases
    has (the coach named it for exactly this), and it is the UK public-sector standard."""
    plan = plan_json(runner, NEWCOMER)
    assert sittings(plan) == [
        (2026, "hop-essentials-administrators"),
        (2028, "p3o-foundation"),
        (2029, "p3o-practitioner"),  # follows its Foundation within a year (rule 11)
        (2031, "bbc-foundation"),
    ]
    assert levels(plan) == [1, 1, 2, 2, 2, 2]
    assert [(m["year"], m["kind"]) for m in plan["milestones"]] == [(2028, "ready-for-level"), (2028, "target-reached")]
    assert renewals(plan) == []  # the Practitioner exam of 2029 renews the Foundation with the suite
    assert "qa-p3o-overview" not in {c for courses in specialists(plan).values() for c in courses}
    not_planned = {u["course_id"]: u["reasons"][0]["code"] for u in plan["unscheduled"] if u["course_id"]}
    assert not_planned["aipmo-ipmo-f"] == not_planned["hop-essentials-analysts"] == "family-held"
    assert all(len(courses) == 2 for year, courses in specialists(plan).items() if year < 2031)
    assert specialists(plan)[2026] == ["pmo-reporting", "planning-scheduling"]  # level 1: planning and reporting
    within_limits(plan, 8, None)


def test_newcomer_table(runner: CliRunner, snapshot: Snapshot) -> None:
    snapshot.check("plan-example-newcomer", plan_table(runner, NEWCOMER))


# --- 2. a level 2 analyst who passed P3O Foundation in 2025 -------------------------------------


def test_analyst_builds_on_p3o_foundation_with_the_practitioner_before_it_lapses(runner: CliRunner) -> None:
    """Coach: P3O Practitioner suits people who work in a component of a P3O, analysts included; sat
    before the Foundation's renew-by date it renews the suite for free. No second foundation-level PMO
    framework certificate (IPMO-F). Once at level 3, the second sitting (2031) is MoP, which the level
    recommends, through its combined Foundation and Practitioner course; APM Chartered Project
    Professional, a natural later goal for levels 3 and 4 that asks for a proven track record, does
    not jump ahead of a recommended certification. No specialist credential (SAFe, Scrum, PMI-RMP) is
    planned for someone who did not ask for its skills."""
    plan = plan_json(runner, ANALYST)
    planned = [course for _, course in sittings(plan)]
    assert "p3o-foundation" not in planned and "p3o-combined" not in planned and "aipmo-ipmo-f" not in planned
    # Passed in 2025: the next sitting is two years on, not in the first year of the plan.
    assert sittings(plan) == [
        (2027, "p3o-practitioner"),
        (2029, "hop-essentials-managers"),
        (2031, "mop-combined"),
    ]
    # The Practitioner exam of March 2027 renews the Foundation (due May 2028) with the suite, to March 2030.
    assert renewals(plan) == [(2030, "p3o-foundation", "2030-03-01")]
    assert levels(plan) == [2, 2, 2, 3, 3, 3]
    held = {c["course_id"]: c["renew_by"] for c in plan["certificates"]}
    # MoP combined (March 2031) is an exam of the same PeopleCert suite: it renews both to March 2034.
    assert held["p3o-foundation"] == held["p3o-practitioner"] == "2034-03-01"
    within_limits(plan, 8, None)


def test_analyst_table(runner: CliRunner, snapshot: Snapshot) -> None:
    snapshot.check("plan-example-analyst", plan_table(runner, ANALYST))


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
            # The MSP combined course has no published price: the budget could not check it.
            "recommended for level 4 but costs £1,205, more than the £1,000 budget a year; "
            "msp-combined planned instead, though its course price is not published: check that it fits the "
            "budget before booking",
        ),
        *[
            (
                year,
                "mop-practitioner",
                "no certification fits this year: mop-practitioner costs £1,205, more than the £1,000 budget a year",
            )
            for year in (2028, 2029)
        ],
    ]
    # The MSP exam of March 2026 renewed MoP Foundation (due February 2027) with the PPM suite.
    assert renewals(plan) == [(2029, "mop-foundation", "2029-03-01")]
    within_limits(plan, 8, 1000)


def test_manager_table(runner: CliRunner, snapshot: Snapshot) -> None:
    snapshot.check("plan-example-manager", plan_table(runner, MANAGER))


# --- 4. a level 4 director who holds MoP and P3O Practitioner -----------------------------------


def test_director_does_not_replan_mop_or_p3o_and_renews_the_suite(runner: CliRunner) -> None:
    """Coach: Essentials for PMO Directors first; then APM Chartered Project Professional, the UK's top
    professional standard, which a Head of PMO with MoP and P3O Practitioner is ready to work towards;
    then Wellingtone PMO Leader (benefits, resources, portfolio selection: the PMO director's craft).
    Not SAFe Lean Portfolio Manager: it serves organisations that run SAFe, and this director did not
    ask for it (--focus); not APM PPQ after Chartered status, which it would only lead to."""
    plan = plan_json(runner, DIRECTOR)
    planned = [course for _, course in sittings(plan)]
    assert not [course for course in planned if course.startswith(("mop-", "p3o-"))]
    # PfMP needs 48 months of portfolio experience, which was not given: asked for, not planned.
    assert sittings(plan) == [
        (2026, "hop-essentials-directors"),
        (2028, "apm-chpp"),
        (2030, "wellingtone-pmo-leader"),
    ]
    # The MoP exam of June 2024 renewed P3O Practitioner (due Nov 2026) with it, to June 2027; no PPM
    # suite exam is planned after it, so the suite is renewed in 2027 and again in 2030.
    assert [(year, course) for year, course, _ in renewals(plan)] == [
        (2027, "mop-foundation"),
        (2030, "mop-foundation"),
    ]
    assert [w["text"] for w in plan["warnings"]] == [
        "p3o-foundation assumed completed: it is a prerequisite of p3o-practitioner",
        "pmi-pfmp, pmi-pgmp need months of experience: give --experience-years N to plan them in the year you qualify",
        # CPD cannot renew June 2027 (the years before it were not logged), so 2027 is a re-sit; logging
        # from 2027 makes CPD the cheaper route for 2030, and so on for the next cycle.
        "from 2027: log at least 20 CPD points every year until 2030-06-10 (PeopleCert / AXELOS 3-year renewal "
        "(PPM suite)), so that CPD can renew it",
        "from 2030: log at least 20 CPD points every year until 2033-06-10 (PeopleCert / AXELOS 3-year renewal "
        "(PPM suite)), so that CPD can renew it",
        # Chartered status has no renew-by date (APM publishes no revalidation): kept by yearly CPD and fee.
        "from 2028: APM Chartered Project Professional (ChPP) has no renew-by date: keep it by logging at least 35 "
        "hours of CPD every year (APM CPD scheme (members and Chartered Project Professionals)) and paying its "
        "yearly fee (£93)",
    ]
    assert [(i["route"]) for y in plan["years"] for i in y["items"] if i["kind"] == "renewal"] == ["re-exam", "cpd"]
    assert plan["milestones"] == []
    within_limits(plan, 8, None)


def test_director_renewal_names_every_certificate_it_renews(runner: CliRunner) -> None:
    plan = plan_json(runner, DIRECTOR)
    said = " ".join(
        f"{i['course_id']} {i['title']} {i['why']}" for y in plan["years"] if y["year"] == 2027 for i in y["items"]
    )
    assert "P3O Practitioner" in said or "p3o-practitioner" in said
    assert "MoP Practitioner" in said or "mop-practitioner" in said


def test_director_table(runner: CliRunner, snapshot: Snapshot) -> None:
    snapshot.check("plan-example-director", plan_table(runner, DIRECTOR))


# --- the coach's personas (issue 12): what a PMO career coach would advise, and why ---------------
# Planned on 1 December 2026 from 2027, as the coach ran them.


def sat(plan: dict[str, Any]) -> list[str]:
    return [course for _, course in sittings(plan)]


def codes(entries: list[dict[str, Any]]) -> dict[str | None, str]:
    return {entry.get("course_id"): entry["reasons"][0]["code"] for entry in entries}


def item_codes(plan: dict[str, Any], course_id: str) -> list[str]:
    item = next(i for y in plan["years"] for i in y["items"] if i["course_id"] == course_id and i["kind"] != "renewal")
    return [r["code"] for r in item["reasons"]]


def test_pmp_holder_moving_into_pmo_management() -> None:
    """Coach: a PMP makes CAPM pointless and already gives foundation-level project knowledge, so no
    CAPM and no PRINCE2 Foundation; take P3O Foundation and Practitioner together (the PMO framework);
    renew the PMP, whose cycle ends within six months, urgently."""
    runner = CliRunner()
    args = ["--level", "2", "--target-level", "3", "--years", "5", "--start", "2027"]
    plan = plan_json(runner, [*args, "--completed", "pmi-pmp@2024-05-20", "--budget-per-year", "3000"])
    assert not {"pmi-capm", "prince2-foundation", "qa-p3o-overview"} & {
        i["course_id"] for y in plan["years"] for i in y["items"]
    }
    assert sittings(plan)[:2] == [(2027, "p3o-foundation"), (2028, "p3o-practitioner")]
    assert "follows-foundation" in item_codes(plan, "p3o-practitioner")
    first = plan["warnings"][0]
    assert (first["code"], first["urgent"], first["reasons"][0]["renew_by"]) == ("renewal-urgent", True, "2027-05-20")
    assert renewals(plan)[0] == (2027, "pmi-pmp", "2027-05-20")


def test_prince2_practitioner_new_to_a_pmo() -> None:
    """Coach: P3O Foundation first is right for someone new to a PMO; say plainly that the 2023
    PRINCE2 Practitioner has lapsed (a warning, not a milestone), and that the PMI route needs
    experience before it can be planned."""
    plan = plan_json(CliRunner(), ["--level", "2", "--start", "2027", "--completed", "prince2-practitioner@2023-06-01"])
    assert sittings(plan)[:2] == [(2027, "p3o-foundation"), (2028, "p3o-practitioner")]
    lapsed = [w for w in plan["warnings"] if w["code"] == "lapsed"]
    assert [w["reasons"][0]["course_id"] for w in lapsed] == ["prince2-practitioner"]
    assert {m["kind"] for m in plan["milestones"]} <= {"ready-for-level", "target-reached"}
    assert any(w["code"] == "experience-unknown" for w in plan["warnings"])


def test_head_of_pmo_without_certificates() -> None:
    """Coach: House of PMO accepts practical experience instead of the listed certificates, so a new
    Head of PMO takes the 2-day Essentials for PMO Directors first, with a note to check it."""
    plan = plan_json(CliRunner(), ["--level", "4", "--years", "1", "--budget-per-year", "2000", "--start", "2027"])
    assert sittings(plan) == [(2027, "hop-essentials-directors")]
    assert "on-experience" in item_codes(plan, "hop-essentials-directors")
    assert "hop-essentials-directors" not in codes(plan["unscheduled"])


def test_level_2_analyst_with_p3o_foundation() -> None:
    """Coach: sit P3O Practitioner before the Foundation's renew-by date (10 March 2027): the exam
    renews the suite for free; flag that date as urgent; no P3O overview, no second foundation-level
    PMO framework certificate."""
    args = ["--level", "2", "--start", "2027", "--completed", "p3o-foundation@2024-03-10", "--budget-per-year", "1500"]
    plan = plan_json(CliRunner(), args)
    assert sittings(plan)[0] == (2027, "p3o-practitioner")
    planned = {i["course_id"] for y in plan["years"] for i in y["items"]}
    assert not planned & {"qa-p3o-overview", "aipmo-ipmo-f", "hop-essentials-analysts"}
    first = plan["warnings"][0]
    assert first["urgent"] and first["reasons"][0]["renew_by"] == "2027-03-10"
    held = {c["course_id"]: c["renew_by"] for c in plan["certificates"]}
    assert held["p3o-foundation"] > "2027-03-10"  # renewed by the Practitioner exam, not lapsed


def test_lapsed_mop_holder() -> None:
    """Coach: MoP Practitioner needs a current MoP Foundation; never plan it on a lapsed one. Someone
    who passed both restores them by re-sitting the two exams in the first year (exam only, no course
    days): cheaper in days and money than the 5-day combined course, and the year's sitting is free
    for the next step (P3O)."""
    args = ["--level", "3", "--target-level", "4", "--years", "5", "--start", "2027"]
    plan = plan_json(
        CliRunner(), [*args, "--completed", "mop-foundation@2020-01-01", "--completed", "mop-practitioner@2020-06-01"]
    )
    assert not {"mop-practitioner", "mop-combined", "mop-foundation"} & set(sat(plan))
    restores = [
        (y["year"], i["course_id"], i["days"], [r["code"] for r in i["reasons"]])
        for y in plan["years"]
        for i in y["items"]
        if i["route"] == "restore"
    ]
    assert restores == [
        (2027, "mop-foundation", 0.0, ["restore-lapsed"]),
        (2027, "mop-practitioner", 0.0, ["restore-lapsed"]),
    ]
    assert {w["reasons"][0]["course_id"] for w in plan["warnings"] if w["code"] == "lapsed"} == {
        "mop-foundation",
        "mop-practitioner",
    }


def test_us_newcomer_on_the_pmi_route() -> None:
    """Coach: CAPM first; PMI-PMOCP only once 36 months of project experience are reached (or a PMP),
    and PMP likewise: with no experience today, both wait for the year the person qualifies."""
    args = ["--level", "1", "--years", "6", "--start", "2027", "--provider", "PMI", "--experience-years", "0"]
    plan = plan_json(CliRunner(), args)
    assert sittings(plan) == [(2027, "pmi-capm"), (2030, "pmi-pmocp"), (2032, "pmi-pmp")]
    assert "experience-met" in item_codes(plan, "pmi-pmocp")
    unknown = plan_json(CliRunner(), ["--level", "1", "--years", "6", "--start", "2027", "--provider", "PMI"])
    assert sat(unknown) == ["pmi-capm"]  # experience not given: asked for, never assumed
    assert any(w["code"] == "experience-unknown" for w in unknown["warnings"])


def test_ten_year_ladder_from_level_2_to_4() -> None:
    """Coach: a sensible ladder without overlap: P3O Foundation and Practitioner together, no second
    foundation-level PMO framework, no overview after the real course, ready for level 3 then 4."""
    args = ["--level", "2", "--target-level", "4", "--years", "10", "--days-per-year", "15"]
    plan = plan_json(CliRunner(), [*args, "--budget-per-year", "5000", "--start", "2027"])
    courses = sat(plan)
    assert courses[:2] == ["p3o-foundation", "p3o-practitioner"]
    assert not {"aipmo-ipmo-f", "hop-essentials-analysts"} & set(courses)
    assert "qa-p3o-overview" not in {c for cs in specialists(plan).values() for c in cs}
    assert [(m["year"], m["kind"]) for m in plan["milestones"]] == [
        (2030, "ready-for-level"),
        (2034, "ready-for-level"),
        (2034, "target-reached"),
    ]
    assert levels(plan)[-1] == 4
    # 15 days a year and gaps no catalogue course closes any more: the plan says what would, instead of
    # leaving the days silently empty.
    spare = [u for u in plan["unscheduled"] if u["reasons"][0]["code"] == "spare-capacity"]
    assert spare and spare[0]["year"] == 2027
    assert "consider coaching or mentoring, self-study" in spare[0]["reason"]
