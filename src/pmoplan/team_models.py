"""The team report's models: the people, their plans and every aggregate of a team plan.

They live apart from :mod:`pmoplan.team` (which builds them) so that the modules that fill parts of
a report (bookings, lapses, privacy, second opinions) can use them without importing the builder.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from pydantic import Field

from pmoplan.models import Currency, Identifier, LevelNumber
from pmoplan.plan_models import CompletedCourse, OutputModel, Plan, PlanItemKind

BUDGET_PRIORITY = (
    "Items are funded in this order: renewals first (keeping certificates current), then "
    "certifications, then specialist courses; within a kind, people in the order of the team file; "
    "within a person, in plan order. The first item that takes the running total over the team budget, "
    "and every item after it, fall outside the budget. Every known price counts, converted to the "
    "catalogue's currency with the dated rate table; unpriced items never do."
)

SUPPRESSION_RULE = (
    "Figures built from 1 to K-1 people are suppressed (numbers null, suppressed true; shown as <K): "
    "seats per course and year; lapse-calendar cells; level headcounts; heat-map cells (also where the "
    "people at a level without the gap are 1 to K-1, and every cell of a level with fewer than K people); "
    "year totals (with the year's chart bar and budget figures) when fewer than K people have an item "
    "that year; courses outside the budget (also where the seats inside the budget are 1 to K-1); the "
    "number of people planned from a manager's review older than their latest self-assessment (left out "
    "of the text formats altogether). "
    "Then complementary suppression: where a published total minus the cells still shown would give "
    "back hidden cells of fewer than K distinct people, the smallest further cells are hidden, or the "
    "total itself; and a year with any hidden seat cell shows only its seat and people counts (its days, "
    "cost, chart bar and budget figures are hidden: with public prices they would solve for the hidden "
    "seats). Per-person data (people, lapses, items outside the budget) is left out entirely. "
    "Zero cells, the team headcount and the budget given are not suppressed."
)


@dataclass(frozen=True, slots=True)
class TeamMember:
    """One person of the team, as read (and already checked) from a CSV row, a YAML record or a profile.

    A plain dataclass rather than a model: the readers check every field with file and line, and
    a team of 100,000 should not pay for validating it twice.
    """

    id: str
    level: int
    target_level: int
    name: str | None = None
    completed: tuple[CompletedCourse, ...] = ()
    focus: tuple[str, ...] = ()
    gaps: tuple[tuple[str, int], ...] = ()
    days_per_year: float = 8.0
    budget_per_year: float | None = None
    experience_months: int | None = None  # months in project or PMO roles; None when not given

    @property
    def plan_key(self) -> tuple[object, ...]:
        """Everything about the person that the planner reads (the team-wide options are constant)."""
        return (
            self.level,
            self.target_level,
            self.days_per_year,
            self.budget_per_year,
            self.experience_months,
            self.completed,
            self.focus,
            self.gaps,
        )


class PersonPlan(OutputModel):
    """One person's plan within the team report."""

    id: str
    name: str | None
    plan: Plan


class SeatCell(OutputModel):
    """Seats (people), days and cost of one course of one kind in one year."""

    year: int
    course_id: Identifier
    title: str
    kind: PlanItemKind
    seats: int | None
    days: float | None
    cost: float | None
    currency: Currency | None
    unpriced: int | None
    suppressed: bool = False


class YearTotal(OutputModel):
    """Everything planned in one year, over the whole team."""

    year: int
    people: int | None
    seats: int | None
    days: float | None
    costs: dict[Currency, float] | None
    unpriced: int | None
    budget: float | None = None
    over_budget: float | None = None
    suppressed: bool = False
    # Every known cost converted to the team's currency (None when suppressed).
    budget_cost: float | None = None


class Lapse(OutputModel):
    """A certificate that must be renewed within the horizon: whose, which, and by when."""

    person_id: str
    course_id: Identifier
    title: str
    year: int
    renew_by: date
    route: str | None


class LapseCell(OutputModel):
    """How many certificates of one course must be renewed in one year."""

    year: int
    course_id: Identifier
    title: str
    people: int | None
    suppressed: bool = False


class LevelCount(OutputModel):
    """How many people are at one level today."""

    level: LevelNumber
    people: int | None
    suppressed: bool = False


class HeatCell(OutputModel):
    """How many people at one level have a gap in one skill."""

    skill: Identifier
    skill_name: str
    level: LevelNumber
    people_with_gap: int | None
    suppressed: bool = False


class OutsideItem(OutputModel):
    """One person's plan item that falls outside the team budget."""

    year: int
    person_id: str
    course_id: Identifier
    kind: PlanItemKind
    cost: float
    currency: Currency


class OutsideCell(OutputModel):
    """Seats and cost of one course that fall outside the team budget in one year."""

    year: int
    course_id: Identifier
    kind: PlanItemKind
    seats: int | None
    cost: float | None
    suppressed: bool = False


class BudgetYear(OutputModel):
    """One year against the team budget."""

    year: int
    budget: float
    planned: float | None
    in_house_saving: float | None = Field(
        default=0.0, description="Already taken off 'planned': where in-house classes are cheaper than public seats."
    )
    overrun: float | None
    suppressed: bool = False
    outside: list[OutsideItem] | None
    outside_by_course: list[OutsideCell]


class TeamBudget(OutputModel):
    """The team budget per year, the order items are funded in, and what falls outside."""

    budget_per_year: float
    currency: Currency
    priority: str = BUDGET_PRIORITY
    years: list[BudgetYear]


class Suppression(OutputModel):
    """What ``--min-group`` hid (see :mod:`pmoplan.team_privacy`)."""

    min_group: int
    cells_suppressed: int
    complementary: int = Field(
        default=0, description="Of the cells suppressed, those hidden only so that no total gives back another."
    )
    totals_hidden: list[int] = Field(default_factory=list, description="Years whose totals are hidden.")
    amounts_hidden: list[int] = Field(
        default_factory=list, description="Years whose days, cost and unpriced count are hidden (seats shown)."
    )
    rule: str = SUPPRESSION_RULE


Option = Literal["public", "in-house"]


class GroupBooking(OutputModel):
    """Public seats against an in-house course, for one course in one year."""

    year: int
    course_id: Identifier
    title: str
    seats: int
    public_cost: float | None
    classes: int
    in_house_cost: float
    currency: Currency
    break_even_seats: int | None
    cheaper: Option | None
    saving: float
    source: str


class OpinionDifference(OutputModel):
    """A skill on which a person's own view and their manager's differ by 2 or more points.

    The gaps are compared for every rated person; the ratings too where the person's own are
    known (a folder of profiles), since a self-rating far above the bar shows no gap at all.
    """

    person_id: str
    skill: Identifier
    self_gap: int
    manager_gap: int
    self_rating: int | None = Field(default=None, description="The person's own rating; null when not known.")
    manager_rating: int | None = Field(default=None, description="The manager's rating; null when not known.")


class UrgentRenewal(OutputModel):
    """One person's certificate that has lapsed, or must be renewed within six months (team_lapses.py)."""

    person_id: str
    course_id: Identifier
    title: str
    renew_by: date
    days_left: int = Field(description="Days from the as-of date to the renew-by date; negative once lapsed.")


class StaleReview(OutputModel):
    """A person whose plan used a manager's review made before their latest self-assessment."""

    person_id: str
    manager_taken_on: date = Field(description="The day of the manager's review the plan used.")
    self_taken_on: date = Field(description="The day of the person's latest self-assessment, after the review.")


class StaleReviews(OutputModel):
    """Plans built on a manager's review older than the person's latest self-assessment (team_opinions.py).

    Such a review may predate the growth the self-assessment records: the manager should review again.
    """

    count: int | None = Field(description="People; null when hidden by --min-group (1 to K-1 people).")
    suppressed: bool = False
    people: list[StaleReview] | None = Field(description="By person id; null with --min-group (per-person data).")


class TeamReport(OutputModel):
    """The JSON document of ``pmoplan team plan --format json`` (``pmoplan schema team``)."""

    schema_version: Literal[1] = 1
    start_year: int
    years: int
    currency: Currency
    people_count: int
    people: list[PersonPlan] | None
    seats: list[SeatCell]
    group_bookings: list[GroupBooking] = Field(default_factory=list)
    totals: list[YearTotal]
    lapses: list[Lapse] | None
    lapse_calendar: list[LapseCell]
    levels: list[LevelCount]
    heat_map: list[HeatCell]
    budget: TeamBudget | None = None
    suppression: Suppression | None = None
    # With per-person data: the top of the lapse calendar on the as-of date (see team_lapses.py).
    # A manager's second opinion (team_opinions.py): whose plans use it, and where the views differ.
    manager_view: list[str] | None = None
    second_opinion: list[OpinionDifference] | None = None
    as_of: date | None = None
    already_lapsed: list[UrgentRenewal] | None = None
    renew_within_6_months: list[UrgentRenewal] | None = None
    # Whose plans follow a manager's review older than their latest self-assessment (null: no manager's view).
    stale_reviews: StaleReviews | None = None
