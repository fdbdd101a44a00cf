"""``team plan --workers N``: the same report, byte for byte, on one process or several.

The pool only starts above ``team_workers.PARALLEL_MIN`` distinct inputs; the tests lower that
threshold so that a small team goes through the pool too.
"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from pmoplan import plan_cache, team_workers
from pmoplan.catalogue import Catalogue
from pmoplan.cli import app
from pmoplan.cli.output import TerminalView, table_text
from pmoplan.errors import PlanInputError
from pmoplan.loading import load_catalogue
from pmoplan.plan_models import CompletedCourse, PlanRequest
from pmoplan.planner import build_plan
from pmoplan.render.team_json import team_json_chunks
from pmoplan.render.team_table import team_renderables
from pmoplan.team import TeamMember, TeamReport, _request, build_team_report

TODAY = date(2026, 12, 1)
CERTIFICATIONS = ("p3o-foundation", "prince2-foundation", "msp-foundation", "pmi-capm", "pmi-pmp")


@pytest.fixture(autouse=True)
def small_pool_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(team_workers, "PARALLEL_MIN", 2)


@pytest.fixture
def catalogue() -> Catalogue:
    return load_catalogue()


def generated_team(people: int = 90, seed: int = 19) -> list[TeamMember]:
    """Mostly distinct people: dated certificates, some budgets, days and focus skills."""
    draw = random.Random(seed)
    members = []
    for index in range(people):
        level = draw.choice((1, 1, 2, 2, 3, 4))
        done = draw.sample(CERTIFICATIONS, k=draw.randint(0, 2))
        members.append(
            TeamMember(
                id=f"p{index:03d}",
                name=f"Person {index}",
                level=level,
                target_level=min(4, level + draw.choice((0, 1))),
                completed=tuple(
                    CompletedCourse(course_id=c, completed_on=date(draw.randint(2019, 2025), draw.randint(1, 12), 1))
                    for c in done
                ),
                focus=("benefits",) if draw.random() < 0.2 else (),
                days_per_year=draw.choice((8.0, 8.0, 5.0)),
                budget_per_year=draw.choice((None, None, 2500.0)),
            )
        )
    return members


def as_text(report: TeamReport) -> tuple[str, str]:
    """The report's JSON and its table, as the CLI writes them."""
    table = table_text(TerminalView(lambda plain, _width: team_renderables(report, plain=plain)), 100)
    return "".join(team_json_chunks(report)), table


@pytest.mark.parametrize("options", [{}, {"team_budget_per_year": 20000.0}, {"min_group": 3}], ids=str)
def test_one_and_several_workers_give_the_same_report(catalogue: Catalogue, options: dict[str, float]) -> None:
    team = generated_team()
    kwargs = {"years": 6, "start_year": 2026, "today": TODAY, "as_of": TODAY, **options}
    one = as_text(build_team_report(catalogue, team, workers=1, **kwargs))  # type: ignore[arg-type]
    for workers in (2, 3):
        assert as_text(build_team_report(load_catalogue(), team, workers=workers, **kwargs)) == one  # type: ignore[arg-type]


def test_work_done_in_workers_is_counted(catalogue: Catalogue) -> None:
    team = generated_team()
    plan_cache.clear(catalogue)
    build_team_report(catalogue, team, years=6, start_year=2026, today=TODAY, workers=2)
    assert plan_cache.counters(catalogue)["plans"] == len({member.plan_key for member in team})


def test_progress_reaches_the_team_size_with_workers(catalogue: Catalogue) -> None:
    seen: list[int] = []
    build_team_report(catalogue, generated_team(), years=2, start_year=2026, progress=seen.append, workers=2)
    assert seen == sorted(seen) and seen[-1] == 90


def test_the_first_bad_person_in_file_order_is_reported_whatever_the_workers(catalogue: Catalogue) -> None:
    team = generated_team(40)
    late = (CompletedCourse(course_id="pmi-capm", completed_on=date(2027, 6, 1)),)
    later = (CompletedCourse(course_id="pmi-pmp", completed_on=date(2028, 6, 1)),)
    team[25] = TeamMember(id="late", level=2, target_level=2, completed=late)
    team[33] = TeamMember(id="later", level=3, target_level=3, completed=later)
    messages = []
    for workers in (1, 2, 3):
        with pytest.raises(PlanInputError) as raised:
            build_team_report(catalogue, team, years=2, start_year=2026, workers=workers)
        messages.append(str(raised.value))
    assert messages == [messages[0]] * 3
    assert messages[0].startswith("pmi-capm completed on 2027-06-01 is after the plan starts (2026)")


def test_the_cli_writes_the_same_json_and_table_with_any_number_of_workers(tmp_path: Path) -> None:
    team = tmp_path / "team.csv"
    rows = ["id,level,completed,budget_per_year"]
    for i in range(60):
        completed = f"pmi-capm@2024-{1 + i % 12:02d}-01" if i % 2 else ""
        rows.append(f"p{i:03d},{1 + i % 4},{completed},{'' if i % 5 else 3000}")
    team.write_text("\n".join(rows) + "\n", encoding="utf-8")
    runner = CliRunner()
    outputs = {}
    for workers in ("1", "2"):
        for fmt in ("json", "table"):
            args = ["team", "plan", str(team), "--start", "2026", "--format", fmt, "--workers", workers]
            result = runner.invoke(app, args)
            assert result.exit_code == 0, result.output
            outputs[(workers, fmt)] = result.stdout
    assert outputs[("1", "json")] == outputs[("2", "json")]
    assert outputs[("1", "table")] == outputs[("2", "table")]
    assert '"people_count": 60' in outputs[("1", "json")]


def test_workers_must_be_at_least_one(tmp_path: Path) -> None:
    team = tmp_path / "team.csv"
    team.write_text("id,level\np1,2\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["team", "plan", str(team), "--workers", "0"])
    assert result.exit_code == 2
    assert "--workers" in result.output


def test_the_first_bad_person_in_file_order_is_named_though_people_alike_are_planned_together(
    catalogue: Catalogue,
) -> None:
    """Planning groups people by level: a bad level-1 person later in the file is planned before a level-4 one."""
    team = generated_team(40)
    team[5] = TeamMember(
        id="first",
        level=4,
        target_level=4,
        completed=(CompletedCourse(course_id="pmi-pmp", completed_on=date(2027, 6, 1)),),
    )
    team[30] = TeamMember(
        id="second",
        level=1,
        target_level=1,
        completed=(CompletedCourse(course_id="pmi-capm", completed_on=date(2028, 6, 1)),),
    )
    for workers in (1, 2):
        with pytest.raises(PlanInputError, match=r"^pmi-pmp completed on 2027-06-01"):
            build_team_report(catalogue, team, years=2, start_year=2026, workers=workers)


def test_people_alike_planned_together_share_more_of_each_workers_tables(monkeypatch: pytest.MonkeyPatch) -> None:
    """Work is counted, not timed: grouped, two workers compute fewer memo entries than in file order."""

    def misses(catalogue: Catalogue) -> int:
        build_team_report(catalogue, generated_team(200, seed=5), years=4, start_year=2026, today=TODAY, workers=2)
        return sum(n for what, n in plan_cache.counters(catalogue).items() if what != "plans")

    grouped = misses(load_catalogue())
    monkeypatch.setattr(team_workers, "_group_key", lambda request: 0)  # a stable sort: file order
    in_file_order = misses(load_catalogue())
    assert grouped < in_file_order


def test_plans_from_workers_hold_the_parents_own_requests(catalogue: Catalogue) -> None:
    """A worker sends a plan back without its request; the parent puts its own back (no second copy in memory)."""
    team = generated_team(60)
    requests = [_request(member, 3, 2026, TODAY) for member in team]
    plans = team_workers.plan_all(catalogue, requests, workers=2)
    assert all(plan.request is request for plan, request in zip(plans, requests, strict=True))
    with plan_cache.uncached():
        assert [plan.model_dump_json() for plan in plans] == [
            build_plan(catalogue, request).model_dump_json() for request in requests
        ]


@given(st.integers(min_value=1, max_value=300_000), st.integers(min_value=2, max_value=64))
def test_chunks_cover_the_requests_once_shrinking_towards_the_end(count: int, workers: int) -> None:
    """Guided chunks: consecutive, never growing, within the limits, and small at the end."""
    sizes = team_workers.chunk_sizes(count, workers)
    assert sum(sizes) == count and all(size > 0 for size in sizes)
    assert sizes == sorted(sizes, reverse=True)
    assert all(team_workers.MIN_CHUNK <= size <= team_workers.MAX_CHUNK for size in sizes[:-1])
    assert sizes[-1] <= team_workers.MAX_CHUNK
    # Each chunk is at most a 1/(SHARE x workers) share of what is left (or the minimum): when one
    # process takes the last large chunk, the others still have as much work queued behind it.
    left = count
    for size in sizes:
        assert size <= max(team_workers.MIN_CHUNK, -(-left // (team_workers.SHARE * workers)))
        left -= size
    # The few chunks planned last are of the minimum size (the processes then finish together).
    if count >= 10 * team_workers.MIN_CHUNK * team_workers.SHARE * workers:
        assert max(sizes[-3:]) <= team_workers.MIN_CHUNK


def test_the_grouping_key_orders_requests_as_the_planner_s_memo_keys_read_them() -> None:
    """People alike come together: level, target, provider, focus, gaps, days, budget, courses, then dates."""

    def reference(request: PlanRequest) -> tuple[object, ...]:
        return (
            request.current_level,
            request.target_level,
            request.provider or "",
            tuple(request.focus),
            tuple(sorted(request.gaps.items())),
            request.days_per_year,
            -1.0 if request.budget_per_year is None else request.budget_per_year,
            tuple(sorted(done.course_id for done in request.completed)),
            tuple(sorted((done.course_id, (done.completed_on or date.min).toordinal()) for done in request.completed)),
        )

    team = generated_team(300, seed=3)
    requests = [_request(member, 3, 2026, TODAY) for member in team]
    requests += [request.model_copy(update={"gaps": {"benefits": 2, "reporting": 1}}) for request in requests[:40]]
    by_key = sorted(range(len(requests)), key=lambda index: team_workers._group_key(requests[index]))
    assert by_key == sorted(range(len(requests)), key=lambda index: reference(requests[index]))


def test_plans_sent_between_processes_keep_every_model_field_and_fields_set(catalogue: Catalogue) -> None:
    """The workers' pickling of result models: the same types, values, number types and fields set."""
    from pydantic import BaseModel

    requests = [_request(member, 4, 2026, TODAY) for member in generated_team(40, seed=23)]
    plans = [build_plan(catalogue, request) for request in requests]
    sent, work = team_workers._received(team_workers._sent((plans, {"plans": 40})))
    assert work == {"plans": 40}

    def walk(before: object, after: object) -> int:
        assert type(after) is type(before)
        if isinstance(before, BaseModel):
            assert isinstance(after, BaseModel)
            assert after.model_fields_set == before.model_fields_set
            assert list(after.__dict__) == list(before.__dict__)
            return 1 + sum(walk(before.__dict__[name], after.__dict__[name]) for name in before.__dict__)
        if isinstance(before, (list, tuple)):
            assert isinstance(after, (list, tuple)) and len(after) == len(before)
            return sum(walk(b, a) for b, a in zip(before, after, strict=True))
        if isinstance(before, dict):
            assert isinstance(after, dict) and list(after) == list(before)
            return sum(walk(before[key], after[key]) for key in before)
        assert after == before
        return 0

    assert sum(walk(plan, copy) for plan, copy in zip(plans, sent, strict=True)) > 40 * 5  # models all the way down
    assert [plan.model_dump_json() for plan in sent] == [plan.model_dump_json() for plan in plans]
