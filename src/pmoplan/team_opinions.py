"""A manager's second opinion (pure): ratings per person and skill, compared with the self-assessment.

A manager's ratings (``person, skill, rating`` rows, 0-5 on the assessment scale) turn into gaps
the way an assessment's do: the points each skill falls short of what the person's next level
expects (their own level's, at level 4). For every person the manager rated:

* the plan is built **from the manager's view** (those gaps replace the person's own), and the
  report names whose plans these are;
* where the person has gaps of their own (from an assessment or the team file), every skill on
  which the two views differ by **2 or more points** is listed: that is where a conversation
  belongs before any money is spent.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from pmoplan.catalogue import Catalogue
from pmoplan.team_models import OpinionDifference, TeamMember

DIFFERENCE = 2  # points; one point is within what two honest raters disagree on


def manager_gaps(catalogue: Catalogue, level: int, ratings: Mapping[str, int]) -> dict[str, int]:
    """Skill → points short of the next level's expectations (own level's at level 4), from ratings."""
    expected = catalogue.level(min(level + 1, 4)).expected
    return {skill: max(0, expected[skill] - rating) for skill, rating in ratings.items() if skill in expected}


def apply_second_opinion(
    catalogue: Catalogue, members: Sequence[TeamMember], ratings: Mapping[str, Mapping[str, int]]
) -> tuple[list[TeamMember], list[OpinionDifference], list[str]]:
    """(members planned from the manager's view where rated, differences of 2+ points, ids planned so)."""
    planned: list[TeamMember] = []
    differences: list[OpinionDifference] = []
    from_manager: list[str] = []
    by_key = {person.casefold(): given for person, given in ratings.items()}
    for member in members:
        given = by_key.get(member.id.casefold())
        if not given:
            planned.append(member)
            continue
        theirs = manager_gaps(catalogue, member.level, given)
        own = dict(member.gaps)
        if own:
            for skill in sorted(theirs):
                self_gap = own.get(skill, 0)
                if abs(theirs[skill] - self_gap) >= DIFFERENCE:
                    differences.append(
                        OpinionDifference(
                            person_id=member.id, skill=skill, self_gap=self_gap, manager_gap=theirs[skill]
                        )
                    )
        merged = {**own, **theirs}
        planned.append(replace(member, gaps=tuple((s, p) for s, p in merged.items() if p > 0)))
        from_manager.append(member.id)
    return planned, differences, from_manager
