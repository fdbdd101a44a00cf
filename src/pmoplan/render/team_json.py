"""A team report as JSON, streamed.

Exactly ``json.dumps(report.model_dump(mode="json"), indent=2)`` with each plan's texts written from
its reasons, but produced in chunks: each distinct plan year, item and other entry is serialised once
(:mod:`pmoplan.render.plan_json`) and a plan's text is kept only while someone still to be written
shares it, so a team of 100,000 is written without building one enormous document in memory.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from datetime import date
from typing import Any

from pmoplan.render.plan_json import PlanPieces
from pmoplan.team import TeamReport
from pmoplan.team_models import PersonPlan


def _dump(value: Any, indent: int) -> str:
    """``json.dumps(value, indent=2)`` as it appears ``indent`` levels deep in a larger document."""
    text = json.dumps(value, indent=2, ensure_ascii=False)
    return text.replace("\n", "\n" + "  " * indent) if indent else text


CHUNK_CHARS = 1 << 18  # characters per piece yielded: few writes, little held at once
PLAN_DEPTH = 3  # "people" > a person > "plan": where each plan's text sits in the document


def team_json_chunks(report: TeamReport) -> Iterator[str]:
    """The report's JSON in pieces of about :data:`CHUNK_CHARS`; joined, exactly ``to_json`` of its data.

    The report's fields in schema order; people one by one, each plan from the pieces of
    :class:`~pmoplan.render.plan_json.PlanPieces`, a plan shared by several people kept only until
    the last of them is written.
    """
    batch: list[str] = []
    size = 0
    for group in _groups(report):
        batch += group
        size += sum(map(len, group))
        if size >= CHUNK_CHARS:
            yield "".join(batch)
            batch.clear()
            size = 0
    if batch:
        yield "".join(batch)


def _groups(report: TeamReport) -> Iterator[list[str]]:
    """The report's JSON text in groups of pieces (a person's entry is one group; plans share their pieces)."""
    fields = list(TeamReport.model_fields)
    yield ["{\n"]
    for position, name in enumerate(fields):
        end = ",\n" if position < len(fields) - 1 else "\n"
        value = getattr(report, name)
        if name == "people" and value:
            yield ['  "people": [\n']
            yield from _people(value)
            yield ["  ]" + end]
            continue
        if name == "lapses" and value:
            yield ['  "lapses": [\n']
            last = len(value) - 1
            for index, lapse in enumerate(value):
                body = lapse.model_dump_json(indent=2).replace("\n", "\n    ")
                yield [f"    {body}{',' if index < last else ''}\n"]
            yield ["  ]" + end]
            continue
        dumped = value.model_dump(mode="json") if hasattr(value, "model_dump") else _plain(value)
        yield [f"  {json.dumps(name)}: {_dump(dumped, 1)}{end}"]
    yield ["}\n"]


def _people(people: list[PersonPlan]) -> Iterator[list[str]]:
    """Each person's entry; a plan's pieces are remembered while someone still to come shares it."""
    writer = PlanPieces(PLAN_DEPTH)
    users = Counter(id(person.plan) for person in people)
    held: dict[int, list[str]] = {}
    last = len(people) - 1
    for index, person in enumerate(people):
        key = id(person.plan)
        pieces = held.get(key)
        if pieces is None:
            pieces = writer.pieces(person.plan)
        users[key] -= 1
        if users[key]:
            held[key] = pieces
        else:
            held.pop(key, None)  # the last to share it: its text need not be kept
        head = (
            f'    {{\n      "id": {json.dumps(person.id, ensure_ascii=False)},\n'
            f'      "name": {json.dumps(person.name, ensure_ascii=False)},\n'
            '      "plan": '
        )
        yield [head, *pieces, "\n    },\n" if index < last else "\n    }\n"]


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [item.model_dump(mode="json") if hasattr(item, "model_dump") else item for item in value]
    return value
