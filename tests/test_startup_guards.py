"""Structural guards for speed (the budgets in ARCHITECTURE.md): what start-up loads, and how work grows.

No clocks here: timings live in ``benchmarks/run.py`` (``make bench``). These tests check the *causes*
of slowness instead: ``pmoplan --help`` imports no YAML parser, no pydantic, no catalogue, model or
planner module, no rich table or console and no icalendar, and opens no data file; and the work of a
team plan (counted as function calls plus lines run in pmoplan's code, and as planner calls) grows
linearly with the people.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

# Modules that `pmoplan --help` (and every other help screen) must not import.
HEAVY = (
    "yaml",
    "_yaml",
    "pydantic",
    "pydantic_core",
    "pmoplan.models",
    "pmoplan.plan_models",
    "pmoplan.loading",
    "pmoplan.strict_yaml",
    "pmoplan.validation",
    "pmoplan.catalogue",
    "pmoplan.planner",
    "pmoplan.assessment",
    "pmoplan.team",
    "pmoplan.team_input",
    "pmoplan.render",
    "rich.table",
    "rich.console",
    "icalendar",
)
# Typer 0.29 checks option values through pydantic TypeAdapters, built lazily per parameter; pmoplan
# builds one only for a value that was given (pmoplan.cli.coercion), so a help screen needs none.
TYPER_COERCION = ("pydantic", "pydantic_core", "typer._adapters")

CHILD = r"""
import json, sys

opened = []


def audit(event, args):
    if event == "open" and isinstance(args[0], str) and args[0].endswith((".yaml", ".yml", ".csv", ".json")):
        opened.append(args[0])


sys.addaudithook(audit)
from pmoplan.cli import app

code = 0
try:
    app(json.loads(sys.argv[2]), prog_name="pmoplan")
except SystemExit as stop:
    code = stop.code
result = {"code": code, "modules": sorted(sys.modules), "opened": list(opened)}
with open(sys.argv[1], "w", encoding="utf-8") as out:
    json.dump(result, out)
"""


def loaded_by(args: list[str], tmp_path: Path) -> dict[str, Any]:
    """Run ``pmoplan ARGS`` in a fresh interpreter; return its exit code, modules and opened data files."""
    out = tmp_path / "modules.out"
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(out), json.dumps(args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert out.exists(), f"the child failed: {done.stderr}"
    result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    if result["code"] not in (0, None):
        if "No such command" in done.stderr:
            pytest.skip(f"'pmoplan {' '.join(args[:-1])}' is not available yet")
        pytest.fail(f"pmoplan {' '.join(args)} exited {result['code']}: {done.stderr}")
    return result


def heavy_in(modules: list[str], forbidden: tuple[str, ...]) -> list[str]:
    return [m for m in modules if any(m == name or m.startswith(name + ".") for name in forbidden)]


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["-h"]], ids=" ".join)
def test_root_help_imports_nothing_heavy(args: list[str], tmp_path: Path) -> None:
    result = loaded_by(args, tmp_path)
    assert heavy_in(result["modules"], HEAVY) == []
    assert result["opened"] == [], "nothing may be read or parsed at import time"


SUB_COMMANDS = [
    ["levels", "--help"],
    ["plan", "--help"],
    ["courses", "--help"],
    ["course", "--help"],
    ["assess", "--help"],
    ["team", "plan", "--help"],
]


@pytest.mark.parametrize("args", SUB_COMMANDS, ids=" ".join)
def test_command_help_imports_nothing_heavy(args: list[str], tmp_path: Path) -> None:
    result = loaded_by(args, tmp_path)
    assert heavy_in(result["modules"], (*HEAVY, *TYPER_COERCION)) == []
    assert result["opened"] == []


# --- team plans grow linearly (counted work, not time) ------------------------------------

SIZES = (100, 200, 400)
# Linear work gives the same cost per extra person from 200 to 400 people as from 100 to 200; this
# allows for the mix varying a little (quadratic work would cost twice as much per extra person).
SLACK = 1.15


def team_csv(people: int, *, distinct: bool) -> str:
    """A team file in a repeating mix of 20 kinds of people.

    ``distinct``: every person has their own certificate date, so each needs a plan of their own;
    otherwise the 20 kinds repeat exactly, the planner runs 20 times, and what grows with the people
    is reading, aggregating and laying out the report (where a quadratic step stands out).
    """
    kinds = [
        (1, "", "", ""),
        (1, "", "reporting", ""),
        (2, "p3o-foundation@{date}", "", ""),
        (2, "p3o-foundation@{date}", "planning;risk-issue", "6"),
        (2, "apm-pfq@{date}", "", ""),
        (3, "p3o-foundation@{date};p3o-practitioner", "", ""),
        (3, "mop-foundation@{date}", "benefits", "10"),
        (4, "mop-foundation;mop-practitioner@{date}", "", ""),
        (2, "p3o-foundation@{date}", "", "5"),
        (1, "", "", "12"),
    ] * 2
    lines = ["id,level,name,completed,focus,days_per_year,budget_per_year"]
    first = dt.date(2019, 1, 7)
    for index in range(people):
        level, completed, focus, days = kinds[index % len(kinds)]
        on = (first + dt.timedelta(days=index if distinct else index % len(kinds))).isoformat()
        budget = "3000" if index % len(kinds) in (3, 14) else ""
        lines.append(f"p{index},{level},Person {index},{completed.format(date=on)},{focus},{days},{budget}")
    return "\n".join(lines) + "\n"


PMOPLAN_SOURCE = str(Path(__file__).resolve().parents[1] / "src" / "pmoplan")


class WorkCounter:
    """Counts work while active: every function call (Python or C), and every line run in pmoplan's code.

    Lines catch loops that call nothing (a nested ``for`` comparing ids); calls catch work done in
    libraries (pydantic, csv, rich).
    """

    def __init__(self, source: str = PMOPLAN_SOURCE) -> None:
        self.source = source
        self.work = 0

    def _profile(self, frame: FrameType, event: str, arg: object) -> None:
        if event in ("call", "c_call"):
            self.work += 1

    def _trace(self, frame: FrameType, event: str, arg: object) -> Any:
        return self._line if frame.f_code.co_filename.startswith(self.source) else None

    def _line(self, frame: FrameType, event: str, arg: object) -> Any:
        if event == "line":
            self.work += 1
        return self._line

    def count(self, work: Callable[[], object]) -> int:
        self.work = 0
        sys.setprofile(self._profile)
        sys.settrace(self._trace)
        try:
            work()
        finally:
            sys.settrace(None)
            sys.setprofile(None)
        return self.work


@pytest.fixture
def team_pipeline(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Callable[[str], object], list[int]]]:
    """Read a team CSV, plan everyone, aggregate and lay out the report; planner calls are counted."""
    try:
        from pmoplan import team
        from pmoplan.team_input import parse_team_csv
    except ImportError as error:
        pytest.skip(f"team planning is not available yet ({error})")
    from pmoplan.loading import load_catalogue

    layout: Callable[[Any], object] | None
    try:
        from pmoplan.render.team_sections import listings as layout
    except ImportError:  # the renderer is optional for this guard
        layout = None

    catalogue = load_catalogue()
    planner_calls = [0]
    real_build_plan = getattr(team, "build_plan")  # noqa: B009 (not re-exported; patched where it is used)

    def counting_build_plan(*args: Any, **kwargs: Any) -> Any:
        planner_calls[0] += 1
        return real_build_plan(*args, **kwargs)

    monkeypatch.setattr(team, "build_plan", counting_build_plan)

    def run(text: str) -> object:
        members = parse_team_csv(text, "team.csv", catalogue)
        # A budget every team size exceeds (converted USD prices count since issue 13), so the
        # per-person overrun work is measured at every size rather than switched on between two.
        report = team.build_team_report(catalogue, members, years=6, start_year=2026, team_budget_per_year=5_000)
        return layout(report) if layout is not None else report

    yield run, planner_calls


@pytest.mark.parametrize("distinct", [True, False], ids=["a-plan-each", "shared-plans"])
def test_team_plan_work_grows_linearly(
    team_pipeline: tuple[Callable[[str], object], list[int]], distinct: bool
) -> None:
    run, planner_calls = team_pipeline
    run(team_csv(20, distinct=distinct))  # warm caches and lazy imports, so they are not counted as work
    work: dict[int, int] = {}
    plans: dict[int, int] = {}
    for people in SIZES:
        text = team_csv(people, distinct=distinct)
        planner_calls[0] = 0
        work[people] = WorkCounter().count(partial(run, text))
        plans[people] = planner_calls[0]
    small, middle, large = SIZES
    first = (work[middle] - work[small]) / (middle - small)  # work per extra person, 100 -> 200
    second = (work[large] - work[middle]) / (large - middle)  # work per extra person, 200 -> 400
    assert first > 0, f"the work does not grow with the people, so this guard counts nothing: {work}"
    assert second <= SLACK * first, f"work per extra person grows with the team: {work}"
    if distinct:
        # People with a dated certificate each need a plan of their own; the rest share.
        assert plans[large] > 2 * plans[small], f"planner calls: {plans}"
        assert plans[large] - plans[middle] <= 2 * (plans[middle] - plans[small]) + 2, f"planner calls: {plans}"
    else:
        assert plans[small] == plans[large] <= 20, f"identical people share one plan: {plans}"


# --- what a table command builds and imports ----------------------------------------------------

CHILD_BUILT = r"""
import json, sys
from pmoplan.cli import app

try:
    app(json.loads(sys.argv[2]), prog_name="pmoplan")
except SystemExit:
    pass
from pydantic import BaseModel


def subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from subclasses(sub)


built = sorted(c.__name__ for c in subclasses(BaseModel) if c.__dict__.get("__pydantic_complete__"))
with open(sys.argv[1], "w", encoding="utf-8") as out:
    json.dump({"built": built, "modules": sorted(sys.modules)}, out)
"""


def built_by(args: list[str], tmp_path: Path) -> dict[str, list[str]]:
    """Run ``pmoplan ARGS``; the pydantic models whose validators it built, and the modules it imported."""
    out = tmp_path / "built.out"
    done = subprocess.run(
        [sys.executable, "-c", CHILD_BUILT, str(out), json.dumps(args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
        env={**os.environ, "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config")},
    )
    assert out.exists(), f"the child failed: {done.stderr}"
    result: dict[str, list[str]] = json.loads(out.read_text(encoding="utf-8"))
    return result


def test_courses_builds_no_validator_and_no_option_check(tmp_path: Path) -> None:
    """The catalogue comes from its snapshot without validation, and options nobody gave are not checked.

    Typer builds a pydantic TypeAdapter for an option's value only when there is a value (see
    ``pmoplan.cli.coercion``); a table of the shipped catalogue needs no pydantic schema at all.
    """
    result = built_by(["courses"], tmp_path)
    assert result["built"] == []
    assert heavy_in(result["modules"], ("typer._adapters", "yaml", "_yaml")) == []
    # No pydantic plugin loader (it comes with a schema) and no package-resource machinery.
    assert heavy_in(result["modules"], ("importlib.metadata", "importlib.resources", "zipfile", "email")) == []


def test_the_shipped_data_folder_is_where_importlib_resources_puts_the_package() -> None:
    """``shipped_data_dir`` finds the package folder without importing importlib.resources."""
    from importlib.resources import files

    from pmoplan.loading import shipped_data_dir

    packaged = Path(str(files("pmoplan"))) / "data"
    expected = packaged if (packaged / "courses.yaml").is_file() else Path(__file__).resolve().parents[1] / "data"
    assert shipped_data_dir() == expected


@pytest.mark.parametrize("args", [["courses"], ["skills"], ["levels", "2"], ["course", "p3o-foundation"]], ids=" ".join)
def test_a_piped_catalogue_table_is_written_without_rich_s_console(args: list[str], tmp_path: Path) -> None:
    """Piped, the plain table is written by render/plain_table.py (rich's layout, without importing rich's
    console); tests/test_plain_table.py proves the text is the same."""
    result = built_by(args, tmp_path)
    assert heavy_in(result["modules"], ("rich.console", "rich.table", "rich.text")) == []


def test_a_plan_without_a_profile_imports_no_profile_yaml_or_export_library(tmp_path: Path) -> None:
    """``plan --level N`` with no profile saved reads no YAML and imports neither the profile's and the
    assessment's models nor the libraries of other formats (spreadsheets, calendars)."""
    result = built_by(["plan", "--level", "2", "--years", "6"], tmp_path)
    unneeded = ("pmoplan.profile", "pmoplan.assessment", "yaml", "_yaml", "openpyxl", "icalendar", "pmoplan.team")
    assert heavy_in(result["modules"], unneeded) == []
    assert heavy_in(result["modules"], ("typer._adapters",)) == [], "2, 6 and the defaults are plainly valid"


def test_courses_as_json_imports_no_rich_and_builds_no_serializer(tmp_path: Path) -> None:
    """The listing's JSON is written from the validated courses (render/json_out.model_data), no pydantic
    serializer is built for it, and no rich module is loaded."""
    result = built_by(["courses", "--format", "json"], tmp_path)
    assert result["built"] == []
    assert heavy_in(result["modules"], ("rich.table", "rich.console", "yaml", "_yaml")) == []
    assert heavy_in(result["modules"], ("typer._adapters", "importlib.metadata")) == [], (
        "--format json is plainly valid"
    )


def test_a_plan_builds_no_validator(tmp_path: Path) -> None:
    """Planning builds its results without validation (their values come from validated models), so a plan
    of the shipped catalogue builds no pydantic validator and loads no plugin machinery at run time."""
    result = built_by(["plan", "--level", "2", "--years", "6"], tmp_path)
    assert result["built"] == []
    assert heavy_in(result["modules"], ("importlib.metadata", "pydantic.plugin._loader")) == []


@pytest.mark.parametrize("module", ["models", "reasons", "renewals"])
def test_model_modules_evaluate_their_annotations_when_the_class_is_made(module: str) -> None:
    """Without ``from __future__ import annotations``, pydantic reads ready-made annotations instead of
    compiling and evaluating a string for every field of every class on each start-up."""
    source = (Path(__file__).resolve().parents[1] / "src" / "pmoplan" / f"{module}.py").read_text(encoding="utf-8")
    assert "\nfrom __future__ import annotations\n" not in source
