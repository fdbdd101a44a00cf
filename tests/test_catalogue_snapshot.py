"""The validated snapshot of the shipped catalogue: current, equal to the YAML, and never trusted when stale."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from pydantic import BaseModel

from pmoplan import loading
from pmoplan.catalogue import Catalogue
from pmoplan.catalogue_snapshot import SNAPSHOT_FILE, load_snapshot, render, snapshot_document
from pmoplan.errors import InputError
from pmoplan.loading import load_catalogue, load_catalogue_from_yaml, shipped_data_dir
from pmoplan.models import Course, InHouse, RenewalScheme, Transition

DATA = shipped_data_dir()
TOOL = Path(__file__).resolve().parents[1] / "tools" / "write_snapshot.py"


def _load_tool() -> Callable[[Path], Path]:
    """The developer tool's writer (tools/ is not a package, so it is loaded from its file)."""
    spec = importlib.util.spec_from_file_location("write_snapshot_tool", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    writer: Callable[[Path], Path] = module.write_snapshot
    return writer


write_snapshot = _load_tool()


def typed(value: object) -> object:
    """A value with the type of every part spelt out: a nested model left as a dict, or a date left as
    text, does not compare equal. Numbers compare by value (a default of 0 in a float field stays the
    int the model declares, while JSON has 0.0; both print and compute alike)."""
    if isinstance(value, BaseModel):
        return (type(value).__name__, {name: typed(getattr(value, name)) for name in type(value).model_fields})
    if isinstance(value, dict):
        return ("dict", sorted((key, typed(item)) for key, item in value.items()))
    if isinstance(value, list | tuple):
        return (type(value).__name__, [typed(item) for item in value])
    if isinstance(value, int | float) and not isinstance(value, bool):
        return ("number", float(value))
    return (type(value).__name__, value)


def dump(catalogue: Catalogue) -> object:
    return typed(
        [
            catalogue.currency,
            list(catalogue.currencies),
            catalogue.rates,
            list(catalogue.skills),
            list(catalogue.levels),
            list(catalogue.courses),
            list(catalogue.renewal_schemes),
        ]
    )


def test_the_committed_snapshot_is_current() -> None:
    expected = render(snapshot_document(load_catalogue_from_yaml(DATA), DATA))
    actual = (DATA / SNAPSHOT_FILE).read_text(encoding="utf-8")
    assert actual == expected, "data/ changed: run 'make snapshot' and commit data/catalogue.snapshot.json"


def test_the_snapshot_holds_exactly_what_the_strict_loader_reads() -> None:
    snapshot = load_snapshot(DATA)
    assert snapshot is not None
    assert dump(snapshot) == dump(load_catalogue_from_yaml(DATA))
    assert dump(load_catalogue()) == dump(snapshot)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def test_a_snapshot_is_ignored_once_its_yaml_changes(data_copy: Path) -> None:
    assert load_snapshot(data_copy) is not None
    courses = data_copy / "courses.yaml"
    courses.write_text(courses.read_text(encoding="utf-8") + "\n# an edit\n", encoding="utf-8")
    assert load_snapshot(data_copy) is None


def test_nested_models_and_dates_come_back_typed() -> None:
    """The rebuilt models hold models and dates where the validated ones do, not dicts and text."""
    snapshot = load_snapshot(DATA)
    assert snapshot is not None
    schemes = {scheme.id: scheme for scheme in snapshot.renewal_schemes}
    assert all(isinstance(scheme, RenewalScheme) for scheme in schemes.values())
    transitions = [scheme.transition for scheme in schemes.values() if scheme.transition is not None]
    assert transitions, "the shipped catalogue has a transition rule (PeopleCert's)"
    assert all(isinstance(t, Transition) and isinstance(t.renew_by, dt.date) for t in transitions)


def test_a_course_with_an_in_house_price_comes_back_as_a_model(data_copy: Path) -> None:
    """No shipped course has an in-house price yet; one added later must not come back as a dict."""
    catalogue = load_catalogue_from_yaml(DATA)
    first = catalogue.courses[0]
    in_house = InHouse(currency="GBP", price_per_day=900.0, max_class_size=12, source="A quote, seen 2026-12-01")
    changed = Catalogue(
        skills=catalogue.skills,
        levels=catalogue.levels,
        courses=(first.model_copy(update={"in_house": in_house}), *catalogue.courses[1:]),
        renewal_schemes=catalogue.renewal_schemes,
        currency=catalogue.currency,
        currencies=catalogue.currencies,
        rates=catalogue.rates,
    )
    (data_copy / SNAPSHOT_FILE).write_text(render(snapshot_document(changed, data_copy)), encoding="utf-8")
    rebuilt = load_snapshot(data_copy)
    assert rebuilt is not None
    assert isinstance(rebuilt.courses[0], Course) and isinstance(rebuilt.courses[0].in_house, InHouse)
    assert dump(rebuilt) == dump(changed)


@pytest.mark.parametrize(
    ("old", "new"),
    [('"days": 3.0', '"days": 30.0'), ('"verified": true', '"verified": false'), ('"content": "', '"content": "0')],
    ids=["a number", "a flag", "the digest"],
)
def test_a_snapshot_edited_by_hand_is_never_used(
    data_copy: Path, old: str, new: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its YAML digests still match, but its content no longer matches its own digest: the YAML is read."""
    path = data_copy / SNAPSHOT_FILE
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert load_snapshot(data_copy) is None
    monkeypatch.setattr(loading, "shipped_data_dir", lambda: data_copy)
    assert dump(load_catalogue()) == dump(load_catalogue_from_yaml(DATA))


@pytest.mark.parametrize("damage", ["not json", '{"format": 99}', '{"format": 1}', '{"format": 2}', "[]"])
def test_a_damaged_snapshot_is_ignored(data_copy: Path, damage: str) -> None:
    (data_copy / SNAPSHOT_FILE).write_text(damage, encoding="utf-8")
    assert load_snapshot(data_copy) is None


def test_write_snapshot_rewrites_it(data_copy: Path) -> None:
    (data_copy / SNAPSHOT_FILE).unlink()
    assert write_snapshot(data_copy) == data_copy / SNAPSHOT_FILE
    assert (data_copy / SNAPSHOT_FILE).read_bytes() == (DATA / SNAPSHOT_FILE).read_bytes()


def test_write_snapshot_refuses_a_broken_catalogue(data_copy: Path) -> None:
    before = (data_copy / SNAPSHOT_FILE).read_bytes()
    (data_copy / "courses.yaml").write_text("courses: [\n", encoding="utf-8")
    with pytest.raises(InputError):
        write_snapshot(data_copy)
    assert (data_copy / SNAPSHOT_FILE).read_bytes() == before


def test_the_make_snapshot_tool_reports_in_one_line(data_copy: Path) -> None:
    (data_copy / "courses.yaml").write_text("courses: [\n", encoding="utf-8")
    broken = subprocess.run(
        [sys.executable, str(TOOL), str(data_copy)], capture_output=True, encoding="utf-8", timeout=60, check=False
    )
    assert broken.returncode == 1
    assert broken.stderr.startswith("pmoplan: error: ") and broken.stderr.count("\n") == 1
    shutil.copy(DATA / "courses.yaml", data_copy / "courses.yaml")
    fixed = subprocess.run(
        [sys.executable, str(TOOL), str(data_copy)], capture_output=True, encoding="utf-8", timeout=60, check=False
    )
    assert fixed.returncode == 0, fixed.stderr


def test_everyday_commands_do_not_parse_yaml() -> None:
    """With a current snapshot, 'pmoplan courses' never imports PyYAML (the point of the snapshot)."""
    child = (
        "import sys\n"
        "from pmoplan.cli import app\n"
        "try:\n"
        "    app(['courses', '--format', 'json'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stderr.write(__import__('json').dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", child], capture_output=True, encoding="utf-8", timeout=60, check=False)
    modules = json.loads(done.stderr)
    assert "yaml" not in modules and "_yaml" not in modules
    assert json.loads(done.stdout)["courses"]
