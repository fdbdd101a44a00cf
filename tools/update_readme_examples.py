"""Regenerate the README's plan examples from the program itself.

Two kinds of block are rewritten, with the same commands that ``tests/test_docs.py`` runs to check
them:

* the plan shown after ``pmoplan plan --level 2 --years 6 --start 2026`` (at 100 columns), as
  the terminal prints it (plain, 100 columns);
* the year table under each of the four worked examples: year, level, certification, specialist
  courses and renewals (``course (renew by DATE)``), from the plan's JSON.

``python tools/update_readme_examples.py`` rewrites README.md in place; ``--check`` writes nothing
and exits 1 when the README is out of date. The explanations around the blocks are prose: read
them again after a change, the tool does not touch them.

Plans depend on today's date (lapses, the first sitting year), as in the tests: run the tool on
the day the tests run. It runs in a temporary home folder, so no saved profile changes a plan.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import sys
import tempfile
from pathlib import Path
from typing import Any

README = Path(__file__).resolve().parents[1] / "README.md"
PLAN_MARKER = "`pmoplan plan --level 2 --years 6 --start 2026` (at 100 columns"
PLAN_ARGS = ["plan", "--level", "2", "--years", "6", "--start", "2026"]
EXAMPLES_HEADING = "### Four worked examples"
EXAMPLE = re.compile(r"`(pmoplan plan [^`]+)`\n\n((?:\|.*\n)+)")
TABLE_HEAD = "| year | level | certification | specialist courses | renewal |\n| --- | --- | --- | --- | --- |\n"


def _invoke(args: list[str]) -> str:
    """Standard output of ``pmoplan ARGS`` run in-process, as the tests run it; fails loudly on an error."""
    from typer.testing import CliRunner

    from pmoplan.cli import app

    result = CliRunner().invoke(app, args)
    if result.exit_code != 0:
        raise SystemExit(f"pmoplan {shlex.join(args)} failed ({result.exit_code}): {result.stderr.strip()}")
    return result.stdout


def plan_text() -> str:
    """The plan of :data:`PLAN_ARGS` as shown in the README: trailing spaces and blank end removed."""
    output = _invoke(PLAN_ARGS)
    return "\n".join(line.rstrip() for line in output.splitlines()).rstrip()


def _row(year: dict[str, Any]) -> str:
    def ids(kind: str) -> str:
        return ", ".join(item["course_id"] for item in year["items"] if item["kind"] == kind)

    renewals = ", ".join(
        f"{item['course_id']} (renew by {item['renew_by']})" if item.get("renew_by") else item["course_id"]
        for item in year["items"]
        if item["kind"] == "renewal"
    )
    cells = [str(year["year"]), str(year["level"]), ids("certification"), ids("specialist"), renewals]
    return "|" + "|".join(f" {cell} " if cell else " " for cell in cells) + "|"


def example_table(command: str) -> str:
    """The worked-example table of ``command`` (``pmoplan plan ...``), header included."""
    plan = json.loads(_invoke([*shlex.split(command)[1:], "--format", "json"]))
    return TABLE_HEAD + "".join(_row(year) + "\n" for year in plan["years"])


def updated_readme(text: str) -> str:
    """``text`` with the plan block and every worked-example table regenerated."""
    head, marker, rest = text.partition(PLAN_MARKER)
    if not marker:
        raise SystemExit(f"README.md: the plan example marker is missing: {PLAN_MARKER}")
    before, fence, after = rest.partition("```text\n")
    _old, end, tail = after.partition("\n```")
    text = head + marker + before + fence + plan_text() + end + tail

    start = text.index(EXAMPLES_HEADING)
    stop = text.find("\n## ", start)
    stop = len(text) if stop < 0 else stop
    section = text[start:stop]
    section = EXAMPLE.sub(lambda m: f"`{m.group(1)}`\n\n{example_table(m.group(1))}", section)
    return text[:start] + section + text[stop:]


def main(argv: list[str]) -> int:
    """Rewrite README.md (or, with ``--check``, report whether it is current)."""
    check = "--check" in argv
    with tempfile.TemporaryDirectory() as home:
        # As in the tests: no saved profile, no colour, 100 columns.
        os.environ.update({"HOME": home, "NO_COLOR": "1", "COLUMNS": "100", "LINES": "50"})
        for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
            os.environ[name] = str(Path(home) / name.lower())
        for name in ("PMOPLAN_DATA_DIR", "PMOPLAN_DEBUG", "FORCE_COLOR"):
            os.environ.pop(name, None)
        text = README.read_text(encoding="utf-8")
        updated = updated_readme(text)
    if check:
        if updated != text:
            print("README.md examples are out of date: run python tools/update_readme_examples.py", file=sys.stderr)
            return 1
        return 0
    if updated != text:
        README.write_text(updated, encoding="utf-8")
        print("README.md examples updated; review with git diff and reread the prose around them")
    else:
        print("README.md examples are current")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
