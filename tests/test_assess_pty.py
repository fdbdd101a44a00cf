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
TOTAL = len(BANK.statements) + len(BANK.ratings) + len(BANK.experience)
CANCELLED = "pmoplan: error: assessment cancelled, nothing saved"
STOPPED = "pmoplan: error: assessment stopped, profile not changed; your {} answer(s) are kept for 'pmoplan assess'"
# Generous: only a hang would reach it; passing never depends on timing.
TIMEOUT = 30


def answers_for_level(k: int) -> list[str]:
    typed = ["y" if s.level <= k else "n" for s in BANK.statements]
    return typed + [str(CATALOGUE.level(k).expected[r.skill]) for r in BANK.ratings] + ["6", "2", "0"]


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
def test_stopping_half_way_saves_no_profile_only_a_private_draft(profile_path: Path, how: str) -> None:
    child = spawn()
    answer(child, answers_for_level(2)[:10])
    child.expect_exact(f"11 of {TOTAL}")
    child.expect_exact("b = back] ")

    if how == "ctrl-c":
        child.sendintr()
    else:
        child.sendeof()

    child.expect_exact(STOPPED.format(10))
    assert finish(child) == 130
    assert not profile_path.exists()
    assert os.listdir(profile_path.parent) == [DRAFT]
    assert stat.S_IMODE((profile_path.parent / DRAFT).stat().st_mode) == 0o600


def test_ctrl_c_at_the_first_question_saves_nothing_at_all(profile_path: Path) -> None:
    child = spawn()
    child.expect_exact(f"1 of {TOTAL}")
    child.expect_exact("b = back] ")
    child.sendintr()

    child.expect_exact(CANCELLED)
    assert finish(child) == 130
    assert not profile_path.parent.exists()


def test_resume_after_ctrl_c_on_a_terminal(profile_path: Path) -> None:
    typed = answers_for_level(3)
    child = spawn()
    answer(child, typed[:20])
    child.expect_exact(f"21 of {TOTAL}")
    child.expect_exact("b = back] ")
    child.sendintr()
    child.expect_exact(STOPPED.format(20))
    assert finish(child) == 130

    child = spawn("--date", "2026-03-01")
    child.expect_exact(f"after answering 20 of {TOTAL} questions.")
    child.expect_exact("Resume where you stopped? [Y/n] ")
    child.sendline("y")
    child.expect_exact(f"Resuming at question 21 of {TOTAL}.")
    for number, text in enumerate(typed[20:], start=21):
        child.expect_exact(f"{number} of {TOTAL}")
        child.expect_exact("b = back] ")
        child.sendline(text)

    child.expect_exact("Placement: level 3, Managing a PMO (confidence: high)")
    child.expect_exact(f"profile saved to {profile_path}")
    assert finish(child) == 0
    assert sorted(os.listdir(profile_path.parent)) == [".profile.yaml.lock", "profile.yaml"]  # the lock file stays
    saved = profile_path.read_text(encoding="utf-8")
    assert "experience:\n    project_months: 72\n    programme_months: 24\n    portfolio_months: 0\n" in saved


def over_reader() -> list[str]:
    """A project administrator who says yes to level-1 work and to most level-4 statements."""
    seen: dict[int, int] = {}
    typed = []
    for statement in BANK.statements:
        index = seen.get(statement.level, 0)
        seen[statement.level] = index + 1
        typed.append("y" if statement.level == 1 or (statement.level == 4 and index < 5) else "n")
    return typed + [str(CATALOGUE.level(1).expected[r.skill]) for r in BANK.ratings] + ["2", "0", "0"]


def test_an_uncertain_placement_is_confirmed_on_a_terminal(profile_path: Path) -> None:
    child = spawn("--date", "2026-03-01")
    answer(child, over_reader())

    child.expect_exact("Your answers suggest level 4, Leading and Directing PMOs, but with low confidence:")
    child.expect_exact("Your statements fit level 4 but your skill ratings fit level 1.")
    child.expect_exact("Which level best describes the work you do today?")
    child.expect_exact("1  New to Working in Project Support (for example PMO Administrator, Project Assistant,")
    child.expect_exact("Your level [1-4, Enter = 4] ")
    child.sendline("5")
    child.expect_exact("answer 1, 2, 3 or 4, or press Enter to keep level 4.")
    child.expect_exact("Your level [1-4, Enter = 4] ")
    child.sendline("1")

    child.expect_exact("Placement: level 1, New to Working in Project Support (confidence: low)")
    child.expect_exact("You chose level 1; your statements suggested level 4.")
    child.expect_exact(f"profile saved to {profile_path}")
    assert finish(child) == 0
    saved = profile_path.read_text(encoding="utf-8")
    assert "  level: 1\n  confidence: low\n" in saved
    assert "  suggested_level: 4\n  confirmed: true\n" in saved


def test_ctrl_c_at_the_confirm_step_saves_no_profile_and_keeps_every_answer(profile_path: Path) -> None:
    child = spawn()
    answer(child, over_reader())
    child.expect_exact("Your level [1-4, Enter = 4] ")
    child.sendintr()

    child.expect_exact(STOPPED.format(TOTAL))
    assert finish(child) == 130
    assert os.listdir(profile_path.parent) == [DRAFT]


DRAFT = "profile.yaml.assess-draft.json"


def test_ctrl_c_leaves_an_existing_profile_byte_identical(profile_path: Path) -> None:
    child = spawn()
    answer(child, answers_for_level(2))
    assert finish(child) == 0
    before = profile_path.read_bytes()

    child = spawn()
    answer(child, answers_for_level(4)[:40])
    child.expect_exact(f"41 of {TOTAL}")
    child.sendintr()

    child.expect_exact(STOPPED.format(40))
    assert finish(child) == 130
    assert profile_path.read_bytes() == before
    assert sorted(os.listdir(profile_path.parent)) == sorted(
        [".profile.yaml.lock", "profile.yaml", DRAFT]
    )  # the lock stays


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


# --- a manager rating someone on a terminal ------------------------------------------------

SKILL_TOTAL = len(BANK.ratings)


@pytest.fixture
def rated_team(tmp_path: Path) -> Path:
    """A team folder with Sam's self-assessment at level 2, written through the CLI."""
    import yaml

    folder = tmp_path / "team"
    folder.mkdir()
    answers: dict[str, bool | int] = {s.id: s.level <= 2 for s in BANK.statements}
    answers.update({r.id: CATALOGUE.level(2).expected[r.skill] for r in BANK.ratings})
    (tmp_path / "self.yaml").write_text(yaml.safe_dump(answers), encoding="utf-8")
    done = subprocess.run(
        [PMOPLAN, "assess", "--answers", str(tmp_path / "self.yaml"), "--profile", str(folder / "sam.yaml")],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return folder


def test_a_manager_rates_on_a_terminal_stops_with_ctrl_c_and_resumes(rated_team: Path) -> None:
    profile = rated_team / "sam.yaml"
    before = profile.read_bytes()
    child = spawn("--for", "sam", "--by", "manager", "--team", str(rated_team))
    child.expect_exact(f"Your ratings of sam: {SKILL_TOTAL} skills, each 0 to 5.")
    child.expect_exact(f"1 of {SKILL_TOTAL}")
    child.expect_exact("How would you rate sam's reporting and insight analysis?")
    for number in range(1, 6):
        if number > 1:
            child.expect_exact(f"{number} of {SKILL_TOTAL}")
        child.expect_exact("Your rating of sam [0-5, b = back] ")
        child.sendline("2")
    child.expect_exact(f"6 of {SKILL_TOTAL}")
    child.expect_exact("b = back] ")
    child.sendintr()

    child.expect_exact(
        "pmoplan: error: rating sam stopped, profile not changed; your 5 rating(s) are kept for "
        "'pmoplan assess --for sam --by manager' to resume"
    )
    assert finish(child) == 130
    assert profile.read_bytes() == before  # Ctrl-C: the profile is exactly as it was
    draft = rated_team / "sam.yaml.manager-draft.json"
    assert stat.S_IMODE(draft.stat().st_mode) == 0o600

    child = spawn("--for", "sam", "--by", "manager", "--team", str(rated_team), "--date", "2026-11-20")
    child.expect_exact("You stopped rating sam on ")
    child.expect_exact(f"after answering 5 of {SKILL_TOTAL} questions.")
    child.expect_exact("Resume where you stopped? [Y/n] ")
    child.sendline("")
    child.expect_exact(f"Resuming at question 6 of {SKILL_TOTAL}.")
    for number in range(6, SKILL_TOTAL + 1):
        child.expect_exact(f"{number} of {SKILL_TOTAL}")
        child.expect_exact("b = back] ")
        child.sendline("2")
    child.expect_exact("sam: level 2, Supporting Portfolios, Programmes and Projects (their own placement)")
    child.expect_exact(f"your ratings of sam saved to {profile}")
    assert finish(child) == 0
    assert not draft.exists()
    saved = profile.read_text(encoding="utf-8")
    assert saved.startswith(before.decode("utf-8"))  # the self-assessment is kept, the review appended
    assert saved.endswith(
        "manager_reviews:\n- taken_on: '2026-11-20'\n  ratings:\n"
        + "".join(f"    {r.skill}: 2\n" for r in BANK.ratings)
    )


def test_ctrl_c_before_any_rating_leaves_no_draft(rated_team: Path) -> None:
    before = sorted(os.listdir(rated_team))
    child = spawn("--for", "sam", "--by", "manager", "--team", str(rated_team))
    child.expect_exact(f"1 of {SKILL_TOTAL}")
    child.expect_exact("b = back] ")
    child.sendintr()

    child.expect_exact("pmoplan: error: rating sam cancelled, the profile was not changed")
    assert finish(child) == 130
    assert sorted(os.listdir(rated_team)) == before
