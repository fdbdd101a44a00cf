"""The console script (``pmoplan.console``): the cycle collector is off for start-up, on for team files.

The collector only walks the objects start-up makes (no garbage cycles among them), so the console
script turns it off; a team plan's work grows with the team file, so that command turns it back on.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

# Runs the console script's main with the planner and the team reader wrapped, to report whether the
# collector is on while a plan is made and while a team file is read.
CHILD = r"""
import gc, sys
import pmoplan.planner, pmoplan.team_files

def reporting(module, name):
    real = getattr(module, name)
    def wrapper(*args, **kwargs):
        sys.stderr.write(f"{name}: collector on: {gc.isenabled()}\n")
        return real(*args, **kwargs)
    setattr(module, name, wrapper)

reporting(pmoplan.planner, "build_plan")
reporting(pmoplan.team_files, "read_team")
sys.argv = ["pmoplan", *sys.argv[1:]]
from pmoplan.console import main
try:
    main()
finally:
    sys.stderr.write(f"frozen: {gc.get_freeze_count() > 0}\n")
"""


def run_child(child: str, args: list[str], tmp_path: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run the script ``child`` (which starts the console script) with ``args``, in a clean home in ``tmp_path``."""
    return subprocess.run(
        [sys.executable, "-c", child, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
        cwd=tmp_path,
        env={"HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data"), "PATH": "/usr/bin:/bin"},
    )


def run(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return run_child(CHILD, args, tmp_path)


def test_a_plan_runs_with_the_collector_off_and_exits_frozen(tmp_path: Path) -> None:
    done = run(["plan", "--level", "2", "--years", "2", "--start", "2027"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert "build_plan: collector on: False" in done.stderr
    assert "frozen: True" in done.stderr
    assert "Development plan 2027-2028" in done.stdout


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_a_team_plan_runs_with_the_collector_on(tmp_path: Path, fmt: str) -> None:
    team = tmp_path / "team.csv"
    team.write_text("id,level\nana,2\nbo,3\n", encoding="utf-8")
    done = run(["team", "plan", str(team), "--start", "2027", "--format", fmt, "--workers", "1"], tmp_path)
    assert done.returncode == 0, done.stderr
    # Reading (and writing) a team runs with the collector on; planning turns it off itself
    # (pmoplan.team: the plans all stay alive, so the collector could free none of them).
    assert "read_team: collector on: True" in done.stderr


def test_the_console_script_and_python_m_use_it() -> None:
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert 'pmoplan = "pmoplan.console:main"' in pyproject
    assert "from pmoplan.console import main" in (REPO / "src" / "pmoplan" / "__main__.py").read_text(encoding="utf-8")
