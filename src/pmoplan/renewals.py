"""Renewals and credits (pure): renew-by dates, routes, and CPD points / PDUs counted per scheme.

Everything here is a function over catalogue models, the person's completed courses, the CPD
they logged and the courses they plan; it returns data with reason records (a code and its
values), never sentences. Renderers in ``render/renewals_render.py`` turn the records into text.

The rules come from each scheme's ``credits`` block in ``courses.yaml``:

- **Renew-by.** Award date plus the scheme's validity; a later exam of a PeopleCert suite renews
  every certificate of the suite still current on that day; certificates awarded on or before
  the transition date (PeopleCert: 30 June 2020) had the transition renew-by (1 July 2023).
- **CPD is feasible only if logging can cover the whole window.** For a per-year scheme
  (PeopleCert: 20 points in each of the 3 years before the renew-by date) every year that has
  already ended must already hold its points; for a per-cycle scheme (PMI) the cycle, or the
  suspension year after it, must still be open.
- **Suspension.** PMI gives a year after the cycle ends in which the PDUs can still be earned.
- **Cheapest route.** Fewest extra days first, then the lowest known price (unknown last), then
  a fixed order; a suite exam the person plans anyway costs nothing extra.

Results are built with :func:`pmoplan.plan_cache.construct`, without validation: every value comes
from validated models (sums are made floats here, as validation would), and validating them would
build pydantic's validators on the first plan of every run, some 40 ms of ``pmoplan plan``. For the same
reason the module does not use ``from __future__ import annotations`` (see :mod:`pmoplan.models`).
"""

import calendar
from dataclasses import dataclass
from datetime import date
from typing import Literal

from pydantic import Field

from pmoplan.catalogue import Catalogue
from pmoplan.models import Course, CreditRequirement, Currency, Identifier, RenewalScheme
from pmoplan.plan_cache import construct, lookup
from pmoplan.plan_models import CategoryCredits, CompletedCourse, Credits, OutputModel, PeriodCredits
from pmoplan.plan_models import CpdEntry as CpdEntry  # re-exported: the profile and the CLI use it here

URGENT_DAYS = 183  # "renew within 6 months": the planner's rule 12 and the team calendar
EXAM_SITTING_DAYS = 1.0  # a re-exam takes at least the day of the exam (catalogue assumption)

Status = Literal["current", "urgent", "suspended", "lapsed"]
RouteKind = Literal["suite-exam", "cpd", "re-exam", "restore"]


@dataclass(frozen=True)
class PlannedCourse:
    """A course the plan places on a date (input from the planner, or from a caller's list)."""

    course_id: str
    on: date


class Reason(OutputModel):
    """A reason record: a stable code and the values a renderer needs to say it."""

    code: str
    values: dict[str, str | float | int | None] = Field(default_factory=dict)


class Route(OutputModel):
    """One way to keep (or restore) a certificate, whether it is feasible, and what it costs."""

    kind: RouteKind
    feasible: bool
    days: float
    cost: float | None
    currency: Currency | None
    start_by: date | None = None
    course_id: Identifier | None = None
    on: date | None = None
    reasons: list[Reason] = Field(default_factory=list)


class CertificateStatus(OutputModel):
    """Where one certificate stands on ``as_of`` and what to do next."""

    course_id: Identifier
    title: str
    scheme: Identifier
    awarded_on: date
    renew_by: date
    status: Status
    days_left: int
    suspended_until: date | None = None
    credits: Credits | None
    route: RouteKind | None
    routes: list[Route]
    reasons: list[Reason]


class CpdLog(OutputModel):
    """The JSON document of ``pmoplan cpd log --format json``: the whole CPD log of the profile."""

    schema_version: Literal[1] = 1
    cpd: list[CpdEntry]


class KeptStatus(OutputModel):
    """A certificate with no renew-by date that yearly CPD (and a yearly fee) keeps: APM Chartered status."""

    course_id: Identifier
    title: str
    scheme: Identifier
    unit: str
    per_year: float | None
    logged: float = Field(description="logged under the scheme in the 12 months to as_of")
    fee: float | None = Field(default=None, description="the yearly fee that keeps it, where a source gives one")
    fee_currency: Currency | None = None


class RenewalReport(OutputModel):
    """The JSON document of ``pmoplan renewals --format json``: urgent certificates first."""

    schema_version: Literal[1] = 1
    as_of: date
    certificates: list[CertificateStatus]
    undated: list[Identifier] = Field(default_factory=list, description="certificates without a date: not tracked")
    kept: list[KeptStatus] = Field(
        default_factory=list, description="certificates with no renew-by date, kept by yearly CPD (left out when none)"
    )


# --- renew-by ----------------------------------------------------------------------------------


def add_years(day: date, years: int) -> date:
    """``day`` moved by whole years (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months (clamped to the month's last day)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def renew_by_for(scheme: RenewalScheme, awarded: date) -> tuple[date, list[Reason]]:
    """The renew-by date of a certificate awarded on ``awarded``, with the transition rule applied."""
    due = add_years(awarded, scheme.validity_years)
    rule = scheme.transition
    if rule is not None and awarded <= rule.awarded_on_or_before and due < rule.renew_by:
        reason = construct(
            Reason,
            code="transition-rule",
            values={
                "awarded_on_or_before": rule.awarded_on_or_before.isoformat(),
                "renew_by": rule.renew_by.isoformat(),
            },
        )
        return rule.renew_by, [reason]
    return due, []


@dataclass
class _Held:
    course: Course
    scheme: RenewalScheme
    awarded: date
    renew_by: date
    reasons: list[Reason]


def held_certificates(catalogue: Catalogue, completed: list[CompletedCourse]) -> list[_Held]:
    """Certificates with a renewal scheme, from dated completions, suite renewals applied in date order.

    A combined course counts as its parts; an undated completion cannot be tracked and is skipped.
    """
    events = sorted(
        (entry.completed_on, part)
        for entry in completed
        if entry.completed_on is not None and catalogue.has_course(entry.course_id)
        for part in _parts(catalogue, entry.course_id)
    )
    held: dict[str, _Held] = {}
    for on, course_id in events:
        course = catalogue.course(course_id)
        scheme = catalogue.renewal_scheme(course.renewal_scheme) if course.renewal_scheme else None
        if scheme is None or course.validity_years is None or course.includes:
            continue  # a combined course is tracked as its parts
        renew_by, reasons = renew_by_for(scheme, on)
        _renew_suite(held, scheme, course, on)
        held[course_id] = _Held(course, scheme, on, renew_by, reasons)
    return list(held.values())


def _parts(catalogue: Catalogue, course_id: str) -> list[str]:
    course = catalogue.course(course_id)
    return [course.id, *course.includes]


def _is_suite(scheme: RenewalScheme) -> bool:
    return any(route.kind == "suite-exam" for route in scheme.routes)


def _renew_suite(held: dict[str, _Held], scheme: RenewalScheme, course: Course, on: date) -> None:
    """An exam in a suite renews every certificate of that suite still current on that day."""
    if not _is_suite(scheme):
        return
    for other in held.values():
        if other.scheme.id == scheme.id and other.awarded < on <= other.renew_by:
            # Never earlier than it was: a 2020 exam does not cut short the transition date.
            other.renew_by = max(other.renew_by, renew_by_for(scheme, on)[0])
            other.reasons = [
                construct(Reason, code="suite-renewed", values={"by_course": course.id, "on": on.isoformat()})
            ]


# --- credits -----------------------------------------------------------------------------------


def requirement_for(scheme: RenewalScheme, course_id: str) -> CreditRequirement | None:
    """The scheme's credit requirement for this certificate (a listed one first, then the default)."""
    if scheme.credits is None:
        return None
    listed = [r for r in scheme.credits.requirements if course_id in r.courses]
    default = [r for r in scheme.credits.requirements if not r.courses]
    candidates = listed or default
    return candidates[0] if candidates else None


def course_credits(catalogue: Catalogue, course: Course, scheme: RenewalScheme) -> tuple[float, str | None, str]:
    """Credits ``course`` earns under ``scheme``: (amount, category, basis).

    An explicit ``credits`` entry on the course wins; otherwise the scheme's rule: course days
    times hours per day, capped at the scheme's maximum per activity, in the category of the
    course's main skill (or the scheme's course category).
    """
    for credit in course.credits:
        if credit.scheme == scheme.id:
            return credit.amount, credit.category, "course"
    rules = scheme.credits
    if rules is None:
        return 0.0, None, "none"
    amount = course.days * rules.hours_per_course_day
    if rules.activity_max is not None:
        amount = min(amount, rules.activity_max)
    category = next((rules.skill_categories[s] for s in course.skills if s in rules.skill_categories), None)
    return amount, category or rules.default_skill_category or rules.course_category, "rule"


def _window(scheme: RenewalScheme, renew_by: date, suspended: bool) -> tuple[date, date]:
    """The dates whose credits count: the cycle before renew-by, plus the suspension year once in it."""
    end = add_months(renew_by, scheme.suspension_months) if suspended else renew_by
    return add_years(renew_by, -scheme.validity_years), end


def count_credits(
    catalogue: Catalogue,
    held: _Held,
    log: list[CpdEntry],
    planned: list[PlannedCourse],
    as_of: date,
) -> Credits | None:
    """Required, logged, planned and remaining credits for ``held``'s current cycle, by category and year."""
    scheme, rules = held.scheme, held.scheme.credits
    if rules is None:
        return None
    start, end = _window(scheme, held.renew_by, suspended=as_of > held.renew_by)
    entries = [e for e in log if e.scheme == scheme.id and start <= e.on < end]
    earned = _planned_credits(catalogue, scheme, planned, max(start, as_of), end)
    requirement = requirement_for(scheme, held.course.id)
    years = rules.consecutive_years if rules.period == "year" else None
    assumed = requirement is None and bool(rules.requirements)
    if requirement is None and rules.requirements:
        # Not confirmed for this certificate (PMOCP: 30 or 60): plan for the scheme's largest figure.
        requirement = max(rules.requirements, key=lambda r: r.required)
    required = None if requirement is None else requirement.required * (years or 1)
    logged, planned_total = sum(e.amount for e in entries), sum(a for _, a, _ in earned)
    categories = _categories(requirement, entries, earned, scheme, years or 1)
    remaining = None if required is None else _remaining(required, logged + planned_total, categories)
    return construct(
        Credits,
        scheme=scheme.id,
        unit=rules.unit,
        required=required,
        logged=float(logged),
        planned=float(planned_total),
        remaining=remaining,
        assumed=assumed,
        window_start=start,
        window_end=end,
        categories=categories,
        periods=_periods(requirement, years, held.renew_by, entries, earned, as_of),
    )


def _remaining(required: float, counted: float, categories: list[CategoryCredits]) -> float:
    """Still to find: what the total lacks once category caps apply, at least the largest unmet minimum.

    Course points cannot stand in for Professional Experience, nor pass a category's cap.
    """
    excess = sum(max(0.0, c.logged + c.planned - c.max) for c in categories if c.max is not None)
    short = max((c.remaining for c in categories), default=0.0)
    return max(0.0, required - (counted - excess), short)


def _planned_credits(
    catalogue: Catalogue, scheme: RenewalScheme, planned: list[PlannedCourse], start: date, end: date
) -> list[tuple[date, float, str | None]]:
    earned = []
    for item in planned:
        if start <= item.on < end and catalogue.has_course(item.course_id):
            amount, category, _ = course_credits(catalogue, catalogue.course(item.course_id), scheme)
            if amount > 0:
                earned.append((item.on, amount, category))
    return earned


def _categories(
    requirement: CreditRequirement | None,
    entries: list[CpdEntry],
    earned: list[tuple[date, float, str | None]],
    scheme: RenewalScheme,
    years: int,
) -> list[CategoryCredits]:
    """Each category's bound over the window (a per-year bound times the years), logged and planned."""
    if requirement is None:
        return []
    education = scheme.credits.course_category if scheme.credits else None
    result = []
    for cat in requirement.categories:
        low = None if cat.min is None else cat.min * years
        high = None if cat.max is None else cat.max * years
        logged = sum(
            e.amount for e in entries if e.category == cat.id or (cat.id == education and _is_education(e, scheme))
        )
        planned = sum(a for _, a, c in earned if c == cat.id or cat.id == education)
        remaining = max(0.0, (low or 0) - logged - planned)
        result.append(
            construct(
                CategoryCredits,
                category=cat.id,
                name=cat.name,
                min=low,
                max=high,
                logged=float(logged),
                planned=float(planned),
                remaining=remaining,
            )
        )
    return result


def _is_education(entry: CpdEntry, scheme: RenewalScheme) -> bool:
    """A PMI Talent Triangle entry is Education too (Education PDUs are filed under one area)."""
    rules = scheme.credits
    if rules is None or rules.default_skill_category is None:
        return False
    return entry.category in {*rules.skill_categories.values(), rules.default_skill_category}


def _periods(
    requirement: CreditRequirement | None,
    years: int | None,
    renew_by: date,
    entries: list[CpdEntry],
    earned: list[tuple[date, float, str | None]],
    as_of: date,
) -> list[PeriodCredits]:
    if requirement is None or years is None:
        return []
    periods = []
    for back in range(years, 0, -1):
        start, end = add_years(renew_by, -back), add_years(renew_by, -back + 1)
        periods.append(
            construct(
                PeriodCredits,
                start=start,
                end=end,
                required=requirement.required,
                logged=float(sum(e.amount for e in entries if start <= e.on < end)),
                planned=float(sum(a for on, a, _ in earned if start <= on < end)),
                ended=end <= as_of,
            )
        )
    return periods


# --- routes ------------------------------------------------------------------------------------


def status_of(held: _Held, as_of: date) -> tuple[Status, date | None]:
    """The status: current, urgent (within 6 months) / suspended (PMI's year after the cycle) / lapsed."""
    if as_of <= held.renew_by:
        return ("urgent" if (held.renew_by - as_of).days <= URGENT_DAYS else "current"), None
    suspended_until = add_months(held.renew_by, held.scheme.suspension_months)
    if held.scheme.suspension_months and as_of <= suspended_until:
        return "suspended", suspended_until
    return "lapsed", None


def cpd_route(held: _Held, credits: Credits | None, as_of: date, deadline: date) -> Route | None:
    """The CPD route, feasible only if logging could still cover the whole window by ``deadline``."""
    if not any(route.kind == "cpd" for route in held.scheme.routes) or credits is None:
        return None
    reasons: list[Reason] = []
    if as_of > deadline:
        reasons.append(construct(Reason, code="window-closed", values={"deadline": deadline.isoformat()}))
    for period in credits.periods:
        if period.ended and period.logged < period.required:
            values = {"start": period.start.isoformat(), "end": period.end.isoformat()}
            reasons.append(
                construct(
                    Reason,
                    code="cpd-year-missed",
                    values={**values, "logged": period.logged, "required": period.required},
                )
            )
    if credits.required is None:
        reasons.append(construct(Reason, code="requirement-unknown", values={"scheme": held.scheme.id}))
    feasible = not reasons
    if feasible:
        reasons.append(_credits_reason(credits))
        if credits.assumed:
            reasons.append(construct(Reason, code="requirement-assumed", values={"required": credits.required}))
    days = _cpd_days(held, credits)
    cost, currency = _cpd_cost(held)
    start_by = credits.window_start if credits.periods else None
    return construct(
        Route,
        kind="cpd",
        feasible=feasible,
        days=days,
        cost=cost,
        currency=currency,
        start_by=start_by,
        reasons=reasons,
    )


def _credits_reason(credits: Credits) -> Reason:
    values: dict[str, str | float | int | None] = {
        "unit": credits.unit,
        "required": credits.required,
        "logged": credits.logged,
        "planned": credits.planned,
        "remaining": credits.remaining,
    }
    return construct(Reason, code="cpd-credits", values=values)


def _cpd_days(held: _Held, credits: Credits) -> float:
    """Extra days of learning still to find (per-year schemes count work experience: no extra days)."""
    rules = held.scheme.credits
    if rules is None or credits.remaining is None or rules.period == "year":
        return 0.0
    return round(credits.remaining / rules.hours_per_course_day, 1)


def _cpd_cost(held: _Held) -> tuple[float | None, Currency | None]:
    """The renewal fee (non-member) or the paid plan the route needs; None when no source gives it."""
    scheme = held.scheme
    if scheme.renewal_fee:
        return scheme.renewal_fee.get("non-member", min(scheme.renewal_fee.values())), scheme.renewal_fee_currency
    for membership in scheme.memberships:
        if "cpd" in membership.needed_for:
            years = held.scheme.credits.consecutive_years if held.scheme.credits else None
            fee = None if membership.fee is None else membership.fee * (years or 1)
            return fee, membership.currency if fee is not None else None
    return None, None


def exam_route(held: _Held, kind: RouteKind, as_of: date) -> Route | None:
    """Re-sit the same exam: before renew-by (re-exam) or, once lapsed, to restore the certificate."""
    if kind == "re-exam" and not any(route.kind == "re-exam" for route in held.scheme.routes):
        return None
    course = held.course
    feasible = kind == "restore" or as_of <= held.renew_by
    reasons = (
        [] if feasible else [construct(Reason, code="window-closed", values={"deadline": held.renew_by.isoformat()})]
    )
    if kind == "restore" and held.scheme.suspension_months:
        reasons.append(construct(Reason, code="reapply", values={"course_id": course.id}))
    cost = course.exam_cost
    return construct(
        Route,
        kind=kind,
        feasible=feasible,
        days=EXAM_SITTING_DAYS,
        cost=cost,
        currency=course.currency if cost is not None else None,
        course_id=course.id,
        on=held.renew_by if kind == "re-exam" else None,
        reasons=reasons,
    )


def suite_exam_route(catalogue: Catalogue, held: _Held, planned: list[PlannedCourse], as_of: date) -> Route | None:
    """A planned exam of the same suite: free if it falls before renew-by, else it could be moved there."""
    if not _is_suite(held.scheme):
        return None
    same_suite = [
        p
        for p in sorted(planned, key=lambda p: (p.on, p.course_id))
        if p.on >= as_of
        and p.on > held.awarded  # the certificate's own exam is not a renewal of it
        and catalogue.has_course(p.course_id)
        and catalogue.course(p.course_id).renewal_scheme == held.scheme.id
    ]
    if not same_suite or as_of > held.renew_by:
        return None
    first = same_suite[0]
    if first.on <= held.renew_by:
        reasons = [
            construct(
                Reason,
                code="planned-before-renew-by",
                values={"course_id": first.course_id, "on": first.on.isoformat()},
            )
        ]
        return construct(
            Route,
            kind="suite-exam",
            feasible=True,
            days=0.0,
            cost=0.0,
            currency=None,
            course_id=first.course_id,
            on=first.on,
            reasons=reasons,
        )
    reasons = [
        construct(
            Reason,
            code="move-before-renew-by",
            values={"course_id": first.course_id, "from": first.on.isoformat(), "to": held.renew_by.isoformat()},
        )
    ]
    return construct(
        Route,
        kind="suite-exam",
        feasible=True,
        days=0.0,
        cost=0.0,
        currency=None,
        course_id=first.course_id,
        on=held.renew_by,
        reasons=reasons,
    )


def _route_key(route: Route) -> tuple[float, int, float, int]:
    order = {"suite-exam": 0, "cpd": 1, "re-exam": 2, "restore": 3}
    return (route.days, route.cost is None, route.cost or 0.0, order[route.kind])


def cheapest(routes: list[Route]) -> Route | None:
    """The feasible route with the fewest extra days, then the lowest known price (unknown last)."""
    feasible = [r for r in routes if r.feasible]
    return min(feasible, key=_route_key) if feasible else None


def certificate_status(
    catalogue: Catalogue, held: _Held, log: list[CpdEntry], planned: list[PlannedCourse], as_of: date
) -> CertificateStatus:
    """Status, credits and the cheapest feasible route of one certificate on ``as_of``."""
    status, suspended_until = status_of(held, as_of)
    credits = None if status == "lapsed" else count_credits(catalogue, held, log, planned, as_of)
    deadline = suspended_until or held.renew_by
    candidates: list[Route | None]
    if status == "lapsed":
        candidates = [exam_route(held, "restore", as_of)]
    else:
        candidates = [
            suite_exam_route(catalogue, held, planned, as_of),
            cpd_route(held, credits, as_of, deadline),
            exam_route(held, "re-exam", as_of),
        ]
    routes = sorted((r for r in candidates if r is not None), key=_route_key)
    chosen = cheapest(routes)
    reasons = list(held.reasons)
    if status == "suspended":
        reasons.append(construct(Reason, code="suspended", values={"until": deadline.isoformat()}))
    if chosen is None and status != "lapsed":
        reasons.append(construct(Reason, code="no-feasible-route"))
    return construct(
        CertificateStatus,
        course_id=held.course.id,
        title=held.course.title,
        scheme=held.scheme.id,
        awarded_on=held.awarded,
        renew_by=held.renew_by,
        status=status,
        days_left=(held.renew_by - as_of).days,
        suspended_until=suspended_until,
        credits=credits,
        route=chosen.kind if chosen else None,
        routes=routes,
        reasons=reasons,
    )


def renewal_report(
    catalogue: Catalogue,
    completed: list[CompletedCourse],
    log: list[CpdEntry],
    as_of: date,
    planned: list[PlannedCourse] | None = None,
) -> RenewalReport:
    """Every tracked certificate's status on ``as_of``: urgent first (suspended, urgent, current, lapsed)."""
    held = held_certificates(catalogue, completed)
    statuses = [certificate_status(catalogue, h, log, planned or [], as_of) for h in held]
    order = {"suspended": 0, "urgent": 1, "current": 2, "lapsed": 3}
    statuses.sort(key=lambda s: (order[s.status], s.renew_by, s.course_id))
    tracked = {s.course_id for s in statuses}
    undated = sorted(
        {
            part
            for entry in completed
            if entry.completed_on is None and catalogue.has_course(entry.course_id)
            for part in _parts(catalogue, entry.course_id)
            if _expires(catalogue.course(part)) and part not in tracked
        }
    )
    kept = kept_by_cpd(catalogue, completed, log, as_of)
    return construct(RenewalReport, as_of=as_of, certificates=statuses, undated=undated, kept=kept)


def _expires(course: Course) -> bool:
    """Whether the course is a certificate with a renew-by date (a scheme and a validity, not a combination)."""
    return bool(course.renewal_scheme) and course.validity_years is not None and not course.includes


def kept_scheme(catalogue: Catalogue, course: Course) -> RenewalScheme | None:
    """The scheme that keeps ``course`` without a renew-by date, or None.

    A course linked to a scheme but given no validity never expires on a date: the scheme's yearly
    CPD (and fee) keep it. APM publishes no revalidation for Chartered Project Professionals, so a
    renew-by date would be invented; the planner and this report say how to keep it instead.
    """
    if course.validity_years is not None or course.includes or not course.renewal_scheme:
        return None
    return catalogue.renewal_scheme(course.renewal_scheme)


def kept_courses(catalogue: Catalogue) -> dict[str, tuple[RenewalScheme, float]]:
    """Course id -> (its scheme, credits a year) for every course kept by yearly CPD (memoised)."""

    def compute() -> dict[str, tuple[RenewalScheme, float]]:
        found = {}
        for course in catalogue.courses:
            scheme = kept_scheme(catalogue, course)
            requirement = requirement_for(scheme, course.id) if scheme is not None else None
            if scheme is not None and scheme.credits is not None and requirement is not None:
                found[course.id] = (scheme, requirement.required)
        return found

    return lookup(catalogue, "renewals.kept_courses", None, compute)


def yearly_fee(scheme: RenewalScheme) -> tuple[float | None, Currency | None]:
    """The yearly fee of a membership or registration that the scheme's CPD route needs, where known."""
    for membership in scheme.memberships:
        if "cpd" in membership.needed_for and membership.fee is not None and membership.per == "year":
            return membership.fee, membership.currency
    return None, None


def kept_by_cpd(
    catalogue: Catalogue, completed: list[CompletedCourse], log: list[CpdEntry], as_of: date
) -> list[KeptStatus]:
    """Held certificates kept by yearly CPD, dated or not, with the credits logged in the last 12 months."""
    found = []
    held = sorted({p for e in completed if catalogue.has_course(e.course_id) for p in _parts(catalogue, e.course_id)})
    for course_id in held:
        course = catalogue.course(course_id)
        scheme = kept_scheme(catalogue, course)
        if scheme is None or scheme.credits is None:
            continue
        requirement = requirement_for(scheme, course_id)
        since = add_years(as_of, -1)
        logged = sum(e.amount for e in log if e.scheme == scheme.id and since < e.on <= as_of)
        fee, currency = yearly_fee(scheme)
        found.append(
            construct(
                KeptStatus,
                course_id=course_id,
                title=course.title,
                scheme=scheme.id,
                unit=scheme.credits.unit,
                per_year=requirement.required if requirement else None,
                logged=float(logged),
                fee=fee,
                fee_currency=currency,
            )
        )
    return found


def lapse_calendar(report: RenewalReport) -> tuple[list[CertificateStatus], list[CertificateStatus]]:
    """For a team's calendar: (already lapsed or suspended, renew within 6 months), most urgent first."""
    lapsed = [s for s in report.certificates if s.status in ("lapsed", "suspended")]
    soon = [s for s in report.certificates if s.status == "urgent"]
    lapsed.sort(key=lambda s: (s.renew_by, s.course_id))
    soon.sort(key=lambda s: (s.renew_by, s.course_id))
    return lapsed, soon


def credits_from_course(
    catalogue: Catalogue, course_id: str, on: date, completed: list[CompletedCourse]
) -> list[CpdEntry]:
    """CPD entries a completed course adds: one per scheme of a certificate the person holds (or is kept by)."""
    course = catalogue.course(course_id)
    schemes = {h.scheme.id: h.scheme for h in held_certificates(catalogue, completed)}
    # A certificate kept by yearly CPD (APM ChPP) counts the course's hours too, once it is held.
    for entry in completed:
        if catalogue.has_course(entry.course_id) and (entry.completed_on is None or entry.completed_on <= on):
            for part in _parts(catalogue, entry.course_id):
                kept = kept_scheme(catalogue, catalogue.course(part))
                if kept is not None:
                    schemes.setdefault(kept.id, kept)
    entries = []
    for scheme in schemes.values():
        if course.renewal_scheme == scheme.id:
            continue  # the course's own exam renews (or starts) this scheme's cycle
        amount, category, _ = course_credits(catalogue, course, scheme)
        if amount > 0:
            entries.append(CpdEntry(on=on, scheme=scheme.id, amount=amount, category=category, course_id=course.id))
    return entries


def route_for(
    catalogue: Catalogue,
    course: Course,
    awarded: date,
    renew_by: date,
    planned: list[PlannedCourse],
    as_of: date,
    log: list[CpdEntry] | None = None,
) -> CertificateStatus | None:
    """The status and chosen route of one certificate whose renew-by date the caller already knows.

    For the planner, which tracks renew-by dates itself as it places exams; None for a course
    without a renewal scheme.
    """
    scheme = catalogue.renewal_scheme(course.renewal_scheme) if course.renewal_scheme else None
    if scheme is None:
        return None
    return certificate_status(catalogue, _Held(course, scheme, awarded, renew_by, []), log or [], planned, as_of)


def sittings_read(
    catalogue: Catalogue, course: Course, awarded: date, renew_by: date, planned: list[PlannedCourse], as_of: date
) -> tuple[tuple[str, date], ...]:
    """The planned courses that :func:`route_for` reads for this certificate, as (course id, date) pairs.

    Those are the courses that earn credits under its scheme within the window counted on
    ``as_of`` (:func:`count_credits`), and the first exam of its suite after the award
    (:func:`suite_exam_route`); a lapsed certificate reads none. No other planned course changes
    its status or route: the planner keys its memo of routes by these, not by the whole plan, so
    that people whose plans differ elsewhere share the route (``tests/test_renewals.py`` checks
    that the route is the same).
    """
    scheme = catalogue.renewal_scheme(course.renewal_scheme) if course.renewal_scheme else None
    if scheme is None:
        return ()
    status, _until = status_of(_Held(course, scheme, awarded, renew_by, []), as_of)
    if status == "lapsed":
        return ()
    earning, suite = _read_by(catalogue, scheme)
    read: list[tuple[str, date]] = []
    if scheme.credits is not None:
        start, end = _window(scheme, renew_by, suspended=status == "suspended")
        start = max(start, as_of)
        read.extend((p.course_id, p.on) for p in planned if start <= p.on < end and p.course_id in earning)
    exams = [(p.on, p.course_id) for p in planned if p.course_id in suite and p.on >= as_of and p.on > awarded]
    if exams:
        on, course_id = min(exams)
        read.append((course_id, on))
    return tuple(read)


def _read_by(catalogue: Catalogue, scheme: RenewalScheme) -> tuple[frozenset[str], frozenset[str]]:
    """The courses that earn credits under ``scheme``, and the exams of its suite (none unless it is one)."""

    def compute() -> tuple[frozenset[str], frozenset[str]]:
        earning = frozenset(c.id for c in catalogue.courses if course_credits(catalogue, c, scheme)[0] > 0)
        suite = (
            frozenset(c.id for c in catalogue.courses if c.renewal_scheme == scheme.id)
            if _is_suite(scheme)
            else frozenset()
        )
        return earning, suite

    return lookup(catalogue, "renewals.read_by", scheme.id, compute)


def cpd_feasible(status: CertificateStatus) -> bool:
    """Whether the CPD route of ``status`` is feasible."""
    return any(route.kind == "cpd" and route.feasible for route in status.routes)
