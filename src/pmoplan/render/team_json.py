"""A team report as JSON, streamed.

Exactly ``json.dumps(report.model_dump(mode="json"), indent=2)``, but produced in chunks: each
distinct plan is serialised once and reused for everyone who shares it, so a team of 100,000 is
written without building one enormous document in memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any

from pmoplan.render.reason_text import plan_with_text
from pmoplan.team import TeamReport


def _dump(value: Any, indent: int) -> str:
    """``json.dumps(value, indent=2)`` as it appears ``indent`` levels deep in a larger document."""
    text = json.dumps(value, indent=2, ensure_ascii=False)
    return text.replace("\n", "\n" + "  " * indent) if indent else text


def team_json_chunks(report: TeamReport) -> Iterator[str]:
    """The report's JSON in pieces; joined, exactly ``to_json(report.model_dump(mode="json"))``."""
    plans: dict[int, str] = {}
    fields = list(TeamReport.model_fields)
    yield "{\n"
    for position, name in enumerate(fields):
        end = ",\n" if position < len(fields) - 1 else "\n"
        value = getattr(report, name)
        if name == "people" and value:
            yield '  "people": [\n'
            for index, person in enumerate(value):
                text = plans.get(id(person.plan))
                if text is None:
                    # Each plan's text fields are written from its reason records, once per distinct plan.
                    dumped = plan_with_text(person.plan).model_dump_json(indent=2)
                    text = plans[id(person.plan)] = dumped.replace("\n", "\n      ")
                yield (
                    f'    {{\n      "id": {json.dumps(person.id, ensure_ascii=False)},\n'
                    f'      "name": {json.dumps(person.name, ensure_ascii=False)},\n'
                    f'      "plan": {text}\n    }}{"," if index < len(value) - 1 else ""}\n'
                )
            yield "  ]" + end
            continue
        if name == "lapses" and value:
            yield '  "lapses": [\n'
            last = len(value) - 1
            for index, lapse in enumerate(value):
                body = lapse.model_dump_json(indent=2).replace("\n", "\n    ")
                yield f"    {body}{',' if index < last else ''}\n"
            yield "  ]" + end
            continue
        dumped = value.model_dump(mode="json") if hasattr(value, "model_dump") else _plain(value)
        yield f"  {json.dumps(name)}: {_dump(dumped, 1)}{end}"
    yield "}\n"


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [item.model_dump(mode="json") if hasattr(item, "model_dump") else item for item in value]
    return value
