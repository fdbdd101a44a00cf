"""Pydantic models of the catalogue: skills, levels, courses, renewal schemes and exchange rates.

Every model is frozen, strict (no silent coercion of ``yes`` to ``True`` or ``"3"`` to ``3``)
and forbids unknown fields, so a typo in an organisation's YAML is an error, not a silent drop.
The documents of whole files are in :mod:`pmoplan.catalogue_files`, the JSON documents of the
catalogue commands in :mod:`pmoplan.catalogue_documents`.
Cross-references between files (a course's skills, prerequisites, levels) are checked in
:mod:`pmoplan.loading` (``_check_levels``, ``_check_courses``), where every problem is reported with its position.

Annotations here are evaluated as each class is made (the module does not use ``from __future__ import
annotations``): pydantic would otherwise compile and evaluate a string for every field on each start-up.
"""

import re
from datetime import date
from typing import Annotated, Literal, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator

# Control characters (C0 except tab/newline, DEL and C1) can rewrite a terminal's title or
# hide text; they have no place in catalogue text, so they are refused at validation time.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _no_control_characters(value: str) -> str:
    if _CONTROL_CHARACTERS.search(value):
        raise ValueError("control characters are not allowed in text")
    return value


Text = Annotated[
    str,
    StringConstraints(min_length=1, max_length=2000, strip_whitespace=False),
    AfterValidator(_no_control_characters),
]


def _single_line(value: str) -> str:
    if any(char in value for char in "\t\r\n"):
        raise ValueError("must be a single line without tabs")
    return value


ShortText = Annotated[
    str,
    StringConstraints(min_length=1, max_length=200),
    AfterValidator(_no_control_characters),
    AfterValidator(_single_line),
]
Identifier = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,59}$"),
]
# \S alone lets ESC through ('https://x\e]52;…' would write a clipboard when printed).
Url = Annotated[
    str, StringConstraints(pattern=r"^https?://\S+$", max_length=500), AfterValidator(_no_control_characters)
]
LevelNumber = Annotated[int, Field(ge=1, le=4)]
Rating = Annotated[int, Field(ge=0, le=5)]
# An ISO 4217 code. Open on purpose: the catalogue declares the currencies it uses (``currencies``)
# and an organisation's overlay can add one; the loader checks every price against that list.
Currency = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]


def _real_date(value: str) -> str:
    try:
        date.fromisoformat(value)
    except ValueError:
        raise ValueError("not a real date (YYYY-MM-DD)") from None
    return value


# A date as written in YAML and CSV (YYYY-MM-DD); kept as text so the snapshot and exports
# round-trip it unchanged.
IsoDate = Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$"), AfterValidator(_real_date)]
Amount = Annotated[float, Field(ge=0, le=1_000_000)]
OfferingMode = Literal["classroom", "virtual", "elearning", "blended", "distance", "exam-only"]
VatTreatment = Literal["included", "excluded", "not-applicable", "unknown"]
CourseKind = Literal["certification", "specialist"]
DEFAULT_DAYS_PER_YEAR = 8.0  # training days a person has each year unless their team file says otherwise


class FrozenModel(BaseModel):
    """The one base configuration of every pydantic model: frozen, closed, validators built on first use.

    Result models built by code derive from it directly; file models add strict types
    (:class:`StrictModel`). No other module writes its own ``ConfigDict`` for these settings.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class StrictModel(FrozenModel):
    """Base for every file model: the base configuration plus strict types (``"2"`` is not a level)."""

    model_config = ConfigDict(strict=True)


class SkillArea(StrictModel):
    """One skill area that levels expect and courses develop."""

    id: Identifier
    name: ShortText
    description: Text
    # Expected ratings never fall as the level rises; a skill that truly should may say why here.
    expected_may_fall: Text | None = None


class Level(StrictModel):
    """One of the four PMO career levels."""

    number: LevelNumber
    name: ShortText
    summary: Text
    pmo_type: ShortText
    job_titles: list[ShortText] = Field(min_length=1)
    responsibilities: list[Text] = Field(min_length=1)
    recommended_courses: list[Identifier] = Field(default_factory=list)
    typical_years: int | None = Field(default=None, ge=1, le=15)
    expected: dict[Identifier, Rating]
    source: Url
    verified: bool = True
    unverified: list[ShortText] = Field(default_factory=list)


class Exam(StrictModel):
    """What is known of a course's exam."""

    format: Text
    questions: int | None = Field(default=None, ge=1, le=1000)
    minutes: int | None = Field(default=None, ge=1, le=1000)
    pass_mark: ShortText | None = None
    open_book: bool | None = None


class RenewalRoute(StrictModel):
    """One way of keeping a certificate current."""

    kind: Literal["cpd", "re-exam", "suite-exam"]
    description: Text
    days: float = Field(default=0, ge=0, le=30)
    cost: float | None = Field(default=None, ge=0)
    currency: Currency | None = None


# Dates in catalogue files are text (the YAML loader keeps them as strings); parsed leniently.
CatalogueDate = Annotated[date, Field(strict=False)]
SourceStatus = Literal["V", "S", "U"]


class SchemeSource(StrictModel):
    """Where one scheme rule was read, when, and how authoritative the page is (V/S/U)."""

    url: Url
    seen: CatalogueDate
    status: SourceStatus
    supports: ShortText


class CreditCategory(StrictModel):
    """A category of credits with the minimum or maximum a period allows (PMI Talent Triangle...)."""

    id: Identifier
    name: ShortText
    min: float | None = Field(default=None, ge=0, le=1000)
    max: float | None = Field(default=None, ge=0, le=1000)


class CreditRequirement(StrictModel):
    """How many credits the certificates listed (all of the scheme's when empty) need per period."""

    courses: list[Identifier] = Field(default_factory=list)
    required: float = Field(gt=0, le=1000)
    categories: list[CreditCategory] = Field(default_factory=list)


class CreditRules(StrictModel):
    """The credit side of a scheme: unit, period, requirements, and how courses earn credits."""

    unit: ShortText
    period: Literal["year", "cycle"]
    consecutive_years: int | None = Field(default=None, ge=1, le=10)
    requirements: list[CreditRequirement] = Field(default_factory=list)
    activity_min: float | None = Field(default=None, gt=0, le=100)
    activity_max: float | None = Field(default=None, gt=0, le=1000)
    hours_per_course_day: float = Field(default=7, gt=0, le=24)
    course_category: Identifier | None = None
    default_skill_category: Identifier | None = None
    skill_categories: dict[Identifier, Identifier] = Field(default_factory=dict)
    rule_note: Text


class Transition(StrictModel):
    """A one-off rule: certificates awarded on or before a date had a fixed renew-by date."""

    awarded_on_or_before: CatalogueDate
    renew_by: CatalogueDate
    detail: Text


class Membership(StrictModel):
    """The membership or plan a route needs, with its fee where a source gives one."""

    name: ShortText
    needed_for: list[Literal["cpd", "re-exam", "suite-exam"]] = Field(default_factory=list)
    fee: float | None = Field(default=None, ge=0, le=100_000)
    currency: Currency | None = None
    per: Literal["year", "cycle"] = "year"
    detail: Text


class RenewalScheme(StrictModel):
    """A renewal rule shared by a family of certificates (PeopleCert, PMI CCR...)."""

    id: Identifier
    name: ShortText
    validity_years: int = Field(ge=1, le=10)
    routes: list[RenewalRoute] = Field(min_length=1)
    source: Url
    verified: bool = True
    credits: CreditRules | None = None
    suspension_months: int = Field(default=0, ge=0, le=60)
    transition: Transition | None = None
    memberships: list[Membership] = Field(default_factory=list)
    renewal_fee: dict[str, float] = Field(default_factory=dict)
    renewal_fee_currency: Currency | None = None
    sources: list[SchemeSource] = Field(default_factory=list)


class CourseCredit(StrictModel):
    """Credits a course earns under one scheme, with the rule or source behind the number."""

    scheme: Identifier
    amount: float = Field(ge=0, le=1000)
    category: Identifier | None = None
    basis: Text


class InHouse(StrictModel):
    """An in-house (closed) course for one organisation's group: a price per day or per course, a class size."""

    price_per_day: float | None = Field(default=None, gt=0, le=1_000_000)
    price_per_course: float | None = Field(default=None, gt=0, le=1_000_000)
    currency: Currency
    max_class_size: int = Field(ge=1, le=1000)
    source: ShortText  # a web page or a supplier's quote reference, with the date it was seen

    @model_validator(mode="after")
    def _one_price(self) -> Self:
        if (self.price_per_day is None) == (self.price_per_course is None):
            raise ValueError("give exactly one of price_per_day and price_per_course")
        return self


CourseTier = Literal["overview", "entry", "foundation", "practitioner", "expert"]


class ExperienceOption(StrictModel):
    """One published way to meet an experience requirement: months in roles, and perhaps a certificate.

    The option is met when every month count is reached and, if ``courses`` is given, one of those
    certificates is held (PgMP: 48 months of programme work plus a PMP instead of project months).
    """

    project_months: int = Field(default=0, ge=0, le=600)
    programme_months: int = Field(default=0, ge=0, le=600)
    portfolio_months: int = Field(default=0, ge=0, le=600)
    courses: list[Identifier] = Field(default_factory=list)


class CourseRelations(StrictModel):
    """What the planner needs to know about a course beyond its prerequisites, with where it is published.

    ``made_redundant_by``: holding any of these makes the course pointless (PMP makes CAPM pointless).
    ``family`` and ``tier``: courses of one family and tier give the same knowledge (two
    foundation-level PMO frameworks). ``prerequisite_current``: a prerequisite certificate must still be
    current when the course is sat. ``prerequisite_or_experience``: the provider accepts appropriate
    practical experience instead of the listed prerequisites (a question for the person, not a block).
    ``experience``: months in project, programme or portfolio roles; any one option suffices.
    ``focus_only``: if given, the course is planned only when one of these skills (its own) is a
    ``--focus`` skill: a credential for a method the person's organisation must use (SAFe, Scrum) or
    for a specialism (risk, scheduling), which a coach suggests to those who ask, not to everyone.
    """

    made_redundant_by: list[Identifier] = Field(default_factory=list)
    family: Identifier | None = None
    tier: CourseTier | None = None
    prerequisite_current: bool = False
    prerequisite_or_experience: bool = False
    experience: list[ExperienceOption] = Field(default_factory=list)
    focus_only: list[Identifier] = Field(default_factory=list)
    detail: Text | None = None
    source: Url


class Offering(StrictModel):
    """One way to buy a course: a delivery mode with its days and its price as seen at a source.

    ``price`` is the standard (non-member) price; with ``price_high`` it is the low end of a
    low-high range. ``member_price`` (and ``member_price_high``) are given only where members of
    ``member_of`` pay differently. A missing price is unknown, never zero. ``days`` missing means
    the course's own days.
    """

    mode: OfferingMode
    days: float | None = Field(default=None, ge=0, le=30)
    price: Amount | None = None
    price_high: Amount | None = None
    member_price: Amount | None = None
    member_price_high: Amount | None = None
    member_of: ShortText | None = None
    currency: Currency | None = None
    vat: VatTreatment = "unknown"
    includes_exam: bool | None = None
    provider: ShortText | None = None
    seen: IsoDate
    source: Url
    verified: bool = True
    notes: Text | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        for low, high, name in (
            (self.price, self.price_high, "price"),
            (self.member_price, self.member_price_high, "member_price"),
        ):
            if high is not None and (low is None or low > high):
                raise ValueError(f"{name}_high needs {name} as the low end of the range, not above it")
        if (self.price is not None or self.member_price is not None) and self.currency is None:
            raise ValueError("an offering with a price needs a currency")
        if self.member_price is not None and self.member_of is None:
            raise ValueError("a member price needs member_of (whose members pay it)")
        return self


class Course(StrictModel):
    """A certification course or qualification, or a specialist (non-certified) course."""

    id: Identifier
    title: ShortText
    kind: CourseKind
    provider: ShortText
    levels: list[LevelNumber] = Field(min_length=1)
    days: float = Field(gt=0, le=30)
    skills: list[Identifier] = Field(min_length=1)
    prerequisites: list[list[Identifier]] = Field(default_factory=list)
    prerequisite_note: Text | None = None
    relations: CourseRelations | None = None
    includes: list[Identifier] = Field(default_factory=list)
    exam: Exam | None = None
    validity_years: int | None = Field(default=None, ge=1, le=10)
    renewal_scheme: Identifier | None = None
    renewal_note: Text | None = None
    # ``cost`` / ``exam_cost`` / ``currency`` are the course's headline figures (course with exam,
    # exam alone), kept for catalogues without offerings. ``offerings`` are the detail: delivery
    # modes with dated, sourced prices. Pricing reads offerings first and falls back to the
    # headline figures (see pmoplan.pricing).
    credits: list[CourseCredit] = Field(default_factory=list)
    cost: float | None = Field(default=None, ge=0, le=1_000_000)
    exam_cost: float | None = Field(default=None, ge=0, le=1_000_000)
    currency: Currency | None = None
    cost_note: Text | None = None
    in_house: InHouse | None = None

    offerings: list[Offering] = Field(default_factory=list)
    source: Url
    verified: bool = True
    unverified: list[ShortText] = Field(default_factory=list)
    notes: Text | None = None
    # A withdrawn qualification stays in the catalogue so a profile that holds it still loads
    # and its history reads true, but the planner never schedules it as a current course.
    withdrawn: bool = False
    replaced_by: list[Identifier] = Field(default_factory=list)


class RatesFile(StrictModel):
    """The content of ``rates.yaml``: exchange rates against one base currency, dated and sourced.

    ``rates`` gives the units of each currency per 1 unit of ``base`` (the ECB convention);
    ``published`` is the date of the rates, ``seen`` the date they were read at ``source``.
    """

    base: Currency
    published: IsoDate
    source: Url
    seen: IsoDate
    verified: bool = True
    notes: Text | None = None
    rates: dict[Currency, Annotated[float, Field(gt=0, le=10_000_000)]] = Field(min_length=1)


class Experience(StrictModel):
    """Months of experience, which certifications such as PMI-PMOCP, PgMP and PfMP require.

    ``project_months`` counts all project-related work (project support, PMO, project,
    programme or portfolio roles); the other two are the part of it spent in programme and in
    portfolio roles.
    """

    project_months: int = Field(ge=0, le=720)
    programme_months: int = Field(ge=0, le=720)
    portfolio_months: int = Field(ge=0, le=720)


class TeamRecord(StrictModel):
    """One person in a team YAML file (strict: ``level: "2"`` or ``level: yes`` is refused)."""

    # No control characters: a YAML escape such as "\e]52;…" would otherwise reach terminals and files.
    id: Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=r"^[^\x00-\x1f\x7f-\x9f]+$")]
    name: ShortText | None = None
    level: LevelNumber
    target_level: LevelNumber | None = None
    completed: list[str] = Field(default_factory=list)
    focus: list[str] = Field(default_factory=list)
    gaps: dict[str, Annotated[int, Field(ge=0, le=5)]] = Field(default_factory=dict)
    days_per_year: float = Field(default=DEFAULT_DAYS_PER_YEAR, ge=0, le=100)
    budget_per_year: float | None = Field(default=None, ge=0)
    experience_years: float | None = Field(default=None, ge=0, le=60)
