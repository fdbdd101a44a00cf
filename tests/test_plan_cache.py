"""The planner's caches (``plan_cache``) never change a plan, and a wrong memo key is caught.

A team plan shares the planner's memo tables between thousands of people. The reference for
every plan is the same plan made with the cache off (``plan_cache.uncached``): no table kept,
nothing interned. The properties below plan generated teams through one shared cache and compare
each person's plan, byte for byte as JSON, with that reference. The second group breaks one memo
key on purpose (leaves out the budget, the completion dates, the gaps) and checks that the same
comparison then fails: a wrong key must fail a test, not give a wrong plan silently.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Hashable, Iterator
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, Field

from pmoplan import plan_cache, planner
from pmoplan.catalogue import Catalogue
from pmoplan.loading import load_catalogue
from pmoplan.plan_models import CategoryCredits, CompletedCourse, ExperienceMonths, Plan, PlanRequest
from pmoplan.planner import build_plan
from pmoplan.team import TeamMember, build_team_report

# Small pools, so that generated people collide in the memo tables as a real team's do.
LEVELS = (1, 2, 3, 4)
CERTIFICATIONS = ("p3o-foundation", "p3o-practitioner", "prince2-foundation", "msp-foundation", "pmi-pmp", "pmi-capm")
ON = (None, date(2019, 3, 11), date(2021, 6, 1), date(2023, 5, 14), date(2024, 11, 20), date(2025, 2, 3))
DAYS = (0.0, 2.0, 5.0, 8.0, 12.0)
BUDGETS = (None, 0.0, 600.0, 1500.0, 4000.0)
TODAY = date(2026, 12, 1)
FOCUS = ("benefits", "governance-assurance", "financial-management", "reporting")
CATALOGUE = load_catalogue()  # for the Hypothesis property (a fixture would be shared across its examples)


@pytest.fixture
def catalogue() -> Iterator[Catalogue]:
    """A catalogue with empty tables (each test starts from no cached state)."""
    loaded = load_catalogue()
    plan_cache.clear(loaded)
    yield loaded
    plan_cache.clear(loaded)


@st.composite
def people(draw: st.DrawFn) -> PlanRequest:
    """A person from small pools of levels, dated certificates, days, budgets and focus skills."""
    level = draw(st.sampled_from(LEVELS))
    done = draw(st.lists(st.sampled_from(CERTIFICATIONS), unique=True, max_size=3))
    focus = draw(st.lists(st.sampled_from(FOCUS), unique=True, max_size=2))
    experience = draw(st.none() | st.sampled_from((12, 36, 60)))
    return PlanRequest(
        current_level=level,
        target_level=draw(st.integers(level, 4)),
        years=6,
        start_year=2026,
        days_per_year=draw(st.sampled_from(DAYS)),
        budget_per_year=draw(st.sampled_from(BUDGETS)),
        completed=[CompletedCourse(course_id=c, completed_on=draw(st.sampled_from(ON))) for c in done],
        focus=focus,
        today=TODAY,
        experience=None if experience is None else ExperienceMonths(project_months=experience),
    )


def disagreements(catalogue: Catalogue, team: list[PlanRequest]) -> list[int]:
    """Who in ``team`` gets a different plan through the shared cache than with the cache off."""
    cached = [build_plan(catalogue, request).model_dump_json() for request in team]
    with plan_cache.uncached():
        reference = [build_plan(catalogue, request).model_dump_json() for request in team]
    return [index for index, (got, want) in enumerate(zip(cached, reference, strict=True)) if got != want]


@settings(max_examples=40, deadline=None)
@given(team=st.lists(people(), min_size=1, max_size=8))
def test_a_memoised_plan_equals_the_plan_made_without_the_cache(team: list[PlanRequest]) -> None:
    catalogue = CATALOGUE
    plan_cache.clear(catalogue)  # each example on its own, so that a failure replays
    assert disagreements(catalogue, team) == []


def test_the_cache_is_shared_across_a_whole_generated_team(catalogue: Catalogue) -> None:
    """Hundreds of people through one cache (the team plan's case), each equal to the uncached plan."""
    draw = random.Random(20261201)
    team = [_random_person(draw) for _ in range(150)]
    assert disagreements(catalogue, team) == []
    assert plan_cache.counters(catalogue)["plans"] == 2 * len(team)


def test_bounded_tables_that_start_again_change_no_plan(catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tables keyed by per-person state are emptied when full: a tiny limit empties them all the time."""
    monkeypatch.setattr(plan_cache, "TABLE_LIMIT", 3)
    draw = random.Random(7)
    assert disagreements(catalogue, [_random_person(draw) for _ in range(60)]) == []
    assert all(len(catalogue.memo[name]) <= 3 for name in ("planner.status", "planner.specialists"))


def test_a_bounded_table_keeps_what_is_still_used_across_a_new_generation(
    catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An entry used again after the table filled up is carried over, not computed again; memory stays bounded."""
    monkeypatch.setattr(plan_cache, "TABLE_LIMIT", 3)
    computed: list[str] = []

    def compute(key: str) -> str:
        computed.append(key)
        return key.upper()

    def get(key: str) -> str:
        return plan_cache.lookup(catalogue, "test.table", key, lambda: compute(key), bounded=True)

    for key in ("shared", "a", "b", "c", "shared", "d", "e", "f", "shared", "g", "h", "i", "j", "k", "l", "m"):
        assert get(key) == key.upper()
        held = [table for name, table in catalogue.memo.items() if name.startswith("test.table")]
        assert sum(len(table) for table in held) <= 2 * 3
    assert computed.count("shared") == 1
    assert plan_cache.counters(catalogue)["test.table"] == len(set(computed)) == 14
    get("shared")  # unused for two generations: dropped, so computed again
    assert computed.count("shared") == 2


def _random_person(draw: random.Random) -> PlanRequest:
    level = draw.choice(LEVELS)
    done = draw.sample(CERTIFICATIONS, k=draw.randint(0, 3))
    return PlanRequest(
        current_level=level,
        target_level=draw.randint(level, 4),
        years=6,
        start_year=2026,
        days_per_year=draw.choice(DAYS),
        budget_per_year=draw.choice(BUDGETS),
        completed=[CompletedCourse(course_id=c, completed_on=draw.choice(ON)) for c in done],
        today=TODAY,
    )


# --- a wrong key must fail ------------------------------------------------------------------


def _without_budget(state: Any, capacity: Any) -> Hashable:
    key = planner_keys["_specialists_key"](state, capacity)
    assert isinstance(key, tuple) and key[4] is capacity.budget
    return key[:4] + key[5:]


def _without_days(state: Any, capacity: Any) -> Hashable:
    key = planner_keys["_specialists_key"](state, capacity)
    assert isinstance(key, tuple) and key[3] is capacity.days
    return key[:3] + key[4:]


def _without_gaps(state: Any, capacity: Any) -> Hashable:
    key = planner_keys["_specialists_key"](state, capacity)
    assert isinstance(key, tuple)
    return key[:2] + key[3:]  # level, done courses; not the open gaps


def _without_dates(state: Any, held: Any, awarded: date, planned: Any) -> Hashable:
    return (held.course.id, tuple(planned), state.cpd_key)  # no award or renew-by date


planner_keys: dict[str, Callable[..., Hashable]] = {
    "_specialists_key": planner._specialists_key,
    "_status_key": planner._status_key,
}


def _person(
    level: int,
    *,
    budget: float | None = None,
    days: float = 8.0,
    done: tuple[tuple[str, date], ...] = (),
    gaps: dict[str, int] | None = None,
) -> PlanRequest:
    return PlanRequest(
        current_level=level,
        target_level=min(level + 1, 4),  # a step up: gaps for specialist courses
        years=6,
        start_year=2026,
        days_per_year=days,
        budget_per_year=budget,
        completed=[CompletedCourse(course_id=c, completed_on=on) for c, on in done],
        gaps=gaps or {},
        today=TODAY,
    )


WRONG_KEYS = [
    pytest.param(
        "_specialists_key",
        _without_budget,
        [_person(2), _person(2, budget=900.0)],  # priced specialists (below): 900 buys one a year
        id="specialists-without-budget",
    ),
    pytest.param(
        "_specialists_key",
        _without_days,
        [_person(2), _person(2, days=2.0)],
        id="specialists-without-days",
    ),
    pytest.param(
        "_specialists_key",
        _without_gaps,
        [_person(2, gaps={"benefits": 2}), _person(2, gaps={"reporting": 2})],  # gaps from two profiles
        id="specialists-without-gaps",
    ),
    pytest.param(
        "_status_key",
        _without_dates,
        [
            _person(2, done=(("pmi-capm", date(2024, 5, 1)),)),  # renew by May 2027
            _person(2, done=(("pmi-capm", date(2024, 9, 1)),)),  # renew by September 2027
        ],
        id="status-without-completion-dates",
    ),
]


@pytest.mark.parametrize(("name", "wrong", "team"), WRONG_KEYS)
def test_a_wrong_memo_key_fails_the_comparison(
    catalogue: Catalogue,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    wrong: Callable[..., Hashable],
    team: list[PlanRequest],
) -> None:
    # Specialist courses at a known price, so that a budget can leave one out.
    catalogue = replace(
        catalogue,
        courses=tuple(
            c.model_copy(update={"cost": 700.0, "currency": "GBP", "offerings": []}) if c.kind == "specialist" else c
            for c in catalogue.courses
        ),
    )
    assert disagreements(catalogue, team) == []  # the right key: every plan agrees
    plan_cache.clear(catalogue)
    monkeypatch.setattr(planner, name, wrong)
    try:
        found = disagreements(catalogue, team)
    except (AssertionError, KeyError):
        found = [-1]  # the planner tripped over the wrong entry: also a failure, not a silent plan
    assert found != []


# --- work grows with distinct inputs, not people ---------------------------------------------


def _generated_team(people: int, seed: int) -> list[TeamMember]:
    """A realistic mix like the benchmark's: levels 35/35/20/10 %, dated certificates, a few budgets."""
    draw = random.Random(seed)
    members = []
    for index in range(people):
        level = draw.choices(LEVELS, weights=(35, 35, 20, 10))[0]
        done = draw.sample(CERTIFICATIONS[:4], k=draw.randint(0, 2))
        completed = tuple(
            CompletedCourse(course_id=c, completed_on=date(draw.randint(2018, 2025), draw.randint(1, 12), 1))
            for c in done
        )
        members.append(
            TeamMember(
                id=f"p{index:05d}",
                level=level,
                target_level=level,
                completed=completed,
                days_per_year=draw.choice((8.0, 8.0, 8.0, 5.0)),
                budget_per_year=draw.choice((None, None, None, 2500.0)),
            )
        )
    return members


def test_work_grows_at_most_linearly_with_the_team(catalogue: Catalogue) -> None:
    """Plans made equal the distinct inputs, and ten times the people cost at most ten times the misses."""
    small, large = _generated_team(60, seed=1), _generated_team(600, seed=2)
    work = []
    for team in (small, large):
        plan_cache.clear(catalogue)
        build_team_report(catalogue, team, years=6, start_year=2026, today=TODAY)
        counted = plan_cache.counters(catalogue)
        distinct = len({member.plan_key for member in team})
        assert counted["plans"] == distinct <= len(team)
        work.append(sum(n for what, n in counted.items() if what != "plans"))
    assert 0 < work[1] <= 10 * work[0]


def test_shared_models_are_one_object_only_for_the_same_json(catalogue: Catalogue) -> None:
    """``plan_cache.shared``: equal content gives the first object; another type of number, or value, does not."""
    first = CategoryCredits(category="education", name="Education", min=35, max=None, logged=0, planned=0, remaining=35)
    same = CategoryCredits(category="education", name="Education", min=35, max=None, logged=0, planned=0, remaining=35)
    other = CategoryCredits(category="education", name="Education", min=35, max=None, logged=0, planned=1, remaining=34)
    assert plan_cache.shared(catalogue, first) is first
    assert plan_cache.shared(catalogue, same) is first
    assert plan_cache.shared(catalogue, other) is other
    as_int = CategoryCredits.model_construct(
        category="education", name="Education", min=35, max=None, logged=0, planned=0, remaining=35
    )
    assert plan_cache.shared(catalogue, as_int) is as_int  # 0 and 0.0 are equal, but not the same JSON


def test_a_teams_credit_categories_and_years_are_shared(catalogue: Catalogue) -> None:
    """Memory, counted: a team's certificates hold one object per distinct credit category or year."""
    draw = random.Random(11)
    team = [_random_person(draw) for _ in range(120)]
    plans = [build_plan(catalogue, request) for request in team]
    parts = [
        part
        for plan in plans
        for certificate in plan.certificates
        if certificate.credits is not None
        for part in (*certificate.credits.categories, *certificate.credits.periods)
    ]
    distinct = {id(part) for part in parts}
    assert len(distinct) == plan_cache.counters(catalogue)["plan_cache.shared"]
    assert len(parts) > 3 * len(distinct)


# --- construct sets a model up as pydantic's model_construct does ----------------------------


def _models_in(value: object) -> Iterator[BaseModel]:
    """Every pydantic model inside ``value`` (itself included), depth first."""
    if isinstance(value, BaseModel):
        yield value
        for name in type(value).model_fields:
            yield from _models_in(getattr(value, name))
    elif isinstance(value, list | tuple):
        for element in value:
            yield from _models_in(element)
    elif isinstance(value, dict):
        for element in value.values():
            yield from _models_in(element)


def test_construct_sets_up_every_result_model_as_model_construct_does(catalogue: Catalogue) -> None:
    """The fast path of ``construct``: same field values in the same order, fields set, extra and private slots."""
    draw = random.Random(5)
    plans = [build_plan(catalogue, _random_person(draw)) for _ in range(60)]
    kinds: set[type[BaseModel]] = set()
    for model in _models_in(plans):
        cls = type(model)
        given = {name: model.__dict__[name] for name in model.model_fields_set}
        fast = plan_cache.construct(cls, **given)
        reference = cls.model_construct(_fields_set=set(given), **given)
        assert list(fast.__dict__) == list(reference.__dict__)  # the order JSON and repr follow
        assert fast.__dict__ == reference.__dict__
        assert fast.model_fields_set == reference.model_fields_set
        assert (fast.__pydantic_extra__, fast.__pydantic_private__) == (None, None)
        assert (reference.__pydantic_extra__, reference.__pydantic_private__) == (None, None)
        assert fast == reference
        assert fast.model_dump_json() == reference.model_dump_json()
        kinds.add(cls)
    assert plan_cache._layout_of(Plan)[2]  # the fast path is the one compared above
    assert len(kinds) >= 10  # plans, years, items, certificates, credits, reasons of many kinds


def test_construct_leaves_a_model_with_aliases_to_pydantic() -> None:
    """A model the fast path cannot set up (a field alias) is built by ``model_construct`` itself."""

    class Aliased(BaseModel):
        value: int = Field(alias="v")
        other: str = "x"

    assert not plan_cache._layout_of(Aliased)[2]
    built = plan_cache.construct(Aliased, v=3)
    assert built.value == 3 and built.other == "x"
    assert built.model_fields_set == {"value"}
