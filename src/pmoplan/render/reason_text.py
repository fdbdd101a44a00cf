"""Every sentence that explains a plan, written from reason records (:mod:`pmoplan.reasons`).

The engine decides and records why; this module alone says it in words. Every message goes
through :func:`_` (``gettext``) or :func:`_n` (``ngettext`` for plurals) of the ``pmoplan``
domain, so that a translation can be added without touching the engine; none ships yet, so the
English text is used as is.

Renderers call :func:`item_title`, :func:`item_text`, :func:`milestone_text` and
:func:`unscheduled_text`, and :func:`plan_json_data` for the JSON document. An entry that carries
no records (a hand-built plan) keeps the text it was given.
"""

from __future__ import annotations

import calendar
import gettext
from collections.abc import Callable, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

from pmoplan.reasons import PRICE_NOTE_CODES
from pmoplan.render.listing import days, money

if TYPE_CHECKING:
    from pmoplan.plan_models import Milestone, Plan, PlanItem, PlanWarning, Unscheduled
    from pmoplan.reasons import (
        AssumedCompleted,
        BetterRankedRefused,
        BudgetShort,
        BuildsOn,
        CadenceFull,
        CertificationDue,
        CompletionDateUnknown,
        ConvertedPrice,
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
        GapClosed,
        GapOpen,
        InSuspension,
        KeptByCpd,
        Lapsed,
        LapsesUnplanned,
        LimitReached,
        NoCertificationFits,
        NoCertificationLeft,
        NoGapsKnown,
        NotYetEligible,
        OfferingChosen,
        OnExperience,
        OtherCurrency,
        PractitionerSplit,
        PrerequisiteMissing,
        PrerequisiteNotCurrent,
        ReadyForLevel,
        Reason,
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

DOMAIN = "pmoplan"


@cache
def _translations() -> gettext.NullTranslations:
    # Looked up on first use, not at import: finding catalogues touches the file system.
    return gettext.translation(DOMAIN, fallback=True)


def _(message: str) -> str:
    """The message in the user's language (English until a translation ships)."""
    return _translations().gettext(message)


def _n(singular: str, plural: str, count: int) -> str:
    """The singular or plural form of a message for ``count``, in the user's language."""
    return _translations().ngettext(singular, plural, count)


ROUTE_NAMES = {
    "cpd": "CPD points",
    "re-exam": "retake the exam",
    "suite-exam": "another exam in the suite",
    "restore": "retake the exam to restore it",
    "log-cpd": "log CPD",
}


def route_name(kind: str) -> str:
    """``CPD points`` / ``retake the exam`` / ``another exam in the suite``: a renewal route by kind."""
    return _(ROUTE_NAMES[kind]) if kind in ROUTE_NAMES else kind


# --- one sentence per code ------------------------------------------------------------------


def _first_certification(reason: FirstCertification) -> str:
    return _("first certification early in the plan")


def _certification_due(reason: CertificationDue) -> str:
    return _n(
        "{years} year since the last certification (one every 2-3 years)",
        "{years} years since the last certification (one every 2-3 years)",
        reason.years_since,
    ).format(years=reason.years_since)


def _recommended(reason: RecommendedForLevel) -> str:
    return _("recommended for level {level} ({name})").format(level=reason.level, name=reason.level_name)


def _suits_level(reason: SuitsLevel) -> str:
    return _("suits level {level}").format(level=reason.level)


def _builds_on(reason: BuildsOn) -> str:
    return _("builds on {courses}").format(courses=", ".join(reason.course_ids))


def _covers_parts(reason: CoversParts) -> str:
    return _("one sitting covers {courses}").format(courses=_(" and ").join(reason.course_ids))


def _exam_price_only(reason: ExamPriceOnly) -> str:
    return _("course price not published; exam alone about {price}").format(
        price=money(reason.exam_cost, reason.currency)
    )


def _other_currency(reason: OtherCurrency) -> str:
    return _("priced in {currency}, not counted against the {budget} budget").format(
        currency=reason.currency, budget=reason.budget_currency
    )


def _converted_price(reason: ConvertedPrice) -> str:
    price = money(reason.cost, reason.currency)
    if reason.cost_high is not None and reason.cost_high != reason.cost:
        price += "-" + money(reason.cost_high, reason.currency)
    converted = money(round(reason.converted), reason.budget_currency)
    if reason.rates_date:
        return _("{price} is about {converted} at the rates of {date}").format(
            price=price, converted=converted, date=reason.rates_date
        )
    return _("{price} is about {converted}").format(price=price, converted=converted)


def _mode_name(mode: str) -> str:
    names = {
        "course": _("taught course"),
        "classroom": _("classroom course"),
        "virtual": _("virtual classroom course"),
        "blended": _("blended course"),
        "elearning": _("eLearning"),
        "distance": _("distance learning"),
        "exam-only": _("exam-only"),
    }
    return names.get(mode, mode)


def _offering_chosen(reason: OfferingChosen) -> str:
    if reason.standard_cost is None:
        cost = _("price unknown")
    elif reason.standard_floor:
        cost = _("at least {cost}").format(cost=money(reason.standard_cost, reason.currency))
    else:
        cost = money(reason.standard_cost, reason.currency)
    standard = _("the {mode} ({days} days, {cost})").format(
        mode=_mode_name(reason.standard_mode), days=days(reason.standard_days), cost=cost
    )
    if reason.pressure == "days":
        return _("{mode} route: {standard} needs more days than are left this year").format(
            mode=_mode_name(reason.mode), standard=standard
        )
    return _("{mode} route: {standard} costs more than is left of the yearly budget").format(
        mode=_mode_name(reason.mode), standard=standard
    )


def _gap_closed(reason: GapClosed) -> str:
    template = (
        _n(
            "focus skill: {skill} ({points} point to close)",
            "focus skill: {skill} ({points} points to close)",
            reason.points,
        )
        if reason.focus
        else _n(
            "largest open skill gap: {skill} ({points} point to close)",
            "largest open skill gap: {skill} ({points} points to close)",
            reason.points,
        )
    )
    text = template.format(skill=reason.skill_name, points=reason.points)
    if reason.also_names:
        text += _("; also develops {skills}").format(skills=", ".join(reason.also_names))
    return text


def _route_option(option: RouteOption) -> str:
    name = route_name(option.kind)
    if option.kind == "re-exam" and option.exam_cost is not None:
        return f"{name} ({money(option.exam_cost, option.currency)})"
    return name


def _renewal_due(reason: RenewalDue) -> str:
    text = _("renew by {date} ({scheme}); suggested route: {route} - {description}").format(
        date=reason.renew_by.isoformat(),
        scheme=reason.scheme_name,
        route=route_name(reason.route.kind),
        description=reason.route.description.rstrip("."),
    )
    if reason.alternatives:
        text += _("; alternatives: {routes}").format(routes="; ".join(_route_option(o) for o in reason.alternatives))
    if len(reason.course_ids) > 1:
        text += _("; check with the provider that one CPD record covers every certificate named")
    return text


def _ready_for_level(reason: ReadyForLevel) -> str:
    return _n(
        "ready for level {level} ({name}): {years} typical year at level {previous} and a certification done; "
        "from now on courses fit level {level}",
        "ready for level {level} ({name}): {years} typical years at level {previous} and a certification done; "
        "from now on courses fit level {level}",
        reason.typical_years,
    ).format(level=reason.level, name=reason.level_name, years=reason.typical_years, previous=reason.level - 1)


def _target_reached(reason: TargetReached) -> str:
    return _("target level {level} reached").format(level=reason.level)


def _lapsed(reason: Lapsed) -> str:
    return _(
        "{title}: renew-by date {date} has passed; the certificate is no longer current (retake the exam to restore it)"
    ).format(title=reason.title, date=reason.renew_by.isoformat())


def _lapses_unplanned(reason: LapsesUnplanned) -> str:
    return _("{title} lapses on {date}; see the provider for renewal").format(
        title=reason.title, date=reason.renew_by.isoformat()
    )


def _assumed_completed(reason: AssumedCompleted) -> str:
    return _("{course} assumed completed: it is a prerequisite of {of}").format(
        course=reason.course_id, of=reason.prerequisite_of
    )


def _completion_date_unknown(reason: CompletionDateUnknown) -> str:
    return _(
        "{title}: completion date unknown, so its renewal is not planned (give --completed {course}@YYYY-MM-DD)"
    ).format(title=reason.title, course=reason.course_id)


def _unpriced_under_budget(reason: UnpricedUnderBudget) -> str:
    return _n(
        "{count} planned course has no published price, so only its exam price, where known, "
        "was held against the {budget} yearly budget: {courses}",
        "{count} planned courses have no published price, so only their exam price, where known, "
        "was held against the {budget} yearly budget: {courses}",
        len(reason.course_ids),
    ).format(
        count=len(reason.course_ids), budget=money(reason.budget, reason.currency), courses=", ".join(reason.course_ids)
    )


def _days_short(reason: DaysShort) -> str:
    if reason.per_year is None:
        return _("needs {needed} days, {left} left of the yearly training days").format(
            needed=days(reason.needed), left=days(reason.left)
        )
    plural = 1 if reason.per_year == 1 else 2
    if reason.left >= reason.per_year:  # nothing else used the days: the limit itself is too small
        template = _n(
            "needs {needed} days, more than the {per_year} training day a year",
            "needs {needed} days, more than the {per_year} training days a year",
            plural,
        )
    else:
        template = _n(
            "needs {needed} days, {left} left of the {per_year} training day a year",
            "needs {needed} days, {left} left of the {per_year} training days a year",
            plural,
        )
    return template.format(needed=days(reason.needed), left=days(reason.left), per_year=days(reason.per_year))


def _budget_short(reason: BudgetShort) -> str:
    cost, left = money(reason.cost, reason.currency), money(reason.left, reason.currency)
    if reason.per_year is None:
        template = (
            _("costs at least {cost}, {left} left of the yearly budget")
            if reason.at_least
            else _("costs {cost}, {left} left of the yearly budget")
        )
        return template.format(cost=cost, left=left)
    if reason.left >= reason.per_year:  # nothing else was spent: the budget itself is too small
        template = (
            _("costs at least {cost}, more than the {budget} budget a year")
            if reason.at_least
            else _("costs {cost}, more than the {budget} budget a year")
        )
    else:
        template = (
            _("costs at least {cost}, {left} left of the {budget} budget a year")
            if reason.at_least
            else _("costs {cost}, {left} left of the {budget} budget a year")
        )
    return template.format(cost=cost, left=left, budget=money(reason.per_year, reason.currency))


def years_text(years: Sequence[int]) -> str:
    """``2027-2028, 2031``: years in order, runs of consecutive years as ranges."""
    runs: list[list[int]] = []
    for year in sorted(years):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return ", ".join(str(run[0]) if len(run) == 1 else f"{run[0]}-{run[-1]}" for run in runs)


def _limit_reached(limit: LimitReached) -> str:
    """``the limit of 2 specialist courses a year was reached in 2027-2028``; days and budget alike."""
    years = years_text(limit.years)
    if limit.limit == "specialist-courses":
        count = round(limit.per_year)
        return _n(
            "the limit of {count} specialist course a year was reached in {years}",
            "the limit of {count} specialist courses a year was reached in {years}",
            count,
        ).format(count=count, years=years)
    if limit.limit == "days":
        return _n(
            "the limit of {days} training day a year was reached in {years}",
            "the limit of {days} training days a year was reached in {years}",
            1 if limit.per_year == 1 else 2,
        ).format(days=days(limit.per_year), years=years)
    return _("the budget of {budget} a year was reached in {years}").format(
        budget=money(limit.per_year, limit.currency), years=years
    )


def _no_certification_left(reason: NoCertificationLeft) -> str:
    if reason.provider:
        return _(
            "no certification from provider '{provider}' left that suits level {level} and whose prerequisites are met"
        ).format(provider=reason.provider, level=reason.level)
    return _("no certification left that suits level {level} and whose prerequisites are met").format(
        level=reason.level
    )


def _recommended_refused(reason: RecommendedRefused) -> str:
    if reason.instead_unpriced:
        template = _(
            "recommended for level {level} but {refusal}; {course} planned instead, though its course price is "
            "not published: check that it fits the budget before booking"
        )
    else:
        template = _("recommended for level {level} but {refusal}; {course} planned instead")
    return template.format(level=reason.level, refusal=reason_text(reason.refusal), course=reason.planned_instead)


def _better_ranked_refused(reason: BetterRankedRefused) -> str:
    if reason.instead_unpriced:
        template = _(
            "ranked before {course} for level {level} but {refusal}; {course} planned instead, though its course "
            "price is not published: check that it fits the budget before booking"
        )
    else:
        template = _("ranked before {course} for level {level} but {refusal}; {course} planned instead")
    return template.format(level=reason.level, refusal=reason_text(reason.refusal), course=reason.planned_instead)


def _renewal_unfunded(reason: RenewalUnfunded) -> str:
    if reason.restore:
        template = _("re-sitting the lapsed {title} {refusal}: it stays lapsed unless the budget allows it")
    else:
        template = _("renewing {title} by {date} {refusal}: it lapses then unless the budget allows it")
    return template.format(title=reason.title, date=reason.renew_by.isoformat(), refusal=_budget_short(reason.refusal))


def _cadence_full(reason: CadenceFull) -> str:
    rhythm = _n(
        "one certification sitting every {every} year", "one certification sitting every {every} years", reason.every
    ).format(every=reason.every)
    if not reason.sittings:
        return _(
            "recommended for level {level}, but no sitting fell due at this level within the plan ({rhythm})"
        ).format(level=reason.level, rhythm=rhythm)
    sittings = ", ".join(f"{course} ({year})" for year, course in reason.sittings)
    return _("recommended for level {level}, but the plan has {rhythm} and they went to {sittings}").format(
        level=reason.level, rhythm=rhythm, sittings=sittings
    )


def _no_certification_fits(reason: NoCertificationFits) -> str:
    refusals = [f"{each.course_id} {reason_text(each.refusal)}" for each in reason.refused]
    if reason.more:
        refusals.append("...")
    return _("no certification fits this year: {refusals}").format(refusals="; ".join(refusals))


def _prerequisite_missing(reason: PrerequisiteMissing) -> str:
    needs = _(" and ").join(_(" or ").join(group) for group in reason.missing)
    return _("recommended for level {level} but needs {needs} first").format(level=reason.level, needs=needs)


def _no_gaps_known(reason: NoGapsKnown) -> str:
    return _(
        "no skill gaps known at this level: add --focus SKILL, or assess with 'pmoplan assess' and plan with "
        "--profile, to plan specialist courses"
    )


def _gap_open(reason: GapOpen) -> str:
    if reason.cause == "no-course":
        return _("{skill}: no specialist course in the catalogue develops this skill").format(skill=reason.skill_name)
    templates = {
        "not-at-level": _n(
            "{skill}: {points} point still open; no specialist course for it suits level {level}",
            "{skill}: {points} points still open; no specialist course for it suits level {level}",
            reason.points,
        ),
        "all-taken": _n(
            "{skill}: {points} point still open; every suitable specialist course is already planned or done",
            "{skill}: {points} points still open; every suitable specialist course is already planned or done",
            reason.points,
        ),
        "no-room": _n(
            "{skill}: {points} point still open; no remaining course for it could be planned",
            "{skill}: {points} points still open; no remaining course for it could be planned",
            reason.points,
        ),
    }
    if reason.cause == "no-room" and reason.limits:
        limits = "; ".join(_limit_reached(limit) for limit in reason.limits)
        return _n(
            "{skill}: {points} point still open; no room for a course for it: {limits}",
            "{skill}: {points} points still open; no room for a course for it: {limits}",
            reason.points,
        ).format(skill=reason.skill_name, points=reason.points, limits=limits)
    return templates[reason.cause].format(skill=reason.skill_name, points=reason.points, level=reason.level)


def _follows_foundation(reason: FollowsFoundation) -> str:
    return _("follows {foundation} ({year}) within a year, so the two are not split").format(
        foundation=reason.foundation, year=reason.foundation_year
    )


def _restores_lapsed(reason: RestoresLapsed) -> str:
    return _("restores lapsed {courses}").format(courses=", ".join(reason.course_ids))


def _on_experience(reason: OnExperience) -> str:
    needs = _(" and ").join(_(" or ").join(group) for group in reason.missing)
    return _(
        "the provider accepts appropriate practical experience instead of {needs}: check yours before booking"
    ).format(needs=needs)


def experience_need_text(need: ExperienceNeed) -> str:
    """``36 months in project roles`` / ``48 months in programme roles and pmi-pmp``."""
    parts = []
    for months, area in (
        (need.project_months, _("project")),
        (need.programme_months, _("programme")),
        (need.portfolio_months, _("portfolio")),
    ):
        if months:
            parts.append(
                _n("{n} month in {area} roles", "{n} months in {area} roles", months).format(n=months, area=area)
            )
    if need.courses:
        parts.append(_(" or ").join(need.courses))
    return _(" and ").join(parts)


def _experience_met(reason: ExperienceMet) -> str:
    return _("experience met: {need}").format(need=experience_need_text(reason.need))


def _renewal_urgent(reason: RenewalUrgent) -> str:
    text = _n(
        "URGENT: renew {title} by {date} ({days} day from today)",
        "URGENT: renew {title} by {date} ({days} days from today)",
        reason.days_left,
    ).format(title=reason.title, date=reason.renew_by.isoformat(), days=reason.days_left)
    if reason.before_plan:
        text += _("; the plan assumes you renew it in time")
    return text


def _start_moved(reason: StartMoved) -> str:
    return _("the plan starts in {start}: the {month} {year} sitting month has passed (today is {today})").format(
        start=reason.start_year,
        month=calendar.month_name[reason.month],
        year=reason.today.year,
        today=reason.today.isoformat(),
    )


def _experience_unknown(reason: ExperienceUnknown) -> str:
    return _(
        "{courses} need months of experience: give --experience-years N to plan them in the year you qualify"
    ).format(courses=", ".join(reason.course_ids))


def _redundant(reason: Redundant) -> str:
    return _("not planned: {by} makes it redundant").format(by=reason.made_redundant_by)


def _family_held(reason: FamilyHeld) -> str:
    return _(
        "not planned: {held} already gives foundation-level knowledge of the same family ({family}); "
        "ask for breadth with --focus"
    ).format(held=reason.held, family=reason.family)


def _not_yet_eligible(reason: NotYetEligible) -> str:
    needs = _("; or ").join(experience_need_text(need) for need in reason.needs)
    if reason.known:
        return _("not yet eligible within the plan: needs {needs}").format(needs=needs)
    return _("needs {needs}: give --experience-years N to check").format(needs=needs)


def _prerequisite_not_current(reason: PrerequisiteNotCurrent) -> str:
    return _("needs a current {prerequisite}, which has lapsed; restore it first").format(
        prerequisite=reason.prerequisite
    )


def _practitioner_split(reason: PractitionerSplit) -> str:
    return _("not planned more than a year after {foundation} ({year}): sit them together").format(
        foundation=reason.foundation, year=reason.foundation_year
    )


SPARE_IDEAS = {
    "another-course": "a second course for the skill (add one to your catalogue)",
    "coaching": "coaching or mentoring",
    "self-study": "self-study",
    "community": "a PMO community, conference or webinar",
}


def _spare_capacity(reason: SpareCapacity) -> str:
    ideas = ", ".join(_(SPARE_IDEAS[idea]) for idea in reason.ideas)
    return _n(
        "{days} training day unused; still open with no course left at this level: {skills}; consider {ideas}",
        "{days} training days unused; still open with no course left at this level: {skills}; consider {ideas}",
        1 if reason.days_left == 1 else 2,
    ).format(days=days(reason.days_left), skills=", ".join(reason.skill_names), ideas=ideas)


def _number(value: float) -> str:
    return f"{value:g}"


def _cpd_years_missed(reason: CpdYearsMissed) -> str:
    ends = ", ".join(end.isoformat() for end in reason.ends)
    return _("CPD is not possible: the years ending {ends} needed {required} {unit}s each and are not logged").format(
        ends=ends, required=_number(reason.required), unit=reason.unit
    )


def _credits_counted(reason: CreditsCounted) -> str:
    text = _(
        "{unit}s: {logged} logged + {planned} from planned courses of {required}; {remaining} still to find"
    ).format(
        unit=reason.unit,
        logged=_number(reason.logged),
        planned=_number(reason.planned),
        required=_number(reason.required),
        remaining=_number(reason.remaining),
    )
    if reason.short:
        text += _(" ({short})").format(short=", ".join(reason.short))
    return text


def _in_suspension(reason: InSuspension) -> str:
    return _("in PMI's suspension year: the PDUs can still be earned and the credential renewed until {date}").format(
        date=reason.until.isoformat()
    )


def _restore_lapsed(reason: RestoreLapsed) -> str:
    return _("lapsed on {date} and still needed at this level: retake the exam to restore it").format(
        date=reason.renew_by.isoformat()
    )


def _start_cpd_log(reason: StartCpdLog) -> str:
    return _("log at least {per_year} {unit}s every year until {date} ({scheme}), so that CPD can renew it").format(
        per_year=_number(reason.per_year), unit=reason.unit, date=reason.renew_by.isoformat(), scheme=reason.scheme_name
    )


def _kept_by_cpd(reason: KeptByCpd) -> str:
    keep = _(
        "{title} has no renew-by date: keep it by logging at least {per_year} {unit}s of CPD every year ({scheme})"
    )
    text = keep.format(
        title=reason.title, per_year=_number(reason.per_year), unit=reason.unit, scheme=reason.scheme_name
    )
    if reason.fee is None or reason.currency is None:
        return text
    return _("{text} and paying its yearly fee ({fee})").format(text=text, fee=money(reason.fee, reason.currency))


def _suite_exam_renews(reason: SuiteExamRenews) -> str:
    return _("sat before {date}, it also renews {courses} at no extra cost").format(
        date=reason.renew_by.isoformat(), courses=", ".join(reason.course_ids)
    )


_WRITERS: dict[str, Callable[[Any], str]] = {
    "first-certification": _first_certification,
    "certification-due": _certification_due,
    "recommended-for-level": _recommended,
    "suits-level": _suits_level,
    "builds-on": _builds_on,
    "covers-parts": _covers_parts,
    "exam-price-only": _exam_price_only,
    "other-currency": _other_currency,
    "converted-price": _converted_price,
    "offering-chosen": _offering_chosen,
    "gap-closed": _gap_closed,
    "renewal-due": _renewal_due,
    "cpd-years-missed": _cpd_years_missed,
    "credits-counted": _credits_counted,
    "in-suspension": _in_suspension,
    "restore-lapsed": _restore_lapsed,
    "start-cpd-log": _start_cpd_log,
    "kept-by-cpd": _kept_by_cpd,
    "suite-exam-renews": _suite_exam_renews,
    "ready-for-level": _ready_for_level,
    "target-reached": _target_reached,
    "lapsed": _lapsed,
    "lapses-unplanned": _lapses_unplanned,
    "assumed-completed": _assumed_completed,
    "completion-date-unknown": _completion_date_unknown,
    "unpriced-under-budget": _unpriced_under_budget,
    "days-short": _days_short,
    "budget-short": _budget_short,
    "no-certification-left": _no_certification_left,
    "recommended-refused": _recommended_refused,
    "better-ranked-refused": _better_ranked_refused,
    "no-certification-fits": _no_certification_fits,
    "cadence-full": _cadence_full,
    "renewal-unfunded": _renewal_unfunded,
    "prerequisite-missing": _prerequisite_missing,
    "no-gaps-known": _no_gaps_known,
    "gap-open": _gap_open,
    "follows-foundation": _follows_foundation,
    "restores-lapsed": _restores_lapsed,
    "on-experience": _on_experience,
    "experience-met": _experience_met,
    "renewal-urgent": _renewal_urgent,
    "start-moved": _start_moved,
    "experience-unknown": _experience_unknown,
    "redundant": _redundant,
    "family-held": _family_held,
    "not-yet-eligible": _not_yet_eligible,
    "prerequisite-not-current": _prerequisite_not_current,
    "practitioner-split": _practitioner_split,
    "spare-capacity": _spare_capacity,
}


def reason_text(reason: Reason | BudgetShort | DaysShort) -> str:
    """One reason record as a sentence fragment."""
    return _WRITERS[reason.code](reason)


def reasons_text(reasons: Sequence[Reason]) -> str:
    """Several reasons as one sentence: main reasons joined by ``;``, price notes in brackets."""
    main = [reason_text(r) for r in reasons if r.code not in PRICE_NOTE_CODES]
    notes = [reason_text(r) for r in reasons if r.code in PRICE_NOTE_CODES]
    text = "; ".join(main)
    if notes:
        text += " (" + "; ".join(notes) + ")"
    return text


def item_title(item: PlanItem) -> str:
    """An item's title as shown: a renewal says what it renews (``Renew P3O Foundation``)."""
    if item.kind == "renewal":
        return _("Renew {titles}").format(titles=item.title)
    return item.title


def item_text(item: PlanItem) -> str:
    """Why a plan item is there."""
    return reasons_text(item.reasons) if item.reasons else item.why


def warning_text(warning: PlanWarning) -> str:
    """What a warning asks the person to act on or know."""
    text = reasons_text(warning.reasons) if warning.reasons else warning.text
    if warning.code in ("start-cpd-log", "kept-by-cpd") and warning.year is not None:
        return _("from {year}: {text}").format(year=warning.year, text=text)  # when to start logging
    return text


def milestone_text(milestone: Milestone) -> str:
    """What a milestone marks."""
    return reasons_text(milestone.reasons) if milestone.reasons else milestone.text


def unscheduled_text(entry: Unscheduled) -> str:
    """Why an entry could not be scheduled."""
    return reasons_text(entry.reasons) if entry.reasons else entry.reason


def plan_with_text(plan: Plan) -> Plan:
    """A copy of the plan whose text fields are written from its reason records (for JSON)."""
    texts: dict[int, Any] = {}  # entries are shared between years and plans: write each once

    def filled(entry: Any, field: str, text: Callable[[Any], str]) -> Any:
        found = texts.get(id(entry))
        if found is None:
            found = texts[id(entry)] = entry.model_copy(update={field: text(entry)}) if entry.reasons else entry
        return found

    years = [y.model_copy(update={"items": [filled(i, "why", item_text) for i in y.items]}) for y in plan.years]
    return plan.model_copy(
        update={
            "years": years,
            "warnings": [filled(w, "text", warning_text) for w in plan.warnings],
            "milestones": [filled(m, "text", milestone_text) for m in plan.milestones],
            "unscheduled": [filled(u, "reason", unscheduled_text) for u in plan.unscheduled],
        }
    )


def plan_json_data(plan: Plan) -> dict[str, Any]:
    """The plan as JSON data, with every text field written from its reason records."""
    data: dict[str, Any] = plan.model_dump(mode="json")
    for year, dumped in zip(plan.years, data["years"], strict=True):
        for item, fields in zip(year.items, dumped["items"], strict=True):
            fields["why"] = item_text(item)
    for warning, fields in zip(plan.warnings, data["warnings"], strict=True):
        fields["text"] = warning_text(warning)
    for milestone, fields in zip(plan.milestones, data["milestones"], strict=True):
        fields["text"] = milestone_text(milestone)
    for entry, fields in zip(plan.unscheduled, data["unscheduled"], strict=True):
        fields["reason"] = unscheduled_text(entry)
    return data
