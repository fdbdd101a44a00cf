"""Profile writes under pressure: concurrent writers, signals, stale temp files, limits, `done`.

Issue #15 items 1, 3 and 4 and the `done` changes of #12 item 5. Every test here failed on the
code before the profile lock: concurrent `done` runs lost courses (or failed), SIGTERM left a
temp file with profile data, `done --date 9999-12-31` was saved, and an oversized profile was
written that nothing could read afterwards.
"""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pmoplan import atomic, strict_yaml
from pmoplan.cli import app
from pmoplan.errors import OutputError, PmoplanError
from pmoplan.loading import load_catalogue
from pmoplan.profile import (
    Profile,
    load_profile,
    record_completed,
    recorded_dates,
    remove_completed,
    save_profile,
    update_profile,
)
from pmoplan.profile_lock import lock_path_for, profile_lock

CATALOGUE = load_catalogue()
PMOPLAN = Path(sys.executable).parent / "pmoplan"
SINGLE_COURSES = [c.id for c in CATALOGUE.courses if not c.includes]
TODAY = date.today()
TOMORROW = TODAY + timedelta(days=1)


def env_for(tmp_path: Path) -> dict[str, str]:
    """A controlled environment for a real pmoplan process."""
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "LANG": "C.UTF-8",
        "NO_COLOR": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
    }


def completed_ids(path: Path) -> list[str]:
    loaded = load_profile(path)
    assert loaded is not None
    return [record.course_id for record in loaded.completed]


# --- item 1: the lock ----------------------------------------------------------------------------


def test_concurrent_done_runs_lose_nothing(tmp_path: Path) -> None:
    """Eight `pmoplan done` processes start together on one profile; all eight courses survive.

    The test holds the profile lock while it starts them, so all eight are certainly waiting at
    once when it lets go: the race is forced, not left to chance.
    """
    path = tmp_path / "profile.yaml"
    save_profile(path, Profile())
    courses = SINGLE_COURSES[:8]
    with profile_lock(path):
        runs = [
            subprocess.Popen(
                [str(PMOPLAN), "done", course, "--date", "2025-01-15", "--profile", str(path)],
                env=env_for(tmp_path),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            for course in courses
        ]
        time.sleep(1.0)  # let them reach the lock (correctness does not depend on it)
    results = [(run.wait(timeout=120), run.stderr.read() if run.stderr else b"") for run in runs]
    assert [code for code, _ in results] == [0] * len(courses), results
    assert sorted(completed_ids(path)) == sorted(courses)
    for run in runs:
        for stream in (run.stdout, run.stderr):
            if stream is not None:
                stream.close()


def test_lock_held_too_long_is_a_clear_error_and_nothing_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "profile.yaml"
    save_profile(path, Profile())
    before = path.read_bytes()
    holder = os.open(lock_path_for(path), os.O_RDWR)
    fcntl.flock(holder, fcntl.LOCK_EX)  # another process (or open file) is in the middle of a write
    try:
        with pytest.raises(OutputError, match=r"another pmoplan has been changing this profile for over 0\.2 s"):
            with profile_lock(path, timeout=0.2):
                pass
        monkeypatch.setattr("pmoplan.profile_lock.LOCK_TIMEOUT", 0.2)
        with pytest.raises(OutputError, match="nothing was saved, try again"):
            update_profile(path, lambda current: record_completed(current, CATALOGUE, "pmo-finance", TODAY))
    finally:
        os.close(holder)
    assert path.read_bytes() == before


def test_lock_file_sits_next_to_the_real_file_of_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "pmoplan.yaml"
    real.parent.mkdir()
    link = tmp_path / "profile.yaml"
    link.symlink_to(real)
    assert lock_path_for(link) == real.parent / ".pmoplan.yaml.lock"


def test_update_sees_the_profile_as_it_is_under_the_lock(tmp_path: Path) -> None:
    """A change applies to the current file, not to what a caller read earlier."""
    path = tmp_path / "profile.yaml"
    save_profile(path, Profile())
    update_profile(path, lambda current: record_completed(current, CATALOGUE, "pmo-finance", TODAY))
    update_profile(path, lambda current: record_completed(current, CATALOGUE, "agile-pmo", TODAY))
    assert completed_ids(path) == ["pmo-finance", "agile-pmo"]


def test_an_unchanged_profile_is_not_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "profile.yaml"
    save_profile(path, record_completed(None, CATALOGUE, "pmo-finance", TODAY))
    os.utime(path, (1_000_000_000, 1_000_000_000))
    update_profile(path, lambda current: record_completed(current, CATALOGUE, "pmo-finance", TODAY))
    assert path.stat().st_mtime == 1_000_000_000


# --- item 3: never save what cannot be read back ---------------------------------------------


def test_a_profile_over_the_read_limit_is_never_saved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "profile.yaml"
    save_profile(path, record_completed(None, CATALOGUE, "pmo-finance", TODAY))
    before = path.read_bytes()
    limit = len(before) + 40  # one more record goes over it
    monkeypatch.setattr(strict_yaml, "MAX_FILE_BYTES", limit)

    with pytest.raises(OutputError, match=r"would grow to .* MB, over the 0 MB that pmoplan reads; nothing was saved"):
        update_profile(path, lambda current: record_completed(current, CATALOGUE, "agile-pmo", TODAY))
    assert path.read_bytes() == before
    assert load_profile(path) is not None  # what is on disk is still readable


@pytest.mark.parametrize("command", ["done", "assess"])
def test_a_date_after_today_is_refused_and_nothing_is_saved(
    command: str, runner: CliRunner, tmp_path: Path, isolated_environment: Path
) -> None:
    path = tmp_path / "profile.yaml"
    save_profile(path, Profile())
    before = path.read_bytes()
    args = ["done", "pmo-finance"] if command == "done" else ["assess", "--answers", str(tmp_path / "unused.yaml")]
    result = runner.invoke(app, [*args, "--date", TOMORROW.isoformat(), "--profile", str(path)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"pmoplan: error: --date {TOMORROW.isoformat()} is after today ({TODAY.isoformat()}); "
        "record it once it has happened\n"
    )
    assert result.stdout == ""
    assert path.read_bytes() == before


def test_far_future_date_9999_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "profile.yaml"
    result = runner.invoke(app, ["done", "pmo-finance", "--date", "9999-12-31", "--profile", str(path)])
    assert result.exit_code == 2
    assert "is after today" in result.stderr
    assert not path.exists()


def test_today_and_past_dates_are_accepted(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "profile.yaml"
    for when in (TODAY, TODAY - timedelta(days=400)):
        result = runner.invoke(app, ["done", "pmo-finance", "--date", when.isoformat(), "--profile", str(path)])
        assert result.exit_code == 0, result.stderr
    assert recorded_dates(load_profile(path), "pmo-finance") == [TODAY, TODAY - timedelta(days=400)]


# --- item 4: temp files ---------------------------------------------------------------------


DRIVER = """
import os, sys, time
from pathlib import Path
ready = Path(sys.argv[1])
real_fsync = os.fsync
def slow_fsync(fd):
    real_fsync(fd)
    ready.write_text("in the write", encoding="utf-8")
    time.sleep(60)
os.fsync = slow_fsync
from pmoplan.cli import main
sys.argv = ["pmoplan", *sys.argv[2:]]
main()
"""


@pytest.mark.parametrize(("name", "code"), [("SIGTERM", 143), ("SIGHUP", 129), ("SIGINT", 130)])
def test_a_signal_during_the_write_leaves_no_temp_file(tmp_path: Path, name: str, code: int) -> None:
    """The writer is stopped after the temp file is written and before the replace."""
    path = tmp_path / "profile.yaml"
    save_profile(path, Profile())
    before = path.read_bytes()
    ready = tmp_path / "ready"
    args = ["done", "pmo-finance", "--date", "2025-01-15", "--profile", str(path)]
    run = subprocess.Popen(
        [sys.executable, "-c", DRIVER, str(ready), *args],
        env=env_for(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while not ready.exists() and time.monotonic() < deadline and run.poll() is None:
        time.sleep(0.05)
    assert ready.exists(), run.communicate()
    assert any(p.name.endswith(".tmp") for p in tmp_path.iterdir())  # the temp file really exists now
    run.send_signal(getattr(signal, name))
    stdout, stderr = run.communicate(timeout=60)
    assert run.returncode == code, stderr
    assert stdout == b""
    assert stderr.decode().count("\n") == 1 and stderr.startswith(b"pmoplan: error: ")
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".profile.yaml.lock", "home", "profile.yaml", "ready"]


def test_stale_temp_files_are_removed_by_the_next_profile_write(tmp_path: Path) -> None:
    path = tmp_path / "profile.yaml"
    save_profile(path, Profile())
    stale = tmp_path / ".profile.yaml.k2j4h5g6.tmp"  # left by a run killed with SIGKILL
    stale.write_text("schema_version: 1\n", encoding="utf-8")
    unrelated = [tmp_path / ".profile.yaml.notours.tmp", tmp_path / ".other.yaml.k2j4h5g6.tmp", tmp_path / "x.tmp"]
    for other in unrelated:
        other.write_text("keep", encoding="utf-8")

    update_profile(path, lambda current: record_completed(current, CATALOGUE, "pmo-finance", TODAY))

    assert not stale.exists()
    assert all(other.exists() for other in unrelated)


def test_export_writes_remove_only_old_temp_files(tmp_path: Path) -> None:
    """Without a lock a young temp file may be another run's write in progress: it is kept."""
    target = tmp_path / "plan.csv"
    old = tmp_path / ".plan.csv.aaaaaaaa.tmp"
    young = tmp_path / ".plan.csv.bbbbbbbb.tmp"
    for temp in (old, young):
        temp.write_text("partial", encoding="utf-8")
    os.utime(old, (time.time() - 2 * atomic.STALE_AFTER,) * 2)

    atomic.atomic_write(target, "a,b\n")

    assert not old.exists()
    assert young.exists()


# --- done: duplicates and --remove (#12 item 5) ----------------------------------------------------


def test_done_twice_on_the_same_date_warns_and_changes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "profile.yaml"
    args = ["done", "pmo-finance", "--date", "2025-03-01", "--profile", str(path)]
    assert runner.invoke(app, args).exit_code == 0
    before = path.read_bytes()

    result = runner.invoke(app, args)

    assert result.exit_code == 0
    assert (
        result.stderr == "warning: pmo-finance was already recorded as completed on 2025-03-01; nothing was changed\n"
    )
    assert path.read_bytes() == before


def test_done_on_another_date_keeps_both_and_says_how_to_remove_one(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "profile.yaml"
    runner.invoke(app, ["done", "pmo-finance", "--date", "2024-03-01", "--profile", str(path)])

    result = runner.invoke(app, ["done", "pmo-finance", "--date", "2025-03-01", "--profile", str(path)])

    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    assert lines[0] == f"recorded pmo-finance as completed on 2025-03-01 in {path}"
    assert lines[1].startswith("warning: pmo-finance was already recorded as completed on 2024-03-01; both are kept")
    assert "pmoplan done pmo-finance --remove --date YYYY-MM-DD" in result.stderr
    assert recorded_dates(load_profile(path), "pmo-finance") == [date(2024, 3, 1), date(2025, 3, 1)]


def test_done_remove_drops_every_record_or_only_the_dated_one(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "profile.yaml"
    for when in ("2024-03-01", "2025-03-01"):
        runner.invoke(app, ["done", "pmo-finance", "--date", when, "--profile", str(path)])
    runner.invoke(app, ["done", "agile-pmo", "--date", "2025-03-01", "--profile", str(path)])

    one = runner.invoke(app, ["done", "pmo-finance", "--remove", "--date", "2024-03-01", "--profile", str(path)])
    assert one.exit_code == 0
    assert one.stderr == f"removed pmo-finance (completed on 2024-03-01) from {path}\n"
    assert completed_ids(path) == ["pmo-finance", "agile-pmo"]

    every = runner.invoke(app, ["done", "pmo-finance", "--remove", "--profile", str(path)])
    assert every.exit_code == 0
    assert completed_ids(path) == ["agile-pmo"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["retired-course", "--remove"], "retired-course is not recorded as completed; nothing was changed"),
        (["agile-pmo", "--remove", "--date", "2020-01-01"], "is not recorded as completed on 2020-01-01"),
    ],
)
def test_done_remove_of_something_not_recorded_is_an_error(
    runner: CliRunner, tmp_path: Path, args: list[str], message: str
) -> None:
    path = tmp_path / "profile.yaml"
    runner.invoke(app, ["done", "agile-pmo", "--date", "2025-03-01", "--profile", str(path)])
    before = path.read_bytes()
    result = runner.invoke(app, ["done", *args, "--profile", str(path)])
    assert result.exit_code == 1
    assert message in result.stderr and result.stderr.count("\n") == 1
    assert path.read_bytes() == before


def test_done_remove_without_a_profile_creates_nothing(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "profile.yaml"
    result = runner.invoke(app, ["done", "agile-pmo", "--remove", "--profile", str(path)])
    assert result.exit_code == 1
    assert "no profile yet; nothing was changed" in result.stderr
    assert not path.exists()


def test_remove_completed_is_pure() -> None:
    profile = record_completed(None, CATALOGUE, "p3o-combined", date(2025, 1, 1))
    smaller = remove_completed(profile, "p3o-combined")
    assert [r.course_id for r in smaller.completed] == ["p3o-foundation", "p3o-practitioner"]
    assert [r.course_id for r in profile.completed] == ["p3o-combined", "p3o-foundation", "p3o-practitioner"]
    with pytest.raises(PmoplanError):
        remove_completed(smaller, "p3o-combined")


def test_a_file_system_without_flock_still_saves(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    def no_locks(fd: int, operation: int) -> None:
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(fcntl, "flock", no_locks)
    path = tmp_path / "profile.yaml"
    update_profile(path, lambda current: record_completed(current, CATALOGUE, "pmo-finance", TODAY))
    assert completed_ids(path) == ["pmo-finance"]


def test_any_other_locking_failure_saves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    def broken(fd: int, operation: int) -> None:
        raise OSError(errno.EBADF, "Bad file descriptor")

    path = tmp_path / "profile.yaml"
    save_profile(path, Profile())
    before = path.read_bytes()
    monkeypatch.setattr(fcntl, "flock", broken)
    with pytest.raises(OutputError, match="cannot lock the profile: Bad file descriptor; nothing was saved"):
        update_profile(path, lambda current: record_completed(current, CATALOGUE, "pmo-finance", TODAY))
    assert path.read_bytes() == before
