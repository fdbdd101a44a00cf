"""Which yearly limit kept a skill's course out of a plan: the specialist-course limit, the days or the budget.

When a skill gap is still open at the end of a plan although courses for it exist at the
person's level, "no room" alone does not tell the person what to change. This module reads the
finished years of the plan and names, for each year in which a course for the skill was still
left to plan, every limit that was full:

* ``specialist-courses``: the year already had its specialist courses (two a year unless changed);
* ``days``: no offering of any remaining course fits the training days left that year;
* ``budget``: no offering fits the budget left that year.

A year with no course left to plan for the skill (all done, or blocked by prerequisites or by a
certification that makes them pointless) names no limit. The candidates follow the planner's
rule for specialist courses (``planner._specialists_for``): current courses at the year's level
that develop the skill, not done, prerequisites met, not made redundant. Certification sittings
and specialist courses use up the year's days and budget (a course without a published price
holds its exam price, where known); renewals do not (as in the planner).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from pmoplan import plan_cache
from pmoplan.catalogue import Catalogue, prerequisites_met
from pmoplan.eligibility import provider_matches, redundant_by
from pmoplan.models import Course
from pmoplan.plan_models import PlanItem, PlanRequest, PlanYear
from pmoplan.pricing import PricedOption, course_options, fits, standard_option
from pmoplan.reasons import LimitReached, YearlyLimit

_ORDER: tuple[YearlyLimit, ...] = ("specialist-courses", "days", "budget")


def limits_reached(
    catalogue: Catalogue, request: PlanRequest, years: Sequence[PlanYear], skill: str, done: Iterable[str]
) -> tuple[LimitReached, ...]:
    """The yearly limits that kept every remaining course for ``skill`` out of the plan, with their years.

    Args:
        catalogue: The catalogue the plan was made from.
        request: The plan's request (its limits, provider, target level).
        years: The plan's years, in order.
        skill: The skill whose gap is still open.
        done: Every course completed before the plan or planned in it (parts included).

    Returns:
        One record per limit that was full in at least one year, in the order course limit, days,
        budget; empty when no remaining course could be planned in any year.
    """
    currency = request.currency or catalogue.currency
    completed = {course.course_id for course in request.completed}
    full: dict[YearlyLimit, list[int]] = {}
    done_then = set(done)
    for year in reversed(years):  # walk back, so that ``done_then`` is what was done before the year
        this_year = {item.course_id for item in year.items if item.kind != "renewal"}
        for course_id in this_year - completed:
            done_then.discard(course_id)
            done_then.difference_update(catalogue.course(course_id).includes)
        candidates = _candidates(catalogue, request, year.level, skill, done_then, this_year)
        if not candidates:
            continue
        for limit in _full_limits(catalogue, request, year, candidates, currency):
            full.setdefault(limit, []).insert(0, year.year)
    return tuple(
        # Built from the validated request and plan: shared like the planner's other records.
        plan_cache.record(
            LimitReached,
            limit=limit,
            per_year=_figure(request, limit),
            currency=currency if limit == "budget" else None,
            years=tuple(full[limit]),
        )
        for limit in _ORDER
        if limit in full
    )


def _candidates(
    catalogue: Catalogue, request: PlanRequest, level: int, skill: str, done: set[str], planned: set[str]
) -> list[Course]:
    """Specialist courses for ``skill`` that the planner could still have chosen at ``level`` that year."""
    return [
        course
        for course in _for_skill(catalogue, level, skill)
        if course.id not in done
        and course.id not in planned
        and prerequisites_met(course, done)
        and redundant_by(course, done) is None
        and not _overview_of_a_coming_certification(catalogue, request, course, level)
    ]


def _for_skill(catalogue: Catalogue, level: int, skill: str) -> list[Course]:
    """Current specialist courses at ``level`` that develop ``skill``, in catalogue order (once per catalogue)."""
    return plan_cache.lookup(
        catalogue,
        "plan_limits.for_skill",
        (level, skill),
        lambda: [
            course
            for course in catalogue.courses
            if course.kind == "specialist"
            and not course.withdrawn
            and level in course.levels
            and skill in course.skills
        ],
    )


def _overview_of_a_coming_certification(catalogue: Catalogue, request: PlanRequest, course: Course, level: int) -> bool:
    """An overview course of a certification the person is on course to take (the planner skips it)."""
    relations = course.relations
    if relations is None or relations.tier != "overview":
        return False
    levels = range(level, request.target_level + 1)
    return any(
        provider_matches(maker, request.provider) and any(lv in maker.levels for lv in levels)
        for maker in map(catalogue.course, relations.made_redundant_by)
    )


def _full_limits(
    catalogue: Catalogue, request: PlanRequest, year: PlanYear, candidates: list[Course], currency: str
) -> list[YearlyLimit]:
    """Every limit of ``year`` that left no room for any of ``candidates``."""
    taken = [item for item in year.items if item.kind != "renewal"]
    days_left = request.days_per_year - sum(item.days for item in taken)
    budget = request.budget_per_year
    budget_left = None if budget is None else budget - sum(_held(catalogue, item, currency) for item in taken)
    options = [option for course in candidates for option in _options(catalogue, course, currency)]
    found: list[YearlyLimit] = []
    if sum(item.kind == "specialist" for item in year.items) >= request.max_specialist_per_year:
        found.append("specialist-courses")
    if any(fits(option, days_left, budget_left) for option in options):
        return found
    days_full = not any(fits(option, days_left, None) for option in options)
    budget_full = budget_left is not None and not any(fits(option, float("inf"), budget_left) for option in options)
    if days_full or not budget_full:
        found.append("days")  # short of days, or of days and budget only together
    if budget_full or not days_full:
        found.append("budget")
    return found


def _options(catalogue: Catalogue, course: Course, currency: str) -> list[PricedOption]:
    """Every way to buy ``course`` in ``currency``, priced once per catalogue (a team repeats them)."""
    return plan_cache.lookup(
        catalogue,
        f"plan_limits.priced.{currency}",
        course.id,
        lambda: course_options(course, currency, catalogue.rates),
    )


def _held(catalogue: Catalogue, item: PlanItem, currency: str) -> float:
    """What an item held against the budget: its known cost, or the exam price of an unpriced course."""
    if item.budget_cost is not None:
        return item.budget_cost
    options = _options(catalogue, catalogue.course(item.course_id), currency)
    chosen = next((o for o in options if o.mode == item.offering), None) or standard_option(options)
    return chosen.counted or 0.0


def _figure(request: PlanRequest, limit: YearlyLimit) -> float:
    if limit == "specialist-courses":
        return float(request.max_specialist_per_year)
    if limit == "days":
        return float(request.days_per_year)
    return float(request.budget_per_year or 0.0)
