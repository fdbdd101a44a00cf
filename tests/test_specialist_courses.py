"""The specialist courses of the shipped catalogue (issue 13, items 3 and 4).

Promises: a named specialist course names its provider and a real source, and says which of its
facts are the catalogue's judgement; a generic topic is marked as one and stays only where no named
course centred on its skill exists at its level; a generic topic retired in favour of named courses
still loads from a profile but is never planned; no specialist course carries an invented price.
The plans at the end are realistic people read as a PMO coach would read them.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pmoplan.cli import app
from pmoplan.loading import load_catalogue
from pmoplan.models import Course
from pmoplan.plan_models import CompletedCourse, Plan, PlanRequest
from pmoplan.planner import build_plan

CATALOGUE = load_catalogue()
SPECIALISTS = [c for c in CATALOGUE.courses if c.kind == "specialist"]
GENERIC_PROVIDER = "Generic topic (any provider)"
GENERIC = [c for c in SPECIALISTS if c.provider == GENERIC_PROVIDER]
NAMED = [c for c in SPECIALISTS if c.provider != GENERIC_PROVIDER]
RETIRED = [c for c in GENERIC if c.withdrawn]
RESEARCH = Path(__file__).resolve().parents[1] / "docs" / "research" / "specialists-2026-12.md"
REVIEW_DAY = date(2026, 12, 1)


def plan_for(level: int, gaps: dict[str, int], **options: object) -> Plan:
    """A plan from 2027 for someone at ``level`` with exactly ``gaps`` (as an assessment gives them)."""
    request = PlanRequest(
        current_level=level,
        target_level=min(level + 1, 4),
        years=3,
        start_year=2027,
        gaps=gaps,
        today=REVIEW_DAY,
        **options,
    )
    return build_plan(CATALOGUE, request)


def planned_specialists(plan: Plan) -> dict[int, list[str]]:
    return {y.year: [i.course_id for i in y.items if i.kind == "specialist"] for y in plan.years}


def test_the_catalogue_names_more_specialist_courses_than_it_keeps_generic_topics() -> None:
    current_generic = [c.id for c in GENERIC if not c.withdrawn]
    assert len(NAMED) == 12
    assert sorted(current_generic) == [
        "assurance",
        "capability",
        "data-viz",
        "facilitation",
        "planning-scheduling",
        "pmo-leadership",
        "pmo-reporting",
        "raid-support",
        "resource-capacity",
        "stakeholder",
    ]
    assert sorted(c.id for c in RETIRED) == ["agile-pmo", "pmo-finance", "pmo-setup", "prioritisation"]


@pytest.mark.parametrize("course", NAMED, ids=lambda c: c.id)
def test_a_named_course_has_a_provider_page_and_admits_its_levels_are_judgement(course: Course) -> None:
    assert course.source.startswith(("http://", "https://"))
    assert "Generic" not in course.provider and "generic" not in course.title.lower()
    assert not course.withdrawn
    # Providers describe an audience, not a PMO level: the mapping is always the catalogue's.
    assert "levels" in course.unverified
    assert course.verified is False
    assert course.notes is not None


@pytest.mark.parametrize("course", GENERIC, ids=lambda c: c.id)
def test_a_generic_topic_says_so_and_claims_no_fact(course: Course) -> None:
    assert {"title", "days", "levels"} <= set(course.unverified)
    assert course.verified is False
    assert course.notes is not None and course.notes.startswith("Generic topic")
    assert course.offerings == [] and course.cost is None and course.in_house is None


@pytest.mark.parametrize("course", SPECIALISTS, ids=lambda c: c.id)
def test_no_specialist_course_carries_a_price(course: Course) -> None:
    """The research found no published price for any specialist course: none may be invented."""
    assert course.cost is None and course.exam_cost is None
    assert all(o.price is None and o.member_price is None for o in course.offerings)


def test_a_generic_topic_stays_only_where_no_named_course_centres_on_its_skill_at_its_level() -> None:
    """A named course whose first skill is S at level L makes a generic topic for S at L redundant.

    Secondary skills do not count: an earned value workshop touches reporting, but a coach would
    not send an analyst to it for a reporting gap.
    """
    named_at = {(c.skills[0], level) for c in NAMED for level in c.levels}
    overlaps = [
        (g.id, skill, level)
        for g in GENERIC
        if not g.withdrawn
        for skill in g.skills
        for level in g.levels
        if (skill, level) in named_at
    ]
    assert overlaps == []


@pytest.mark.parametrize("course", RETIRED, ids=lambda c: c.id)
def test_a_retired_generic_topic_names_the_courses_that_replace_it(course: Course) -> None:
    successors = [CATALOGUE.course(i) for i in course.replaced_by]
    assert successors
    for successor in successors:
        assert successor.kind == "specialist" and not successor.withdrawn
        assert successor.provider != GENERIC_PROVIDER
        assert set(course.skills) & set(successor.skills)


@pytest.mark.parametrize("course", RETIRED, ids=lambda c: c.id)
def test_a_profile_that_lists_a_retired_generic_topic_still_plans_and_never_gets_it_again(course: Course) -> None:
    level = course.levels[0]
    done = [CompletedCourse(course_id=course.id, completed_on=date(2025, 6, 1))]
    plan = plan_for(level, dict.fromkeys(course.skills, 2), completed=done)
    planned = {i.course_id for y in plan.years for i in y.items}
    assert not {c.id for c in RETIRED} & planned
    runner = CliRunner()
    result = runner.invoke(app, ["plan", "--level", str(level), "--completed", course.id, "--format", "json"])
    assert result.exit_code == 0, result.stderr


def test_the_research_note_records_every_named_and_every_generic_course() -> None:
    text = RESEARCH.read_text(encoding="utf-8")
    missing = [c.id for c in SPECIALISTS if f"`{c.id}`" not in text]
    assert missing == []


# --- realistic people, read as a PMO coach would read their plans ----------------------------------


def test_level_1_newcomer_with_reporting_and_planning_gaps_gets_the_generic_topics() -> None:
    """Coach: a project support officer new to the work needs reporting basics and a first planning
    course. No named course was found for newcomers (Mosaic's scheduling workshop assumes the learner
    already runs a scheduling tool), so the plan names the topics, not an advanced workshop."""
    plan = plan_for(1, {"reporting": 1, "planning": 1})
    assert planned_specialists(plan)[2027] == ["pmo-reporting", "planning-scheduling"]
    assert "mosaic-scheduling" not in {i.course_id for y in plan.years for i in y.items}


def test_level_2_analyst_with_reporting_and_planning_gaps_gets_the_named_scheduling_workshop() -> None:
    """Coach: a PMO analyst who keeps schedules takes Mosaic's one-day scheduling workshop; for the
    reporting gap, a reporting course, not the earned value workshop (finance is not the gap)."""
    plan = plan_for(2, {"reporting": 1, "planning": 1})
    assert planned_specialists(plan)[2027] == ["pmo-reporting", "mosaic-scheduling"]
    assert "mosaic-evm" not in {i.course_id for y in plan.years for i in y.items}


def test_level_3_manager_with_finance_and_benefits_gaps_gets_named_courses_over_two_years() -> None:
    """Coach: a PMO manager two points short on financial management and one on benefits takes the
    one-day earned value workshop and PMO Learning's benefits course first, then the two-day cost and
    financial management course the next year: two specialist courses a year at most, all named."""
    plan = plan_for(3, {"financial-management": 2, "benefits": 1})
    assert planned_specialists(plan)[2027] == ["mosaic-evm", "pmol-benefits"]
    assert planned_specialists(plan)[2028] == ["empowerpm-cost"]
    assert not {c.id for c in GENERIC} & {i.course_id for y in plan.years for i in y.items}


def test_a_small_budget_keeps_unpriced_specialist_courses_and_counts_them_as_unpriced() -> None:
    """Coach: a PMO manager short on financial management and PMO design, with £800 a year, takes
    the earned value workshop and The PMO Company's Implementing a PMO beside P3O (not QA's P3O
    overview: the P3O course is in the same year). None of them publishes a price, so the budget
    cannot be applied to them: the year says three unpriced items and counts £0 known cost, never
    showing the unknown prices as £0."""
    plan = plan_for(3, {"financial-management": 1, "pmo-design-value": 1}, budget_per_year=800)
    first = plan.years[0]
    assert [(i.kind, i.course_id) for i in first.items] == [
        ("certification", "p3o-combined"),
        ("specialist", "mosaic-evm"),
        ("specialist", "pmoco-pmo-setup"),
    ]
    assert [i.cost for i in first.items] == [None, None, None]
    assert (first.unpriced_items, first.priced_items, first.budget_cost) == (3, 0, 0.0)


def test_head_of_pmo_short_on_prioritisation_and_agile_methods_gets_the_agile_pmo_workshop() -> None:
    """Coach: for a Head of PMO whose gaps are portfolio prioritisation and agile ways of working,
    Orbital's Agile PMO workshop (selection, prioritisation, the PMO between agile and traditional
    delivery) is the one course that speaks to both."""
    plan = plan_for(4, {"portfolio-prioritisation": 1, "frameworks-methods": 1})
    assert planned_specialists(plan)[2027] == ["orbital-agile-pmo"]


def test_two_courses_on_the_same_topic_are_spread_over_two_years() -> None:
    """Coach: a level-3 PMO manager with portfolio, strategy and governance gaps of 2 points each.
    The Triple Constraint and CPM portfolio courses develop exactly the same skills; sat in the same
    year they teach much the same twice. One comes this year, the other next year, and the second
    slot of the first year goes to another gap (benefits)."""
    plan = build_plan(CATALOGUE, PlanRequest(current_level=3, target_level=4, years=4, start_year=2027))
    for year in plan.years:
        topics = [frozenset(CATALOGUE.course(i.course_id).skills) for i in year.items if i.kind == "specialist"]
        assert len(topics) == len(set(topics)), (year.year, topics)
    specialist_years = {i.course_id: y.year for y in plan.years for i in y.items if i.kind == "specialist"}
    assert (specialist_years["tc-pmo-portfolio"], specialist_years["cpm-portfolio"]) == (2027, 2028)
