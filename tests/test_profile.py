"""The profile file: round trip, history, safe writes (symlink, mode, faults), planner inputs."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from pmoplan.errors import InputError, OutputError, PmoplanError, UnknownIdError
from pmoplan.loading import load_catalogue
from pmoplan.plan_models import CompletedCourse
from pmoplan.profile import (
    Profile,
    Snapshot,
    add_snapshot,
    default_profile_path,
    dump_profile,
    history,
    load_profile,
    plan_inputs,
    record_completed,
    save_profile,
)

CATALOGUE = load_catalogue()


def snapshot(taken_on: date, level: int = 2, gaps: dict[str, int] | None = None) -> Snapshot:
    return Snapshot(
        taken_on=taken_on,
        level=level,
        confidence="high",
        ratings={"reporting": 3, "planning": 2},
        gaps=gaps if gaps is not None else {"reporting": 1, "planning": 1},
        answers={"l1-raid-log": True, "rate-reporting": 3},
    )


def sample() -> Profile:
    profile = add_snapshot(None, snapshot(date(2026, 1, 5)))
    return record_completed(profile, CATALOGUE, "p3o-combined", date(2025, 11, 20))


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "profile.yaml"
    profile = sample()

    save_profile(path, profile)

    assert load_profile(path) == profile
    assert path.read_text(encoding="utf-8") == dump_profile(profile)


def test_file_layout(tmp_path: Path) -> None:
    path = tmp_path / "profile.yaml"
    save_profile(path, sample())

    assert path.read_text(encoding="utf-8") == (
        "# pmoplan profile: assessment snapshots (appended, never rewritten) and completed courses.\n"
        "# Written by pmoplan; 'pmoplan schema profile' describes every field.\n"
        "schema_version: 1\n"
        "snapshots:\n"
        "- taken_on: '2026-01-05'\n"
        "  level: 2\n"
        "  confidence: high\n"
        "  ratings:\n"
        "    reporting: 3\n"
        "    planning: 2\n"
        "  gaps:\n"
        "    reporting: 1\n"
        "    planning: 1\n"
        "  answers:\n"
        "    l1-raid-log: true\n"
        "    rate-reporting: 3\n"
        "  suggested_level: null\n"
        "  confirmed: false\n"
        "  experience: null\n"
        "completed:\n"
        "- course_id: p3o-combined\n"
        "  completed_on: '2025-11-20'\n"
        "- course_id: p3o-foundation\n"
        "  completed_on: '2025-11-20'\n"
        "- course_id: p3o-practitioner\n"
        "  completed_on: '2025-11-20'\n"
    )


def test_missing_profile_is_none(tmp_path: Path) -> None:
    assert load_profile(tmp_path / "nope.yaml") is None


def test_default_path_is_in_the_user_data_folder(isolated_environment: Path) -> None:
    assert default_profile_path() == isolated_environment / "xdg_data_home" / "pmoplan" / "profile.yaml"


def test_history_is_kept_when_a_snapshot_is_added(tmp_path: Path) -> None:
    path = tmp_path / "profile.yaml"
    first = sample()
    save_profile(path, first)
    loaded = load_profile(path)
    second = add_snapshot(loaded, snapshot(date(2026, 6, 1), level=3, gaps={"planning": 2, "benefits": 1}))
    save_profile(path, second)

    again = load_profile(path)
    assert again is not None
    assert again.snapshots[0] == first.snapshots[0]
    assert [s.taken_on for s in again.snapshots] == [date(2026, 1, 5), date(2026, 6, 1)]
    assert again.completed == first.completed


def test_history_steps_show_level_and_gap_changes() -> None:
    profile = add_snapshot(None, snapshot(date(2026, 6, 1), level=3, gaps={"planning": 2, "benefits": 1}))
    profile = add_snapshot(profile, snapshot(date(2026, 1, 5), level=2, gaps={"reporting": 1, "planning": 1}))

    steps = history(profile)

    assert [(s.taken_on, s.level, s.level_change, s.gap_changes) for s in steps] == [
        (date(2026, 1, 5), 2, None, {}),
        (date(2026, 6, 1), 3, 1, {"benefits": 1, "planning": 1, "reporting": -1}),
    ]


def test_new_profile_is_private_and_its_folder_is_created(tmp_path: Path, umask_022: None) -> None:
    path = tmp_path / "new" / "folder" / "profile.yaml"

    save_profile(path, sample())

    assert mode_of(path) == 0o600
    assert mode_of(path.parent) == 0o700
    assert load_profile(path) == sample()


def test_existing_mode_is_kept(tmp_path: Path, umask_022: None) -> None:
    path = tmp_path / "profile.yaml"
    save_profile(path, Profile())
    path.chmod(0o640)

    save_profile(path, sample())

    assert mode_of(path) == 0o640
    assert load_profile(path) == sample()


def test_symlink_stays_a_link_and_its_target_is_updated(tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "pmoplan.yaml"
    real.parent.mkdir()
    save_profile(real, Profile())
    real.chmod(0o644)
    link = tmp_path / "profile.yaml"
    link.symlink_to(real)

    save_profile(link, sample())

    assert link.is_symlink()
    assert os.readlink(link) == str(real)
    assert load_profile(real) == sample()
    assert mode_of(real) == 0o644
    assert sorted(p.name for p in real.parent.iterdir()) == [".pmoplan.yaml.lock", "pmoplan.yaml"]


BROKEN_PROFILES = [
    pytest.param("schema_version: 1\nsnapshots: [\n", "profile.yaml:3:1: ", id="invalid-yaml"),
    pytest.param("", "profile.yaml:1:1: file is empty", id="empty"),
    pytest.param("schema_version: 1\nsnapshot: []\n", "profile.yaml:2:1: snapshot: unknown field", id="typo"),
    pytest.param(
        "schema_version: 1\nsnapshots:\n- taken_on: 2026-02-30\n  level: 2\n  confidence: high\n"
        "  ratings: {}\n  gaps: {}\n  answers: {}\n",
        "profile.yaml:3:13: snapshots[0].taken_on: ",
        id="impossible-date",
    ),
    pytest.param(
        "schema_version: 2\nsnapshots: []\nfuture: thing\n",
        "profile.yaml:1:17: schema_version 2: written by a newer pmoplan; not changed",
        id="newer-version",
    ),
]


@pytest.mark.parametrize(("content", "message"), BROKEN_PROFILES)
def test_broken_or_newer_profile_is_refused_and_never_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str, message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "profile.yaml"
    path.write_text(content, encoding="utf-8")
    before = path.read_bytes()

    with pytest.raises(InputError) as loading:
        load_profile(path)
    with pytest.raises(InputError) as saving:
        save_profile(path, sample())

    for error in (loading.value, saving.value):
        assert str(error).startswith(message)
        assert str(error).endswith("the profile was not changed")
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["profile.yaml"]


def test_bad_utf8_profile_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "profile.yaml"
    path.write_bytes(b"schema_version: 1\n# Jos\xe9\n")

    with pytest.raises(InputError, match="UTF-8"):
        save_profile(path, sample())
    assert path.read_bytes() == b"schema_version: 1\n# Jos\xe9\n"


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can read any file")
def test_unreadable_profile_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "profile.yaml"
    save_profile(path, sample())
    before = path.read_bytes()
    path.chmod(0o000)
    try:
        with pytest.raises(InputError, match="permission denied"):
            save_profile(path, Profile())
    finally:
        path.chmod(0o600)
    assert path.read_bytes() == before


def test_a_profile_changed_since_it_was_read_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "profile.yaml"
    save_profile(path, sample())
    stale = load_profile(path)
    save_profile(path, record_completed(stale, CATALOGUE, "pmo-finance", date(2026, 2, 1)))
    before = path.read_bytes()

    with pytest.raises(OutputError, match="changed on disk since it was read"):
        save_profile(path, add_snapshot(stale, snapshot(date(2026, 3, 1))), previous=stale)
    assert path.read_bytes() == before


# --- fault injection: a failed write leaves the old bytes and no temp file -------------------


class HalfWriter:
    """A file object that writes half the data, then fails like a full disk."""

    def __init__(self, real: Any) -> None:
        self.real = real

    def __enter__(self) -> HalfWriter:
        return self

    def __exit__(self, *args: object) -> None:
        self.real.close()

    def write(self, data: bytes) -> int:
        self.real.write(data[: len(data) // 2])
        self.real.flush()
        raise OSError(errno.ENOSPC, "No space left on device")

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


def fail_replace(*args: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def fail_fsync(fd: int) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def interrupt_fsync(fd: int) -> None:
    raise KeyboardInterrupt


def interrupt_replace(*args: object) -> None:
    raise KeyboardInterrupt


@pytest.mark.parametrize(
    ("target", "replacement", "raised"),
    [
        pytest.param("replace", fail_replace, OutputError, id="replace-enospc"),
        pytest.param("fsync", fail_fsync, OutputError, id="fsync-enospc"),
        pytest.param("fsync", interrupt_fsync, KeyboardInterrupt, id="fsync-ctrl-c"),
        pytest.param("replace", interrupt_replace, KeyboardInterrupt, id="replace-ctrl-c"),
        pytest.param("fdopen", None, OutputError, id="half-written-enospc"),
    ],
)
def test_a_failed_write_leaves_the_old_profile_byte_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str, replacement: Any, raised: type[BaseException]
) -> None:
    path = tmp_path / "profile.yaml"
    save_profile(path, sample())
    before = path.read_bytes()
    mode = mode_of(path)
    if target == "fdopen":
        real_fdopen = os.fdopen
        monkeypatch.setattr(os, "fdopen", lambda fd, *a, **k: HalfWriter(real_fdopen(fd, *a, **k)))
    else:
        monkeypatch.setattr(os, target, replacement)

    with pytest.raises(raised) as error:
        save_profile(path, add_snapshot(sample(), snapshot(date(2026, 6, 1))))

    monkeypatch.undo()
    assert path.read_bytes() == before
    assert mode_of(path) == mode
    assert sorted(os.listdir(tmp_path)) == [".profile.yaml.lock", "profile.yaml"]  # the lock file stays
    if raised is OutputError:
        assert str(error.value).endswith("no space left on device; nothing was changed")


def test_a_failed_first_write_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "replace", fail_replace)

    with pytest.raises(OutputError):
        save_profile(tmp_path / "profile.yaml", sample())

    monkeypatch.undo()
    assert os.listdir(tmp_path) == [".profile.yaml.lock"]  # empty; kept so that waiting writers stay safe
    assert (tmp_path / ".profile.yaml.lock").read_bytes() == b""


# --- completed courses and planner inputs ------------------------------------------------


def test_combined_course_records_its_parts_once() -> None:
    profile = record_completed(None, CATALOGUE, "p3o-combined", date(2026, 3, 1))
    profile = record_completed(profile, CATALOGUE, "p3o-combined", date(2026, 3, 1))
    profile = record_completed(profile, CATALOGUE, "pmo-finance", None)

    assert profile.completed == [
        CompletedCourse(course_id="p3o-combined", completed_on=date(2026, 3, 1)),
        CompletedCourse(course_id="p3o-foundation", completed_on=date(2026, 3, 1)),
        CompletedCourse(course_id="p3o-practitioner", completed_on=date(2026, 3, 1)),
        CompletedCourse(course_id="pmo-finance", completed_on=None),
    ]


def test_unknown_course_suggests_the_closest() -> None:
    with pytest.raises(UnknownIdError, match=r"^unknown course 'p3o-combine' \(did you mean 'p3o-combined'\?\)$"):
        record_completed(None, CATALOGUE, "p3o-combine", date(2026, 3, 1))


def test_plan_inputs_come_from_the_latest_snapshot() -> None:
    profile = add_snapshot(None, snapshot(date(2026, 6, 1), level=3, gaps={"planning": 2, "benefits": 1}))
    profile = add_snapshot(profile, snapshot(date(2026, 1, 5), level=2))  # recorded later, dated earlier
    profile = record_completed(profile, CATALOGUE, "pmo-finance", date(2026, 2, 1))

    level, gaps, completed = plan_inputs(profile)

    assert (level, gaps) == (3, {"planning": 2, "benefits": 1})
    assert completed == [CompletedCourse(course_id="pmo-finance", completed_on=date(2026, 2, 1))]


def test_plan_inputs_need_an_assessment() -> None:
    with pytest.raises(PmoplanError, match=r"^the profile has no assessment yet; run 'pmoplan assess' first$"):
        plan_inputs(record_completed(None, CATALOGUE, "pmo-finance", None))


def test_experience_comes_from_the_latest_snapshot_that_has_it() -> None:
    from pmoplan.models import Experience
    from pmoplan.profile import Profile, Snapshot, latest_experience

    def snap(day: str, months: int | None) -> Snapshot:
        given = None if months is None else Experience(project_months=months, programme_months=0, portfolio_months=0)
        return Snapshot.model_validate(
            {
                "taken_on": day,
                "level": 2,
                "confidence": "high",
                "ratings": {},
                "gaps": {},
                "answers": {},
                "experience": given,
            }
        )

    assert latest_experience(Profile()) is None
    profile = Profile(snapshots=[snap("2026-01-01", 24), snap("2026-06-01", 30), snap("2026-09-01", None)])

    found = latest_experience(profile)

    assert found is not None
    assert (found[0].project_months, found[1].isoformat()) == (30, "2026-06-01")


def test_assessed_gaps_list_every_rated_skill_with_zero_for_no_gap() -> None:
    from pmoplan.profile import Profile, Snapshot, assessed_gaps

    latest = Snapshot.model_validate(
        {
            "taken_on": "2026-01-01",
            "level": 4,
            "confidence": "high",
            "ratings": {"reporting": 4, "planning": 2},
            "gaps": {"planning": 1},
            "answers": {},
        }
    )

    assert assessed_gaps(Profile(snapshots=[latest])) == {"reporting": 0, "planning": 1}
    assert assessed_gaps(Profile()) == {}
