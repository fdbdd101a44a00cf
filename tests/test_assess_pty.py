"""``pmoplan assess`` on a real pseudo-terminal (pexpect) and with stdin from /dev/null.

These run the installed console script in a child process, with the isolated HOME and XDG
folders of the autouse fixture, so they see exactly what a person at a terminal would.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

from pmoplan.loading import load_catalogue, load_question_bank

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

PMOPLAN = str(Path(sys.executable).parent / "pmoplan")
CATALOGUE = load_catalogue()
BANK = load_question_bank(CATALOGUE)
TOTAL = len(BANK.statements) + len(BANK.ratings)
CANCELLED = "pmoplan: error: assessment cancelled, nothing saved"
# Generous: only a hang would reach it; passing never depends on timing.
TIMEOUT = 30


def answers_for_level(k: int) -> list[str]:
    typed = ["y" if s.level <= k else "n" for s in BANK.statements]
    return typed + [str(CATALOGUE.level(k).expected[r.skill]) for r in BANK.ratings]


def spawn(*args: str) -> pexpect.spawn:
    child = pexpect.spawn(
        PMOPLAN,
        ["assess", *args],
        env=dict(os.environ),
        encoding="utf-8",
        timeout=TIMEOUT,
        dimensions=(50, 100),
    )
    child.delaybeforesend = None  # each answer waits for its prompt, so no pause is needed
    return child


def answer(child: pexpect.spawn, typed: list[str]) -> None:
    for number, text in enumerate(typed, start=1):
        child.expect_exact(f"{number} of {TOTAL}")
        child.expect_exact("b = back] ")
        child.sendline(text)


def finish(child: pexpect.spawn) -> int:
    child.expect(pexpect.EOF)
    child.close()
    assert child.signalstatus is None
    status: int = child.exitstatus
    return status


@pytest.fixture
def profile_path(isolated_environment: Path) -> Path:
    return isolated_environment / "xdg_data_home" / "pmoplan" / "profile.yaml"


def test_full_run_on_a_terminal_saves_a_profile(profile_path: Path) -> None:
    child = spawn("--date", "2026-03-01")
    child.expect_exact("PMO self-assessment: 32 statements")

    answer(child, answers_for_level(3))

    child.expect_exact("Placement: level 3, Managing a PMO (confidence: high)")
    child.expect_exact(f"profile saved to {profile_path}")
    assert finish(child) == 0
    assert stat.S_IMODE(profile_path.stat().st_mode) == 0o600
    assert "- taken_on: '2026-03-01'\n  level: 3\n  confidence: high\n" in profile_path.read_text(encoding="utf-8")


def test_invalid_answer_and_back_on_a_terminal(profile_path: Path) -> None:
    child = spawn("--no-save")
    child.expect_exact(f"1 of {TOTAL}")
    child.sendline("perhaps")
    child.expect_exact("answer y (yes) or n (no).")
    child.sendline("y")
    child.expect_exact(f"2 of {TOTAL}")
    child.expect_exact("b = back] ")
    child.sendline("b")

    answer(child, answers_for_level(1))

    child.expect_exact("Placement: level 1")
    assert finish(child) == 0
    assert not profile_path.exists()


@pytest.mark.parametrize("how", ["ctrl-c", "ctrl-d"])
def test_stopping_half_way_saves_nothing(profile_path: Path, how: str) -> None:
    child = spawn()
    answer(child, answers_for_level(2)[:10])
    child.expect_exact(f"11 of {TOTAL}")
    child.expect_exact("b = back] ")

    if how == "ctrl-c":
        child.sendintr()
    else:
        child.sendeof()

    child.expect_exact(CANCELLED)
    assert finish(child) == 130
    assert not profile_path.exists()
    assert not profile_path.parent.exists()


def test_ctrl_c_leaves_an_existing_profile_byte_identical(profile_path: Path) -> None:
    child = spawn()
    answer(child, answers_for_level(2))
    assert finish(child) == 0
    before = profile_path.read_bytes()

    child = spawn()
    answer(child, answers_for_level(4)[:40])
    child.expect_exact(f"41 of {TOTAL}")
    child.sendintr()

    child.expect_exact(CANCELLED)
    assert finish(child) == 130
    assert profile_path.read_bytes() == before
    assert sorted(os.listdir(profile_path.parent)) == [".profile.yaml.lock", "profile.yaml"]  # the lock stays


def test_stdin_from_dev_null_is_refused_at_once(profile_path: Path) -> None:
    done = subprocess.run(
        [PMOPLAN, "assess"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=10,
        check=False,
    )

    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == (
        "pmoplan: error: stdin is not a terminal; use --answers FILE "
        "(see 'pmoplan assess --print-questions --format json')\n"
    )
    assert not profile_path.exists()


def test_piped_answers_are_refused_too(profile_path: Path) -> None:
    done = subprocess.run(
        [PMOPLAN, "assess"],
        input="y\n" * TOTAL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=10,
        check=False,
    )

    assert done.returncode == 2
    assert done.stderr.startswith("pmoplan: error: stdin is not a terminal")
    assert not profile_path.exists()
