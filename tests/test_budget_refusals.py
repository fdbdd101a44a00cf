"""A better-ranked certification that does not fit the year is named, not dropped (rule 5, capacity).

The planner sits the best-ranked certification that fits the year's days and budget. A course with
no published price "fits" any budget (the plan cannot check it), so it can be planned over a known
one that is too dear: the coach's review found APM PPQ (unpriced) planned over Chartered Project
Professional (£866) on a £500 budget, with ChPP nowhere in the plan. Promises checked here:

* every certification ranked above the one planned and refused for the year's days or budget is
  named under *Not scheduled*, with its refusal and the course planned instead, whether or not the
  level recommends it (Hypothesis, against the refusals the planner itself made that year); a
  refusal by the whole yearly limit, the same every year, is named once, in the first such year;
* when the refusal was for the price and the course planned instead has no published price, the
  entry says so and asks the person to check that price before booking;
* what is planned does not change: the same sittings as before, and a budget that fits plans the
  better-ranked course with nothing to report;
* the sentences, in every renderer, and the JSON records against ``pmoplan schema plan``.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any
from unittest.mock import patch

import jsonschema
import pytest
from hypothesis import example, given
from typer.testing import CliRunner

from pmoplan import planner
from pmoplan.catalogue import Catalogue
from pmoplan.cli import app, plan_commands
from pmoplan.loading import load_catalogue
from pmoplan.models import Course
from pmoplan.plan_models import CompletedCourse, Plan, PlanItem, PlanRequest
from pmoplan.planner import build_plan
from pmoplan.reasons import (
    BetterRankedRefused,
    BudgetShort,
    CapacityRefusal,
    DaysShort,
    RecommendedRefused,
    UnpricedUnderBudget,
)
from pmoplan.render.reason_text import reason_text
from tests.test_planner_examples import DIRECTOR
from tests.test_planner_properties import plan_requests

CATALOGUE: Catalogue = load_catalogue()

# The README's level 4 director (MoP and P3O Practitioner held), on a £500-a-year budget.
DIRECTOR_500 = PlanRequest(
    current_level=4,
    target_level=4,
    years=6,
    start_year=2026,
    budget_per_year=500,
    completed=[
        CompletedCourse(course_id="mop-combined", completed_on=date(2024, 6, 10)),
        CompletedCourse(course_id="p3o-practitioner", completed_on=date(2023, 11, 15)),
    ],
)
DIRECTOR_500_ARGS = ["plan", *DIRECTOR, "--budget-per-year", "500"]  # the README's director, on £500
CHPP_2028 = (
    "ranked before apm-ppq for level 4 but costs £866, more than the £500 budget a year; apm-ppq planned "
    "instead, though its course price is not published: check that it fits the budget before booking"
)

Refused = tuple[str, CapacityRefusal]


@pytest.fixture(autouse=True)
def coach_review_day(monkeypatch: pytest.MonkeyPatch) -> None:
    """Planned on the day of the coach's review, so that no date drifts."""
    monkeypatch.setattr(plan_commands, "today_for_plans", lambda: date(2026, 12, 1))


def sittings(plan: Plan) -> list[tuple[int, str]]:
    return [(y.year, i.course_id) for y in plan.years for i in y.items if i.kind == "certification"]


Entry = tuple[int | None, str | None, RecommendedRefused | BetterRankedRefused]


def refused_entries(plan: Plan) -> list[Entry]:
    """(year, course, record) for every 'did not fit, another planned instead' entry of Not scheduled."""
    found = []
    for entry in plan.unscheduled:
        for reason in entry.reasons:
            if isinstance(reason, RecommendedRefused | BetterRankedRefused):
                found.append((entry.year, entry.course_id, reason))
    return found


# --- the persona: a director on £500 a year --------------------------------------------------------


def test_the_director_on_500_is_told_why_chartered_status_is_not_planned() -> None:
    """A coach would keep ChPP in view: it is the better next step, and only its £866 fee keeps it out.

    The plan is unchanged (Essentials for PMO Directors, then APM PPQ, then Wellingtone PMO Leader:
    the engine plans unpriced courses and says so once in a warning), but Not scheduled now says, in
    the first year it was passed over, that ChPP costs more than the whole budget and that the course
    planned instead has no published price: the person must check that price before booking, or the
    "cheaper" course may cost more than the one refused.
    """
    plan = build_plan(CATALOGUE, DIRECTOR_500)
    assert sittings(plan) == [(2026, "hop-essentials-directors"), (2028, "apm-ppq"), (2030, "wellingtone-pmo-leader")]
    chpp = BudgetShort(cost=866, left=500, currency="GBP", at_least=False, per_year=500)
    # Said once: £866 is more than the whole yearly budget, so 2030 (Wellingtone instead) would repeat it.
    assert refused_entries(plan) == [
        (2028, "apm-chpp", BetterRankedRefused(level=4, refusal=chpp, planned_instead="apm-ppq", instead_unpriced=True))
    ]
    # The courses planned instead stay in the one warning about prices the budget could not check.
    [unpriced] = [r for w in plan.warnings for r in w.reasons if isinstance(r, UnpricedUnderBudget)]
    assert {"apm-ppq", "wellingtone-pmo-leader"} <= set(unpriced.course_ids)


def test_without_the_budget_limit_chartered_status_is_planned_and_nothing_is_reported() -> None:
    """ChPP is the better-ranked course: a budget that pays its fee (or no budget) plans it in 2028."""
    for budget in (None, 900):
        plan = build_plan(CATALOGUE, DIRECTOR_500.model_copy(update={"budget_per_year": budget}))
        assert (2028, "apm-chpp") in sittings(plan)
        assert refused_entries(plan) == []


# --- the property: every better-ranked refusal is named --------------------------------------------


def plan_with_refusals(request: PlanRequest) -> tuple[Plan, dict[int, tuple[PlanItem, list[Refused]]]]:
    """The plan, and per sitting year the item planned and the candidates the planner refused before it.

    A spy on the planner's own capacity check: the refusals are the ones it made that year while
    choosing the sitting, in rank order, so the test does not re-implement the ranking.
    """
    real_refusal = planner._Capacity.refusal
    real_certification = planner._plan_certification
    this_year: list[Refused] = []
    sat: dict[int, tuple[PlanItem, list[Refused]]] = {}

    def refusal(capacity: planner._Capacity, course: Course) -> CapacityRefusal | None:
        found = real_refusal(capacity, course)
        if found is not None:
            this_year.append((course.id, found))
        return found

    def certification(state: Any, year: int, capacity: planner._Capacity) -> PlanItem | None:
        this_year.clear()
        item = real_certification(state, year, capacity)
        if item is not None:
            sat[year] = (item, list(this_year))
        return item

    with (
        patch.object(planner._Capacity, "refusal", refusal),
        patch.object(planner, "_plan_certification", certification),
    ):
        plan = build_plan(CATALOGUE, request)
    return plan, sat


@given(plan_requests())
@example(DIRECTOR_500)
@example(PlanRequest(current_level=3, target_level=4, years=6, start_year=2026, days_per_year=2))
def test_every_better_ranked_refusal_is_named_under_not_scheduled(request: PlanRequest) -> None:
    plan, sat = plan_with_refusals(request)
    recommended = {level.number: set(level.recommended_courses) for level in CATALOGUE.levels}
    expected: list[Entry] = []
    for year, (item, refusals) in sorted(sat.items()):
        level = next(y.level for y in plan.years if y.year == year)
        for course_id, refusal in refusals:
            kind = RecommendedRefused if course_id in recommended[level] else BetterRankedRefused
            unpriced = isinstance(refusal, BudgetShort) and item.cost is None
            record = kind(level=level, refusal=refusal, planned_instead=item.course_id, instead_unpriced=unpriced)
            if not said_in_an_earlier_year(expected, course_id, record):
                expected.append((year, course_id, record))
    # Every one named, with its refusal and the course sat instead; nothing else of the kind.
    assert refused_entries(plan) == expected


def said_in_an_earlier_year(
    said: list[Entry], course_id: str, record: RecommendedRefused | BetterRankedRefused
) -> bool:
    """A refusal by the whole yearly limit (nothing else spent) is the same every year: named once.

    The same course, the same kind of record and level, the same refusal and the same note about an
    unpriced course planned instead; only the course planned instead may differ.
    """
    refusal = record.refusal
    if refusal.per_year is None or refusal.left < refusal.per_year:
        return False
    same = record.model_copy(update={"planned_instead": ""})
    return any(c == course_id and r.model_copy(update={"planned_instead": ""}) == same for _y, c, r in said)


@given(plan_requests())
def test_the_unpriced_note_marks_exactly_the_budget_refusals_beside_an_unpriced_sitting(request: PlanRequest) -> None:
    plan = build_plan(CATALOGUE, request)
    sat = {(y.year, i.course_id): i for y in plan.years for i in y.items if i.kind == "certification"}
    for year, _course_id, record in refused_entries(plan):
        assert year is not None
        instead = sat[(year, record.planned_instead)]
        assert record.instead_unpriced == (isinstance(record.refusal, BudgetShort) and instead.cost is None)
        if record.instead_unpriced:
            assert request.budget_per_year is not None


def test_plans_without_a_capacity_refusal_name_nothing_refused() -> None:
    """The snapshot examples stay as they were: with room for everything, nothing is reported."""
    for level in (1, 2, 3, 4):
        plan = build_plan(
            CATALOGUE,
            PlanRequest(
                current_level=level, target_level=min(level + 1, 4), years=6, start_year=2026, days_per_year=20
            ),
        )
        assert refused_entries(plan) == []


def test_a_refusal_at_one_level_does_not_hide_why_the_next_level_missed_a_recommendation() -> None:
    """MoP combined, refused at level 3 for want of days, is still explained at level 4 (recommended there).

    The level-4 entry says that no sitting fell due at that level; the level-3 refusal is about
    another level and year, so it must not stand in for that explanation.
    """
    one_day = PlanRequest(current_level=3, target_level=4, years=8, start_year=2026, days_per_year=1)
    plan = build_plan(CATALOGUE, one_day)
    mop = [(u.year, u.reasons[0].code) for u in plan.unscheduled if u.course_id == "mop-combined"]
    assert mop == [(2026, "better-ranked-refused"), (None, "cadence-full")]


# --- the sentences -----------------------------------------------------------------------------------


def test_better_ranked_refused_sentences() -> None:
    budget = BudgetShort(cost=866, left=500, currency="GBP", at_least=False, per_year=500)
    days = DaysShort(needed=3, left=2, per_year=2)
    assert reason_text(
        BetterRankedRefused(level=4, refusal=budget, planned_instead="apm-ppq", instead_unpriced=True)
    ) == (CHPP_2028)
    assert reason_text(BetterRankedRefused(level=4, refusal=budget, planned_instead="apm-ppq")) == (
        "ranked before apm-ppq for level 4 but costs £866, more than the £500 budget a year; apm-ppq planned instead"
    )
    assert reason_text(BetterRankedRefused(level=3, refusal=days, planned_instead="bbc-foundation")) == (
        "ranked before bbc-foundation for level 3 but needs 3 days, more than the 2 training days a year; "
        "bbc-foundation planned instead"
    )


def test_recommended_refused_names_an_unpriced_course_planned_instead() -> None:
    budget = BudgetShort(cost=1205, left=1000, currency="GBP", at_least=False, per_year=1000)
    record = RecommendedRefused(level=4, refusal=budget, planned_instead="msp-combined")
    assert reason_text(record) == (
        "recommended for level 4 but costs £1,205, more than the £1,000 budget a year; msp-combined planned instead"
    )
    assert reason_text(record.model_copy(update={"instead_unpriced": True})) == (
        "recommended for level 4 but costs £1,205, more than the £1,000 budget a year; msp-combined planned "
        "instead, though its course price is not published: check that it fits the budget before booking"
    )


# --- every renderer ------------------------------------------------------------------------------------


def output(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, [*DIRECTOR_500_ARGS, *args])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_the_table_and_plain_views_name_chartered_status(runner: CliRunner) -> None:
    for args in ([], ["--plain"]):
        text = " ".join(output(runner, *args).split())  # lines are wrapped to the terminal
        assert f"2028: apm-chpp: {CHPP_2028}" in text


def test_markdown_and_html_name_chartered_status(runner: CliRunner) -> None:
    assert f"- apm-chpp, 2028: {CHPP_2028}\n" in output(runner, "--format", "markdown")
    assert f"<strong>apm-chpp, 2028</strong>: {CHPP_2028}</li>" in output(runner, "--format", "html")


def test_json_carries_the_record_and_matches_the_published_schema(runner: CliRunner) -> None:
    document = json.loads(output(runner, "--format", "json"))
    schema = json.loads(runner.invoke(app, ["schema", "plan"]).stdout)
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(document)
    [entry] = [u for u in document["unscheduled"] if u["course_id"] == "apm-chpp" and u["year"] == 2028]
    assert entry["reason"] == CHPP_2028
    assert entry["reasons"] == [
        {
            "code": "better-ranked-refused",
            "level": 4,
            "refusal": {
                "code": "budget-short",
                "cost": 866.0,
                "left": 500.0,
                "currency": "GBP",
                "at_least": False,
                "per_year": 500.0,
            },
            "planned_instead": "apm-ppq",
            "instead_unpriced": True,
        }
    ]
    codes = json.dumps(schema)
    assert '"better-ranked-refused"' in codes and '"instead_unpriced"' in codes
