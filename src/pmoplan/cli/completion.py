"""Shell completion for values: course ids, skill ids, levels and providers (formats are choices).

Each function takes what the user has typed so far and returns ``(value, help)`` pairs. Completion
runs on every Tab, so a broken catalogue or any other problem gives no suggestions, never an error.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from pmoplan.catalogue import Catalogue


def _catalogue(ctx: typer.Context) -> Catalogue | None:
    """The catalogue of this command line (its ``--data-dir`` if given), or None if it cannot be read."""
    from pathlib import Path

    from pmoplan.errors import PmoplanError
    from pmoplan.loading import load_catalogue

    value: Any = ctx.find_root().params.get("data_dir")
    try:
        return load_catalogue(Path(value) if value else None)
    except (PmoplanError, OSError, ValueError):
        return None


def _matching(pairs: list[tuple[str, str]], incomplete: str) -> list[tuple[str, str]]:
    wanted = incomplete.casefold()
    return [(value, about) for value, about in pairs if value.casefold().startswith(wanted)]


def course_ids(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Course ids, each with its title."""
    cat = _catalogue(ctx)
    return _matching([(c.id, c.title) for c in cat.courses], incomplete) if cat else []


def skill_ids(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Skill ids, each with its name."""
    cat = _catalogue(ctx)
    return _matching([(s.id, s.name) for s in cat.skills], incomplete) if cat else []


def levels(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Level numbers, each with its name."""
    cat = _catalogue(ctx)
    return _matching([(str(lv.number), lv.name) for lv in cat.levels], incomplete) if cat else []


def providers(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Provider names as the catalogue spells them."""
    cat = _catalogue(ctx)
    return _matching([(name, "provider") for name in cat.providers()], incomplete) if cat else []
