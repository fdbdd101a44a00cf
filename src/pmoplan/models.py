"""Pydantic models of the catalogue files: levels, skills, courses and the question bank.

Every model is frozen, strict (no silent coercion of ``yes`` to ``True`` or ``"3"`` to ``3``)
and forbids unknown fields, so a typo in an organisation's YAML is an error, not a silent drop.
Cross-references between files (a course's skills, prerequisites, levels) are checked in
:func:`pmoplan.loading.check_catalogue`, where every problem can be reported with its position.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

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
Url = Annotated[str, StringConstraints(pattern=r"^https?://\S+$", max_length=500)]
LevelNumber = Annotated[int, Field(ge=1, le=4)]
Rating = Annotated[int, Field(ge=0, le=5)]
Currency = Literal["GBP", "USD", "EUR"]
CourseKind = Literal["certification", "specialist"]


class StrictModel(BaseModel):
    """Base for every file model: frozen, strict types, unknown fields forbidden."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, defer_build=True)


class SkillArea(StrictModel):
    """One skill area that levels expect and courses develop."""

    id: Identifier
    name: ShortText
    description: Text


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


class LevelsFile(StrictModel):
    """The content of ``levels.yaml``: the skill areas and the four levels."""

    skills: list[SkillArea] = Field(min_length=1)
    levels: list[Level] = Field(min_length=4, max_length=4)


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
    includes: list[Identifier] = Field(default_factory=list)
    exam: Exam | None = None
    validity_years: int | None = Field(default=None, ge=1, le=10)
    renewal_scheme: Identifier | None = None
    renewal_note: Text | None = None
    credits: list[CourseCredit] = Field(default_factory=list)
    cost: float | None = Field(default=None, ge=0, le=1_000_000)
    exam_cost: float | None = Field(default=None, ge=0, le=1_000_000)
    currency: Currency | None = None
    cost_note: Text | None = None
    source: Url
    verified: bool = True
    unverified: list[ShortText] = Field(default_factory=list)
    notes: Text | None = None


class CoursesFile(StrictModel):
    """The content of a shipped ``courses.yaml``."""

    currency: Currency = "GBP"
    renewal_schemes: list[RenewalScheme] = Field(default_factory=list)
    courses: list[Course] = Field(min_length=1)


class CoursesOverlay(StrictModel):
    """An organisation's ``courses.yaml`` in a ``--data-dir`` folder.

    ``courses`` adds courses (or replaces a shipped course with the same id), ``overrides``
    changes fields of shipped courses by id (a negotiated price), ``exclude`` removes shipped
    courses, and ``base: none`` starts from an empty catalogue instead of the shipped one.
    """

    base: Literal["shipped", "none"] = "shipped"
    currency: Currency | None = None
    renewal_schemes: list[RenewalScheme] = Field(default_factory=list)
    courses: list[Course] = Field(default_factory=list)
    overrides: dict[Identifier, dict[str, object]] = Field(default_factory=dict)
    exclude: list[Identifier] = Field(default_factory=list)


class LevelStatement(StrictModel):
    """A yes/no statement that a person at ``level`` typically does."""

    id: Identifier
    level: LevelNumber
    text: Text


class SkillRating(StrictModel):
    """A 0-5 self-rating of one skill area, with an anchor phrase for every point."""

    id: Identifier
    skill: Identifier
    text: Text
    anchors: list[ShortText] = Field(min_length=6, max_length=6)


class QuestionBank(StrictModel):
    """The content of ``assessment.yaml``."""

    statements: list[LevelStatement] = Field(min_length=4)
    ratings: list[SkillRating] = Field(min_length=1)


class CourseListing(StrictModel):
    """The JSON document of ``pmoplan courses --format json``."""

    schema_version: Literal[1] = 1
    courses: list[Course]


class LevelDetail(StrictModel):
    """The JSON document of ``pmoplan levels N --format json``."""

    schema_version: Literal[1] = 1
    level: Level


class SkillChange(StrictModel):
    """The expected rating of one skill at two levels."""

    skill: Identifier
    from_rating: Rating = Field(alias="from")
    to_rating: Rating = Field(alias="to")

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, populate_by_name=True, serialize_by_alias=True)


class LevelComparison(StrictModel):
    """The JSON document of ``pmoplan levels --compare A B --format json``."""

    schema_version: Literal[1] = 1
    from_level: LevelNumber = Field(alias="from")
    to_level: LevelNumber = Field(alias="to")
    changes: list[SkillChange]

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, populate_by_name=True, serialize_by_alias=True)


class CourseDetail(StrictModel):
    """The JSON document of ``pmoplan course ID --format json``."""

    schema_version: Literal[1] = 1
    course: Course
    unlocks: list[Identifier]
    renewal_scheme: RenewalScheme | None


class LevelListing(StrictModel):
    """The JSON document of ``pmoplan levels --format json``."""

    schema_version: Literal[1] = 1
    skills: list[SkillArea]
    levels: list[Level]
