"""The planner's caches in the open: memo tables, interned results and ``model_construct`` shortcuts.

A team plan runs the same planner thousands of times over one catalogue, and most of its
decisions repeat: the certification candidates for a level and the courses that matter to them,
the specialist courses for a set of gaps and a capacity, a certificate's renewal route for its
dates. This module is the only place where such results are kept and shared; the planner asks it
with a *table* name and a *key*, and it computes on a miss.

Where the tables live: on the :class:`~pmoplan.catalogue.Catalogue` (``catalogue.memo``), so a
table never outlives its catalogue, and a catalogue copied for another currency
(``dataclasses.replace``) starts empty. Reason records are interned per process (they depend on
nothing but their own fields).

Invariants (``tests/test_plan_cache.py`` holds the code to them):

1. **A key holds everything the computation reads** from the request and the planning state.
   Two inputs that can plan differently never share an entry. The planner builds each key in one
   named function (``planner._*_key``) so that a test can break one on purpose and see a plan
   change: a wrong key must fail a test, not give a wrong plan silently. The keys:

   * certification candidates: level, the done courses that matter at that level, provider,
     lapsed certificates, focus skills;
   * specialist choices: level, those done courses, the open gaps in working order, the year's
     days and budget left and currency, the cap per year, focus, target level, provider;
   * gaps no course closes: level, those done courses, the open gaps, the courses planned this
     year, target level, provider;
   * a certificate's status and renewal route: course, award date, renew-by date, the planned
     courses its route reads with their dates (``renewals.sittings_read``: those earning its
     credits in its window, and its suite's next exam), the plan's start, the person's CPD log;
   * a year, an item, a note or a certificate of the result: every one of its fields;
   * a shared model of plain values (:func:`shared`: a certificate's credit categories and years):
     its type, every field's name, type and value, and the fields given.

   Tables keyed by per-person state are *bounded*: at :data:`TABLE_LIMIT` entries a table
   starts a new generation, and the one before is kept only until the next roll-over, so at
   most twice the limit is held and memory stays flat for any team size. An entry found in
   the previous generation is carried into the new one: what many people share stays shared
   however large the team, and only the per-person entries age out. A generation dropped
   changes nothing but time.

2. **Shared values are never changed.** What a table returns is read, never mutated (a list
   from a table is copied before it is changed); results are frozen models.
3. **Sharing changes identity only.** Interned records and models are compared by value, so a
   plan made with every table empty equals one made from full tables, field for field.
4. **``construct`` only from validated inputs.** :func:`construct` builds a model without
   validation (pydantic's ``model_construct``); the engine uses it for results it computes from
   a validated catalogue and request, never for anything read from a file.

:func:`uncached` turns every table off (each lookup computes, nothing is kept or interned):
the reference the tests compare against. :func:`counters` counts plans and misses, so tests
can check that work grows with distinct inputs, not with people, without a clock.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from pydantic import BaseModel

    from pmoplan.catalogue import Catalogue

T = TypeVar("T")
M = TypeVar("M", bound="BaseModel")

_enabled = True
TABLE_LIMIT = (
    10_000  # entries of a bounded table's generation before a new one starts; two are kept (memory, not answers)
)
_PREVIOUS = "~previous"  # suffix of the name under which a bounded table keeps its previous generation
_COUNTERS = "plan_cache.counters"  # the table of work counters, on the catalogue like the others
_records: dict[tuple[type, tuple[tuple[str, Any], ...], tuple[type, ...]], Any] = {}
_layouts: dict[type, tuple[tuple[str, ...], dict[str, Callable[[], Any]], bool]] = {}
_setattr = object.__setattr__  # pydantic sets up a model's slots the same way (frozen models refuse setattr)
_fields_sets: dict[tuple[type, tuple[str, ...]], set[str]] = {}


def enabled() -> bool:
    """Whether lookups keep and share what they compute (true unless inside :func:`uncached`)."""
    return _enabled


@contextmanager
def uncached() -> Iterator[None]:
    """Within the block, every lookup computes afresh and nothing is interned: the reference plan."""
    global _enabled
    before = _enabled
    _enabled = False
    try:
        yield
    finally:
        _enabled = before


def table(catalogue: Catalogue, name: str) -> dict[Any, Any]:
    """The memo table ``name`` of ``catalogue`` (an empty scratch table when caching is off)."""
    if not _enabled:
        return {}
    return catalogue.memo.setdefault(name, {})


def lookup(catalogue: Catalogue, name: str, key: Hashable, compute: Callable[[], T], *, bounded: bool = False) -> T:
    """The value for ``key`` in table ``name``, computed by ``compute`` on a miss and kept.

    A ``bounded`` table starts a new generation when it reaches :data:`TABLE_LIMIT` entries and
    keeps the one before until the next roll-over, so that tables keyed by per-person state
    (dates, done courses) do not grow with a 100,000-person team while the entries still in use
    survive. Only tables whose keys are values may be bounded: a key made of object ids
    (``planner.years``) is only sound while the objects it names are kept alive by their own table.
    """
    if not _enabled:
        count(catalogue, name)
        return compute()
    memo = catalogue.memo.get(name)
    if memo is None:  # not setdefault: that builds an empty dict on every one of a team's million lookups
        memo = catalogue.memo[name] = {}
    try:
        found: T = memo[key]
    except KeyError:
        if bounded:
            return _bounded_miss(catalogue, name, key, compute)
        count(catalogue, name)
        found = memo[key] = compute()
    return found


def _bounded_miss(catalogue: Catalogue, name: str, key: Hashable, compute: Callable[[], T]) -> T:
    """A key not in the current generation: carried over from the previous one, else computed."""
    previous = catalogue.memo.get(name + _PREVIOUS, {})
    if key in previous:
        found: T = previous[key]
    else:
        count(catalogue, name)
        found = compute()
    memo = catalogue.memo[name]  # looked up again: ``compute`` may have started a new generation
    if len(memo) >= TABLE_LIMIT:
        catalogue.memo[name + _PREVIOUS] = memo  # the older generation is dropped here
        memo = catalogue.memo[name] = {}
    memo[key] = found
    return found


def count(catalogue: Catalogue, what: str, n: int = 1) -> None:
    """Add ``n`` to the work counter ``what`` (a table's misses, or plans made)."""
    counters_of = catalogue.memo.setdefault(_COUNTERS, {})
    counters_of[what] = counters_of.get(what, 0) + n


def counters(catalogue: Catalogue) -> dict[str, int]:
    """The work done so far with ``catalogue``: misses per table, ``plans`` made."""
    return dict(catalogue.memo.get(_COUNTERS, {}))


def clear(catalogue: Catalogue) -> None:
    """Empty every table and counter of ``catalogue``."""
    catalogue.memo.clear()


def construct(model: type[M], **fields: Any) -> M:
    """``model`` built from already validated ``fields``, without validation.

    Fields left out get their defaults, as pydantic's ``model_construct`` gives them, but without
    asking pydantic (it inspects every default factory's signature on each call, which costs more
    than the plan item it builds). ``model_fields_set`` holds only the fields given, as before; the
    models are frozen, so that set is never changed and one set is shared by every model built
    from the same field names (a set per model was a tenth of a large team plan's memory).

    For a model of plain fields (no aliases, no ``model_post_init``, extra fields not allowed: every
    result model of the engine) the instance is set up as ``model_construct`` sets it up, field by
    field in declaration order, without its per-field checks; ``tests/test_plan_cache.py`` compares
    the two for every such model. Any other model goes through ``model_construct`` itself.
    """
    layout = _layouts.get(model)
    if layout is None:
        layout = _layouts[model] = _layout_of(model)
    order, defaults, plain = layout
    if not plain:
        return model.model_construct(**fields)
    names = (model, tuple(fields))
    given = _fields_sets.get(names)
    if given is None:
        given = _fields_sets[names] = set(fields)
    values = {}
    for name in order:
        if name in fields:
            values[name] = fields[name]
        elif name in defaults:
            values[name] = defaults[name]()
    return instance(model, values, given)


def instance(model: type[M], values: dict[str, Any], fields_set: set[str]) -> M:
    """The instance ``model_construct`` makes from ``values`` (in field order) and ``fields_set``.

    For a model of plain fields (see :func:`construct`) from values already validated, and for the
    exact state of any model a worker process sends back (``team_workers``), as unpickling restores it.
    """
    instance = object.__new__(model)
    _setattr(instance, "__dict__", values)
    _setattr(instance, "__pydantic_fields_set__", fields_set)
    _setattr(instance, "__pydantic_extra__", None)
    _setattr(instance, "__pydantic_private__", None)
    return instance


def _layout_of(model: type[BaseModel]) -> tuple[tuple[str, ...], dict[str, Callable[[], Any]], bool]:
    """The field names in declaration order, the defaults, and whether :func:`instance` may build it."""
    plain = (
        not model.__pydantic_root_model__
        and not model.__pydantic_post_init__
        and not model.__private_attributes__
        and model.model_config.get("extra") != "allow"
        and all(info.alias is None and info.validation_alias is None for info in model.model_fields.values())
    )
    return tuple(model.model_fields), _defaults_of(model), plain


def _defaults_of(model: type[BaseModel]) -> dict[str, Callable[[], Any]]:
    from pydantic_core import PydanticUndefined

    found: dict[str, Callable[[], Any]] = {}
    for name, info in model.model_fields.items():
        if info.default_factory is not None:
            found[name] = info.default_factory  # type: ignore[assignment]  # no data-taking factories here
        elif info.default is not PydanticUndefined:
            found[name] = (lambda value: lambda: value)(info.default)
    return found


def shared(catalogue: Catalogue, model: M) -> M:
    """The first model seen with the same type and field values as ``model`` (``model`` itself if new).

    For result models of plain values (dates, numbers, text) that thousands of people repeat, such as
    the credit categories and years of a certificate's cycle: one object serves them all, in memory
    and in what a worker sends back. The key is every field's name, type and value and the fields
    given, so only models that write the same JSON are shared; the table is bounded.
    """
    values = model.__dict__
    key = (type(model), tuple(values.items()), tuple(map(type, values.values())), frozenset(model.model_fields_set))
    return lookup(catalogue, "plan_cache.shared", key, lambda: model, bounded=True)


def record(cls: type[M], **fields: Any) -> M:
    """One shared, immutable record per distinct content (thousands of plans repeat the same few).

    Reason records are frozen and compared by value, so sharing them changes nothing but time and
    memory; they depend on their own fields only, so they are shared across catalogues.
    """
    if not _enabled:
        return construct(cls, **fields)
    # The type of each value is part of the key: 2 and 2.0 are equal, but not the same JSON.
    key = (cls, tuple(fields.items()), tuple(map(type, fields.values())))
    found = _records.get(key)
    if found is None:
        found = _records[key] = construct(cls, **fields)
    result: M = found
    return result
