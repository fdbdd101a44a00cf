"""Rule 11 beside the level's recommendations: a combined course takes its Foundation's place (coach's case)."""

from __future__ import annotations

from pmoplan.loading import load_catalogue
from pmoplan.plan_models import PlanRequest
from pmoplan.planner import build_plan

SHIPPED = load_catalogue()


def test_a_new_pmo_manager_sits_the_recommended_mop_not_chartered_status() -> None:
    """Coach: an analyst who becomes a level-3 PMO manager in 2029 has a second level-3 sitting in
    2031. MoP Foundation is recommended for the level; its combined course (Foundation and
    Practitioner in one sitting) must stand in its place. Chartered Project Professional, which the
    level does not recommend and which asks for a proven track record, must not jump ahead of it just
    because a combined course exists (before this rule, covered Foundations sank below every course)."""
    plan = build_plan(SHIPPED, PlanRequest(current_level=2, target_level=3, years=6, start_year=2026))
    sittings = [(y.year, i.course_id) for y in plan.years for i in y.items if i.kind == "certification"]
    assert sittings[-1] == (2031, "mop-combined")
    assert "apm-chpp" not in {course_id for _year, course_id in sittings}
