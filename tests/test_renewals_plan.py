"""Renewals as the planner plans them (rule 13): the five worked examples of the issue, in plans.

Each plan starts in March 2027. A coach's advice for each person is written beside the assertions.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from typer.testing import CliRunner

from pmoplan.cli import app, plan_commands
from pmoplan.plan_models import PlanRequest
from pmoplan.planner import build_plan
from pmoplan.renewals import add_months, add_years
from tests.test_planner_properties import CATALOGUE, plan_requests


@pytest.fixture(autouse=True)
def planned_on_review_day(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every plan is made on 1 December 2026, so urgency and lapses never drift with the clock."""
    monkeypatch.setattr(plan_commands, "today_for_plans", lambda: date(2026, 12, 1))


def plan(runner: CliRunner, *args: str) -> dict[str, Any]:
    result = runner.invoke(app, ["plan", "--start", "2027", *args, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def items(document: dict[str, Any], kind: str) -> list[tuple[int, dict[str, Any]]]:
    return [(y["year"], i) for y in document["years"] for i in y["items"] if i["kind"] == kind]


def reason(item: dict[str, Any], code: str) -> dict[str, Any]:
    return next(r for r in item["reasons"] if r["code"] == code)


def test_pmp_holder_sees_the_pdus_planned_courses_earn(runner: CliRunner) -> None:
    # PMP of May 2024: renew by 20 May 2027 with 60 PDUs. P3O Foundation in March 2027 (3 days)
    # earns 21 of them, all Ways of Working; 39 are still to find, 8 of Power Skills and 8 of Business
    # Acumen among them. The renewal fee (US$150, non-member) is its cost.
    document = plan(runner, "--level", "2", "--years", "4", "--completed", "pmi-pmp@2024-05-20")
    year, renewal = items(document, "renewal")[0]
    assert (year, renewal["course_id"], renewal["route"], renewal["cost"], renewal["currency"]) == (
        2027,
        "pmi-pmp",
        "cpd",
        150,
        "USD",
    )
    assert reason(renewal, "credits-counted") == {
        "code": "credits-counted",
        "unit": "PDU",
        "required": 60.0,
        "logged": 0.0,
        "planned": 21.0,
        "remaining": 39.0,
        "short": ["Education 14", "Power Skills 8", "Business Acumen 8"],
    }
    assert "PDUs: 0 logged + 21 from planned courses of 60; 39 still to find" in renewal["why"]
    pmp = next(c for c in document["certificates"] if c["course_id"] == "pmi-pmp")
    assert pmp["route"] == "cpd"
    assert set(pmp["credits"]) >= {"scheme", "unit", "required", "logged", "planned", "remaining"}


def test_p3o_foundation_three_months_from_renew_by_is_re_sat_not_renewed_by_cpd(runner: CliRunner) -> None:
    # Renew by 10 March 2027; the years to March 2025 and March 2026 are over without CPD points.
    # A coach: sit P3O Practitioner (the next step at level 2) in March 2027, before the date: that
    # exam renews the Foundation too; CPD is not offered.
    document = plan(runner, "--level", "2", "--years", "3", "--completed", "p3o-foundation@2024-03-10")
    year, sitting = items(document, "certification")[0]
    assert (year, sitting["course_id"]) == (2027, "p3o-practitioner")
    assert reason(sitting, "suite-exam-renews") == {
        "code": "suite-exam-renews",
        "renew_by": "2027-03-10",
        "course_ids": ["p3o-foundation"],
    }
    assert not [i for _, i in items(document, "renewal") if i["course_id"] == "p3o-foundation"]
    # With no days for any course or exam preparation, the Foundation exam is re-sat in time.
    document = plan(
        runner, "--level", "2", "--years", "3", "--days-per-year", "0", "--completed", "p3o-foundation@2024-03-10"
    )
    assert items(document, "certification") == []
    year, renewal = items(document, "renewal")[0]
    assert (year, renewal["course_id"], renewal["renew_by"], renewal["route"], renewal["cost"]) == (
        2027,
        "p3o-foundation",
        "2027-03-10",
        "re-exam",
        245,
    )
    assert reason(renewal, "cpd-years-missed")["ends"] == ["2025-03-10", "2026-03-10"]


def test_prince2_practitioner_sits_p3o_foundation_before_the_renew_by_date(runner: CliRunner) -> None:
    # PRINCE2 Practitioner of April 2025: renew by 1 April 2028. P3O Foundation (recommended at level 1)
    # is sat in March 2027, before that date, so it renews PRINCE2 at no extra cost: no PRINCE2 renewal.
    document = plan(runner, "--level", "1", "--years", "4", "--completed", "prince2-practitioner@2025-04-01")
    year, sitting = items(document, "certification")[0]
    assert (year, sitting["course_id"]) == (2027, "p3o-foundation")
    renews = reason(sitting, "suite-exam-renews")
    assert renews["renew_by"] == "2028-04-01" and "prince2-practitioner" in renews["course_ids"]
    assert not [i for _, i in items(document, "renewal") if i["course_id"].startswith("prince2")]
    held = {c["course_id"]: c["renew_by"] for c in document["certificates"]}
    assert held["prince2-practitioner"] == held["p3o-foundation"]


def test_prince2_practitioner_gets_an_extra_sitting_when_the_next_due_one_is_too_late(runner: CliRunner) -> None:
    # PRINCE2 Practitioner of September 2025: renew by 1 September 2028. Essentials for PMO
    # Administrators in January 2027 puts the next due sitting in 2029, too late; CPD is out (the
    # year to September 2026 is over, unlogged). P3O Foundation is brought forward to March 2028.
    document = plan(
        runner,
        "--level",
        "1",
        "--years",
        "3",
        "--completed",
        "prince2-practitioner@2025-09-01",
        "--completed",
        "hop-essentials-administrators@2027-01-15",
    )
    # (P3O Practitioner follows in 2029, the year after its Foundation.)
    year, sitting = items(document, "certification")[0]
    assert (year, sitting["course_id"], sitting["reasons"][0]["code"]) == (2028, "p3o-foundation", "suite-exam-renews")
    assert sitting["why"].startswith("sat before 2028-09-01, it also renews prince2-practitioner at no extra cost")
    assert not [i for _, i in items(document, "renewal") if i["course_id"].startswith("prince2")]


def test_pmp_in_suspension_is_renewed_with_pdus_not_re_sat(runner: CliRunner) -> None:
    # The cycle ended on 1 August 2026: PMI's suspension year runs to 1 August 2027.
    document = plan(runner, "--level", "2", "--years", "3", "--completed", "pmi-pmp@2023-08-01")
    assert not [m for m in document["milestones"] if m["kind"] == "certificate-lapses"]
    year, renewal = items(document, "renewal")[0]
    assert (year, renewal["course_id"], renewal["route"], renewal["renew_by"]) == (2027, "pmi-pmp", "cpd", "2026-08-01")
    assert reason(renewal, "in-suspension") == {"code": "in-suspension", "until": "2027-08-01"}
    assert "in PMI's suspension year" in renewal["why"]
    # The suspended credential is the most urgent thing the person must know (planned on 2026-12-01).
    first = document["warnings"][0]
    assert (first["code"], first["urgent"]) == ("renewal-urgent", True)
    assert first["text"] == (
        "URGENT: renew PMI Project Management Professional (PMP) by 2027-08-01 (243 days from today)"
    )
    # Renewed in suspension, the next cycle still runs from the old end date: 2029-08-01.
    assert [(y, i["renew_by"]) for y, i in items(document, "renewal")][1] == (2029, "2029-08-01")


def test_2019_certificate_lapsed_under_the_transition_rule_and_is_restored(runner: CliRunner) -> None:
    # MoP Foundation of May 2019 had until 1 July 2023 (not 1 May 2022). The analyst's target
    # level (3) uses MoP, so the lapsed certificate is restored by a re-sit in the first year. The
    # P3O Practitioner exam of March 2028 then renews the whole PPM suite, MoP included, to 2031.
    document = plan(runner, "--level", "2", "--years", "3", "--completed", "mop-foundation@2019-05-01")
    year, restore = items(document, "renewal")[0]
    assert (year, restore["course_id"], restore["route"], restore["renew_by"]) == (
        2027,
        "mop-foundation",
        "restore",
        "2023-07-01",
    )
    held = {c["course_id"]: c["renew_by"] for c in document["certificates"]}
    assert held["mop-foundation"] == held["p3o-practitioner"] == "2031-03-01"
    lapsed = [w for w in document["warnings"] if w["code"] == "lapsed"]
    assert [w["reasons"][0]["renew_by"] for w in lapsed] == ["2023-07-01"]


def test_cpd_logging_is_said_in_the_award_year(runner: CliRunner) -> None:
    # P3O Foundation (2029) and Practitioner (2030): the Practitioner exam renews both to March 2033.
    # To renew them by CPD then, log from 2030, the award year, not from 2033; the Foundation's own
    # date (2032), moved by that exam, needs no note.
    document = plan(runner, "--level", "1", "--years", "4")
    sittings = {i["course_id"]: y for y, i in items(document, "certification")}
    notes = [w for w in document["warnings"] if w["code"] == "start-cpd-log"]
    assert [(n["year"], n["reasons"][0]["renew_by"]) for n in notes] == [(sittings["p3o-practitioner"], "2033-03-01")]
    assert notes[0]["reasons"][0]["per_year"] == 20.0
    assert notes[0]["text"].startswith(f"from {sittings['p3o-practitioner']}: log at least 20 CPD points every year")


# --- properties over generated plans ------------------------------------------------------------


@given(plan_requests())
def test_a_planned_cpd_renewal_could_be_logged_over_its_whole_window(request: PlanRequest) -> None:
    """No log is known to the planner, so every CPD year must end after the plan starts."""
    result = build_plan(CATALOGUE, request)
    start = date(request.start_year, request.month, 1)
    for plan_year in result.years:
        for item in plan_year.items:
            if item.kind != "renewal" or item.route != "cpd":
                continue
            assert item.renew_by is not None
            scheme = CATALOGUE.renewal_scheme(CATALOGUE.course(item.course_id).renewal_scheme or "")
            assert scheme is not None and scheme.credits is not None
            if scheme.credits.period == "year":
                first_year_ends = add_years(item.renew_by, 1 - (scheme.credits.consecutive_years or 1))
                assert first_year_ends > start, item
            else:
                assert start <= add_months(item.renew_by, scheme.suspension_months), item


@given(plan_requests())
def test_every_kept_certificate_has_an_action_before_its_date(request: PlanRequest) -> None:
    """Each renewal item names a route; a certificate the plan keeps is current past the horizon."""
    result = build_plan(CATALOGUE, request)
    last_day = date(request.start_year + request.years - 1, 12, 31)
    for plan_year in result.years:
        for item in plan_year.items:
            if item.kind == "renewal":
                assert item.route in {"cpd", "re-exam", "restore"}
                assert item.renew_by is not None
                if item.route != "restore" and not any(r.code == "in-suspension" for r in item.reasons):
                    # Planned in the renew-by year, so the sitting or the logging comes before the date.
                    assert plan_year.year == item.renew_by.year
    for certificate in result.certificates:
        assert certificate.renew_by is None or certificate.renew_by > last_day


def test_cpd_logged_in_the_profile_makes_the_cpd_route_feasible_in_the_plan(runner: CliRunner, tmp_path: Path) -> None:
    # P3O Foundation of 10 March 2024, renew by 10 March 2027. Without a log a re-sit is needed;
    # with 20 points logged in each of the years to March 2025 and March 2026 (5 of them
    # Professional Experience), CPD can still renew it: the plan keeps the log going instead.
    from tests.test_plan_profile import answers_file

    profile = str(tmp_path / "me.yaml")
    answers = answers_file(tmp_path, runner)
    steps = [
        ["assess", "--answers", str(answers), "--profile", profile, "--date", "2026-01-10"],
        ["done", "p3o-foundation", "--date", "2024-03-10", "--profile", profile],
    ]
    for on in ("2024-09-01", "2025-09-01"):
        steps.append(["cpd", "log", "15", "--date", on, "--scheme", "peoplecert-ppm", "--profile", profile])
        steps.append(
            ["cpd", "log", "5", "--date", on, "--scheme", "peoplecert-ppm", "--category", "professional-experience"]
            + ["--profile", profile]
        )
    for step in steps:
        result = runner.invoke(app, step)
        assert result.exit_code == 0, result.stderr
    # No days for courses, so no exam of the suite is sat before the date: only the routes are compared.
    logged = plan(runner, "--profile", profile, "--years", "3", "--days-per-year", "0")
    (renewal,) = [i for _, i in items(logged, "renewal") if i["course_id"] == "p3o-foundation"]
    assert renewal["route"] == "cpd"
    assert logged["request"]["cpd_log"][0]["scheme"] == "peoplecert-ppm"
    without = plan(
        runner, "--level", "2", "--years", "3", "--days-per-year", "0", "--completed", "p3o-foundation@2024-03-10"
    )
    assert [i["route"] for _, i in items(without, "renewal") if i["course_id"] == "p3o-foundation"] == ["re-exam"]


def test_lapsed_mop_foundation_and_practitioner_of_2020_are_both_restored(runner: CliRunner) -> None:
    # Both passed before 30 June 2020, so both had until 1 July 2023 (the June 2020 Practitioner
    # exam does not bring the Foundation's date forward). A PMO manager (level 3) still uses MoP.
    document = plan(
        runner,
        "--level",
        "3",
        "--years",
        "4",
        "--completed",
        "mop-foundation@2020-01-01",
        "--completed",
        "mop-practitioner@2020-06-01",
    )
    restores = [(y, i["course_id"], i["renew_by"]) for y, i in items(document, "renewal") if i["route"] == "restore"]
    assert restores == [(2027, "mop-foundation", "2023-07-01"), (2027, "mop-practitioner", "2023-07-01")]


def test_a_brought_forward_suite_exam_that_does_not_fit_leaves_the_re_exam(runner: CliRunner) -> None:
    # As above, but with GBP 500 a year: the PRINCE2 re-exam (GBP 470) is paid first, so P3O
    # Foundation (exam alone about GBP 245) cannot be brought forward. Nothing was due that year,
    # so nothing is reported; the PRINCE2 re-exam is planned.
    document = plan(
        runner,
        "--level",
        "1",
        "--years",
        "3",
        "--budget-per-year",
        "500",
        "--completed",
        "prince2-practitioner@2025-09-01",
        "--completed",
        "hop-essentials-administrators@2027-01-15",
    )
    assert [u for u in document["unscheduled"] if u["year"] == 2028 and u["course_id"] is not None] == []
    routes = [(y, i["course_id"], i["route"]) for y, i in items(document, "renewal")]
    assert (2028, "prince2-practitioner", "re-exam") in routes


def test_a_re_exam_the_budget_cannot_pay_is_reported_not_planned(runner: CliRunner) -> None:
    # Coach: with no training budget the PRINCE2 re-exam (GBP 470) cannot be paid. It used to be
    # planned over the budget; now the person is told what it costs and that the certificate lapses.
    document = plan(
        runner,
        "--level",
        "1",
        "--years",
        "3",
        "--budget-per-year",
        "0",
        "--completed",
        "prince2-practitioner@2025-09-01",
    )
    assert not [i for _y, i in items(document, "renewal") if i["course_id"] == "prince2-practitioner"]
    (entry,) = [u for u in document["unscheduled"] if u["course_id"] == "prince2-practitioner"]
    assert entry["year"] == 2028
    assert entry["reason"] == (
        "renewing PRINCE2 Practitioner (7th edition) by 2028-09-01 costs £470, more than the £0 budget a year: "
        "it lapses then unless the budget allows it"
    )
