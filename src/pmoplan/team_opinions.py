"""A manager's second opinion (pure): ratings per person and skill, compared with the self-assessment.

A manager's ratings (``person, skill, rating`` rows, 0-5 on the assessment scale) turn into gaps
the way an assessment's do: the points each skill falls short of what the person's next level
expects (their own level's, at level 4). For every person the manager rated:

* the plan is built **from the manager's view** (those gaps replace the person's own), and the
  report names whose plans these are;
* where the person has gaps of their own (from an assessment or the team file), every skill on
  which the two views differ by **2 or more points** is listed: that is where a conversation
  belongs before any money is spent.

A review made before the person's latest self-assessment may predate the growth that one
records: :func:`review_is_stale` is the rule (an earlier day; the same day is not), ``plan
--profile`` says so on stderr, and :func:`stale_reviews` lists, for a team report, whose plans
followed such a review (:func:`with_stale_reviews` adds them, or with ``--min-group`` their count).

The same comparison serves one person: :func:`compare_ratings` sets their own ratings beside
their manager's (``profile show``), and :func:`planning_view` chooses the view their plan is
built from (``plan --profile``, ``--view self|manager``).
"""

from __future__ import annotations

from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Literal

from pmoplan.catalogue import Catalogue
from pmoplan.errors import PmoplanError

if TYPE_CHECKING:
    from pmoplan.profile import ManagerReview, Profile, Snapshot
    from pmoplan.team_models import OpinionDifference, StaleReview, TeamMember, TeamReport

DIFFERENCE = 2  # points; one point is within what two honest raters disagree on


def manager_gaps(catalogue: Catalogue, level: int, ratings: Mapping[str, int]) -> dict[str, int]:
    """Skill → points short of the next level's expectations (own level's at level 4), from ratings."""
    expected = catalogue.level(min(level + 1, 4)).expected
    return {skill: max(0, expected[skill] - rating) for skill, rating in ratings.items() if skill in expected}


def apply_second_opinion(
    catalogue: Catalogue,
    members: Sequence[TeamMember],
    ratings: Mapping[str, Mapping[str, int]],
    own_ratings: Mapping[str, Mapping[str, int]] | None = None,
) -> tuple[list[TeamMember], list[OpinionDifference], list[str]]:
    """(members planned from the manager's view where rated, differences of 2+ points, ids planned so).

    ``own_ratings`` (person id → skill → the person's own rating, from their profile) adds the
    ratings to the comparison: an analyst who rates their planning 4 where the next level expects
    3 has no gap of their own, and a manager's 2 (a gap of 1) is still two points apart.
    """
    planned: list[TeamMember] = []
    differences: list[OpinionDifference] = []
    from_manager: list[str] = []
    by_key = {person.casefold(): given for person, given in ratings.items()}
    own_by_key = {person.casefold(): given for person, given in (own_ratings or {}).items()}
    for member in members:
        given = by_key.get(member.id.casefold())
        if not given:
            planned.append(member)
            continue
        theirs = manager_gaps(catalogue, member.level, given)
        own = dict(member.gaps)
        rated = own_by_key.get(member.id.casefold(), {})
        if own or rated:
            differences += _differences(member.id, own, theirs, rated, given)
        merged = {**own, **theirs}
        planned.append(replace(member, gaps=tuple((s, p) for s, p in merged.items() if p > 0)))
        from_manager.append(member.id)
    return planned, differences, from_manager


def _differences(
    person: str, own: Mapping[str, int], theirs: Mapping[str, int], rated: Mapping[str, int], given: Mapping[str, int]
) -> list[OpinionDifference]:
    """The skills where the two views are 2+ points apart, in gaps or (where both are known) ratings."""
    # Imported here: 'plan --profile' uses this module for one person and never builds a team report.
    from pmoplan.team_models import OpinionDifference

    found = []
    for skill in sorted(theirs):
        self_gap = own.get(skill, 0)
        self_rating = rated.get(skill)
        apart = abs(theirs[skill] - self_gap) >= DIFFERENCE
        if self_rating is not None and abs(given[skill] - self_rating) >= DIFFERENCE:
            apart = True
        if apart:
            found.append(
                OpinionDifference(
                    person_id=person,
                    skill=skill,
                    self_gap=self_gap,
                    manager_gap=theirs[skill],
                    self_rating=self_rating,
                    manager_rating=given[skill],
                )
            )
    return found


@dataclass
class FolderViews:
    """Both views of each person a manager rated in a folder of profiles, and their dates, by person id."""

    own: dict[str, dict[str, int]] = field(default_factory=dict)
    manager: dict[str, dict[str, int]] = field(default_factory=dict)
    self_taken_on: dict[str, date] = field(default_factory=dict)
    manager_taken_on: dict[str, date] = field(default_factory=dict)

    def collect(
        self, person: str, snapshots: Sequence[Snapshot], review: ManagerReview | None, known: Container[str]
    ) -> None:
        """Keep the latest self-ratings and the manager's latest ``review`` (if any) of ``person``, known skills only.

        The own ratings are kept for everyone, so a ``--ratings`` file's manager can be compared too.
        """
        latest = max(enumerate(snapshots), key=lambda pair: (pair[1].taken_on, pair[0]))[1]
        self.own[person] = {skill: r for skill, r in latest.ratings.items() if skill in known}
        self.self_taken_on[person] = latest.taken_on
        if review is not None:
            self.manager[person] = {skill: r for skill, r in review.ratings.items() if skill in known}
            self.manager_taken_on[person] = review.taken_on


def review_is_stale(manager_taken_on: date, self_taken_on: date) -> bool:
    """Whether a manager's review was made on an earlier day than the person's latest self-assessment.

    The same day is not stale: a manager can only review someone who has assessed themselves
    (``assess --by manager`` refuses otherwise), so a review that day was made with it to hand.
    """
    return manager_taken_on < self_taken_on


def stale_reviews(
    views: FolderViews, from_manager: Sequence[str], replaced: Mapping[str, Mapping[str, int]] | None = None
) -> list[StaleReview]:
    """Whose plan followed a recorded review older than their latest self-assessment, by person id.

    ``from_manager``: the ids planned from a manager's view (:func:`apply_second_opinion`);
    ``replaced``: a ``--ratings`` file's ratings (person id → skill → rating). The file is the
    manager's current word, so a review all of whose rated skills it rates again was not used.
    People from a team file without profiles have no dates, so nothing about them is stale.
    """
    from pmoplan.team_models import StaleReview

    planned = {person.casefold() for person in from_manager}
    again = {person.casefold(): set(ratings) for person, ratings in (replaced or {}).items()}
    found = []
    for person, reviewed in views.manager_taken_on.items():
        key = person.casefold()
        own = views.self_taken_on[person]
        used = set(views.manager.get(person, {})) - again.get(key, set())
        if key in planned and used and review_is_stale(reviewed, own):
            found.append(StaleReview(person_id=person, manager_taken_on=reviewed, self_taken_on=own))
    return sorted(found, key=lambda stale: (stale.person_id.casefold(), stale.person_id))


def with_stale_reviews(report: TeamReport, found: Sequence[StaleReview], min_group: int | None) -> TeamReport:
    """``report`` with its :class:`~pmoplan.team_models.StaleReviews`: the people, or with ``min_group`` K the count.

    A shared report names nobody: the count alone is given, and hidden (counted among the figures
    suppressed) when it is 1 to K-1, as every figure built from fewer than K people.
    """
    from pmoplan.team_models import StaleReviews

    if min_group is None:
        return report.model_copy(update={"stale_reviews": StaleReviews(count=len(found), people=list(found))})
    hide = 0 < len(found) < min_group
    update: dict[str, object] = {
        "stale_reviews": StaleReviews(count=None if hide else len(found), suppressed=hide, people=None)
    }
    if hide and report.suppression is not None:
        hidden = report.suppression.cells_suppressed + 1
        update["suppression"] = report.suppression.model_copy(update={"cells_suppressed": hidden})
    return report.model_copy(update=update)


# --- one person's two views (profile show, plan --profile) ----------------------------------

View = Literal["self", "manager"]


@dataclass(frozen=True)
class RatingPair:
    """One skill as the person rated it and as their manager did (None: not rated by that side)."""

    skill: str
    self_rating: int | None
    manager_rating: int | None

    @property
    def difference(self) -> int | None:
        """Manager's rating minus the person's own; None unless both rated the skill."""
        if self.self_rating is None or self.manager_rating is None:
            return None
        return self.manager_rating - self.self_rating

    @property
    def marked(self) -> bool:
        """Whether the two views are 2 or more points apart: a conversation before a booking."""
        return self.difference is not None and abs(self.difference) >= DIFFERENCE


def compare_ratings(catalogue: Catalogue, own: Mapping[str, int], manager: Mapping[str, int]) -> list[RatingPair]:
    """Both views of every skill either side rated, in the catalogue's skill order."""
    order = [skill.id for skill in catalogue.skills]
    rated = [skill for skill in order if skill in own or skill in manager]
    rated += sorted(skill for skill in {*own, *manager} if skill not in order)  # a skill since removed
    return [RatingPair(skill, own.get(skill), manager.get(skill)) for skill in rated]


@dataclass(frozen=True)
class PlanningView:
    """Which view a person's plan is built from, the gaps it gives, and the dates of both views."""

    view: View
    gaps: dict[str, int]
    self_taken_on: date
    manager_taken_on: date | None


def planning_view(catalogue: Catalogue, profile: Profile, requested: View | None = None) -> PlanningView:
    """The gaps to plan from: the manager's view where one exists, unless ``requested`` says otherwise.

    A manager's ratings are the second opinion the issue asks plans to follow: a person's own
    ratings run high more often than low, and the manager sees the work. The level stays the
    person's own placement (a manager rates skills, not the ladder). Every rated skill is in the
    gaps, zeros included, so the planner invents none. Raises :class:`PmoplanError` for a
    profile without an assessment, or ``requested="manager"`` without a manager's review.
    """
    from pmoplan.profile import assessed_gaps, latest_manager_review, plan_inputs

    level, _, _ = plan_inputs(profile)  # refuses a profile without a self-assessment
    own = latest_snapshot_date(profile)
    review = latest_manager_review(profile)
    if requested == "manager" and review is None:
        raise PmoplanError("the profile holds no manager's ratings; plan from your own view (--view self)")
    if review is None or requested == "self":
        return PlanningView("self", assessed_gaps(profile), own, None if review is None else review.taken_on)
    gaps = {**assessed_gaps(profile), **manager_gaps(catalogue, level, review.ratings)}
    return PlanningView("manager", gaps, own, review.taken_on)


def latest_snapshot_date(profile: Profile) -> date:
    """The date of the latest self-assessment (the profile must have one)."""
    from pmoplan.profile import latest_snapshot

    latest = latest_snapshot(profile)
    if latest is None:
        raise PmoplanError("the profile has no assessment yet; run 'pmoplan assess' first")
    return latest.taken_on


def comparison_document(pairs: Sequence[RatingPair]) -> list[dict[str, object]]:
    """The pairs as JSON values: ``skill``, ``self``, ``manager``, ``difference``, ``apart_2_or_more``."""
    return [
        {
            "skill": pair.skill,
            "self": pair.self_rating,
            "manager": pair.manager_rating,
            "difference": pair.difference,
            "apart_2_or_more": pair.marked,
        }
        for pair in pairs
    ]


def merge_ratings(
    recorded: Mapping[str, Mapping[str, int]], given: Mapping[str, Mapping[str, int]]
) -> dict[str, dict[str, int]]:
    """The ratings recorded in profiles, overridden skill by skill by a ``--ratings`` file's.

    The file is the one named on this command line, so it is taken as the manager's current
    word; a skill it leaves out keeps the rating recorded in the profile.
    """
    merged = {person: dict(ratings) for person, ratings in recorded.items()}
    keys = {person.casefold(): person for person in merged}
    for person, ratings in given.items():
        merged.setdefault(keys.get(person.casefold(), person), {}).update(ratings)
    return merged
