"""What keeps APM Chartered Project Professional (ChPP) current, from the catalogue to the plan and the renewals report.

docs/research/chpp-renewal-2026-12.md: APM publishes yearly CPD (35 hours, sampled) and a yearly
registration fee (GBP 93 + VAT) for ChPP, and no revalidation. So ChPP is linked to the ``apm-cpd``
scheme with no renew-by date: a plan never renews, restores or lapses it, and says once how to keep it.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from pmoplan.cli import app
from pmoplan.loading import load_catalogue
from pmoplan.plan_models import CompletedCourse, Plan, PlanRequest
from pmoplan.planner import build_plan
from pmoplan.reasons import KeptByCpd
from pmoplan.render.reason_text import warning_text
from pmoplan.renewals import credits_from_course, renewal_report
from tests.test_planner_properties import plan_requests

CATALOGUE = load_catalogue()
REVIEW_DAY = date(2026, 12, 1)
FEES_PAGE = "https://www.apm.org.uk/chartered-standard/route-1"
TERMS_PAGE = "https://www.apm.org.uk/about-us/terms-and-conditions/"


def chpp_director() -> PlanRequest:
    """A PMO director who became chartered in May 2023 and also holds P3O Practitioner (November 2023)."""
    completed = [
        CompletedCourse(course_id="apm-chpp", completed_on=date(2023, 5, 1)),
        CompletedCourse(course_id="p3o-practitioner", completed_on=date(2023, 11, 15)),
    ]
    return PlanRequest(current_level=4, target_level=4, years=6, start_year=2027, completed=completed, today=REVIEW_DAY)


def kept_notes(plan: Plan) -> list[tuple[int | None, KeptByCpd]]:
    return [(w.year, r) for w in plan.warnings for r in w.reasons if isinstance(r, KeptByCpd)]


# --- the catalogue ------------------------------------------------------------------------------


def test_chpp_is_kept_by_apms_cpd_scheme_with_no_renew_by_date() -> None:
    chpp = CATALOGUE.course("apm-chpp")
    assert chpp.renewal_scheme == "apm-cpd"
    # No revalidation was found: a validity would invent a renew-by date (a 1-year one would lapse a 2023 ChPP).
    assert chpp.validity_years is None
    note = chpp.renewal_note or ""
    assert "no published expiry" in note and "35 hours a year" in note and "GBP 93 plus VAT" in note
    assert "No periodic revalidation was found" in note
    assert "renewal" in chpp.unverified  # the absence of a revalidation is not confirmed


def test_apm_cpd_scheme_cites_apms_own_pages_for_each_rule() -> None:
    scheme = CATALOGUE.renewal_scheme("apm-cpd")
    assert scheme is not None and scheme.credits is not None
    assert (scheme.credits.period, scheme.credits.requirements[0].required, scheme.credits.unit) == ("year", 35, "hour")
    by_url = {s.url: s for s in scheme.sources}
    for url in ("https://www.apm.org.uk/cpd/", "https://www.apm.org.uk/cpd/about-cpd/", FEES_PAGE, TERMS_PAGE):
        assert by_url[url].status == "V" and by_url[url].seen.isoformat() == "2026-12-01", url
    assert "withdraw" in by_url[TERMS_PAGE].supports
    [fee] = [m for m in scheme.memberships if m.fee is not None]
    assert (fee.name, fee.fee, fee.currency, fee.per) == (
        "Chartered Project Professional registration",
        93,
        "GBP",
        "year",
    )


def test_the_research_note_records_every_scheme_source() -> None:
    note = (Path(__file__).resolve().parents[1] / "docs" / "research" / "chpp-renewal-2026-12.md").read_text("utf-8")
    scheme = CATALOGUE.renewal_scheme("apm-cpd")
    assert scheme is not None
    for source in scheme.sources:
        assert source.url in note, source.url
    assert "No periodic revalidation" in note and "2026-12-01" in note


# --- the plan -----------------------------------------------------------------------------------


def test_chartered_director_is_told_once_how_to_keep_chpp_and_never_to_renew_it() -> None:
    """Coach: "Your chartered status has no expiry date. Keep it by logging your 35 hours of CPD every
    year (APM samples chartered records) and paying the GBP 93 registration fee; nothing to re-sit or
    re-apply for." A plan that renewed it yearly, or called it lapsed in 2024 and re-booked the GBP 866
    assessment, would be advice no coach would sign."""
    plan = build_plan(CATALOGUE, chpp_director())
    items = [(y.year, i.kind) for y in plan.years for i in y.items if i.course_id == "apm-chpp"]
    assert items == []  # not re-sat, not renewed, not restored
    about_chpp = [w.code for w in plan.warnings if any(getattr(r, "course_id", None) == "apm-chpp" for r in w.reasons)]
    assert about_chpp == ["kept-by-cpd"]  # no lapse, no urgent renewal
    [(year, note)] = kept_notes(plan)
    assert (year, note.per_year, note.unit, note.fee, note.currency) == (2027, 35, "hour", 93, "GBP")
    [warning] = [w for w in plan.warnings if w.code == "kept-by-cpd"]
    text = warning_text(warning)
    assert text.startswith("from 2027: APM Chartered Project Professional (ChPP) has no renew-by date")
    assert "at least 35 hours of CPD every year" in text and "yearly fee (£93)" in text
    # The P3O Practitioner beside it still follows its own 3-year rule: it lapsed on 2026-11-15.
    assert any(w.code == "lapsed" for w in plan.warnings)


def test_a_plan_that_awards_chpp_says_how_to_keep_it_from_that_year_without_renewal_items() -> None:
    request = PlanRequest(current_level=4, target_level=4, years=6, start_year=2026, today=REVIEW_DAY)
    plan = build_plan(CATALOGUE, request)
    [sat] = [y.year for y in plan.years for i in y.items if i.course_id == "apm-chpp"]
    assert [year for year, _note in kept_notes(plan)] == [sat]
    renewals = [i for y in plan.years for i in y.items if i.kind == "renewal" and i.course_id == "apm-chpp"]
    assert renewals == []


@settings(max_examples=120, deadline=None)
@given(plan_requests(), st.none() | st.dates(date(2018, 10, 31), date(2035, 1, 1)))
def test_chpp_is_never_renewed_and_its_note_is_said_once_from_the_year_it_is_held(
    request: PlanRequest, chartered_on: date | None
) -> None:
    if chartered_on is not None and chartered_on.year > request.start_year:
        chartered_on = date(request.start_year, 1, 1)
    completed = [c for c in request.completed if c.course_id != "apm-chpp"]
    if chartered_on is not None:
        completed.append(CompletedCourse(course_id="apm-chpp", completed_on=chartered_on))
    plan = build_plan(CATALOGUE, request.model_copy(update={"completed": completed}))
    renewed = [i for y in plan.years for i in y.items if i.kind == "renewal" and i.course_id == "apm-chpp"]
    assert renewed == []
    sat = [y.year for y in plan.years for i in y.items if i.course_id == "apm-chpp"]
    held_from = request.start_year if chartered_on is not None else (sat[0] if sat else None)
    notes = kept_notes(plan)
    assert [year for year, _note in notes] == ([] if held_from is None else [held_from])


# --- pmoplan renewals ---------------------------------------------------------------------------


def invoke(runner: CliRunner, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout


def test_renewals_for_a_chpp_holder_says_how_it_is_kept_and_what_was_logged(runner: CliRunner, tmp_path: Path) -> None:
    profile = str(tmp_path / "p.yaml")
    assert invoke(runner, "done", "apm-chpp", "--date", "2023-05-01", "--profile", profile)[0] == 0
    for hours, on in (("12", "2026-10-01"), ("30", "2025-11-01")):  # the second is over 12 months old
        assert invoke(runner, "cpd", "log", hours, "--date", on, "--scheme", "apm-cpd", "--profile", profile)[0] == 0
    code, out = invoke(runner, "renewals", "--profile", profile, "--as-of", "2026-12-01")
    assert code == 0
    text = " ".join(out.split())
    assert (
        "apm-chpp has no renew-by date: keep it with at least 35 hours of CPD every year (apm-cpd) "
        "and pay the yearly fee (GBP 93); 12 hours logged in the last 12 months."
    ) in text
    assert "No certificate with a renewal rule" not in text
    code, out = invoke(runner, "renewals", "--profile", profile, "--as-of", "2026-12-01", "--format", "json")
    assert code == 0
    document = json.loads(out)
    assert document["certificates"] == [] and document["undated"] == []
    assert document["kept"] == [
        {
            "course_id": "apm-chpp",
            "title": "APM Chartered Project Professional (ChPP)",
            "scheme": "apm-cpd",
            "unit": "hour",
            "per_year": 35.0,
            "logged": 12.0,
            "fee": 93.0,
            "fee_currency": "GBP",
        }
    ]
    code, schema = invoke(runner, "schema", "renewals")
    assert code == 0
    jsonschema = __import__("jsonschema")
    jsonschema.validate(document, json.loads(schema))


def test_an_undated_chpp_is_kept_not_reported_as_untracked() -> None:
    held = [CompletedCourse(course_id="apm-chpp", completed_on=None)]
    report = renewal_report(CATALOGUE, held, [], REVIEW_DAY)
    assert report.undated == [] and report.certificates == []
    assert [k.course_id for k in report.kept] == ["apm-chpp"]


def test_reports_without_a_kept_certificate_keep_their_json_unchanged(runner: CliRunner, tmp_path: Path) -> None:
    profile = str(tmp_path / "p.yaml")
    assert invoke(runner, "done", "p3o-foundation", "--date", "2025-03-01", "--profile", profile)[0] == 0
    code, out = invoke(runner, "renewals", "--profile", profile, "--as-of", "2026-12-01", "--format", "json")
    assert code == 0
    assert list(json.loads(out)) == ["schema_version", "as_of", "certificates", "undated"]


def test_a_course_done_after_the_award_logs_its_hours_towards_chartered_cpd() -> None:
    """A 2-day course is 14 hours of APM CPD (7 hours a day, the catalogue's assumption); ChPP's own
    assessment, and a course finished before the award, log nothing under apm-cpd."""
    chartered = CompletedCourse(course_id="apm-chpp", completed_on=date(2023, 5, 1))
    after = credits_from_course(CATALOGUE, "pmo-leadership", date(2026, 10, 1), [chartered])
    assert [(e.scheme, e.amount, e.course_id) for e in after] == [("apm-cpd", 14, "pmo-leadership")]
    assert credits_from_course(CATALOGUE, "pmo-leadership", date(2022, 10, 1), [chartered]) == []
    assert credits_from_course(CATALOGUE, "apm-chpp", date(2023, 5, 1), [chartered]) == []
