"""The header of shared reports (HTML, Markdown): for whom, made from what, date of issue, catalogue date."""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pmoplan.cli import app, plan_commands
from pmoplan.loading import load_catalogue
from tests.conftest import REPO
from tests.test_plan_profile import assessed_profile

ISSUED = date(2027, 2, 14)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """The date of issue is today, injected as the plan commands read it."""
    monkeypatch.setattr(plan_commands, "today_for_plans", lambda: ISSUED)


def _issue(document: str) -> dict[str, str]:
    """The HTML header lines as {label: text}."""
    block = document.split('<dl class="issue">')[1].split("</dl>")[0]
    pairs = re.findall(r"<dt>([^<]*)</dt><dd>([^<]*)</dd>", block)
    return {html.unescape(label): html.unescape(text) for label, text in pairs}


def _run(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_the_shipped_catalogue_records_when_its_prices_and_facts_were_seen() -> None:
    """The catalogue date is read from the catalogue (offerings, renewal rules, rates), not invented."""
    catalogue = load_catalogue()
    seen = catalogue.seen_dates()
    assert seen is not None
    offers = [date.fromisoformat(o.seen) for c in catalogue.courses for o in c.offerings]
    assert offers and seen[0] <= min(offers) and seen[1] >= max(offers)
    assert catalogue.rates is not None and seen[1] >= date.fromisoformat(catalogue.rates.seen)


def test_a_plan_from_a_level_says_so_and_dates_itself(runner: CliRunner) -> None:
    document = _run(runner, "plan", "--level", "2", "--years", "3", "--start", "2027", "--format", "html")
    seen = load_catalogue().seen_dates()
    assert seen is not None and seen[0] == seen[1]
    assert _issue(document) == {
        "Made from": "a stated level (2), without an assessment",
        "Issued": "2027-02-14",
        "Catalogue": f"the shipped catalogue, prices and facts as seen on {seen[0].isoformat()}",
    }
    assert "<h1>Personal development plan (level 2 → 3)</h1>" in document
    assert "<title>Personal development plan (level 2 → 3), 2027–2029 (3 years)</title>" in document


def test_a_stated_level_with_courses_from_the_default_profile_says_both(runner: CliRunner) -> None:
    """``--level`` still counts the courses recorded in the default profile: the header says so."""
    recorded = runner.invoke(app, ["done", "p3o-foundation", "--date", "2025-05-14"])
    assert recorded.exit_code == 0, recorded.stderr
    document = _run(runner, "plan", "--level", "2", "--years", "2", "--start", "2027", "--format", "html")
    assert _issue(document)["Made from"] == (
        "a stated level (2), with the courses recorded in the profile profile.yaml"
    )
    ignored = _run(runner, "plan", "--level", "2", "--no-profile", "--years", "2", "--start", "2027", "-f", "html")
    assert _issue(ignored)["Made from"] == "a stated level (2), without an assessment"


def test_a_plan_from_a_profile_names_the_profile_and_its_assessment_date(runner: CliRunner, tmp_path: Path) -> None:
    profile = assessed_profile(tmp_path, runner)
    out = tmp_path / "plan.html"
    _run(runner, "plan", "--profile", str(profile), "--start", "2027", "-o", str(out))
    issue = _issue(out.read_text(encoding="utf-8"))
    assert issue["Made from"] == "the profile me.yaml, assessed on 2026-01-10"  # the file name, not its folders
    assert str(tmp_path) not in out.read_text(encoding="utf-8")


def test_title_names_the_person_in_html_and_markdown(runner: CliRunner, tmp_path: Path) -> None:
    profile = assessed_profile(tmp_path, runner)
    args = ["plan", "--profile", str(profile), "--start", "2027", "--title", "Ana <Silva> & Co"]
    document = _run(runner, *args, "--format", "html")
    assert "<h1>Personal development plan for Ana &lt;Silva&gt; &amp; Co</h1>" in document
    assert list(_issue(document)) == ["Prepared for", "Made from", "Issued", "Catalogue"]
    assert _issue(document)["Prepared for"] == "Ana <Silva> & Co"
    markdown = _run(runner, *args, "--format", "markdown")
    assert markdown.startswith(
        "# Personal development plan for Ana &lt;Silva> & Co\n\n"
        "Prepared for: Ana &lt;Silva> & Co  \n"
        "Made from: the profile me.yaml, assessed on 2026-01-10  \n"
        "Issued: 2027-02-14  \n"
        "Catalogue: the shipped catalogue, prices and facts as seen on "
    )


def test_the_table_and_json_are_unchanged_by_the_header(runner: CliRunner) -> None:
    """The header is for shared documents; the terminal table, JSON and CSV keep their shape."""
    for fmt in ("table", "json", "csv"):
        text = _run(runner, "plan", "--level", "2", "--years", "2", "--start", "2027", "--format", fmt)
        assert "Issued" not in text and "prices and facts as seen" not in text


@pytest.mark.parametrize("title", ["", "   ", "two\nlines"])
def test_a_blank_or_multiline_title_is_a_usage_error(runner: CliRunner, title: str) -> None:
    result = runner.invoke(app, ["plan", "--level", "2", "--format", "html", "--title", title])
    assert result.exit_code == 2
    assert "--title" in result.stderr and "expected a name on one line" in result.stderr
    assert result.stdout == ""


def test_an_organisation_catalogue_is_named_with_its_own_dates(runner: CliRunner, tmp_path: Path) -> None:
    """An overlay with a price seen earlier widens the catalogue's dates, and the folder is named."""
    folder = tmp_path / "org-catalogue"
    folder.mkdir()
    (folder / "courses.yaml").write_text(
        "overrides:\n"
        "  p3o-foundation:\n"
        "    offerings:\n"
        "      - {mode: classroom, price: 900, currency: GBP, seen: '2025-06-30',"
        " source: 'https://example.org/quote-17'}\n",
        encoding="utf-8",
    )
    document = _run(
        runner, "--data-dir", str(folder), "plan", "--level", "2", "--years", "2", "--start", "2027", "-f", "html"
    )
    seen = load_catalogue().seen_dates()
    assert seen is not None
    assert _issue(document)["Catalogue"] == (
        f"the organisation's catalogue in {folder}, prices and facts as seen between 2025-06-30 and "
        f"{seen[1].isoformat()}"
    )


def test_the_team_report_names_the_team_by_file_or_title(runner: CliRunner) -> None:
    team = REPO / "examples" / "team.csv"
    document = _run(runner, "team", "plan", str(team), "--years", "2", "--start", "2027", "--format", "html")
    issue = _issue(document)
    assert issue["Team"] == "team.csv"
    assert issue["Issued"] == "2027-02-14"
    assert issue["Catalogue"].startswith("the shipped catalogue, prices and facts as seen on ")
    assert "<h1>Team development plan: team.csv</h1>" in document
    titled = _run(
        runner, "team", "plan", str(team), "--years", "2", "--start", "2027", "-f", "markdown", "--title", "PMO Hub"
    )
    assert "\n\nTeam: PMO Hub  \nIssued: 2027-02-14  \nCatalogue: the shipped catalogue" in titled
