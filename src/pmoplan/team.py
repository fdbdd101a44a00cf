"""Team and organisation plans (pure): one plan per person, then the aggregates an L&D team needs.

Every person gets a plan from the same planner (:func:`pmoplan.planner.build_plan`) and the
same catalogue. People with identical inputs (level, target, completed courses, focus, gaps,
days and budget) get the very same :class:`~pmoplan.plan_models.Plan` object: the planner is
deterministic, so plans are memoised on those inputs, and aggregates are summed once per distinct
plan and multiplied by the number of people who share it. The cost grows linearly with the number
of distinct inputs; completion dates make most people distinct in real files (see the README's
Performance section for measured figures).

The aggregates:

* **seats** - per year, course and kind (certification, specialist, renewal): people, days, cost;
* **totals** - per year: people with any item, seats, days, costs per currency, team budget;
* **lapse calendar** - per year and course, how many certificates must be renewed (and, per
  person, the renew-by dates in :attr:`TeamReport.lapses`);
* **heat map** - per skill and current level, how many people have a gap in that skill (the gaps
  each plan was built on: the focus skills, else the profile's gaps, else the step to the next
  level's expectations);
* **budget** - with a team budget per year: which items fall outside it, in :data:`BUDGET_PRIORITY`.

``min_group`` (``--min-group K``) is for reports shared beyond the team; :data:`SUPPRESSION_RULE`
says exactly what it hides.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from pmoplan.catalogue import Catalogue
from pmoplan.models import Currency, Identifier, LevelNumber
from pmoplan.plan_models import CompletedCourse, OutputModel, Plan, PlanItemKind, PlanRequest
from pmoplan.planner import build_plan
from pmoplan.renewals import TeamLapse, team_lapse_lists

KIND_ORDER: tuple[PlanItemKind, ...] = ("renewal", "certification", "specialist")

BUDGET_PRIORITY = (
    "Items are funded in this order: renewals first (keeping certificates current), then "
    "certifications, then specialist courses; within a kind, people in the order of the team file; "
    "within a person, in plan order. The first item that takes the running total over the team budget, "
    "and every item after it, fall outside the budget. Only prices in the catalogue's currency count; "
    "unpriced items never do."
)

SUPPRESSION_RULE = (
    "Cells built from 1 to K-1 people are suppressed (numbers null, suppressed true; shown as <K): "
    "seats per course and year; lapse-calendar cells; level headcounts; heat-map cells, and every "
    "heat-map cell of a level with fewer than K people; year totals (with the year's budget figures) "
    "when fewer than K people have an item that year; courses outside the budget. "
    "Per-person data (people, lapses, items outside the budget) is left out entirely. "
    "Zero cells, the team headcount and the budget given are not suppressed. Totals still include "
    "suppressed cells, so where one cell in a year is suppressed, raise K before sharing."
)

ProgressCallback = Callable[[int], None]


@dataclass(frozen=True, slots=True)
class TeamMember:
    """One person of the team, as read (and already checked) from a CSV row, a YAML record or a profile.

    A plain dataclass rather than a model: the readers check every field with file and line, and
    a team of 100,000 should not pay for validating it twice.
    """

    id: str
    level: int
    target_level: int
    name: str | None = None
    completed: tuple[CompletedCourse, ...] = ()
    focus: tuple[str, ...] = ()
    gaps: tuple[tuple[str, int], ...] = ()
    days_per_year: float = 8.0
    budget_per_year: float | None = None

    @property
    def plan_key(self) -> tuple[object, ...]:
        """Everything about the person that the planner reads (the team-wide options are constant)."""
        return (
            self.level,
            self.target_level,
            self.days_per_year,
            self.budget_per_year,
            self.completed,
            self.focus,
            self.gaps,
        )


class PersonPlan(OutputModel):
    """One person's plan within the team report."""

    id: str
    name: str | None
    plan: Plan


class SeatCell(OutputModel):
    """Seats (people), days and cost of one course of one kind in one year."""

    year: int
    course_id: Identifier
    title: str
    kind: PlanItemKind
    seats: int | None
    days: float | None
    cost: float | None
    currency: Currency | None
    unpriced: int | None
    suppressed: bool = False


class YearTotal(OutputModel):
    """Everything planned in one year, over the whole team."""

    year: int
    people: int | None
    seats: int | None
    days: float | None
    costs: dict[Currency, float] | None
    unpriced: int | None
    budget: float | None = None
    over_budget: float | None = None
    suppressed: bool = False


class Lapse(OutputModel):
    """A certificate that must be renewed within the horizon: whose, which, and by when."""

    person_id: str
    course_id: Identifier
    title: str
    year: int
    renew_by: date
    route: str | None


class LapseCell(OutputModel):
    """How many certificates of one course must be renewed in one year."""

    year: int
    course_id: Identifier
    title: str
    people: int | None
    suppressed: bool = False


class LevelCount(OutputModel):
    """How many people are at one level today."""

    level: LevelNumber
    people: int | None
    suppressed: bool = False


class HeatCell(OutputModel):
    """How many people at one level have a gap in one skill."""

    skill: Identifier
    skill_name: str
    level: LevelNumber
    people_with_gap: int | None
    suppressed: bool = False


class OutsideItem(OutputModel):
    """One person's plan item that falls outside the team budget."""

    year: int
    person_id: str
    course_id: Identifier
    kind: PlanItemKind
    cost: float
    currency: Currency


class OutsideCell(OutputModel):
    """Seats and cost of one course that fall outside the team budget in one year."""

    year: int
    course_id: Identifier
    kind: PlanItemKind
    seats: int | None
    cost: float | None
    suppressed: bool = False


class BudgetYear(OutputModel):
    """One year against the team budget."""

    year: int
    budget: float
    planned: float | None
    overrun: float | None
    suppressed: bool = False
    outside: list[OutsideItem] | None
    outside_by_course: list[OutsideCell]


class TeamBudget(OutputModel):
    """The team budget per year, the order items are funded in, and what falls outside."""

    budget_per_year: float
    currency: Currency
    priority: str = BUDGET_PRIORITY
    years: list[BudgetYear]


class Suppression(OutputModel):
    """What ``--min-group`` hid."""

    min_group: int
    cells_suppressed: int
    rule: str = SUPPRESSION_RULE


class TeamReport(OutputModel):
    """The JSON document of ``pmoplan team plan --format json`` (``pmoplan schema team``)."""

    schema_version: Literal[1] = 1
    start_year: int
    years: int
    currency: Currency
    people_count: int
    people: list[PersonPlan] | None
    seats: list[SeatCell]
    totals: list[YearTotal]
    lapses: list[Lapse] | None
    lapse_calendar: list[LapseCell]
    levels: list[LevelCount]
    heat_map: list[HeatCell]
    budget: TeamBudget | None = None
    suppression: Suppression | None = None
    # With an as-of date and per-person data: the L&D team's most urgent rows (see renewals.py).
    already_lapsed: list[TeamLapse] | None = None
    renew_within_6_months: list[TeamLapse] | None = None


# --- planning -----------------------------------------------------------------------------


def starting_gaps(catalogue: Catalogue, request: PlanRequest) -> dict[str, int]:
    """The skill gaps a plan is built on (the planner's rule 4): focus, else profile gaps, else next level."""
    if request.focus:
        return {skill: max(1, request.gaps.get(skill, 0)) for skill in request.focus}
    if request.gaps:
        return {skill: points for skill, points in request.gaps.items() if points > 0}
    level, target = request.current_level, request.target_level
    if level >= target:
        return {}
    here, there = catalogue.level(level).expected, catalogue.level(level + 1).expected
    return {skill: there[skill] - here[skill] for skill in here if there[skill] > here[skill]}


class _Distinct:
    """Distinct plans, how many people share each, and which plan each person has."""

    def __init__(self) -> None:
        self.plans: list[Plan] = []
        self.counts: list[int] = []
        self.of_member: list[int] = []


def _plan_everyone(
    catalogue: Catalogue,
    members: Sequence[TeamMember],
    years: int,
    start_year: int,
    progress: ProgressCallback | None,
) -> _Distinct:
    distinct = _Distinct()
    index_of: dict[tuple[object, ...], int] = {}
    step = max(1, len(members) // 100)
    # Planning allocates many small objects that all stay alive: the cyclic garbage collector
    # would keep rescanning them (about a fifth of the time) and can never free any of them.
    collecting = gc.isenabled()
    gc.disable()
    try:
        _plan_members(catalogue, members, years, start_year, progress, distinct, index_of, step)
    finally:
        if collecting:
            gc.enable()
    if progress is not None:
        progress(len(members))
    return distinct


def _plan_members(
    catalogue: Catalogue,
    members: Sequence[TeamMember],
    years: int,
    start_year: int,
    progress: ProgressCallback | None,
    distinct: _Distinct,
    index_of: dict[tuple[object, ...], int],
    step: int,
) -> None:
    for position, member in enumerate(members):
        key = member.plan_key
        index = index_of.get(key)
        if index is None:
            # Members are validated by the readers and the options by the parser: no second pass.
            request = PlanRequest.model_construct(
                current_level=member.level,
                target_level=member.target_level,
                years=years,
                start_year=start_year,
                days_per_year=member.days_per_year,
                budget_per_year=member.budget_per_year,
                completed=list(member.completed),
                focus=list(member.focus),
                gaps=dict(member.gaps),
            )
            index = index_of[key] = len(distinct.plans)
            distinct.plans.append(build_plan(catalogue, request))
            distinct.counts.append(0)
        distinct.counts[index] += 1
        distinct.of_member.append(index)
        if progress is not None and (position + 1) % step == 0:
            progress(position + 1)


# --- aggregation --------------------------------------------------------------------------


class _Suppressor:
    """Applies ``min_group`` to a count and keeps the tally of suppressed cells."""

    def __init__(self, min_group: int | None) -> None:
        self.k = min_group
        self.cells = 0

    def hides(self, count: int, *, base: int | None = None) -> bool:
        """Whether a cell of ``count`` people (in a group of ``base`` people) must be hidden."""
        if self.k is None:
            return False
        small = 0 < count < self.k or (base is not None and 0 < base < self.k)
        if small:
            self.cells += 1
        return small


def _seats(distinct: _Distinct, suppressor: _Suppressor) -> list[SeatCell]:
    # A renewal's title names every certificate it renews (one PeopleCert suite renewal may cover
    # several), so renewals of different sets of certificates are kept in separate cells.
    cells: dict[tuple[int, PlanItemKind, str, str], list[float]] = {}  # seats, days, cost, unpriced
    titles: dict[tuple[int, PlanItemKind, str, str], tuple[str, Currency | None]] = {}
    for plan, count in zip(distinct.plans, distinct.counts, strict=True):
        for year in plan.years:
            for item in year.items:
                key = (year.year, item.kind, item.course_id, item.title if item.kind == "renewal" else "")
                cell = cells.get(key)
                if cell is None:
                    cell = cells[key] = [0, 0.0, 0.0, 0]
                    titles[key] = (item.title, item.currency)
                cell[0] += count
                cell[1] += count * item.days
                if item.cost is None:
                    cell[3] += count
                else:
                    cell[2] += count * item.cost
                    titles[key] = (titles[key][0], titles[key][1] or item.currency)
    kind_rank: dict[str, int] = {kind: i for i, kind in enumerate(KIND_ORDER)}
    result = []
    for key in sorted(cells, key=lambda k: (k[0], kind_rank[k[1]], k[2], k[3])):
        seats, days, cost, unpriced = cells[key]
        title, currency = titles[key]
        priced = seats - unpriced > 0
        if suppressor.hides(int(seats)):
            result.append(
                SeatCell(
                    year=key[0],
                    course_id=key[2],
                    title=title,
                    kind=key[1],
                    seats=None,
                    days=None,
                    cost=None,
                    currency=currency if priced else None,
                    unpriced=None,
                    suppressed=True,
                )
            )
            continue
        result.append(
            SeatCell(
                year=key[0],
                course_id=key[2],
                title=title,
                kind=key[1],
                seats=int(seats),
                days=days,
                cost=cost if priced else None,
                currency=currency if priced else None,
                unpriced=int(unpriced),
            )
        )
    return result


def _year_range(start_year: int, years: int) -> range:
    return range(start_year, start_year + years)


def _totals(
    distinct: _Distinct, start_year: int, years: int, team_budget: float | None, currency: Currency
) -> list[YearTotal]:
    sums = {year: {"people": 0, "seats": 0, "days": 0.0, "unpriced": 0} for year in _year_range(start_year, years)}
    costs: dict[int, dict[Currency, float]] = {year: {} for year in sums}
    for plan, count in zip(distinct.plans, distinct.counts, strict=True):
        for plan_year in plan.years:
            if not plan_year.items:
                continue
            row = sums[plan_year.year]
            row["people"] += count
            row["seats"] += count * len(plan_year.items)
            row["days"] += count * sum(item.days for item in plan_year.items)
            for item in plan_year.items:
                if item.cost is None or item.currency is None:
                    row["unpriced"] += count
                else:
                    year_costs = costs[plan_year.year]
                    year_costs[item.currency] = year_costs.get(item.currency, 0.0) + count * item.cost
    totals = []
    for year, row in sums.items():
        over = None
        if team_budget is not None:
            over = max(0.0, costs[year].get(currency, 0.0) - team_budget)
        totals.append(
            YearTotal(
                year=year,
                people=int(row["people"]),
                seats=int(row["seats"]),
                days=row["days"],
                costs=dict(sorted(costs[year].items())),
                unpriced=int(row["unpriced"]),
                budget=team_budget,
                over_budget=over,
            )
        )
    return totals


def _suppress_totals(totals: list[YearTotal], suppressor: _Suppressor) -> list[YearTotal]:
    result = []
    for total in totals:
        if suppressor.hides(total.people or 0):
            total = total.model_copy(
                update={
                    "people": None,
                    "seats": None,
                    "days": None,
                    "costs": None,
                    "unpriced": None,
                    "over_budget": None,
                    "suppressed": True,
                }
            )
        result.append(total)
    return result


def _lapses(
    catalogue: Catalogue,
    members: Sequence[TeamMember],
    distinct: _Distinct,
    suppressor: _Suppressor,
    *,
    per_person: bool,
) -> tuple[list[Lapse] | None, list[LapseCell]]:
    renewals_of: list[list[tuple[int, str, str, date, str | None]]] = []
    calendar: dict[tuple[int, str], int] = {}
    titles: dict[str, str] = {}
    for plan, count in zip(distinct.plans, distinct.counts, strict=True):
        found = []
        for plan_year in plan.years:
            for item in plan_year.items:
                if item.kind == "renewal" and item.renew_by is not None:
                    found.append((plan_year.year, item.course_id, item.title, item.renew_by, item.route))
                    key = (plan_year.year, item.course_id)
                    calendar[key] = calendar.get(key, 0) + count
                    titles[item.course_id] = (
                        catalogue.course(item.course_id).title if catalogue.has_course(item.course_id) else item.title
                    )
        renewals_of.append(found)
    lapses: list[Lapse] | None = None
    if per_person:
        lapses = []
        for member, index in zip(members, distinct.of_member, strict=True):
            for year, course_id, title, renew_by, route in renewals_of[index]:
                lapses.append(
                    Lapse.model_construct(
                        person_id=member.id, course_id=course_id, title=title, year=year, renew_by=renew_by, route=route
                    )
                )
        lapses.sort(key=lambda lapse: lapse.renew_by)  # stable: people keep their file order on one date
    cells = []
    for (year, course_id), count in sorted(calendar.items()):
        hidden = suppressor.hides(count)
        cells.append(
            LapseCell(
                year=year,
                course_id=course_id,
                title=titles[course_id],
                people=None if hidden else count,
                suppressed=hidden,
            )
        )
    return lapses, cells


def _heat_map(
    catalogue: Catalogue, distinct: _Distinct, suppressor: _Suppressor
) -> tuple[list[LevelCount], list[HeatCell]]:
    headcount = dict.fromkeys(range(1, 5), 0)
    counts: dict[tuple[str, int], int] = {}
    for plan, count in zip(distinct.plans, distinct.counts, strict=True):
        level = plan.request.current_level
        headcount[level] += count
        for skill, points in starting_gaps(catalogue, plan.request).items():
            if points > 0:
                counts[(skill, level)] = counts.get((skill, level), 0) + count
    levels = []
    for level, people in headcount.items():
        hidden = suppressor.hides(people)
        levels.append(LevelCount(level=level, people=None if hidden else people, suppressed=hidden))
    cells = []
    for area in catalogue.skills:
        for level in range(1, 5):
            count = counts.get((area.id, level), 0)
            hidden = suppressor.hides(count, base=headcount[level])
            cells.append(
                HeatCell(
                    skill=area.id,
                    skill_name=area.name,
                    level=level,
                    people_with_gap=None if hidden else count,
                    suppressed=hidden,
                )
            )
    return levels, cells


def _budget(
    members: Sequence[TeamMember],
    distinct: _Distinct,
    totals: list[YearTotal],
    team_budget: float,
    currency: Currency,
    suppressor: _Suppressor,
    *,
    per_person: bool,
) -> TeamBudget:
    # Per distinct plan: year → kind → [(course_id, cost)] of items priced in the team currency.
    priced: list[dict[int, dict[PlanItemKind, list[tuple[str, float]]]]] = []
    for plan in distinct.plans:
        by_year: dict[int, dict[PlanItemKind, list[tuple[str, float]]]] = {}
        for plan_year in plan.years:
            for item in plan_year.items:
                if item.cost is not None and item.currency == currency:
                    by_year.setdefault(plan_year.year, {}).setdefault(item.kind, []).append((item.course_id, item.cost))
        priced.append(by_year)
    years = []
    for total in totals:
        year = total.year
        planned = (total.costs or {}).get(currency, 0.0)
        hidden = total.suppressed
        if planned <= team_budget:
            years.append(
                BudgetYear(
                    year=year,
                    budget=team_budget,
                    planned=None if hidden else planned,
                    overrun=None if hidden else 0.0,
                    suppressed=hidden,
                    outside=[] if per_person else None,
                    outside_by_course=[],
                )
            )
            continue
        outside, by_course = _outside_items(members, distinct, priced, year, team_budget, currency)
        cells = []
        for (kind, course_id), (seats, cost) in by_course.items():
            small = suppressor.hides(seats)
            cells.append(
                OutsideCell(
                    year=year,
                    course_id=course_id,
                    kind=kind,
                    seats=None if small else seats,
                    cost=None if small else cost,
                    suppressed=small,
                )
            )
        years.append(
            BudgetYear(
                year=year,
                budget=team_budget,
                planned=None if hidden else planned,
                overrun=None if hidden else planned - team_budget,
                suppressed=hidden,
                outside=outside if per_person else None,
                outside_by_course=cells,
            )
        )
    return TeamBudget(budget_per_year=team_budget, currency=currency, years=years)


def _outside_items(
    members: Sequence[TeamMember],
    distinct: _Distinct,
    priced: list[dict[int, dict[PlanItemKind, list[tuple[str, float]]]]],
    year: int,
    team_budget: float,
    currency: Currency,
) -> tuple[list[OutsideItem], dict[tuple[PlanItemKind, str], tuple[int, float]]]:
    """Walk the items in priority order; the first over the line and all after it are outside."""
    running = 0.0
    over = False
    outside: list[OutsideItem] = []
    by_course: dict[tuple[PlanItemKind, str], tuple[int, float]] = {}
    for kind in KIND_ORDER:
        if not over:
            # A whole kind within the budget needs no walk through the people.
            kind_total = sum(
                count * sum(cost for _, cost in plan_items.get(year, {}).get(kind, []))
                for plan_items, count in zip(priced, distinct.counts, strict=True)
            )
            if running + kind_total <= team_budget:
                running += kind_total
                continue
        for member, index in zip(members, distinct.of_member, strict=True):
            for course_id, cost in priced[index].get(year, {}).get(kind, []):
                if not over:
                    running += cost
                    if running <= team_budget:
                        continue
                    over = True
                outside.append(
                    OutsideItem(
                        year=year, person_id=member.id, course_id=course_id, kind=kind, cost=cost, currency=currency
                    )
                )
                seats, total = by_course.get((kind, course_id), (0, 0.0))
                by_course[(kind, course_id)] = (seats + 1, total + cost)
    return outside, by_course


# --- the report ---------------------------------------------------------------------------


def build_team_report(
    catalogue: Catalogue,
    members: Sequence[TeamMember],
    *,
    years: int,
    start_year: int,
    team_budget_per_year: float | None = None,
    min_group: int | None = None,
    progress: ProgressCallback | None = None,
    as_of: date | None = None,
) -> TeamReport:
    """Plan every member with the same planner and catalogue, then aggregate.

    Args:
        catalogue: The one catalogue every plan is made from.
        members: The people, in the order of the team file (that order breaks budget ties).
        years: Years to plan (1-20).
        start_year: The first year of every plan.
        team_budget_per_year: The team's yearly budget in the catalogue currency, if any.
        min_group: Suppress cells built from fewer than this many people and leave out
            per-person data (see :data:`SUPPRESSION_RULE`).
        progress: Called now and then with the number of people planned so far.
        as_of: With per-person data, also list certificates already lapsed and those to renew
            within 6 months on this day (the rules of ``pmoplan renewals``).

    Returns:
        The team report; with ``min_group``, ``people`` and ``lapses`` are None.
    """
    distinct = _plan_everyone(catalogue, members, years, start_year, progress)
    per_person = min_group is None
    suppressor = _Suppressor(min_group)
    currency = catalogue.currency
    seats = _seats(distinct, suppressor)
    raw_totals = _totals(distinct, start_year, years, team_budget_per_year, currency)
    totals = _suppress_totals(raw_totals, suppressor)
    lapses, calendar = _lapses(catalogue, members, distinct, suppressor, per_person=per_person)
    levels, heat = _heat_map(catalogue, distinct, suppressor)
    budget = None
    if team_budget_per_year is not None:
        budget = _budget(
            members,
            distinct,
            [
                raw.model_copy(update={"suppressed": shown.suppressed})
                for raw, shown in zip(raw_totals, totals, strict=True)
            ],
            team_budget_per_year,
            currency,
            suppressor,
            per_person=per_person,
        )
    people = None
    if per_person:
        people = [
            # Built from validated members and planner output: no second validation pass.
            PersonPlan.model_construct(id=member.id, name=member.name, plan=distinct.plans[index])
            for member, index in zip(members, distinct.of_member, strict=True)
        ]
    lapsed = soon = None
    if as_of is not None and per_person:
        lapsed, soon = team_lapse_lists(catalogue, [(m.id, list(m.completed)) for m in members], as_of)
    return TeamReport(
        already_lapsed=lapsed,
        renew_within_6_months=soon,
        start_year=start_year,
        years=years,
        currency=currency,
        people_count=len(members),
        people=people,
        seats=seats,
        totals=totals,
        lapses=lapses,
        lapse_calendar=calendar,
        levels=levels,
        heat_map=heat,
        budget=budget,
        suppression=None if min_group is None else Suppression(min_group=min_group, cells_suppressed=suppressor.cells),
    )
