"""Price sheets: export every offering as CSV, fill it in, apply it with --prices or prices.csv.

The round trip is the README's: export, change a price, add an offering, apply, see the result.
Every bad row is refused with its line and column, and nothing is applied.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pmoplan.cli import app
from pmoplan.errors import InputError
from pmoplan.loading import load_catalogue
from pmoplan.price_sheet import COLUMNS, apply_sheet, export_sheet

HEADER = ",".join(COLUMNS)


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def sheet(*rows: str) -> str:
    return HEADER + "\n" + "".join(row + "\n" for row in rows)


def problems(text: str) -> list[tuple[int | None, str, str]]:
    with pytest.raises(InputError) as caught:
        apply_sheet(text, "prices.csv", load_catalogue())
    return [(p.line, p.path, p.message) for p in caught.value.problems]


def test_export_lists_every_offering_and_every_course_without_one() -> None:
    catalogue = load_catalogue()
    rows = rows_of(export_sheet(catalogue))
    offerings = sum(len(c.offerings) or 1 for c in catalogue.courses)
    assert len(rows) == offerings
    mop = next(r for r in rows if r["course_id"] == "mop-practitioner")
    assert (mop["mode"], mop["provider"], mop["days"], mop["price"], mop["currency"], mop["vat"]) == (
        "classroom",
        "Purple Griffon",
        "2",
        "1205",
        "GBP",
        "excluded",
    )
    pmp = next(r for r in rows if r["course_id"] == "pmi-pmp")
    assert (pmp["mode"], pmp["price"], pmp["currency"]) == ("exam-only", "575", "USD")
    unpriced = next(r for r in rows if r["course_id"] == "p3o-practitioner")
    assert (unpriced["price"], unpriced["currency"]) == ("", "")  # unknown, never 0


def test_an_unchanged_export_applies_as_no_change() -> None:
    catalogue = load_catalogue()
    assert apply_sheet(export_sheet(catalogue), "prices.csv", catalogue).courses == catalogue.courses


def test_a_sheet_replaces_a_price_and_adds_an_offering() -> None:
    text = sheet(
        "mop-practitioner,,classroom,Purple Griffon,2,990,,,,,GBP,excluded,2026-11-20,https://intranet.example.com/deal",
        "p3o-practitioner,,exam-only,,0,320,,,,,GBP,included,2026-11-20,https://intranet.example.com/deal",
    )
    catalogue = apply_sheet(text, "prices.csv", load_catalogue())
    (mop,) = catalogue.course("mop-practitioner").offerings
    assert (mop.price, mop.seen, mop.source) == (990, "2026-11-20", "https://intranet.example.com/deal")
    assert mop.includes_exam is True  # kept: the sheet has no column for it
    (exam,) = catalogue.course("p3o-practitioner").offerings
    assert (exam.mode, exam.days, exam.price, exam.vat) == ("exam-only", 0, 320, "included")
    # Courses the sheet does not mention are untouched.
    assert catalogue.course("pmi-capm") == load_catalogue().course("pmi-capm")


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            "mop-practitionr,,classroom,,2,990,,,,,GBP,excluded,2026-11-20,https://x.example.com",
            (2, "course_id", "unknown course 'mop-practitionr' (did you mean 'mop-practitioner'?)"),
        ),
        (
            "mop-practitioner,,classroom,,2,£990,,,,,GBP,excluded,2026-11-20,https://x.example.com",
            (2, "price", "expected a plain number such as 1205 or 1205.50, got '£990'"),
        ),
        (
            'mop-practitioner,,classroom,,2,"1,205",,,,,GBP,excluded,2026-11-20,https://x.example.com',
            (2, "price", "expected a plain number such as 1205 or 1205.50, got '1,205'"),
        ),
        (
            "mop-practitioner,,classroom,,2,990,,,,,GPB,excluded,2026-11-20,https://x.example.com",
            (2, "currency", "currency 'GPB' is not declared (did you mean 'GBP'?); declared: GBP, USD, EUR"),
        ),
        (
            "mop-practitioner,,classroom,,2,990,800,,,,GBP,excluded,2026-11-20,https://x.example.com",
            (2, "row", "price_high needs price as the low end of the range, not above it"),
        ),
        (
            "mop-practitioner,,classroom,,2,990,,,,,GBP,excluded,,https://x.example.com",
            (2, "seen", "Field required"),
        ),
        (
            "mop-practitioner,,classroom,,2,990,,,,,GBP,excluded,20/11/2026,https://x.example.com",
            (2, "seen", "String should match pattern '^\\d{4}-\\d{2}-\\d{2}$' (got '20/11/2026')"),
        ),
        (
            "mop-practitioner,,webinar,,2,990,,,,,GBP,excluded,2026-11-20,https://x.example.com",
            (
                2,
                "mode",
                "Input should be 'classroom', 'virtual', 'elearning', 'blended', 'distance' or 'exam-only' "
                "(got 'webinar')",
            ),
        ),
        (
            "pmi-pmp,,,,,405,,,,,USD,,,",
            (
                2,
                "mode",
                "give the mode of this price (classroom, virtual, blended, distance, elearning or exam-only)",
            ),
        ),
        (
            "mop-practitioner,,classroom,,2,990,,,,,GBP,excluded,2026-11-20,https://x.example.com,extra",
            (2, "", "15 cells, the header has 14"),
        ),
    ],
)
def test_a_bad_row_is_refused_with_its_line_and_column(row: str, expected: tuple[int, str, str]) -> None:
    assert problems(sheet(row)) == [expected]


def test_every_bad_row_is_reported_and_duplicates_name_the_first_line() -> None:
    good = "mop-practitioner,,classroom,,2,990,,,,,GBP,excluded,2026-11-20,https://x.example.com"
    found = problems(sheet(good, "nope,,classroom,,2,1,,,,,GBP,excluded,2026-11-20,https://x.example.com", good))
    assert found == [
        (3, "course_id", "unknown course 'nope'"),
        (4, "", "duplicate row for mop-practitioner classroom (first at line 2)"),
    ]


@pytest.mark.parametrize(
    ("header", "messages"),
    [
        (
            HEADER.replace("price,", "prise,", 1),
            ["unknown column 'prise' (did you mean 'price'?)", "missing column(s): price"],
        ),
        (HEADER.replace(",source", ""), ["missing column(s): source"]),
    ],
)
def test_a_bad_header_is_refused(header: str, messages: list[str]) -> None:
    with pytest.raises(InputError) as caught:
        apply_sheet(header + "\n", "prices.csv", load_catalogue())
    assert [(p.line, p.message) for p in caught.value.problems] == [(1, m) for m in messages]


def test_the_round_trip_through_the_cli(tmp_path: Path, runner: CliRunner) -> None:
    """README: export, edit a price, apply with --prices; prices.csv in --data-dir works the same."""
    exported = tmp_path / "prices.csv"
    result = runner.invoke(app, ["prices", "export", "-o", str(exported)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"price sheet written to {exported}\n"
    text = exported.read_text(encoding="utf-8-sig")
    edited = text.replace(",classroom,Purple Griffon,2,1205,", ",classroom,Purple Griffon,2,990,")
    assert edited != text
    negotiated = tmp_path / "negotiated.csv"
    negotiated.write_text(edited, encoding="utf-8")
    again = runner.invoke(app, ["--prices", str(negotiated), "prices", "export"])
    assert again.exit_code == 0, again.stderr
    mop = next(r for r in rows_of(again.stdout) if r["course_id"] == "mop-practitioner")
    assert mop["price"] == "990"
    folder = tmp_path / "org"
    folder.mkdir()
    (folder / "prices.csv").write_text(edited, encoding="utf-8")
    from_folder = runner.invoke(app, ["--data-dir", str(folder), "prices", "export"])
    assert from_folder.stdout == again.stdout


def test_a_bad_sheet_on_the_cli_is_one_error_line_and_exit_1(tmp_path: Path, runner: CliRunner) -> None:
    bad = tmp_path / "prices.csv"
    bad.write_text(
        sheet("mop-practitioner,,classroom,,2,£990,,,,,GBP,excluded,2026-11-20,https://x.example.com"), encoding="utf-8"
    )
    result = runner.invoke(app, ["--prices", str(bad), "courses"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"pmoplan: error: {bad}:2: price: expected a plain number such as 1205 or 1205.50, got '£990'\n"
    )


def test_export_refuses_to_overwrite_without_force(tmp_path: Path, runner: CliRunner) -> None:
    target = tmp_path / "prices.csv"
    target.write_text("keep me", encoding="utf-8")
    result = runner.invoke(app, ["prices", "export", "-o", str(target)])
    assert result.exit_code == 1
    assert result.stderr == f"pmoplan: error: {target}: already exists; use --force to replace it\n"
    assert target.read_text(encoding="utf-8") == "keep me"


def test_the_readme_price_sheet_example_chooses_exam_only_under_a_1500_budget(
    tmp_path: Path, runner: CliRunner
) -> None:
    """README worked example: a £1,650 classroom price and a £1,500 budget give the exam-only route."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Prices, currencies and price sheets", 1)[1].split("## Commands", 1)[0]
    commands = section.split("```text\n", 1)[1].split("```", 1)[0].splitlines()
    added_row = commands[1].removeprefix("# add a row: ")
    plan_args = commands[2].removeprefix("pmoplan ").split()
    exported = tmp_path / "prices.csv"
    assert runner.invoke(app, ["prices", "export", "-o", str(exported)]).exit_code == 0
    exported.write_text(exported.read_text(encoding="utf-8-sig") + added_row + "\n", encoding="utf-8")
    assert plan_args[:2] == ["--prices", "prices.csv"]
    result = runner.invoke(app, ["--prices", str(exported), *plan_args[2:], "--format", "json"])
    assert result.exit_code == 0, result.stderr
    import json

    document = json.loads(result.stdout)
    (item,) = [i for y in document["years"] for i in y["items"] if i["course_id"] == "p3o-foundation"]
    assert (item["course_id"], item["offering"], item["cost"], item["budget_cost"]) == (
        "p3o-foundation",
        "exam-only",
        245,
        245,
    )
    shown = section.split("```text\n")[-1].split("```", 1)[0]
    assert f"p3o-foundation (2027): {item['why']}" == " ".join(shown.split())
    table = runner.invoke(app, ["--prices", str(exported), *plan_args[2:]])
    assert "budget £1,500/year, applied to 1 of 6 items; 5 unpriced" in " ".join(table.stdout.split())


# --- --currency on the command line ---------------------------------------------------------------


def test_plan_currency_converts_prices_and_budget(runner: CliRunner) -> None:
    """A US user budgets in dollars: the GBP MoP price is converted, the original kept."""
    # SAFe LPM, ChPP and PPQ already held, so PfMP (priced in dollars) is the level-4 sitting after MoP.
    held = ["mop-foundation@2025-06-01", "safe-lpm", "apm-chpp", "apm-ppq"]
    args = ["plan", "--level", "4", "--years", "4", "--start", "2027", *(f"--completed={c}" for c in held)]
    result = runner.invoke(app, [*args, "--currency", "usd", "--budget-per-year", "5000", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    import json

    plan = json.loads(result.stdout)
    assert plan["currency"] == "USD" and plan["request"]["currency"] == "USD"
    priced = {i["course_id"]: i for y in plan["years"] for i in y["items"] if i["cost"] is not None}
    mop = priced["mop-practitioner"]
    assert (mop["cost"], mop["currency"]) == (1205, "GBP")
    assert mop["budget_cost"] == pytest.approx(1205 / 0.86410 * 1.1761)  # about US$1,640
    assert mop["why"].endswith("(£1,205 is about US$1,640 at the rates of 2026-05-08)")
    assert all(year["budget_cost"] <= 5000 for year in plan["years"])


@pytest.mark.parametrize("command", [["plan", "--level", "2"], ["team", "plan", "examples/team.csv"]])
def test_an_unknown_currency_is_a_usage_error(runner: CliRunner, command: list[str]) -> None:
    repo = Path(__file__).resolve().parents[1]
    command = [str(repo / c) if c.endswith(".csv") else c for c in command]
    result = runner.invoke(app, [*command, "--currency", "JPY"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "pmoplan: error: --currency JPY: no exchange rate for it; choose one of: AUD, CAD, CHF, EUR, GBP, USD\n"
    )


def test_team_currency_counts_the_budget_in_that_currency(tmp_path: Path, runner: CliRunner) -> None:
    team = tmp_path / "team.csv"
    rows = [f"p{i},4,mop-foundation@2025-06-01" for i in range(3)]
    team.write_text("id,level,completed\n" + "\n".join(rows) + "\n", encoding="utf-8")
    args = ["team", "plan", str(team), "--years", "4", "--start", "2027", "--budget-per-year", "2000"]
    result = runner.invoke(app, [*args, "--currency", "USD"])
    assert result.exit_code == 0, result.stderr
    flat = " ".join(result.stdout.split())
    assert "team budget US$2,000/year, applied to" in flat
    assert "£3,615 (US$4,920)" in flat  # three MoP Practitioner seats: original and converted


def test_the_shipped_rate_table_matches_its_published_schema(runner: CliRunner) -> None:
    import json

    import jsonschema
    import yaml

    result = runner.invoke(app, ["schema", "rates"])
    assert result.exit_code == 0, result.stderr
    shipped = yaml.safe_load((Path(__file__).resolve().parents[1] / "data" / "rates.yaml").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(json.loads(result.stdout))
    assert list(validator.iter_errors(shipped)) == []
    assert list(validator.iter_errors({**shipped, "rates": {"USD": 0}})) != []


def test_a_us_newcomer_budgets_in_dollars(runner: CliRunner) -> None:
    """Coach persona P12 (US newcomer, PMI route, 800 a year): the budget used to be in pounds and the
    USD exam fees were "not counted", so a US user could not budget at all. In dollars, the CAPM fee
    (US$300) is held against the US$800, and the heading admits how little of the plan is priced."""
    args = ["plan", "--level", "1", "--years", "4", "--start", "2027", "--provider", "PMI", "--budget-per-year", "800"]
    result = runner.invoke(app, [*args, "--currency", "USD", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    import json

    plan = json.loads(result.stdout)
    first = plan["years"][0]
    (capm,) = [i for i in first["items"] if i["course_id"] == "pmi-capm"]
    assert (capm["cost"], capm["currency"], capm["budget_cost"]) == (300, "USD", 300)
    assert first["budget_cost"] == 300 and first["priced_items"] == 1
    table = runner.invoke(app, [*args, "--currency", "USD"])
    heading = " ".join(table.stdout.split("\n\n", 1)[0].split())
    priced = plan["totals"]["priced_items"]
    unpriced = plan["totals"]["unpriced_items"]
    assert heading.endswith(
        f"budget US$800/year, applied to {priced} of {priced + unpriced} items; {unpriced} unpriced"
    )


def test_validate_reports_a_bad_prices_csv_in_the_data_folder(tmp_path: Path, runner: CliRunner) -> None:
    (tmp_path / "prices.csv").write_text(
        "course_id,mode,price,currency,seen,source\n"
        "mop-practitioner,classroom,abc,GBP,2026-11-20,https://x.example.com\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 1
    sheet_path = tmp_path / "prices.csv"
    assert f"{sheet_path}:2: price: expected a plain number such as 1205 or 1205.50, got 'abc'" in result.stderr


@pytest.mark.parametrize(
    "seed_row", ["mop-practitioner,,classroom,,2,990,,,,,GBP,excluded,2026-11-20,https://x.example.com"]
)
def test_any_text_is_applied_or_refused_with_located_problems(seed_row: str) -> None:
    """Fuzz: whatever a spreadsheet writes, the sheet is applied or refused with InputError, never a crash."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    catalogue = load_catalogue()
    alphabet = st.sampled_from(list(',"\n\r;£-.0123456789abcGBPUSDclassroom exam-only'))

    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet, max_size=200), st.integers(0, len(seed_row)))
    def check(noise: str, at: int) -> None:
        text = HEADER + "\n" + seed_row[:at] + noise + seed_row[at:] + "\n"
        try:
            apply_sheet(text, "prices.csv", catalogue)
        except InputError as error:
            assert all(p.file == "prices.csv" and p.line is not None for p in error.problems)

    check()


def test_markdown_and_html_show_the_original_and_the_converted_price(runner: CliRunner) -> None:
    args = ["plan", "--level", "4", "--years", "4", "--start", "2027", "--completed", "mop-foundation@2025-06-01"]
    markdown = runner.invoke(app, [*args, "--currency", "USD", "--format", "markdown"])
    assert markdown.exit_code == 0, markdown.stderr
    assert "| certification | 2 | £1,205 (US$1,640) |" in markdown.stdout
    html = runner.invoke(app, [*args, "--currency", "USD", "--format", "html"])
    assert html.exit_code == 0, html.stderr
    assert "£1,205 (US$1,640)" in html.stdout
