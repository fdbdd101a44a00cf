"""Hand-built plans for the export tests: awkward text in every field the exports write."""

from __future__ import annotations

from datetime import date

from pmoplan.plan_models import (
    Certificate,
    CompletedCourse,
    Milestone,
    Plan,
    PlanItem,
    PlanRequest,
    PlanYear,
    Totals,
    Unscheduled,
)

FORMULA_TITLE = '=HYPERLINK("x")'
AWKWARD_WHY = 'Closes the reporting gap, fast; see C:\\pmo\\notes\nand "quotes" | pipes <b>bold</b> &amp;'
LONG_TITLE = "Étape … ü" * 60


def item(uid: str, course_id: str, title: str, kind: str, days: float, cost: float | None, **extra: object) -> PlanItem:
    """A plan item with a default reason."""
    fields: dict[str, object] = {"why": f"Why {course_id}.", "currency": "GBP" if cost is not None else None}
    fields.update(extra)
    return PlanItem.model_validate(
        {"uid": uid, "course_id": course_id, "title": title, "kind": kind, "days": days, "cost": cost, **fields}
    )


def sample_plan() -> Plan:
    """Three years, level 2 to 3: a certification, two specialist courses, a renewal, awkward text."""
    year_2026 = [
        item("2026-certification-p3o-foundation", "p3o-foundation", "P3O Foundation", "certification", 3, 1205),
        item(
            "renewal-prince2-foundation-2026-05-10",
            "prince2-foundation",
            "PRINCE2 Foundation (7th edition)",
            "renewal",
            0.5,
            None,
            renew_by=date(2026, 5, 10),
            route="cpd",
            why="Certificate lapses on 2026-05-10.",
        ),
    ]
    year_2027 = [
        item("2027-specialist-pmo-reporting", "pmo-reporting", FORMULA_TITLE, "specialist", 1, None, why=AWKWARD_WHY),
        item("2027-specialist-data-viz", "data-viz", LONG_TITLE, "specialist", 2, None, why="-1 gap; @risk +2"),
    ]
    years = [
        PlanYear(year=2026, level=2, items=year_2026, days=3.5, costs={"GBP": 1205}, unpriced_items=1),
        PlanYear(year=2027, level=2, items=year_2027, days=3, costs={}, unpriced_items=2),
        PlanYear(year=2028, level=3, items=[], days=0, costs={}, unpriced_items=0),
    ]
    return Plan(
        request=PlanRequest(
            current_level=2,
            target_level=3,
            years=3,
            start_year=2026,
            completed=[CompletedCourse(course_id="prince2-foundation", completed_on=date(2023, 5, 10))],
        ),
        currency="GBP",
        years=years,
        milestones=[
            Milestone(year=2026, kind="assumed-completed", text="PRINCE2 Foundation assumed held since 2023-05-10."),
            Milestone(year=2028, kind="ready-for-level", text="Ready for level 3: Managing a PMO.", level=3),
        ],
        certificates=[
            Certificate(
                course_id="prince2-foundation",
                title="PRINCE2 Foundation (7th edition)",
                awarded_on=date(2023, 5, 10),
                renew_by=date(2026, 5, 10),
                planned=False,
            ),
            Certificate(
                course_id="p3o-foundation",
                title="P3O Foundation",
                awarded_on=None,
                renew_by=date(2029, 3, 31),
                planned=True,
            ),
        ],
        totals=Totals(days=6.5, costs={"GBP": 1205}, unpriced_items=3, certifications=1, specialist=2, renewals=1),
        unscheduled=[Unscheduled(course_id="pmo-finance", skill="finance", year=2027, reason="Over the 8-day limit.")],
    )


def small_plan() -> Plan:
    """One year, one course: small enough to snapshot whole."""
    course = item(
        "2026-certification-p3o-foundation",
        "p3o-foundation",
        "P3O Foundation",
        "certification",
        3,
        1205,
        why="First certification: fits level 2 | closes the governance gap.",
    )
    return Plan(
        request=PlanRequest(current_level=2, target_level=3, years=1, start_year=2026, budget_per_year=2000),
        currency="GBP",
        years=[PlanYear(year=2026, level=2, items=[course], days=3, costs={"GBP": 1205}, unpriced_items=0)],
        milestones=[],
        certificates=[
            Certificate(
                course_id="p3o-foundation",
                title="P3O Foundation",
                awarded_on=None,
                renew_by=date(2029, 3, 31),
                planned=True,
            )
        ],
        totals=Totals(days=3, costs={"GBP": 1205}, unpriced_items=0, certifications=1, specialist=0, renewals=0),
        unscheduled=[],
    )
