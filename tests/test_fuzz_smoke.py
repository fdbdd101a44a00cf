"""A fast, in-process run of the fuzz target (tests/fuzz.py) so that ``make test`` exercises it.

Loader totality: for raw bytes, raw text and mutated valid documents, every loader either
returns or raises a PmoplanError; anything else is a crash, saved like ``make fuzz`` saves it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fuzz import Crash, Fuzzer, main, run_hypothesis, seed_files


@pytest.fixture
def fuzzer(tmp_path: Path) -> Fuzzer:
    """A fuzzer with its scratch folder in the test's temp dir."""
    return Fuzzer(tmp_path)


def test_loaders_are_total_for_about_100_examples(fuzzer: Fuzzer) -> None:
    run_hypothesis(fuzzer, seconds=300, max_examples=100, derandomize=True)
    assert fuzzer.crashes == []
    assert fuzzer.executed >= 100
    loaded = sum(ok for ok, _ in fuzzer.outcomes.values())
    refused = sum(bad for _, bad in fuzzer.outcomes.values())
    assert loaded > 0 and refused > 0, fuzzer.summary()  # both the happy and the refusal paths are reached


def test_every_seed_loads_cleanly(fuzzer: Fuzzer) -> None:
    """The valid documents the mutations start from are accepted by their own target."""
    for seed in seed_files(fuzzer):
        assert fuzzer.one_input(seed) is None
    assert all(bad == 0 for _, bad in fuzzer.outcomes.values()), fuzzer.summary()
    assert all(ok > 0 for ok, _ in fuzzer.outcomes.values()), fuzzer.summary()


def test_a_crash_is_detected_and_saved(fuzzer: Fuzzer, tmp_path: Path) -> None:
    """The harness can fail: an exception that is not a PmoplanError is a crash with a saved input."""

    def broken(data: bytes) -> None:
        raise KeyError("not a user error")

    fuzzer.targets["broken"] = broken
    crash = fuzzer.run_one("broken", b"levels: [1")
    assert isinstance(crash, Crash)
    path = crash.save(tmp_path / "crashes")
    assert path.name == f"{crash.digest}.yaml" and path.read_bytes() == b"levels: [1"
    assert "KeyError" in path.with_suffix(".log").read_text(encoding="utf-8")


def test_hypothesis_engine_reports_a_crash(fuzzer: Fuzzer) -> None:
    def broken(data: bytes) -> None:
        if len(data) > 3:
            raise IndexError("boom")

    fuzzer.targets["broken"] = broken
    with pytest.raises(AssertionError, match="not a PmoplanError"):
        run_hypothesis(fuzzer, seconds=60, max_examples=200, derandomize=True)
    assert fuzzer.crashes


def test_replay_of_a_clean_input_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    saved = tmp_path / "case.yaml"
    saved.write_bytes(b"a: 1\na: 2\n")  # a duplicate key: refused with an InputError, not a crash
    assert main(["--replay", str(saved), "--target", "levels"]) == 0
    assert "no crash" in capsys.readouterr().out


CRASHES = sorted((Path(__file__).parent / "fuzz_crashes").glob("*.yaml"))


@pytest.mark.parametrize("crash", CRASHES, ids=[c.stem[:12] for c in CRASHES])
def test_every_saved_crash_is_now_refused_cleanly(crash: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Each input a fuzz run once crashed on stays a regression case (its target is in the .log)."""
    log = crash.with_suffix(".log").read_text(encoding="utf-8")
    target = log.splitlines()[0].removeprefix("target: ").strip()
    assert main(["--replay", str(crash), "--target", target]) == 0
    assert "no crash" in capsys.readouterr().out
