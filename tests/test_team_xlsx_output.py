"""``team plan --format xlsx``: the sheets, their formatting, text never run as a formula, LibreOffice round trip."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from pmoplan.catalogue import Catalogue
from pmoplan.cli import app
from pmoplan.loading import load_catalogue
from pmoplan.plan_models import CompletedCourse
from pmoplan.render.team_xlsx import SHEETS, team_to_xlsx
from pmoplan.team import TeamMember, TeamReport, build_team_report

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
REPO = Path(__file__).resolve().parents[1]
FORMULA_NAME = '=HYPERLINK("http://example.invalid","click")'


@pytest.fixture(scope="module")
def priced() -> Catalogue:
    catalogue = load_catalogue()
    courses = tuple(c.model_copy(update={"cost": 400.0 * c.days, "currency": "GBP"}) for c in catalogue.courses)
    return Catalogue(
        skills=catalogue.skills,
        levels=catalogue.levels,
        courses=courses,
        renewal_schemes=catalogue.renewal_schemes,
        currency="GBP",
    )


def report(priced: Catalogue, min_group: int | None = None) -> TeamReport:
    members = [
        TeamMember(
            id="p1",
            name=FORMULA_NAME,
            level=2,
            target_level=3,
            completed=(CompletedCourse(course_id="p3o-foundation", completed_on=date(2024, 5, 14)),),
        ),
        TeamMember(id="p2", name="-Dash", level=1, target_level=2),
        TeamMember(id="p3", name="Cleo", level=3, target_level=4),
    ]
    return build_team_report(priced, members, years=4, start_year=2027, team_budget_per_year=2000, min_group=min_group)


def test_sheets_rows_and_formats(priced: Catalogue) -> None:
    result = report(priced)
    book = load_workbook(io.BytesIO(team_to_xlsx(result)))
    assert book.sheetnames == list(SHEETS)
    people = book["People"]
    rows = list(people.iter_rows(min_row=2, values_only=True))
    assert result.people is not None
    expected = [
        (p.id, y.year, i.course_id, i.kind, i.days, i.cost)
        for p in result.people
        for y in p.plan.years
        for i in y.items
    ]
    assert [(r[0], r[2], r[4], r[6], r[7], r[8]) for r in rows] == expected
    # Text stays text: the formula-like name is a string cell, the dash too.
    names = {cell.value: cell.data_type for cell in people["B"][1:]}
    assert names[FORMULA_NAME] == "s" and names["-Dash"] == "s"
    for sheet in book.worksheets[1:]:
        assert sheet.freeze_panes == "A2", sheet.title
        assert sheet["A1"].font.bold, sheet.title
        assert sheet.column_dimensions["A"].width >= len(str(sheet["A1"].value)), sheet.title
    assert people.auto_filter.ref == f"A1:M{len(rows) + 1}"
    renew = [r for r in people.iter_rows(min_row=2) if r[10].value is not None]
    assert renew and all(isinstance(r[10].value, datetime) and r[10].number_format == "yyyy-mm-dd" for r in renew)
    budget = book["Budget per year"]
    assert [c.value for c in budget[1]][:5] == ["Year", "People", "Seats", "Days", "Cost (GBP)"]
    totals = {t.year: t for t in result.totals}
    for row in budget.iter_rows(min_row=2):
        year = row[0].value
        assert isinstance(year, int)
        assert row[4].value == (totals[year].costs or {}).get("GBP", 0.0)
        assert row[4].number_format == '"£"#,##0.00'
        assert row[8].value == totals[year].over_budget
    heat = book["Heat map"]
    assert [str(r.sqref) for r in heat.conditional_formatting] == [f"B2:E{heat.max_row}"]


def test_min_group_workbook_has_no_people_and_shows_hidden_cells(priced: Catalogue) -> None:
    book = load_workbook(io.BytesIO(team_to_xlsx(report(priced, min_group=3))))
    assert book.sheetnames == [name for name in SHEETS if name != "People"]
    values = [v for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for v in row]
    assert "<3" in values
    assert FORMULA_NAME not in values and "Cleo" not in values and "p1" not in values
    summary = [row[0] for row in book["Summary"].iter_rows(values_only=True) if row[0]]
    assert "People" not in summary[summary.index("Sheets") :]


def test_cli_writes_the_workbook_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "team.xlsx"
    runner = CliRunner()
    args = ["team", "plan", str(REPO / "examples" / "team.csv"), "--format", "xlsx", "-o", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    assert load_workbook(out).sheetnames == list(SHEETS)


@pytest.mark.skipif(SOFFICE is None, reason="needs LibreOffice (apt install libreoffice-calc-nogui)")
def test_libreoffice_opens_the_workbook_and_reads_the_same_values(priced: Catalogue, tmp_path: Path) -> None:
    """Every sheet converted to CSV by LibreOffice equals what openpyxl reads back."""
    assert SOFFICE is not None
    path = tmp_path / "team.xlsx"
    path.write_bytes(team_to_xlsx(report(priced)))
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    book = load_workbook(path)
    for name in SHEETS:
        exported = (tmp_path / f"team-{name}.csv").read_text(encoding="utf-8")
        got = [row for row in csv.reader(io.StringIO(exported)) if any(row)]
        want = [
            [_as_libreoffice_writes(v) for v in row]
            for row in book[name].iter_rows(values_only=True)
            if any(v is not None for v in row)
        ]
        width = max(len(r) for r in want)
        assert [r + [""] * (width - len(r)) for r in got] == [r + [""] * (width - len(r)) for r in want], name
    people = (tmp_path / "team-People.csv").read_text(encoding="utf-8")
    assert FORMULA_NAME.replace('"', '""') in people  # the formula-like name came back as its text, not "click"


def _as_libreoffice_writes(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, float):
        return f"{value:g}" if value.is_integer() else repr(value)
    return str(value)
