"""Models of a development plan: the planner's inputs and its result.

The JSON of :class:`Plan` (``pmoplan plan --format json``) is the stable interface that the
exports and team plans build on; ``pmoplan schema plan`` prints its JSON Schema.

Every item, milestone and unscheduled entry carries ``reasons``: records from
:mod:`pmoplan.reasons`, each with a ``code``. The text fields beside them (``why``, ``text``,
``reason``) are written from those records at the edge, by :mod:`pmoplan.render.reason_text`;
the engine leaves them empty. A hand-built plan without records keeps its own text.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import ConfigDict, Field

from pmoplan.models import Currency, FrozenModel, Identifier, LevelNumber, ShortText, StrictModel
from pmoplan.reasons import Reason

PlanItemKind = Literal["certification", "specialist", "renewal"]
MilestoneKind = Literal["ready-for-level", "target-reached"]


class OutputModel(FrozenModel):
    """Base for result models: frozen and closed, but not strict (built by code, not read from files)."""


class CompletedCourse(OutputModel):
    """A course already done, with its completion date when known."""

    course_id: Identifier
    completed_on: date | None = None


class ExperienceMonths(OutputModel):
    """Months a person has worked in project, programme and portfolio roles (PMO roles count as project)."""

    project_months: int = Field(default=0, ge=0, le=1200)
    programme_months: int = Field(default=0, ge=0, le=1200)
    portfolio_months: int = Field(default=0, ge=0, le=1200)


class CpdEntry(StrictModel):
    """One piece of learning logged in the profile: when, under which scheme, how much, what."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, strict=True, populate_by_name=True, serialize_by_alias=True, defer_build=True
    )

    # Written as 'date' in the profile. Dates are text there; lax parsing refuses 2026-02-30.
    on: Annotated[date, Field(strict=False, alias="date")]
    scheme: Identifier
    amount: float = Field(gt=0, le=1000)
    category: Identifier | None = None
    note: ShortText | None = None  # one line, no control characters (it is shown in tables)
    course_id: Identifier | None = None


class PlanRequest(OutputModel):
    """Everything the planner needs to know about the person and the options."""

    current_level: LevelNumber
    target_level: LevelNumber
    years: int = Field(ge=1, le=20)
    start_year: int = Field(ge=2000, le=2100)
    days_per_year: float = Field(default=8, ge=0, le=100)
    budget_per_year: float | None = Field(default=None, ge=0)
    completed: list[CompletedCourse] = Field(default_factory=list)
    focus: list[Identifier] = Field(default_factory=list)
    gaps: dict[Identifier, int] = Field(default_factory=dict)
    cert_every: Literal[2, 3] | None = None
    provider: str | None = None
    max_specialist_per_year: int = Field(default=2, ge=0, le=10)
    month: int = Field(default=3, ge=1, le=12)
    experience: ExperienceMonths | None = Field(
        default=None, description="experience when the plan starts; None when unknown (then it is asked for)"
    )
    today: date | None = Field(
        default=None, description="the day the plan is made (the engine reads no clock): lapses and urgency"
    )
    currency: Currency | None = Field(default=None, description="budget currency; None means the catalogue's")
    cpd_log: list[CpdEntry] = Field(default_factory=list)


class PlanItem(OutputModel):
    """One course, or one renewal, in one year."""

    uid: str
    course_id: Identifier
    title: str
    kind: PlanItemKind
    days: float
    cost: float | None
    currency: Currency | None
    reasons: list[Reason] = Field(default_factory=list)
    offering: str | None = Field(
        default=None, description="the mode of the offering planned; None for the course itself"
    )
    cost_high: float | None = Field(default=None, description="top of the price range, in the item's currency")
    budget_cost: float | None = Field(
        default=None, description="the known cost in the plan's currency (high end of a range); None if unknown"
    )
    why: str = Field(default="", description="the reasons as one sentence (rendered at the edge)")
    renew_by: date | None = None
    route: str | None = None


class PlanYear(OutputModel):
    """One year of the plan."""

    year: int
    level: LevelNumber
    items: list[PlanItem]
    days: float
    costs: dict[Currency, float]
    unpriced_items: int
    budget_cost: float = Field(default=0.0, description="known cost converted to the plan's currency")
    priced_items: int = Field(default=0, description="items whose cost is known and counted in budget_cost")


class Milestone(OutputModel):
    """Progress on the timeline: readiness for the next level, the target reached."""

    year: int
    kind: MilestoneKind
    reasons: list[Reason] = Field(default_factory=list)
    text: str = Field(default="", description="the reasons as one sentence (rendered at the edge)")
    level: LevelNumber | None = None


class PlanWarning(OutputModel):
    """Something the person must act on or know: a lapse, an urgent renewal, an assumption, a budget caveat.

    ``code`` is the code of the first reason; ``urgent`` ones (a renew-by date within six months)
    come first.
    """

    code: str
    year: int | None = None
    urgent: bool = False
    reasons: list[Reason] = Field(default_factory=list)
    text: str = Field(default="", description="the reasons as one sentence (rendered at the edge)")


class CategoryCredits(OutputModel):
    """One credit category of a cycle: its bound, what is logged and planned, what is still missing."""

    category: Identifier
    name: str
    min: float | None
    max: float | None
    logged: float
    planned: float
    remaining: float


class PeriodCredits(OutputModel):
    """One year of a per-year scheme (PeopleCert: 20 points in each of the 3 years)."""

    start: date
    end: date
    required: float
    logged: float
    planned: float
    ended: bool


class Credits(OutputModel):
    """Credits for one certificate's current cycle: required, logged, planned, remaining."""

    scheme: Identifier
    unit: str
    required: float | None
    logged: float
    planned: float
    remaining: float | None
    assumed: bool = False
    window_start: date
    window_end: date
    categories: list[CategoryCredits] = Field(default_factory=list)
    periods: list[PeriodCredits] = Field(default_factory=list)


class Certificate(OutputModel):
    """A certificate held or earned during the plan, when it must be renewed by, how, and its credits."""

    course_id: Identifier
    title: str
    awarded_on: date | None
    renew_by: date | None
    planned: bool
    route: str | None = None
    credits: Credits | None = None


class Unscheduled(OutputModel):
    """A course or need that the plan could not place, and why."""

    course_id: Identifier | None
    skill: Identifier | None = None
    year: int | None = None
    reasons: list[Reason] = Field(default_factory=list)
    reason: str = Field(default="", description="the reasons as one sentence (rendered at the edge)")


class Totals(OutputModel):
    """Sums over the whole plan."""

    days: float
    costs: dict[Currency, float]
    unpriced_items: int
    budget_cost: float = Field(default=0.0, description="known cost converted to the plan's currency")
    priced_items: int = Field(default=0, description="items whose cost is known and counted in budget_cost")
    certifications: int
    specialist: int
    renewals: int


class Plan(OutputModel):
    """A dated, explained development plan for one person."""

    schema_version: Literal[2] = 2
    request: PlanRequest
    currency: Currency
    years: list[PlanYear]
    warnings: list[PlanWarning] = Field(default_factory=list)
    milestones: list[Milestone]
    certificates: list[Certificate]
    totals: Totals
    unscheduled: list[Unscheduled]
