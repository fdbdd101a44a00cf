"""Prices and renewal facts of APM, APMG and the other UK PMO awarding bodies (issue 13, December 2026).

docs/research/prices-2026-12-apmg.md records what was found and what was not. These tests hold the
shipped data to what that research read on the awarding body's page, and a realistic person's plan to
what a coach would say once the price is known.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from pmoplan.cli import plan_commands
from pmoplan.loading import load_catalogue

# The README's level 4 worked example (a Head of PMO holding MoP and P3O Practitioner), planned as JSON.
from tests.test_planner_examples import DIRECTOR, plan_json

CATALOGUE = load_catalogue()
APM_CHPP_FEES = "https://www.apm.org.uk/chartered-standard/route-1"


@pytest.fixture(autouse=True)
def review_day(monkeypatch: pytest.MonkeyPatch) -> None:
    """Plans are made on the day the prices were seen, so renewals and lapses never drift."""
    monkeypatch.setattr(plan_commands, "today_for_plans", lambda: date(2026, 12, 1))


def chpp_items(plan: dict[str, Any]) -> list[tuple[int, dict[str, Any]]]:
    return [(y["year"], i) for y in plan["years"] for i in y["items"] if i["course_id"] == "apm-chpp"]


def test_chpp_costs_apms_pathway_2_assessment_fees_excluding_vat() -> None:
    chpp = CATALOGUE.course("apm-chpp")
    assert (chpp.cost, chpp.exam_cost, chpp.currency) == (866, None, "GBP")
    [offering] = chpp.offerings
    # No days of its own: the submission takes the course's 3 assumed days of preparation.
    assert (offering.mode, offering.days, offering.price, offering.currency, offering.vat) == (
        "exam-only",
        None,
        866,
        "GBP",
        "excluded",
    )
    assert (offering.provider, offering.source, offering.seen, offering.verified) == (
        "APM",
        APM_CHPP_FEES,
        "2026-12-01",
        True,
    )
    assert offering.member_price is None  # APM publishes one fee for members and non-members
    note = chpp.cost_note or ""
    assert "GBP 450" in note and "GBP 416" in note and "GBP 1,039.20 including VAT" in note
    # The fee is Pathway 2's; the other pathways' fees were not found, so the figure stays unverified.
    assert "Pathways 1 and 3 were not found" in note
    assert "cost" in chpp.unverified and not chpp.verified


def test_chpp_annual_registration_fee_is_recorded_with_apms_cpd_scheme() -> None:
    scheme = next(s for s in CATALOGUE.renewal_schemes if s.id == "apm-cpd")
    registration = next(m for m in scheme.memberships if m.name == "Chartered Project Professional registration")
    assert (registration.fee, registration.currency, registration.per) == (93, "GBP", "year")
    assert "plus VAT" in registration.detail
    assert any(s.url == APM_CHPP_FEES and s.status == "V" for s in scheme.sources)
    assert "GBP 93 plus VAT" in (CATALOGUE.course("apm-chpp").renewal_note or "")


def test_director_on_a_1500_budget_has_chartered_status_held_against_the_budget(runner: CliRunner) -> None:
    """Coach: Chartered status is the Head of PMO's next credential after Essentials for PMO Directors,
    and APM's assessment fees (GBP 866 + VAT) fit a GBP 1,500 year on their own; the plan now counts
    them instead of calling the item unpriced."""
    plan = plan_json(runner, [*DIRECTOR, "--budget-per-year", "1500"])
    [(year, item)] = chpp_items(plan)
    assert (year, item["cost"], item["currency"], item["budget_cost"], item["offering"]) == (
        2028,
        866.0,
        "GBP",
        866.0,
        None,
    )
    assert plan["totals"]["priced_items"] == 1 and plan["totals"]["unpriced_items"] == 2
    assert all(y["costs"].get("GBP", 0) <= 1500 for y in plan["years"])


def test_director_on_a_500_budget_is_never_planned_a_chartered_application_it_cannot_pay(runner: CliRunner) -> None:
    """Coach: GBP 866 of fees cannot come out of a GBP 500 year; the plan must not pretend it can."""
    plan = plan_json(runner, [*DIRECTOR, "--budget-per-year", "500"])
    assert chpp_items(plan) == []
    assert all(y["costs"].get("GBP", 0) <= 500 for y in plan["years"])


def test_the_research_note_names_every_course_of_these_providers_still_unpriced() -> None:
    # The research note lists, per provider, the courses that stay unpriced and why; a course that
    # gains a price must leave that list, and one that is added must join it.
    note = (Path(__file__).resolve().parents[1] / "docs" / "research" / "prices-2026-12-apmg.md").read_text(
        encoding="utf-8"
    )
    providers = ("APM ", "APMG", "Agile Business", "HM Treasury", "House of PMO", "Praxis", "Wellingtone", "AIPMO")
    mine = [
        c
        for c in CATALOGUE.courses
        if c.kind == "certification" and not c.withdrawn and (c.provider.startswith(providers) or "APMG" in c.provider)
    ]
    unpriced = [c.id for c in mine if not any(o.price is not None for o in c.offerings)]
    assert len(mine) == 24 and len(unpriced) == 22
    for course_id in unpriced:
        stem = course_id.rsplit("-", 1)[0]
        assert f"`{course_id}`" in note or f"`{stem}-" in note, course_id
