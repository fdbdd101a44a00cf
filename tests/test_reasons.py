"""The reasons layer: the engine records why as data; one module in render/ writes every sentence.

Promises checked here:
* every reason kind has a sentence writer, and every code the engine can emit is a known kind;
* the engine (planner, plan models, reasons) imports nothing from ``pmoplan.render`` and writes
  no text into a plan;
* the JSON of a plan carries the records and the text written from them, and reads back;
* every sentence goes through gettext, so a translation changes the words and nothing else;
* plural forms come from ngettext, not from ``(s)``.
"""

from __future__ import annotations

import ast
import gettext
import json
import typing
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from pmoplan import reasons
from pmoplan.catalogue import Catalogue
from pmoplan.cli import app
from pmoplan.loading import load_catalogue
from pmoplan.plan_models import CompletedCourse, Plan, PlanRequest
from pmoplan.planner import build_plan
from pmoplan.render import reason_text

SRC = Path(__file__).resolve().parents[1] / "src" / "pmoplan"
ENGINE_MODULES = ["reasons.py", "plan_models.py", "planner.py", "catalogue.py", "models.py"]
CATALOGUE: Catalogue = load_catalogue()


def reason_classes() -> list[type[reasons.ReasonRecord]]:
    union = typing.get_args(reasons.Reason)[0]
    return list(typing.get_args(union))


def test_every_reason_kind_has_a_writer_and_a_unique_code() -> None:
    codes = [cls.model_fields["code"].default for cls in reason_classes()]
    assert len(codes) == len(set(codes))
    refusals = ["days-short", "budget-short"]
    assert sorted(reason_text._WRITERS) == sorted(codes + refusals)


@pytest.mark.parametrize("module", ENGINE_MODULES)
def test_the_engine_imports_nothing_from_render(module: str) -> None:
    tree = ast.parse((SRC / module).read_text(encoding="utf-8"))
    imported = [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)] + [
        alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names
    ]
    assert not [name for name in imported if name.startswith(("pmoplan.render", "pmoplan.cli"))]


def test_reasons_module_is_the_bottom_layer() -> None:
    tree = ast.parse((SRC / "reasons.py").read_text(encoding="utf-8"))
    imported = [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    assert not [name for name in imported if name.startswith("pmoplan")]


def lapsed_analyst() -> PlanRequest:
    """Many kinds of reason at once: a lapsed certificate restored, an assumption, a budget, gaps, a renewal."""
    return PlanRequest(
        current_level=2,
        target_level=3,
        years=6,
        start_year=2026,
        budget_per_year=600,  # the PRINCE2 Foundation re-sit (£555) must fit: renewals are paid first
        completed=[
            CompletedCourse(course_id="prince2-foundation", completed_on=date(2019, 2, 1)),
            CompletedCourse(course_id="p3o-practitioner", completed_on=date(2025, 5, 1)),
            CompletedCourse(course_id="aipmo-ipmo-f"),
        ],
    )


def emitted_codes(plan: Plan) -> set[str]:
    entries: list[Any] = [i for y in plan.years for i in y.items] + plan.milestones + plan.unscheduled
    return {r.code for entry in [*entries, *plan.warnings] for r in entry.reasons}


def test_engine_records_reasons_and_leaves_text_empty() -> None:
    plan = build_plan(CATALOGUE, lapsed_analyst())
    codes = emitted_codes(plan)
    assert {"restore-lapsed", "assumed-completed", "renewal-due", "gap-closed", "unpriced-under-budget"} <= codes
    # With £300 a year the same re-sit cannot be paid: it is reported, not planned over the budget.
    cheaper = build_plan(CATALOGUE, lapsed_analyst().model_copy(update={"budget_per_year": 300}))
    assert "renewal-unfunded" in emitted_codes(cheaper) and "restore-lapsed" not in emitted_codes(cheaper)
    assert all(i.why == "" for y in plan.years for i in y.items)
    assert all(m.text == "" for m in plan.milestones)
    assert all(w.text == "" and w.code == w.reasons[0].code for w in plan.warnings)
    assert all(u.reason == "" for u in plan.unscheduled)


def test_json_carries_records_and_their_text_and_reads_back(runner: CliRunner) -> None:
    args = ["plan", "--level", "2", "--target-level", "3", "--start", "2026", "--budget-per-year", "300"]
    args += ["--completed", "prince2-foundation@2019-02-01", "--completed", "p3o-practitioner@2025-05-01"]
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["schema_version"] == 2
    lapse = next(w for w in document["warnings"] if w["code"] == "lapsed")
    assert lapse["reasons"] == [
        {
            "code": "lapsed",
            "course_id": "prince2-foundation",
            "title": "PRINCE2 Foundation (7th edition)",
            "renew_by": "2023-07-01",
        }
    ]
    assert lapse["text"] == (
        "PRINCE2 Foundation (7th edition): renew-by date 2023-07-01 has passed; the certificate is no longer "
        "current (retake the exam to restore it)"
    )
    plan = Plan.model_validate(document)  # the records validate against their own models
    for year in plan.years:
        for item in year.items:
            assert item.reasons and item.why == reason_text.item_text(item.model_copy(update={"why": ""}))


class Marking(gettext.NullTranslations):
    """A stand-in translation that marks every message it is asked for."""

    def gettext(self, message: str) -> str:
        return "⟨" + message

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return "⟨" + (msgid1 if n == 1 else msgid2)


def test_every_sentence_goes_through_gettext(monkeypatch: pytest.MonkeyPatch) -> None:
    plan = build_plan(CATALOGUE, lapsed_analyst())
    monkeypatch.setattr(reason_text, "_translations", lambda: Marking())
    entries: list[Any] = [i for y in plan.years for i in y.items] + plan.milestones + plan.unscheduled
    for entry in [*entries, *plan.warnings]:
        for reason in entry.reasons:
            assert reason_text.reason_text(reason).startswith("⟨"), reason
    assert any(reason_text.item_text(i).count("⟨") >= 2 for y in plan.years for i in y.items)


@pytest.mark.parametrize(("points", "expected"), [(1, "(1 point to close)"), (2, "(2 points to close)")])
def test_plurals_come_from_ngettext(points: int, expected: str) -> None:
    reason = reasons.GapClosed(skill="pmo-reporting", skill_name="Reporting", points=points, focus=False)
    assert reason_text.reason_text(reason) == f"largest open skill gap: Reporting {expected}"


def test_unpriced_note_is_singular_for_one_course() -> None:
    one = reasons.UnpricedUnderBudget(course_ids=("capability",), budget=500, currency="GBP")
    assert reason_text.reason_text(one) == (
        "1 planned course has no published price, so only its exam price, where known, was held against the "
        "£500 yearly budget: capability"
    )


def test_a_renewal_item_is_titled_by_kind_not_by_its_wording() -> None:
    plan = build_plan(CATALOGUE, lapsed_analyst())
    renewal = next(i for y in plan.years for i in y.items if i.kind == "renewal")
    assert not renewal.title.startswith("Renew")
    assert reason_text.item_title(renewal) == f"Renew {renewal.title}"


def test_a_hand_built_entry_without_records_keeps_its_text() -> None:
    plan = build_plan(CATALOGUE, lapsed_analyst())
    item = plan.years[0].items[0].model_copy(update={"reasons": [], "why": "as given"})
    assert reason_text.item_text(item) == "as given"
