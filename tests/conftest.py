"""Shared test set-up: every test runs isolated from the user's real folders and terminal."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

settings.register_profile(
    "ci", derandomize=True, max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("nightly", max_examples=5000, deadline=None)
settings.load_profile("ci")

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point home and XDG folders at a temp dir; fix width and colour for deterministic output."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(home / name.lower()))
    monkeypatch.delenv("PMOPLAN_DATA_DIR", raising=False)
    monkeypatch.delenv("PMOPLAN_DEBUG", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("LINES", "50")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    yield home


@pytest.fixture
def runner() -> CliRunner:
    """A CLI runner (stderr is kept apart from stdout in typer 0.29)."""
    return CliRunner()


SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--update-snapshots`` rewrites tests/snapshots/ from the current output, for review with git diff."""
    parser.addoption(
        "--update-snapshots",
        action="store_true",
        default=False,
        help="rewrite the expected text files in tests/snapshots/ instead of comparing against them",
    )


class Snapshot:
    """Compares text with ``tests/snapshots/<name>.txt``; rewrites the file under ``--update-snapshots``."""

    def __init__(self, update: bool) -> None:
        self.update = update

    def check(self, name: str, actual: str) -> None:
        """Fail unless ``actual`` equals the stored snapshot (or store it when updating)."""
        path = SNAPSHOTS / f"{name}.txt"
        if self.update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(actual.encode("utf-8"))
            return
        assert path.is_file(), f"no snapshot {path.name}: run pytest --update-snapshots and review the new file"
        expected = path.read_bytes().decode("utf-8")
        assert actual == expected, f"{path.name} changed: review, then run pytest --update-snapshots"


@pytest.fixture
def snapshot(request: pytest.FixtureRequest) -> Snapshot:
    """The snapshot checker (see :class:`Snapshot`)."""
    return Snapshot(bool(request.config.getoption("--update-snapshots")))
