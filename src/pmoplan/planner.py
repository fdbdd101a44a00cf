"""The plan engine (pure): a catalogue and a :class:`PlanRequest` in, a :class:`Plan` out.

The rules, from DESIGN.md, and where each lives:

1. Cadence: one certification sitting every 2-3 years, the first early (``_certification_due``).
2. Prerequisites: met by completed courses or items of earlier years (``prerequisites_met``).
3. Level fit: a course must be tagged for the person's level in that year (``_fits_level``).
4. Gaps first: specialist courses close the largest skill gaps first (``_plan_specialists``).
5. Capacity: days and budget per year; what does not fit is reported (``_Capacity``).
6. Renewals (rule 13 too): a certificate that would lapse gets the feasible, cheapest route
   from :mod:`pmoplan.renewals` (``_plan_renewals``): an exam of the same suite sat before the
   renew-by date (a sitting is brought forward for it), CPD only if logging can still cover the
   whole window (with a "start logging" note), else the re-exam; PMI's suspension year is
   planned; a lapsed certificate the person's level still needs is restored.
7. Progression: the year the person is ready for the next level is a milestone (``_progress``).
8. Explained and deterministic: every item, milestone and unscheduled entry carries reason
   records (:mod:`pmoplan.reasons`); no clock, no randomness, stable order. The engine writes no
   sentences: :mod:`pmoplan.render.reason_text` does, at the edge.

Assumptions (documented in the README): a course planned for a year is taken in
``request.month``; a certificate is awarded on the first day of that month.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from pmoplan.catalogue import Catalogue, prerequisites_met
from pmoplan.errors import PlanInputError
from pmoplan.models import Course, Currency, RenewalRoute, RenewalScheme

# Results are built with ``model_construct``: the engine makes them from validated inputs, and
# re-validating every item costs more than planning it (a team plan builds thousands).
from pmoplan.plan_models import (
    Certificate,
    Milestone,
    Plan,
    PlanItem,
    PlanItemKind,
    PlanRequest,
    PlanYear,
    Totals,
    Unscheduled,
)
from pmoplan.reasons import (
    AssumedCompleted,
    BudgetShort,
    BuildsOn,
    CapacityRefusal,
    CertificationDue,
    CompletionDateUnknown,
    CourseRefused,
    CoversParts,
    CpdYearsMissed,
    CreditsCounted,
    DaysShort,
    ExamPriceOnly,
    FirstCertification,
    GapCause,
    GapClosed,
    GapOpen,
    InSuspension,
    Lapsed,
    LapsesUnplanned,
    NoCertificationFits,
    NoCertificationLeft,
    NoGapsKnown,
    OtherCurrency,
    PrerequisiteMissing,
    ReadyForLevel,
    Reason,
    RecommendedForLevel,
    RecommendedRefused,
    RenewalDue,
    RestoreLapsed,
    RouteOption,
    StartCpdLog,
    SuiteExamRenews,
    SuitsLevel,
    TargetReached,
    UnpricedUnderBudget,
)
from pmoplan.renewals import (
    CertificateStatus,
    PlannedCourse,
    cpd_feasible,
    renew_by_for,
    route_for,
)

DEFAULT_YEARS_AT_LEVEL = 3


@dataclass
class _Capacity:
    """What is left of one year's training days and budget."""

    days: float
    budget: float | None
    currency: str

    def known_cost(self, course: Course) -> float | None:
        """The price to hold against the budget: course price, else exam-only price (a floor)."""
        if course.currency is not None and course.currency != self.currency:
            return None
        return course.cost if course.cost is not None else course.exam_cost

    def refusal(self, course: Course) -> CapacityRefusal | None:
        """Why ``course`` does not fit what is left, or None if it fits."""
        if course.days > self.days:
            return DaysShort.model_construct(needed=course.days, left=self.days)
        cost = self.known_cost(course)
        if self.budget is not None and cost is not None and cost > self.budget:
            return BudgetShort.model_construct(
                cost=cost, left=self.budget, currency=self.currency, at_least=course.cost is None
            )
        return None

    def take(self, course: Course) -> None:
        """Reserve the course's days and known cost."""
        self.days -= course.days
        cost = self.known_cost(course)
        if self.budget is not None and cost is not None:
            self.budget -= cost


@dataclass
class _Held:
    """A certificate the person holds (or will hold) and when it must be renewed by."""

    course: Course
    awarded: date | None
    renew_by: date | None
    planned: bool
    renewals: int = 0


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
    unscheduled: list[Unscheduled] = field(default_factory=list)
    no_more_certifications: bool = False
    cpd_notes: set[tuple[str, date]] = field(default_factory=set)  # (scheme, renew-by) already told to log
    # Memo keys of this year's state, computed once per year (neither the done courses nor the
    # gaps change between choosing the certification and the specialist courses): the done courses
    # that can matter to each choice at this level, and the open gaps in working order.
    certification_key: tuple[frozenset[str], tuple[tuple[str, int], ...]] = (frozenset(), ())
    specialist_key: tuple[frozenset[str], tuple[tuple[str, int], ...]] = (frozenset(), ())


def build_plan(catalogue: Catalogue, request: PlanRequest) -> Plan:
    """Lay out a dated, explained development plan (see the module docstring for the rules).

    Raises :class:`~pmoplan.errors.PlanInputError` for a completion date after the plan starts.
    """
    for completed in request.completed:
        if completed.completed_on is not None and completed.completed_on.year > request.start_year:
            raise PlanInputError(
                f"{completed.course_id} completed on {completed.completed_on.isoformat()} is after the plan "
                f"starts ({request.start_year}); plan from a later --start or leave it out"
            )
    state = _initial_state(catalogue, request)
    for year in range(request.start_year, request.start_year + request.years):
        _plan_year(state, year)
    _report_blocked_recommendations(state)
    _report_open_gaps(state)
    _note_unpriced_under_budget(state)
    return Plan.model_construct(
        request=request,
        currency=catalogue.currency,
        years=state.years,
        milestones=state.milestones,
        certificates=_certificates(state),
        totals=_totals(state.years),
        unscheduled=state.unscheduled,
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
    )
    for completed in sorted(request.completed, key=lambda c: (c.completed_on or date.min, c.course_id)):
        _mark_completed(state, catalogue.course(completed.course_id), completed.completed_on)
    _assume_missing_prerequisites(state)
    _set_gaps(state)
    return state


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
        reason = CompletionDateUnknown.model_construct(course_id=course.id, title=course.title)
        state.milestones.append(_milestone(state, year=state.request.start_year, kind="note", reasons=(reason,)))


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
                    reason = AssumedCompleted.model_construct(course_id=group[0], prerequisite_of=course_id)
                    state.milestones.append(
                        _milestone(state, year=state.request.start_year, kind="assumed-completed", reasons=(reason,))
                    )


def _set_gaps(state: _State) -> None:
    """Gaps come from --focus, else the profile, else the step to the next level's expectations."""
    request, catalogue = state.request, state.catalogue
    if request.focus:
        state.gaps = {skill: max(1, request.gaps.get(skill, 0)) for skill in request.focus}
        state.gap_order = {skill: i for i, skill in enumerate(request.focus)}
        return
    if request.gaps:
        state.gaps = {skill: points for skill, points in request.gaps.items() if points > 0}
    else:
        state.gaps = _level_step_gaps(catalogue, state.level, request.target_level)
    state.gap_order = {skill.id: i for i, skill in enumerate(catalogue.skills)}


def _level_step_gaps(catalogue: Catalogue, level: int, target: int) -> dict[str, int]:
    """Skill points that the next level (towards the target) expects beyond this one."""
    if level >= target:
        return {}
    here, there = catalogue.level(level).expected, catalogue.level(level + 1).expected
    return {skill: there[skill] - here[skill] for skill in here if there[skill] > here[skill]}


# --- one year -----------------------------------------------------------------------------


def _plan_year(state: _State, year: int) -> None:
    request = state.request
    capacity = _Capacity(float(request.days_per_year), request.budget_per_year, state.catalogue.currency)
    items: list[PlanItem] = []
    gaps = _gaps_key(state)
    state.certification_key = (_relevant_done(state, "certification"), gaps)
    state.specialist_key = (_relevant_done(state, "specialist"), gaps)
    certification = _plan_certification(state, year, capacity)
    if certification is not None:
        items.append(certification)
    items.extend(_plan_renewals(state, year, items))
    items.extend(_plan_specialists(state, year, capacity))
    state.years.append(_year_summary(state, year, items))
    for item in items:
        if item.kind != "renewal":
            state.done.add(item.course_id)
            state.done.update(state.catalogue.course(item.course_id).includes)
    _progress(state, year)


def _year_summary(state: _State, year: int, items: list[PlanItem]) -> PlanYear:
    costs: dict[Currency, float] = {}
    unpriced = 0
    for item in items:
        if item.cost is None or item.currency is None:
            unpriced += item.kind != "renewal" or item.days > 0
        else:
            costs[item.currency] = costs.get(item.currency, 0) + item.cost
    key = (year, state.level, tuple(id(item) for item in items))  # items are interned: ids are stable
    memo = state.catalogue.memo.setdefault("planner.years", {})
    found: PlanYear | None = memo.get(key)
    if found is None:
        found = memo[key] = PlanYear.model_construct(
            year=year,
            level=state.level,
            items=items,
            days=sum(item.days for item in items),
            costs=costs,
            unpriced_items=unpriced,
        )
    return found


# --- rule 1-3: certification sittings -----------------------------------------------------


def _certification_due(state: _State, year: int) -> Reason | None:
    """Why a sitting is due this year, or None if it is not."""
    if state.no_more_certifications:
        return None
    if state.last_sitting is None:
        return FirstCertification.model_construct()
    since = year - state.last_sitting
    every = state.request.cert_every or 2
    if since >= every:
        return CertificationDue.model_construct(years_since=since)
    return None


def _plan_certification(state: _State, year: int, capacity: _Capacity) -> PlanItem | None:
    due: Reason | None = _certification_due(state, year)
    pending = None
    if state.last_sitting is None or year > state.last_sitting:
        # A due sitting looks ahead to the next due one; an extra sitting only to next year's.
        horizon = (state.request.cert_every or 2) if due is not None else 1
        pending = _pending_suite_renewal(state, year, horizon)
    if due is None and pending is None:
        return None
    candidates = _certification_candidates(state)
    if pending is not None:
        # An exam of the suite sat before the renew-by date renews it at no extra cost: such a
        # sitting goes first, and is brought forward when the cadence would sit it too late. Only
        # one the level recommends: any other would cost more than the re-exam it replaces.
        recommended = state.catalogue.level(state.level).recommended_courses
        suite = [c for c in candidates if c.id in recommended and _in_suite_of(state, c, pending)]
        if due is None:
            if not suite:
                return None
            due, candidates = pending, suite
        else:
            candidates = suite + [c for c in candidates if c not in suite]
    if not candidates:
        state.no_more_certifications = True
        reason = NoCertificationLeft.model_construct(level=state.level, provider=state.request.provider)
        state.unscheduled.append(_unscheduled(state, course_id=None, year=year, reasons=(reason,)))
        return None
    refusals: list[CourseRefused] = []
    recommended = state.catalogue.level(state.level).recommended_courses
    for course in candidates:
        refusal = capacity.refusal(course)
        if refusal is None:
            # Say which better-ranked recommended courses did not fit, and why.
            for refused in refusals:
                if refused.course_id in recommended:
                    instead = RecommendedRefused.model_construct(
                        level=state.level, refusal=refused.refusal, planned_instead=course.id
                    )
                    state.unscheduled.append(
                        _unscheduled(state, course_id=refused.course_id, year=year, reasons=(instead,))
                    )
            capacity.take(course)
            state.last_sitting = year
            state.sat_at_level = True
            awarded = date(year, state.request.month, 1)
            for part_id in (course.id, *course.includes):
                part = state.catalogue.course(part_id)
                if part.validity_years is not None and not part.includes:
                    state.held[part.id] = _Held(part, awarded, _renew_by(state.catalogue, part, awarded), planned=True)
            _renew_suite(state, course, awarded)
            assert due is not None
            reasons: tuple[Reason, ...] = (due, *_certification_reasons(state, course))
            if pending is not None and due is not pending and _in_suite_of(state, course, pending):
                reasons += (pending,)
            return _item(state, year, course, "certification", reasons)
        refusals.append(CourseRefused.model_construct(course_id=course.id, refusal=refusal))
    if due is pending:
        return None  # no sitting was due: the renewal item covers it (re-exam), nothing to report
    fits = NoCertificationFits.model_construct(refused=tuple(refusals[:3]), more=max(0, len(refusals) - 3))
    state.unscheduled.append(_unscheduled(state, course_id=candidates[0].id, year=year, reasons=(fits,)))
    return None


def _in_suite_of(state: _State, course: Course, pending: SuiteExamRenews) -> bool:
    """Whether sitting ``course`` (or a part of it) renews the suite of the pending certificates."""
    scheme = state.catalogue.course(pending.course_ids[0]).renewal_scheme
    parts = (course.id, *course.includes)
    return any(state.catalogue.course(part).renewal_scheme == scheme for part in parts)


def _fits_level(course: Course, level: int) -> bool:
    return level in course.levels


def _gaps_key(state: _State) -> tuple[tuple[str, int], ...]:
    """The open gaps in the order they are worked on: largest first, then focus or catalogue order."""
    open_gaps = [s for s, points in state.gaps.items() if points > 0]
    ordered = sorted(open_gaps, key=lambda s: (-state.gaps[s], state.gap_order.get(s, 99), s))
    return tuple((s, state.gaps[s]) for s in ordered)


def _certification_candidates(state: _State) -> list[Course]:
    """Certifications the person could sit now, best first (memoised per planning state)."""
    key = (state.level, *state.certification_key, state.request.provider)
    memo = state.catalogue.memo.setdefault("planner.certification_candidates", {})
    found: list[Course] | None = memo.get(key)
    if found is None:
        found = memo[key] = _rank_certification_candidates(state)
    return found


def _relevant_done(state: _State, kind: str) -> frozenset[str]:
    """The done courses that can change a choice of ``kind`` at this level (a small memo key).

    Those are the courses of that kind at the level themselves, their combined parts and their
    prerequisite alternatives; any other done course cannot change which of them is chosen.
    """
    memo = state.catalogue.memo.setdefault("planner.relevant_ids", {})
    relevant: frozenset[str] | None = memo.get((kind, state.level))
    if relevant is None:
        ids: set[str] = set()
        for course in _courses_at_level(state.catalogue, kind, state.level):
            ids.add(course.id)
            ids.update(course.includes)
            ids.update(option for group in course.prerequisites for option in group)
        relevant = memo[(kind, state.level)] = frozenset(ids)
    return relevant.intersection(state.done)


def _courses_at_level(catalogue: Catalogue, kind: str, level: int) -> list[Course]:
    """Courses of one kind tagged for one level, in catalogue order (memoised per catalogue)."""
    memo = catalogue.memo.setdefault("planner.courses_at_level", {})
    found: list[Course] | None = memo.get((kind, level))
    if found is None:
        found = memo[(kind, level)] = [c for c in catalogue.courses if c.kind == kind and _fits_level(c, level)]
    return found


def _rank_certification_candidates(state: _State) -> list[Course]:
    provider = (state.request.provider or "").casefold()
    done = state.done
    candidates = [
        c
        for c in _courses_at_level(state.catalogue, "certification", state.level)
        if c.id not in done
        and not any(part in done for part in c.includes)
        and prerequisites_met(c, done)
        and provider in c.provider.casefold()
    ]
    return sorted(candidates, key=lambda c: _certification_rank(state, c))


def _certification_rank(state: _State, course: Course) -> tuple[int, int, int, int, float, str]:
    """Recommended for the level first, then builds on a passed course, then leads upwards, then gaps."""
    memo = state.catalogue.memo.setdefault("planner.rank_parts", {})
    parts: tuple[int, int, int] | None = memo.get((state.level, course.id))
    if parts is None:
        recommended = state.catalogue.level(state.level).recommended_courses
        rec_index = recommended.index(course.id) if course.id in recommended else len(recommended)
        continues = bool(course.prerequisites)  # builds on something already passed
        towards_target = any(level > state.level for level in course.levels)
        parts = memo[(state.level, course.id)] = (rec_index, -int(continues), -int(towards_target))
    gap_points = sum(state.gaps.get(skill, 0) for skill in course.skills)
    return (*parts, -gap_points, course.days, course.id)


def _certification_reasons(state: _State, course: Course) -> list[Reason]:
    level = state.catalogue.level(state.level)
    reasons: list[Reason] = []
    if course.id in level.recommended_courses:
        reasons.append(RecommendedForLevel.model_construct(level=level.number, level_name=level.name))
    else:
        reasons.append(SuitsLevel.model_construct(level=level.number))
    if course.prerequisites:
        met = tuple(next(o for o in group if o in state.done) for group in course.prerequisites)
        reasons.append(BuildsOn.model_construct(course_ids=met))
    if course.includes:
        reasons.append(CoversParts.model_construct(course_ids=tuple(course.includes)))
    return reasons


# --- rule 4: specialist courses for gaps --------------------------------------------------


_SpecialistChoice = tuple[Course, Reason, tuple[str, ...]]  # course, why, gaps it closes a point of


def _plan_specialists(state: _State, year: int, capacity: _Capacity) -> list[PlanItem]:
    key = (
        state.level,
        *state.specialist_key,
        capacity.days,
        capacity.budget,
        state.request.max_specialist_per_year,
        bool(state.request.focus),
    )
    memo = state.catalogue.memo.setdefault("planner.specialists", {})
    choices: list[_SpecialistChoice] | None = memo.get(key)
    if choices is None:
        scratch_gaps = dict(state.gaps)
        choices = memo[key] = _choose_specialists(state, scratch_gaps, _Capacity(**vars(capacity)))
    items = []
    for course, why, closes in choices:
        capacity.take(course)
        for closed in closes:
            state.gaps[closed] -= 1
        items.append(_item(state, year, course, "specialist", (why,)))
    return items


def _choose_specialists(state: _State, gaps: dict[str, int], capacity: _Capacity) -> list[_SpecialistChoice]:
    """Specialist courses for the largest gaps that fit ``capacity`` (works on copies)."""
    choices: list[_SpecialistChoice] = []
    planned: set[str] = set()
    for skill in sorted(gaps, key=lambda s: (-gaps[s], state.gap_order.get(s, 99), s)):
        if len(choices) >= state.request.max_specialist_per_year:
            break
        if gaps[skill] <= 0:
            continue
        courses = _specialists_for(state, skill, planned, gaps)
        fitting = next((c for c in courses if capacity.refusal(c) is None), None)
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
        if skill in c.skills and c.id not in state.done and c.id not in planned and prerequisites_met(c, state.done)
    ]
    covered = {c.id: sum(1 for s in c.skills if gaps.get(s, 0) > 0) for c in candidates}
    return sorted(candidates, key=lambda c: (-covered[c.id], c.days, c.id))


def _gap_reason(state: _State, skill: str, closes: tuple[str, ...], gaps: dict[str, int]) -> Reason:
    others = tuple(s for s in closes if s != skill)
    return GapClosed.model_construct(
        skill=skill,
        skill_name=state.catalogue.skill(skill).name,
        points=gaps[skill],
        focus=bool(state.request.focus),
        also=others,
        also_names=tuple(state.catalogue.skill(s).name for s in others),
    )


def _note_unpriced_under_budget(state: _State) -> None:
    """Say once, not per item, that courses without a published price could not be budget-checked."""
    if state.request.budget_per_year is None:
        return
    unpriced = sorted({i.course_id for y in state.years for i in y.items if i.cost is None and i.kind != "renewal"})
    if unpriced:
        reason = UnpricedUnderBudget.model_construct(
            course_ids=tuple(unpriced), budget=state.request.budget_per_year, currency=state.catalogue.currency
        )
        state.milestones.append(_milestone(state, year=state.request.start_year, kind="note", reasons=(reason,)))


def _report_blocked_recommendations(state: _State) -> None:
    """Recommended certifications of the final level that the plan could not reach, and why."""
    planned = {item.course_id for year in state.years for item in year.items}
    provider = (state.request.provider or "").casefold()
    for course_id in state.catalogue.level(state.level).recommended_courses:
        if course_id in state.done or course_id in planned or not state.catalogue.has_course(course_id):
            continue
        course = state.catalogue.course(course_id)
        if provider not in course.provider.casefold():
            continue
        missing = [group for group in course.prerequisites if not any(o in state.done for o in group)]
        if missing:
            reason = PrerequisiteMissing.model_construct(level=state.level, missing=tuple(tuple(g) for g in missing))
            state.unscheduled.append(_unscheduled(state, course_id=course_id, reasons=(reason,)))


def _report_open_gaps(state: _State) -> None:
    no_gaps = not any(points > 0 for points in state.gaps.values())
    untaken = any(
        c.kind == "specialist" and c.id not in state.done and _fits_level(c, state.level)
        for c in state.catalogue.courses
    )
    if no_gaps and untaken and not any(item.kind == "specialist" for year in state.years for item in year.items):
        reasons: tuple[Reason, ...] = (NoGapsKnown.model_construct(),)
        state.unscheduled.append(_unscheduled(state, course_id=None, reasons=reasons))
    for skill, points in sorted(state.gaps.items(), key=lambda kv: (-kv[1], state.gap_order.get(kv[0], 99))):
        if points <= 0:
            continue
        courses = [c for c in state.catalogue.courses if c.kind == "specialist" and skill in c.skills]
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
        gap = GapOpen.model_construct(
            skill=skill, skill_name=state.catalogue.skill(skill).name, points=points, level=state.level, cause=cause
        )
        state.unscheduled.append(_unscheduled(state, course_id=None, skill=skill, reasons=(gap,)))


# --- rule 6: renewals ---------------------------------------------------------------------


def _renew_by(catalogue: Catalogue, course: Course, awarded: date | None) -> date | None:
    if awarded is None or course.validity_years is None:
        return None
    scheme = catalogue.renewal_scheme(course.renewal_scheme) if course.renewal_scheme else None
    if scheme is not None:
        return renew_by_for(scheme, awarded)[0]  # the scheme's transition rule applies
    return _add_years(awarded, course.validity_years)


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _suite_scheme(state: _State, course: Course) -> RenewalScheme | None:
    scheme = state.catalogue.renewal_scheme(course.renewal_scheme) if course.renewal_scheme else None
    if scheme is not None and any(route.kind == "suite-exam" for route in scheme.routes):
        return scheme
    return None


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
    """The plan's "today": what can still be done is judged from the first sitting date."""
    return date(state.request.start_year, state.request.month, 1)


def _planned_so_far(state: _State, extra: list[PlanItem] | None = None) -> list[PlannedCourse]:
    """Courses of the plan up to now (and ``extra`` of the current year), dated like their sittings."""
    month = state.request.month
    found = [
        PlannedCourse(item.course_id, date(plan_year.year, month, 1))
        for plan_year in state.years
        for item in plan_year.items
        if item.kind != "renewal"
    ]
    if extra:
        year = state.request.start_year + len(state.years)
        found.extend(PlannedCourse(i.course_id, date(year, month, 1)) for i in extra if i.kind != "renewal")
    return found


def _status(state: _State, held: _Held, planned: list[PlannedCourse]) -> CertificateStatus | None:
    if held.renew_by is None:
        return None
    # The current cycle starts validity-years before renew-by (later than the award once renewed).
    cycle_start = _add_years(held.renew_by, -(held.course.validity_years or 3))
    awarded = max(held.awarded, cycle_start) if held.awarded else cycle_start
    log = list(state.request.cpd_log)  # what the person logged (from a profile) counts
    return route_for(state.catalogue, held.course, awarded, held.renew_by, planned, _plan_start(state), log)


def _still_needed(state: _State, course: Course) -> bool:
    """Whether the person's level or target level still uses the certificate."""
    wanted = range(state.request.current_level, state.request.target_level + 1)
    return any(level in wanted for level in course.levels)


def _plan_renewals(state: _State, year: int, this_year: list[PlanItem]) -> list[PlanItem]:
    items = []
    handled_suites: set[str] = set()
    planned = _planned_so_far(state, this_year)
    for held in sorted(state.held.values(), key=lambda h: (h.renew_by or date.max, h.course.id)):
        if held.renew_by is None:
            continue
        if held.renew_by.year < state.request.start_year and year == state.request.start_year:
            item = _before_the_plan(state, year, held, planned)
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
        item = _renewal_item(state, year, due, planned)
        if item is not None:
            items.append(item)
    return items


def _before_the_plan(state: _State, year: int, held: _Held, planned: list[PlannedCourse]) -> PlanItem | None:
    """A renew-by date before the plan: PMI's suspension year, a restore, or a lapse to know about."""
    assert held.renew_by is not None
    status = _status(state, held, planned)
    if status is not None and status.status == "suspended":
        return _renewal_item(state, year, [held], planned)
    if _still_needed(state, held.course) and held.course.renewal_scheme is not None:
        return _restore_item(state, year, held)
    lapsed = Lapsed.model_construct(course_id=held.course.id, title=held.course.title, renew_by=held.renew_by)
    state.milestones.append(_milestone(state, year=year, kind="certificate-lapses", reasons=(lapsed,)))
    held.renew_by = None
    return None


def _restore_item(state: _State, year: int, held: _Held) -> PlanItem:
    """Retake the exam of a lapsed certificate that the person's level still needs."""
    assert held.renew_by is not None
    lapsed_on = held.renew_by
    sitting = date(year, state.request.month, 1)
    held.awarded = sitting
    held.renew_by = _renew_by(state.catalogue, held.course, sitting)
    held.renewals += 1
    cost = held.course.exam_cost
    return _interned_item(
        state,
        uid=f"renewal-{held.course.id}-{held.renewals}",
        course_id=held.course.id,
        title=held.course.title,
        kind="renewal",
        days=0.0,
        cost=cost,
        currency=held.course.currency if cost is not None else None,
        reasons=(RestoreLapsed.model_construct(renew_by=lapsed_on),),
        renew_by=lapsed_on,
        route="restore",
    )


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
    state.cpd_notes.add(key)
    per_year = status.credits.periods[0].required if status.credits.periods else status.credits.required or 0
    note = StartCpdLog.model_construct(
        renew_by=held.renew_by, per_year=per_year, unit=scheme.credits.unit, scheme_name=scheme.name
    )
    state.milestones.append(_milestone(state, year=year, kind="note", reasons=(note,)))


def _renewal_item(state: _State, year: int, due: list[_Held], planned: list[PlannedCourse]) -> PlanItem | None:
    """One renewal item for ``due``: one certificate, or every certificate of a suite due this year."""
    held = due[0]
    scheme = state.catalogue.renewal_scheme(held.course.renewal_scheme) if held.course.renewal_scheme else None
    renew_by = held.renew_by
    assert renew_by is not None
    status = _status(state, held, planned) if scheme is not None else None
    if scheme is None or status is None:
        lapses = LapsesUnplanned.model_construct(course_id=held.course.id, title=held.course.title, renew_by=renew_by)
        state.milestones.append(_milestone(state, year=year, kind="certificate-lapses", reasons=(lapses,)))
        held.renew_by = None
        return None
    kind = status.route if status.route in ("cpd", "re-exam") else "re-exam"
    route = (
        next(r for r in scheme.routes if r.kind == kind)
        if any(r.kind == kind for r in scheme.routes)
        else scheme.routes[0]
    )
    reasons = _renewal_reasons(state, status, scheme, route, due)
    renewed_from = status.suspended_until and renew_by  # PMI: the new cycle runs from the old end date
    for each in due:
        each.renew_by = _add_years(each.renew_by or renewed_from or renew_by, scheme.validity_years)
    cost, currency = _renewal_cost(scheme, route, held.course)
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
    state: _State, status: CertificateStatus, scheme: RenewalScheme, route: RenewalRoute, due: list[_Held]
) -> tuple[Reason, ...]:
    held = due[0]
    alternatives = tuple(
        _route_option(other, held.course)
        for other in scheme.routes
        if other is not route
        and other.kind != "suite-exam"
        and any(r.kind == other.kind and r.feasible for r in status.routes)
    )
    why: list[Reason] = [
        RenewalDue.model_construct(
            renew_by=status.renew_by,
            scheme_id=scheme.id,
            scheme_name=scheme.name,
            route=_route_option(route, held.course),
            alternatives=alternatives,
            course_ids=tuple(h.course.id for h in due),
        )
    ]
    if status.suspended_until is not None:
        why.append(InSuspension.model_construct(until=status.suspended_until))
    cpd = next((r for r in status.routes if r.kind == "cpd"), None)
    missed = (
        tuple(date.fromisoformat(str(r.values["end"])) for r in cpd.reasons if r.code == "cpd-year-missed")
        if cpd
        else ()
    )
    if missed and status.credits is not None and status.credits.periods:
        why.append(
            CpdYearsMissed.model_construct(
                ends=missed, required=status.credits.periods[0].required, unit=status.credits.unit
            )
        )
    if route.kind == "cpd" and status.credits is not None:
        why.append(_credits_reason(status))
    return tuple(why)


def _credits_reason(status: CertificateStatus) -> CreditsCounted:
    credits = status.credits
    assert credits is not None
    short = tuple(f"{c.name} {c.remaining:g}" for c in credits.categories if c.remaining > 0)
    return CreditsCounted.model_construct(
        unit=credits.unit,
        required=credits.required or 0,
        logged=credits.logged,
        planned=credits.planned,
        remaining=credits.remaining or 0,
        short=short,
    )


def _renewal_cost(scheme: RenewalScheme, route: RenewalRoute, course: Course) -> tuple[float | None, Currency | None]:
    """The re-exam's exam price, or the scheme's renewal fee (non-member) for CPD, where known."""
    if route.kind == "re-exam":
        return course.exam_cost, course.currency
    if route.kind == "cpd" and scheme.renewal_fee:
        return scheme.renewal_fee.get("non-member", min(scheme.renewal_fee.values())), scheme.renewal_fee_currency
    return route.cost, route.currency


def _route_option(route: RenewalRoute, course: Course) -> RouteOption:
    if route.kind == "re-exam":
        return RouteOption.model_construct(
            kind=route.kind, description=route.description, exam_cost=course.exam_cost, currency=course.currency
        )
    return RouteOption.model_construct(kind=route.kind, description=route.description, exam_cost=None, currency=None)


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
    renewed = tuple(
        sorted(
            h.course.id
            for h in state.held.values()
            if h.renew_by is not None and h.renew_by >= sitting and h.course.renewal_scheme == scheme
        )
    )
    assert first.renew_by is not None
    return SuiteExamRenews.model_construct(renew_by=first.renew_by, course_ids=renewed)


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
    ready = ReadyForLevel.model_construct(level=state.level, level_name=new_level.name, typical_years=needed)
    state.milestones.append(
        _milestone(state, year=year + 1, kind="ready-for-level", level=state.level, reasons=(ready,))
    )
    if state.level == request.target_level:
        reached = TargetReached.model_construct(level=state.level)
        state.milestones.append(
            _milestone(state, year=year + 1, kind="target-reached", level=state.level, reasons=(reached,))
        )
    if not request.focus and not request.gaps:
        # Keep what is still open and add what the next step up expects.
        for skill, points in _level_step_gaps(state.catalogue, state.level, request.target_level).items():
            state.gaps[skill] = max(0, state.gaps.get(skill, 0)) + points
    state.no_more_certifications = False


# --- items and totals ---------------------------------------------------------------------


def _item(state: _State, year: int, course: Course, kind: PlanItemKind, why: tuple[Reason, ...]) -> PlanItem:
    cost = course.cost
    if cost is None and course.exam_cost is not None:
        why += (ExamPriceOnly.model_construct(exam_cost=course.exam_cost, currency=course.currency),)
    elif cost is not None and state.request.budget_per_year is not None and course.currency != state.catalogue.currency:
        currency = course.currency or state.catalogue.currency
        why += (OtherCurrency.model_construct(currency=currency, budget_currency=state.catalogue.currency),)
    return _interned_item(
        state,
        uid=f"{year}-{kind}-{course.id}",
        course_id=course.id,
        title=course.title,
        kind=kind,
        days=course.days,
        cost=cost,
        currency=course.currency if cost is not None else None,
        reasons=why,
        renew_by=None,
        route=None,
    )


_Note = TypeVar("_Note", Milestone, Unscheduled)


def _interned(state: _State, model: type[_Note], **fields: Any) -> _Note:
    """A shared milestone or unscheduled entry: the same few notes recur across a whole team."""
    key = (model.__name__, *sorted(fields.items()))
    memo = state.catalogue.memo.setdefault("planner.notes", {})
    found = memo.get(key)
    if found is None:
        found = memo[key] = model.model_construct(**{**fields, "reasons": list(fields["reasons"])})
    result: _Note = found
    return result


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
    """
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
    )
    # Every field is part of the key except ``why``, which the engine leaves empty.
    assert len(key) == len(PlanItem.model_fields) - 1
    memo = state.catalogue.memo.setdefault("planner.items", {})
    found: PlanItem | None = memo.get(key)
    if found is None:
        found = memo[key] = PlanItem.model_construct(**{**fields, "reasons": list(fields["reasons"])})
    return found


def _certificate(state: _State, held: _Held, planned: tuple[PlannedCourse, ...]) -> Certificate:
    """A certificate with its renew-by date, the route for it and the credits of its current cycle."""
    key = (held.course.id, held.awarded, held.renew_by, held.planned, planned)
    memo = state.catalogue.memo.setdefault("planner.certificates", {})
    found: Certificate | None = memo.get(key)
    if found is None:
        status = _status(state, held, list(planned))
        found = memo[key] = Certificate.model_construct(
            course_id=held.course.id,
            title=held.course.title,
            awarded_on=held.awarded,
            renew_by=held.renew_by,
            planned=held.planned,
            route=status.route if status else None,
            credits=status.credits if status else None,
        )
    return found


def _totals(years: list[PlanYear]) -> Totals:
    costs: dict[Currency, float] = {}
    for year in years:
        for currency, amount in year.costs.items():
            costs[currency] = costs.get(currency, 0) + amount
    items = [item for year in years for item in year.items]
    return Totals.model_construct(
        days=sum(year.days for year in years),
        costs=costs,
        unpriced_items=sum(year.unpriced_items for year in years),
        certifications=sum(item.kind == "certification" for item in items),
        specialist=sum(item.kind == "specialist" for item in items),
        renewals=sum(item.kind == "renewal" for item in items),
    )
