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

from pydantic import BaseModel, ConfigDict, Field

from pmoplan.models import Currency, Identifier, LevelNumber, ShortText
from pmoplan.reasons import Reason

PlanItemKind = Literal["certification", "specialist", "renewal"]
MilestoneKind = Literal["ready-for-level", "target-reached", "certificate-lapses", "assumed-completed", "note"]


class OutputModel(BaseModel):
    """Base for result models: frozen and closed, but not strict (built by code, not read from files)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class CompletedCourse(OutputModel):
    """A course already done, with its completion date when known."""

    course_id: Identifier
    completed_on: date | None = None


class CpdEntry(BaseModel):
    """One piece of learning logged in the profile: when, under which scheme, how much, what."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, populate_by_name=True, serialize_by_alias=True)

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


class Milestone(OutputModel):
    """Something worth marking on the timeline: readiness for a level, a lapse, an assumption."""

    year: int
    kind: MilestoneKind
    reasons: list[Reason] = Field(default_factory=list)
    text: str = Field(default="", description="the reasons as one sentence (rendered at the edge)")
    level: LevelNumber | None = None


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
    certifications: int
    specialist: int
    renewals: int


class Plan(OutputModel):
    """A dated, explained development plan for one person."""

    schema_version: Literal[2] = 2
    request: PlanRequest
    currency: Currency
    years: list[PlanYear]
    milestones: list[Milestone]
    certificates: list[Certificate]
    totals: Totals
    unscheduled: list[Unscheduled]
