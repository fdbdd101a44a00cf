"""A validated snapshot of the shipped catalogue, so everyday commands skip YAML and validation.

Reading, parsing and validating ``levels.yaml`` and ``courses.yaml`` costs about 75 ms of every
command's start-up (importing PyYAML, building the validators, parsing). The shipped catalogue
only changes when a developer edits it, so ``make snapshot`` writes ``data/catalogue.snapshot.json``:
the catalogue exactly as the strict loader produced it, with the SHA-256 of each source file.

At run time the snapshot is used only when those digests match the shipped files byte for byte;
otherwise (or with an organisation's ``--data-dir``) the YAML goes through the strict loader as
usual. ``tests/test_catalogue_snapshot.py`` fails when the committed snapshot is stale.
Nothing is ever written at run time: the writer is a developer tool (``tools/write_snapshot.py``),
so this module never needs the loader and the loader can depend on it alone.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from pmoplan.catalogue import Catalogue

SNAPSHOT_FILE = "catalogue.snapshot.json"
SOURCES = ("levels.yaml", "courses.yaml", "rates.yaml")
FORMAT = 1


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot_document(catalogue: Catalogue, data_dir: Path) -> dict[str, Any]:
    """The snapshot of ``catalogue``, built from the files in ``data_dir``."""
    return {
        "format": FORMAT,
        "sources": {name: _digest(data_dir / name) for name in SOURCES},
        "currency": catalogue.currency,
        "currencies": list(catalogue.currencies),
        "rates": catalogue.rates.model_dump(mode="json") if catalogue.rates is not None else None,
        "skills": [s.model_dump(mode="json") for s in catalogue.skills],
        "levels": [lv.model_dump(mode="json") for lv in catalogue.levels],
        "courses": [c.model_dump(mode="json") for c in catalogue.courses],
        "renewal_schemes": [r.model_dump(mode="json") for r in catalogue.renewal_schemes],
    }


def render(document: dict[str, Any]) -> str:
    """The snapshot file's exact text (stable: sorted keys, one trailing newline)."""
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def load_snapshot(data_dir: Path) -> Catalogue | None:
    """The snapshot's catalogue when it matches the YAML in ``data_dir`` byte for byte, else None."""
    from pmoplan import inputs

    inputs.record(data_dir / SNAPSHOT_FILE, *(data_dir / name for name in SOURCES))
    try:
        document = json.loads((data_dir / SNAPSHOT_FILE).read_text(encoding="utf-8"))
        if document.get("format") != FORMAT:
            return None
        for name in SOURCES:
            if document["sources"].get(name) != _digest(data_dir / name):
                return None
        return _construct(document)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _construct(document: dict[str, Any]) -> Catalogue:
    """Rebuild without re-validating: the snapshot was written from validated models."""
    from pmoplan.models import (
        Course,
        CourseCredit,
        CourseRelations,
        Exam,
        ExperienceOption,
        Level,
        Offering,
        RatesFile,
        RenewalScheme,
        SkillArea,
    )

    def relations(data: dict[str, Any] | None) -> CourseRelations | None:
        if data is None:
            return None
        options = [ExperienceOption.model_construct(**option) for option in data.get("experience", [])]
        return CourseRelations.model_construct(**{**data, "experience": options})

    def course(data: dict[str, Any]) -> Course:
        exam = data.get("exam")
        nested = {
            "exam": Exam.model_construct(**exam) if exam else None,
            "relations": relations(data.get("relations")),
            "offerings": [Offering.model_construct(**o) for o in data.get("offerings", [])],
            "credits": [CourseCredit.model_construct(**c) for c in data.get("credits", [])],
        }
        return Course.model_construct(**{**data, **nested})

    def scheme(data: dict[str, Any]) -> RenewalScheme:
        # Few and deeply nested (dates, credit rules): validated from JSON rather than constructed.
        return RenewalScheme.model_validate_json(json.dumps(data))

    return Catalogue(
        skills=tuple(SkillArea.model_construct(**s) for s in document["skills"]),
        levels=tuple(Level.model_construct(**lv) for lv in document["levels"]),
        courses=tuple(course(c) for c in document["courses"]),
        renewal_schemes=tuple(scheme(r) for r in document["renewal_schemes"]),
        currency=document["currency"],
        currencies=tuple(document["currencies"]),
        rates=RatesFile.model_construct(**document["rates"]) if document["rates"] is not None else None,
    )
