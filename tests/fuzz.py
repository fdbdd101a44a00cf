"""Fuzz pmoplan's loaders: every input either loads or raises a PmoplanError, nothing else.

Usage::

    python tests/fuzz.py [--minutes N] [--engine auto|atheris|hypothesis] [--replay FILE --target NAME]

With ``atheris`` installed (``--engine auto`` picks it) this is a coverage-guided libFuzzer run
seeded with the shipped catalogue; otherwise Hypothesis drives the same target for the time
budget with raw bytes, raw text and *near-valid* documents (the shipped files with a few fields
replaced, deleted, duplicated or retyped, then text-level damage such as tabs, duplicated lines
and anchors), so the deep paths (cross-checks, overrides, the planner) are reached too.

Targets: the strict YAML parser plus each file model (levels, courses, an organisation's
overlay, the question bank), a whole ``--data-dir`` folder (cross-checks, then a plan is built
from the catalogue if it loads), answers files (YAML and JSON), the profile (then a plan from
it, and a locked update whose result must read back unchanged), and the team file reader
when ``pmoplan.team_input`` exists.

Any exception that is not a :class:`pmoplan.errors.PmoplanError` is a crash: the input is written
to ``tests/fuzz_crashes/<sha1>.yaml`` (exact bytes), the target and traceback to
``<sha1>.log``, and the run exits 1.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import importlib
import importlib.util
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CRASH_DIR = HERE / "fuzz_crashes"

# Scalars that YAML 1.1 or a lax model would misread, limits, and hostile text.
TRICKY_SCALARS: tuple[object, ...] = (
    "yes", "no", "on", "off", "NO", "0123", "1.10", "2026-02-30", "2026-03-01", "20260301", "", "~", "null",
    ".nan", ".inf", "-.inf", "0x1F", "1_000", "1e400", "-0", "+1", "9" * 5000, "[/bold]", "[link=http://x]y[/link]",
    "=HYPERLINK(\"x\")", "é£€🙂", "a" * 3000, "\u202e", "<<", True, False, None, 0, -1, 1, 2, 3, 4, 5, 6, 30, 31,
    10**6, 10**30, 0.5, -0.5, 1e308, float("inf"), float("nan"),
)  # fmt: skip
TEXT_DAMAGE = ("\t", "&a ", "*a", "!!python/name:os.system ", "<<: ", "---\n", "- ", ": ", "\x00", "\x1b[31m", "\ufeff")


class TimeUp(BaseException):  # noqa: N818 - a signal, not an error; BaseException so Hypothesis does not catch it
    """The time budget is spent."""


@dataclass
class Crash:
    """One input that raised something other than a PmoplanError."""

    target: str
    data: bytes
    error: str

    @property
    def digest(self) -> str:
        """The crash file's name: sha1 of target and input."""
        return hashlib.sha1(self.target.encode("utf-8") + b"\0" + self.data).hexdigest()

    def save(self, folder: Path) -> Path:
        """Write ``<sha1>.yaml`` (the exact input) and ``<sha1>.log`` (target and traceback)."""
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{self.digest}.yaml"
        path.write_bytes(self.data)
        log = f"target: {self.target}\nreplay: python tests/fuzz.py --replay {path} --target {self.target}\n\n"
        (folder / f"{self.digest}.log").write_text(log + self.error, encoding="utf-8")
        return path


@dataclass
class Fuzzer:
    """The fuzz targets, the shipped catalogue they build on, and a scratch folder."""

    scratch: Path
    crashes: list[Crash] = field(default_factory=list)
    executed: int = 0
    outcomes: dict[str, list[int]] = field(default_factory=dict)  # target -> [loaded, refused]
    skip: list[str] = field(default_factory=list)
    _catalogue: Any = None
    _bank: Any = None

    def __post_init__(self) -> None:
        self.targets: dict[str, Callable[[bytes], None]] = {
            "levels": lambda data: self._model(data, "LevelsFile"),
            "courses": lambda data: self._model(data, "CoursesFile"),
            "overlay": lambda data: self._model(data, "CoursesOverlay"),
            "questions": lambda data: self._model(data, "QuestionBank"),
            "folder-levels": lambda data: self._folder(data, "levels.yaml"),
            "folder-courses": lambda data: self._folder(data, "courses.yaml"),
            "folder-assessment": lambda data: self._folder(data, "assessment.yaml"),
            "answers-yaml": lambda data: self._answers(data, ".yaml"),
            "answers-json": lambda data: self._answers(data, ".json"),
            "profile": self._profile,
            "profile-update": self._profile_update,
        }
        team = team_module()
        if team is not None:  # built separately: fuzzed when present
            self.targets["team-csv"] = lambda data: team.read_team_csv(self._file("team.csv", data), self.catalogue())
            self.targets["team-yaml"] = lambda data: team.read_team_yaml(
                self._file("team.yaml", data), self.catalogue()
            )
        for name in self.skip:
            self.targets.pop(name, None)

    # --- shared fixtures -------------------------------------------------------------

    def catalogue(self) -> Any:
        """The shipped catalogue (loaded once)."""
        if self._catalogue is None:
            from pmoplan.loading import load_catalogue

            self._catalogue = load_catalogue(None)
        return self._catalogue

    def bank(self) -> Any:
        """The shipped question bank (loaded once)."""
        if self._bank is None:
            from pmoplan.loading import load_question_bank

            self._bank = load_question_bank(self.catalogue(), None)
        return self._bank

    def _file(self, name: str, data: bytes) -> Path:
        path = self.scratch / name
        path.write_bytes(data)
        return path

    # --- targets ---------------------------------------------------------------------

    def _model(self, data: bytes, model_name: str) -> None:
        from pmoplan import catalogue_files, models
        from pmoplan.strict_yaml import decode_text, parse_yaml
        from pmoplan.validation import validate_document

        document = parse_yaml(decode_text(data, "fuzz.yaml"), "fuzz.yaml")
        validate_document(getattr(models, model_name, None) or getattr(catalogue_files, model_name), document)

    def _folder(self, data: bytes, name: str) -> None:
        from pmoplan.errors import InputError
        from pmoplan.loading import load_catalogue, validate_folder

        folder = self.scratch / "data"
        folder.mkdir(exist_ok=True)
        for other in ("levels.yaml", "courses.yaml", "assessment.yaml"):
            (folder / other).unlink(missing_ok=True)
        (folder / name).write_bytes(data)
        problems = validate_folder(folder)
        if problems:
            raise InputError(problems)
        catalogue = load_catalogue(folder)
        self._plans(catalogue, completed=[], gaps={})

    def _plans(self, catalogue: Any, *, completed: list[Any], gaps: dict[str, int]) -> None:
        from pmoplan.plan_models import PlanRequest
        from pmoplan.planner import build_plan

        for done in completed:  # as the plan command does: unknown ids are a user error
            catalogue.course(done.course_id)
        for current, target in ((1, 4), (3, 4), (4, 4)):
            request = PlanRequest(
                current_level=current,
                target_level=target,
                years=6,
                start_year=2026,
                completed=completed,
                gaps=gaps,
                budget_per_year=2000 if current == 3 else None,
            )
            build_plan(catalogue, request)

    def _answers(self, data: bytes, suffix: str) -> None:
        from pmoplan.assessment import load_answers_file, score

        answers = load_answers_file(self._file(f"answers{suffix}", data), self.bank())
        score(self.bank(), self.catalogue(), answers)

    def _profile(self, data: bytes) -> None:
        from pmoplan.profile import load_profile, plan_inputs

        loaded = load_profile(self._file("profile.yaml", data))
        if loaded is None or not loaded.snapshots:
            return
        _level, gaps, completed = plan_inputs(loaded)
        self._plans(self.catalogue(), completed=completed, gaps=gaps)

    def _profile_update(self, data: bytes) -> None:
        """Record and remove a course under the lock; whatever is saved must read back the same."""
        from datetime import date

        from pmoplan.profile import load_profile, record_completed, remove_completed, update_profile

        path = self._file("profile.yaml", data)
        saved = update_profile(
            path, lambda current: record_completed(current, self.catalogue(), "pmo-finance", date(2025, 1, 1))
        )
        if load_profile(path) != saved:
            raise AssertionError("the saved profile does not read back as it was saved")
        update_profile(path, lambda current: remove_completed(saved if current is None else current, "pmo-finance"))

    # --- running ---------------------------------------------------------------------

    def run_one(self, target: str, data: bytes) -> Crash | None:
        """Run ``target`` on ``data``; return the crash, if any (PmoplanError is a clean refusal)."""
        from pmoplan.errors import PmoplanError

        self.executed += 1
        tally = self.outcomes.setdefault(target, [0, 0])
        try:
            self.targets[target](data)
        except PmoplanError:
            tally[1] += 1
            return None
        except Exception:
            crash = Crash(target, data, traceback.format_exc())
            self.crashes.append(crash)
            return crash
        tally[0] += 1
        return None

    def summary(self) -> str:
        """Inputs per target that loaded (and went on to plans/scores) or were refused cleanly."""
        return ", ".join(f"{t} {ok} loaded/{bad} refused" for t, (ok, bad) in sorted(self.outcomes.items()))

    def one_input(self, data: bytes) -> Crash | None:
        """libFuzzer-style entry point: the first byte picks the target, the rest is the file."""
        if not data:
            return None
        names = list(self.targets)
        return self.run_one(names[data[0] % len(names)], data[1:])


def team_module() -> Any:
    """``pmoplan.team_input`` when it exists and has the CSV and YAML readers, else None."""
    if importlib.util.find_spec("pmoplan.team_input") is None:
        return None
    module = importlib.import_module("pmoplan.team_input")
    return module if hasattr(module, "read_team_csv") and hasattr(module, "read_team_yaml") else None


# --- seeds and near-valid documents -------------------------------------------------------


def shipped_documents(fuzzer: Fuzzer) -> dict[str, Any]:
    """Plain values of valid documents of each kind, for mutation."""
    from pmoplan.assessment import questions, score
    from pmoplan.loading import shipped_data_dir
    from pmoplan.plan_models import CompletedCourse
    from pmoplan.profile import Profile, snapshot_from_result
    from pmoplan.strict_yaml import load_yaml_file

    data = shipped_data_dir()
    documents = {name: load_yaml_file(data / f"{name}.yaml").value for name in ("levels", "courses", "assessment")}
    courses = documents["courses"]["courses"]
    first, second = courses[0], courses[1]
    documents["overlay"] = {
        "currency": "EUR",
        "courses": [
            dict(first, id="in-house-pmo"),
            dict(second, id="in-house-benefits", prerequisites=[[first["id"]]]),
        ],
        "overrides": {first["id"]: {"cost": 900, "currency": "GBP"}},
        "exclude": [courses[-1]["id"]],
    }
    bank = fuzzer.bank()
    answers = {q.id: q.scale[1] if i % 3 else q.scale[0] for i, q in enumerate(questions(bank))}
    documents["answers"] = answers
    snapshot = snapshot_from_result(score(bank, fuzzer.catalogue(), answers), answers, date(2026, 3, 1))
    profile = Profile(
        snapshots=[snapshot], completed=[CompletedCourse(course_id=first["id"], completed_on=date(2025, 5, 14))]
    )
    documents["profile"] = profile.model_dump(mode="json")
    if {"team-csv", "team-yaml"} & set(fuzzer.targets):
        skill = documents["levels"]["skills"][0]["id"]
        documents["team"] = [
            {"id": "ana", "name": "Ana", "level": 2, "completed": [f"{first['id']}@2025-05-14"], "focus": [skill]},
            {"id": "bo", "name": "Bo", "level": 1, "target_level": 3, "gaps": {skill: 2}, "days_per_year": 5},
            {"id": "cy", "level": 4, "budget_per_year": 1500},
        ]
    return documents


TARGETS_FOR = {
    "levels": ("levels", "folder-levels"),
    "courses": ("courses", "folder-courses", "overlay"),
    "overlay": ("overlay", "folder-courses"),
    "assessment": ("questions", "folder-assessment"),
    "answers": ("answers-yaml", "answers-json"),
    "profile": ("profile", "profile-update"),
    "team": ("team-csv", "team-yaml"),
}


def identifiers(value: Any) -> list[str]:
    """Every id-like string in a document (to provoke unknown ids, duplicates and cycles)."""
    found: set[str] = set()
    pending = [value]
    while pending:
        current = pending.pop()
        if isinstance(current, dict):
            pending.extend(current.values())
            found.update(k for k in current if isinstance(k, str) and "-" in k)
        elif isinstance(current, list):
            pending.extend(current)
        elif isinstance(current, str) and current.islower() and " " not in current and 0 < len(current) < 60:
            found.add(current)
    return sorted(found)


def locations(value: Any) -> list[tuple[Any, Any]]:
    """Every (container, key-or-index) pair in a document."""
    found: list[tuple[Any, Any]] = []
    pending = [value]
    while pending:
        current = pending.pop()
        if isinstance(current, dict):
            found.extend((current, key) for key in current)
            pending.extend(current.values())
        elif isinstance(current, list):
            found.extend((current, index) for index in range(len(current)))
            pending.extend(current)
    return found


def serialise(document: Any, target: str, *, width: int = 80) -> bytes:
    """A document as the file its target reads: JSON, CSV (team) or YAML."""
    import json

    import yaml

    if target == "answers-json":
        return json.dumps(document, ensure_ascii=False, default=str).encode("utf-8")
    if target == "team-csv" and isinstance(document, list):
        import csv
        import io

        def cell(value: Any) -> str:
            if isinstance(value, list):
                return ";".join(map(str, value))
            if isinstance(value, dict):
                return ";".join(f"{k}:{v}" for k, v in value.items())
            return "" if value is None else str(value)

        columns = list(dict.fromkeys(k for row in document if isinstance(row, dict) for k in row))
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(columns)
        for row in document:
            writer.writerow([cell(row.get(c)) for c in columns] if isinstance(row, dict) else [cell(row)])
        return buffer.getvalue().encode("utf-8")
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=width).encode("utf-8")


def seed_files(fuzzer: Fuzzer) -> list[bytes]:
    """libFuzzer seeds: each target's valid document, prefixed by its selector byte."""
    names = list(fuzzer.targets)
    return [
        bytes([names.index(target)]) + serialise(document, target)
        for kind, document in shipped_documents(fuzzer).items()
        for target in TARGETS_FOR[kind]
        if target in names
    ]


# --- Hypothesis engine ----------------------------------------------------------------


def hypothesis_strategy(fuzzer: Fuzzer) -> Any:
    """(target, bytes): raw bytes, raw text, and mutated valid documents."""
    from hypothesis import strategies as st

    documents = shipped_documents(fuzzer)
    ids = sorted({i for doc in documents.values() for i in identifiers(doc)})
    targets = st.sampled_from(list(fuzzer.targets))
    leaf = st.one_of(
        st.sampled_from(TRICKY_SCALARS),
        st.sampled_from(ids),
        st.text(max_size=30),
        st.integers(),
        st.floats(),
        st.dates().map(str),
    )
    replacement = st.one_of(
        leaf,
        st.lists(leaf, max_size=4),
        st.lists(st.lists(st.sampled_from(ids), max_size=3), max_size=3),
        st.dictionaries(st.one_of(st.sampled_from(ids), st.text(max_size=10)), leaf, max_size=3),
    )

    kinds = sorted(k for k in documents if set(TARGETS_FOR[k]) & set(fuzzer.targets))

    @st.composite
    def near_valid(draw: Any) -> tuple[str, bytes]:
        kind = draw(st.sampled_from(kinds))
        document = copy.deepcopy(documents[kind])
        for _ in range(draw(st.integers(1, 4))):
            spots = locations(document)
            if not spots:
                break
            container, key = spots[draw(st.integers(0, len(spots) - 1))]
            action = draw(st.sampled_from(["replace", "replace", "delete", "add", "duplicate", "empty"]))
            if action == "replace":
                container[key] = draw(replacement)
            elif action == "delete":
                del container[key]
            elif action == "add" and isinstance(container, dict):
                container[draw(st.one_of(st.sampled_from(ids), st.text(min_size=1, max_size=12)))] = draw(replacement)
            elif action == "duplicate" and isinstance(container, list):
                container.insert(key, copy.deepcopy(container[key]))
            elif action == "empty":
                container[key] = type(container[key])() if isinstance(container[key], (list, dict, str)) else None
        target = draw(st.sampled_from([t for t in TARGETS_FOR[kind] if t in fuzzer.targets]))
        text = serialise(document, target, width=draw(st.sampled_from([80, 10**6]))).decode("utf-8")
        lines = text.splitlines(keepends=True)
        for _ in range(draw(st.integers(0, 2))):
            if not lines:
                break
            index = draw(st.integers(0, len(lines) - 1))
            damage = draw(st.sampled_from(["dup-line", "insert", "truncate", "drop-line"]))
            if damage == "dup-line":
                lines.insert(index, lines[index])
            elif damage == "insert":
                at = draw(st.integers(0, len(lines[index])))
                lines[index] = lines[index][:at] + draw(st.sampled_from(TEXT_DAMAGE)) + lines[index][at:]
            elif damage == "truncate":
                lines = lines[: index + 1]
            else:
                del lines[index]
        return target, "".join(lines).encode("utf-8")

    return st.one_of(
        st.tuples(targets, st.binary(max_size=400)),
        st.tuples(targets, st.text(max_size=400).map(lambda t: t.encode("utf-8"))),
        *([near_valid()] if kinds else []),
    )


def run_hypothesis(fuzzer: Fuzzer, *, seconds: float, max_examples: int, derandomize: bool = False) -> None:
    """Drive the targets with Hypothesis until the time or example budget is spent.

    Raises the crash's exception (after shrinking) when one is found; returns quietly on time-out.
    """
    import random

    from hypothesis import HealthCheck, Phase, given, seed, settings

    deadline = time.monotonic() + seconds
    strategy = hypothesis_strategy(fuzzer)

    @settings(
        max_examples=max_examples,
        deadline=None,
        derandomize=derandomize,
        database=None,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
    )
    @given(strategy)
    def check(case: tuple[str, bytes]) -> None:
        if time.monotonic() > deadline:
            raise TimeUp
        crash = fuzzer.run_one(*case)
        if crash is not None:
            raise AssertionError(f"{crash.target}: not a PmoplanError\n{crash.error}")

    if not derandomize:  # an explicit seed also keeps Hypothesis from printing one when the time is up
        check = seed(random.getrandbits(64))(check)
    try:
        check()
    except TimeUp:
        return


# --- atheris engine ----------------------------------------------------------------------


def run_atheris(fuzzer_factory: Callable[[], Fuzzer], *, seconds: int, crash_dir: Path) -> int:
    """Coverage-guided run with libFuzzer; returns the exit code (does not return on a crash)."""
    atheris: Any = importlib.import_module("atheris")
    with atheris.instrument_imports(include=["pmoplan"]):
        import pmoplan.assessment  # noqa: F401 - imported here so that atheris instruments them
        import pmoplan.loading  # noqa: F401
        import pmoplan.planner  # noqa: F401
        import pmoplan.profile  # noqa: F401
        import pmoplan.strict_yaml  # noqa: F401
        import pmoplan.validation  # noqa: F401

        team_module()
    crash_dir.mkdir(parents=True, exist_ok=True)
    fuzzer = fuzzer_factory()
    corpus = Path(tempfile.mkdtemp(prefix="pmoplan-corpus-"))
    for seed in seed_files(fuzzer):
        (corpus / hashlib.sha1(seed).hexdigest()).write_bytes(seed)

    def one_input(data: bytes) -> None:
        crash = fuzzer.one_input(data)
        if crash is not None:
            path = crash.save(crash_dir)
            sys.stderr.write(f"\nCRASH ({crash.target}) after {fuzzer.executed} inputs: {path}\n{crash.error}\n")
            sys.stderr.flush()
            os._exit(1)

    argv = [
        sys.argv[0],
        str(corpus),
        f"-max_total_time={seconds}",
        "-timeout=60",
        "-rss_limit_mb=4096",
        "-max_len=65536",
        "-print_final_stats=1",
        f"-artifact_prefix={crash_dir}{os.sep}",
    ]
    atheris.Setup(argv, one_input)
    atheris.Fuzz()  # libFuzzer exits the process when the time is up ("Done N runs in S second(s)")
    return 0


# --- command line ------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """Run the fuzzer; exit 0 when no crash was found, 1 otherwise."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--minutes", type=float, default=10.0, help="time budget (default 10)")
    parser.add_argument("--engine", choices=("auto", "atheris", "hypothesis"), default="auto")
    parser.add_argument("--crash-dir", type=Path, default=CRASH_DIR)
    parser.add_argument(
        "--skip",
        action="append",
        default=[t for t in os.environ.get("FUZZ_SKIP", "").split(",") if t],
        metavar="TARGET",
        help="leave out a target (repeatable; also FUZZ_SKIP=a,b)",
    )
    parser.add_argument("--replay", type=Path, help="run one saved input again")
    parser.add_argument("--target", help="the target for --replay (see the .log file)")
    args = parser.parse_args(argv)
    engine = args.engine
    if engine == "auto":
        engine = "atheris" if importlib.util.find_spec("atheris") is not None else "hypothesis"
    if engine == "atheris" and args.replay is None:  # libFuzzer ends the process itself: no clean-up
        return _run(args, parser, engine, Path(tempfile.mkdtemp(prefix="pmoplan-fuzz-")))
    with tempfile.TemporaryDirectory(prefix="pmoplan-fuzz-") as scratch:
        return _run(args, parser, engine, Path(scratch))


def _run(args: argparse.Namespace, parser: argparse.ArgumentParser, engine: str, scratch: Path) -> int:
    if args.replay is not None:
        fuzzer = Fuzzer(scratch)
        if args.target not in fuzzer.targets:
            parser.error(f"--target must be one of: {', '.join(fuzzer.targets)}")
        crash = fuzzer.run_one(args.target, args.replay.read_bytes())
        print(crash.error if crash else "no crash: the input loads or is refused with a PmoplanError")
        return 1 if crash else 0
    seconds = max(1.0, args.minutes * 60)
    print(f"fuzz: engine={engine}, budget={seconds:.0f}s, crashes go to {args.crash_dir}", flush=True)
    if engine == "atheris":
        return run_atheris(lambda: Fuzzer(scratch, skip=args.skip), seconds=int(seconds), crash_dir=args.crash_dir)
    fuzzer = Fuzzer(scratch, skip=args.skip)
    print(f"fuzz: targets: {', '.join(fuzzer.targets)}", flush=True)
    started = time.monotonic()
    try:
        run_hypothesis(fuzzer, seconds=seconds, max_examples=10**9)
    except Exception as error:  # the shrunk failure re-raised by Hypothesis
        if not fuzzer.crashes:
            raise
        crash = fuzzer.crashes[-1]  # Hypothesis replays the minimal example last
        path = crash.save(args.crash_dir)
        print(f"fuzz: CRASH ({crash.target}) after {fuzzer.executed} inputs: {path}\n{error}", flush=True)
        return 1
    elapsed = time.monotonic() - started
    print(f"fuzz: {fuzzer.executed} inputs in {elapsed:.0f}s, no crash", flush=True)
    print(f"fuzz: {fuzzer.summary()}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
