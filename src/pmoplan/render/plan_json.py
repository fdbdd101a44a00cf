"""Plans as JSON text in pieces, every shared piece written once (for the team report).

A team's plans share most of their parts: for the benchmark's 10,000 people, the 42,000 plan years
are 6,500 distinct objects and the 86,000 items 5,000 (the planner reuses what it built). Writing
each plan whole (``plan_with_text(plan).model_dump_json(indent=2)``) copies and serialises every part
again for every plan. :class:`PlanPieces` writes each distinct entry, year and certificate once, by
identity, and puts a plan together from those texts: the joined pieces are exactly
``plan_with_text(plan).model_dump_json(indent=2)`` as it appears ``depth`` levels deep in a larger
document (every line after the first indented by two spaces per level).

Everything is pydantic's own serialiser, model by model, so numbers and strings are written as the
whole plan's serialiser writes them; ``tests/test_team_json.py`` compares the two.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import BaseModel

    from pmoplan.plan_models import Plan, PlanYear

INDENT = "  "  # pydantic's and json.dumps' indent=2
Writer = Callable[[list[str]], None]  # appends a value's JSON text to a list of pieces


def _texts() -> dict[type, tuple[str, Callable[[Any], str]]]:
    """The entries whose text field is written from their reasons, as ``plan_with_text`` fills them."""
    from pmoplan.plan_models import Milestone, PlanItem, PlanWarning, Unscheduled
    from pmoplan.render.reason_text import item_text, milestone_text, unscheduled_text, warning_text

    return {
        PlanItem: ("why", item_text),
        PlanWarning: ("text", warning_text),
        Milestone: ("text", milestone_text),
        Unscheduled: ("reason", unscheduled_text),
    }


class PlanPieces:
    """Plans' JSON at one depth, from pieces remembered by identity while this writer lives.

    The writer keeps each model it wrote beside its text, so an identity is never reused for
    another object while the text is remembered.
    """

    def __init__(self, depth: int) -> None:
        from pmoplan.plan_models import Plan, PlanYear
        from pmoplan.render.json_out import plain_model

        self._depth = depth
        self._seen: dict[int, tuple[object, list[str]]] = {}
        self._filled = _texts()
        # Put together field by field only while a plan's and a year's JSON are just their fields.
        self._composed = plain_model(Plan) and plain_model(PlanYear)

    def pieces(self, plan: Plan) -> list[str]:
        """The plan's JSON (first line unindented, later lines at this writer's depth), in pieces."""
        depth = self._depth
        if not self._composed:
            from pmoplan.render.reason_text import plan_with_text

            return [_indented(plan_with_text(plan).model_dump_json(indent=2), depth)]
        out: list[str] = []
        field = depth + 1  # where a field's line, and so a list's opening bracket, is
        special = {
            "years": self._list(plan.years, field, self._year),
            "warnings": self._list(plan.warnings, field, self._entry),
            "milestones": self._list(plan.milestones, field, self._entry),
            "certificates": self._list(plan.certificates, field, self._entry),
            "unscheduled": self._list(plan.unscheduled, field, self._entry),
        }
        _model(out, plan, depth, special)
        return out

    def _year(self, year: PlanYear, depth: int) -> list[str]:
        """A plan year: its figures from pydantic, its items each written once (kept as pieces, not copied)."""
        found = self._seen.get(id(year))
        if found is None:
            out: list[str] = []
            _model(out, year, depth, {"items": self._list(year.items, depth + 1, self._entry)})
            found = self._seen[id(year)] = (year, out)
        return found[1]

    def _entry(self, entry: BaseModel, depth: int) -> list[str]:
        """An item, warning, milestone, unscheduled entry or certificate, its text written from its reasons."""
        found = self._seen.get(id(entry))
        if found is None:
            filled = self._filled.get(type(entry))
            shown = entry
            if filled is not None and getattr(entry, "reasons", None):
                field, text = filled
                shown = entry.model_copy(update={field: text(entry)})
            found = self._seen[id(entry)] = (entry, [_indented(shown.model_dump_json(indent=2), depth)])
        return found[1]

    def _list(self, entries: Sequence[Any], depth: int, write: Callable[[Any, int], list[str]]) -> Writer:
        """What writes ``entries`` as a JSON array whose opening bracket's line is at ``depth``."""

        def into(out: list[str]) -> None:
            if not entries:
                out.append("[]")
                return
            pad = "\n" + INDENT * (depth + 1)
            out.append("[")
            for index, entry in enumerate(entries):
                out.append(pad if index == 0 else "," + pad)
                out += write(entry, depth + 1)
            out.append("\n" + INDENT * depth + "]")

        return into


def _model(out: list[str], model: BaseModel, depth: int, special: dict[str, Writer]) -> None:
    """``model`` as a JSON object at ``depth``: ``special`` fields by their writers, the rest by pydantic."""
    plain = _field_texts(model, set(type(model).model_fields) - set(special), depth + 1)
    pad = "\n" + INDENT * (depth + 1)
    out.append("{")
    for index, name in enumerate(type(model).model_fields):
        out.append(f'{pad if index == 0 else "," + pad}"{name}": ')
        writer = special.get(name)
        if writer is None:
            out.append(plain[name])
        else:
            writer(out)
    out.append("\n" + INDENT * depth + "}")


def _field_texts(model: BaseModel, names: set[str], depth: int) -> dict[str, str]:
    """Each named field's value as pydantic writes it within ``model``, for a field line at ``depth``.

    One dump of those fields, cut at its top-level fields: only a top-level line starts with two spaces
    and a quote (nested lines are indented further, strings hold no line breaks).
    """
    if not names:
        return {}
    text = model.model_dump_json(indent=2, include=names)  # '{\n  "a": 1,\n  "b": [\n    2\n  ]\n}'
    values: dict[str, str] = {}
    for part in text[len('{\n  "') : -len("\n}")].split(',\n  "'):
        name, value = part.split('": ', 1)  # field names are identifiers: no quote nor colon in them
        values[name] = _indented(value, depth - 1)
    return values


def _indented(text: str, depth: int) -> str:
    """``text`` (JSON written at depth 0) as it appears ``depth`` levels deep: later lines indented."""
    return text.replace("\n", "\n" + INDENT * depth) if depth else text
