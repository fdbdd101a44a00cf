"""The layers, enforced: which package may import which, and no import cycles.

pmoplan has three layers, each allowed to import only the ones below it:

* ``cli`` (``pmoplan.cli.*``, ``pmoplan.__main__``, ``pmoplan.console``): parses options, wires, reports errors;
* ``render`` (``pmoplan.render.*``): turns results into text, tables and documents;
* the engine (every other module): loading, models, catalogue, assessment, planning, team.

So the engine never imports ``render`` or ``cli``, ``render`` never imports ``cli``, and no module
takes part in an import cycle (imports inside functions and under ``TYPE_CHECKING`` count too: a
cycle that only works because an import is deferred is still a cycle in the design).

The graph is read from the source with ``ast`` (no module is imported), and the checker is a
pure function over that graph with its own self-tests, so a guard that stopped matching fails.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "pmoplan"

# Known upward imports, each with the reason it is still here. Remove an entry when its import goes:
# the test below fails for an entry that is no longer needed, so the list can only shrink.
KNOWN_EXCEPTIONS: dict[tuple[str, str], str] = {}


def layer(module: str) -> str:
    """The layer a module belongs to: 'cli', 'render' or 'engine'."""
    if module in ("pmoplan.__main__", "pmoplan.console", "pmoplan.cli") or module.startswith("pmoplan.cli."):
        return "cli"
    if module == "pmoplan.render" or module.startswith("pmoplan.render."):
        return "render"
    return "engine"


RANK = {"engine": 0, "render": 1, "cli": 2}


def module_name(path: Path) -> str:
    """``src/pmoplan/render/ics.py`` → ``pmoplan.render.ics``; a package's ``__init__`` is the package."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def imports_of(source: str, modules: frozenset[str]) -> set[str]:
    """The pmoplan modules that ``source`` imports, anywhere in the file."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("pmoplan"))
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("pmoplan"):
            assert node.level == 0, "relative imports are not used in pmoplan"
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                found.add(candidate if candidate in modules else node.module)
    return {name for name in found if name in modules}


def import_graph() -> dict[str, set[str]]:
    """Every module of the package and the package modules it imports (itself excluded)."""
    files = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    modules = frozenset(files)
    return {
        name: imports_of(path.read_text(encoding="utf-8"), modules) - {name} for name, path in sorted(files.items())
    }


def upward_imports(graph: Mapping[str, set[str]]) -> list[tuple[str, str]]:
    """Every import from a lower layer to a higher one (engine → render/cli, render → cli)."""
    return sorted(
        (source, target)
        for source, targets in graph.items()
        for target in targets
        if RANK[layer(target)] > RANK[layer(source)]
    )


def cycles(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """The import cycles: strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


# --- the rules on pmoplan -----------------------------------------------------------------------


def test_no_module_imports_upwards() -> None:
    unexpected = [edge for edge in upward_imports(import_graph()) if edge not in KNOWN_EXCEPTIONS]
    assert unexpected == [], "engine must not import render or cli, render must not import cli"


def test_every_known_exception_is_still_needed() -> None:
    stale = sorted(set(KNOWN_EXCEPTIONS) - set(upward_imports(import_graph())))
    assert stale == [], "this upward import is gone: remove it from KNOWN_EXCEPTIONS"


def test_there_is_no_import_cycle() -> None:
    assert cycles(import_graph()) == []


def test_the_graph_sees_the_whole_package() -> None:
    graph = import_graph()
    assert {"pmoplan.cli", "pmoplan.render.plan_table", "pmoplan.loading", "pmoplan.__main__"} <= set(graph)
    assert "pmoplan.render.listing" in graph["pmoplan.render.table"]  # a module-level import
    assert "pmoplan.loading" in graph["pmoplan.cli.options"]  # an import inside a function
    assert "pmoplan.inputs" in graph["pmoplan.strict_yaml"]


def test_the_snapshot_writer_is_a_tool_not_part_of_the_program() -> None:
    assert "pmoplan.loading" not in import_graph()["pmoplan.catalogue_snapshot"]


# --- self-tests: each rule catches what it is for -------------------------------------------------


def test_upward_imports_are_caught() -> None:
    graph = {
        "pmoplan.planner": {"pmoplan.render.listing", "pmoplan.models"},
        "pmoplan.render.table": {"pmoplan.cli.options", "pmoplan.catalogue"},
        "pmoplan.cli.options": {"pmoplan.render.table", "pmoplan.loading"},
        "pmoplan.__main__": {"pmoplan.cli"},
        "pmoplan.inputs": {"pmoplan.__main__"},
    }
    assert upward_imports(graph) == [
        ("pmoplan.inputs", "pmoplan.__main__"),
        ("pmoplan.planner", "pmoplan.render.listing"),
        ("pmoplan.render.table", "pmoplan.cli.options"),
    ]


def test_cycles_are_caught_however_long() -> None:
    graph = {
        "a": {"b"},
        "b": {"c"},
        "c": {"a", "d"},
        "d": set(),
        "e": {"f"},
        "f": {"e"},
    }
    assert cycles(graph) == [["a", "b", "c"], ["e", "f"]]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_imports_inside_functions_and_type_checking_blocks_count() -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "import pmoplan.models\n"
        "from pmoplan import inputs\n"
        "if TYPE_CHECKING:\n"
        "    from pmoplan.render.listing import Listing\n"
        "def f():\n"
        "    from pmoplan.cli.options import notice\n"
        "    import json\n"
    )
    modules = frozenset({"pmoplan.models", "pmoplan.inputs", "pmoplan.render.listing", "pmoplan.cli.options"})
    assert imports_of(source, modules) == set(modules)
