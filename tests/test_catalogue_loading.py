"""Loading catalogue folders into models: located validation errors, cross-checks and overlays.

Each test writes a small organisation folder (``--data-dir``) and loads it through the real
loader, or through the CLI where what the user sees is the point.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from pmoplan.catalogue import Catalogue
from pmoplan.catalogue_files import CoursesFile
from pmoplan.cli import app
from pmoplan.errors import InputError, Problem
from pmoplan.loading import load_catalogue, validate_folder
from pmoplan.strict_yaml import parse_yaml
from pmoplan.validation import validate_document

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
SHIPPED_COURSES = (DATA / "courses.yaml").read_text(encoding="utf-8")
SHIPPED_LEVELS_LINES = len((DATA / "levels.yaml").read_text(encoding="utf-8").splitlines())
SHIPPED_COUNT = len(yaml.safe_load(SHIPPED_COURSES)["courses"])


def course_yaml(
    course_id: str = "inhouse-reporting", title: str = '"In-house reporting clinic"', extra: str = ""
) -> str:
    """One complete specialist course as a YAML list item (4-space field indent)."""
    return (
        f"  - id: {course_id}\n"
        f"    title: {title}\n"
        "    kind: specialist\n"
        '    provider: "Acme Corp L&D"\n'
        "    levels: [1, 2]\n"
        "    days: 1\n"
        "    skills: [reporting]\n"
        "    source: https://intranet.example.com/courses/reporting\n"
        f"{extra}"
    )


def overlay(folder: Path, text: str, name: str = "courses.yaml") -> Path:
    """Write ``text`` as ``folder/name`` and return the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def problems_of(folder: Path) -> list[Problem]:
    """Load ``folder`` expecting an InputError; return all its problems (validate_folder agrees)."""
    with pytest.raises(InputError) as caught:
        load_catalogue(folder)
    assert validate_folder(folder)[: len(caught.value.problems)] == caught.value.problems
    return caught.value.problems


def only_problem(folder: Path) -> Problem:
    problems = problems_of(folder)
    assert len(problems) == 1, problems
    return problems[0]


def shipped_levels_without_recommendations() -> str:
    """The shipped levels.yaml with any course recommendations removed (for ``base: none`` folders)."""
    document = yaml.safe_load((DATA / "levels.yaml").read_text(encoding="utf-8"))
    for level in document["levels"]:
        level.pop("recommended_courses", None)
    return str(yaml.safe_dump(document, allow_unicode=True, sort_keys=False))


# --- the shipped catalogue ------------------------------------------------------------------------


def test_shipped_catalogue_loads_and_validates() -> None:
    catalogue = load_catalogue()
    assert isinstance(catalogue, Catalogue)
    assert [level.number for level in catalogue.levels] == [1, 2, 3, 4]
    assert len(catalogue.courses) == SHIPPED_COUNT
    assert validate_folder(None) == []
    assert validate_folder(DATA) == []


def test_every_shipped_course_has_a_source_and_unverified_facts_are_marked() -> None:
    for course in load_catalogue().courses:
        assert course.source.startswith(("http://", "https://"))
        if course.unverified:
            assert set(course.unverified) <= {
                "days",
                "levels",
                "exam",
                "prerequisites",
                "cost",
                "exam_cost",
                "validity",
                "renewal",
                "skills",
                "title",
            }, course.id


# --- A4 / A5: top level ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "file is empty"),
        ("# nothing here\n", "file is empty"),
        ("- a\n- b\n", "found a list"),
        ("hello\n", "found 'hello'"),
    ],
)
def test_top_level_must_be_a_mapping(tmp_path: Path, text: str, message: str) -> None:
    problem = only_problem(overlay(tmp_path, text))
    assert problem.file == str(tmp_path / "courses.yaml")
    assert (problem.line, problem.column) == (1, 1)
    assert message in problem.message


# --- A12 / A13 / A14 / A15 / A16: field validation ------------------------------------------------


def test_unknown_field_suggests_the_closest(tmp_path: Path) -> None:
    text = "courses:\n" + course_yaml().replace("    title:", "    tilte:")
    problems = problems_of(overlay(tmp_path, text))
    missing = [p for p in problems if "missing" in p.message]
    assert [(p.line, p.column, p.message) for p in missing] == [(2, 5, "missing required field 'title'")]
    unknown = [p for p in problems if "unknown field" in p.message]
    assert len(unknown) == 1
    assert unknown[0].path == "courses[0].tilte"
    assert (unknown[0].line, unknown[0].column) == (3, 5)
    assert unknown[0].message == "unknown field 'tilte' (did you mean 'title'?)"


def test_unknown_top_level_field(tmp_path: Path) -> None:
    problem = only_problem(overlay(tmp_path, "exclude: []\nbasee: none\n"))
    assert (problem.line, problem.column, problem.path) == (2, 1, "basee")
    assert "did you mean 'base'?" in problem.message


def test_missing_required_field_points_at_the_parent_mapping(tmp_path: Path) -> None:
    text = "courses:\n" + course_yaml().replace('    title: "In-house reporting clinic"\n', "")
    problem = only_problem(overlay(tmp_path, text))
    assert (problem.line, problem.column) == (2, 5)
    assert problem.path == "courses[0]"
    assert problem.message == "missing required field 'title'"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "1.10", "expected text, got 1.1; quote the value if it is meant as text"),
        ("title", "true", "expected text, got True; quote the value if it is meant as text"),
        ("id", "123", "expected text, got 123; quote the value if it is meant as text"),
        ("days", "two", "expected a number, got 'two'"),
        ("days", "yes", "expected a number, got 'yes'"),
        ("days", "2026-02-30", "expected a number, got '2026-02-30'"),
        ("days", '"3"', "expected a number, got '3'"),
        ("levels", "2", "expected a list, got 2"),
        ("levels", "[two]", "expected a whole number, got 'two'"),
    ],
)
def test_wrong_types_are_located_with_a_hint(tmp_path: Path, field: str, value: str, message: str) -> None:
    """A14-A17: strict types, no YAML 1.1 coercion; a number where text is wanted says 'quote the value'."""
    lines = course_yaml().splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.lstrip(" -").startswith(f"{field}:"))
    lines[index] = lines[index].split(":")[0] + f": {value}\n"
    problem = only_problem(overlay(tmp_path, "courses:\n" + "".join(lines)))
    assert problem.line == index + 2
    assert problem.column == lines[index].index(value.lstrip("[")) + 1
    assert f".{field}" in problem.path
    assert problem.message.startswith(message)


@pytest.mark.parametrize("value", ["on", "yes", "1", '"true"'])
def test_booleans_are_strict(tmp_path: Path, value: str) -> None:
    """A15: 'verified: on' is not silently true."""
    problem = only_problem(overlay(tmp_path, "courses:\n" + course_yaml(extra=f"    verified: {value}\n")))
    assert (problem.line, problem.path) == (10, "courses[0].verified")
    assert "expected true or false" in problem.message


def test_leading_zero_id_stays_text(tmp_path: Path) -> None:
    """A16: '0123' is not read as octal 83; as text it is a valid id."""
    catalogue = load_catalogue(overlay(tmp_path, "courses:\n" + course_yaml(course_id="0123")))
    assert catalogue.has_course("0123")


def test_duplicate_key_in_overlay_is_located(tmp_path: Path) -> None:
    """A10."""
    text = "courses:\n" + course_yaml(extra="    days: 2\n")
    problem = only_problem(overlay(tmp_path, text))
    assert (problem.line, problem.column) == (10, 5)
    assert problem.message == "duplicate key 'days' (first at line 7)"


# --- A11 and cross-references ---------------------------------------------------------------------


def test_duplicate_course_ids_name_both_lines(tmp_path: Path) -> None:
    text = "courses:\n" + course_yaml() + course_yaml()
    problem = only_problem(overlay(tmp_path, text))
    assert (problem.line, problem.column, problem.path) == (10, 9, "courses[1].id")
    assert problem.message == "duplicate course id 'inhouse-reporting' (first at line 2)"


def test_overlay_course_with_a_shipped_id_replaces_it(tmp_path: Path) -> None:
    catalogue = load_catalogue(overlay(tmp_path, "courses:\n" + course_yaml(course_id="pmo-reporting")))
    assert len(catalogue.courses) == SHIPPED_COUNT
    assert catalogue.course("pmo-reporting").provider == "Acme Corp L&D"


@pytest.mark.parametrize(
    ("extra", "path", "message"),
    [
        ("", "courses[0].skills[0]", "unknown skill 'reportin' (did you mean 'reporting'?)"),
        (
            "    prerequisites: [[p3o-foundaton]]\n",
            "courses[0].prerequisites[0][0]",
            "unknown course 'p3o-foundaton' (did you mean 'p3o-foundation'?)",
        ),
        (
            "    includes: [p3o-practitionr]\n",
            "courses[0].includes[0]",
            "unknown course 'p3o-practitionr' (did you mean 'p3o-practitioner'?)",
        ),
        (
            "    renewal_scheme: peoplecert-ppn\n",
            "courses[0].renewal_scheme",
            "unknown renewal scheme 'peoplecert-ppn' (did you mean 'peoplecert-ppm'?)",
        ),
        ("    includes: [inhouse-reporting]\n", "courses[0].includes[0]", "a course cannot include itself"),
        ("    prerequisites: [[]]\n", "courses[0].prerequisites[0]", "empty prerequisite group"),
        ("    cost: 100\n", "courses[0]", "a course with a cost needs a currency"),
    ],
)
def test_unknown_references_suggest_the_closest(tmp_path: Path, extra: str, path: str, message: str) -> None:
    text = "courses:\n" + course_yaml(extra=extra)
    if not extra:
        text = text.replace("skills: [reporting]", "skills: [reportin]")
    problem = only_problem(overlay(tmp_path, text))
    assert problem.file == str(tmp_path / "courses.yaml")
    assert problem.path == path
    assert problem.message == message
    assert problem.line is not None and 2 <= problem.line <= 10


def test_prerequisite_cycle_is_reported(tmp_path: Path) -> None:
    text = "courses:\n" + course_yaml("a-course", extra="    prerequisites: [[b-course]]\n")
    text += course_yaml("b-course", extra="    prerequisites: [[a-course]]\n")
    problem = only_problem(overlay(tmp_path, text))
    assert problem.path.endswith(".prerequisites")
    assert re.fullmatch(
        r"prerequisite cycle: (a-course -> b-course -> a-course|b-course -> a-course -> b-course)", problem.message
    )


def test_self_prerequisite_is_a_cycle(tmp_path: Path) -> None:
    text = "courses:\n" + course_yaml("a-course", extra="    prerequisites: [[a-course]]\n")
    problem = only_problem(overlay(tmp_path, text))
    assert (problem.line, problem.message) == (10, "prerequisite cycle: a-course -> a-course")


def test_all_problems_are_reported_in_file_order(tmp_path: Path) -> None:
    text = "courses:\n" + course_yaml("bad id", extra="    verified: on\n") + course_yaml("x", title="1.5")
    problems = problems_of(overlay(tmp_path, text))
    assert [(p.line, p.path) for p in problems] == [
        (2, "courses[0].id"),
        (10, "courses[0].verified"),
        (12, "courses[1].title"),
    ]
    with pytest.raises(InputError) as caught:
        load_catalogue(tmp_path)
    assert str(caught.value).endswith("(and 2 more problems; 'pmoplan validate' lists them all)")


# --- A28 / A29: markup, escapes, huge strings -----------------------------------------------------


def test_rich_markup_in_a_title_is_shown_literally(tmp_path: Path, runner: CliRunner) -> None:
    """A28: markup-like text is data; it is neither interpreted nor a crash."""
    title = "Lead [/bold] [red]x[/red] [link=http://evil]y[/link]"
    folder = overlay(tmp_path, "courses:\n" + course_yaml(title=f'"{title}"'))
    assert load_catalogue(folder).course("inhouse-reporting").title == title
    result = runner.invoke(app, ["--data-dir", str(folder), "courses", "--provider", "Acme Corp L&D"])
    assert (result.exit_code, result.stderr) == (0, "")
    assert [line.rstrip() for line in result.stdout.splitlines()] == [
        "Courses (1)",
        "+--------------------------------------------------------------------------------------------------+",
        "| ID                | Title           | Kind       | Provider    | Levels | Days | Cost | Verified |",
        "|-------------------+-----------------+------------+-------------+--------+------+------+----------|",
        "| inhouse-reporting | Lead [/bold]    | specialist | Acme Corp   | 1-2    | 1    | -    | yes      |",
        "|                   | [red]x[/red]    |            | L&D         |        |      |      |          |",
        "|                   | [link=http://ev |            |             |        |      |      |          |",
        "|                   | il]y[/link]     |            |             |        |      |      |          |",
        "+--------------------------------------------------------------------------------------------------+",
        "Prices are indicative; check with the provider. 'Verified: no' marks facts from secondary or no",
        "sources.",
    ]
    detail = runner.invoke(app, ["--data-dir", str(folder), "course", "inhouse-reporting"])
    assert detail.exit_code == 0
    assert f"| Title         | {title}" in detail.stdout
    assert "\x1b" not in detail.stdout


@pytest.mark.parametrize(
    "quoted", ['"\\e]0;pwned\\a"', '"Lead \\e[31mred"', '"a\\x9bb"', '"a\\x00b"', '"x\\u0085y"', '"bell\\a"']
)
def test_control_characters_in_text_are_rejected(tmp_path: Path, quoted: str) -> None:
    """A28: escapes written with YAML backslash sequences pass the byte check, then the model refuses them."""
    problem = only_problem(overlay(tmp_path, "courses:\n" + course_yaml(title=quoted)))
    assert (problem.line, problem.column, problem.path) == (3, 12, "courses[0].title")
    assert "control characters are not allowed" in problem.message
    assert "\x1b" not in str(problem).replace("\\x1b", "")


def test_raw_escape_bytes_are_rejected_before_parsing(tmp_path: Path) -> None:
    problem = only_problem(overlay(tmp_path, "courses:\n" + course_yaml(title='"Lead \x1b[31mred"')))
    assert (problem.line, problem.column) == (3, 18)
    assert "U+001B" in problem.message


def test_one_megabyte_title_is_rejected(tmp_path: Path) -> None:
    """A29: max_length, and the message quotes only the start of the value."""
    problem = only_problem(overlay(tmp_path, "courses:\n" + course_yaml(title="a" * (1024 * 1024))))
    assert (problem.line, problem.path) == (3, "courses[0].title")
    assert "at most 200 characters" in problem.message
    assert len(str(problem)) < 300


# --- overlays -------------------------------------------------------------------------------------


def test_overlay_adds_an_in_house_course(tmp_path: Path) -> None:
    catalogue = load_catalogue(overlay(tmp_path, "courses:\n" + course_yaml()))
    assert len(catalogue.courses) == SHIPPED_COUNT + 1
    added = catalogue.course("inhouse-reporting")
    assert (added.title, added.kind, added.days, added.levels) == ("In-house reporting clinic", "specialist", 1, [1, 2])
    assert catalogue.has_course("p3o-foundation")


def test_overlay_overrides_a_shipped_price(tmp_path: Path, runner: CliRunner) -> None:
    shipped = load_catalogue().course("prince2-foundation")
    text = "overrides:\n  prince2-foundation:\n    cost: 850\n    currency: GBP\n    cost_note: negotiated rate\n"
    folder = overlay(tmp_path, text)
    changed = load_catalogue(folder).course("prince2-foundation")
    assert (changed.cost, changed.currency, changed.cost_note) == (850, "GBP", "negotiated rate")
    assert changed.model_dump(exclude={"cost", "currency", "cost_note"}) == shipped.model_dump(
        exclude={"cost", "currency", "cost_note"}
    )
    result = runner.invoke(app, ["--data-dir", str(folder), "course", "prince2-foundation"])
    assert result.exit_code == 0
    assert re.search(r"^\| Cost +\| £850 \(negotiated rate\) +\|$", result.stdout, re.MULTILINE)


def test_overlay_excludes_a_shipped_course(tmp_path: Path) -> None:
    catalogue = load_catalogue(overlay(tmp_path, "exclude: [data-viz, pmo-leadership]\n"))
    assert len(catalogue.courses) == SHIPPED_COUNT - 2
    assert not catalogue.has_course("data-viz")
    assert not catalogue.has_course("pmo-leadership")


def test_excluding_a_prerequisite_is_reported_in_the_overlay(tmp_path: Path) -> None:
    problems = problems_of(overlay(tmp_path, "exclude: [p3o-foundation]\n"))
    assert {p.file for p in problems} == {str(tmp_path / "courses.yaml")}


def test_base_none_with_own_levels(tmp_path: Path) -> None:
    folder = overlay(tmp_path, "base: none\ncourses:\n" + course_yaml())
    overlay(folder, shipped_levels_without_recommendations(), "levels.yaml")
    catalogue = load_catalogue(folder)
    assert [c.id for c in catalogue.courses] == ["inhouse-reporting"]
    assert catalogue.renewal_schemes == ()


def test_base_none_falls_back_to_shipped_levels(tmp_path: Path) -> None:
    catalogue = load_catalogue(overlay(tmp_path, "base: none\ncourses:\n" + course_yaml()))
    assert [c.id for c in catalogue.courses] == ["inhouse-reporting"]


def test_base_none_with_no_courses_is_an_empty_catalogue(tmp_path: Path) -> None:
    folder = overlay(tmp_path, "base: none\n")
    overlay(folder, shipped_levels_without_recommendations(), "levels.yaml")
    catalogue = load_catalogue(folder)
    assert catalogue.courses == ()


def test_missing_levels_file_falls_back_to_shipped(tmp_path: Path) -> None:
    catalogue = load_catalogue(overlay(tmp_path, "courses:\n" + course_yaml()))
    assert catalogue.levels == load_catalogue().levels


def test_overlay_levels_file_replaces_the_shipped_one(tmp_path: Path) -> None:
    levels = (DATA / "levels.yaml").read_text(encoding="utf-8").replace('"Managing a PMO"', '"Running a PMO"')
    folder = overlay(tmp_path, levels, "levels.yaml")
    assert load_catalogue(folder).level(3).name == "Running a PMO"


def test_levels_file_errors_are_located_in_the_overlay(tmp_path: Path) -> None:
    text = (DATA / "levels.yaml").read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.strip().startswith("typical_years: 3"))
    lines[index] = lines[index].replace("3", "three")
    folder = overlay(tmp_path, "".join(lines), "levels.yaml")
    problem = only_problem(folder)
    assert problem.file == str(folder / "levels.yaml")
    assert problem.line == index + 1
    assert re.fullmatch(r"levels\[\d\]\.typical_years", problem.path)
    assert problem.message == "expected a whole number, got 'three'"


def test_data_dir_from_the_environment(tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = overlay(tmp_path, "courses:\n" + course_yaml() + "exclude: [data-viz]\n")
    monkeypatch.setenv("PMOPLAN_DATA_DIR", str(folder))
    result = runner.invoke(app, ["courses", "--specialist", "--format", "json"])
    assert (result.exit_code, result.stderr) == (0, "")
    ids = {c["id"] for c in yaml.safe_load(result.stdout)["courses"]}
    assert "inhouse-reporting" in ids
    assert "data-viz" not in ids
    # --data-dir wins over the environment.
    other = overlay(tmp_path / "other", "exclude: [pmo-leadership]\n")
    result = runner.invoke(app, ["--data-dir", str(other), "courses", "--specialist", "--format", "json"])
    ids = {c["id"] for c in yaml.safe_load(result.stdout)["courses"]}
    assert ("data-viz" in ids, "pmo-leadership" in ids, "inhouse-reporting" in ids) == (True, False, False)


def test_data_dir_that_does_not_exist(tmp_path: Path) -> None:
    """A1 for the folder itself."""
    with pytest.raises(InputError) as caught:
        load_catalogue(tmp_path / "missing")
    assert caught.value.problems[0].message == "data folder does not exist"


def test_data_dir_that_is_a_file(tmp_path: Path) -> None:
    path = tmp_path / "courses.yaml"
    path.write_text("exclude: []\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_catalogue(path)
    assert "is not a folder" in caught.value.problems[0].message


def test_unknown_override_id_suggests_the_closest(tmp_path: Path) -> None:
    problem = only_problem(overlay(tmp_path, "exclude: []\noverrides:\n  prince2-foundaton:\n    cost: 1\n"))
    assert (problem.line, problem.column, problem.path) == (3, 3, "overrides.prince2-foundaton")
    assert problem.message == "unknown course 'prince2-foundaton' (did you mean 'prince2-foundation'?)"


@pytest.mark.parametrize(
    ("change", "line", "column", "path", "message"),
    [
        ("cost: cheap", 3, 11, "overrides.pmi-pmp.cost", "expected a number, got 'cheap'"),
        ("verified: yes", 3, 15, "overrides.pmi-pmp.verified", "expected true or false, got 'yes'"),
        ("levels: [5]", 3, 14, "overrides.pmi-pmp.levels[0]", "Input should be less than or equal to 4 (got 5)"),
        ("cozt: 1", 3, 5, "overrides.pmi-pmp.cozt", "unknown field 'cozt' (did you mean 'cost'?)"),
        ("id: other", 3, 5, "overrides.pmi-pmp.id", "an override cannot change a course's id"),
    ],
)
def test_override_errors_are_located(
    tmp_path: Path, change: str, line: int, column: int, path: str, message: str
) -> None:
    problem = only_problem(overlay(tmp_path, f"overrides:\n  pmi-pmp:\n    {change}\n"))
    assert problem.file == str(tmp_path / "courses.yaml")
    assert (problem.line, problem.column, problem.path, problem.message) == (line, column, path, message)


def test_unknown_exclude_id_suggests_the_closest(tmp_path: Path) -> None:
    problem = only_problem(overlay(tmp_path, "exclude:\n  - data-vis\n"))
    assert (problem.line, problem.column, problem.path) == (2, 5, "exclude[0]")
    assert problem.message == "unknown course 'data-vis' (did you mean 'data-viz'?)"


# --- near-valid mutations of the shipped file -----------------------------------------------------

SHIPPED_LINES = SHIPPED_COURSES.splitlines(keepends=True)
KEY_LINES = [i for i, line in enumerate(SHIPPED_LINES) if re.match(r"^\s*(- )?[a-z_]+:", line)]
NUMBER_LINES = [i for i, line in enumerate(SHIPPED_LINES) if re.search(r":\s+\d+(\.\d+)?\s*$", line)]


def _rename_field(lines: list[str], index: int, _: str) -> None:
    lines[index] = re.sub(r"([a-z_]+):", lambda m: m.group(1)[::-1] + "x:", lines[index], count=1)


def _duplicate_line(lines: list[str], index: int, _: str) -> None:
    lines.insert(index + 1, lines[index])


def _insert_tab(lines: list[str], index: int, _: str) -> None:
    lines[index] = "\t" + lines[index].lstrip(" ")


def _insert_alias(lines: list[str], index: int, _: str) -> None:
    lines[index] = re.sub(r":\s+", ": *ref ", lines[index], count=1) if ": " in lines[index] else "*ref\n"


def _insert_anchor(lines: list[str], index: int, _: str) -> None:
    lines[index] = lines[index].replace(": ", ": &ref ", 1)


def _number_to_text(lines: list[str], index: int, word: str) -> None:
    lines[index] = re.sub(r"\d+(\.\d+)?(\s*)$", word + r"\2", lines[index])


def _delete_line(lines: list[str], index: int, _: str) -> None:
    del lines[index]


MUTATIONS = {
    "rename_field": (_rename_field, KEY_LINES),
    "duplicate_line": (_duplicate_line, KEY_LINES),
    "insert_tab": (_insert_tab, KEY_LINES),
    "insert_alias": (_insert_alias, KEY_LINES),
    "insert_anchor": (_insert_anchor, KEY_LINES),
    "number_to_text": (_number_to_text, NUMBER_LINES),
    "delete_line": (_delete_line, KEY_LINES),
}


@st.composite
def mutations(draw: st.DrawFn) -> tuple[str, int, str]:
    """A mutation name, the line it applies to and a replacement word (the text is built in the test)."""
    name = draw(st.sampled_from(sorted(MUTATIONS)))
    index = draw(st.sampled_from(MUTATIONS[name][1]))
    word = draw(st.sampled_from(["two", "yes", "on", "0x10", "1.10.1", "~", "''", "[]"]))
    return name, index, word


def mutate(case: tuple[str, int, str]) -> str:
    name, index, word = case
    lines = list(SHIPPED_LINES)
    MUTATIONS[name][0](lines, index, word)
    return "".join(lines)


def test_mutation_candidates_exist() -> None:
    assert len(KEY_LINES) > 500 and len(NUMBER_LINES) > 50


@settings(max_examples=60)
@given(mutations())
def test_near_valid_mutations_load_or_fail_with_located_problems(case: tuple[str, int, str]) -> None:
    name = case[0]
    text = mutate(case)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "courses.yaml"
        path.write_text(text, encoding="utf-8")
        line_counts = {str(path): len(text.splitlines())}
        try:
            load_catalogue(Path(folder))
        except InputError as error:
            assert error.problems
            for problem in error.problems:
                assert problem.file, name
                limit = line_counts.get(problem.file, SHIPPED_LEVELS_LINES + len(SHIPPED_LINES))
                if problem.line is not None:
                    assert 1 <= problem.line <= limit, (name, problem)
                    assert problem.column is not None and problem.column >= 1
        else:
            # Only mutations that keep the file valid may load: an alias, anchor or tab never does.
            assert name not in {"insert_alias", "insert_anchor", "insert_tab"} or text == SHIPPED_COURSES, name


def test_shipped_file_is_also_a_valid_shipped_document() -> None:
    document = parse_yaml(SHIPPED_COURSES, "courses.yaml")
    assert len(validate_document(CoursesFile, document).courses) == SHIPPED_COUNT


def levels_with_level_4_reporting(value: int, *, may_fall: bool = False) -> tuple[str, int]:
    """The shipped levels.yaml with level 4's reporting expectation set to ``value``; and its line."""
    lines = (DATA / "levels.yaml").read_text(encoding="utf-8").splitlines(keepends=True)
    level_4 = next(i for i, line in enumerate(lines) if line.startswith("  - number: 4"))
    index = next(i for i in range(level_4, len(lines)) if lines[i].strip().startswith("reporting:"))
    lines[index] = f"      reporting: {value}\n"
    if may_fall:
        skill = next(i for i, line in enumerate(lines) if line.strip() == "- id: reporting")
        lines.insert(skill + 1, '    expected_may_fall: "Directors delegate reporting."\n')
        index += 1
    return "".join(lines), index + 1


def test_an_expected_rating_that_falls_as_the_level_rises_is_refused_and_located(tmp_path: Path) -> None:
    text, line = levels_with_level_4_reporting(3)
    folder = overlay(tmp_path, text, "levels.yaml")

    problem = only_problem(folder)

    assert (problem.file, problem.line, problem.column) == (str(folder / "levels.yaml"), line, 18)
    assert problem.message == (
        "level 4 expects reporting 3, below level 3's 4: expected ratings must not fall as the level rises "
        "(or give the skill 'expected_may_fall' saying why)"
    )


def test_a_skill_may_document_why_its_expected_rating_falls(tmp_path: Path) -> None:
    text, _ = levels_with_level_4_reporting(3, may_fall=True)
    folder = overlay(tmp_path, text, "levels.yaml")

    assert load_catalogue(folder).level(4).expected["reporting"] == 3


# --- catalogue relations (issue 12): every course a relation names exists ----------------------

RELATIONS = "    relations:\n      source: https://intranet.example.com/courses/reporting\n"


@pytest.mark.parametrize(
    ("extra", "path", "message"),
    [
        (
            RELATIONS + "      made_redundant_by: [p3o-foundaton]\n",
            "courses[0].relations.made_redundant_by[0]",
            "unknown course 'p3o-foundaton' (did you mean 'p3o-foundation'?)",
        ),
        (
            RELATIONS + "      made_redundant_by: [inhouse-reporting]\n",
            "courses[0].relations.made_redundant_by[0]",
            "a course cannot relate to itself",
        ),
        (
            RELATIONS + "      experience:\n        - courses: [pmi-pmq]\n",
            "courses[0].relations.experience[0].courses[0]",
            "unknown course 'pmi-pmq' (did you mean 'pmi-pmp'?)",
        ),
        (  # a focus that could never ask for the course would hide it from every plan
            RELATIONS + "      focus_only: [reporting, planning]\n",
            "courses[0].relations.focus_only[1]",
            "'planning' is not one of this course's skills",
        ),
        (
            RELATIONS + "      focus_only: [reportin]\n",
            "courses[0].relations.focus_only[0]",
            "'reportin' is not one of this course's skills (did you mean 'reporting'?)",
        ),
    ],
)
def test_relations_name_known_courses(tmp_path: Path, extra: str, path: str, message: str) -> None:
    problem = only_problem(overlay(tmp_path, "courses:\n" + course_yaml(extra=extra)))
    assert (problem.path, problem.message) == (path, message)
    assert problem.line is not None


def test_relations_need_a_source_and_a_known_tier(tmp_path: Path) -> None:
    no_source = "    relations:\n      family: pmo-framework\n"
    assert only_problem(overlay(tmp_path / "a", "courses:\n" + course_yaml(extra=no_source))).path == (
        "courses[0].relations"
    )
    bad_tier = RELATIONS + "      tier: advanced\n"
    assert only_problem(overlay(tmp_path / "b", "courses:\n" + course_yaml(extra=bad_tier))).path == (
        "courses[0].relations.tier"
    )


def test_excluding_a_course_drops_it_from_the_relations_that_name_it(tmp_path: Path) -> None:
    catalogue = load_catalogue(overlay(tmp_path, "exclude: [pmi-pgmp, pmi-pfmp]\n"))
    relations = catalogue.course("pmi-capm").relations
    assert relations is not None and relations.made_redundant_by == ["pmi-pmp"]


def test_shipped_relations_are_sourced() -> None:
    catalogue = load_catalogue()
    related = [c for c in catalogue.courses if c.relations is not None]
    assert len(related) >= 20
    assert all(c.relations is not None and c.relations.source.startswith("http") for c in related)
    pmocp = catalogue.course("pmi-pmocp").relations
    assert pmocp is not None and [o.courses for o in pmocp.experience] == [[], ["pmi-pmp"]]
    practitioner = catalogue.course("prince2-practitioner")
    assert {"prince2-foundation", "pmi-pmp", "pmi-capm"} <= set(practitioner.prerequisites[0])
