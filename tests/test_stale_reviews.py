"""A manager's review older than the person's latest self-assessment, flagged in team reports.

``plan --profile`` has said so on stderr since managers could rate; a team report on a folder of
profiles now lists, for each person whose plan followed such a review, both dates (table, plain,
Markdown, HTML, JSON, the workbook's "Self and manager" sheet), so that a PMO manager or HR knows
which reviews to redo. A shared report (``--min-group K``) names nobody: it gives the number, and
nothing when the number is 1 to K-1.

The rule, as an HR reader wants it: a review made on an *earlier day* than the latest
self-assessment is stale; the same day is not (a manager can only rate someone who has assessed
themselves, so that day's review was made with it to hand); a newer review is not. A team file
without profiles (CSV, YAML, a workbook) carries no dates, so nothing there is stale; a
``--ratings`` file is the manager's current word, so a review all of whose skills it rates again
was not used and is not flagged.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from pmoplan.cli import app, plan_commands
from pmoplan.profile import ManagerReview, Snapshot
from pmoplan.team import build_team_report
from pmoplan.team_models import StaleReview, TeamMember, TeamReport
from pmoplan.team_opinions import FolderViews, review_is_stale, stale_reviews, with_stale_reviews
from tests.conftest import Snapshot as TextSnapshot
from tests.test_manager_view import CATALOGUE, SAM_BY_MANAGER, SAM_OWN, manager_answers, self_answers, write_yaml
from tests.test_plain_team import rich_text, streamed

TODAY = date(2026, 12, 1)
KNOWN = {skill.id for skill in CATALOGUE.skills}
TITLE = "Manager's review older than self-assessment"


# --- the rule ------------------------------------------------------------------------------


def test_a_review_on_an_earlier_day_is_stale_and_the_same_day_or_later_is_not() -> None:
    assessed = date(2026, 11, 30)

    assert review_is_stale(date(2026, 11, 29), assessed)
    assert not review_is_stale(assessed, assessed)  # same day: made with the self-assessment to hand
    assert not review_is_stale(date(2026, 12, 1), assessed)  # newer: current


def snapshot_on(day: date, ratings: dict[str, int] | None = None) -> Snapshot:
    own = ratings or {"planning": 3, "reporting": 3}
    return Snapshot(taken_on=day, level=2, confidence="high", ratings=own, gaps={}, answers={})


def review_on(day: date, ratings: dict[str, int] | None = None) -> ManagerReview:
    return ManagerReview(taken_on=day, ratings=ratings or {"planning": 2, "reporting": 3})


def views_of(people: dict[str, tuple[list[date], date | None]]) -> FolderViews:
    """Person → (self-assessment days, review day or None), collected as a folder read does."""
    views = FolderViews()
    for person, (assessed, reviewed) in people.items():
        review = None if reviewed is None else review_on(reviewed)
        views.collect(person, [snapshot_on(day) for day in assessed], review, KNOWN)
    return views


def test_the_latest_self_assessment_counts_whatever_the_order_recorded() -> None:
    views = views_of({"sam": ([date(2026, 12, 5), date(2026, 10, 1)], date(2026, 11, 20))})

    assert views.self_taken_on == {"sam": date(2026, 12, 5)}
    assert stale_reviews(views, ["sam"]) == [
        StaleReview(person_id="sam", manager_taken_on=date(2026, 11, 20), self_taken_on=date(2026, 12, 5))
    ]


def test_only_plans_that_followed_the_old_review_are_listed() -> None:
    views = views_of(
        {
            "sam": ([date(2026, 11, 30)], date(2026, 11, 20)),  # stale, planned from it
            "kim": ([date(2026, 10, 1)], date(2026, 11, 20)),  # newer review
            "lee": ([date(2026, 11, 20)], date(2026, 11, 20)),  # same day
            "max": ([date(2026, 11, 30)], None),  # nobody rated Max
            "ola": ([date(2026, 11, 30)], date(2026, 1, 2)),  # stale, but her plan did not follow it
        }
    )

    found = stale_reviews(views, ["sam", "kim", "lee"])

    assert [stale.person_id for stale in found] == ["sam"]


def test_a_ratings_file_that_rates_every_reviewed_skill_again_replaces_the_old_review() -> None:
    views = views_of({"sam": ([date(2026, 11, 30)], date(2026, 11, 20))})  # the review rates planning, reporting

    some = stale_reviews(views, ["sam"], {"SAM": {"planning": 1}})  # ids compare as the team's do
    every = stale_reviews(views, ["sam"], {"Sam": {"planning": 1, "reporting": 2}})

    assert [stale.person_id for stale in some] == ["sam"]  # reporting still comes from the old review
    assert every == []


def test_a_review_of_skills_the_catalogue_no_longer_has_was_not_used() -> None:
    views = FolderViews()
    views.collect("sam", [snapshot_on(date(2026, 11, 30))], review_on(date(2026, 11, 20), {"retired": 1}), KNOWN)

    assert views.manager == {"sam": {}}
    assert stale_reviews(views, ["sam"]) == []


def test_a_team_without_profiles_has_no_dates_and_nothing_stale() -> None:
    assert stale_reviews(FolderViews(), ["a-001", "a-002"], {"a-001": {"planning": 1}}) == []


@settings(max_examples=60, deadline=None)
@given(
    people=st.dictionaries(
        st.sampled_from(["ana", "Ben", "cai", "Dee", "eve", "fay"]),
        st.tuples(st.integers(-40, 40), st.integers(-40, 40), st.booleans()),
        max_size=6,
    )
)
def test_stale_means_planned_from_a_review_on_an_earlier_day_sorted_by_id(
    people: dict[str, tuple[int, int, bool]],
) -> None:
    day = date(2026, 6, 1)
    views = views_of({p: ([day + timedelta(own)], day + timedelta(theirs)) for p, (own, theirs, _) in people.items()})
    planned = [p for p, (_, _, used) in people.items() if used]

    found = stale_reviews(views, planned)

    expected = sorted(p for p, (own, theirs, used) in people.items() if used and theirs < own)
    assert [stale.person_id for stale in found] == sorted(expected, key=lambda p: (p.casefold(), p))
    assert all(stale.manager_taken_on < stale.self_taken_on for stale in found)


# --- into the report -----------------------------------------------------------------------

SAM = StaleReview(person_id="sam", manager_taken_on=date(2026, 11, 20), self_taken_on=date(2026, 11, 30))
ANA = StaleReview(person_id="ana", manager_taken_on=date(2026, 3, 1), self_taken_on=date(2026, 9, 1))


def small_report(min_group: int | None = None) -> TeamReport:
    members = [TeamMember(id=person, level=2, target_level=3) for person in ("ana", "kim", "sam")]
    return build_team_report(CATALOGUE, members, years=2, start_year=2027, today=TODAY, min_group=min_group)


def test_a_report_for_the_team_names_each_person_with_both_dates() -> None:
    report = with_stale_reviews(small_report(), [ANA, SAM], None)

    assert report.stale_reviews is not None
    assert report.stale_reviews.count == 2 and report.stale_reviews.people == [ANA, SAM]
    assert not report.stale_reviews.suppressed


@pytest.mark.parametrize(
    ("found", "k", "count", "suppressed"),
    [([ANA, SAM], 2, 2, False), ([ANA, SAM], 3, None, True), ([SAM], 2, None, True), ([], 3, 0, False)],
)
def test_a_shared_report_gives_the_number_only_and_hides_it_under_k(
    found: list[StaleReview], k: int, count: int | None, suppressed: bool
) -> None:
    shared = small_report(min_group=k)
    assert shared.suppression is not None

    report = with_stale_reviews(shared, found, k)

    assert report.stale_reviews is not None and report.stale_reviews.people is None
    assert (report.stale_reviews.count, report.stale_reviews.suppressed) == (count, suppressed)
    assert report.suppression is not None
    assert report.suppression.cells_suppressed == shared.suppression.cells_suppressed + suppressed


REPORTS = [
    with_stale_reviews(small_report(), [ANA, SAM], None),
    with_stale_reviews(small_report(min_group=2), [ANA, SAM], 2),
]


@settings(max_examples=30, deadline=None)
@given(index=st.integers(min_value=0, max_value=len(REPORTS) - 1), width=st.integers(min_value=20, max_value=200))
def test_the_plain_writer_prints_the_section_as_rich_does(index: int, width: int) -> None:
    assert streamed(REPORTS[index], width) == rich_text(REPORTS[index], width)


# --- the command, on a folder of two profiles -------------------------------------------------


@pytest.fixture
def folder(tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Sam: assessed 2026-10-01, reviewed 2026-11-20, assessed again 2026-11-30 (stale).

    Kim: assessed 2026-10-01, reviewed 2026-11-20 (current).
    """
    monkeypatch.setattr(plan_commands, "today_for_plans", lambda: TODAY)
    team = tmp_path / "team"
    team.mkdir()
    own = write_yaml(tmp_path / "own.yaml", self_answers(SAM_OWN))
    theirs = write_yaml(tmp_path / "theirs.yaml", manager_answers(SAM_BY_MANAGER))
    steps = [
        ["assess", "--answers", str(own), "--profile", str(team / "sam.yaml"), "--date", "2026-10-01"],
        ["assess", "--answers", str(own), "--profile", str(team / "kim.yaml"), "--date", "2026-10-01"],
        *(
            ["assess", "--for", person, "--by", "manager", "--team", str(team), "--answers", str(theirs)]
            + ["--date", "2026-11-20"]
            for person in ("sam", "kim")
        ),
        ["assess", "--answers", str(own), "--profile", str(team / "sam.yaml"), "--date", "2026-11-30"],
    ]
    for args in steps:
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (args, result.stderr)
    return team


def team_plan(runner: CliRunner, folder: Path, *extra: str) -> Any:
    result = runner.invoke(app, ["team", "plan", str(folder), "--start", "2027", "--years", "2", *extra])
    assert result.exit_code == 0, result.stderr
    return result


def test_the_plain_report_lists_the_stale_review_with_both_dates(
    runner: CliRunner, folder: Path, monkeypatch: pytest.MonkeyPatch, snapshot: TextSnapshot
) -> None:
    monkeypatch.setenv("COLUMNS", "100")

    text = team_plan(runner, folder).stdout

    assert "| sam    | 2026-11-20       | 2026-11-30      |" in text
    assert "| kim " not in text.split(TITLE)[1].split("Totals per year")[0]  # Kim's review is current
    snapshot.check("team-plan-stale-review-100", text)


def test_json_gives_the_people_and_the_count_and_matches_the_schema(runner: CliRunner, folder: Path) -> None:
    import jsonschema

    document = json.loads(team_plan(runner, folder, "-f", "json").stdout)
    schema = json.loads(runner.invoke(app, ["schema", "team"]).stdout)

    assert document["manager_view"] == ["kim", "sam"]
    assert document["stale_reviews"] == {
        "count": 1,
        "suppressed": False,
        "people": [{"person_id": "sam", "manager_taken_on": "2026-11-20", "self_taken_on": "2026-11-30"}],
    }
    jsonschema.validate(document, schema)
    assert "stale_reviews" in schema["properties"]


def test_markdown_and_html_carry_the_section(runner: CliRunner, folder: Path) -> None:
    markdown = team_plan(runner, folder, "-f", "markdown").stdout
    html = team_plan(runner, folder, "-f", "html").stdout

    assert f"## {TITLE}" in markdown
    assert "| sam | 2026-11-20 | 2026-11-30 |" in markdown
    assert "<h2>Manager&#x27;s review older than self-assessment</h2>" in html
    assert '<th scope="row">sam</th><td>2026-11-20</td><td>2026-11-30</td>' in html


def test_the_workbook_lists_it_under_self_and_manager_and_counts_it_in_the_summary(
    runner: CliRunner, folder: Path
) -> None:
    from openpyxl import load_workbook

    out = folder.parent / "team.xlsx"
    team_plan(runner, folder, "-o", str(out))

    book = load_workbook(out)
    sheet = book["Self and manager"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    at = rows.index([TITLE, None, None, None, None, None])
    assert rows[at + 1][:3] == ["Person", "Manager's review", "Self-assessment"]
    assert rows[at + 2][:3] == ["sam", datetime(2026, 11, 20), datetime(2026, 11, 30)]  # date cells, read back
    assert sheet.cell(row=at + 3, column=2).number_format == "yyyy-mm-dd"
    assert len(rows) == at + 3  # Kim is not listed
    summary = {row[0].value: row[1].value for row in book["Summary"].iter_rows()}
    assert summary["Plans from a manager's review older than the self-assessment"] == 1


def test_nothing_is_said_when_every_review_is_current(runner: CliRunner, folder: Path) -> None:
    kim_only = folder.parent / "kim-only"
    kim_only.mkdir()
    (kim_only / "kim.yaml").write_bytes((folder / "kim.yaml").read_bytes())

    text = team_plan(runner, kim_only, "--plain").stdout
    document = json.loads(team_plan(runner, kim_only, "-f", "json").stdout)

    assert TITLE not in text
    assert document["stale_reviews"] == {"count": 0, "suppressed": False, "people": []}


@pytest.mark.parametrize("fmt", ["table", "markdown", "html", "json"])
def test_a_shared_report_names_nobody_and_hides_a_count_under_k(runner: CliRunner, folder: Path, fmt: str) -> None:
    shown = team_plan(runner, folder, "--min-group", "1", "-f", fmt).stdout
    hidden = team_plan(runner, folder, "--min-group", "2", "-f", fmt).stdout

    assert not re.search(r"\bsam\b", shown) and not re.search(r"\bsam\b", hidden)
    if fmt == "json":
        assert json.loads(shown)["stale_reviews"] == {"count": 1, "suppressed": False, "people": None}
        assert json.loads(hidden)["stale_reviews"] == {"count": None, "suppressed": True, "people": None}
        return
    shown, hidden = (" ".join(text.replace("&#x27;", "'").split()) for text in (shown, hidden))
    count = "1 person's plan follows a manager's review made before their latest self-assessment"
    assert TITLE in shown and count in shown
    assert TITLE not in hidden and "plan follows a manager's review" not in hidden


def test_a_shared_workbook_counts_only_what_it_may_show(runner: CliRunner, folder: Path) -> None:
    from openpyxl import load_workbook

    shown, hidden = folder.parent / "shown.xlsx", folder.parent / "hidden.xlsx"
    team_plan(runner, folder, "--min-group", "1", "-o", str(shown))
    team_plan(runner, folder, "--min-group", "2", "-o", str(hidden))

    counted = {row[0].value: row[1].value for row in load_workbook(shown)["Summary"].iter_rows()}
    assert counted["Plans from a manager's review older than the self-assessment"] == 1
    book = load_workbook(hidden)
    assert "Self and manager" not in book.sheetnames
    assert not any("older than the self" in str(row[0].value) for row in book["Summary"].iter_rows())


def test_a_ratings_file_that_rates_everything_again_clears_the_flag(runner: CliRunner, folder: Path) -> None:
    ratings = folder.parent / "ratings.csv"
    rows = "".join(f"sam,{skill},{rating}\n" for skill, rating in SAM_BY_MANAGER.items())
    ratings.write_text("person,skill,rating\n" + rows, encoding="utf-8")

    document = json.loads(team_plan(runner, folder, "--ratings", str(ratings), "-f", "json").stdout)

    assert document["stale_reviews"]["count"] == 0
