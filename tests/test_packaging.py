"""Packaging and start-up: the wheel carries the catalogue, --help stays light, --version works."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest
import yaml

from pmoplan import __version__

REPO = Path(__file__).resolve().parents[1]
PMOPLAN = Path(sys.executable).parent / "pmoplan"

# Modules that must not be imported just to print --help (see DESIGN "Performance budgets").
HEAVY = ("yaml", "pydantic", "pmoplan.models", "pmoplan.loading", "rich.table", "icalendar")

HELP_AND_LIST_MODULES = """
import sys
sys.argv = ["pmoplan", "--help"]
from pmoplan.cli import main
try:
    main()
except SystemExit as stop:
    code = stop.code
sys.stderr.write("\\n".join(sorted(sys.modules)))
sys.exit(code)
"""


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PMOPLAN_", "PYTHON"))}
    env.update(extra)
    return env


def test_help_imports_nothing_heavy(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", HELP_AND_LIST_MODULES],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,
        env=clean_env(),
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Usage: pmoplan ")
    modules = set(done.stderr.splitlines())
    assert "pmoplan.cli" in modules, "the wrapper really ran the app"
    loaded = sorted(m for m in modules if any(m == heavy or m.startswith(heavy + ".") for heavy in HEAVY))
    assert loaded == []


def test_version_option() -> None:
    done = subprocess.run([str(PMOPLAN), "--version"], capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (0, f"pmoplan {__version__}\n", "")


def test_python_dash_m(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pmoplan", "--version"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, f"pmoplan {__version__}\n", "")


def test_version_matches_the_package_metadata() -> None:
    from importlib.metadata import version

    assert version("pmoplan") == __version__
    assert __version__.count(".") == 2


@pytest.mark.slow
def test_wheel_in_a_fresh_venv_lists_the_shipped_courses(tmp_path: Path) -> None:
    """Build a wheel, install it (with its dependencies) in a new venv, run it from another folder."""
    wheelhouse = tmp_path / "wheelhouse"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(wheelhouse), str(REPO)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=180,
        check=False,
    )
    assert build.returncode == 0, build.stderr
    wheels = list(wheelhouse.glob("pmoplan-*.whl"))
    assert [w.name for w in wheels] == [f"pmoplan-{__version__}-py3-none-any.whl"]

    target = tmp_path / "v"
    venv.EnvBuilder(with_pip=True, clear=True).create(target)
    python = target / "bin" / "python"
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(wheels[0])],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )
    assert install.returncode == 0, install.stderr

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = clean_env(NO_COLOR="1", COLUMNS="400", HOME=str(tmp_path / "home"))

    def pmoplan(*args: str) -> str:
        done = subprocess.run(
            [str(target / "bin" / "pmoplan"), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            cwd=elsewhere,
            env=env,
            timeout=60,
            check=False,
        )
        assert (done.returncode, done.stderr) == (0, ""), (args, done.stderr)
        return done.stdout

    shipped = yaml.safe_load((REPO / "data" / "courses.yaml").read_text(encoding="utf-8"))["courses"]
    specialist_ids = [c["id"] for c in shipped if c["kind"] == "specialist"]
    table = pmoplan("courses", "--specialist")
    missing = [course_id for course_id in specialist_ids if f"| {course_id} " not in table]
    assert missing == []
    assert table.splitlines()[0].rstrip() == f"Specialist courses ({len(specialist_ids)})"
    assert pmoplan("--version") == f"pmoplan {__version__}\n"
    assert pmoplan("validate") == "shipped catalogue: ok\n"

    # The installed package reads its own copy of the data, not this checkout's.
    located = subprocess.run(
        [str(python), "-c", "from pmoplan.loading import shipped_data_dir; print(shipped_data_dir())"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=elsewhere,
        env=env,
        timeout=60,
        check=False,
    )
    assert Path(located.stdout.strip()).is_relative_to(target)
