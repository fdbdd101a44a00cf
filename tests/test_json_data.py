"""JSON written without pydantic's serializer (``render/json_out.model_data``) is pydantic's JSON, exactly."""

from __future__ import annotations

import datetime as dt

import pytest

from pmoplan.loading import load_catalogue, load_catalogue_from_yaml
from pmoplan.models import CourseListing, LevelComparison, LevelListing, SkillChange
from pmoplan.render.json_out import model_data


@pytest.mark.parametrize("loader", [load_catalogue, load_catalogue_from_yaml], ids=["snapshot", "yaml"])
def test_the_catalogue_s_json_is_pydantic_s(loader: object) -> None:
    assert callable(loader)
    catalogue = loader()
    listing = CourseListing(courses=list(catalogue.courses))
    assert model_data(listing) == listing.model_dump(mode="json")
    assert list(model_data(listing)["courses"][0]) == list(listing.model_dump(mode="json")["courses"][0])
    levels = LevelListing(skills=list(catalogue.skills), levels=list(catalogue.levels))
    assert model_data(levels) == levels.model_dump(mode="json")
    for scheme in catalogue.renewal_schemes:  # dates inside
        assert model_data(scheme) == scheme.model_dump(mode="json")
        assert any(isinstance(s.seen, dt.date) for s in scheme.sources) or not scheme.sources


def test_a_model_with_aliases_goes_through_pydantic() -> None:
    change = SkillChange.model_validate({"skill": "planning", "from": 1, "to": 2})
    assert model_data(change) == change.model_dump(mode="json")
    assert "from" in model_data(change)
    comparison = LevelComparison.model_validate({"from": 2, "to": 3, "changes": [change]})
    assert model_data(comparison) == comparison.model_dump(mode="json")
