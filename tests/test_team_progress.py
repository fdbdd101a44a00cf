"""The team plan's progress bar: on a terminal's stderr for large teams, never in piped output."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

PMOPLAN = str(Path(sys.executable).parent / "pmoplan")
PEOPLE = 800  # above the 500-person threshold


def team_file(tmp_path: Path) -> Path:
    path = tmp_path / "team.csv"
    rows = ["id,level,completed"]
    rows += [f"p{i:04d},{1 + i % 4},{'p3o-foundation@2024-05-14' if i % 3 == 0 else ''}" for i in range(PEOPLE)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_a_terminal_sees_the_progress_bar(tmp_path: Path) -> None:
    team = team_file(tmp_path)
    env = {**os.environ, "COLUMNS": "100"}
    env.pop("NO_COLOR", None)
    child = pexpect.spawn(
        PMOPLAN, ["team", "plan", str(team), "--start", "2026", "--years", "2"], env=env, encoding="utf-8", timeout=60
    )
    # The bar: its label, then a percentage on the same line (the heat map's "Planning and schedule
    # management" row has no percentage, so it cannot satisfy this).
    child.expect(r"Planning[^\r\n]*\d+%")
    child.expect_exact("Team development plan 2026-2027: 800 people")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_piped_output_has_no_progress_bar(tmp_path: Path) -> None:
    team = team_file(tmp_path)
    done = subprocess.run(
        [PMOPLAN, "team", "plan", str(team), "--start", "2026", "--years", "2", "--format", "json"],
        capture_output=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert "\x1b[" not in done.stdout
    assert done.stdout.startswith("{")
