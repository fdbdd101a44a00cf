"""The top of a team's lapse calendar: certificates already lapsed, and those to renew within 6 months.

Both lists follow each person's plan, so they use the planner's renewal rules (PeopleCert's
transition rule, suites, PMI's suspension year) and agree with it:

* **already lapsed**: a certificate whose renew-by date passed before the plan (the plan's
  "lapsed" warning, whether or not the plan restores it), or a PMI certificate in its suspension
  year (the plan renews it with PDUs, but it is suspended until then);
* **renew within 6 months**: a renewal the plan schedules whose renew-by date falls from the
  as-of date to six months after it, or an exam the plan sits before such a date because it
  renews the suite.

CPD already logged is not known for a team member, so these lists err on the side of asking.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from pmoplan import plan_cache
from pmoplan.catalogue import Catalogue
from pmoplan.plan_models import Plan, PlanYear
from pmoplan.reasons import Lapsed, SuiteExamRenews
from pmoplan.team_models import PersonPlan, UrgentRenewal

WINDOW_MONTHS = 6


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


class _YearMemo:
    """What one plan year holds for these lists, found once per year object (plans share equal years).

    For a year: the renewals in PMI's suspension year, and the renewals and suite exams due from the
    as-of date to the horizon, each as (course id, date) in item order. Keyed by the object's id: the
    plans, and so their years, stay alive for the whole of :func:`urgent_renewals`.
    """

    def __init__(self, as_of: date, horizon: date) -> None:
        self.as_of = as_of
        self.horizon = horizon
        self.found: dict[int, tuple[list[tuple[str, date]], list[tuple[str, date]]]] = {}

    def of(self, year: PlanYear) -> tuple[list[tuple[str, date]], list[tuple[str, date]]]:
        """(suspended renewals, due soon) of ``year``."""
        found = self.found.get(id(year))
        if found is None:
            found = self.found[id(year)] = (_suspended(year), _due_in_year(year, self.as_of, self.horizon))
        return found


def _suspended(year: PlanYear) -> list[tuple[str, date]]:
    """Renewals of a PMI certificate in its suspension year (renewed with PDUs, suspended until then)."""
    found = []
    for item in year.items:
        if item.kind != "renewal" or item.renew_by is None:
            continue
        if any(reason.code == "in-suspension" for reason in item.reasons):
            found.append((item.course_id, item.renew_by))
    return found


def _due_in_year(year: PlanYear, as_of: date, horizon: date) -> list[tuple[str, date]]:
    """Renewals, and suite exams sat before a renew-by date, due from ``as_of`` to ``horizon``."""
    soon = []
    for item in year.items:
        renewal = item.kind == "renewal" and item.route != "restore" and item.renew_by is not None
        if renewal and item.renew_by is not None and as_of <= item.renew_by <= horizon:
            soon.append((item.course_id, item.renew_by))
        for reason in item.reasons:
            # The exam renews the suite: the certificate due first is the one it must beat.
            if isinstance(reason, SuiteExamRenews) and as_of <= reason.renew_by <= horizon:
                soon.append((reason.course_ids[0], reason.renew_by))
    return soon


def _plan_lists(plan: Plan, as_of: date, seen: _YearMemo) -> tuple[list[tuple[str, date]], list[tuple[str, date]]]:
    """(course id, date) lapsed and due within six months, for one plan (the first date of each course).

    Lapsed: a certificate whose renew-by date passed before the plan (the plan's "lapsed" warning), or
    a PMI certificate renewed in its suspension year.
    """
    lapsed = {
        reason.course_id: reason.renew_by
        for warning in plan.warnings
        for reason in warning.reasons
        if isinstance(reason, Lapsed)
    }
    soon: dict[str, date] = {}
    for year in plan.years:
        suspended, due = seen.of(year)
        for course_id, renew_by in suspended:
            lapsed.setdefault(course_id, renew_by)
        for course_id, renew_by in due:
            soon.setdefault(course_id, renew_by)
    return [(course_id, on) for course_id, on in lapsed.items() if on < as_of], list(soon.items())


def urgent_renewals(
    catalogue: Catalogue, people: Sequence[PersonPlan], as_of: date
) -> tuple[list[UrgentRenewal], list[UrgentRenewal]]:
    """(already lapsed, renew within 6 months) on ``as_of``, each soonest first, then in team order."""
    lapsed: list[UrgentRenewal] = []
    soon: list[UrgentRenewal] = []
    seen = _YearMemo(as_of, _add_months(as_of, WINDOW_MONTHS))
    cache: dict[int, tuple[list[tuple[str, date]], list[tuple[str, date]]]] = {}
    titles: dict[str, str] = {}
    for person in people:
        lists = cache.get(id(person.plan))
        if lists is None:
            lists = cache[id(person.plan)] = _plan_lists(person.plan, as_of, seen)
        for rows, found in zip((lapsed, soon), lists, strict=True):
            for course_id, renew_by in found:
                title = titles.get(course_id)
                if title is None:
                    known = catalogue.has_course(course_id)
                    title = titles[course_id] = catalogue.course(course_id).title if known else course_id
                # Built from a validated plan and catalogue: no second validation pass per row.
                rows.append(
                    plan_cache.construct(
                        UrgentRenewal,
                        person_id=person.id,
                        course_id=course_id,
                        title=title,
                        renew_by=renew_by,
                        days_left=(renew_by - as_of).days,
                    )
                )
    lapsed.sort(key=lambda row: row.renew_by)  # stable: people keep their team order on one date
    soon.sort(key=lambda row: row.renew_by)
    return lapsed, soon
