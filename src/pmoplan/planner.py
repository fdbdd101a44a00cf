"""The plan engine (pure): a catalogue and a :class:`PlanRequest` in, a :class:`Plan` out.

The rules (ARCHITECTURE.md, "Where each rule lives") and where each lives here:

1. Cadence: one certification sitting every 2-3 years, the first early (``_certification_due``).
2. Prerequisites: met by completed courses or items of earlier years (``prerequisites_met``).
3. Level fit: a course must be tagged for the person's level in that year (``_fits_level``).
4. Gaps first: specialist courses close the largest skill gaps first, two courses on the same
   topic (the same skills) never in one year (``_plan_specialists``, ``_choose_specialists``).
5. Capacity: days and budget per year, every price converted to the plan's currency, a lighter
   offering (exam-only, eLearning) when the taught one does not fit; what does not fit is
   reported (``_Capacity``, prices from :mod:`pmoplan.pricing`). Renewals are paid first: the
   year's renewal fees and re-sits are held against its budget while the sitting is chosen
   (``_renewal_reserve``); one the budget cannot pay is reported, not planned (``_report_unfunded``).
   A certification ranked above the one sat but refused is named with it (``_report_refused``).
6. Renewals (rule 13 too): a certificate that would lapse gets the feasible, cheapest route
   from :mod:`pmoplan.renewals` (``_plan_renewals``): an exam of the same suite sat before the
   renew-by date (a sitting is brought forward for it), CPD only if logging can still cover the
   whole window (with a "start logging" warning), else the re-exam; PMI's suspension year is
   planned; a lapsed certificate the person's level or target still needs is restored by an
   exam-only re-sit in the first year (``_plan_restores``).
7. Progression: the year the person is ready for the next level is a milestone (``_progress``).
8. Explained and deterministic: every item, milestone and unscheduled entry carries reason
   records (:mod:`pmoplan.reasons`); no clock, no randomness, stable order. The engine writes no
   sentences: :mod:`pmoplan.render.reason_text` does, at the edge.

Assumptions (documented in the README): a course planned for a year is taken in
``request.month``; a certificate is awarded on the first day of that month.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, TypeVar

from pmoplan import plan_cache
from pmoplan.catalogue import Catalogue, prerequisites_met
from pmoplan.eligibility import (
    Experience,
    asked_for,
    experience_check,
    family_held,
    provider_matches,
    redundant_by,
)
from pmoplan.errors import PlanInputError
from pmoplan.models import Course, Currency, ExperienceOption, RatesFile, RenewalRoute, RenewalScheme
from pmoplan.plan_limits import limits_reached

# Results are built with ``plan_cache.construct``: the engine makes them from validated inputs,
# and re-validating every item costs more than planning it (a team plan builds thousands).
from pmoplan.plan_models import (
    Certificate,
    Credits,
    Milestone,
    Plan,
    PlanItem,
    PlanItemKind,
    PlanRequest,
    PlanWarning,
    PlanYear,
    Totals,
    Unscheduled,
)
from pmoplan.pricing import OfferingChoice, PricedOption, choose_from, convert, course_options, standard_option
from pmoplan.reasons import (
    AssumedCompleted,
    BetterRankedRefused,
    BudgetShort,
    BuildsOn,
    CadenceFull,
    CapacityRefusal,
    CertificationDue,
    CompletionDateUnknown,
    ConvertedPrice,
    CourseRefused,
    CoversParts,
    CpdYearsMissed,
    CreditsCounted,
    DaysShort,
    ExamPriceOnly,
    ExperienceMet,
    ExperienceNeed,
    ExperienceUnknown,
    FamilyHeld,
    FirstCertification,
    FollowsFoundation,
    GapCause,
    GapClosed,
    GapOpen,
    InSuspension,
    KeptByCpd,
    Lapsed,
    LapsesUnplanned,
    NoCertificationFits,
    NoCertificationLeft,
    NoGapsKnown,
    NotYetEligible,
    OfferingChosen,
    OnExperience,
    PractitionerSplit,
    PrerequisiteMissing,
    PrerequisiteNotCurrent,
    ReadyForLevel,
    Reason,
    ReasonRecord,
    RecommendedForLevel,
    RecommendedRefused,
    Redundant,
    RenewalDue,
    RenewalUnfunded,
    RenewalUrgent,
    RestoreLapsed,
    RestoresLapsed,
    RouteOption,
    SpareCapacity,
    StartCpdLog,
    StartMoved,
    SuiteExamRenews,
    SuitsLevel,
    TargetReached,
    UnpricedUnderBudget,
)
from pmoplan.renewals import (
    CertificateStatus,
    PlannedCourse,
    cpd_feasible,
    kept_courses,
    renew_by_for,
    route_for,
    sittings_read,
    yearly_fee,
)

DEFAULT_YEARS_AT_LEVEL = 3
_R = TypeVar("_R", bound=ReasonRecord)


def _record(cls: type[_R], **fields: Any) -> _R:
    """One shared, immutable reason record per distinct content (see :func:`pmoplan.plan_cache.record`)."""
    return plan_cache.record(cls, **fields)


URGENT_DAYS = 183  # a renew-by date within about six months of today is urgent


def default_start_year(today: date, month: int) -> int:
    """The first plan year when none is given: this year, or next year once this year's month has passed."""
    return today.year if date(today.year, month, 1) >= today else today.year + 1


@dataclass
class _Capacity:
    """What is left of one year's training days and budget (budget in the plan's currency).

    Prices come from :mod:`pmoplan.pricing`: every price is converted to ``currency`` with the
    catalogue's rate table, and a course may be planned through a lighter offering when its
    standard one does not fit.
    """

    days: float
    budget: float | None
    currency: str
    rates: RatesFile | None = None
    # Priced options per course id, shared by every year and plan of one catalogue and currency.
    priced: dict[str, list[PricedOption]] = field(default_factory=dict)
    yearly: tuple[float, float | None] = (0.0, None)  # the yearly days and budget, named in refusals

    def options(self, course: Course) -> list[PricedOption]:
        """Every way to buy ``course``, priced in the plan's currency (computed once per course)."""
        found = self.priced.get(course.id)
        if found is None:
            found = self.priced[course.id] = course_options(course, self.currency, self.rates)
        return found

    def choice(self, course: Course) -> OfferingChoice | None:
        """The offering of ``course`` that fits what is left, or None."""
        return choose_from(self.options(course), self.days, self.budget)

    def refusal(self, course: Course) -> CapacityRefusal | None:
        """Why ``course`` does not fit what is left, or None if it fits."""
        if self.choice(course) is not None:
            return None
        standard = standard_option(self.options(course))
        if standard.days > self.days:
            return _record(DaysShort, needed=standard.days, left=self.days, per_year=self.yearly[0])
        # Not short of days, so short of budget: a known price above what is left.
        return _record(
            BudgetShort,
            cost=standard.counted or 0.0,
            left=self.budget or 0.0,
            currency=self.currency,
            at_least=standard.floor,
            per_year=self.yearly[1],
        )

    def cost_in_plan_currency(self, amount: float | None, currency: str | None) -> float | None:
        """A known amount converted to the plan's currency; None when the amount is unknown."""
        if amount is None or currency is None:
            return None
        return convert(amount, currency, self.currency, self.rates)

    def unfunded(self, amount: float | None, currency: str | None) -> BudgetShort | None:
        """Why a renewal's known cost does not fit the budget left, or None if it fits (or is unknown)."""
        cost = self.cost_in_plan_currency(amount, currency)
        if self.budget is None or cost is None or cost <= self.budget + 1e-9:
            return None
        return _record(
            BudgetShort, cost=cost, left=self.budget, currency=self.currency, at_least=False, per_year=self.yearly[1]
        )

    def spend(self, amount: float | None, currency: str | None) -> None:
        """Hold a renewal's known cost against the budget left."""
        cost = self.cost_in_plan_currency(amount, currency)
        if self.budget is not None and cost is not None:
            self.budget -= cost

    def hold_back(self, amount: float) -> None:
        """Keep ``amount`` (in the plan's currency) out of the budget until :meth:`release`."""
        if self.budget is not None:
            self.budget -= amount

    def release(self, amount: float) -> None:
        """Give back what :meth:`hold_back` kept out."""
        if self.budget is not None:
            self.budget += amount

    def take(self, course: Course) -> OfferingChoice:
        """Reserve the days and known cost of the offering that fits, and return it."""
        choice = self.choice(course)
        if choice is None:  # callers check refusal() first
            raise AssertionError(f"{course.id} does not fit")
        self.days -= choice.option.days
        if self.budget is not None and choice.option.counted is not None:
            self.budget -= choice.option.counted
        return choice


@dataclass
class _Held:
    """A certificate the person holds (or will hold) and when it must be renewed by."""

    course: Course
    awarded: date | None
    renew_by: date | None
    planned: bool
    renewals: int = 0
    lapsed: bool = False
    lapsed_on: date | None = None  # the renew-by date that passed before the plan


@dataclass
class _State:
    """Everything that changes as the planner walks the years."""

    request: PlanRequest
    catalogue: Catalogue
    level: int
    done: set[str]  # completed before the plan, or planned in an earlier year
    gaps: dict[str, int]
    gap_order: dict[str, int]
    last_sitting: int | None
    years_at_level: int = 0
    sat_at_level: bool = False
    held: dict[str, _Held] = field(default_factory=dict)
    years: list[PlanYear] = field(default_factory=list)
    milestones: list[Milestone] = field(default_factory=list)
    warnings: list[PlanWarning] = field(default_factory=list)
    unscheduled: list[Unscheduled] = field(default_factory=list)
    no_more_certifications: bool = False
    lapsed: set[str] = field(default_factory=set)  # certificates that lapsed and are not restored
    planned_in: dict[str, int] = field(default_factory=dict)  # course id (and parts) -> year planned
    ineligible: dict[str, NotYetEligible] = field(default_factory=dict)  # skipped for experience
    split: dict[str, PractitionerSplit] = field(default_factory=dict)  # skipped: too long after Foundation
    last_spare: tuple[str, ...] = ()  # the gaps last named in a spare-capacity suggestion
    # (scheme, renew-by) -> the "start logging CPD" note, said only if CPD is still the way at the end
    cpd_notes: dict[tuple[str, date], tuple[int, StartCpdLog]] = field(default_factory=dict)
    suspended: set[str] = field(default_factory=set)  # PMI certificates in their suspension year
    cpd_key: tuple[str, ...] = ()  # the request's CPD log as a memo key (computed once)
    planned: tuple[int, list[PlannedCourse]] = (0, [])  # the courses of the first n years (``_planned_so_far``)
    families: dict[str, tuple[str, str]] = field(default_factory=dict)  # ``_families``, looked up once a plan
    suites: dict[str, RenewalScheme] = field(default_factory=dict)  # ``_suite_schemes``, looked up once a plan
    # Memo keys of this year's state, computed once per year (neither the done courses nor the
    # gaps change between choosing the certification and the specialist courses): the done courses
    # that can matter to each choice at this level, and the open gaps in working order.
    certification_key: tuple[frozenset[str], tuple[tuple[str, int], ...]] = (frozenset(), ())
    specialist_key: tuple[frozenset[str], tuple[tuple[str, int], ...]] = (frozenset(), ())


def plan_currency(catalogue: Catalogue, request: PlanRequest) -> str:
    """The currency the plan's budget and converted costs are in: the request's, else the catalogue's."""
    return request.currency or catalogue.currency


def build_plan(catalogue: Catalogue, request: PlanRequest) -> Plan:
    """Lay out a dated, explained development plan (see the module docstring for the rules).

    Raises :class:`~pmoplan.errors.PlanInputError` for a completion date after the plan starts.
    """
    check_dates(request)
    plan_cache.count(catalogue, "plans")
    state = _initial_state(catalogue, request)
    for year in range(request.start_year, request.start_year + request.years):
        _plan_year(state, year)
    _report_blocked_recommendations(state)
    _report_ineligible(state)
    _report_open_gaps(state)
    _note_unpriced_under_budget(state)
    _warn_cpd_logging(state)
    _note_kept_by_cpd(state)
    return plan_cache.construct(
        Plan,
        request=request,
        currency=plan_currency(catalogue, request),
        years=state.years,
        warnings=sorted(state.warnings, key=lambda w: not w.urgent),
        milestones=state.milestones,
        certificates=_certificates(state),
        totals=_totals(state.years),
        unscheduled=state.unscheduled,
    )


def check_dates(request: PlanRequest) -> None:
    """Raise :class:`~pmoplan.errors.PlanInputError` for a completion date after the plan starts.

    The only input :func:`build_plan` refuses; a team checks every person with it, in file order,
    before planning anyone.
    """
    for completed in request.completed:
        if completed.completed_on is not None and completed.completed_on.year > request.start_year:
            raise PlanInputError(
                f"{completed.course_id} completed on {completed.completed_on.isoformat()} is after the plan "
                f"starts ({request.start_year}); plan from a later --start or leave it out"
            )


def _certificates(state: _State) -> list[Certificate]:
    planned = tuple(_planned_so_far(state))
    return [_certificate(state, held, planned) for held in state.held.values()]


# --- set-up -------------------------------------------------------------------------------


def _initial_state(catalogue: Catalogue, request: PlanRequest) -> _State:
    state = _State(
        request=request,
        catalogue=catalogue,
        level=request.current_level,
        done=set(),
        gaps={},
        gap_order={},
        last_sitting=None,
        cpd_key=tuple(entry.model_dump_json() for entry in request.cpd_log),
        families=_families(catalogue),
        suites=_suite_schemes(catalogue),
    )
    for completed in sorted(request.completed, key=lambda c: (c.completed_on or date.min, c.course_id)):
        _mark_completed(state, catalogue.course(completed.course_id), completed.completed_on)
    _assume_missing_prerequisites(state)
    _set_gaps(state)
    _warn_about_dates(state)
    _mark_lapses(state)
    return state


def _mark_lapses(state: _State) -> None:
    """Certificates whose renew-by date passed before the plan starts lapse (known before any choice)."""
    start, today = state.request.start_year, state.request.today
    for held in sorted(state.held.values(), key=lambda h: (h.renew_by or date.max, h.course.id)):
        if held.renew_by is None:
            continue
        passed = held.renew_by < today if today is not None else held.renew_by.year < start
        if not passed and held.renew_by.year >= start:
            continue
        if not passed and held.course.validity_years is not None:
            # Due between today and the plan's first year: flagged urgent; assumed renewed in time.
            held.renew_by = _add_years(held.renew_by, held.course.validity_years)
            continue
        status = _status(state, held, [])
        if status is not None and status.status == "suspended":
            # PMI's suspension year: the PDUs can still be earned; renewed in the first plan year.
            state.suspended.add(held.course.id)
            _warn_suspended(state, held, status.suspended_until)
            continue
        lapsed = _record(Lapsed, course_id=held.course.id, title=held.course.title, renew_by=held.renew_by)
        _warn(state, start, lapsed)
        held.lapsed_on = held.renew_by
        held.renew_by = None
        held.lapsed = True
        state.lapsed.add(held.course.id)


def _warn_suspended(state: _State, held: _Held, until: date | None) -> None:
    """A credential in PMI's suspension year is urgent: renewed by its end, or it expires."""
    today = state.request.today
    if today is None or until is None or until < today:
        return
    urgent = _record(
        RenewalUrgent,
        course_id=held.course.id,
        title=held.course.title,
        renew_by=until,
        days_left=(until - today).days,
        before_plan=False,
    )
    _warn(state, until.year, urgent, urgent=True)


def _warn_about_dates(state: _State) -> None:
    """Rule 12: a plan moved to next year says so; a renew-by date within six months is urgent."""
    request, today = state.request, state.request.today
    if today is None:
        return
    if request.start_year == today.year + 1 and date(today.year, request.month, 1) < today:
        moved = _record(StartMoved, today=today, month=request.month, start_year=request.start_year)
        _warn(state, None, moved)
    for held in sorted(state.held.values(), key=lambda h: (h.renew_by or date.max, h.course.id)):
        if held.renew_by is None or not today <= held.renew_by <= today + timedelta(days=URGENT_DAYS):
            continue
        urgent = _record(
            RenewalUrgent,
            course_id=held.course.id,
            title=held.course.title,
            renew_by=held.renew_by,
            days_left=(held.renew_by - today).days,
            before_plan=held.renew_by.year < request.start_year,
        )
        _warn(state, held.renew_by.year, urgent, urgent=True)


def _mark_completed(state: _State, course: Course, on: date | None) -> None:
    for course_id in (course.id, *course.includes):
        state.done.add(course_id)
        part = state.catalogue.course(course_id)
        if part.kind == "certification" and part.validity_years is not None and not part.includes:
            state.held[part.id] = _Held(part, on, _renew_by(state.catalogue, part, on), planned=False)
    if course.kind == "certification" and on is not None:
        state.last_sitting = max(state.last_sitting or on.year, on.year)
        _renew_suite(state, course, on)
    if course.kind == "certification" and on is None and _expires(state.catalogue, course):
        reason = _record(CompletionDateUnknown, course_id=course.id, title=course.title)
        _warn(state, state.request.start_year, reason)


def _expires(catalogue: Catalogue, course: Course) -> bool:
    """Whether the course, or a part of a combined course, has a validity period."""
    return any(catalogue.course(c).validity_years is not None for c in (course.id, *course.includes))


def _assume_missing_prerequisites(state: _State) -> None:
    """A completed Practitioner implies its Foundation: never plan a course the person must have passed."""
    changed = True
    while changed:
        changed = False
        for course_id in sorted(state.done):
            course = state.catalogue.course(course_id)
            for group in course.prerequisites:
                if len(group) == 1 and group[0] not in state.done:
                    state.done.add(group[0])
                    changed = True
                    reason = _record(AssumedCompleted, course_id=group[0], prerequisite_of=course_id)
                    _warn(state, state.request.start_year, reason)


def _set_gaps(state: _State) -> None:
    """Gaps come from the profile, else the step to the next level's expectations; --focus skills first.

    A focus skill is worked on before every other gap (at least one point), and the other gaps
    follow it: focus says what to develop first, not all that is developed.
    """
    request, catalogue = state.request, state.catalogue
    if request.gaps:
        state.gaps = {skill: points for skill, points in request.gaps.items() if points > 0}
    else:
        state.gaps = _level_step_gaps(catalogue, state.level, request.target_level)
    for skill in request.focus:
        state.gaps[skill] = max(1, state.gaps.get(skill, 0))
    # Focus skills first in the order given, then the catalogue's order.
    others = [skill.id for skill in catalogue.skills if skill.id not in request.focus]
    state.gap_order = {skill: i for i, skill in enumerate([*request.focus, *others])}


def _level_step_gaps(catalogue: Catalogue, level: int, target: int) -> dict[str, int]:
    """Skill points that the next level (towards the target) expects beyond this one."""
    if level >= target:
        return {}
    here, there = catalogue.level(level).expected, catalogue.level(level + 1).expected
    return {skill: there[skill] - here[skill] for skill in here if there[skill] > here[skill]}


# --- one year -----------------------------------------------------------------------------


def _plan_year(state: _State, year: int) -> None:
    request = state.request
    currency = plan_currency(state.catalogue, request)
    priced = plan_cache.table(state.catalogue, f"planner.priced.{currency}")
    yearly = (float(request.days_per_year), request.budget_per_year)
    capacity = _Capacity(yearly[0], request.budget_per_year, currency, state.catalogue.rates, priced, yearly)
    items: list[PlanItem] = []
    gaps = _gaps_key(state)
    state.certification_key = (_relevant_done(state, "certification"), gaps)
    state.specialist_key = (_relevant_done(state, "specialist"), gaps)
    if year == request.start_year:
        items.extend(_plan_restores(state, year, capacity))
    # Keeping a certificate comes before a new one: the renewals due this year are held against the
    # budget while the sitting is chosen, then charged at their actual cost (a suite exam may renew
    # one at no extra cost).
    reserve = _renewal_reserve(state, year, capacity)
    capacity.hold_back(reserve)
    certification = _plan_certification(state, year, capacity)
    if certification is not None:
        items.append(certification)
    capacity.release(reserve)
    items.extend(_plan_renewals(state, year, items, capacity))
    items.extend(_plan_specialists(state, year, capacity))
    _suggest_for_spare_days(state, year, capacity, items)
    state.years.append(_year_summary(state, year, items))
    for item in items:
        if item.kind != "renewal":
            state.done.add(item.course_id)
            state.done.update(state.catalogue.course(item.course_id).includes)
    _progress(state, year)


def _suggest_for_spare_days(state: _State, year: int, capacity: _Capacity, items: list[PlanItem]) -> None:
    """Rule 6 of issue 12: days left and gaps open that no remaining course closes: say what would."""
    if capacity.days < 1:
        return
    planned = frozenset(item.course_id for item in items)
    # The three largest gaps that no remaining course at this level closes (more would be noise).
    stuck = plan_cache.lookup(
        state.catalogue,
        "planner.stuck_gaps",
        _stuck_key(state, planned),
        lambda: [s for s, _points in _gaps_key(state) if not _specialists_for(state, s, set(planned), state.gaps)][:3],
        bounded=True,
    )
    if not stuck or tuple(stuck) == state.last_spare:
        return  # said once for as long as the same gaps stay stuck
    state.last_spare = tuple(stuck)
    reason = _record(
        SpareCapacity,
        days_left=capacity.days,
        skills=tuple(stuck),
        skill_names=tuple(state.catalogue.skill(skill).name for skill in stuck),
        ideas=("coaching", "self-study", "community", "another-course"),
    )
    state.unscheduled.append(_unscheduled(state, course_id=None, year=year, reasons=(reason,)))


def _stuck_key(state: _State, planned: frozenset[str]) -> Hashable:
    """What the gaps that no course closes depend on (see :mod:`pmoplan.plan_cache`)."""
    return (
        state.level,
        *state.specialist_key,
        _gaps_key(state),
        planned,
        state.request.target_level,
        state.request.provider,
    )


def _year_summary(state: _State, year: int, items: list[PlanItem]) -> PlanYear:
    costs: dict[Currency, float] = {}
    unpriced = 0
    for item in items:
        if item.cost is None or item.currency is None:
            unpriced += item.kind != "renewal" or item.days > 0
        else:
            costs[item.currency] = costs.get(item.currency, 0) + item.cost
    key = (year, state.level, tuple(id(item) for item in items))  # items are interned and kept: ids are stable
    return plan_cache.lookup(
        state.catalogue,
        "planner.years",
        key,
        lambda: plan_cache.construct(
            PlanYear,
            year=year,
            level=state.level,
            items=items,
            days=sum(item.days for item in items),
            costs=costs,
            unpriced_items=unpriced,
            budget_cost=sum(item.budget_cost for item in items if item.budget_cost is not None),
            priced_items=sum(item.budget_cost is not None for item in items),
        ),
    )


# --- rule 1-3: certification sittings -----------------------------------------------------


def _certification_due(state: _State, year: int) -> Reason | None:
    """Why a sitting is due this year, or None if it is not."""
    if state.no_more_certifications:
        return None
    if state.last_sitting is None:
        return _record(FirstCertification)
    since = year - state.last_sitting
    every = state.request.cert_every or 2
    if since >= every:
        return _record(CertificationDue, years_since=since)
    return None


def _plan_certification(state: _State, year: int, capacity: _Capacity) -> PlanItem | None:
    due = _certification_due(state, year)
    pending = _pending_for(state, year, due)
    if due is None and pending is None and not state.planned_in:
        return None  # no sitting due, no suite renewal to bring one forward for, no Foundation to follow
    eligible = _eligible_candidates(state, year)
    followups = _followup_candidates(state, year, eligible)
    suite: list[Course] = []
    if pending is not None:
        # An exam of the suite sat before the renew-by date renews it at no extra cost: such a
        # sitting goes first, and is brought forward when the cadence would sit it too late. Only
        # one the level recommends: any other would cost more than the re-exam it replaces.
        recommended = state.catalogue.level(state.level).recommended_courses
        suite = [c for c in eligible if c.id in recommended and _in_suite_of(state, c, pending)]
    brought_forward = due is None and not followups and bool(suite)
    if brought_forward:
        due = pending
    if due is None and not followups:
        return None
    ranked = suite if brought_forward else [*suite, *eligible]
    candidates = list(followups)
    # Each once, in order. Courses are not hashable and compare field by field: their ids are
    # unique in a catalogue, so compare those.
    seen = {course.id for course in candidates}
    for course in ranked:
        if course.id not in seen:
            seen.add(course.id)
            candidates.append(course)
    followup_ids = {course.id for course in followups}
    if not candidates:
        if due is None:
            return None
        waiting = [c.id for c in _certification_candidates(state) if c.id in state.ineligible]
        if waiting and state.request.experience is not None:
            # Experience grows: a course not yet eligible may be next year, so keep looking.
            wait = state.ineligible[waiting[0]]
            state.unscheduled.append(_unscheduled(state, course_id=waiting[0], year=year, reasons=(wait,)))
            return None
        state.no_more_certifications = True
        reason = _record(NoCertificationLeft, level=state.level, provider=state.request.provider)
        state.unscheduled.append(_unscheduled(state, course_id=None, year=year, reasons=(reason,)))
        return None
    refusals: list[CourseRefused] = []
    for course in candidates:
        if course.id not in followup_ids and due is None:
            break
        refusal = capacity.refusal(course)
        if refusal is None:
            renews = (
                pending if pending is not None and pending is not due and _in_suite_of(state, course, pending) else None
            )
            item = _sit(state, year, course, capacity, due if course.id not in followup_ids else None, renews)
            _report_refused(state, year, refusals, item)
            return item
        refusals.append(_record(CourseRefused, course_id=course.id, refusal=refusal))
    if due is None or brought_forward:
        return None  # no sitting was due: the renewal item covers the suite (re-exam), nothing to report
    fits = _record(NoCertificationFits, refused=tuple(refusals[:3]), more=max(0, len(refusals) - 3))
    state.unscheduled.append(_unscheduled(state, course_id=candidates[0].id, year=year, reasons=(fits,)))
    return None


def _report_refused(state: _State, year: int, refusals: list[CourseRefused], item: PlanItem) -> None:
    """Name every better-ranked certification that did not fit this year, and the one planned instead.

    A refused course is never dropped silently, recommended for the level or not; when it was
    refused for its price and the course planned instead has no published price (so it passed the
    budget unchecked), the entry says so, for the person to check that price before booking.
    """
    recommended = state.catalogue.level(state.level).recommended_courses
    for refused in refusals:
        kind: type[RecommendedRefused | BetterRankedRefused]
        kind = RecommendedRefused if refused.course_id in recommended else BetterRankedRefused
        unpriced = refused.refusal.code == "budget-short" and item.cost is None
        instead = _record(
            kind, level=state.level, refusal=refused.refusal, planned_instead=item.course_id, instead_unpriced=unpriced
        )
        if not _said_before(state, refused.course_id, instead):
            state.unscheduled.append(_unscheduled(state, course_id=refused.course_id, year=year, reasons=(instead,)))


def _said_before(state: _State, course_id: str, instead: RecommendedRefused | BetterRankedRefused) -> bool:
    """Whether an earlier year already said the same: a course the yearly limit itself is too small for.

    Nothing else was spent when the whole yearly limit refused a course, so the refusal is the same
    in every year: said each sitting year, it would fill Not scheduled with one fact. A refusal
    that depends on what else the year holds is said each time.
    """
    refusal = instead.refusal
    if refusal.per_year is None or refusal.left < refusal.per_year:
        return False
    same = (type(instead), instead.level, refusal, instead.instead_unpriced)
    for entry in state.unscheduled:
        said = entry.reasons[0] if entry.course_id == course_id and entry.reasons else None
        if isinstance(said, RecommendedRefused | BetterRankedRefused):
            if (type(said), said.level, said.refusal, said.instead_unpriced) == same:
                return True
    return False


def _sit(
    state: _State, year: int, course: Course, capacity: _Capacity, due: Reason | None, renews: Reason | None = None
) -> PlanItem:
    """Book a certification sitting: capacity (the offering that fits), the certificates it awards, and why."""
    reasons: list[Reason] = [due] if due is not None else [_follows(state, course)]
    reasons += _certification_reasons(state, course, year)  # before the sitting changes what is held
    if renews is not None:
        reasons.append(renews)  # sat before a renew-by date of its suite anyway: say it renews it
    choice = capacity.take(course)
    state.last_sitting = year
    state.sat_at_level = True
    awarded = date(year, state.request.month, 1)
    for part_id in (course.id, *course.includes):
        state.planned_in[part_id] = year
        state.lapsed.discard(part_id)
        part = state.catalogue.course(part_id)
        if part.validity_years is not None and not part.includes:
            state.held[part.id] = _Held(part, awarded, _renew_by(state.catalogue, part, awarded), planned=True)
    _renew_suite(state, course, awarded)
    return _item(state, year, course, "certification", tuple(reasons), choice)


def _pending_for(state: _State, year: int, due: Reason | None) -> SuiteExamRenews | None:
    """A suite renewal that this year's sitting could cover (see ``_pending_suite_renewal``)."""
    if state.last_sitting is not None and year <= state.last_sitting:
        return None
    # A due sitting looks ahead to the next due one; an extra sitting only to next year's.
    horizon = (state.request.cert_every or 2) if due is not None else 1
    return _pending_suite_renewal(state, year, horizon)


def _in_suite_of(state: _State, course: Course, pending: SuiteExamRenews) -> bool:
    """Whether sitting ``course`` (or a part of it) renews the suite of the pending certificates."""
    scheme = state.catalogue.course(pending.course_ids[0]).renewal_scheme
    parts = (course.id, *course.includes)
    return any(state.catalogue.course(part).renewal_scheme == scheme for part in parts)


# --- rules 9-11: redundancy, eligibility, Foundation and Practitioner together ------------


def _follows(state: _State, course: Course) -> Reason:
    foundation = next(o for g in course.prerequisites for o in g if o in state.planned_in)
    return _record(FollowsFoundation, foundation=foundation, foundation_year=state.planned_in[foundation])


def _planned_foundation(state: _State, course: Course) -> str | None:
    """The Foundation planned in this plan that ``course`` (a Practitioner) builds on, if that is how it is met."""
    relations = course.relations
    if relations is None or relations.tier != "practitioner" or relations.family is None:
        return None
    families = state.families
    for group in course.prerequisites:
        met_before = [o for o in group if o in state.done and o not in state.planned_in]
        planned = [o for o in group if o in state.planned_in and families.get(o) == (relations.family, "foundation")]
        if planned and not met_before:
            return planned[0]
    return None


def _followup_candidates(state: _State, year: int, eligible: list[Course]) -> list[Course]:
    """Practitioners whose Foundation was planned last year: sat now, whatever the cadence (rule 11)."""
    if not state.planned_in:
        return []
    found = []
    for course in eligible:
        foundation = _planned_foundation(state, course)
        if foundation is not None and state.planned_in[foundation] == year - 1:
            found.append(course)
    return found


def _eligible_candidates(state: _State, year: int) -> list[Course]:
    """The ranked candidates that the person may sit this year: experience, current prerequisites, no split."""
    eligible = []
    months = _experience(state, year)
    current: set[str] | None = None  # computed once, only if a course needs it
    for course in _certification_candidates(state):
        relations = course.relations
        if relations is None:
            eligible.append(course)
            continue
        foundation = _planned_foundation(state, course) if state.planned_in else None
        if foundation is not None and year - state.planned_in[foundation] > 1:
            if course.id not in state.split:
                state.split[course.id] = _record(
                    PractitionerSplit,
                    course_id=course.id,
                    foundation=foundation,
                    foundation_year=state.planned_in[foundation],
                )
            continue
        if relations.experience:
            current = _current(state) if current is None else current
            met, _option, unknown = experience_check(course, months, current)
            if not met:
                if course.id not in state.ineligible:
                    needs = tuple(_need(option) for option in relations.experience)
                    state.ineligible[course.id] = _record(
                        NotYetEligible, course_id=course.id, needs=needs, known=not unknown
                    )
                continue
        eligible.append(course)
    return eligible


def _need(option: ExperienceOption) -> ExperienceNeed:
    return _record(
        ExperienceNeed,
        project_months=option.project_months,
        programme_months=option.programme_months,
        portfolio_months=option.portfolio_months,
        courses=tuple(option.courses),
    )


def _experience(state: _State, year: int) -> Experience | None:
    given = state.request.experience
    if given is None:
        return None
    start = Experience(given.project_months, given.programme_months, given.portfolio_months)
    return start.after(year - state.request.start_year)


def _current(state: _State) -> set[str]:
    """Courses held and still current (a lapsed certificate is not in good standing)."""
    return state.done - state.lapsed


def _families(catalogue: Catalogue) -> dict[str, tuple[str, str]]:
    return plan_cache.lookup(
        catalogue,
        "planner.families",
        None,
        lambda: {
            c.id: (c.relations.family, c.relations.tier)
            for c in catalogue.courses
            if c.relations is not None and c.relations.family is not None and c.relations.tier is not None
        },
    )


def _wanted_for_breadth(state: _State, course: Course) -> bool:
    """A second foundation of a family is planned only when it develops a skill the person asked for."""
    return any(skill in state.request.focus for skill in course.skills)


def _restorable(state: _State, course: Course) -> bool:
    """A course done before but lapsed, and worth sitting again.

    That is a combined course whose parts all lapsed, or a lapsed certificate that a course at this
    level needs to be current.
    """
    parts = course.includes or [course.id]
    if not all(part in state.lapsed for part in parts):
        return False
    if course.includes:
        return True
    return any(
        c.relations is not None
        and c.relations.prerequisite_current
        and any(course.id in group for group in c.prerequisites)
        for c in _courses_at_level(state.catalogue, "certification", state.level)
    )


def _prerequisites_ok(state: _State, course: Course) -> bool:
    """Prerequisites met (current where they must be), or waived for practical experience."""
    relations = course.relations
    if relations is not None and relations.prerequisite_current:
        current = _current(state)
        return all(any(option in current for option in group) for group in course.prerequisites)
    if prerequisites_met(course, state.done):
        return True
    return relations is not None and relations.prerequisite_or_experience


def _candidate(state: _State, course: Course) -> bool:
    done = state.done
    if course.id in done and not _restorable(state, course):
        return False
    if course.includes and any(part in done and part not in state.lapsed for part in course.includes):
        return False
    if not _prerequisites_ok(state, course) or not provider_matches(course, state.request.provider):
        return False
    if redundant_by(course, done) is not None:
        return False
    if not asked_for(course, state.request.focus):
        return False  # a method or specialism credential: planned for those who ask for its skills
    return family_held(course, done, state.families) is None or _wanted_for_breadth(state, course)


def _gap_rank(state: _State, gaps: dict[str, int], skill: str) -> tuple[bool, int, int, str]:
    """Focus skills first, then the largest gaps, then focus or catalogue order."""
    return (skill not in state.request.focus, -gaps[skill], state.gap_order.get(skill, 99), skill)


def _certification_candidates(state: _State) -> list[Course]:
    """Certifications the person could sit now, best first (memoised per planning state)."""
    return plan_cache.lookup(
        state.catalogue,
        "planner.certification_candidates",
        _certification_key(state),
        lambda: _rank_certification_candidates(state),
        bounded=True,
    )


def _certification_key(state: _State) -> Hashable:
    """What the ranked certification candidates depend on (see :mod:`pmoplan.plan_cache`)."""
    return (state.level, *state.certification_key, state.request.provider, frozenset(state.lapsed), _focus_key(state))


def _focus_key(state: _State) -> tuple[str, ...]:
    return tuple(state.request.focus)


def _relevant_done(state: _State, kind: str) -> frozenset[str]:
    """The done courses that can change a choice of ``kind`` at this level (a small memo key).

    Those are the courses of that kind at the level themselves, their combined parts, their
    prerequisite alternatives, the courses that make them redundant, the certificates their
    experience options name and the courses of their families; any other done course cannot change
    which of them is chosen.
    """
    relevant = plan_cache.lookup(
        state.catalogue,
        "planner.relevant_ids",
        (kind, state.level),
        lambda: _relevant_ids(state.catalogue, kind, state.level),
    )
    return relevant.intersection(state.done)


def _relevant_ids(catalogue: Catalogue, kind: str, level: int) -> frozenset[str]:
    families = _families(catalogue)
    ids: set[str] = set()
    for course in _courses_at_level(catalogue, kind, level):
        ids.add(course.id)
        ids.update(course.includes)
        ids.update(option for group in course.prerequisites for option in group)
        if course.relations is not None:
            ids.update(course.relations.made_redundant_by)
            ids.update(c for option in course.relations.experience for c in option.courses)
            family = course.relations.family
            ids.update(other for other, (fam, _tier) in families.items() if fam == family)
    return frozenset(ids)


def _courses_at_level(catalogue: Catalogue, kind: str, level: int) -> list[Course]:
    """Current (not withdrawn) courses of one kind tagged for one level, in catalogue order (memoised)."""
    # Withdrawn courses are history, not options: never a candidate for a plan.
    return plan_cache.lookup(
        catalogue,
        "planner.courses_at_level",
        (kind, level),
        lambda: [c for c in catalogue.courses if c.kind == kind and not c.withdrawn and _fits_level(c, level)],
    )


def _rank_certification_candidates(state: _State) -> list[Course]:
    # The gaps change the order only (the largest gaps developed first), not which courses qualify.
    ranked = plan_cache.lookup(
        state.catalogue, "planner.certification_filter", _candidate_key(state), lambda: _qualifying(state), bounded=True
    )
    gaps = state.gaps
    ranks = {c.id: (*static, -sum(gaps.get(s, 0) for s in c.skills), c.days, c.id) for c, static in ranked}
    candidates = [course for course, _static in ranked]
    # Rule 11: when a combined course that covers a Foundation is itself a candidate, it goes first,
    # in the Foundation's place: it ranks as well as the best of its parts (a combined MoP course
    # stands where the recommended MoP Foundation would), and the covered part comes right after it.
    effective = {c.id: min([ranks[c.id], *(ranks[part] for part in c.includes if part in ranks)]) for c in candidates}
    covered = {part for c in candidates for part in c.includes}
    return sorted(candidates, key=lambda c: (effective[c.id], c.id in covered, ranks[c.id]))


def _candidate_key(state: _State) -> Hashable:
    """What decides which certifications qualify, before the gaps order them (see :mod:`pmoplan.plan_cache`)."""
    return (state.level, state.certification_key[0], state.request.provider, frozenset(state.lapsed), _focus_key(state))


def _qualifying(state: _State) -> list[tuple[Course, tuple[int, int, int, int]]]:
    """The certifications the person may sit at this level, each with the part of its rank the gaps do not touch."""
    candidates = [c for c in _courses_at_level(state.catalogue, "certification", state.level) if _candidate(state, c)]
    return [(c, _certification_rank(state, c)) for c in candidates]


def _certification_rank(state: _State, course: Course) -> tuple[int, int, int, int]:
    """Restores lapsed certificates first, then recommended for the level, then builds on a passed course.

    Then courses that lead upwards; then (in :func:`_rank_certification_candidates`) those that
    develop the largest gaps, the shorter, the id.
    """
    parts = plan_cache.lookup(
        state.catalogue, "planner.rank_parts", (state.level, course.id), lambda: _rank_parts(state, course)
    )
    restores = _restorable(state, course)  # every part lapsed, or a lapsed prerequisite that must be current
    return (-int(restores), *parts)


def _rank_parts(state: _State, course: Course) -> tuple[int, int, int]:
    """The parts of the rank that depend on the level and the course only."""
    recommended = state.catalogue.level(state.level).recommended_courses
    rec_index = recommended.index(course.id) if course.id in recommended else len(recommended)
    continues = bool(course.prerequisites)  # builds on something already passed
    towards_target = any(level > state.level for level in course.levels)
    return (rec_index, -int(continues), -int(towards_target))


def _certification_reasons(state: _State, course: Course, year: int) -> list[Reason]:
    level = state.catalogue.level(state.level)
    reasons: list[Reason] = []
    if course.id in level.recommended_courses:
        reasons.append(_record(RecommendedForLevel, level=level.number, level_name=level.name))
    else:
        reasons.append(_record(SuitsLevel, level=level.number))
    restored = tuple(p for p in (course.includes or [course.id]) if p in state.lapsed)
    if restored:
        reasons.append(_record(RestoresLapsed, course_ids=restored))
    if course.prerequisites:
        met = [next((o for o in group if o in state.done), None) for group in course.prerequisites]
        if all(m is not None for m in met):
            reasons.append(_record(BuildsOn, course_ids=tuple(m for m in met if m is not None)))
        else:
            missing = tuple(tuple(g) for g, m in zip(course.prerequisites, met, strict=True) if m is None)
            reasons.append(_record(OnExperience, missing=missing))
    if course.includes:
        reasons.append(_record(CoversParts, course_ids=tuple(course.includes)))
    met_option = experience_check(course, _experience(state, year), _current(state))[1]
    if met_option is not None:
        reasons.append(_record(ExperienceMet, need=_need(met_option)))
    return reasons


def _fits_level(course: Course, level: int) -> bool:
    return level in course.levels


def _gaps_key(state: _State) -> tuple[tuple[str, int], ...]:
    """The open gaps in the order they are worked on: largest first, then focus or catalogue order."""
    open_gaps = [s for s, points in state.gaps.items() if points > 0]
    ordered = sorted(open_gaps, key=lambda s: _gap_rank(state, state.gaps, s))
    return tuple((s, state.gaps[s]) for s in ordered)


# --- rule 4: specialist courses for gaps --------------------------------------------------


_SpecialistChoice = tuple[Course, Reason, tuple[str, ...]]  # course, why, gaps it closes a point of


def _plan_specialists(state: _State, year: int, capacity: _Capacity) -> list[PlanItem]:
    choices = plan_cache.lookup(
        state.catalogue,
        "planner.specialists",
        _specialists_key(state, capacity),
        lambda: _choose_specialists(state, dict(state.gaps), _Capacity(**vars(capacity))),
        bounded=True,
    )
    items = []
    for course, why, closes in choices:
        choice = capacity.take(course)
        for closed in closes:
            state.gaps[closed] -= 1
        items.append(_item(state, year, course, "specialist", (why,), choice))
    return items


def _specialists_key(state: _State, capacity: _Capacity) -> Hashable:
    """What the year's specialist choices depend on (see :mod:`pmoplan.plan_cache`)."""
    return (
        state.level,
        *state.specialist_key,
        capacity.days,
        capacity.budget,
        capacity.currency,
        state.request.max_specialist_per_year,
        _focus_key(state),
        state.request.target_level,
        state.request.provider,
    )


def _choose_specialists(state: _State, gaps: dict[str, int], capacity: _Capacity) -> list[_SpecialistChoice]:
    """Specialist courses for the largest gaps that fit ``capacity`` (works on copies)."""
    choices: list[_SpecialistChoice] = []
    planned: set[str] = set()
    for skill in sorted(gaps, key=lambda s: _gap_rank(state, gaps, s)):
        if len(choices) >= state.request.max_specialist_per_year:
            break
        if gaps[skill] <= 0:
            continue
        courses = _specialists_for(state, skill, planned, gaps)
        # Two courses on the same topic (the same skills) in one year teach much the same twice: a
        # coach spreads them, so the second waits for next year.
        topics = {frozenset(chosen.skills) for chosen, _why, _closes in choices}
        fitting = next((c for c in courses if frozenset(c.skills) not in topics and capacity.refusal(c) is None), None)
        if fitting is None:
            continue
        capacity.take(fitting)
        planned.add(fitting.id)
        closes = tuple(s for s in fitting.skills if gaps.get(s, 0) > 0)
        why = _gap_reason(state, skill, closes, gaps)
        for closed in closes:
            gaps[closed] -= 1
        choices.append((fitting, why, closes))
    return choices


def _specialists_for(state: _State, skill: str, planned: set[str], gaps: dict[str, int]) -> list[Course]:
    candidates = [
        c
        for c in _courses_at_level(state.catalogue, "specialist", state.level)
        if skill in c.skills
        and c.id not in state.done
        and c.id not in planned
        and prerequisites_met(c, state.done)
        and not _specialist_redundant(state, c)
    ]
    covered = {c.id: sum(1 for s in c.skills if gaps.get(s, 0) > 0) for c in candidates}
    return sorted(candidates, key=lambda c: (-covered[c.id], c.days, c.id))


def _specialist_redundant(state: _State, course: Course) -> bool:
    """Made pointless by a held course, or an overview of a certification the person is on course to take."""
    if redundant_by(course, state.done) is not None:
        return True
    relations = course.relations
    if relations is None or relations.tier != "overview":
        return False
    levels = range(state.level, state.request.target_level + 1)
    return any(
        provider_matches(maker, state.request.provider) and any(level in maker.levels for level in levels)
        for maker in map(state.catalogue.course, relations.made_redundant_by)
    )


def _gap_reason(state: _State, skill: str, closes: tuple[str, ...], gaps: dict[str, int]) -> Reason:
    others = tuple(s for s in closes if s != skill)
    return _record(
        GapClosed,
        skill=skill,
        skill_name=state.catalogue.skill(skill).name,
        points=gaps[skill],
        focus=skill in state.request.focus,
        also=others,
        also_names=tuple(state.catalogue.skill(s).name for s in others),
    )


def _note_unpriced_under_budget(state: _State) -> None:
    """Say once, not per item, that courses without a published price could not be budget-checked."""
    if state.request.budget_per_year is None:
        return
    unpriced = sorted({i.course_id for y in state.years for i in y.items if i.cost is None and i.kind != "renewal"})
    if unpriced:
        reason = _record(
            UnpricedUnderBudget,
            course_ids=tuple(unpriced),
            budget=state.request.budget_per_year,
            currency=plan_currency(state.catalogue, state.request),
        )
        _warn(state, state.request.start_year, reason)


def _report_blocked_recommendations(state: _State) -> None:
    """Recommended certifications of the final level that the plan could not reach, and why."""
    planned = {item.course_id for year in state.years for item in year.items}
    for course_id in state.catalogue.level(state.level).recommended_courses:
        if course_id in state.done or course_id in planned or not state.catalogue.has_course(course_id):
            continue
        course = state.catalogue.course(course_id)
        if not provider_matches(course, state.request.provider) or course_id in state.ineligible:
            continue
        reason = _why_not(state, course)
        # A better-ranked refusal of another year or level is not why the final level's sittings missed it.
        explained = any(
            u.course_id == course_id and u.reasons[0].code != "better-ranked-refused" for u in state.unscheduled
        )
        if reason is None and _candidate(state, course) and not explained:
            at_level = [year for year in state.years if year.level == state.level]
            sittings = [(y.year, i.course_id) for y in at_level for i in y.items if i.kind == "certification"]
            every = state.request.cert_every or 2  # only the certification rhythm kept it out
            reason = _record(CadenceFull, level=state.level, every=every, sittings=tuple(sittings))
        if reason is not None:
            state.unscheduled.append(_unscheduled(state, course_id=course_id, reasons=(reason,)))


def _why_not(state: _State, course: Course) -> Reason | None:
    """Why a recommended course is not in the plan: redundant, family held, split, or prerequisites."""
    maker = redundant_by(course, state.done)
    if maker is not None:
        return _record(Redundant, course_id=course.id, made_redundant_by=maker)
    held = family_held(course, state.done, state.families)
    if held is not None and not _wanted_for_breadth(state, course):
        family = course.relations.family if course.relations is not None else None
        return _record(FamilyHeld, course_id=course.id, family=family or "", held=held)
    if course.id in state.split:
        return state.split[course.id]
    relations = course.relations
    lapsed = next((o for g in course.prerequisites for o in g if o in state.lapsed), None)
    if relations is not None and relations.prerequisite_current and lapsed is not None:
        return _record(PrerequisiteNotCurrent, course_id=course.id, prerequisite=lapsed)
    missing = [group for group in course.prerequisites if not any(o in state.done for o in group)]
    if missing and not (relations is not None and relations.prerequisite_or_experience):
        return _record(PrerequisiteMissing, level=state.level, missing=tuple(tuple(g) for g in missing))
    return None


def _report_ineligible(state: _State) -> None:
    """Certifications skipped for experience and never planned (rule 10), and whether experience was asked."""
    planned = {item.course_id for year in state.years for item in year.items}
    skipped = [reason for course_id, reason in state.ineligible.items() if course_id not in planned]
    for reason in skipped:
        if reason.known:  # unknown experience is asked once, in a warning
            state.unscheduled.append(_unscheduled(state, course_id=reason.course_id, reasons=(reason,)))
    unknown = tuple(reason.course_id for reason in skipped if not reason.known)
    if unknown:
        _warn(state, None, _record(ExperienceUnknown, course_ids=unknown))
    for course_id, split in state.split.items():
        if course_id not in planned and course_id not in state.catalogue.level(state.level).recommended_courses:
            state.unscheduled.append(_unscheduled(state, course_id=course_id, reasons=(split,)))


def _report_open_gaps(state: _State) -> None:
    no_gaps = not any(points > 0 for points in state.gaps.values())
    untaken = any(
        c.kind == "specialist" and c.id not in state.done and _fits_level(c, state.level)
        for c in state.catalogue.courses
    )
    if no_gaps and untaken and not any(item.kind == "specialist" for year in state.years for item in year.items):
        reasons: tuple[Reason, ...] = (_record(NoGapsKnown),)
        state.unscheduled.append(_unscheduled(state, course_id=None, reasons=reasons))
    by_skill = _specialists_by_skill(state.catalogue)
    for skill, points in sorted(state.gaps.items(), key=lambda kv: _gap_rank(state, state.gaps, kv[0])):
        if points <= 0:
            continue
        courses = by_skill.get(skill, [])
        at_level = [c for c in courses if _fits_level(c, state.level)]
        cause: GapCause
        if not courses:
            cause = "no-course"
        elif not at_level:
            cause = "not-at-level"
        elif all(c.id in state.done for c in at_level):
            cause = "all-taken"
        else:
            cause = "no-room"
        gap = _record(
            GapOpen,
            skill=skill,
            skill_name=state.catalogue.skill(skill).name,
            points=points,
            level=state.level,
            cause=cause,
            limits=limits_reached(state.catalogue, state.request, state.years, skill, state.done)
            if cause == "no-room"
            else (),
        )
        state.unscheduled.append(_unscheduled(state, course_id=None, skill=skill, reasons=(gap,)))


def _specialists_by_skill(catalogue: Catalogue) -> dict[str, list[Course]]:
    """Skill id -> the specialist courses that develop it, withdrawn ones too, in catalogue order (memoised)."""

    def compute() -> dict[str, list[Course]]:
        found: dict[str, list[Course]] = {}
        for course in catalogue.courses:
            if course.kind == "specialist":
                for skill in dict.fromkeys(course.skills):
                    found.setdefault(skill, []).append(course)
        return found

    return plan_cache.lookup(catalogue, "planner.specialists_by_skill", None, compute)


# --- rule 6: renewals ---------------------------------------------------------------------


def _renew_by(catalogue: Catalogue, course: Course, awarded: date | None) -> date | None:
    """The renew-by date of a certificate awarded on ``awarded`` (the scheme's transition rule applies)."""
    if awarded is None or course.validity_years is None:
        return None
    scheme = catalogue.renewal_scheme(course.renewal_scheme) if course.renewal_scheme else None
    if scheme is not None:
        return renew_by_for(scheme, awarded)[0]
    return _add_years(awarded, course.validity_years)


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _suite_scheme(state: _State, course: Course) -> RenewalScheme | None:
    """The renewal scheme of ``course`` if any exam of its suite renews it, else None."""
    return state.suites.get(course.id)


def _suite_schemes(catalogue: Catalogue) -> dict[str, RenewalScheme]:
    """Course id -> its renewal scheme, for the courses whose scheme has a suite-exam route (memoised)."""

    def compute() -> dict[str, RenewalScheme]:
        found = {}
        for course in catalogue.courses:
            scheme = catalogue.renewal_scheme(course.renewal_scheme) if course.renewal_scheme else None
            if scheme is not None and any(route.kind == "suite-exam" for route in scheme.routes):
                found[course.id] = scheme
        return found

    return plan_cache.lookup(catalogue, "planner.suite_schemes", None, compute)


def _renew_suite(state: _State, course: Course, on: date) -> None:
    """A new exam in a suite renews every certificate of that suite (PeopleCert rule)."""
    scheme = _suite_scheme(state, course)
    if scheme is None:
        return
    sat = (course.id, *course.includes)
    for held in state.held.values():
        if held.course.id in sat:
            continue  # the exam's own certificates keep their own renew-by (the transition rule)
        if held.course.renewal_scheme == scheme.id and held.renew_by is not None and held.renew_by >= on:
            # Never earlier than it was: a 2020 exam does not cut short the transition date.
            held.renew_by = max(held.renew_by, renew_by_for(scheme, on)[0])


def _plan_start(state: _State) -> date:
    """The plan's "today" for renewals: what can still be done is judged from the first sitting date."""
    return date(state.request.start_year, state.request.month, 1)


def _planned_so_far(state: _State, extra: list[PlanItem] | None = None) -> list[PlannedCourse]:
    """Courses of the plan up to now (and ``extra`` of the current year), dated like their sittings.

    Without ``extra``, the list is made once per finished year and shared by every caller (none
    changes it): the renewal checks ask for it several times a year.
    """
    if not extra and state.planned[0] == len(state.years):
        return state.planned[1]
    month = state.request.month
    found = [
        PlannedCourse(item.course_id, date(plan_year.year, month, 1))
        for plan_year in state.years
        for item in plan_year.items
        if item.kind != "renewal"
    ]
    if not extra:
        state.planned = (len(state.years), found)
    else:
        year = state.request.start_year + len(state.years)
        found.extend(PlannedCourse(i.course_id, date(year, month, 1)) for i in extra if i.kind != "renewal")
    return found


def _status(state: _State, held: _Held, planned: list[PlannedCourse]) -> CertificateStatus | None:
    """Where ``held`` stands at the plan's start (routes, credits), by the rules of :mod:`pmoplan.renewals`."""
    if held.renew_by is None:
        return None
    awarded = _cycle_awarded(held, held.renew_by)
    renew_by, start = held.renew_by, _plan_start(state)
    return plan_cache.lookup(
        state.catalogue,
        "planner.status",
        _status_key(state, held, awarded, planned),
        # What the person logged (from a profile) counts.
        lambda: route_for(state.catalogue, held.course, awarded, renew_by, planned, start, list(state.request.cpd_log)),
        bounded=True,
    )


def _cycle_awarded(held: _Held, renew_by: date) -> date:
    """When the current cycle began: the award, or validity-years before renew-by once renewed."""
    cycle_start = _add_years(renew_by, -(held.course.validity_years or 3))
    return max(held.awarded, cycle_start) if held.awarded else cycle_start


def _status_key(state: _State, held: _Held, awarded: date, planned: list[PlannedCourse]) -> Hashable:
    """What a certificate's status and route depend on (see :mod:`pmoplan.plan_cache`).

    Of the planned courses, only those the route reads: the ones that earn its credits in its
    window and the next exam of its suite (:func:`~pmoplan.renewals.sittings_read`).
    """
    assert held.renew_by is not None  # _status asks only for certificates with a renew-by date
    start = _plan_start(state)
    sittings = sittings_read(state.catalogue, held.course, awarded, held.renew_by, planned, start)
    return (held.course.id, awarded, held.renew_by, sittings, start, state.cpd_key)


def _still_needed(state: _State, course: Course) -> bool:
    """Whether the person's level or target level still uses the certificate."""
    wanted = range(state.request.current_level, state.request.target_level + 1)
    return any(level in wanted for level in course.levels)


def _plan_restores(state: _State, year: int, capacity: _Capacity) -> list[PlanItem]:
    """Exam-only re-sits, in the first year, of lapsed certificates the person's level or target still needs.

    A re-sit costs the exam and no course days: the cheapest way back for someone who passed before
    (a sitting of the same year then builds on a current certificate).
    """
    lapsed = [h for h in state.held.values() if h.lapsed and h.lapsed_on is not None and h.course.renewal_scheme]
    needed = {h.course.id for h in lapsed if _still_needed(state, h.course)}
    # A Practitioner re-sat needs its Foundation current where the provider says so: restore that too.
    for held in lapsed:
        relations = held.course.relations
        if held.course.id in needed and relations is not None and relations.prerequisite_current:
            needed.update(o for group in held.course.prerequisites for o in group if o in state.lapsed)
    items = []
    for held in sorted(lapsed, key=lambda h: (h.lapsed_on or date.max, h.course.id)):
        if held.course.id in needed and held.lapsed_on is not None:
            price = _exam_price(held.course)
            short = capacity.unfunded(*price)
            if short is not None:
                _report_unfunded(state, year, held, held.lapsed_on, short, restore=True)
                continue
            capacity.spend(*price)
            items.append(_restore_item(state, year, held, held.lapsed_on))
    return items


def _report_unfunded(state: _State, year: int, held: _Held, renew_by: date, short: BudgetShort, restore: bool) -> None:
    """A renewal or re-sit the budget cannot pay: listed as not scheduled, with the date it lapses."""
    reason = _record(
        RenewalUnfunded,
        course_id=held.course.id,
        title=held.course.title,
        renew_by=renew_by,
        restore=restore,
        refusal=short,
    )
    state.unscheduled.append(_unscheduled(state, course_id=held.course.id, year=year, reasons=(reason,)))


def _renewal_reserve(state: _State, year: int, capacity: _Capacity) -> float:
    """The known cost, in the plan's currency, of the renewals due this year by their suggested routes."""
    if capacity.budget is None:
        return 0.0
    planned = _planned_so_far(state)
    total = 0.0
    for held in state.held.values():
        if held.renew_by is None or held.renew_by.year != year or not held.course.renewal_scheme:
            continue
        scheme = state.catalogue.renewal_scheme(held.course.renewal_scheme)
        status = _status(state, held, planned)
        if scheme is None or status is None:
            continue
        kind = status.route if status.route in ("cpd", "re-exam") else "re-exam"
        route = next((r for r in scheme.routes if r.kind == kind), scheme.routes[0])
        total += capacity.cost_in_plan_currency(*_renewal_cost(scheme, route, held.course)) or 0.0
    return total


def _restore_item(state: _State, year: int, held: _Held, lapsed_on: date) -> PlanItem:
    """Retake the exam of a lapsed certificate: it is current again from the sitting."""
    sitting = date(year, state.request.month, 1)
    held.awarded = sitting
    held.renew_by = _renew_by(state.catalogue, held.course, sitting)
    held.lapsed = False
    state.lapsed.discard(held.course.id)
    _renew_suite(state, held.course, sitting)  # the re-sit is an exam of its suite like any other
    held.renewals += 1
    cost, currency = _exam_price(held.course)
    return _interned_item(
        state,
        uid=f"renewal-{held.course.id}-{held.renewals}",
        course_id=held.course.id,
        title=held.course.title,
        kind="renewal",
        days=0.0,
        cost=cost,
        currency=currency if cost is not None else None,
        reasons=(_record(RestoreLapsed, renew_by=lapsed_on),),
        renew_by=lapsed_on,
        route="restore",
    )


def _plan_renewals(state: _State, year: int, this_year: list[PlanItem], capacity: _Capacity) -> list[PlanItem]:
    items = []
    handled_suites: set[str] = set()
    planned = _planned_so_far(state, this_year)
    for held in sorted(state.held.values(), key=lambda h: (h.renew_by or date.max, h.course.id)):
        if held.renew_by is None:
            continue
        if held.course.id in state.suspended:
            # PMI's suspension year: renewed with PDUs in the first year, not re-sat.
            state.suspended.discard(held.course.id)
            item = _renewal_item(state, year, [held], planned, capacity)
            if item is not None:
                items.append(item)
            continue
        _note_cpd_logging(state, year, held, planned)
        if held.renew_by.year != year:
            continue
        suite = _suite_scheme(state, held.course)
        if suite is not None and suite.id in handled_suites:
            continue
        due = [held]
        if suite is not None:
            # One renewal for every certificate of the suite due this year, named in the item.
            handled_suites.add(suite.id)
            due = [
                h
                for h in sorted(state.held.values(), key=lambda h: (h.renew_by or date.max, h.course.id))
                if h.renew_by is not None and h.renew_by.year == year and h.course.renewal_scheme == suite.id
            ]
        item = _renewal_item(state, year, due, planned, capacity)
        if item is not None:
            items.append(item)
    return items


def _note_cpd_logging(state: _State, year: int, held: _Held, planned: list[PlannedCourse]) -> None:
    """When CPD will renew a per-year scheme, say in the window's first year to start logging."""
    scheme = _suite_scheme(state, held.course)
    if scheme is None or scheme.credits is None or held.renew_by is None:
        return
    key = (scheme.id, held.renew_by)
    if key in state.cpd_notes:
        return
    status = _status(state, held, planned)
    if status is None or status.route != "cpd" or status.credits is None:
        return
    first_year = max(status.credits.window_start.year, state.request.start_year)
    if year != first_year:
        return
    per_year = status.credits.periods[0].required if status.credits.periods else status.credits.required or 0
    note = _record(
        StartCpdLog, renew_by=held.renew_by, per_year=per_year, unit=scheme.credits.unit, scheme_name=scheme.name
    )
    state.cpd_notes[key] = (year, note)


def _warn_cpd_logging(state: _State) -> None:
    """Say "start logging CPD" only for renew-by dates that CPD still meets once the plan is laid out.

    A date that a later exam of the suite moved needs no logging; one renewed by CPD in the plan,
    or still ahead at its end, does.
    """
    by_cpd = {
        item.renew_by
        for plan_year in state.years
        for item in plan_year.items
        if item.kind == "renewal" and item.route == "cpd"
    }
    still_ahead = {held.renew_by for held in state.held.values()}
    for (_scheme, renew_by), (year, note) in state.cpd_notes.items():
        if renew_by in by_cpd or renew_by in still_ahead:
            _warn(state, year, note)


def _note_kept_by_cpd(state: _State) -> None:
    """Say once, from the year it is held, how a certificate with no renew-by date is kept (APM ChPP).

    Such a certificate is never renewed or restored by the plan (APM publishes no revalidation):
    yearly CPD and a yearly fee keep it, which the person must know rather than a date.
    """
    kept = kept_courses(state.catalogue)
    if not kept:
        return
    catalogue, start = state.catalogue, state.request.start_year
    held = [(start, c.course_id) for c in state.request.completed]
    held += [(y.year, i.course_id) for y in state.years for i in y.items if i.kind == "certification" and i.course_id]
    noted: set[str] = set()
    for year, course_id in sorted(held):
        for part in (course_id, *catalogue.course(course_id).includes):
            if part not in kept or part in noted:
                continue
            noted.add(part)
            scheme, per_year = kept[part]
            fee, currency = yearly_fee(scheme)
            unit = scheme.credits.unit if scheme.credits else ""
            title, name = catalogue.course(part).title, scheme.name
            note = _record(
                KeptByCpd,
                course_id=part,
                title=title,
                per_year=per_year,
                unit=unit,
                scheme_name=name,
                fee=fee,
                currency=currency,
            )
            _warn(state, year, note)


def _renewal_item(
    state: _State, year: int, due: list[_Held], planned: list[PlannedCourse], capacity: _Capacity
) -> PlanItem | None:
    """One renewal item for ``due``: one certificate, or every certificate of a suite due this year."""
    held = due[0]
    scheme = state.catalogue.renewal_scheme(held.course.renewal_scheme) if held.course.renewal_scheme else None
    renew_by = held.renew_by
    assert renew_by is not None
    status = _status(state, held, planned) if scheme is not None else None
    if scheme is None or status is None:
        lapses = _record(LapsesUnplanned, course_id=held.course.id, title=held.course.title, renew_by=renew_by)
        _warn(state, year, lapses)
        held.renew_by = None
        return None
    kind = status.route if status.route in ("cpd", "re-exam") else "re-exam"
    route = next((r for r in scheme.routes if r.kind == kind), scheme.routes[0])
    cost, currency = _renewal_cost(scheme, route, held.course)
    short = capacity.unfunded(cost, currency)
    if short is not None:
        _report_unfunded(state, year, held, renew_by, short, restore=False)
        for each in due:
            each.renew_by = None  # it lapses: no later renewal of it is planned
        return None
    capacity.spend(cost, currency)
    reasons = _renewal_reasons(status, scheme, route, due)
    renewed_from = status.suspended_until and renew_by  # PMI: the new cycle runs from the old end date
    for each in due:
        each.renew_by = _add_years(each.renew_by or renewed_from or renew_by, scheme.validity_years)
    held.renewals += 1
    return _interned_item(
        state,
        # Stable across re-plans that move the date: the n-th renewal of this certificate.
        uid=f"renewal-{held.course.id}-{held.renewals}",
        course_id=held.course.id,
        title=", ".join(h.course.title for h in due),  # renderers say "Renew" (render.reason_text.item_title)
        kind="renewal",
        days=route.days,
        cost=cost,
        currency=currency if cost is not None else None,
        reasons=reasons,
        renew_by=renew_by,
        route=route.kind,
    )


def _renewal_reasons(
    status: CertificateStatus, scheme: RenewalScheme, route: RenewalRoute, due: list[_Held]
) -> tuple[Reason, ...]:
    """The renewal's route and the feasible alternatives; suspension, CPD years missed, credits."""
    held = due[0]
    alternatives = tuple(
        _route_option(other, held.course)
        for other in scheme.routes
        if other is not route
        and other.kind != "suite-exam"
        and any(r.kind == other.kind and r.feasible for r in status.routes)
    )
    why: list[Reason] = [
        _record(
            RenewalDue,
            renew_by=status.renew_by,
            scheme_id=scheme.id,
            scheme_name=scheme.name,
            route=_route_option(route, held.course),
            alternatives=alternatives,
            course_ids=tuple(h.course.id for h in due),
        )
    ]
    if status.suspended_until is not None:
        why.append(_record(InSuspension, until=status.suspended_until))
    cpd = next((r for r in status.routes if r.kind == "cpd"), None)
    missed = (
        tuple(date.fromisoformat(str(r.values["end"])) for r in cpd.reasons if r.code == "cpd-year-missed")
        if cpd
        else ()
    )
    if missed and status.credits is not None and status.credits.periods:
        required = status.credits.periods[0].required
        why.append(_record(CpdYearsMissed, ends=missed, required=required, unit=status.credits.unit))
    if route.kind == "cpd" and status.credits is not None:
        why.append(_credits_reason(status))
    return tuple(why)


def _credits_reason(status: CertificateStatus) -> CreditsCounted:
    """Credits of the cycle: required, logged, from planned courses, still to find, categories short."""
    credits = status.credits
    assert credits is not None
    short = tuple(f"{c.name} {c.remaining:g}" for c in credits.categories if c.remaining > 0)
    return _record(
        CreditsCounted,
        unit=credits.unit,
        required=credits.required or 0,
        logged=credits.logged,
        planned=credits.planned,
        remaining=credits.remaining or 0,
        short=short,
    )


def _exam_price(course: Course) -> tuple[float | None, Currency | None]:
    """What a re-sit of ``course`` costs: its exam price, else its exam-only offering's (high end)."""
    if course.exam_cost is not None:
        return course.exam_cost, course.currency
    for offering in course.offerings:
        if offering.mode == "exam-only" and offering.price is not None:
            return (offering.price_high or offering.price), offering.currency
    return None, None


def _renewal_cost(scheme: RenewalScheme, route: RenewalRoute, course: Course) -> tuple[float | None, Currency | None]:
    """The re-exam's exam price, or the scheme's renewal fee (non-member) for CPD, where known."""
    if route.kind == "re-exam":
        return _exam_price(course)
    if route.kind == "cpd" and scheme.renewal_fee:
        return scheme.renewal_fee.get("non-member", min(scheme.renewal_fee.values())), scheme.renewal_fee_currency
    return route.cost, route.currency


def _route_option(route: RenewalRoute, course: Course) -> RouteOption:
    if route.kind == "re-exam":
        exam_cost, currency = _exam_price(course)
        return _record(
            RouteOption, kind=route.kind, description=route.description, exam_cost=exam_cost, currency=currency
        )
    return _record(RouteOption, kind=route.kind, description=route.description, exam_cost=None, currency=None)


def _pending_suite_renewal(state: _State, year: int, horizon: int) -> SuiteExamRenews | None:
    """A suite certificate due between this year's sitting and the one ``horizon`` years on, with CPD out."""
    sitting = date(year, state.request.month, 1)
    next_sitting = date(year + horizon, state.request.month, 1)
    pending = [
        h
        for h in state.held.values()
        if h.renew_by is not None
        and sitting <= h.renew_by < next_sitting
        and _suite_scheme(state, h.course) is not None
    ]
    if not pending:
        return None
    first = min(pending, key=lambda h: (h.renew_by or date.max, h.course.id))
    status = _status(state, first, _planned_so_far(state))
    if status is None or cpd_feasible(status):
        return None
    scheme = first.course.renewal_scheme
    # The certificate due first, then every other one of the suite still current at the sitting.
    others = sorted(
        h.course.id
        for h in state.held.values()
        if h is not first and h.renew_by is not None and h.renew_by >= sitting and h.course.renewal_scheme == scheme
    )
    renewed = (first.course.id, *others)
    assert first.renew_by is not None
    return _record(SuiteExamRenews, renew_by=first.renew_by, course_ids=renewed)


# --- rule 7: progression ------------------------------------------------------------------


def _progress(state: _State, year: int) -> None:
    state.years_at_level += 1
    request = state.request
    if state.level >= request.target_level:
        return
    needed = state.catalogue.level(state.level).typical_years or DEFAULT_YEARS_AT_LEVEL
    if state.years_at_level < needed or not state.sat_at_level:
        return
    state.level += 1
    state.years_at_level = 0
    state.sat_at_level = False
    new_level = state.catalogue.level(state.level)
    ready = _record(ReadyForLevel, level=state.level, level_name=new_level.name, typical_years=needed)
    state.milestones.append(
        _milestone(state, year=year + 1, kind="ready-for-level", level=state.level, reasons=(ready,))
    )
    if state.level == request.target_level:
        reached = _record(TargetReached, level=state.level)
        state.milestones.append(
            _milestone(state, year=year + 1, kind="target-reached", level=state.level, reasons=(reached,))
        )
    if not request.gaps:
        # Keep what is still open and add what the next step up expects.
        for skill, points in _level_step_gaps(state.catalogue, state.level, request.target_level).items():
            state.gaps[skill] = max(0, state.gaps.get(skill, 0)) + points
    state.no_more_certifications = False


# --- items and totals ---------------------------------------------------------------------


def _item(
    state: _State, year: int, course: Course, kind: PlanItemKind, why: tuple[Reason, ...], choice: OfferingChoice
) -> PlanItem:
    option = choice.option
    if choice.reason is not None:
        standard = choice.standard
        why += (
            _record(
                OfferingChosen,
                mode=option.mode,
                standard_mode=standard.mode,
                pressure=choice.reason,
                standard_days=standard.days,
                standard_cost=standard.counted,
                standard_floor=standard.floor,
                currency=plan_currency(state.catalogue, state.request),
            ),
        )
    original = option.original
    if option.floor and course.exam_cost is not None:
        why += (_record(ExamPriceOnly, exam_cost=course.exam_cost, currency=course.currency),)
    cost = None if original is None or option.floor else original.low
    return _interned_item(
        state,
        uid=f"{year}-{kind}-{course.id}",
        course_id=course.id,
        title=course.title,
        kind=kind,
        days=option.days,
        cost=cost,
        currency=original.currency if cost is not None and original is not None else None,
        cost_high=original.high if cost is not None and original is not None and original.is_range else None,
        offering=None if option.mode == "course" else option.mode,
        reasons=why,
        renew_by=None,
        route=None,
    )


_Note = TypeVar("_Note", Milestone, Unscheduled, PlanWarning)


def _interned(state: _State, model: type[_Note], **fields: Any) -> _Note:
    """A shared milestone or unscheduled entry: the same few notes recur across a whole team."""
    key = (model.__name__, *sorted(fields.items()))
    return plan_cache.lookup(
        state.catalogue,
        "planner.notes",
        key,
        lambda: plan_cache.construct(model, **{**fields, "reasons": list(fields["reasons"])}),
    )


def _warn(state: _State, year: int | None, reason: Reason, *, urgent: bool = False) -> None:
    """Add a warning (year, code, urgency, reasons), shared between plans that have the same one."""
    state.warnings.append(_interned(state, PlanWarning, code=reason.code, year=year, urgent=urgent, reasons=(reason,)))


def _milestone(state: _State, **fields: Any) -> Milestone:
    """A milestone (year, kind, reasons, level), shared between plans that have the same one."""
    return _interned(state, Milestone, **fields)


def _unscheduled(state: _State, **fields: Any) -> Unscheduled:
    """An entry of the 'not scheduled' list (course_id, skill, year, reasons), shared likewise."""
    return _interned(state, Unscheduled, **fields)


def _interned_item(state: _State, **fields: Any) -> PlanItem:
    """One shared, immutable PlanItem per distinct content.

    A team plan repeats the same items tens of thousands of times (about 1,300 distinct items in
    67,000 for a realistic 10,000-person team); sharing them saves most of the building and memory.
    Every known cost is also converted to the plan's currency (``budget_cost``, the high end of a
    range), so no item escapes a budget because of its currency.
    """
    fields.setdefault("offering", None)
    fields.setdefault("cost_high", None)
    fields["budget_cost"] = None
    if fields["cost"] is not None and fields["currency"] is not None:
        target = plan_currency(state.catalogue, state.request)
        rates = state.catalogue.rates
        high = fields["cost_high"] if fields["cost_high"] is not None else fields["cost"]
        fields["budget_cost"] = convert(high, fields["currency"], target, rates)
        if fields["currency"] != target:
            note = plan_cache.construct(
                ConvertedPrice,
                cost=fields["cost"],
                cost_high=fields["cost_high"],
                currency=fields["currency"],
                converted=fields["budget_cost"],
                budget_currency=target,
                rates_date=rates.published if rates is not None else None,
            )
            fields["reasons"] = (*fields["reasons"], note)
    key = (
        fields["uid"],
        fields["kind"],
        fields["course_id"],
        fields["title"],
        fields["days"],
        fields["cost"],
        fields["currency"],
        fields["reasons"],
        fields["renew_by"],
        fields["route"],
        fields["offering"],
        fields["cost_high"],
        fields["budget_cost"],
    )
    # Every field is part of the key except ``why``, which the engine leaves empty.
    assert len(key) == len(PlanItem.model_fields) - 1
    return plan_cache.lookup(
        state.catalogue,
        "planner.items",
        key,
        lambda: plan_cache.construct(PlanItem, **{**fields, "reasons": list(fields["reasons"])}),
    )


def _certificate(state: _State, held: _Held, planned: tuple[PlannedCourse, ...]) -> Certificate:
    """A certificate with its renew-by date, the route for it and the credits of its current cycle."""
    # Its fields and what its status reads (not every planned course: see ``_status_key``).
    status_key = None
    if held.renew_by is not None:
        status_key = _status_key(state, held, _cycle_awarded(held, held.renew_by), list(planned))
    key = (held.course.id, held.awarded, held.renew_by, held.planned, status_key)
    return plan_cache.lookup(
        state.catalogue, "planner.certificates", key, lambda: _new_certificate(state, held, planned), bounded=True
    )


def _new_certificate(state: _State, held: _Held, planned: tuple[PlannedCourse, ...]) -> Certificate:
    status = _status(state, held, list(planned))
    return plan_cache.construct(
        Certificate,
        course_id=held.course.id,
        title=held.course.title,
        awarded_on=held.awarded,
        renew_by=held.renew_by,
        planned=held.planned,
        route=status.route if status else None,
        credits=_shared_credits(state, status.credits) if status else None,
    )


def _shared_credits(state: _State, credits: Credits | None) -> Credits | None:
    """``credits`` with its categories and years shared with every equal one (most of a team plan's memory)."""
    if credits is None or not (credits.categories or credits.periods):
        return credits
    catalogue = state.catalogue
    categories = [plan_cache.shared(catalogue, category) for category in credits.categories]
    periods = [plan_cache.shared(catalogue, period) for period in credits.periods]
    return plan_cache.construct(Credits, **{**credits.__dict__, "categories": categories, "periods": periods})


def _totals(years: list[PlanYear]) -> Totals:
    costs: dict[Currency, float] = {}
    for year in years:
        for currency, amount in year.costs.items():
            costs[currency] = costs.get(currency, 0) + amount
    items = [item for year in years for item in year.items]
    return plan_cache.construct(
        Totals,
        days=sum(year.days for year in years),
        costs=costs,
        unpriced_items=sum(year.unpriced_items for year in years),
        budget_cost=sum(year.budget_cost for year in years),
        priced_items=sum(year.priced_items for year in years),
        certifications=sum(item.kind == "certification" for item in items),
        specialist=sum(item.kind == "specialist" for item in items),
        renewals=sum(item.kind == "renewal" for item in items),
    )
