"""The loaded catalogue: levels, skills, courses and renewal schemes, with lookups and queries.

Pure: built by :mod:`pmoplan.loading`, read by every engine and renderer.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from pmoplan.errors import UnknownIdError
from pmoplan.models import Course, CourseKind, Currency, Level, RatesFile, RenewalScheme, SkillArea


@dataclass(frozen=True)
class Catalogue:
    """Everything pmoplan knows about the ladder and the courses, indexed by id."""

    skills: tuple[SkillArea, ...]
    levels: tuple[Level, ...]
    courses: tuple[Course, ...]
    renewal_schemes: tuple[RenewalScheme, ...] = ()
    currency: Currency = "GBP"
    currencies: tuple[Currency, ...] = ("GBP", "USD", "EUR")
    # The exchange-rate table prices are converted with (None: no conversion possible).
    rates: RatesFile | None = None
    _courses_by_id: dict[str, Course] = field(init=False, repr=False, compare=False)
    _skills_by_id: dict[str, SkillArea] = field(init=False, repr=False, compare=False)
    _skills_by_key: dict[str, SkillArea] = field(init=False, repr=False, compare=False)
    _schemes_by_id: dict[str, RenewalScheme] = field(init=False, repr=False, compare=False)
    _levels_by_number: dict[int, Level] = field(init=False, repr=False, compare=False)
    # Memo tables of pure functions over this catalogue (the planner's per-state decisions):
    # thousands of people in a team plan share states, so each decision is computed once.
    memo: dict[str, dict[Any, Any]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "memo", {})
        object.__setattr__(self, "_levels_by_number", {lv.number: lv for lv in self.levels})
        object.__setattr__(self, "_courses_by_id", {c.id: c for c in self.courses})
        object.__setattr__(self, "_skills_by_id", {s.id: s for s in self.skills})
        # People type the name they see ("Benefits management") as often as the id: both are keys.
        by_key = {skill_key(s.name): s for s in self.skills}
        by_key.update({skill_key(s.id): s for s in self.skills})
        object.__setattr__(self, "_skills_by_key", by_key)
        object.__setattr__(self, "_schemes_by_id", {s.id: s for s in self.renewal_schemes})

    def course(self, course_id: str) -> Course:
        """The course with this id; an unknown id suggests the closest one."""
        try:
            return self._courses_by_id[course_id]
        except KeyError:
            raise UnknownIdError("course", course_id, self._courses_by_id) from None

    def has_course(self, course_id: str) -> bool:
        """Whether the catalogue has a course with this id."""
        return course_id in self._courses_by_id

    def skill(self, skill_id: str) -> SkillArea:
        """The skill area with this id or name, in any case; an unknown one suggests the closest id."""
        found = self._skills_by_id.get(skill_id) or self._skills_by_key.get(skill_key(skill_id))
        if found is not None:
            return found
        close = difflib.get_close_matches(skill_key(skill_id), list(self._skills_by_key), n=1, cutoff=0.6)
        closest = self._skills_by_key[close[0]].id if close else None
        raise UnknownIdError("skill", skill_id, self._skills_by_id, suggestion=closest)

    def level(self, number: int) -> Level:
        """The level with this number (1-4)."""
        found = self._levels_by_number.get(number)
        if found is not None:
            return found
        raise UnknownIdError("level", str(number), [str(lv.number) for lv in self.levels])

    def renewal_scheme(self, scheme_id: str) -> RenewalScheme | None:
        """The renewal scheme with this id, if the catalogue has it."""
        return self._schemes_by_id.get(scheme_id)

    def unlocks(self, course_id: str) -> list[Course]:
        """Courses that name ``course_id`` as a prerequisite alternative."""
        return [c for c in self.courses if any(course_id in group for group in c.prerequisites)]

    def providers(self) -> list[str]:
        """Every provider named in the catalogue, sorted."""
        return sorted({c.provider for c in self.courses})

    def seen_dates(self) -> tuple[date, date] | None:
        """The oldest and newest dates on which a price, a renewal rule or the exchange rates were seen at source.

        Reports print them as the catalogue's date: how fresh (and how old) its facts and prices are.
        None when the catalogue records no such date (an organisation's own catalogue may not).
        """
        seen = [date.fromisoformat(offer.seen) for course in self.courses for offer in course.offerings]
        seen += [source.seen for scheme in self.renewal_schemes for source in scheme.sources]
        if self.rates is not None:
            seen.append(date.fromisoformat(self.rates.seen))
        return (min(seen), max(seen)) if seen else None


def skill_key(text: str) -> str:
    """How a typed skill is compared: case-folded, spaces and hyphens alike, outer space ignored."""
    return " ".join(text.replace("-", " ").split()).casefold()


@dataclass(frozen=True)
class CourseFilter:
    """The filters of ``pmoplan courses``; empty fields match everything."""

    kind: CourseKind | None = None
    level: int | None = None
    skill: str | None = None
    provider: str | None = None
    search: str | None = None


def filter_courses(catalogue: Catalogue, wanted: CourseFilter) -> list[Course]:
    """Courses matching every given filter, in catalogue order.

    ``provider`` and ``search`` are case-insensitive substring matches; ``search`` looks in the
    id, title, provider and notes.
    """
    if wanted.skill is not None:
        # An unknown skill is an error, not an empty list; a skill's name stands for its id.
        wanted = replace(wanted, skill=catalogue.skill(wanted.skill).id)
    return [c for c in catalogue.courses if _matches(c, wanted)]


def _matches(course: Course, wanted: CourseFilter) -> bool:
    if wanted.kind is not None and course.kind != wanted.kind:
        return False
    if wanted.level is not None and wanted.level not in course.levels:
        return False
    if wanted.skill is not None and wanted.skill not in course.skills:
        return False
    if wanted.provider is not None:
        from pmoplan.eligibility import provider_matches  # exact: "APM" is not "APMG International"

        if not provider_matches(course, wanted.provider):
            return False
    if wanted.search is not None:
        haystack = " ".join([course.id, course.title, course.provider, course.notes or ""]).casefold()
        if wanted.search.casefold() not in haystack:
            return False
    return True


def prerequisites_met(course: Course, done: Sequence[str] | set[str]) -> bool:
    """Whether every prerequisite group of ``course`` has at least one alternative in ``done``."""
    return all(any(option in done for option in group) for group in course.prerequisites)
