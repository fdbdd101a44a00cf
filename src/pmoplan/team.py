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
from datetime import date

from pmoplan import plan_cache
from pmoplan.catalogue import Catalogue
from pmoplan.models import Currency
from pmoplan.plan_models import ExperienceMonths, Plan, PlanItemKind, PlanRequest
from pmoplan.planner import build_plan
from pmoplan.team_models import (
    BUDGET_PRIORITY,
    SUPPRESSION_RULE,
    BudgetYear,
    GroupBooking,
    HeatCell,
    Lapse,
    LapseCell,
    LevelCount,
    OpinionDifference,
    OutsideCell,
    OutsideItem,
    PersonPlan,
    SeatCell,
    Suppression,
    TeamBudget,
    TeamMember,
    TeamReport,
    UrgentRenewal,
    YearTotal,
)
from pmoplan.team_workers import plan_all

ProgressCallback = Callable[[int], None]

__all__ = [
    "BUDGET_PRIORITY",
    "BudgetYear",
    "GroupBooking",
    "HeatCell",
    "KIND_ORDER",
    "Lapse",
    "LapseCell",
    "LevelCount",
    "OpinionDifference",
    "OutsideCell",
    "OutsideItem",
    "PersonPlan",
    "SUPPRESSION_RULE",
    "SeatCell",
    "Suppression",
    "TeamBudget",
    "TeamMember",
    "TeamReport",
    "UrgentRenewal",
    "YearTotal",
    "build_team_report",
    "starting_gaps",
]

KIND_ORDER: tuple[PlanItemKind, ...] = ("renewal", "certification", "specialist")

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
    today: date | None = None,
    workers: int = 1,
) -> _Distinct:
    distinct = _Distinct()
    index_of: dict[tuple[object, ...], int] = {}
    requests: list[PlanRequest] = []
    for member in members:
        key = member.plan_key
        index = index_of.get(key)
        if index is None:
            index = index_of[key] = len(requests)
            requests.append(_request(member, years, start_year, today))
            distinct.counts.append(0)
        distinct.counts[index] += 1
        distinct.of_member.append(index)
    done = None
    if progress is not None:
        people, planned = len(members), len(requests)

        def done(count: int) -> None:
            progress(people * count // planned)  # in people, as the caller counts them

    distinct.plans = plan_all(catalogue, requests, workers, done, build_plan)
    if progress is not None:
        progress(len(members))
    return distinct


def _request(member: TeamMember, years: int, start_year: int, today: date | None) -> PlanRequest:
    """The planner's input for ``member`` (members are checked by the readers, the options by the parser)."""
    return plan_cache.construct(
        PlanRequest,
        current_level=member.level,
        target_level=member.target_level,
        years=years,
        start_year=start_year,
        days_per_year=member.days_per_year,
        budget_per_year=member.budget_per_year,
        completed=list(member.completed),
        focus=list(member.focus),
        gaps=dict(member.gaps),
        today=today,  # lapses and urgency judged on the day the report is made
        experience=(
            None
            if member.experience_months is None
            else plan_cache.construct(
                ExperienceMonths, project_months=member.experience_months, programme_months=0, portfolio_months=0
            )
        ),
    )


# --- aggregation --------------------------------------------------------------------------


def _seats(distinct: _Distinct) -> list[SeatCell]:
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
    converted = dict.fromkeys(sums, 0.0)  # known costs in the team currency (every currency counts)
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
                if item.budget_cost is not None:
                    converted[plan_year.year] += count * item.budget_cost
    totals = []
    for year, row in sums.items():
        over = None
        if team_budget is not None:
            over = max(0.0, converted[year] - team_budget)
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
                budget_cost=converted[year],
            )
        )
    return totals


def _lapses(
    catalogue: Catalogue,
    members: Sequence[TeamMember],
    distinct: _Distinct,
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
                    plan_cache.construct(
                        Lapse,
                        person_id=member.id,
                        course_id=course_id,
                        title=title,
                        year=year,
                        renew_by=renew_by,
                        route=route,
                    )
                )
        lapses.sort(key=lambda lapse: lapse.renew_by)  # stable: people keep their file order on one date
    cells = []
    for (year, course_id), count in sorted(calendar.items()):
        cells.append(LapseCell(year=year, course_id=course_id, title=titles[course_id], people=count))
    return lapses, cells


def _heat_map(catalogue: Catalogue, distinct: _Distinct) -> tuple[list[LevelCount], list[HeatCell]]:
    headcount = dict.fromkeys(range(1, 5), 0)
    counts: dict[tuple[str, int], int] = {}
    for plan, count in zip(distinct.plans, distinct.counts, strict=True):
        level = plan.request.current_level
        headcount[level] += count
        for skill, points in starting_gaps(catalogue, plan.request).items():
            if points > 0:
                counts[(skill, level)] = counts.get((skill, level), 0) + count
    levels = [LevelCount(level=level, people=people) for level, people in headcount.items()]
    cells = []
    for area in catalogue.skills:
        for level in range(1, 5):
            count = counts.get((area.id, level), 0)
            cells.append(HeatCell(skill=area.id, skill_name=area.name, level=level, people_with_gap=count))
    return levels, cells


def _budget(
    members: Sequence[TeamMember],
    distinct: _Distinct,
    totals: list[YearTotal],
    team_budget: float,
    currency: Currency,
    *,
    per_person: bool,
    shares: dict[tuple[int, str], float],
) -> TeamBudget:
    # Per distinct plan: year → kind → [(course_id, cost)] of priced items, converted to the team currency;
    # a course booked in-house that year costs each person their share of the classes.
    priced: list[dict[int, dict[PlanItemKind, list[tuple[str, float]]]]] = []
    planned_by_year: dict[int, float] = {}
    for plan, count in zip(distinct.plans, distinct.counts, strict=True):
        by_year: dict[int, dict[PlanItemKind, list[tuple[str, float]]]] = {}
        for plan_year in plan.years:
            for item in plan_year.items:
                if item.budget_cost is not None:
                    cost = (
                        shares.get((plan_year.year, item.course_id), item.budget_cost)
                        if item.kind != "renewal"
                        else item.budget_cost
                    )
                    by_year.setdefault(plan_year.year, {}).setdefault(item.kind, []).append((item.course_id, cost))
                    planned_by_year[plan_year.year] = planned_by_year.get(plan_year.year, 0.0) + count * cost
        priced.append(by_year)
    saving_of: dict[int, float] = {}
    for plan, count in zip(distinct.plans, distinct.counts, strict=True):
        for plan_year in plan.years:
            for item in plan_year.items:
                share = shares.get((plan_year.year, item.course_id))
                if share is not None and item.kind != "renewal" and item.budget_cost is not None:
                    saving_of[plan_year.year] = saving_of.get(plan_year.year, 0.0) + count * (item.budget_cost - share)
    years = []
    for total in totals:
        year = total.year
        saving = round(saving_of.get(year, 0.0), 2)
        planned = planned_by_year.get(year, 0.0)  # in-house shares already counted, so net of the saving
        if planned <= team_budget:
            years.append(
                BudgetYear(
                    year=year,
                    budget=team_budget,
                    planned=planned,
                    in_house_saving=saving,
                    overrun=0.0,
                    outside=[] if per_person else None,
                    outside_by_course=[],
                )
            )
            continue
        outside, by_course = _outside_items(members, distinct, priced, year, team_budget, currency)
        cells = [
            OutsideCell(year=year, course_id=course_id, kind=kind, seats=seats, cost=cost)
            for (kind, course_id), (seats, cost) in by_course.items()
        ]
        years.append(
            BudgetYear(
                year=year,
                budget=team_budget,
                planned=planned,
                in_house_saving=saving,
                overrun=planned - team_budget,
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
    second_opinion: tuple[list[OpinionDifference], list[str]] | None = None,
    today: date | None = None,
    workers: int = 1,
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
        as_of: The day the "already lapsed" and "renew within 6 months" lists are made for
            (default: 1 January of the first year); per-person, so not with ``min_group``.
        second_opinion: From :func:`pmoplan.team_opinions.apply_second_opinion` (whose members
            are the ones passed here): the differences and whose plans use the manager's view.
        today: The day the report is made, passed to every plan (the engine reads no clock): lapses
            and urgent renewals are judged against it. None: not known (as in older callers).
        workers: Processes to plan on (:mod:`pmoplan.team_workers`); the report is the same for any number.

    Returns:
        The team report; with ``min_group``, ``people`` and ``lapses`` are None.
    """
    # Planning and aggregating allocate many small objects that all stay alive: the cyclic garbage
    # collector would keep rescanning them (a fifth of the time or more) and can never free any.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _report(
            catalogue,
            members,
            years=years,
            start_year=start_year,
            team_budget_per_year=team_budget_per_year,
            min_group=min_group,
            progress=progress,
            as_of=as_of,
            second_opinion=second_opinion,
            today=today,
            workers=workers,
        )
    finally:
        if collecting:
            gc.enable()


def _report(
    catalogue: Catalogue,
    members: Sequence[TeamMember],
    *,
    years: int,
    start_year: int,
    team_budget_per_year: float | None,
    min_group: int | None,
    progress: ProgressCallback | None,
    as_of: date | None,
    second_opinion: tuple[list[OpinionDifference], list[str]] | None,
    today: date | None,
    workers: int,
) -> TeamReport:
    distinct = _plan_everyone(catalogue, members, years, start_year, progress, today, workers)
    per_person = min_group is None
    currency = catalogue.currency
    totals = _totals(distinct, start_year, years, team_budget_per_year, currency)
    lapses, calendar = _lapses(catalogue, members, distinct, per_person=per_person)
    levels, heat = _heat_map(catalogue, distinct)
    from pmoplan.team_bookings import group_bookings, in_house_shares

    seats = _seats(distinct)
    bookings = group_bookings(catalogue, seats)
    budget = None
    if team_budget_per_year is not None:
        shares = in_house_shares(bookings, currency)
        budget = _budget(
            members, distinct, totals, team_budget_per_year, currency, per_person=per_person, shares=shares
        )
        # Over budget as the budget counts it: in-house classes where they are cheaper.
        totals = [
            total.model_copy(update={"over_budget": year.overrun})
            for total, year in zip(totals, budget.years, strict=True)
        ]
    people = None
    if per_person:
        people = [
            # Built from validated members and planner output: no second validation pass.
            plan_cache.construct(PersonPlan, id=member.id, name=member.name, plan=distinct.plans[index])
            for member, index in zip(members, distinct.of_member, strict=True)
        ]
    lapsed = soon = None
    if per_person:
        from pmoplan.team_lapses import urgent_renewals

        as_of = as_of or date(start_year, 1, 1)
        lapsed, soon = urgent_renewals(catalogue, people or [], as_of)
    differences, from_manager = second_opinion if second_opinion is not None else (None, None)
    report = TeamReport(
        manager_view=from_manager if per_person else None,
        second_opinion=differences if per_person else None,
        as_of=as_of if per_person else None,
        already_lapsed=lapsed,
        renew_within_6_months=soon,
        start_year=start_year,
        years=years,
        currency=currency,
        people_count=len(members),
        people=people,
        seats=seats,
        group_bookings=bookings,
        totals=totals,
        lapses=lapses,
        lapse_calendar=calendar,
        levels=levels,
        heat_map=heat,
        budget=budget,
    )
    if min_group is None:
        return report
    from pmoplan.team_privacy import protect

    return protect(report, distinct.plans, distinct.counts, min_group)
