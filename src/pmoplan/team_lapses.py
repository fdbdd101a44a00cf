"""The top of a team's lapse calendar: certificates already lapsed, and those to renew within 6 months.

Both lists follow each person's plan, so they agree with it (a later exam in the same suite that
renewed a certificate is counted, as the planner counts it):

* **already lapsed**: a certificate held (not planned) that the plan no longer treats as current
  (no renew-by date) although its course has a validity period; it lapsed on its latest
  completion date plus that period (a combined course counts as its parts);
* **renew within 6 months**: a renewal the plan schedules whose renew-by date falls from the
  as-of date to six months after it.

CPD already logged is not known for a team member, so these lists err on the side of asking.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from pmoplan.catalogue import Catalogue
from pmoplan.plan_models import CompletedCourse, Plan
from pmoplan.team_models import PersonPlan, UrgentRenewal

WINDOW_MONTHS = 6


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _lapse_dates(catalogue: Catalogue, completed: Sequence[CompletedCourse]) -> dict[str, date]:
    """Per certificate with a validity period: its latest completion date plus that period."""
    latest: dict[str, date] = {}
    for done in completed:
        if done.completed_on is None or not catalogue.has_course(done.course_id):
            continue
        course = catalogue.course(done.course_id)
        for part_id in (course.id, *course.includes):
            part = catalogue.course(part_id) if catalogue.has_course(part_id) else None
            if part is None or part.validity_years is None or part.includes:  # a combined course: its parts
                continue
            renew_by = _add_years(done.completed_on, part.validity_years)
            latest[part_id] = max(renew_by, latest.get(part_id, renew_by))
    return latest


def _plan_lists(catalogue: Catalogue, plan: Plan, as_of: date) -> tuple[list[tuple[str, date]], list[tuple[str, date]]]:
    """(course id, date) lapsed and due within six months, for one plan."""
    horizon = _add_months(as_of, WINDOW_MONTHS)
    lapse_on = _lapse_dates(catalogue, plan.request.completed)
    lapsed = [
        (cert.course_id, lapse_on[cert.course_id])
        for cert in plan.certificates
        if not cert.planned and cert.renew_by is None and lapse_on.get(cert.course_id, as_of) < as_of
    ]
    soon: dict[str, date] = {}
    for year in plan.years:
        for item in year.items:
            if item.kind == "renewal" and item.renew_by is not None and as_of <= item.renew_by <= horizon:
                soon.setdefault(item.course_id, item.renew_by)
    return lapsed, list(soon.items())


def urgent_renewals(
    catalogue: Catalogue, people: Sequence[PersonPlan], as_of: date
) -> tuple[list[UrgentRenewal], list[UrgentRenewal]]:
    """(already lapsed, renew within 6 months) on ``as_of``, each soonest first, then in team order."""
    lapsed: list[UrgentRenewal] = []
    soon: list[UrgentRenewal] = []
    cache: dict[int, tuple[list[tuple[str, date]], list[tuple[str, date]]]] = {}
    for person in people:
        lists = cache.get(id(person.plan))
        if lists is None:
            lists = cache[id(person.plan)] = _plan_lists(catalogue, person.plan, as_of)
        for rows, found in zip((lapsed, soon), lists, strict=True):
            rows.extend(
                UrgentRenewal(
                    person_id=person.id,
                    course_id=course_id,
                    title=catalogue.course(course_id).title if catalogue.has_course(course_id) else course_id,
                    renew_by=renew_by,
                    days_left=(renew_by - as_of).days,
                )
                for course_id, renew_by in found
            )
    lapsed.sort(key=lambda row: row.renew_by)  # stable: people keep their team order on one date
    soon.sort(key=lambda row: row.renew_by)
    return lapsed, soon
