"""'Not scheduled' names the yearly limit that kept a skill's course out of a plan (issue 16, item 7).

A coach reading "no room left in the yearly days, budget or course limit" cannot tell the person
what to change. The plan now names the limit with its figure and the years it was full: the
guide's two specialist courses a year, the training days a year, or the budget a year.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from hypothesis import example, given
from typer.testing import CliRunner

from pmoplan.catalogue import Catalogue
from pmoplan.cli import app
from pmoplan.loading import load_catalogue
from pmoplan.plan_models import Plan, PlanRequest, Unscheduled
from pmoplan.planner import build_plan
from pmoplan.reasons import BetterRankedRefused, CadenceFull, DaysShort, GapOpen, LimitReached
from pmoplan.render.reason_text import reason_text, unscheduled_text, years_text
from tests.conftest import Snapshot
from tests.test_planner_properties import CATALOGUE, plan_requests

SHIPPED = load_catalogue()


def gap_entry(plan: Plan, skill: str) -> tuple[Unscheduled, GapOpen]:
    (entry,) = [u for u in plan.unscheduled if u.skill == skill]
    (gap,) = entry.reasons
    assert isinstance(gap, GapOpen)
    return entry, gap


def priced_catalogue(tmp_path: Path) -> Catalogue:
    """The shipped catalogue with an organisation's negotiated price of £800 on every level-2 specialist course."""
    folder = tmp_path / "org"
    folder.mkdir()
    ids = [c.id for c in SHIPPED.courses if c.kind == "specialist" and 2 in c.levels]
    lines = ["overrides:"] + [f"  {course_id}: {{cost: 800, currency: GBP}}" for course_id in ids]
    (folder / "courses.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load_catalogue(folder)


def test_a_newcomer_is_told_the_two_courses_a_year_limit_kept_a_gap_open() -> None:
    """Coach: a level-1 newcomer over three years has more small gaps than two courses a year can
    close. Saying it was the two-a-year pacing (not a lack of courses) tells them the gap closes next
    year, or on the job, rather than that nothing exists."""
    plan = build_plan(SHIPPED, PlanRequest(current_level=1, target_level=2, years=3, start_year=2026))
    entry, gap = gap_entry(plan, "financial-management")
    assert gap.cause == "no-room"
    assert gap.limits == (LimitReached(limit="specialist-courses", per_year=2, years=(2028,)),)
    assert sum(item.kind == "specialist" for item in plan.years[2].items) == 2
    assert unscheduled_text(entry) == (
        "Financial management, budgeting and cost control: 1 point still open; no room for a course for it: "
        "the limit of 2 specialist courses a year was reached in 2028"
    )


def test_four_training_days_a_year_are_named_when_they_run_out() -> None:
    """Coach: with 4 days a year, the certification takes 3 of them in 2026 and 2 in 2027, each year's
    one-day course the rest: the person should hear that the days were the constraint in those years,
    and in 2028 (no sitting, two courses) the two-course limit."""
    request = PlanRequest(current_level=2, target_level=3, years=3, start_year=2026, days_per_year=4)
    plan = build_plan(SHIPPED, request)
    entry, gap = gap_entry(plan, "stakeholder-engagement")
    assert gap.limits == (
        LimitReached(limit="specialist-courses", per_year=2, years=(2028,)),
        LimitReached(limit="days", per_year=4, years=(2026, 2027)),
    )
    assert unscheduled_text(entry) == (
        "Stakeholder engagement and communication: 1 point still open; no room for a course for it: the limit of 2 "
        "specialist courses a year was reached in 2028; the limit of 4 training days a year was reached in "
        "2026-2027"
    )


def test_a_budget_that_pays_for_one_course_a_year_is_named(tmp_path: Path) -> None:
    """Coach (for an L&D lead): £1,000 a year against negotiated prices of £800 a course. In 2026 the
    P3O Foundation exam (£245) leaves £755, so no course fits; in 2027 Benefits takes £800. The
    stakeholder gap stays open, and the budget (not the days, not the course limit) is what to raise."""
    catalogue = priced_catalogue(tmp_path)
    gaps = {"benefits": 1, "stakeholder-engagement": 1}
    request = PlanRequest(current_level=2, target_level=2, years=2, start_year=2026, budget_per_year=1000, gaps=gaps)
    plan = build_plan(catalogue, request)
    assert [[i.course_id for i in year.items if i.kind == "specialist"] for year in plan.years] == [
        [],
        ["pmol-benefits"],
    ]
    entry, gap = gap_entry(plan, "stakeholder-engagement")
    assert gap.limits == (LimitReached(limit="budget", per_year=1000, currency="GBP", years=(2026, 2027)),)
    assert unscheduled_text(entry) == (
        "Stakeholder engagement and communication: 1 point still open; no room for a course for it: "
        "the budget of £1,000 a year was reached in 2026-2027"
    )


def test_no_remaining_course_is_not_called_a_lack_of_room() -> None:
    """At level 2 no current specialist course develops frameworks (the generic Agile PMO topic was
    replaced by a named level-3 course), so no limit is to blame: the plan must not say "no room"."""
    plan = build_plan(SHIPPED, PlanRequest(current_level=2, target_level=3, years=3, start_year=2026, days_per_year=4))
    entry, gap = gap_entry(plan, "frameworks-methods")
    assert gap.cause == "no-room" and gap.limits == ()
    assert unscheduled_text(entry) == (
        "Frameworks and methodologies: 2 points still open; no remaining course for it could be planned"
    )


def test_a_refused_certification_names_the_days_and_the_budget_a_year() -> None:
    assert reason_text(DaysShort(needed=3, left=1, per_year=8)) == "needs 3 days, 1 left of the 8 training days a year"
    assert reason_text(DaysShort(needed=3, left=1, per_year=1)) == "needs 3 days, more than the 1 training day a year"
    assert reason_text(DaysShort(needed=3, left=1)) == "needs 3 days, 1 left of the yearly training days"  # old JSON


def test_years_are_written_as_runs() -> None:
    assert years_text([2031, 2026, 2027, 2028, 2030]) == "2026-2028, 2030-2031"
    assert years_text([2029]) == "2029"


@given(plan_requests())
def test_a_named_limit_is_true_of_every_year_it_names(request: PlanRequest) -> None:
    """The course limit is named only for years that have their specialist courses; every named year
    is in the plan; limits are named only for gaps left for want of room."""
    plan = build_plan(CATALOGUE, request)
    horizon = {year.year: year for year in plan.years}
    for entry in plan.unscheduled:
        for reason in entry.reasons:
            if not isinstance(reason, GapOpen) or not reason.limits:
                continue
            assert reason.cause == "no-room"
            for limit in reason.limits:
                assert limit.years and set(limit.years) <= set(horizon)
                if limit.limit == "specialist-courses":
                    for year in limit.years:
                        count = sum(item.kind == "specialist" for item in horizon[year].items)
                        assert count == request.max_specialist_per_year
                if limit.limit == "budget":
                    assert request.budget_per_year is not None and limit.per_year == request.budget_per_year
                if limit.limit == "days":
                    assert limit.per_year == request.days_per_year


def test_the_limit_is_shown_in_the_table_markdown_and_html(runner: CliRunner, snapshot: Snapshot) -> None:
    args = ["plan", "--level", "2", "--years", "3", "--start", "2026", "--days-per-year", "4"]
    sections = []
    for fmt in ("table", "markdown", "html"):
        result = runner.invoke(app, [*args, "--format", fmt])
        assert result.exit_code == 0, result.stderr
        text = result.stdout
        if fmt == "html":
            text = text.split('<h2 id="unscheduled">')[1].split("</section>")[0]
            text = html.unescape(re.sub(r"</li>", "\n", re.sub(r"<(?!/li)[^>]*>", "", text)))
        else:
            text = text[text.index("Not scheduled") :]
        sections.append(f"--- {fmt}\n{text.rstrip()}\n")
    document = "".join(sections)
    flat = " ".join(document.split())  # the table wraps its lines
    # Stakeholder engagement (days full in 2026-2027) and facilitation (in 2026-2028), in each of 3 formats.
    assert flat.count("the limit of 4 training days a year was reached in 2026-2027") == 3
    assert flat.count("the limit of 4 training days a year was reached in 2026-2028") == 3
    snapshot.check("plan-not-scheduled-limits", document)


def test_a_recommended_certification_kept_out_by_the_rhythm_says_so() -> None:
    """Coach: a level-3 PMO manager planning four years with one sitting every two years has two
    sittings (P3O combined in 2026, House of PMO Essentials for PMO Managers in 2028). MoP Foundation,
    also recommended for the level, is not in the plan because of that rhythm, not because anything
    bars it: the person should hear that a third sitting (or --cert-every, or a longer plan) is what
    would bring it in."""
    plan = build_plan(SHIPPED, PlanRequest(current_level=3, target_level=3, years=4, start_year=2026))
    (entry,) = [u for u in plan.unscheduled if u.course_id == "mop-foundation"]
    assert entry.reasons == [
        CadenceFull(level=3, every=2, sittings=((2026, "p3o-combined"), (2028, "hop-essentials-managers")))
    ]
    assert unscheduled_text(entry) == (
        "recommended for level 3, but the plan has one certification sitting every 2 years and they went to "
        "p3o-combined (2026), hop-essentials-managers (2028)"
    )


def test_a_level_reached_in_the_last_year_names_what_comes_next() -> None:
    """A level-3 manager sitting one certification every three years (2026, 2029) is ready for level 4
    in 2030: no sitting falls due before the plan ends, so the level's recommended certifications are
    named as what comes next, with the rhythm that puts them after the plan."""
    request = PlanRequest(current_level=3, target_level=4, years=6, start_year=2026, cert_every=3)
    plan = build_plan(SHIPPED, request)
    assert [y.level for y in plan.years] == [3, 3, 3, 3, 4, 4]
    assert not [i for y in plan.years[4:] for i in y.items if i.kind == "certification"]
    rhythm = [u for u in plan.unscheduled if any(isinstance(r, CadenceFull) for r in u.reasons)]
    assert [u.course_id for u in rhythm] == ["hop-essentials-directors", "mop-combined"]
    assert unscheduled_text(rhythm[0]) == (
        "recommended for level 4, but no sitting fell due at this level within the plan "
        "(one certification sitting every 3 years)"
    )


@given(plan_requests())
@example(PlanRequest(current_level=3, target_level=4, years=4, start_year=2020, days_per_year=0.5))
def test_the_rhythm_is_named_only_for_recommended_courses_left_out_without_another_reason(
    request: PlanRequest,
) -> None:
    plan = build_plan(CATALOGUE, request)
    planned = {item.course_id for year in plan.years for item in year.items}
    for entry in plan.unscheduled:
        if not any(isinstance(r, CadenceFull) for r in entry.reasons):
            continue
        assert entry.course_id is not None and entry.course_id not in planned
        assert len(entry.reasons) == 1
        (reason,) = entry.reasons
        assert isinstance(reason, CadenceFull)
        # No second reason given. A course named as better-ranked but refused for capacity was so at
        # an earlier level, where the level did not recommend it: that is not why this level missed it.
        others = [u for u in plan.unscheduled if u.course_id == entry.course_id and u is not entry]
        for other in others:
            (refused,) = other.reasons
            assert isinstance(refused, BetterRankedRefused) and refused.level != reason.level, other
        assert entry.course_id in CATALOGUE.level(reason.level).recommended_courses
        assert reason.every == (request.cert_every or 2)
        for year, course_id in reason.sittings:
            (plan_year,) = [y for y in plan.years if y.year == year]
            assert plan_year.level == reason.level
            assert course_id in {i.course_id for i in plan_year.items if i.kind == "certification"}
