"""``make bench``'s report: both ratios from the same run, each budget on its own basis, and the README writer.

No timing here: the cases carry made-up measurements, and the report is checked cell by cell.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

RUN = Path(__file__).resolve().parents[1] / "benchmarks" / "run.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("pmoplan_bench_run", RUN)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


bench = _load()


def case(label: str, seconds: list[float], *args: object, rss_mb: int = 40, **kwargs: object) -> Any:
    made = bench.Case(label, ["x"], *args, **kwargs)
    made.times.extend(seconds)
    made.rss_kb.extend(rss_mb * 1024 for _ in seconds)
    return made


def rows(cases: list[Any]) -> dict[str, list[str]]:
    baseline, floor = cases[0], cases[1]
    table, _ = bench.report_table(cases, baseline, floor, [])
    return {line.split("|")[1].strip(" `"): [cell.strip() for cell in line.split("|")[2:-1]] for line in table[2:]}


def startup(help_s: float, courses_s: float, plan_s: float) -> list[Any]:
    return [
        case("python -c pass", [0.010, 0.012, 0.011]),
        case("typer hello-world (floor)", [0.200, 0.190, 0.210]),
        case("pmoplan --help", [help_s], bench.HELP_BUDGET),
        case("pmoplan courses", [courses_s], bench.COMMAND_BUDGET, basis="floor"),
        case("pmoplan plan --level 2 --years 6", [plan_s], bench.COMMAND_BUDGET, basis="floor"),
    ]


def test_every_row_has_both_ratios_and_the_budget_on_its_basis() -> None:
    table = rows(startup(help_s=0.088, courses_s=0.240, plan_s=0.300))
    median, to_pass, to_floor, budget, _memory, result = table["pmoplan courses"]
    assert (median, to_pass, to_floor, budget) == ("240 ms", "21.82×", "1.20×", "≤ 1.25× floor")
    assert result.startswith("PASS")
    assert table["pmoplan plan --level 2 --years 6"][2:4] == ["1.50×", "≤ 1.25× floor"]
    assert table["pmoplan plan --level 2 --years 6"][5].startswith("**OVER**")
    assert table["pmoplan --help"][1:4] == ["8.00×", "0.44×", "≤ 8× pass"]
    assert table["pmoplan --help"][5].startswith("PASS")


def test_a_budget_on_the_floor_ignores_the_ratio_to_python() -> None:
    """45× `python -c pass` is fine for `courses` when it is within 1.25× the floor of the same run."""
    cases = startup(help_s=0.03, courses_s=0.24, plan_s=0.24)
    cases[0].times[:] = [0.005]  # a fast interpreter start makes every ratio to it large
    assert rows(cases)["pmoplan courses"][5].startswith("PASS")
    _, ok = bench.report_table(cases, cases[0], cases[1], [])
    assert ok


def test_team_budgets_are_seconds_and_memory() -> None:
    cases = startup(0.05, 0.2, 0.2)
    team_fast = case("team 10,000", [1.9], 2.0, "", "seconds", None, rss_mb=300)
    team_big = case("team 100,000", [19.0], 20.0, "", "seconds", bench.TEAM_MEMORY_BUDGET_KB[100_000], rss_mb=1200)
    table, ok = bench.report_table([*cases, team_fast, team_big], cases[0], cases[1], [])
    shown = {line.split("|")[1].strip(" `"): [c.strip() for c in line.split("|")[2:-1]] for line in table[2:]}
    assert shown["team 10,000"][3] == "≤ 2 s" and shown["team 10,000"][5].startswith("PASS")
    assert shown["team 100,000"][3] == "≤ 20 s, ≤ 1 GB"
    assert shown["team 100,000"][5].startswith("**OVER**"), "19 s but 1.2 GB: over on memory"
    assert not ok


def test_the_readme_writer_replaces_only_what_is_between_the_markers(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    before = f"# Title\n\ntext before\n\n{bench.README_START}\n\nold table\n\n{bench.README_END}\n\ntext after\n"
    readme.write_text(before, encoding="utf-8")
    bench.write_readme("| new | table |\n", readme)
    assert readme.read_text(encoding="utf-8") == before.replace("old table", "| new | table |")
    bench.write_readme("| newer |", readme)
    assert "| new | table |" not in readme.read_text(encoding="utf-8")
    assert readme.read_text(encoding="utf-8").endswith(f"{bench.README_END}\n\ntext after\n")


def test_the_readme_writer_refuses_a_readme_without_markers(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("# no markers\n", encoding="utf-8")
    with pytest.raises(SystemExit):
        bench.write_readme("| table |", readme)
    assert readme.read_text(encoding="utf-8") == "# no markers\n"


def test_the_repository_readme_has_the_markers() -> None:
    text = (RUN.parents[1] / "README.md").read_text(encoding="utf-8")
    assert text.index(bench.README_START) < text.index(bench.README_END)
