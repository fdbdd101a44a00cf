"""JSON written without pydantic's serializer (``render/json_out.model_data``) is pydantic's JSON, exactly."""

from __future__ import annotations

import datetime as dt

import pytest

from pmoplan.catalogue_documents import CourseListing, LevelComparison, LevelListing, SkillChange
from pmoplan.loading import load_catalogue, load_catalogue_from_yaml
from pmoplan.render.json_out import model_data, to_json


@pytest.mark.parametrize("loader", [load_catalogue, load_catalogue_from_yaml], ids=["snapshot", "yaml"])
def test_the_catalogue_s_json_is_pydantic_s(loader: object) -> None:
    assert callable(loader)
    catalogue = loader()
    listing = CourseListing(courses=list(catalogue.courses))
    # As text: the same keys in the same order at every level, the same numbers (3.0 stays 3.0).
    assert to_json(model_data(listing)) == to_json(listing.model_dump(mode="json"))
    assert to_json(model_data(CourseListing.model_construct(courses=list(catalogue.courses)))) == to_json(
        listing.model_dump(mode="json")
    )
    levels = LevelListing(skills=list(catalogue.skills), levels=list(catalogue.levels))
    assert to_json(model_data(levels)) == to_json(levels.model_dump(mode="json"))
    for scheme in catalogue.renewal_schemes:  # dates inside
        assert to_json(model_data(scheme)) == to_json(scheme.model_dump(mode="json"))
        assert any(isinstance(s.seen, dt.date) for s in scheme.sources) or not scheme.sources


def test_a_model_with_aliases_goes_through_pydantic() -> None:
    change = SkillChange.model_validate({"skill": "planning", "from": 1, "to": 2})
    assert to_json(model_data(change)) == to_json(change.model_dump(mode="json"))
    assert "from" in model_data(change)
    comparison = LevelComparison.model_validate({"from": 2, "to": 3, "changes": [change]})
    assert to_json(model_data(comparison)) == to_json(comparison.model_dump(mode="json"))


def test_every_kind_of_field_is_written_as_pydantic_writes_it() -> None:
    """Optional floats holding ints, tuples of models, dicts of floats, literals, dates and unions: the
    encoders worked out once per class give pydantic's JSON for each."""
    from typing import Literal

    from pmoplan.models import FrozenModel

    class Part(FrozenModel):
        amount: float
        on: dt.date | None = None

    class Whole(FrozenModel):
        kind: Literal["a", "b"]
        parts: tuple[Part, ...]
        rates: dict[str, float]
        limit: float | None
        tags: list[str]
        mixed: dict[str, str | float | int | None]

    built = Whole.model_construct(
        kind="a",
        parts=(Part.model_construct(amount=3, on=dt.date(2027, 3, 1)), Part.model_construct(amount=2.5, on=None)),
        rates={"GBP": 1, "USD": 1.25},
        limit=4,
        tags=["x"],
        mixed={"n": 3, "f": 1.5, "s": "t", "none": None},
    )
    validated = Whole.model_validate(built.model_dump())
    assert to_json(model_data(built)) == to_json(validated.model_dump(mode="json"))
    assert model_data(built)["limit"] == 4.0 and isinstance(model_data(built)["limit"], float)
