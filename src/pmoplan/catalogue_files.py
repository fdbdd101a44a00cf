"""The documents of the catalogue's files, as the strict loader validates them.

``levels.yaml``, ``courses.yaml`` (shipped, or an organisation's overlay) and ``assessment.yaml``.

Kept apart from :mod:`pmoplan.models` because only the YAML loader and the questionnaire need them:
everyday commands take the catalogue from its validated snapshot and never make these classes.
"""

from typing import Literal

from pydantic import Field

from pmoplan.models import (
    Course,
    Currency,
    Identifier,
    Level,
    LevelNumber,
    RenewalScheme,
    ShortText,
    SkillArea,
    StrictModel,
    Text,
)


class LevelsFile(StrictModel):
    """The content of ``levels.yaml``: the skill areas and the four levels."""

    skills: list[SkillArea] = Field(min_length=1)
    levels: list[Level] = Field(min_length=4, max_length=4)


class CoursesFile(StrictModel):
    """The content of a shipped ``courses.yaml``.

    ``currency`` is the catalogue's own currency (the default for budgets); ``currencies`` declares
    every currency a price may use, so a typo such as ``GPB`` is an error rather than a new currency.
    """

    currency: Currency = "GBP"
    currencies: list[Currency] = Field(default_factory=lambda: ["GBP", "USD", "EUR"])
    renewal_schemes: list[RenewalScheme] = Field(default_factory=list)
    courses: list[Course] = Field(min_length=1)


class CoursesOverlay(StrictModel):
    """An organisation's ``courses.yaml`` in a ``--data-dir`` folder.

    ``courses`` adds courses (or replaces a shipped course with the same id), ``overrides``
    changes fields of shipped courses by id (a negotiated price), ``exclude`` removes shipped
    courses, ``base: none`` starts from an empty catalogue instead of the shipped one, and
    ``currencies`` declares currencies the organisation's prices use beyond the shipped ones.
    """

    base: Literal["shipped", "none"] = "shipped"
    currency: Currency | None = None
    currencies: list[Currency] = Field(default_factory=list)
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


class ExperienceQuestion(StrictModel):
    """A question about years of experience; the answer is kept in months in ``months_in``'s field."""

    id: Identifier
    months_in: Literal["project", "programme", "portfolio"]
    text: Text


class QuestionBank(StrictModel):
    """The content of ``assessment.yaml``."""

    statements: list[LevelStatement] = Field(min_length=4)
    ratings: list[SkillRating] = Field(min_length=1)
    # Optional: a bank without them simply does not ask about experience.
    experience: list[ExperienceQuestion] = Field(default_factory=list, max_length=3)
