"""Start-up and scale benchmarks for pmoplan, with the budgets of ARCHITECTURE.md (``make bench``).

Every command runs many times as a fresh process, interleaved with ``python -c pass`` and a minimal
Typer hello-world app (``benchmarks/hello_typer.py``, the floor for any Typer tool), so that machine
noise hits every row alike. Each row reports its median wall time, its ratio to the median of
``python -c pass`` and to the median of the Typer floor (both measured in the same rounds), its
budget, its peak memory (the child's own ``ru_maxrss``, from ``wait4``) and whether it is within budget.

The budgets: ``pmoplan --help`` at most 8x ``python -c pass`` (it must not pay for Typer's pydantic
import); ``pmoplan courses`` and ``pmoplan plan --level 2 --years 6`` at most 1.25x the Typer floor;
``pmoplan team plan`` of 10,000 realistic people at most 2 s, and of 100,000 at most 20 s and 1 GB of
memory (absolute: a 2-core machine).

``pmoplan team plan`` runs on generated team CSV files (1,000, 10,000 and 100,000 people by default;
deterministic, written to a temporary folder) and the marginal cost per person between sizes shows
whether cost grows linearly. Commands that do not exist yet are skipped with a "not available yet" line.

The Markdown report goes to stdout (progress to stderr), so ``make bench > bench.md`` keeps just the
report; ``--readme`` also writes it into README.md between the benchmark markers. Exit status 1 if a
row is over budget or a command failed.

Usage: python benchmarks/run.py [--quick] [--rounds N] [--team-rounds N] [--sizes 1000,10000,100000]
                                [--no-team] [--importtime] [--readme]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO / "benchmarks"
ANSWERS = BENCH / "answers.yaml"
HELLO = BENCH / "hello_typer.py"

STARTUP_ROUNDS = 15
TEAM_ROUNDS = 3
QUICK_STARTUP_ROUNDS = 5
QUICK_TEAM_ROUNDS = 1
DEFAULT_SIZES = (1_000, 10_000, 100_000)
SEED = 20_260_301
TEAM_START = 2026  # fixed, so that the generated completion dates (2018-2025) mean the same every year

# Budgets from ARCHITECTURE.md "Invariants": each is a ratio to `python -c pass` ("pass"), a ratio to the
# Typer floor ("floor"), or seconds ("seconds"); memory budgets are in KB of peak resident memory.
HELP_BUDGET = 8.0  # x python -c pass
COMMAND_BUDGET = 1.25  # x the Typer floor
TEAM_BUDGETS = {10_000: 2.0, 100_000: 20.0}  # seconds
TEAM_MEMORY_BUDGET_KB = {100_000: 1_000_000_000 // 1024}  # 1 GB
README = REPO / "README.md"
README_START = "<!-- make bench --readme: start -->"
README_END = "<!-- make bench --readme: end -->"
# Linear growth: the cost of one more person at the largest size may be at most this many times
# the cost of one more person at the smallest size (1.0 is perfectly linear; 10 would be quadratic).
LINEAR_GROWTH_BUDGET = 1.5


@dataclass
class Case:
    """One row of the report: a command line, its budget and its measurements."""

    label: str
    argv: list[str]
    budget: float | None = None
    budget_note: str = ""
    basis: str = "pass"  # what the budget is measured in: "pass", "floor" or "seconds"
    memory_budget_kb: int | None = None
    times: list[float] = field(default_factory=list)
    rss_kb: list[int] = field(default_factory=list)
    failure: str | None = None
    people: int | None = None
    parent_kb: int = 0  # this script's own peak: a child's figure below it is only an upper bound

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def peak(self) -> str:
        """Peak resident memory; a forked child starts with this script's footprint, so small ones are bounds."""
        peak = max(self.rss_kb)
        if peak <= self.parent_kb * 1.05:
            return f"≤ {self.parent_kb / 1024:.0f} MB"
        return f"{peak / 1024:,.0f} MB"


@dataclass
class Run:
    """What one process did: wall time, peak resident memory, exit code and the end of its stderr."""

    seconds: float
    rss_kb: int
    returncode: int
    stderr: str


class Runner:
    """Runs commands as fresh processes in an isolated home folder, timing each one."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        home = workdir / "home"
        home.mkdir()
        env = dict(os.environ)
        for name in (
            "PMOPLAN_DATA_DIR",
            "PMOPLAN_DEBUG",
            "FORCE_COLOR",
            "PYTHONPROFILEIMPORTTIME",
            "PYTHONTRACEMALLOC",
        ):
            env.pop(name, None)
        env.update({"HOME": str(home), "NO_COLOR": "1", "COLUMNS": "100", "LINES": "50"})
        for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
            env[name] = str(home / name.lower())
        self.env = env
        self.stderr_path = workdir / "stderr.txt"

    def run(self, argv: Sequence[str]) -> Run:
        """Run ``argv`` once with stdout to /dev/null; measure it with ``wait4`` (no polling)."""
        with self.stderr_path.open("wb") as err:
            start = time.perf_counter()
            proc = subprocess.Popen(
                list(argv),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=err,
                env=self.env,
                cwd=self.workdir,
            )
            _, status, usage = os.wait4(proc.pid, 0)
            elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        rss = usage.ru_maxrss // 1024 if sys.platform == "darwin" else usage.ru_maxrss  # bytes on macOS
        stderr = self.stderr_path.read_text(encoding="utf-8", errors="replace").strip()
        return Run(elapsed, rss, proc.returncode, stderr.splitlines()[-1] if stderr else "")

    def measure(self, case: Case) -> None:
        """Run a case once more and record the result (or the failure)."""
        if case.failure is not None:
            return
        result = self.run(case.argv)
        if result.returncode != 0:
            case.failure = f"exit {result.returncode}: {result.stderr or 'no message'}"
            return
        case.times.append(result.seconds)
        case.rss_kb.append(result.rss_kb)
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        case.parent_kb = max(case.parent_kb, own // 1024 if sys.platform == "darwin" else own)

    def available(self, argv: Sequence[str]) -> bool:
        """Whether a command exists (its ``--help`` exits 0)."""
        return self.run([*argv, "--help"]).returncode == 0


def pmoplan_command() -> list[str]:
    """The installed console script next to this interpreter, else ``python -m pmoplan``."""
    script = Path(sys.executable).parent / "pmoplan"
    return [str(script)] if script.exists() else [sys.executable, "-m", "pmoplan"]


# --- team CSV files ------------------------------------------------------------------------

FIRST_NAMES = (
    "Amelia", "Oliver", "Priya", "Mohammed", "Sofia", "Jack", "Chloe", "Kwame", "Zofia", "Liam",
    "Aoife", "Noah", "Mei", "Hamza", "Isla", "George", "Fatima", "Ethan", "Grace", "Tomasz",
)  # fmt: skip
LAST_NAMES = (
    "Smith", "Jones", "Patel", "Khan", "O'Brien", "Williams", "Nowak", "Taylor", "Brown", "Chen",
    "Davies", "Evans", "Okafor", "Murphy", "Wilson", "Singh", "Roberts", "Kowalski", "Walker", "Hughes",
)  # fmt: skip
TEAM_COLUMNS = ("id", "level", "name", "target_level", "completed", "focus", "days_per_year", "budget_per_year")


def generate_team_csv(path: Path, people: int, seed: int = SEED) -> int:
    """Write a deterministic, realistic team file; return how many distinct planner inputs it has.

    The mix: levels 35/35/20/10 %; most people leave target (85 %), days (85 %) and budget (90 %) to the
    defaults; 0-4 certifications by level (recommended ones more likely, prerequisites respected), 70 % of
    them dated, on the monthly sitting dates of 2018-2025; a few specialist courses; 1-2 focus skills for 20 %.
    """
    from pmoplan.catalogue import prerequisites_met
    from pmoplan.loading import load_catalogue

    catalogue = load_catalogue()
    rng = random.Random(seed + people)
    skills = [skill.id for skill in catalogue.skills]
    certifications = [c for c in catalogue.courses if c.kind == "certification"]
    specialists = [c for c in catalogue.courses if c.kind == "specialist"]
    recommended = {level.number: set(level.recommended_courses) for level in catalogue.levels}
    sitting_day = {c.id: 1 + index % 27 for index, c in enumerate(catalogue.courses)}  # one sitting a month
    distinct: set[tuple[object, ...]] = set()
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(TEAM_COLUMNS)
        for index in range(1, people + 1):
            level = rng.choices((1, 2, 3, 4), weights=(35, 35, 20, 10))[0]
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            if rng.random() < 0.02:
                name += ", Jr."  # a comma: the CSV writer quotes it
            target = "" if rng.random() < 0.85 else str(rng.randint(level, 4))
            done: list[str] = []
            for _ in range(rng.randint(max(0, level - 2), level)):
                candidates = [
                    c
                    for c in certifications
                    if min(c.levels) <= level and c.id not in done and prerequisites_met(c, done)
                ]
                if not candidates:
                    break
                weights = [5 if c.id in recommended[min(c.levels)] else 1 for c in candidates]
                done.append(rng.choices(candidates, weights=weights)[0].id)
            sittings = sorted((rng.randint(2018, 2025), rng.randint(1, 12)) for _ in done)
            completed = [
                f"{course_id}@{year:04d}-{month:02d}-{sitting_day[course_id]:02d}" if rng.random() < 0.7 else course_id
                for course_id, (year, month) in zip(done, sittings, strict=True)
            ]
            completed += [c.id for c in rng.sample(specialists, k=rng.choice((0, 0, 0, 1, 2))) if level in c.levels]
            focus = rng.sample(skills, k=rng.choices((0, 1, 2), weights=(80, 12, 8))[0])
            days = "" if rng.random() < 0.85 else rng.choice((5, 6, 8, 10, 12))
            budget = "" if rng.random() < 0.9 else rng.choice((1500, 2500, 4000, 6000))
            distinct.add((level, target, tuple(completed), tuple(focus), days, budget))
            writer.writerow((f"p{index:06d}", level, name, target, ";".join(completed), ";".join(focus), days, budget))
    return len(distinct)


# --- the report ----------------------------------------------------------------------------


def machine_facts() -> list[str]:
    """CPU model, cores, memory, Python, OS and load: the context every figure depends on."""
    cpu = platform.processor() or platform.machine()
    memory = ""
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                memory = f", {int(line.split()[1]) / 1024 / 1024:.1f} GB RAM"
                break
    except OSError:
        pass
    logical = os.cpu_count() or 0
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else logical
    load = ", load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()) if hasattr(os, "getloadavg") else ""
    from pmoplan import __version__

    return [
        f"- Machine: {cpu}, {logical} logical cores ({usable} usable){memory}{load}",
        f"- Python {platform.python_version()} ({platform.python_implementation()}), {platform.platform()}",
        f"- pmoplan {__version__}, run on {dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M UTC')}",
    ]


def fmt_ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds >= 0.1 else f"{seconds * 1000:.1f} ms"


def status(value: float, budget: float | None) -> str:
    if budget is None:
        return "info"
    return "PASS" if value <= budget else "**OVER**"


def measured_value(case: Case, baseline: Case, floor: Case) -> float:
    """The figure a case's budget is about: a ratio to ``python -c pass`` or to the floor, or seconds."""
    if case.basis == "floor":
        return case.median / floor.median
    if case.basis == "seconds":
        return case.median
    return case.median / baseline.median


def ratio(case: Case, reference: Case) -> str:
    if reference.failure is not None or not reference.times:
        return "—"
    value = case.median / reference.median
    return f"{value:,.0f}×" if value >= 100 else f"{value:.2f}×"


def report_table(cases: Sequence[Case], baseline: Case, floor: Case, notes: Sequence[str]) -> tuple[list[str], bool]:
    """The Markdown table (ratios to `python -c pass` and to the Typer floor) and whether every budget is met."""
    lines = [
        "| command | median | × `python -c pass` | × Typer floor | budget | peak memory | result |",
        "| --- | ---: | ---: | ---: | --- | ---: | --- |",
    ]
    ok = True
    for case in cases:
        if case.failure is not None:
            lines.append(f"| `{case.label}` | — | — | — | {budget_text(case)} | — | **FAILED** ({case.failure}) |")
            ok = False
            continue
        result = status(measured_value(case, baseline, floor), case.budget)
        if case.memory_budget_kb is not None and max(case.rss_kb) > case.memory_budget_kb:
            result = "**OVER**"
        ok = ok and result != "**OVER**"
        lines.append(
            f"| `{case.label}` | {fmt_ms(case.median)} | {ratio(case, baseline)} | {ratio(case, floor)} | "
            f"{budget_text(case)} | {case.peak} | {result} ({len(case.times)} runs) |"
        )
    lines.extend(f"| {note} |" for note in notes)
    return lines, ok


def budget_text(case: Case) -> str:
    """The budget as the table shows it: "≤ 8× pass", "≤ 1.25× floor", "≤ 2 s", with memory if any."""
    if case.budget is None:
        return case.budget_note or "—"
    unit = {"pass": "× pass", "floor": "× floor", "seconds": " s"}[case.basis]
    memory = f", ≤ {case.memory_budget_kb * 1024 / 1e9:.3g} GB" if case.memory_budget_kb is not None else ""
    return f"≤ {case.budget:g}{unit}{memory}{case.budget_note}"


def write_readme(report: str, readme: Path = README) -> None:
    """Put ``report`` between the benchmark markers of README.md, leaving everything else as it was."""
    text = readme.read_text(encoding="utf-8")
    start, end = text.find(README_START), text.find(README_END)
    if start < 0 or end < start:
        raise SystemExit(f"{readme}: the markers {README_START!r} and {README_END!r} are missing")
    head = text[: start + len(README_START)]
    readme.write_text(f"{head}\n\n{report.strip()}\n\n{text[end:]}", encoding="utf-8")


def growth_lines(team: Sequence[Case]) -> tuple[list[str], bool]:
    """Marginal cost of one more person between consecutive sizes; linear if it does not grow."""
    measured = sorted((c for c in team if c.failure is None and c.people), key=lambda c: c.people or 0)
    if len(measured) < 3:
        return ["- Linear growth: needs three team sizes that ran; not checked."], True
    lines = ["", "Growth with team size (marginal cost of one more person):", ""]
    marginal: list[float] = []
    for small, large in zip(measured, measured[1:], strict=False):
        assert small.people is not None and large.people is not None
        extra = large.people - small.people
        per_person = (large.median - small.median) / extra
        memory = (max(large.rss_kb) - max(small.rss_kb)) / extra
        marginal.append(per_person)
        lines.append(
            f"- {small.people:,} → {large.people:,} people: "
            f"{per_person * 1e6:,.1f} µs and {memory:,.2f} KB per extra person"
        )
    first, last = marginal[0], marginal[-1]
    growth = last / first if first > 0 else float("inf")
    verdict = status(growth, LINEAR_GROWTH_BUDGET)
    sizes = [case.people or 0 for case in measured]
    quadratic = (sizes[-1] + sizes[-2]) / (sizes[1] + sizes[0])  # marginal cost of a*n*n from m to n: a*(m+n)
    lines.append(
        f"- Linear growth: cost per extra person from {measured[-2].people:,} to {measured[-1].people:,} people is "
        f"{growth:.2f}× that from {measured[0].people:,} to {measured[1].people:,} "
        f"(budget ≤ {LINEAR_GROWTH_BUDGET:g}×; quadratic work would give about "
        f"{quadratic:.0f}×): "
        f"{verdict}"
    )
    return lines, verdict != "**OVER**"


def importtime_lines(argv: Sequence[str], runner: Runner, top: int = 12) -> list[str]:
    """The heaviest imports of one pmoplan command line (``python -X importtime -m pmoplan ...``)."""
    cmd = [sys.executable, "-X", "importtime", "-m", "pmoplan", *argv]
    done = subprocess.run(cmd, env=runner.env, cwd=runner.workdir, capture_output=True, text=True, encoding="utf-8")
    rows: list[tuple[int, int, str]] = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, cumulative, name = line[len("import time:") :].split("|")
        rows.append((int(self_us), int(cumulative), name.strip()))
    heaviest = sorted(rows, key=lambda row: -row[1])[:top]
    lines = ["", f"Heaviest imports of `pmoplan {' '.join(argv)}` (cumulative µs):", ""]
    lines.extend(f"- {name}: {cumulative:,} µs (self {self_us:,})" for self_us, cumulative, name in heaviest)
    return lines


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="fewer rounds (a quick look, not for the README)")
    parser.add_argument("--rounds", type=int, help=f"rounds for start-up commands (default {STARTUP_ROUNDS})")
    parser.add_argument("--team-rounds", type=int, help=f"rounds for team runs (default {TEAM_ROUNDS})")
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)), help="team sizes, comma-separated")
    parser.add_argument("--no-team", action="store_true", help="skip the team runs")
    parser.add_argument("--importtime", action="store_true", help="list the heaviest imports of each start-up command")
    parser.add_argument("--generate", nargs=2, metavar=("PATH", "PEOPLE"), help="only write a team CSV file")
    parser.add_argument(
        "--readme", action="store_true", help="also write the report into README.md between the benchmark markers"
    )
    return parser.parse_args(argv)


def generate_in_child(path: Path, people: int) -> int:
    """Generate a team file in a separate process, so that this one stays small (see ``Case.peak``)."""
    done = subprocess.run(
        [sys.executable, __file__, "--generate", str(path), str(people)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    return int(done.stdout.strip())


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.generate:
        print(generate_team_csv(Path(args.generate[0]), int(args.generate[1])))
        return 0
    rounds = args.rounds or (QUICK_STARTUP_ROUNDS if args.quick else STARTUP_ROUNDS)
    team_rounds = args.team_rounds or (QUICK_TEAM_ROUNDS if args.quick else TEAM_ROUNDS)
    sizes = sorted({int(size.replace("_", "")) for size in args.sizes.split(",") if size.strip()})
    workdir = Path(tempfile.mkdtemp(prefix="pmoplan-bench-"))
    compile_sources()
    try:
        code, report = _main(Runner(workdir), rounds, team_rounds, [] if args.no_team else sizes, args.importtime)
        if args.readme and report:
            write_readme(report)
            progress(f"wrote the report into {README}")
        return code
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def compile_sources() -> None:
    """Byte-compile src/ first, as installing a wheel does.

    An editable install under PYTHONDONTWRITEBYTECODE (set on this machine) would otherwise
    recompile every pmoplan module on every run, which no installed user pays for.
    """
    import compileall

    compileall.compile_dir(str(REPO / "src"), quiet=1)


def progress(message: str) -> None:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def _main(runner: Runner, rounds: int, team_rounds: int, sizes: Sequence[int], importtime: bool) -> tuple[int, str]:
    """Measure every case; print the report and return the exit status and the report without its heading."""
    pmoplan = pmoplan_command()
    baseline = Case("python -c pass", [sys.executable, "-c", "pass"], budget_note="1× (the reference)")
    floor = Case("typer hello-world (floor)", [sys.executable, str(HELLO)], budget_note="— (floor for any Typer tool)")
    startup = [
        baseline,
        floor,
        Case("pmoplan --help", [*pmoplan, "--help"], HELP_BUDGET),
        Case("pmoplan courses", [*pmoplan, "courses"], COMMAND_BUDGET, basis="floor"),
        Case(
            "pmoplan courses --format json",
            [*pmoplan, "courses", "--format", "json"],
            COMMAND_BUDGET,
            " (as courses)",
            basis="floor",
        ),
        Case(
            "pmoplan plan --level 2 --years 6",
            [*pmoplan, "plan", "--level", "2", "--years", "6"],
            COMMAND_BUDGET,
            basis="floor",
        ),
    ]
    notes: list[str] = []
    assess_argv = [*pmoplan, "assess", "--answers", str(ANSWERS), "--no-save"]
    if runner.available([*pmoplan, "assess"]):
        startup.append(
            Case("pmoplan assess --answers benchmarks/answers.yaml --no-save", assess_argv, None, "— (none set)")
        )
    else:
        notes.append(
            "`pmoplan assess --answers FILE` | not available yet (`pmoplan assess --help` failed) | | | | | skipped"
        )
        progress("pmoplan assess: not available yet (`pmoplan assess --help` failed); skipped")

    team: list[Case] = []
    files: list[str] = []
    if sizes and not runner.available([*pmoplan, "team", "plan"]):
        notes.append("`pmoplan team plan` | not available yet (`pmoplan team plan --help` failed) | | | | | skipped")
        progress("pmoplan team plan: not available yet (`pmoplan team plan --help` failed); team runs skipped")
    elif sizes:
        for people in sizes:
            path = runner.workdir / f"team-{people}.csv"
            progress(f"generating {path.name} ({people:,} people)")
            distinct = generate_in_child(path, people)
            files.append(
                f"- `{path.name}`: {people:,} people, {distinct:,} distinct planner inputs "
                f"({path.stat().st_size / 1e6:.1f} MB)"
            )
            budget = TEAM_BUDGETS.get(people)
            label = f"pmoplan team plan TEAM.csv ({people:,} people)"
            argv = [*pmoplan, "team", "plan", str(path), "--start", str(TEAM_START)]
            memory = TEAM_MEMORY_BUDGET_KB.get(people)
            team.append(Case(label, argv, budget, "" if budget else "—", "seconds", memory, people=people))

    progress("warming up (and checking that every command succeeds)")
    for case in [*startup, *team]:
        runner.measure(case)
        case.times.clear()
        case.rss_kb.clear()
        if case.failure:
            progress(f"  {case.label}: FAILED ({case.failure})")

    order = random.Random(SEED)
    for number in range(1, rounds + 1):
        progress(f"start-up round {number}/{rounds}")
        shuffled = startup[2:]
        order.shuffle(shuffled)
        # The reference and the floor sit between the pmoplan commands in every round.
        middle = len(shuffled) // 2
        for case in [baseline, *shuffled[:middle], floor, *shuffled[middle:], baseline]:
            runner.measure(case)
    for number in range(1, team_rounds + 1):
        for case in team:
            progress(f"team round {number}/{team_rounds}: {case.people:,} people")
            runner.measure(baseline)
            runner.measure(case)

    if baseline.failure is not None or floor.failure is not None:
        progress(f"python -c pass or the Typer floor failed: {baseline.failure or floor.failure}")
        return 1, ""
    out = [*machine_facts(), ""]
    table, ok = report_table([*startup, *team], baseline, floor, notes)
    out.extend(table)
    if team:
        out.extend(["", f"Team files (generated, seed {SEED}; planned with `--start {TEAM_START}`):", "", *files])
        growth, linear = growth_lines(team)
        out.extend(growth)
        ok = ok and linear
    out.extend(
        [
            "",
            f"Medians of {rounds} interleaved rounds ({team_rounds} for team runs); each figure is a fresh process "
            "with stdout to /dev/null; peak memory is the process's own maximum resident set size. Both ratios "
            "come from the same rounds: `python -c pass` and the Typer floor run between the pmoplan commands "
            "of every round.",
        ]
    )
    over = [c for c in startup[2:] if c.failure is None and c.budget and measured_value(c, baseline, floor) > c.budget]
    for case in startup[2:] if importtime else over:
        out.extend(importtime_lines(case.argv[len(pmoplan) :], runner))
    report = "\n".join(out)
    print(f"## pmoplan benchmarks\n\n{report}")
    return (0 if ok else 1), report


if __name__ == "__main__":
    sys.exit(main())
