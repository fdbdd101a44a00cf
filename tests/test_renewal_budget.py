"""Renewals and re-sits are paid from the year's budget, before new courses (coach's cases).

A certificate the person holds is worth more than one they do not yet have: the renewals due in a
year are held against its budget while the year's sitting is chosen. A renewal the budget still
cannot pay is not planned; the plan says what it costs and that the certificate lapses.
"""

from __future__ import annotations

from datetime import date

from pmoplan.loading import load_catalogue
from pmoplan.plan_models import CompletedCourse, PlanRequest
from pmoplan.planner import build_plan
from pmoplan.reasons import RenewalUnfunded
from pmoplan.render.reason_text import unscheduled_text

SHIPPED = load_catalogue()


def test_a_lapsed_capm_is_not_re_sat_on_a_budget_that_cannot_pay_the_exam() -> None:
    """Coach: a CAPM lapsed in 2013 and a training budget of £0. The re-sit (US$300, about £220) is
    not in the plan, and the person is told what it costs and that the certificate stays lapsed;
    no renewal of it follows later."""
    request = PlanRequest(
        current_level=1,
        target_level=1,
        years=4,
        start_year=2020,
        budget_per_year=0.0,
        completed=[CompletedCourse(course_id="pmi-capm", completed_on=date(2010, 1, 1))],
    )
    plan = build_plan(SHIPPED, request)
    assert not [item for year in plan.years for item in year.items if item.course_id == "pmi-capm"]
    (entry,) = [u for u in plan.unscheduled if u.course_id == "pmi-capm"]
    (reason,) = entry.reasons
    assert isinstance(reason, RenewalUnfunded) and reason.restore
    assert unscheduled_text(entry) == (
        "re-sitting the lapsed PMI Certified Associate in Project Management (CAPM) costs £220.41, more than "
        "the £0 budget a year: it stays lapsed unless the budget allows it"
    )
    assert all(year.budget_cost <= 0 for year in plan.years)


def test_with_enough_budget_the_capm_is_restored_and_renewed_within_it() -> None:
    """The same person with £300 a year: the re-sit in 2020 (about £220) and the renewal fee in
    2023 (US$150, about £110) are both planned, and no year spends more than £300."""
    request = PlanRequest(
        current_level=1,
        target_level=1,
        years=4,
        start_year=2020,
        budget_per_year=300.0,
        completed=[CompletedCourse(course_id="pmi-capm", completed_on=date(2010, 1, 1))],
    )
    plan = build_plan(SHIPPED, request)
    capm = [(year.year, item.route) for year in plan.years for item in year.items if item.course_id == "pmi-capm"]
    assert capm == [(2020, "restore"), (2023, "cpd")]
    assert all(year.budget_cost <= 300 + 1e-6 for year in plan.years)


def test_a_pmp_renewal_comes_before_a_new_certification_in_a_tight_year() -> None:
    """Coach: a level-2 PMP holder (passed March 2023, so renewal due in 2026) with £300 a year.
    Paying the PMI renewal fee (about £110) keeps the PMP; the P3O Foundation exam (at least £245)
    would leave too little for it. The plan keeps the PMP and plans no P3O Foundation that year, and
    says the recommended certification did not fit what the renewal left."""
    request = PlanRequest(
        current_level=2,
        target_level=3,
        years=3,
        start_year=2026,
        budget_per_year=300.0,
        completed=[CompletedCourse(course_id="pmi-pmp", completed_on=date(2023, 3, 1))],
    )
    plan = build_plan(SHIPPED, request)
    first = plan.years[0]
    assert [(i.kind, i.course_id) for i in first.items if i.kind == "renewal"] == [("renewal", "pmi-pmp")]
    assert "p3o-foundation" not in {i.course_id for i in first.items}
    refused = [u for u in plan.unscheduled if u.course_id == "p3o-foundation" and u.year == 2026]
    assert refused and "£189.79 left of the £300 budget a year" in unscheduled_text(refused[0])
    assert not [u for u in plan.unscheduled if any(isinstance(r, RenewalUnfunded) for r in u.reasons)]
    assert first.budget_cost <= 300 + 1e-6
