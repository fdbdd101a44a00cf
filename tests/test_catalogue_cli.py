"""CLI output of the catalogue commands: table snapshots, JSON against its schema, CSV and Markdown.

Tables are asserted whole (trailing spaces that rich pads titles and wrapped notes with are
stripped per line) at ``COLUMNS=100`` with ``NO_COLOR=1`` (see conftest).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from pmoplan.cli import app
from pmoplan.loading import load_catalogue
from pmoplan.models import Course
from pmoplan.render.catalogue_views import COURSE_CSV_COLUMNS, courses_listing, ladder_listing, level_listing
from tests.conftest import Snapshot

REPO = Path(__file__).resolve().parents[1]
PMOPLAN = Path(sys.executable).parent / "pmoplan"
TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def run(runner: CliRunner, *args: str) -> str:
    """Invoke ``pmoplan ARGS`` expecting success with nothing on stderr; return stdout, bytes decoded as is.

    (``Result.stdout`` would turn CRLF into LF, hiding what a CSV file really contains.)
    """
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, (result.exit_code, result.stderr, result.exception)
    assert result.stderr == ""
    stdout = result.stdout_bytes.decode("utf-8")
    assert "\x1b[" not in stdout
    return stdout


def fail(runner: CliRunner, code: int, *args: str) -> str:
    """Invoke ``pmoplan ARGS`` expecting ``code``, empty stdout and one stderr line; return that line."""
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    assert result.stdout == ""
    assert result.stderr.endswith("\n") and result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("pmoplan: error: ")
    assert "Traceback" not in result.stderr
    return result.stderr.rstrip("\n")


def table(stdout: str) -> str:
    """The rendered table with each line's trailing padding removed."""
    lines = stdout.splitlines()
    assert all(len(line) <= 100 for line in lines), "wider than COLUMNS=100"
    return "\n".join(line.rstrip() for line in lines) + "\n"


def schema(runner: CliRunner, name: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(run(runner, "schema", name))
    jsonschema.Draft202012Validator.check_schema(document)
    return document


def validate(document: object, against: dict[str, Any], definition: str | None = None) -> None:
    """Validate ``document`` against a schema (or one of its ``$defs``); every error is shown."""
    if definition is not None:
        against = {"$defs": against["$defs"], "$ref": f"#/$defs/{definition}"}
    errors = [error.message for error in jsonschema.Draft202012Validator(against).iter_errors(document)]
    assert errors == []


def overlay(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "courses.yaml").write_text(text, encoding="utf-8")
    return folder


def course_yaml(course_id: str, title: str, extra: str = "") -> str:
    return (
        f"  - id: {course_id}\n"
        f"    title: {json.dumps(title)}\n"
        "    kind: specialist\n"
        "    provider: Acme\n"
        "    levels: [2]\n"
        "    days: 0.5\n"
        "    skills: [reporting]\n"
        "    source: https://intranet.example.com/x\n"
        f"{extra}"
    )


# --- snapshots (tests/snapshots/; regenerate with pytest --update-snapshots, review with git diff) ----


@pytest.mark.parametrize(
    "args",
    [
        ["levels"],
        ["levels", "2"],
        ["levels", "--compare", "2", "3"],
        ["courses", "--specialist", "--level", "4"],
        ["course", "p3o-practitioner"],
        ["skills"],
    ],
    ids=["levels", "levels-2", "compare-2-3", "specialist-level-4", "course-p3o-practitioner", "skills"],
)
def test_table_snapshot(runner: CliRunner, snapshot: Snapshot, args: list[str]) -> None:
    snapshot.check("table-" + "-".join(a.lstrip("-") for a in args), table(run(runner, *args)))


def test_table_is_the_default_format(runner: CliRunner) -> None:
    assert run(runner, "courses", "--specialist", "--level", "4", "--format", "table") == run(
        runner, "courses", "--specialist", "--level", "4"
    )


def test_narrow_terminal_still_fits(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    out = run(runner, "courses", "--certification")
    assert max(len(line) for line in out.splitlines()) <= 40


# --- validate and schema --------------------------------------------------------------------------


def test_validate_shipped_data(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    assert run(runner, "validate", "data") == "data: ok\n"
    assert run(runner, "validate") == "shipped catalogue: ok\n"


def test_validate_uses_data_dir_when_no_folder_given(runner: CliRunner, tmp_path: Path) -> None:
    folder = overlay(tmp_path, "exclude: [data-viz]\n")
    assert run(runner, "--data-dir", str(folder), "validate") == f"{folder}: ok\n"


def test_validate_reports_every_problem_one_per_line(runner: CliRunner, tmp_path: Path) -> None:
    text = "courses:\n" + course_yaml("x", "X", "    verified: on\n") + course_yaml("y", "Y").replace("0.5", "half")
    folder = overlay(tmp_path, text)
    result = runner.invoke(app, ["validate", str(folder)])
    assert (result.exit_code, result.stdout) == (1, "")
    lines = result.stderr.splitlines()
    shown = str(folder / "courses.yaml")
    assert lines == [
        f"pmoplan: error: {shown}:10:15: courses[0].verified: expected true or false, got 'on'",
        f"pmoplan: error: {shown}:16:11: courses[1].days: expected a number, got 'half'",
    ]


def test_validate_missing_folder(runner: CliRunner, tmp_path: Path) -> None:
    line = fail(runner, 1, "validate", str(tmp_path / "nope"))
    assert line == f"pmoplan: error: {tmp_path / 'nope'}: data folder does not exist"


SCHEMA_NAMES = [
    "levels",
    "courses",
    "courses-overlay",
    "assessment",
    "rates",
    "course-list",
    "level-list",
    "level",
    "level-comparison",
    "course",
    "plan",
    "profile",
    "assessment-result",
    "team",
    "rates",
    "renewals",
    "cpd-log",
]


def test_schema_listing_names_every_schema(runner: CliRunner) -> None:
    listed = [line.split()[0] for line in run(runner, "schema").splitlines()]
    assert set(SCHEMA_NAMES) <= set(listed)
    assert len(listed) == len(set(listed))


def test_schema_listing_is_aligned(runner: CliRunner) -> None:
    starts = {len(line) - len(line.split(maxsplit=1)[1]) for line in run(runner, "schema").splitlines()}
    assert len(starts) == 1


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_schema_is_a_valid_json_schema(runner: CliRunner, name: str) -> None:
    document = schema(runner, name)
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert document["type"] == "object"


def test_team_file_schema_accepts_the_example_team(runner: CliRunner) -> None:
    document = schema(runner, "team-file")
    assert document["type"] == "array"
    people = [{"id": "p001", "level": 2, "completed": ["p3o-foundation@2024-05-14"], "focus": ["benefits"]}]
    validate(people, document)
    errors = list(jsonschema.Draft202012Validator(document).iter_errors([{"id": "p002", "level": 5}]))
    assert errors, "level 5 must be refused"


def test_every_listed_schema_is_tested(runner: CliRunner) -> None:
    listed = {line.split()[0] for line in run(runner, "schema").splitlines()}
    assert listed == {*SCHEMA_NAMES, "team-file"}


def test_unknown_schema(runner: CliRunner) -> None:
    assert fail(runner, 1, "schema", "course-lst") == (
        "pmoplan: error: unknown schema 'course-lst' (did you mean 'course-list'?)"
    )
    assert fail(runner, 1, "schema", "zzz") == "pmoplan: error: unknown schema 'zzz'"


def test_shipped_data_files_match_their_schemas(runner: CliRunner) -> None:
    import yaml

    for name, file in [("levels", "levels.yaml"), ("courses", "courses.yaml"), ("assessment", "assessment.yaml")]:
        document = yaml.safe_load((REPO / "data" / file).read_text(encoding="utf-8"))
        validate(document, schema(runner, name))


# --- JSON -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--certification"],
        ["--specialist"],
        ["--level", "1"],
        ["--skill", "benefits"],
        ["--provider", "peoplecert"],
        ["--search", "agile"],
        ["--certification", "--level", "3", "--provider", "axelos"],
    ],
)
def test_courses_json_matches_schema_and_models(runner: CliRunner, args: list[str]) -> None:
    document = json.loads(run(runner, "courses", *args, "--format", "json"))
    validate(document, schema(runner, "course-list"))
    assert document["schema_version"] == 1
    catalogue = load_catalogue()
    by_id = {c.id: c for c in catalogue.courses}
    assert document["courses"] == [by_id[c["id"]].model_dump(mode="json") for c in document["courses"]]
    assert document["courses"], "every filter here matches something"


def test_course_filters_select_the_right_courses(runner: CliRunner) -> None:
    catalogue = load_catalogue()

    def ids(*args: str) -> list[str]:
        return [c["id"] for c in json.loads(run(runner, "courses", *args, "-f", "json"))["courses"]]

    def expected(keep: Any) -> list[str]:
        return [c.id for c in catalogue.courses if keep(c)]

    assert ids() == [c.id for c in catalogue.courses]
    assert ids("--certification") == expected(lambda c: c.kind == "certification")
    assert ids("--specialist") == expected(lambda c: c.kind == "specialist")
    assert set(ids("--certification")) | set(ids("--specialist")) == set(ids())
    for level in range(1, 5):
        assert ids("--level", str(level)) == expected(lambda c, n=level: n in c.levels)
    assert ids("--skill", "benefits") == expected(lambda c: "benefits" in c.skills)
    assert ids("--provider", "PEOPLECERT") == expected(lambda c: "peoplecert" in c.provider.casefold())
    assert ids("--search", "Benefit") == expected(
        lambda c: "benefit" in " ".join([c.id, c.title, c.provider, c.notes or ""]).casefold()
    )
    assert ids("--specialist", "--level", "4", "--skill", "leadership") == expected(
        lambda c: c.kind == "specialist" and 4 in c.levels and "leadership" in c.skills
    )
    assert ids("--search", "no such course anywhere") == []


def test_no_match_is_an_empty_table(runner: CliRunner) -> None:
    out = table(run(runner, "courses", "--search", "no such course anywhere"))
    assert out.splitlines()[0] == "Courses (0)"


def test_levels_json_matches_schema(runner: CliRunner) -> None:
    document = json.loads(run(runner, "levels", "--format", "json"))
    validate(document, schema(runner, "level-list"))
    catalogue = load_catalogue()
    assert document["levels"] == [level.model_dump(mode="json") for level in catalogue.levels]
    assert document["skills"] == [skill.model_dump(mode="json") for skill in catalogue.skills]


def test_one_level_json(runner: CliRunner) -> None:
    document = json.loads(run(runner, "levels", "2", "--format", "json"))
    assert document["schema_version"] == 1
    validate(document["level"], schema(runner, "level-list"), "Level")
    assert document["level"] == load_catalogue().level(2).model_dump(mode="json")


def test_compare_json(runner: CliRunner) -> None:
    document = json.loads(run(runner, "levels", "--compare", "2", "3", "--format", "json"))
    catalogue = load_catalogue()
    assert (document["schema_version"], document["from"], document["to"]) == (1, 2, 3)
    assert document["changes"] == [
        {"skill": s.id, "from": catalogue.level(2).expected[s.id], "to": catalogue.level(3).expected[s.id]}
        for s in catalogue.skills
    ]


def test_course_json(runner: CliRunner) -> None:
    document = json.loads(run(runner, "course", "p3o-foundation", "--format", "json"))
    assert document["schema_version"] == 1
    validate(document["course"], schema(runner, "course-list"), "Course")
    validate(document["renewal_scheme"], schema(runner, "courses"), "RenewalScheme")
    assert document["course"] == load_catalogue().course("p3o-foundation").model_dump(mode="json")
    unlocks = [c.id for c in load_catalogue().unlocks("p3o-foundation")]
    assert "p3o-practitioner" in unlocks
    assert document["unlocks"] == unlocks
    assert document["renewal_scheme"]["id"] == "peoplecert-ppm"


# --- usage and lookup errors ----------------------------------------------------------------------


def test_both_kind_flags_is_a_usage_error(runner: CliRunner) -> None:
    line = fail(runner, 2, "courses", "--certification", "--specialist")
    assert line == "pmoplan: error: --certification and --specialist cannot be used together"


@pytest.mark.parametrize(
    ("args", "phrase"),
    [
        (["courses", "--level", "5"], "--level"),
        (["levels", "0"], "'LEVEL'"),
        (["levels", "--compare", "2", "9"], "--compare"),
        (["courses", "--format", "ics"], "ics"),
        (["courses", "--format", "yaml"], "yaml"),
        (["courses", "--bogus"], "--bogus"),
    ],
)
def test_bad_options_are_one_line_usage_errors(runner: CliRunner, args: list[str], phrase: str) -> None:
    assert phrase in fail(runner, 2, *args)


def test_unknown_course_suggests_the_closest(runner: CliRunner) -> None:
    line = fail(runner, 1, "course", "p3o-practitioneer")
    assert line == "pmoplan: error: unknown course 'p3o-practitioneer' (did you mean 'p3o-practitioner'?)"
    assert fail(runner, 1, "course", "zzzz") == "pmoplan: error: unknown course 'zzzz'"


def test_unknown_skill_filter_suggests_the_closest(runner: CliRunner) -> None:
    assert fail(runner, 1, "courses", "--skill", "benefit") == (
        "pmoplan: error: unknown skill 'benefit' (did you mean 'benefits'?)"
    )


# --- CSV ------------------------------------------------------------------------------------------


def read_csv(text: str) -> list[list[str]]:
    assert not text.startswith("\ufeff"), "the BOM is for files, never for stdout"
    body = text
    assert "\n" not in body.replace("\r\n", ""), "rows end with CRLF"
    return list(csv.reader(io.StringIO(body, newline=""), strict=True))


def neutralised(cell: str) -> str:
    return "'" + cell if cell.startswith(TRIGGERS) and not NUMBER.fullmatch(cell) else cell


def expected_csv_row(course: Course) -> list[str]:
    """The spreadsheet cells of one course, derived from the model independently of the renderer."""

    def number(value: float | int | None) -> str:
        return "" if value is None else str(int(value)) if float(value).is_integer() else repr(float(value))

    cells = {
        "id": course.id,
        "title": course.title,
        "kind": course.kind,
        "provider": course.provider,
        "levels": ";".join(str(n) for n in course.levels),
        "days": number(course.days),
        "skills": ";".join(course.skills),
        "prerequisites": ";".join("|".join(group) for group in course.prerequisites),
        "includes": ";".join(course.includes),
        "validity_years": number(course.validity_years),
        "renewal_scheme": course.renewal_scheme or "",
        "cost": number(course.cost),
        "exam_cost": number(course.exam_cost),
        "currency": course.currency or "",
        "cost_note": course.cost_note or "",
        "source": course.source,
        "verified": "true" if course.verified else "false",
        "unverified": ";".join(course.unverified),
    }
    return [neutralised(cells[column]) for column in COURSE_CSV_COLUMNS]


def test_courses_csv_reads_back_to_the_model_data(runner: CliRunner) -> None:
    rows = read_csv(run(runner, "courses", "--format", "csv"))
    assert rows[0] == COURSE_CSV_COLUMNS
    assert rows[1:] == [expected_csv_row(course) for course in load_catalogue().courses]


def test_filtered_courses_csv(runner: CliRunner) -> None:
    rows = read_csv(run(runner, "courses", "--specialist", "--level", "4", "-f", "csv"))
    expected = [c for c in load_catalogue().courses if c.kind == "specialist" and 4 in c.levels]
    assert rows[1:] == [expected_csv_row(course) for course in expected]


def test_listing_csv_reads_back_to_the_table_cells(runner: CliRunner) -> None:
    catalogue = load_catalogue()
    listing = ladder_listing(catalogue)
    cells = [[neutralised(cell) for cell in row] for row in listing.rows]
    assert read_csv(run(runner, "levels", "-f", "csv")) == [listing.columns, *cells]
    assert cells[3][4] == "'-"  # level 4 has no typical years; the placeholder is neutralised like any text
    listing = level_listing(catalogue, catalogue.level(3))
    cells = [[neutralised(cell) for cell in row] for row in listing.rows]
    assert read_csv(run(runner, "levels", "3", "-f", "csv")) == [listing.columns, *cells]
    rows = read_csv(run(runner, "course", "p3o-practitioner", "-f", "csv"))
    assert rows[0] == ["Field", "Value"]
    assert dict(rows[1:])["Prerequisites"] == "p3o-foundation"


@pytest.mark.parametrize(
    "title", ['=HYPERLINK("http://evil.example","click")', "+1+1", "-2+3", "@SUM(A1:A9)", "-cmd|' /C calc'!A0", "=1+1"]
)
def test_formula_like_text_is_neutralised(runner: CliRunner, tmp_path: Path, title: str) -> None:
    folder = overlay(tmp_path, "courses:\n" + course_yaml("formula", title))
    rows = read_csv(run(runner, "--data-dir", str(folder), "courses", "--provider", "acme", "-f", "csv"))
    assert rows[1][COURSE_CSV_COLUMNS.index("title")] == "'" + title
    assert rows[1][COURSE_CSV_COLUMNS.index("days")] == "0.5"
    detail = read_csv(run(runner, "--data-dir", str(folder), "course", "formula", "-f", "csv"))
    assert dict(detail[1:])["Title"] == "'" + title
    for row in rows + detail:
        for cell in row:
            assert not cell.startswith(TRIGGERS) or NUMBER.fullmatch(cell), cell


def test_a_title_with_a_tab_or_line_break_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    folder = overlay(tmp_path, "courses:\n" + course_yaml("tabbed", "\tTabbed"))
    result = runner.invoke(app, ["--data-dir", str(folder), "courses"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert re.fullmatch(
        r"pmoplan: error: .*courses\.yaml:\d+:\d+: courses\[0\]\.title: .*single line.*\n", result.stderr
    )


def test_csv_keeps_the_exact_price(runner: CliRunner, tmp_path: Path) -> None:
    folder = overlay(tmp_path, "overrides:\n  pmi-pmp:\n    cost: 12345.67\n    currency: GBP\n")
    rows = read_csv(run(runner, "--data-dir", str(folder), "courses", "--search", "pmi-pmp", "-f", "csv"))
    assert rows[1][COURSE_CSV_COLUMNS.index("cost")] == "12345.67"


# --- Markdown -------------------------------------------------------------------------------------


def markdown_rows(text: str) -> list[list[str]]:
    """Cells of every table row (header included, separator excluded), unescaped."""
    rows = []
    for line in text.splitlines():
        if not line.startswith("| ") or re.fullmatch(r"\|( --- \|)+", line):
            continue
        inner = line[2:-2]
        cells = re.split(r"(?<!\\) \| ", inner)
        rows.append([cell.replace("\\|", "|").replace("<br>", "\n").replace("\\\\", "\\") for cell in cells])
    return rows


def test_courses_markdown_reads_back_to_the_table_cells(runner: CliRunner) -> None:
    text = run(runner, "courses", "--certification", "--format", "markdown")
    courses = [c for c in load_catalogue().courses if c.kind == "certification"]
    listing = courses_listing(courses, show_kind=False)
    assert text.startswith(f"## Certification courses ({len(courses)})\n\n| ID | Title |")
    assert markdown_rows(text) == [listing.columns, *listing.rows]
    assert "\n- Prices are indicative" in text


def test_levels_markdown_reads_back(runner: CliRunner) -> None:
    catalogue = load_catalogue()
    listing = ladder_listing(catalogue)
    assert markdown_rows(run(runner, "levels", "-f", "markdown")) == [listing.columns, *listing.rows]
    listing = level_listing(catalogue, catalogue.level(2))
    assert markdown_rows(run(runner, "levels", "2", "-f", "markdown")) == [listing.columns, *listing.rows]


def test_markdown_escapes_pipes_in_data(runner: CliRunner, tmp_path: Path) -> None:
    folder = overlay(tmp_path, "courses:\n" + course_yaml("piped", "Plan | Do \\ Check"))
    text = run(runner, "--data-dir", str(folder), "courses", "--provider", "acme", "-f", "markdown")
    assert "| piped | Plan \\| Do \\\\ Check | specialist |" in text
    assert markdown_rows(text)[1][:2] == ["piped", "Plan | Do \\ Check"]


# --- colour and escape codes ----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
def test_piped_output_has_no_escape_codes(tmp_path: Path, fmt: str) -> None:
    """F2: a real process with stdout piped and NO_COLOR unset still writes no ANSI codes."""
    env = {k: v for k, v in os.environ.items() if k not in {"NO_COLOR", "FORCE_COLOR"}}
    env["TERM"] = "xterm-256color"
    done = subprocess.run(
        [str(PMOPLAN), "courses", "--format", fmt], capture_output=True, env=env, cwd=tmp_path, timeout=60, check=False
    )
    assert (done.returncode, done.stderr) == (0, b"")
    assert b"\x1b[" not in done.stdout


def test_no_color_on_a_terminal_has_no_escape_codes() -> None:
    pexpect = pytest.importorskip("pexpect")
    env = dict(os.environ, NO_COLOR="1", COLUMNS="100", TERM="xterm-256color")
    output = pexpect.run(f"{PMOPLAN} courses --specialist", env=env, timeout=30)
    assert b"Specialist courses" in output
    assert b"\x1b[" not in output


def test_terminal_without_no_color_uses_box_drawing() -> None:
    pexpect = pytest.importorskip("pexpect")
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env.update(COLUMNS="100", TERM="xterm-256color")
    output = pexpect.run(f"{PMOPLAN} levels", env=env, timeout=30).decode("utf-8")
    assert "\u256d" in output  # rounded box on a terminal; ASCII when plain


def test_provider_is_matched_exactly_apm_is_not_apmg(runner: CliRunner) -> None:
    """Issue 12: '--provider APM' found APMG International's courses too, so APM's own PFQ was lost among them."""

    def listed(provider: str) -> dict[str, str]:
        header, *rows = read_csv(run(runner, "courses", "--provider", provider, "-f", "csv"))
        return {row[header.index("id")]: row[header.index("provider")] for row in rows}

    apm = listed("APM")
    assert "apm-pfq" in apm
    assert set(listed("apm").values()) == {"APM (Association for Project Management)"}
    apmg = listed("APMG")
    assert apmg and all("APMG International" in provider for provider in apmg.values())
    assert not set(apm) & set(apmg)
