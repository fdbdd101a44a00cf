"""The inputs of this run: every file a loader read (or looked for), resolved through symlinks.

Loaders record each file they open here, explicit paths and default ones alike (the shipped
catalogue, an organisation's data folder, the default profile, a team folder's profiles). The
output path refuses to write over any of them, with or without ``--force``: a run must never
replace what it was computed from.

The registry is process-wide because one command is one run; the CLI clears it when a command
starts, so runs in one process (tests) never see each other's inputs.
"""

from __future__ import annotations

import os
from pathlib import Path

_INPUTS: set[Path] = set()


def resolved(path: Path) -> Path:
    """``path`` made absolute with every symlink followed (a missing file resolves as far as it can)."""
    try:
        return Path(os.path.realpath(path))
    except (OSError, ValueError):  # a symlink loop or an unencodable name: compare it as written
        return Path(os.path.abspath(path))


def record(*paths: Path) -> None:
    """Note ``paths`` as inputs of this run (whether or not they exist yet)."""
    _INPUTS.update(resolved(path) for path in paths)


def is_input(path: Path) -> bool:
    """Whether writing ``path`` would replace an input of this run."""
    return resolved(path) in _INPUTS


def current() -> frozenset[Path]:
    """Every input recorded so far (resolved paths)."""
    return frozenset(_INPUTS)


def clear() -> None:
    """Forget every input: a new run starts."""
    _INPUTS.clear()
