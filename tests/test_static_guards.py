"""Static guards over src/: safety rules that a reviewer should never have to check by eye.

Each rule is an AST check (not a grep, so comments, strings and aliases do not fool it), runs
over every module under src/pmoplan, and has a self-test that feeds it a small bad snippet and
asserts the violation is reported (and a good snippet that it is not), so a guard that has
silently stopped matching fails too.

Rules (docs/bad-inputs.md rows A20, A28 and F3; ARCHITECTURE.md "Invariants"):

* ``yaml-unsafe``: no ``yaml.load``/``full_load``/``unsafe_load``/``FullLoader``/``UnsafeLoader``/
  ``yaml.Loader`` (and their C and ``_all`` variants); reading YAML (``parse``, ``compose``,
  ``safe_load``...) only in strict_yaml.py, and ``yaml.parse`` only with ``Loader=yaml.CSafeLoader``.
  Writing with ``yaml.safe_dump`` is fine.
* ``open-encoding``: every text-mode ``open()``/``Path.open()``/``os.fdopen()``/``NamedTemporaryFile()``
  passes ``encoding=``.
* ``path-text-encoding``: every ``.read_text()``/``.write_text()`` method call passes ``encoding=``.
* ``markup-dynamic``: no f-string, ``%``-formatting, ``+`` concatenation or ``.format()`` given to
  ``console.print``/``log``/``rule``/``input``, ``print_renderables`` or ``Text.from_markup``.
* ``console-markup``: every ``Console(...)`` passes ``markup=False``.
* ``no-print``: no ``print(...)`` (output goes through the helpers in cli/options.py).
* ``cli-heavy-import``: no module-level import of yaml, pydantic, rich or icalendar in
  src/pmoplan/cli/*.py (only inside functions or ``if TYPE_CHECKING:``).
* ``exit-outside-cli``: no ``sys.exit``/``exit``/``quit``/``os._exit``/``raise SystemExit`` outside
  src/pmoplan/cli/__init__.py (errors are raised as PmoplanError and mapped in one place).
"""

from __future__ import annotations

import ast
import functools
import importlib.util
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src"
PACKAGE = SRC / "pmoplan"

HEAVY_MODULES = frozenset({"yaml", "pydantic", "pydantic_core", "rich", "icalendar"})
YAML_FORBIDDEN = frozenset(
    {
        "load",
        "load_all",
        "full_load",
        "full_load_all",
        "unsafe_load",
        "unsafe_load_all",
        "Loader",
        "CLoader",
        "FullLoader",
        "CFullLoader",
        "UnsafeLoader",
        "CUnsafeLoader",
        "FullConstructor",
        "UnsafeConstructor",
        "Constructor",
    }
)
# Loader classes that are never acceptable, whatever module they are reached through.
LOADER_NAMES_ANYWHERE = frozenset({"FullLoader", "CFullLoader", "UnsafeLoader", "CUnsafeLoader"})
YAML_READERS = frozenset({"parse", "compose", "compose_all", "scan", "safe_load", "safe_load_all"})
YAML_READER_HOME = "src/pmoplan/strict_yaml.py"
EXIT_HOME = "src/pmoplan/cli/__init__.py"
MARKUP_METHODS = frozenset({"print", "log", "rule", "input"})


@dataclass(frozen=True, order=True)
class Violation:
    """One broken rule at one place."""

    path: str
    line: int
    rule: str
    code: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: [{self.rule}] {self.code}"


class Module:
    """A parsed module and the names its imports bind."""

    def __init__(self, source: str, path: str) -> None:
        self.source = source
        self.path = path
        self.tree = ast.parse(source, filename=path)
        self.module_aliases: dict[str, str] = {}  # local name -> module ("y" -> "yaml")
        self.imported_names: dict[str, str] = {}  # local name -> "module.name"
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname:
                        self.module_aliases[alias.asname] = alias.name
                    else:
                        top = alias.name.split(".")[0]
                        self.module_aliases[top] = top
            elif isinstance(node, ast.ImportFrom) and node.module:
                for alias in node.names:
                    full = f"{node.module}.{alias.name}"
                    self.imported_names[alias.asname or alias.name] = full
                    if _is_module(full):
                        self.module_aliases[alias.asname or alias.name] = full

    def violation(self, node: ast.AST, rule: str) -> Violation:
        """A violation at ``node``, quoting its source."""
        code = ast.get_source_segment(self.source, node) or ""
        return Violation(self.path, getattr(node, "lineno", 0), rule, " ".join(code.split())[:160])

    def calls(self) -> Iterator[ast.Call]:
        """Every call in the module."""
        return (node for node in ast.walk(self.tree) if isinstance(node, ast.Call))

    def module_of(self, node: ast.expr) -> str | None:
        """The module a name or dotted attribute refers to (``y.loader`` -> ``yaml.loader``), if any."""
        if isinstance(node, ast.Name):
            return self.module_aliases.get(node.id)
        if isinstance(node, ast.Attribute):
            base = self.module_of(node.value)
            return f"{base}.{node.attr}" if base else None
        return None

    def is_yaml(self, node: ast.expr) -> bool:
        """True when ``node`` is the yaml module or one of its submodules."""
        module = self.module_of(node)
        return module is not None and module.split(".")[0] == "yaml"


@functools.cache
def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def _keywords(call: ast.Call) -> dict[str | None, ast.expr]:
    return {kw.arg: kw.value for kw in call.keywords}


def _constant(node: ast.expr | None) -> object:
    return node.value if isinstance(node, ast.Constant) else None


# --- rules -------------------------------------------------------------------------------


def check_yaml(module: Module) -> list[Violation]:
    """``yaml-unsafe``: only the strict C safe loader reads YAML, and only in strict_yaml.py."""
    found = []
    for node in ast.walk(module.tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "yaml":
            names = {alias.name for alias in node.names}
            readers = YAML_READERS if module.path != YAML_READER_HOME else frozenset()
            if names & (YAML_FORBIDDEN | LOADER_NAMES_ANYWHERE | readers):
                found.append(module.violation(node, "yaml-unsafe"))
        if isinstance(node, ast.Attribute) and module.is_yaml(node.value) and node.attr in YAML_FORBIDDEN:
            found.append(module.violation(node, "yaml-unsafe"))
        elif isinstance(node, ast.Attribute) and node.attr in LOADER_NAMES_ANYWHERE:
            found.append(module.violation(node, "yaml-unsafe"))
        elif isinstance(node, ast.Name) and (
            node.id in LOADER_NAMES_ANYWHERE
            or module.imported_names.get(node.id, "").split(".")[0] == "yaml"
            and module.imported_names[node.id].rsplit(".", 1)[1] in YAML_FORBIDDEN | YAML_READERS
        ):
            found.append(module.violation(node, "yaml-unsafe"))
    for call in module.calls():
        func = call.func
        if not (isinstance(func, ast.Attribute) and module.is_yaml(func.value) and func.attr in YAML_READERS):
            continue
        if module.path != YAML_READER_HOME:
            found.append(module.violation(call, "yaml-unsafe"))
            continue
        loader = _keywords(call).get("Loader")
        if not (isinstance(loader, ast.Attribute) and loader.attr == "CSafeLoader" and module.is_yaml(loader.value)):
            found.append(module.violation(call, "yaml-unsafe"))
    return sorted(set(found))


def _mode_argument(call: ast.Call, position: int) -> ast.expr | None:
    keywords = _keywords(call)
    if "mode" in keywords:
        return keywords["mode"]
    return call.args[position] if len(call.args) > position else None


def check_open_encoding(module: Module) -> list[Violation]:
    """``open-encoding``: text-mode opens name their encoding."""
    found = []
    for call in module.calls():
        func = call.func
        mode_position: int
        default_binary = False
        if isinstance(func, ast.Name) and func.id == "open" and func.id not in module.imported_names:
            mode_position = 1
        elif isinstance(func, ast.Attribute) and func.attr in {"open", "fdopen"}:
            owner = module.module_of(func.value)
            if owner == "os" and func.attr == "open":
                continue  # os.open: a file descriptor, no text layer
            if owner is not None and owner not in {"io", "os", "codecs"}:
                continue  # e.g. webbrowser.open, tarfile.open: not a text file
            mode_position = 0 if owner is None else 1  # Path.open(mode) vs io.open(file, mode)
        elif (
            isinstance(func, ast.Name) and func.id in {"NamedTemporaryFile", "TemporaryFile", "SpooledTemporaryFile"}
        ) or (
            isinstance(func, ast.Attribute)
            and func.attr in {"NamedTemporaryFile", "TemporaryFile", "SpooledTemporaryFile"}
        ):
            mode_position, default_binary = 0, True
        else:
            continue
        if "encoding" in _keywords(call):
            continue
        mode = _mode_argument(call, mode_position)
        if mode is None and default_binary:
            continue
        if isinstance(_constant(mode), str) and "b" in str(_constant(mode)):
            continue
        found.append(module.violation(call, "open-encoding"))
    return found


def check_path_text_encoding(module: Module) -> list[Violation]:
    """``path-text-encoding``: ``Path.read_text``/``write_text`` name their encoding."""
    found = []
    for call in module.calls():
        func = call.func
        if not (isinstance(func, ast.Attribute) and func.attr in {"read_text", "write_text"}):
            continue
        if module.module_of(func.value) is not None:
            continue  # a module's own function called read_text/write_text, not a Path method
        if "encoding" not in _keywords(call):
            found.append(module.violation(call, "path-text-encoding"))
    return found


def _is_dynamic_string(node: ast.expr) -> bool:
    """An f-string with placeholders, ``%``-formatting, ``+`` concatenation or ``.format()``."""
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(part, ast.FormattedValue) for part in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        return isinstance(node.left, (ast.Constant, ast.JoinedStr)) and isinstance(_constant(node.left), str | None)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        sides = (node.left, node.right)
        return any(
            isinstance(_constant(side), str) or isinstance(side, ast.JoinedStr) or _is_dynamic_string(side)
            for side in sides
        )
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in {"format", "join"}:
        return isinstance(node.func.value, (ast.Constant, ast.JoinedStr))
    return False


def check_markup(module: Module) -> list[Violation]:
    """``markup-dynamic``: text built from data is never handed to rich as a markup string."""
    found = []
    for call in module.calls():
        func = call.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if isinstance(func, ast.Attribute) and name in MARKUP_METHODS and module.module_of(func.value) is None:
            arguments = call.args
        elif name == "print_renderables":
            arguments = call.args
        elif name in {"from_markup", "render_markup"} or (name == "render" and module.module_of(func) == "rich.markup"):
            arguments = call.args[:1]
            if arguments and not isinstance(arguments[0], ast.Constant):
                found.append(module.violation(call, "markup-dynamic"))
                continue
        else:
            continue
        if any(_is_dynamic_string(argument) for argument in arguments):
            found.append(module.violation(call, "markup-dynamic"))
    return found


def check_console_markup(module: Module) -> list[Violation]:
    """``console-markup``: every rich Console is created with ``markup=False``."""
    found = []
    for call in module.calls():
        func = call.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if name != "Console":
            continue
        markup = _keywords(call).get("markup")
        if not (isinstance(markup, ast.Constant) and markup.value is False):
            found.append(module.violation(call, "console-markup"))
    return found


def check_no_print(module: Module) -> list[Violation]:
    """``no-print``: no ``print()`` (nor ``rich.print``) in the package."""
    return [
        module.violation(call, "no-print")
        for call in module.calls()
        if isinstance(call.func, ast.Name) and call.func.id in {"print", "pprint"}
    ]


def _module_level_imports(body: list[ast.stmt]) -> Iterator[ast.Import | ast.ImportFrom]:
    """Imports that run when the module is imported (not in functions or TYPE_CHECKING blocks)."""
    for statement in body:
        if isinstance(statement, (ast.Import, ast.ImportFrom)):
            yield statement
        elif isinstance(statement, ast.If):
            test = statement.test
            guarded = (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
                isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
            )
            if not guarded:
                yield from _module_level_imports(statement.body)
            yield from _module_level_imports(statement.orelse)
        elif isinstance(statement, ast.Try):
            for block in (statement.body, statement.orelse, statement.finalbody, *(h.body for h in statement.handlers)):
                yield from _module_level_imports(block)
        elif isinstance(statement, (ast.With, ast.For, ast.While)):
            yield from _module_level_imports(statement.body)
        elif isinstance(statement, ast.ClassDef):  # a class body runs at import time
            yield from _module_level_imports(statement.body)


def check_cli_imports(module: Module) -> list[Violation]:
    """``cli-heavy-import``: cli modules import yaml/pydantic/rich/icalendar lazily."""
    if not module.path.startswith("src/pmoplan/cli/"):
        return []
    found = []
    for statement in _module_level_imports(module.tree.body):
        names = [a.name for a in statement.names] if isinstance(statement, ast.Import) else [statement.module or ""]
        if any(name.split(".")[0] in HEAVY_MODULES for name in names):
            found.append(module.violation(statement, "cli-heavy-import"))
    return found


def check_exit(module: Module) -> list[Violation]:
    """``exit-outside-cli``: only the root command group ends the process."""
    if module.path == EXIT_HOME:
        return []
    found = []
    for call in module.calls():
        func = call.func
        if isinstance(func, ast.Attribute) and (
            (func.attr == "exit" and module.module_of(func.value) == "sys")
            or (func.attr == "_exit" and module.module_of(func.value) == "os")
        ):
            found.append(module.violation(call, "exit-outside-cli"))
        elif isinstance(func, ast.Name) and (
            func.id in {"exit", "quit"} or module.imported_names.get(func.id) in {"sys.exit", "os._exit"}
        ):
            found.append(module.violation(call, "exit-outside-cli"))
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Raise) and node.exc is not None:
            raised = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            if isinstance(raised, ast.Name) and raised.id == "SystemExit":
                found.append(module.violation(node, "exit-outside-cli"))
    return found


RULES: dict[str, Callable[[Module], list[Violation]]] = {
    "yaml-unsafe": check_yaml,
    "open-encoding": check_open_encoding,
    "path-text-encoding": check_path_text_encoding,
    "markup-dynamic": check_markup,
    "console-markup": check_console_markup,
    "no-print": check_no_print,
    "cli-heavy-import": check_cli_imports,
    "exit-outside-cli": check_exit,
}

# Violations known today, reported for a fix in src (matched on the rule and the exact code, so
# any new violation still fails). An entry that no longer matches is listed as a skip.
# Fix: wrap the message in rich.text.Text(...) (or write it with the report-style helper); the
# consoles are markup=False today, so this is defence in depth, not a live injection.
KNOWN_VIOLATIONS: frozenset[tuple[str, str, str]] = frozenset()


@functools.cache
def source_modules() -> tuple[Module, ...]:
    """Every module of the package."""
    files = sorted(PACKAGE.rglob("*.py"))
    assert len(files) > 10, f"expected the package sources under {PACKAGE}"
    return tuple(Module(f.read_text(encoding="utf-8"), f.relative_to(REPO).as_posix()) for f in files)


def violations(rule: str) -> list[Violation]:
    """All violations of ``rule`` in src/, known ones left out."""
    found = [v for module in source_modules() for v in RULES[rule](module)]
    return [v for v in found if (v.path, v.rule, v.code) not in KNOWN_VIOLATIONS]


@pytest.mark.parametrize("rule", sorted(RULES))
def test_source_obeys(rule: str) -> None:
    found = violations(rule)
    assert not found, f"{len(found)} violation(s) of {rule}:\n" + "\n".join(map(str, found))


def test_known_violations_are_still_present() -> None:
    current = {(v.path, v.rule, v.code) for m in source_modules() for rule in RULES.values() for v in rule(m)}
    stale = sorted(KNOWN_VIOLATIONS - current)
    if stale:
        pytest.skip(f"fixed in src; remove from KNOWN_VIOLATIONS: {stale}")


# --- self-tests: every guard reports a bad snippet and accepts a good one ----------------

BAD = [
    ("yaml-unsafe", "src/pmoplan/x.py", "import yaml\nyaml.load(text)\n"),
    ("yaml-unsafe", "src/pmoplan/x.py", "import yaml\nyaml.load(text, Loader=yaml.SafeLoader)\n"),
    ("yaml-unsafe", "src/pmoplan/x.py", "import yaml\nyaml.full_load(text)\n"),
    ("yaml-unsafe", "src/pmoplan/x.py", "import yaml\nyaml.unsafe_load(text)\n"),
    ("yaml-unsafe", "src/pmoplan/x.py", "import yaml\nyaml.safe_load(text, Loader=yaml.FullLoader)\n"),
    ("yaml-unsafe", "src/pmoplan/x.py", "import yaml as y\ny.load(text, y.UnsafeLoader)\n"),
    ("yaml-unsafe", "src/pmoplan/x.py", "from yaml import load, Loader\nload(text, Loader)\n"),
    ("yaml-unsafe", "src/pmoplan/x.py", "import yaml\nx = yaml.Loader\n"),
    ("yaml-unsafe", "src/pmoplan/x.py", "from yaml.loader import FullLoader\n"),
    ("yaml-unsafe", "src/pmoplan/x.py", "import yaml\nyaml.safe_load(text)\n"),  # bypasses the strict loader
    ("yaml-unsafe", "src/pmoplan/strict_yaml.py", "import yaml\nyaml.parse(text, Loader=yaml.Loader)\n"),
    ("yaml-unsafe", "src/pmoplan/strict_yaml.py", "import yaml\nyaml.parse(text)\n"),
    ("open-encoding", "src/pmoplan/x.py", "open(path)\n"),
    ("open-encoding", "src/pmoplan/x.py", "open(path, 'w')\n"),
    ("open-encoding", "src/pmoplan/x.py", "open(path, mode='r', newline='')\n"),
    ("open-encoding", "src/pmoplan/x.py", "path.open('w')\n"),
    ("open-encoding", "src/pmoplan/x.py", "import os\nos.fdopen(fd, 'w')\n"),
    ("open-encoding", "src/pmoplan/x.py", "open(path, mode)\n"),  # a mode we cannot prove binary
    ("open-encoding", "src/pmoplan/x.py", "import tempfile\ntempfile.NamedTemporaryFile('w')\n"),
    ("path-text-encoding", "src/pmoplan/x.py", "path.read_text()\n"),
    ("path-text-encoding", "src/pmoplan/x.py", "Path('x').write_text(data)\n"),
    ("path-text-encoding", "src/pmoplan/x.py", "self.path.write_text(data, errors='strict')\n"),
    ("markup-dynamic", "src/pmoplan/x.py", "console.print(f'[bold]{title}')\n"),
    ("markup-dynamic", "src/pmoplan/x.py", "console.print('%s' % title)\n"),
    ("markup-dynamic", "src/pmoplan/x.py", "console.print('title: ' + title)\n"),
    ("markup-dynamic", "src/pmoplan/x.py", "console.print('{}'.format(title))\n"),
    ("markup-dynamic", "src/pmoplan/x.py", "stderr_console().print(f'saved {path}')\n"),
    ("markup-dynamic", "src/pmoplan/x.py", "Console().log(x, f'{y}')\n"),
    ("markup-dynamic", "src/pmoplan/x.py", "print_renderables(table, f'{note}')\n"),
    ("markup-dynamic", "src/pmoplan/x.py", "from rich.text import Text\nText.from_markup(f'[b]{name}')\n"),
    ("markup-dynamic", "src/pmoplan/x.py", "from rich.text import Text\nText.from_markup(name)\n"),
    ("console-markup", "src/pmoplan/x.py", "from rich.console import Console\nConsole()\n"),
    ("console-markup", "src/pmoplan/x.py", "import rich.console\nrich.console.Console(stderr=True)\n"),
    ("console-markup", "src/pmoplan/x.py", "Console(markup=True)\n"),
    ("console-markup", "src/pmoplan/x.py", "Console(**options)\n"),
    ("no-print", "src/pmoplan/x.py", "print('debug')\n"),
    ("no-print", "src/pmoplan/x.py", "from rich import print\nprint(x)\n"),
    ("cli-heavy-import", "src/pmoplan/cli/x.py", "import yaml\n"),
    ("cli-heavy-import", "src/pmoplan/cli/x.py", "from rich.console import Console\n"),
    ("cli-heavy-import", "src/pmoplan/cli/x.py", "import pydantic.fields as f\n"),
    ("cli-heavy-import", "src/pmoplan/cli/x.py", "try:\n    import icalendar\nexcept ImportError:\n    pass\n"),
    ("cli-heavy-import", "src/pmoplan/cli/x.py", "if TYPE_CHECKING:\n    pass\nelse:\n    import rich\n"),
    ("cli-heavy-import", "src/pmoplan/cli/x.py", "class A:\n    from pydantic import BaseModel\n"),
    ("exit-outside-cli", "src/pmoplan/x.py", "import sys\nsys.exit(1)\n"),
    ("exit-outside-cli", "src/pmoplan/cli/plan_commands.py", "import sys\nsys.exit(2)\n"),
    ("exit-outside-cli", "src/pmoplan/x.py", "from sys import exit as bye\nbye(1)\n"),
    ("exit-outside-cli", "src/pmoplan/x.py", "import os\nos._exit(1)\n"),
    ("exit-outside-cli", "src/pmoplan/x.py", "exit(1)\n"),
    ("exit-outside-cli", "src/pmoplan/x.py", "raise SystemExit(1)\n"),
]

GOOD = [
    ("yaml-unsafe", "src/pmoplan/strict_yaml.py", "import yaml\nyaml.parse(text, Loader=yaml.CSafeLoader)\n"),
    ("yaml-unsafe", "src/pmoplan/x.py", "import yaml\nyaml.safe_dump(data, allow_unicode=True)\n"),
    ("yaml-unsafe", "src/pmoplan/x.py", "# yaml.load(text) in a comment\ns = 'yaml.load(x)'\n"),
    ("yaml-unsafe", "src/pmoplan/x.py", "import json\njson.load(handle)\nplugin.load()\n"),
    ("open-encoding", "src/pmoplan/x.py", "open(path, encoding='utf-8')\n"),
    ("open-encoding", "src/pmoplan/x.py", "open(path, 'rb')\nopen(path, mode='wb')\n"),
    ("open-encoding", "src/pmoplan/x.py", "path.open('w', encoding='utf-8', newline='')\n"),
    ("open-encoding", "src/pmoplan/x.py", "import os\nos.open(folder, os.O_RDONLY)\nos.fdopen(fd, 'wb')\n"),
    ("open-encoding", "src/pmoplan/x.py", "import tempfile\ntempfile.NamedTemporaryFile()\n"),
    ("open-encoding", "src/pmoplan/x.py", "import webbrowser\nwebbrowser.open(url)\n"),
    ("path-text-encoding", "src/pmoplan/x.py", "path.read_text(encoding='utf-8')\n"),
    ("path-text-encoding", "src/pmoplan/x.py", "from pmoplan.cli import options\noptions.write_text(data)\n"),
    ("path-text-encoding", "src/pmoplan/x.py", "from pmoplan.strict_yaml import read_text\nread_text(p, 'x')\n"),
    ("markup-dynamic", "src/pmoplan/x.py", "console.print(Text(f'saved {path}'))\n"),
    ("markup-dynamic", "src/pmoplan/x.py", "console.print(table)\nconsole.print('plain words')\n"),
    ("markup-dynamic", "src/pmoplan/x.py", "print_renderables(*parts)\n"),
    ("markup-dynamic", "src/pmoplan/x.py", "Text.from_markup('[bold]Totals[/bold]')\n"),
    ("markup-dynamic", "src/pmoplan/x.py", "import logging\nlogging.log(10, f'{x}')\n"),
    ("console-markup", "src/pmoplan/x.py", "Console(stderr=True, markup=False, highlight=False)\n"),
    ("no-print", "src/pmoplan/x.py", "console.print(x)\nsys.stdout.write('x')\n"),
    ("cli-heavy-import", "src/pmoplan/cli/x.py", "def f():\n    import yaml\n"),
    ("cli-heavy-import", "src/pmoplan/cli/x.py", "if TYPE_CHECKING:\n    from rich.console import Console\n"),
    ("cli-heavy-import", "src/pmoplan/cli/x.py", "import typer\nfrom pmoplan.errors import PmoplanError\n"),
    ("cli-heavy-import", "src/pmoplan/render/x.py", "import rich\n"),  # only cli modules are guarded
    ("exit-outside-cli", "src/pmoplan/cli/__init__.py", "import sys\nsys.exit(1)\n"),
    ("exit-outside-cli", "src/pmoplan/x.py", "import typer\nraise typer.Exit(1)\n"),
]


def _run(rule: str, path: str, snippet: str) -> list[Violation]:
    return RULES[rule](Module(textwrap.dedent(snippet), path))


@pytest.mark.parametrize(("rule", "path", "snippet"), BAD, ids=[f"{r}:{s.strip()[-40:]}" for r, _, s in BAD])
def test_guard_reports_bad_snippet(rule: str, path: str, snippet: str) -> None:
    found = _run(rule, path, snippet)
    assert found, f"{rule} missed:\n{snippet}"
    assert all(v.rule == rule and v.path == path and v.line >= 1 for v in found)


@pytest.mark.parametrize(("rule", "path", "snippet"), GOOD, ids=[f"{r}:{s.strip()[-40:]}" for r, _, s in GOOD])
def test_guard_accepts_good_snippet(rule: str, path: str, snippet: str) -> None:
    assert _run(rule, path, snippet) == []


def test_every_rule_has_self_tests() -> None:
    assert {rule for rule, _, _ in BAD} == set(RULES) == {rule for rule, _, _ in GOOD}
