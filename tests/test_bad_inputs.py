"""The bad-input corpus: every case fails with exit 1 and one located stderr line, changing nothing.

Cases live in ``tests/bad_inputs/<case>/`` (see the README there). Rows that cannot be committed
as files (missing path, permissions, oversized file, FIFO) are generated here.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import platformdirs
import pytest
from typer.testing import CliRunner

from pmoplan.cli import app

CORPUS = Path(__file__).resolve().parent / "bad_inputs"
CASES = sorted(p.name for p in CORPUS.iterdir() if (p / "expect.txt").is_file())
PMOPLAN = Path(sys.executable).parent / "pmoplan"
LOCATED = re.compile(r"(courses|levels)\.yaml(:(?P<line>\d+):(?P<col>\d+))?: ")

Snapshot = dict[str, tuple[bytes | None, int]]


def snapshot(*roots: Path) -> Snapshot:
    """Every file and folder under ``roots``: content (None for folders) and mode."""
    found: Snapshot = {}
    for root in roots:
        for path in sorted([root, *root.rglob("*")]):
            info = path.lstat()
            content = path.read_bytes() if stat.S_ISREG(info.st_mode) else None
            found[str(path)] = (content, info.st_mode)
    return found


@pytest.fixture
def seeded_home() -> Path:
    """A profile in the temp HOME (where a user keeps one, and where platformdirs looks)."""
    home = Path(os.environ["HOME"])
    for folder in (home, platformdirs.user_data_path("pmoplan")):
        folder.mkdir(parents=True, exist_ok=True)
        profile = folder / "profile.yaml"
        profile.write_text("schema_version: 1\nname: Ana\nlevel: 2\n", encoding="utf-8")
        profile.chmod(0o640)
    return home


def expectation(case: str) -> tuple[int, str]:
    code, pattern = (CORPUS / case / "expect.txt").read_text(encoding="utf-8").splitlines()[:2]
    return int(code), pattern


def assert_one_error_line(stdout: str, stderr: str) -> str:
    assert stdout == ""
    assert "Traceback" not in stderr
    assert stderr.endswith("\n") and stderr.count("\n") == 1, stderr
    assert stderr.startswith("pmoplan: error: ")
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]", stderr), repr(stderr)  # no raw control characters
    return stderr.rstrip("\n")


def test_corpus_covers_every_file_row_of_section_a() -> None:
    rows = {case.split("_")[0] for case in CASES}
    generated = {"a01", "a03", "a24"}  # built in this module
    wanted = {f"a{n:02d}" for n in range(1, 31)} - generated
    assert wanted - rows == set()
    assert len(CASES) >= 50


@pytest.mark.parametrize("case", CASES)
def test_bad_input_case(case: str, runner: CliRunner, tmp_path: Path, seeded_home: Path) -> None:
    code, pattern = expectation(case)
    folder = tmp_path / case
    shutil.copytree(CORPUS / case, folder, symlinks=True)  # h15_* cases hold broken and looping links
    before = snapshot(seeded_home, tmp_path)

    result = runner.invoke(app, ["--data-dir", str(folder), "courses"])
    assert result.exit_code == code, (result.exit_code, result.stderr)
    line = assert_one_error_line(result.stdout, result.stderr)
    assert re.match(pattern, line), f"{line!r} !~ {pattern!r}"
    assert str(folder) in line
    where = LOCATED.search(line)
    assert where is not None, line
    if where.group("line"):
        text_lines = len(next(folder.glob("*.yaml")).read_bytes().splitlines())
        assert 1 <= int(where.group("line")) <= text_lines + 1  # + 1: "unexpected end of file" is after the last line
        assert int(where.group("col")) >= 1

    # The environment variable is the same folder by another route.
    again = runner.invoke(app, ["courses"], env={"PMOPLAN_DATA_DIR": str(folder)})
    assert (again.exit_code, again.stdout, again.stderr) == (code, "", result.stderr)

    # 'validate' lists every problem, one per line, starting with the same one.
    checked = runner.invoke(app, ["validate", str(folder)])
    assert (checked.exit_code, checked.stdout) == (1, "")
    lines = checked.stderr.splitlines()
    assert lines and all(item.startswith("pmoplan: error: ") for item in lines)
    assert line.split(" (and ")[0] == lines[0]
    assert "Traceback" not in checked.stderr

    assert snapshot(seeded_home, tmp_path) == before


# --- rows generated here --------------------------------------------------------------------------


def run_case(runner: CliRunner, folder: Path) -> str:
    result = runner.invoke(app, ["--data-dir", str(folder), "courses"])
    assert result.exit_code == 1, (result.exit_code, result.stderr)
    return assert_one_error_line(result.stdout, result.stderr)


def test_a01_data_dir_does_not_exist(runner: CliRunner, tmp_path: Path, seeded_home: Path) -> None:
    before = snapshot(seeded_home, tmp_path)
    missing = tmp_path / "nope"
    assert run_case(runner, missing) == f"pmoplan: error: {missing}: data folder does not exist"
    assert not missing.exists()
    assert snapshot(seeded_home, tmp_path) == before


def test_a01_data_dir_is_a_file(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "courses.yaml"
    path.write_text("exclude: []\n", encoding="utf-8")
    assert run_case(runner, path).endswith("is not a folder (--data-dir expects a folder)")


def test_a01_missing_files_in_the_folder_fall_back_to_shipped(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["--data-dir", str(tmp_path), "courses", "--specialist"])
    assert (result.exit_code, result.stderr) == (0, "")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read any file")
def test_a03_unreadable_file(runner: CliRunner, tmp_path: Path, seeded_home: Path) -> None:
    path = tmp_path / "courses.yaml"
    path.write_text("exclude: []\n", encoding="utf-8")
    path.chmod(0)
    try:
        assert run_case(runner, tmp_path) == f"pmoplan: error: {path}: permission denied"
    finally:
        path.chmod(0o600)


def test_a03_unreadable_file_as_any_user(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A3 even when the suite runs as root: the read itself is made to fail."""
    path = tmp_path / "courses.yaml"
    path.write_text("exclude: []\n", encoding="utf-8")
    real = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert run_case(runner, tmp_path) == f"pmoplan: error: {path}: permission denied"


def test_a24_oversized_file(runner: CliRunner, tmp_path: Path, seeded_home: Path) -> None:
    path = tmp_path / "courses.yaml"
    with path.open("wb") as handle:
        handle.truncate(52 * 1024 * 1024)  # sparse: no disk space used
    before = snapshot(seeded_home)
    assert run_case(runner, tmp_path) == f"pmoplan: error: {path}: 52.0 MB exceeds the limit of 5 MB"
    assert snapshot(seeded_home) == before


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a24_fifo_is_refused_without_hanging(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "courses.yaml")
    done = subprocess.run(
        [str(PMOPLAN), "--data-dir", str(tmp_path), "courses"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=30,
        check=False,
    )
    assert done.returncode == 1
    line = assert_one_error_line(done.stdout, done.stderr)
    assert line == f"pmoplan: error: {tmp_path / 'courses.yaml'}: is not a regular file"


@pytest.mark.parametrize(
    "data",
    [
        b"\xef\xbb\xbfexclude: [data-viz]\n",
        "exclude: [data-viz]\n".encode("utf-16"),
        b"\xfe\xff" + "exclude: [data-viz]\n".encode("utf-16-be"),
    ],
    ids=["utf-8-bom", "utf-16-le-bom", "utf-16-be-bom"],
)
def test_a26_byte_order_marks_are_accepted(runner: CliRunner, tmp_path: Path, data: bytes) -> None:
    """A26 policy: UTF-8 with or without BOM, and UTF-16 with a BOM, are read; the overlay applies."""
    (tmp_path / "courses.yaml").write_bytes(data)
    result = runner.invoke(app, ["--data-dir", str(tmp_path), "courses", "--specialist", "--format", "csv"])
    assert (result.exit_code, result.stderr) == (0, "")
    ids = [line.split(",")[0] for line in result.stdout.splitlines()[1:]]
    assert "data-viz" not in ids and "pmo-leadership" in ids
