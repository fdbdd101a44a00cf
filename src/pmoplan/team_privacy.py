"""Privacy that holds for shared team reports (``--min-group K``): primary and complementary suppression.

Hiding the small cells is not enough when the report also shows totals: a year's total minus the
cells still shown gives back the hidden cell. So, after hiding every figure built from 1 to K-1
people (the *primary* cells), :func:`protect` looks at every published sum and the cells it adds
up, and hides more until no sum can be used to work out a value of fewer than K people:

* **a year's total** (seats, days, cost, unpriced; the same cost is the chart's bar and the
  budget's "planned") is the sum of that year's seat cells. Where the hidden cells of a year
  together belong to fewer than K distinct people, the smallest cell still shown is hidden too
  (a *complementary* cell), until they belong to K or more; where no cell is left to hide, the
  year's total (and its bar and budget figures) is hidden instead;
* **a year's days, cost and unpriced count** are hidden (with its bar and budget figures) as soon
  as any of its seat cells is hidden: prices and course lengths are public, so the days and the
  cost left over after the cells shown, with the seats left over, are several equations in the
  hidden seat counts, and a few equations solve a few unknowns. Only the seat and people counts
  of that year remain, one equation that the rule above keeps safe;
* **a lapse-calendar cell** is the sum of that year's renewal seat cells for that certificate:
  the same rule, and the lapse cell is hidden when nothing is left to hide;
* **the team headcount** is the sum of the level headcounts: hidden levels together hold K or
  more people, or another level is hidden with them;
* **a heat-map cell** is hidden when the people at that level *without* the gap are 1 to K-1 (the
  level headcount minus the cell would give them away), as well as when it is small itself;
* **a cell outside the budget** is hidden when the seats of that course inside the budget are 1
  to K-1 (the seat cell minus it would give them away).

Distinct people are counted, not seats: two hidden courses taken by the same person are one
person. The loop runs until nothing changes, because hiding a cell for one sum can expose another.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from pmoplan.plan_models import Plan
from pmoplan.team_models import BudgetYear, HeatCell, LevelCount, SeatCell, Suppression, TeamReport, YearTotal

SeatKey = tuple[int, str, str, str]  # year, kind, course id, title (renewals only)


def seat_key(year: int, kind: str, course_id: str, title: str) -> SeatKey:
    """The key of a seat cell: renewals of different certificate sets are different cells."""
    return (year, kind, course_id, title if kind == "renewal" else "")


@dataclass
class _Hidden:
    seats: set[int] = field(default_factory=set)
    years: set[int] = field(default_factory=set)
    amounts: set[int] = field(default_factory=set)
    lapses: set[int] = field(default_factory=set)
    levels: set[int] = field(default_factory=set)
    complementary: int = 0


class _Groups:
    """Which distinct plans make up each seat cell and each lapse cell."""

    def __init__(self, report: TeamReport, plans: Sequence[Plan], counts: Sequence[int]) -> None:
        self.counts = counts
        members: dict[SeatKey, set[int]] = {}
        lapse_members: dict[tuple[int, str], set[int]] = {}
        for index, plan in enumerate(plans):
            for plan_year in plan.years:
                for item in plan_year.items:
                    key = seat_key(plan_year.year, item.kind, item.course_id, item.title)
                    members.setdefault(key, set()).add(index)
                    if item.kind == "renewal" and item.renew_by is not None:
                        lapse_members.setdefault((plan_year.year, item.course_id), set()).add(index)
        self.seat_plans = [members[seat_key(c.year, c.kind, c.course_id, c.title)] for c in report.seats]
        self.by_year: dict[int, list[int]] = {}
        self.renewals: dict[tuple[int, str], list[int]] = {}
        for index, cell in enumerate(report.seats):
            self.by_year.setdefault(cell.year, []).append(index)
            if cell.kind == "renewal":
                self.renewals.setdefault((cell.year, cell.course_id), []).append(index)

    def people(self, cells: Sequence[int]) -> int:
        """Distinct people in the union of ``cells``."""
        plans: set[int] = set()
        for cell in cells:
            plans |= self.seat_plans[cell]
        return sum(self.counts[plan] for plan in plans)


def _complete(group: list[int], seats: list[SeatCell], hidden: _Hidden, groups: _Groups, k: int) -> bool:
    """Hide more cells of ``group`` until its hidden cells hold K people; False when it cannot."""
    while True:
        inside = [i for i in group if i in hidden.seats]
        if not inside or groups.people(inside) >= k:
            return True
        shown = [i for i in group if i not in hidden.seats and seats[i].seats]
        if not shown:
            return False
        hidden.seats.add(min(shown, key=lambda i: (seats[i].seats or 0, i)))
        hidden.complementary += 1


def _settle(report: TeamReport, groups: _Groups, hidden: _Hidden, k: int) -> None:
    """Hide complementary cells (or the sums) until every published sum is safe; repeat until stable."""
    while True:
        before = (len(hidden.seats), len(hidden.years), len(hidden.lapses))
        for year, group in groups.by_year.items():
            if year not in hidden.years and not _complete(group, report.seats, hidden, groups, k):
                hidden.years.add(year)
        for index, cell in enumerate(report.lapse_calendar):
            group = groups.renewals.get((cell.year, cell.course_id), [])
            if index not in hidden.lapses and not _complete(group, report.seats, hidden, groups, k):
                hidden.lapses.add(index)
        if (len(hidden.seats), len(hidden.years), len(hidden.lapses)) == before:
            return


def _levels(levels: list[LevelCount], hidden: _Hidden, k: int) -> None:
    counts = {lc.level: lc.people or 0 for lc in levels}
    hidden.levels = {level for level, n in counts.items() if 0 < n < k}
    while hidden.levels and sum(counts[level] for level in hidden.levels) < k:
        shown = [level for level, n in counts.items() if n and level not in hidden.levels]
        if not shown:
            return  # the whole team is smaller than K: nothing can protect it but not sharing
        hidden.levels.add(min(shown, key=lambda level: (counts[level], level)))
        hidden.complementary += 1


def _heat(cells: list[HeatCell], levels: list[LevelCount], k: int) -> tuple[list[HeatCell], int]:
    headcount = {lc.level: lc.people or 0 for lc in levels}
    result, hidden = [], 0
    for cell in cells:
        n, base = cell.people_with_gap or 0, headcount[cell.level]
        if 0 < n < k or 0 < base < k or 0 < base - n < k:
            hidden += 1
            cell = cell.model_copy(update={"people_with_gap": None, "suppressed": True})
        result.append(cell)
    return result, hidden


def _budget_years(report: TeamReport, hidden: _Hidden, k: int) -> tuple[list[BudgetYear], int]:
    assert report.budget is not None
    seats_of: dict[tuple[int, str, str], int] = {}
    for cell in report.seats:
        key = (cell.year, cell.kind, cell.course_id)
        seats_of[key] = seats_of.get(key, 0) + (cell.seats or 0)
    years, count = [], 0
    for year in report.budget.years:
        cells = []
        for outside in year.outside_by_course:
            n = outside.seats or 0
            inside = seats_of.get((year.year, outside.kind, outside.course_id), 0) - n
            if 0 < n < k or 0 < inside < k:
                count += 1
                outside = outside.model_copy(update={"seats": None, "cost": None, "suppressed": True})
            cells.append(outside)
        update: dict[str, object] = {"outside_by_course": cells}
        if year.year in hidden.years or year.year in hidden.amounts:
            update |= {"planned": None, "overrun": None, "in_house_saving": None, "suppressed": True}
        years.append(year.model_copy(update=update))
    return years, count


def _hide_seat(cell: SeatCell) -> SeatCell:
    update = {"seats": None, "days": None, "cost": None, "unpriced": None, "suppressed": True}
    return cell.model_copy(update=update)


def _hide_total(total: YearTotal) -> YearTotal:
    update = {
        "people": None,
        "seats": None,
        "days": None,
        "costs": None,
        "unpriced": None,
        "over_budget": None,
        "budget_cost": None,
        "suppressed": True,
    }
    return total.model_copy(update=update)


def _hide_amounts(total: YearTotal) -> YearTotal:
    update = {
        "days": None,
        "costs": None,
        "unpriced": None,
        "over_budget": None,
        "budget_cost": None,
        "suppressed": True,
    }
    return total.model_copy(update=update)


def protect(report: TeamReport, plans: Sequence[Plan], counts: Sequence[int], k: int) -> TeamReport:
    """The report with every figure that could reveal a value of fewer than ``k`` people hidden.

    Args:
        report: The full report, built without suppression and without per-person data.
        plans: The distinct plans the report was aggregated from.
        counts: How many people share each plan.
        k: The smallest group whose figures may be shown.

    Returns:
        A copy with the hidden figures set to None and marked ``suppressed``, and a
        :class:`~pmoplan.team.Suppression` that counts them (and the complementary ones).
    """
    groups = _Groups(report, plans, counts)
    hidden = _Hidden()
    hidden.seats = {i for i, cell in enumerate(report.seats) if 0 < (cell.seats or 0) < k}
    hidden.years = {t.year for t in report.totals if 0 < (t.people or 0) < k}
    hidden.lapses = {i for i, cell in enumerate(report.lapse_calendar) if 0 < (cell.people or 0) < k}
    _settle(report, groups, hidden, k)
    hidden.amounts = {report.seats[i].year for i in hidden.seats} - hidden.years
    _levels(report.levels, hidden, k)
    heat, heat_hidden = _heat(report.heat_map, report.levels, k)
    budget, outside_hidden = None, 0
    if report.budget is not None:
        years, outside_hidden = _budget_years(report, hidden, k)
        budget = report.budget.model_copy(update={"years": years})
    seats = [_hide_seat(c) if i in hidden.seats else c for i, c in enumerate(report.seats)]
    # A booking comparison repeats its seat cell's count: it goes where the cell is hidden.
    hidden_courses = {(c.year, c.course_id) for c in seats if c.suppressed and c.kind != "renewal"}
    bookings = [b for b in report.group_bookings if (b.year, b.course_id) not in hidden_courses]
    totals = [
        _hide_total(t) if t.year in hidden.years else _hide_amounts(t) if t.year in hidden.amounts else t
        for t in report.totals
    ]
    calendar = [
        c.model_copy(update={"people": None, "suppressed": True}) if i in hidden.lapses else c
        for i, c in enumerate(report.lapse_calendar)
    ]
    levels = [
        lc.model_copy(update={"people": None, "suppressed": True}) if lc.level in hidden.levels else lc
        for lc in report.levels
    ]
    total_hidden = (
        len(hidden.seats)
        + len(hidden.years)
        + len(hidden.amounts)
        + len(hidden.lapses)
        + len(hidden.levels)
        + heat_hidden
        + outside_hidden
    )
    suppression = Suppression(
        min_group=k,
        cells_suppressed=total_hidden,
        complementary=hidden.complementary,
        totals_hidden=sorted(hidden.years),
        amounts_hidden=sorted(hidden.amounts),
    )
    return report.model_copy(
        update={
            "seats": seats,
            "group_bookings": bookings,
            "totals": totals,
            "lapse_calendar": calendar,
            "levels": levels,
            "heat_map": heat,
            "budget": budget,
            "suppression": suppression,
        }
    )
