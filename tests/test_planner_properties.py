"""Properties of the plan engine over random people, horizons, limits and completed courses.

Each property is one of DESIGN.md's planner rules (or a promise in ``planner.py``'s docstring),
checked from the outside: the plan is read back and compared with the catalogue and the request.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from pmoplan.catalogue import Catalogue
from pmoplan.loading import load_catalogue
from pmoplan.models import Course
from pmoplan.plan_models import CompletedCourse, Plan, PlanItem, PlanRequest
from pmoplan.planner import build_plan
from pmoplan.reasons import RecommendedRefused
from pmoplan.render import reason_text
from pmoplan.render.json_out import to_json

CATALOGUE: Catalogue = load_catalogue()
COURSE_IDS = sorted(c.id for c in CATALOGUE.courses)
SKILL_IDS = [s.id for s in CATALOGUE.skills]
PROVIDERS = CATALOGUE.providers()
DAYS = [0, 0.5, 1, 2, 3, 5, 8, 12, 20]


@st.composite
def plan_requests(draw: st.DrawFn) -> PlanRequest:
    """A random but valid request: any level, target, horizon, limits, focus and completed set."""
    current = draw(st.integers(1, 4))
    target = draw(st.integers(current, 4))
    done_ids = draw(st.lists(st.sampled_from(COURSE_IDS), unique=True, max_size=14))
    start_year = draw(st.integers(2020, 2035))
    # A completion can't lie after the plan starts (the planner refuses that; tested in test_plan_cli).
    dates = st.none() | st.dates(date(2010, 1, 1), date(start_year, 12, 31))
    completed = [CompletedCourse(course_id=course_id, completed_on=draw(dates)) for course_id in done_ids]
    return PlanRequest(
        current_level=current,
        target_level=target,
        years=draw(st.integers(1, 20)),
        start_year=start_year,
        days_per_year=draw(st.sampled_from(DAYS)),
        budget_per_year=draw(st.none() | st.integers(0, 5000).map(float)),
        completed=completed,
        focus=draw(st.lists(st.sampled_from(SKILL_IDS), unique=True, max_size=5)),
        cert_every=draw(st.sampled_from([None, 2, 3])),
        provider=draw(st.none() | st.sampled_from(PROVIDERS)),
    )


# --- helpers (independent of the planner's internals) -----------------------------------


def course(course_id: str) -> Course:
    return CATALOGUE.course(course_id)


def parts(course_id: str) -> set[str]:
    """The course and, for a combined course, its parts."""
    return {course_id, *course(course_id).includes}


def done_before_plan(request: PlanRequest) -> set[str]:
    """Completed courses, their combined parts, and single-alternative prerequisites they imply."""
    done: set[str] = set()
    for completed in request.completed:
        done |= parts(completed.course_id)
    changed = True
    while changed:
        changed = False
        for course_id in sorted(done):
            for group in course(course_id).prerequisites:
                if len(group) == 1 and group[0] not in done:
                    done.add(group[0])
                    changed = True
    return done


def planned_items(plan: Plan) -> list[tuple[int, PlanItem]]:
    """(year, item) for every certification and specialist item, in plan order (renewals left out)."""
    return [(year.year, item) for year in plan.years for item in year.items if item.kind != "renewal"]


def counted_cost(item: PlanItem) -> float:
    """What the planner holds against a budget in the catalogue currency (course price, else exam price)."""
    if item.kind == "renewal":
        return item.cost if item.cost is not None and item.currency == CATALOGUE.currency else 0.0
    planned = course(item.course_id)
    if planned.currency is not None and planned.currency != CATALOGUE.currency:
        return 0.0
    price = planned.cost if planned.cost is not None else planned.exam_cost
    return price or 0.0


def last_dated_certification(request: PlanRequest) -> int | None:
    years = [
        c.completed_on.year
        for c in request.completed
        if c.completed_on is not None and course(c.course_id).kind == "certification"
    ]
    return max(years, default=None)


def certification_years(plan: Plan) -> list[int]:
    return [year.year for year in plan.years for item in year.items if item.kind == "certification"]


# --- rule 2: prerequisites ----------------------------------------------------------------


@given(plan_requests())
def test_prerequisites_come_before_their_dependants(request: PlanRequest) -> None:
    plan = build_plan(CATALOGUE, request)
    have = done_before_plan(request)
    for year in plan.years:
        taken_this_year: set[str] = set()
        for item in year.items:
            if item.kind == "renewal":
                continue
            for group in course(item.course_id).prerequisites:
                assert any(option in have for option in group), (year.year, item.course_id, group)
            taken_this_year |= parts(item.course_id)
        have |= taken_this_year  # a course counts from the next year, not the year it is taken


@given(plan_requests())
def test_every_assumed_prerequisite_is_said_plainly(request: PlanRequest) -> None:
    plan = build_plan(CATALOGUE, request)
    expanded: set[str] = set()
    for completed in request.completed:
        expanded |= parts(completed.course_id)
    assumed = done_before_plan(request) - expanded
    said = {r.course_id for m in plan.milestones for r in m.reasons if r.code == "assumed-completed"}
    assert said == assumed
    assert all(m.reasons for m in plan.milestones if m.kind == "assumed-completed")


# --- no course twice, nothing done re-planned ----------------------------------------------


@given(plan_requests())
def test_no_course_twice_and_nothing_done_is_replanned(request: PlanRequest) -> None:
    plan = build_plan(CATALOGUE, request)
    seen = done_before_plan(request)
    for year, item in planned_items(plan):
        covered = parts(item.course_id)
        # A combined course is not planned if a part is done or planned, nor a part after its combined course.
        assert not covered & seen, (year, item.course_id, sorted(covered & seen))
        seen |= covered


@given(plan_requests())
def test_item_kinds_and_providers_match_the_catalogue(request: PlanRequest) -> None:
    plan = build_plan(CATALOGUE, request)
    for _, item in planned_items(plan):
        assert course(item.course_id).kind == item.kind
        if item.kind == "certification" and request.provider is not None:
            assert request.provider.casefold() in course(item.course_id).provider.casefold()


# --- rule 1: cadence ----------------------------------------------------------------------


@given(plan_requests())
def test_at_most_one_sitting_a_year_and_two_to_three_years_apart(request: PlanRequest) -> None:
    plan = build_plan(CATALOGUE, request)
    every = request.cert_every or 2
    last_year = request.start_year + request.years - 1
    for year in plan.years:
        assert sum(item.kind == "certification" for item in year.items) <= 1
    sittings = certification_years(plan)
    previous = last_dated_certification(request)
    # With no sitting yet, the first one is due in the first year ("the first early in the plan").
    chain = [previous if previous is not None else request.start_year - every, *sittings]
    for earlier, later in zip(chain, chain[1:], strict=False):
        assert later - earlier >= every, (chain, every)
    for earlier, later in zip(chain, [*chain[1:], last_year + 1], strict=False):
        due_from = max(earlier + every, request.start_year)
        if later - earlier >= 4 and due_from < later:
            # More than 3 years without a sitting although one was due: the plan must say why.
            explained = [u for u in plan.unscheduled if u.year is not None and due_from <= u.year < later]
            assert explained, (chain, plan.unscheduled)


@given(plan_requests())
def test_every_due_sitting_is_planned_or_explained(request: PlanRequest) -> None:
    """The exact rule of ``_certification_due``: due when none yet or ``cert_every`` (2) years passed,
    unless no certification is left for the level (until the person moves up a level)."""
    plan = build_plan(CATALOGUE, request)
    every = request.cert_every or 2
    last = last_dated_certification(request)
    exhausted = False
    previous_level = request.current_level
    for year in plan.years:
        if year.level > previous_level:
            exhausted = False
        previous_level = year.level
        due = not exhausted and (last is None or year.year - last >= every)
        sittings = [item for item in year.items if item.kind == "certification"]
        entries = [u for u in plan.unscheduled if u.year == year.year]
        if sittings:
            # Off the cadence only to renew a suite before its renew-by date (rule 13).
            assert due or sittings[0].reasons[0].code == "suite-exam-renews", (year.year, last)
            # Only better-ranked recommended courses that did not fit may be reported beside a sitting.
            for entry in entries:
                assert entry.course_id not in {None, sittings[0].course_id}, entry
                [reason] = entry.reasons
                assert isinstance(reason, RecommendedRefused), entry
                assert reason.planned_instead == sittings[0].course_id, entry
            last = year.year
        elif due:
            assert len(entries) == 1, (year.year, entries)
            [reason] = entries[0].reasons
            assert reason.code in {"no-certification-left", "no-certification-fits"}, entries[0]
            exhausted = reason.code == "no-certification-left"
        else:
            assert entries == [], (year.year, entries)


# --- rule 5: capacity ---------------------------------------------------------------------


@given(plan_requests())
def test_days_and_budget_stay_within_the_yearly_limits(request: PlanRequest) -> None:
    plan = build_plan(CATALOGUE, request)
    for year in plan.years:
        assert sum(item.days for item in year.items) <= request.days_per_year + 1e-9
        if request.budget_per_year is not None:
            spent = sum(counted_cost(item) for item in year.items)
            assert spent <= request.budget_per_year + 1e-9, (year.year, spent)


# --- rules 3 and 8: level fit and reasons ---------------------------------------------------


@given(plan_requests())
def test_every_item_has_a_reason_and_suits_the_level_of_its_year(request: PlanRequest) -> None:
    plan = build_plan(CATALOGUE, request)
    for year in plan.years:
        for item in year.items:
            assert item.reasons, item
            assert item.why == ""  # the engine writes no sentences; the edge renders them
            assert reason_text.item_text(item).strip()
            if item.kind != "renewal":
                assert year.level in course(item.course_id).levels, (year.year, year.level, item.course_id)
    for entry in plan.unscheduled:
        assert entry.reasons and entry.reason == "", entry
        assert reason_text.unscheduled_text(entry).strip()
    for milestone in plan.milestones:
        assert milestone.reasons and milestone.text == "", milestone
        assert reason_text.milestone_text(milestone).strip()


# --- rule 6: renewals ---------------------------------------------------------------------


@given(plan_requests())
def test_renewals_fall_due_in_their_year_and_nothing_lapses_unannounced(request: PlanRequest) -> None:
    plan = build_plan(CATALOGUE, request)
    last_year = request.start_year + request.years - 1
    for year in plan.years:
        for item in year.items:
            if item.kind == "renewal":
                assert item.renew_by is not None
                codes = {reason.code for reason in item.reasons}
                if item.renew_by.year < request.start_year:
                    # Before the plan: PMI's suspension year, or a lapsed certificate restored.
                    assert year.year == request.start_year and codes & {"in-suspension", "restore-lapsed"}, item
                else:
                    assert item.renew_by.year == year.year
                assert course(item.course_id).validity_years is not None
                assert item.route
    for certificate in plan.certificates:
        # Renewed through the horizon, or said to lapse (renew_by cleared and a milestone written).
        assert certificate.renew_by is None or certificate.renew_by.year > last_year, certificate


# --- rule 7: progression ------------------------------------------------------------------


@given(plan_requests())
def test_levels_rise_one_step_at_a_time_to_the_target_with_a_milestone(request: PlanRequest) -> None:
    plan = build_plan(CATALOGUE, request)
    assert [y.year for y in plan.years] == list(range(request.start_year, request.start_year + request.years))
    assert plan.years[0].level == request.current_level
    ready = {(m.year, m.level) for m in plan.milestones if m.kind == "ready-for-level"}
    for before, after in zip(plan.years, plan.years[1:], strict=False):
        assert after.level in (before.level, before.level + 1)
        assert after.level <= request.target_level
        if after.level > before.level:
            assert (after.year, after.level) in ready


# --- rule 8: determinism, JSON, totals ----------------------------------------------------


@given(plan_requests())
def test_same_inputs_give_byte_identical_json_that_round_trips(request: PlanRequest) -> None:
    first = to_json(build_plan(CATALOGUE, request).model_dump(mode="json"))
    second = to_json(build_plan(CATALOGUE, request.model_copy(deep=True)).model_dump(mode="json"))
    assert first == second
    assert Plan.model_validate_json(first) == build_plan(CATALOGUE, request)


@given(plan_requests(), st.randoms(use_true_random=False))
def test_order_of_completed_courses_does_not_change_the_plan(request: PlanRequest, rng: random.Random) -> None:
    shuffled = list(request.completed)
    rng.shuffle(shuffled)
    one = build_plan(CATALOGUE, request).model_dump(mode="json", exclude={"request"})
    other = build_plan(CATALOGUE, request.model_copy(update={"completed": shuffled})).model_dump(
        mode="json", exclude={"request"}
    )
    assert one == other


@given(plan_requests())
def test_item_uids_are_unique(request: PlanRequest) -> None:
    plan = build_plan(CATALOGUE, request)
    uids = [item.uid for year in plan.years for item in year.items]
    assert len(uids) == len(set(uids))


@given(plan_requests())
def test_totals_are_the_sums_over_the_years(request: PlanRequest) -> None:
    plan = build_plan(CATALOGUE, request)
    items = [item for year in plan.years for item in year.items]
    kinds = Counter(item.kind for item in items)
    assert plan.totals.certifications == kinds["certification"]
    assert plan.totals.specialist == kinds["specialist"]
    assert plan.totals.renewals == kinds["renewal"]
    assert math.isclose(plan.totals.days, sum(year.days for year in plan.years), abs_tol=1e-9)
    assert plan.totals.unpriced_items == sum(year.unpriced_items for year in plan.years)
    for year in plan.years:
        assert math.isclose(year.days, sum(item.days for item in year.items), abs_tol=1e-9)
        by_currency: dict[str, float] = {}
        for item in year.items:
            if item.cost is not None and item.currency is not None:
                by_currency[item.currency] = by_currency.get(item.currency, 0) + item.cost
        assert year.costs == by_currency
    totals: dict[str, float] = {}
    for year in plan.years:
        for currency, amount in year.costs.items():
            totals[currency] = totals.get(currency, 0) + amount
    assert plan.totals.costs == totals
