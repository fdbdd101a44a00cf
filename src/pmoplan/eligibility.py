"""Who may, and who should, sit a course: the catalogue relations read against a person (pure).

The planner's rules 9 and 10 (no redundant course; eligibility as published) live here as small
functions over a course, the ids the person holds or has planned, and their experience:

* :func:`redundant_by`: a held certificate makes the course pointless (PMP makes CAPM pointless);
* :func:`family_held`: a second foundation-level certificate of a family already covered;
* :func:`asked_for`: a method or specialism credential (``focus_only``) only for those who ask;
* :func:`experience_check`: months in project, programme or portfolio roles, or a certificate
  that the awarding body accepts instead;
* :func:`provider_matches`: ``--provider`` by a provider's full name or one of its short names,
  never a substring ("APM" is not "APMG International").

They return data (the blocking id, the option met), never sentences.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from pmoplan.models import Course, ExperienceOption

_NAME_PARTS = re.compile(r"\s*(?:/|\(|\))\s*")
MONTHS_A_YEAR = 12


def provider_names(provider: str) -> frozenset[str]:
    """The names a provider answers to, case-folded: its full name and each part.

    ``"AXELOS / PeopleCert"`` answers to that, ``axelos`` and ``peoplecert``;
    ``"APM (Association for Project Management)"`` to ``apm`` and the long name;
    ``"APMG International"`` to ``apmg`` as well (a leading acronym), never to ``apm``.
    """
    parts = [part for part in _NAME_PARTS.split(provider) if part]
    # A leading acronym is a short name too: "APMG International" answers to "apmg" (never to "apm").
    acronyms = [first for part in parts if len(first := part.split()[0]) > 1 and first.isupper()]
    return frozenset({provider.casefold(), *(part.casefold() for part in [*parts, *acronyms])})


def provider_matches(course: Course, wanted: str | None) -> bool:
    """Whether ``course`` comes from the provider asked for (no provider asked: every course)."""
    return wanted is None or wanted.casefold() in provider_names(course.provider)


def redundant_by(course: Course, held: Collection[str]) -> str | None:
    """The first held or planned certificate that makes ``course`` pointless, if any."""
    if course.relations is None:
        return None
    return next((other for other in course.relations.made_redundant_by if other in held), None)


def asked_for(course: Course, focus: Collection[str]) -> bool:
    """Whether a ``focus_only`` credential is wanted: one of its focus skills was asked for.

    A course without ``focus_only`` is always wanted (this rule does not hold it back).
    """
    if course.relations is None or not course.relations.focus_only:
        return True
    return any(skill in focus for skill in course.relations.focus_only)


def family_held(course: Course, held: Collection[str], families: dict[str, tuple[str, str]]) -> str | None:
    """A held course that already gives this foundation-level course's knowledge (same family).

    ``families`` maps a course id to its (family, tier). Only foundation-tier courses are refused:
    a Practitioner or Expert of the same family is progression, not repetition.
    """
    if course.relations is None or course.relations.tier != "foundation" or course.relations.family is None:
        return None
    family = course.relations.family
    same = [
        other
        for other in held
        if other != course.id
        and (found := families.get(other)) is not None
        and found[0] == family
        and found[1] not in ("overview", "entry")
    ]
    return min(same) if same else None


@dataclass(frozen=True)
class Experience:
    """Months in each kind of role at one point in time."""

    project: int
    programme: int
    portfolio: int

    def after(self, years: int) -> Experience:
        """The experience ``years`` later.

        Project work keeps growing (a PMO role counts); programme or portfolio work grows only for
        someone already doing it.
        """
        grow = MONTHS_A_YEAR * years
        return Experience(
            self.project + grow,
            self.programme + (grow if self.programme else 0),
            self.portfolio + (grow if self.portfolio else 0),
        )


def _option_met(option: ExperienceOption, months: Experience | None, current: Collection[str]) -> bool | None:
    """True or False; None when it depends on months that are not known."""
    if option.courses and not any(course in current for course in option.courses):
        return False
    needs_months = option.project_months or option.programme_months or option.portfolio_months
    if not needs_months:
        return True
    if months is None:
        return None
    return (
        months.project >= option.project_months
        and months.programme >= option.programme_months
        and months.portfolio >= option.portfolio_months
    )


def experience_check(
    course: Course, months: Experience | None, current: Collection[str]
) -> tuple[bool, ExperienceOption | None, bool]:
    """Whether the experience requirement is met: (met, the option met, the answer depends on unknown months).

    ``current`` are the certificates held and still current (a lapsed PMP is not "in good standing").
    A course without an experience requirement is met with no option.
    """
    options = course.relations.experience if course.relations is not None else []
    if not options:
        return True, None, False
    unknown = False
    for option in options:
        met = _option_met(option, months, current)
        if met:
            return True, option, False
        unknown = unknown or met is None
    return False, None, unknown
