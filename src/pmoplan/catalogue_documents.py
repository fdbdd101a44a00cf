"""The JSON documents of the catalogue commands (``courses``, ``course``, ``levels``), with their schemas.

Kept apart from :mod:`pmoplan.models` because only those commands' JSON output and ``pmoplan schema``
need them.
"""

from typing import Literal

from pydantic import ConfigDict, Field

from pmoplan.models import Course, Identifier, Level, LevelNumber, Rating, RenewalScheme, SkillArea, StrictModel


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

    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True)


class LevelComparison(StrictModel):
    """The JSON document of ``pmoplan levels --compare A B --format json``."""

    schema_version: Literal[1] = 1
    from_level: LevelNumber = Field(alias="from")
    to_level: LevelNumber = Field(alias="to")
    changes: list[SkillChange]

    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True)


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
