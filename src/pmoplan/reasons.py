"""Why the planner did what it did, as data: one frozen record per kind of reason.

This is a bottom-layer module: it imports nothing from pmoplan. The plan engine attaches these
records to plan items, milestones, warnings and unscheduled entries; it writes no sentences.
Every sentence is written from a record's ``code`` in :mod:`pmoplan.render.reason_text` (ready
for translation). Tests and renderers decide by ``code`` and typed fields, never by reading text.

Each record names what a sentence needs (ids, titles and names from the catalogue, numbers,
dates), so that it can be rendered without the catalogue. The JSON of a plan carries the
records beside the rendered text (``pmoplan schema plan``).

Annotations here are evaluated as each class is made (the module does not use ``from __future__ import
annotations``): pydantic would otherwise compile and evaluate a string for every field on each start-up.
"""

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field


class ReasonRecord(BaseModel):
    """Base of every reason record: frozen (hashable, shareable across plans) and closed."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


# --- why a course is in the plan ------------------------------------------------------------


class FirstCertification(ReasonRecord):
    """No certification is known yet: the first one comes early in the plan."""

    code: Literal["first-certification"] = "first-certification"


class CertificationDue(ReasonRecord):
    """Enough years have passed since the last certification sitting (one every 2-3 years)."""

    code: Literal["certification-due"] = "certification-due"
    years_since: int


class RecommendedForLevel(ReasonRecord):
    """The course is one the level recommends."""

    code: Literal["recommended-for-level"] = "recommended-for-level"
    level: int
    level_name: str


class SuitsLevel(ReasonRecord):
    """The course is tagged for the level (but not among its recommended courses)."""

    code: Literal["suits-level"] = "suits-level"
    level: int


class BuildsOn(ReasonRecord):
    """The course builds on courses already passed (one per prerequisite group)."""

    code: Literal["builds-on"] = "builds-on"
    course_ids: tuple[str, ...]


class CoversParts(ReasonRecord):
    """A combined course: one sitting completes each of these courses."""

    code: Literal["covers-parts"] = "covers-parts"
    course_ids: tuple[str, ...]


class ExamPriceOnly(ReasonRecord):
    """Only the exam has a published price: that price is a floor, not the course's cost."""

    code: Literal["exam-price-only"] = "exam-price-only"
    exam_cost: float
    currency: str | None


class OtherCurrency(ReasonRecord):
    """The course is priced in another currency than the budget, so it is not counted against it."""

    code: Literal["other-currency"] = "other-currency"
    currency: str
    budget_currency: str


class ConvertedPrice(ReasonRecord):
    """The item's price is in another currency: converted to the budget currency with a dated rate."""

    code: Literal["converted-price"] = "converted-price"
    cost: float
    cost_high: float | None = None
    currency: str
    converted: float = Field(description="the amount held against the budget (high end of a range)")
    budget_currency: str
    rates_date: str | None = Field(default=None, description="the date of the exchange rates used")


class OfferingChosen(ReasonRecord):
    """A lighter offering (exam-only, eLearning, distance) was planned because the standard one did not fit."""

    code: Literal["offering-chosen"] = "offering-chosen"
    mode: str
    standard_mode: str
    pressure: Literal["days", "budget"]
    standard_days: float
    standard_cost: float | None = Field(default=None, description="in the budget currency (high end)")
    standard_floor: bool = Field(default=False, description="only the exam price of the standard option is known")
    currency: str


class GapClosed(ReasonRecord):
    """A specialist course closes a point of a skill gap (the largest open one, or a focus skill)."""

    code: Literal["gap-closed"] = "gap-closed"
    skill: str
    skill_name: str
    points: int = Field(description="points of the gap still open before this course")
    focus: bool = Field(description="the skill was asked for with --focus")
    also: tuple[str, ...] = ()
    also_names: tuple[str, ...] = ()


class RouteOption(ReasonRecord):
    """One renewal route, by kind, with the exam price where the route is a re-exam."""

    kind: str
    description: str
    exam_cost: float | None = None
    currency: str | None = None


class RenewalDue(ReasonRecord):
    """A certificate must be renewed by a date; the suggested route and the alternatives."""

    code: Literal["renewal-due"] = "renewal-due"
    renew_by: date
    scheme_id: str
    scheme_name: str
    route: RouteOption
    alternatives: tuple[RouteOption, ...] = ()
    course_ids: tuple[str, ...] = Field(description="every certificate this one renewal covers")


class FollowsFoundation(ReasonRecord):
    """A Practitioner sat the year after its Foundation, so the two are never split."""

    code: Literal["follows-foundation"] = "follows-foundation"
    foundation: str
    foundation_year: int


class RestoresLapsed(ReasonRecord):
    """The course restores lapsed certificates (a combined course, or a re-sit of a needed Foundation)."""

    code: Literal["restores-lapsed"] = "restores-lapsed"
    course_ids: tuple[str, ...]


class OnExperience(ReasonRecord):
    """Planned without the listed prerequisites: the provider accepts practical experience instead."""

    code: Literal["on-experience"] = "on-experience"
    missing: tuple[tuple[str, ...], ...]


class ExperienceNeed(ReasonRecord):
    """One published way to meet an experience requirement (all months, and one of the courses if any)."""

    project_months: int = 0
    programme_months: int = 0
    portfolio_months: int = 0
    courses: tuple[str, ...] = ()


class ExperienceMet(ReasonRecord):
    """The person's experience meets the course's requirement in the year planned."""

    code: Literal["experience-met"] = "experience-met"
    need: ExperienceNeed


class CpdYearsMissed(ReasonRecord):
    """The CPD route is out: years before the renew-by date ended (or end before the plan) without their points."""

    code: Literal["cpd-years-missed"] = "cpd-years-missed"
    ends: tuple[date, ...]
    required: float
    unit: str


class CreditsCounted(ReasonRecord):
    """Credits of the cycle: required, logged, earned by planned courses, still to find (and categories short)."""

    code: Literal["credits-counted"] = "credits-counted"
    unit: str
    required: float
    logged: float
    planned: float
    remaining: float
    short: tuple[str, ...] = Field(default=(), description="categories still short, with the points missing")


class InSuspension(ReasonRecord):
    """PMI's suspension year: the cycle has ended, but PDUs can still be earned and the credential renewed."""

    code: Literal["in-suspension"] = "in-suspension"
    until: date


class RestoreLapsed(ReasonRecord):
    """A lapsed certificate the person's level still needs: the exam is sat again to restore it."""

    code: Literal["restore-lapsed"] = "restore-lapsed"
    renew_by: date


class StartCpdLog(ReasonRecord):
    """Log CPD from this year, every year until the renew-by date, so that CPD can renew the certificate."""

    code: Literal["start-cpd-log"] = "start-cpd-log"
    renew_by: date
    per_year: float
    unit: str
    scheme_name: str


class KeptByCpd(ReasonRecord):
    """No renew-by date: yearly CPD (and a yearly fee, where known) keep the certificate from this year on."""

    code: Literal["kept-by-cpd"] = "kept-by-cpd"
    course_id: str
    title: str
    per_year: float
    unit: str
    scheme_name: str
    fee: float | None
    currency: str | None


class SuiteExamRenews(ReasonRecord):
    """This exam is sat before a renew-by date: it renews every certificate of the suite at no extra cost."""

    code: Literal["suite-exam-renews"] = "suite-exam-renews"
    renew_by: date
    course_ids: tuple[str, ...]


# --- progress ---------------------------------------------------------------------------------


class ReadyForLevel(ReasonRecord):
    """The person is expected to be ready for roles at the next level."""

    code: Literal["ready-for-level"] = "ready-for-level"
    level: int
    level_name: str
    typical_years: int


class TargetReached(ReasonRecord):
    """The target level is reached."""

    code: Literal["target-reached"] = "target-reached"
    level: int


# --- what the person must know or act on ---------------------------------------------------


class Lapsed(ReasonRecord):
    """A certificate's renew-by date has passed before the plan starts."""

    code: Literal["lapsed"] = "lapsed"
    course_id: str
    title: str
    renew_by: date


class LapsesUnplanned(ReasonRecord):
    """A certificate lapses inside the plan and the catalogue names no renewal scheme for it."""

    code: Literal["lapses-unplanned"] = "lapses-unplanned"
    course_id: str
    title: str
    renew_by: date


class AssumedCompleted(ReasonRecord):
    """A course is assumed passed because a completed course requires it."""

    code: Literal["assumed-completed"] = "assumed-completed"
    course_id: str
    prerequisite_of: str


class RenewalUrgent(ReasonRecord):
    """A renew-by date falls within six months of today."""

    code: Literal["renewal-urgent"] = "renewal-urgent"
    course_id: str
    title: str
    renew_by: date
    days_left: int
    before_plan: bool = Field(description="due before the plan's first year: the plan assumes it is renewed in time")


class StartMoved(ReasonRecord):
    """The plan starts next year because this year's sitting month has passed."""

    code: Literal["start-moved"] = "start-moved"
    today: date
    month: int
    start_year: int


class ExperienceUnknown(ReasonRecord):
    """Courses need months of experience that the person has not given (``--experience-years``)."""

    code: Literal["experience-unknown"] = "experience-unknown"
    course_ids: tuple[str, ...]


class CompletionDateUnknown(ReasonRecord):
    """A completed certification has no date, so its renewal cannot be planned."""

    code: Literal["completion-date-unknown"] = "completion-date-unknown"
    course_id: str
    title: str


class UnpricedUnderBudget(ReasonRecord):
    """Planned courses without a published price could not be checked against the budget."""

    code: Literal["unpriced-under-budget"] = "unpriced-under-budget"
    course_ids: tuple[str, ...]
    budget: float
    currency: str


# --- why something does not fit (capacity) ------------------------------------------------


class DaysShort(ReasonRecord):
    """The course needs more training days than are left this year (of ``per_year``, the yearly limit)."""

    code: Literal["days-short"] = "days-short"
    needed: float
    left: float
    per_year: float | None = Field(default=None, description="the training days a year (--days-per-year)")


class BudgetShort(ReasonRecord):
    """The course costs more than is left of this year's budget."""

    code: Literal["budget-short"] = "budget-short"
    cost: float
    left: float
    currency: str
    at_least: bool = Field(description="only the exam price is known, so the cost is a floor")
    per_year: float | None = Field(default=None, description="the budget a year (--budget-per-year)")


CapacityRefusal = Annotated[DaysShort | BudgetShort, Field(discriminator="code")]


class CourseRefused(ReasonRecord):
    """One course that did not fit, and why."""

    course_id: str
    refusal: CapacityRefusal


# --- what could not be scheduled ----------------------------------------------------------


class NoCertificationLeft(ReasonRecord):
    """No certification is left that suits the level and whose prerequisites are met."""

    code: Literal["no-certification-left"] = "no-certification-left"
    level: int
    provider: str | None = None


class RecommendedRefused(ReasonRecord):
    """A better-ranked recommended certification did not fit; another was planned instead."""

    code: Literal["recommended-refused"] = "recommended-refused"
    level: int
    refusal: CapacityRefusal
    planned_instead: str
    instead_unpriced: bool = Field(
        default=False,
        description="refused for its price while the course planned instead has no published course price",
    )


class BetterRankedRefused(ReasonRecord):
    """A certification ranked before the one planned (not one the level recommends) did not fit this year.

    The planner sits the best-ranked candidate that fits; one ranked above it and refused for the
    year's days or budget is named, so that a cheaper or unpriced course is never chosen silently.
    """

    code: Literal["better-ranked-refused"] = "better-ranked-refused"
    level: int
    refusal: CapacityRefusal
    planned_instead: str
    instead_unpriced: bool = Field(
        default=False,
        description="refused for its price while the course planned instead has no published course price",
    )


class RenewalUnfunded(ReasonRecord):
    """A renewal (or the re-sit restoring a lapsed certificate) costs more than the year's budget left.

    Renewals are funded before new courses; one the budget still cannot pay is not planned, and the
    certificate lapses on ``renew_by`` (or stays lapsed) unless the budget is raised.
    """

    code: Literal["renewal-unfunded"] = "renewal-unfunded"
    course_id: str
    title: str
    renew_by: date
    restore: bool = Field(default=False, description="a re-sit restoring a lapsed certificate")
    refusal: BudgetShort


class CadenceFull(ReasonRecord):
    """A recommended certification the plan never reached: one sitting every ``every`` years, taken by others.

    ``sittings`` are the (year, course id) of the sittings at ``level``; empty when none fell due there.
    """

    code: Literal["cadence-full"] = "cadence-full"
    level: int
    every: int
    sittings: tuple[tuple[int, str], ...] = ()


class NoCertificationFits(ReasonRecord):
    """A sitting was due but no candidate fits this year's capacity (the first few refusals)."""

    code: Literal["no-certification-fits"] = "no-certification-fits"
    refused: tuple[CourseRefused, ...]
    more: int = Field(default=0, description="how many further candidates were refused too")


class PrerequisiteMissing(ReasonRecord):
    """A recommended course needs courses the person has not passed (all-of groups of any-of)."""

    code: Literal["prerequisite-missing"] = "prerequisite-missing"
    level: int
    missing: tuple[tuple[str, ...], ...]


class Redundant(ReasonRecord):
    """A course the person's certificates (held or planned) make pointless."""

    code: Literal["redundant"] = "redundant"
    course_id: str
    made_redundant_by: str


class FamilyHeld(ReasonRecord):
    """A second foundation-level certificate of a family the person already has (not asked for)."""

    code: Literal["family-held"] = "family-held"
    course_id: str
    family: str
    held: str


class NotYetEligible(ReasonRecord):
    """The course needs more experience than the person will have in the plan (or it is unknown)."""

    code: Literal["not-yet-eligible"] = "not-yet-eligible"
    course_id: str
    needs: tuple[ExperienceNeed, ...]
    known: bool = Field(description="the person's experience was given; if not, it is asked for")


class PrerequisiteNotCurrent(ReasonRecord):
    """A prerequisite that must be current has lapsed and the plan could not restore it."""

    code: Literal["prerequisite-not-current"] = "prerequisite-not-current"
    course_id: str
    prerequisite: str


class PractitionerSplit(ReasonRecord):
    """A Practitioner not sat within a year of its Foundation planned here is not planned later."""

    code: Literal["practitioner-split"] = "practitioner-split"
    course_id: str
    foundation: str
    foundation_year: int


class NoGapsKnown(ReasonRecord):
    """No skill gaps are known, so no specialist course was planned."""

    code: Literal["no-gaps-known"] = "no-gaps-known"


GapCause = Literal["no-course", "not-at-level", "all-taken", "no-room"]
YearlyLimit = Literal["specialist-courses", "days", "budget"]


class LimitReached(ReasonRecord):
    """A yearly limit that left no room for a course, with its figure and the years it was full.

    ``specialist-courses`` is the limit of specialist courses a year (two unless changed), ``days``
    the training days a year, ``budget`` the budget a year (in ``currency``).
    """

    limit: YearlyLimit
    per_year: float
    currency: str | None = None
    years: tuple[int, ...]


class GapOpen(ReasonRecord):
    """A skill gap is still open at the end of the plan, and why.

    For ``no-room``, ``limits`` names each yearly limit that was full when a course for the skill
    was left to plan, and in which years; empty when no remaining course could be planned at all.
    """

    code: Literal["gap-open"] = "gap-open"
    skill: str
    skill_name: str
    points: int
    level: int
    cause: GapCause
    limits: tuple[LimitReached, ...] = ()


SpareIdea = Literal["another-course", "coaching", "self-study", "community"]


class SpareCapacity(ReasonRecord):
    """Training days are left this year while gaps stay open that no remaining course closes."""

    code: Literal["spare-capacity"] = "spare-capacity"
    days_left: float
    skills: tuple[str, ...]
    skill_names: tuple[str, ...]
    ideas: tuple[SpareIdea, ...] = ("coaching", "self-study", "community", "another-course")


Reason = Annotated[
    FirstCertification
    | CertificationDue
    | RecommendedForLevel
    | SuitsLevel
    | BuildsOn
    | CoversParts
    | ExamPriceOnly
    | OtherCurrency
    | ConvertedPrice
    | OfferingChosen
    | GapClosed
    | FollowsFoundation
    | RestoresLapsed
    | OnExperience
    | ExperienceMet
    | RenewalDue
    | CpdYearsMissed
    | CreditsCounted
    | InSuspension
    | RestoreLapsed
    | StartCpdLog
    | KeptByCpd
    | SuiteExamRenews
    | ReadyForLevel
    | TargetReached
    | Lapsed
    | LapsesUnplanned
    | AssumedCompleted
    | RenewalUrgent
    | StartMoved
    | ExperienceUnknown
    | CompletionDateUnknown
    | UnpricedUnderBudget
    | NoCertificationLeft
    | RecommendedRefused
    | BetterRankedRefused
    | CadenceFull
    | RenewalUnfunded
    | NoCertificationFits
    | PrerequisiteMissing
    | Redundant
    | FamilyHeld
    | NotYetEligible
    | PrerequisiteNotCurrent
    | PractitionerSplit
    | NoGapsKnown
    | SpareCapacity
    | GapOpen,
    Field(discriminator="code"),
]
"""Any reason record; the ``code`` field says which."""

# Reasons that qualify an item's price rather than say why it is there (shown in brackets).
PRICE_NOTE_CODES = frozenset({"exam-price-only", "other-currency", "converted-price"})
