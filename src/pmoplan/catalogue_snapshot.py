"""A validated snapshot of the shipped catalogue, so everyday commands skip YAML and validation.

Reading, parsing and validating ``levels.yaml`` and ``courses.yaml`` costs about 75 ms of every
command's start-up (importing PyYAML, building the validators, parsing). The shipped catalogue
only changes when a developer edits it, so ``make snapshot`` writes ``data/catalogue.snapshot.json``:
the catalogue exactly as the strict loader produced it, with the SHA-256 of each source file.

At run time the snapshot is used only when those digests match the shipped files byte for byte
and its own content still matches the digest written with it (a snapshot edited or half-merged by
hand is never trusted); otherwise (or with an organisation's ``--data-dir``) the YAML goes through
the strict loader as usual. The models are then rebuilt with ``model_construct``, each nested model
and date typed as the validator typed it, so no validator is built at run time.
``tests/test_catalogue_snapshot.py`` fails when the committed snapshot is stale.
Nothing is ever written at run time: the writer is a developer tool (``tools/write_snapshot.py``),
so this module never needs the loader and the loader can depend on it alone.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import date
from functools import cache, partial
from pathlib import Path
from types import UnionType
from typing import TYPE_CHECKING, Annotated, Any, TypeVar, Union, get_args, get_origin

from pmoplan.catalogue import Catalogue

if TYPE_CHECKING:
    from pydantic import BaseModel

_M = TypeVar("_M", bound="BaseModel")
Converter = Callable[[Any], Any]

SNAPSHOT_FILE = "catalogue.snapshot.json"
SOURCES = ("levels.yaml", "courses.yaml", "rates.yaml")
FORMAT = 2  # 2: the content digest
CONTENT = "content"


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
    """The snapshot file's exact text (stable: sorted keys, one trailing newline), with its content digest.

    The digest is the SHA-256 of the same text with an empty digest, so a reader checks it with one
    replacement and one hash, without serialising the catalogue again.
    """
    unsigned = _text({**document, CONTENT: ""})
    return unsigned.replace(_content_field(""), _content_field(_sha256(unsigned)), 1)


def _text(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _content_field(digest: str) -> str:
    return f'"{CONTENT}": "{digest}"'


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def intact(text: str, document: dict[str, Any]) -> bool:
    """Whether the snapshot's text is exactly what was written with its content digest."""
    claimed = document.get(CONTENT)
    if not isinstance(claimed, str) or len(claimed) != 64:
        return False
    unsigned = text.replace(_content_field(claimed), _content_field(""), 1)
    return unsigned != text and _sha256(unsigned) == claimed


def load_snapshot(data_dir: Path) -> Catalogue | None:
    """The snapshot's catalogue when it is intact and matches the YAML in ``data_dir`` byte for byte, else None."""
    from pmoplan import inputs

    inputs.record(data_dir / SNAPSHOT_FILE, *(data_dir / name for name in SOURCES))
    try:
        text = (data_dir / SNAPSHOT_FILE).read_text(encoding="utf-8")
        document = json.loads(text)
        if document.get("format") != FORMAT or not intact(text, document):
            return None
        for name in SOURCES:
            if document["sources"].get(name) != _digest(data_dir / name):
                return None
        return _construct(document)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _construct(document: dict[str, Any]) -> Catalogue:
    """Rebuild without re-validating: the snapshot was written from validated models.

    Every nested model is built as its own class and every date as a ``date`` (see :func:`_build`),
    so the result equals the strict loader's, type for type; no validator or schema is built.
    """
    from pmoplan.models import Course, Level, RatesFile, RenewalScheme, SkillArea

    return Catalogue(
        skills=tuple(_build(SkillArea, s) for s in document["skills"]),
        levels=tuple(_build(Level, lv) for lv in document["levels"]),
        courses=tuple(_build(Course, c) for c in document["courses"]),
        renewal_schemes=tuple(_build(RenewalScheme, r) for r in document["renewal_schemes"]),
        currency=document["currency"],
        currencies=tuple(document["currencies"]),
        rates=_build(RatesFile, document["rates"]) if document["rates"] is not None else None,
    )


def _build(model: type[_M], data: dict[str, Any]) -> _M:
    """``model`` from its JSON dump, by ``model_construct``, each field typed as the validated model had it."""
    converters = _converters(model)
    values = {
        name: (value if (convert := converters[name]) is None else convert(value)) for name, value in data.items()
    }
    return model.model_construct(**values)


@cache
def _converters(model: type[BaseModel]) -> dict[str, Converter | None]:
    """For each field of ``model``, what turns its JSON value back into the field's type (None: nothing)."""
    return {name: _converter(info.annotation) for name, info in model.model_fields.items()}


def _converter(annotation: Any) -> Converter | None:
    """What turns a JSON value into ``annotation``'s type: nested models, dates, tuples; None if JSON has it."""
    from pydantic import BaseModel

    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        return _converter(args[0])
    if origin in (Union, UnionType):
        options = [_converter(arg) for arg in args if arg is not type(None)]
        if all(option is None for option in options):
            return None
        if len(options) != 1 or options[0] is None:
            return _unsupported(annotation)
        return partial(_optional, options[0])
    if origin is tuple:
        return partial(_tuple, _converter(args[0]) if args else None)
    if origin is list:
        item = _converter(args[0])
        return None if item is None else partial(_list, item)
    if origin is dict:
        item = _converter(args[1])
        return None if item is None else partial(_dict, item)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return partial(_build, annotation)
    if annotation is date:
        return date.fromisoformat
    return None  # str, int, float, bool, literals: JSON keeps them as they were


def _optional(convert: Converter, value: Any) -> Any:
    return None if value is None else convert(value)


def _tuple(convert: Converter | None, value: list[Any]) -> tuple[Any, ...]:
    return tuple(value) if convert is None else tuple(convert(item) for item in value)


def _list(convert: Converter, value: list[Any]) -> list[Any]:
    return [convert(item) for item in value]


def _dict(convert: Converter, value: dict[str, Any]) -> dict[str, Any]:
    return {key: convert(item) for key, item in value.items()}


def _unsupported(annotation: Any) -> Converter:
    """A union of two typed alternatives cannot be told apart in JSON: the snapshot refuses to guess."""
    raise TypeError(f"the snapshot cannot rebuild a field of type {annotation}")
