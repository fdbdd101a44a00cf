"""Planning a team's distinct inputs on several cores, with the same result as on one.

The planner is a pure function of the catalogue and a request, so the distinct requests of a
team can be planned in any process and in any order. They are planned *grouped*: sorted so that
people alike (level, target, focus, the courses they hold, then the dates) come one after the
other, so each process's memo tables serve a few kinds of people rather than all of them and fill
once per kind. The sorted requests are cut into consecutive chunks, large first and smaller
towards the end so that the processes finish together (:func:`chunk_sizes`), planned in a process
pool, collected with an *ordered* map and put back in team order: plan ``i`` is always the plan of
request ``i``, whatever the number of workers and whichever finishes first, so the report is byte
for byte the same as with one worker. The one error (a completion date after the plan starts) is
checked for every request in team order before any planning, so the first failing person in the
file is named, as on one core.

Each worker keeps its own memo tables (:mod:`pmoplan.plan_cache`) and sends back its work
counters with its plans, so the parent's counters count all the work done. The workers receive
the catalogue and the requests once, as they start (forked: without pickling), and then only where
each chunk starts and ends. A plan is sent back without its request, which the parent already
holds and puts back, and each result model is pickled as its class, values and fields set
(:class:`_ModelPickler`) rather than through pydantic's generic state.
"""

from __future__ import annotations

import gc
import io
import multiprocessing
import os
import pickle
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from pmoplan import plan_cache
from pmoplan.plan_models import Plan
from pmoplan.planner import build_plan, check_dates

if TYPE_CHECKING:
    from pmoplan.catalogue import Catalogue
    from pmoplan.plan_models import PlanRequest

PARALLEL_MIN = 400  # distinct requests; below this, starting processes costs more than it saves
# Chunks shrink as the work left shrinks ("guided" scheduling): each is 1/(SHARE * workers) of the
# requests not yet handed out, never under MIN_CHUNK nor over MAX_CHUNK. Large chunks first keep
# people alike in one process (few memo entries computed twice); small ones last let the processes
# finish together, where equal chunks of very unequal cost left one core idle for up to a chunk's time.
SHARE = 2
MIN_CHUNK = 25  # requests: some 50 ms of planning, far more than the cost of one message
MAX_CHUNK = 2500  # requests: what a worker holds before sending, and what the parent waits for first

_catalogue: Catalogue | None = None  # the catalogue of this worker process
_requests: Sequence[PlanRequest] | None = None  # every request of the team, in planning order


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity where the system says, else all)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def plan_all(
    catalogue: Catalogue,
    requests: Sequence[PlanRequest],
    workers: int,
    done: Callable[[int], None] | None = None,
    plan: Callable[[Catalogue, PlanRequest], Plan] = build_plan,
) -> list[Plan]:
    """The plan of every request, in order; on ``workers`` processes when there are enough requests.

    ``done`` is called now and then with the number of requests planned so far. ``plan`` is the
    planner used in this process (a test wraps it to count calls); workers use ``build_plan``.
    """
    for request in requests:
        check_dates(request)  # the first bad person in file order, before planning anyone
    order = sorted(range(len(requests)), key=lambda index: _group_key(requests[index]))
    grouped = [requests[index] for index in order]
    if workers <= 1 or len(requests) < PARALLEL_MIN:
        planned = _plan_here(catalogue, grouped, done, plan)
    else:
        planned = _plan_in_pool(catalogue, grouped, workers, done)
    plans = list(planned)
    for position, index in enumerate(order):
        plans[index] = planned[position]  # back in team order
    return plans


def _group_key(request: PlanRequest) -> tuple[object, ...]:
    """Sorts people alike next to each other: what the planner's memo keys hold, coarsest first."""
    # Sorted by course, then date: the courses alone come out in sorted order too (one sort, not two).
    done = sorted([(course.course_id, course.completed_on or date.min) for course in request.completed])
    return (
        request.current_level,
        request.target_level,
        request.provider or "",
        tuple(request.focus),
        tuple(sorted(request.gaps.items())) if request.gaps else (),
        request.days_per_year,
        -1.0 if request.budget_per_year is None else request.budget_per_year,
        tuple([course_id for course_id, _ in done]),
        tuple(done),
    )


def _plan_in_pool(
    catalogue: Catalogue, requests: Sequence[PlanRequest], workers: int, done: Callable[[int], None] | None
) -> list[Plan]:
    bounds = []
    start = 0
    for size in chunk_sizes(len(requests), workers):
        bounds.append((start, start + size))
        start += size
    plans: list[Plan] = []
    # The workers get the catalogue and the requests when they start (forked: for free) and are
    # sent only where each chunk starts and ends.
    with ProcessPoolExecutor(
        max_workers=min(workers, len(bounds)),
        mp_context=_context(),
        initializer=_start,
        initargs=(catalogue, requests),
    ) as pool:
        for (first, end), sent in zip(bounds, pool.map(_plan_chunk, bounds), strict=True):
            chunk_plans, work = _received(sent)
            # A plan comes back without its request: the one this process already holds goes back in,
            # in place: the plan was just unpickled, and nothing else refers to it yet.
            for plan, request in zip(chunk_plans, requests[first:end], strict=True):
                plan.__dict__["request"] = request
            plans.extend(chunk_plans)
            for what, n in work.items():
                plan_cache.count(catalogue, what, n)
            if done is not None:
                done(len(plans))
    return plans


def chunk_sizes(count: int, workers: int) -> list[int]:
    """The sizes of the consecutive chunks ``count`` requests are cut into for ``workers`` processes.

    Each chunk is 1/(:data:`SHARE` x ``workers``) of what is left, within :data:`MIN_CHUNK` and
    :data:`MAX_CHUNK` (the last one may be smaller): they never grow, and they sum to ``count``.
    """
    sizes = []
    left = count
    while left > 0:
        size = min(left, MAX_CHUNK, max(MIN_CHUNK, -(-left // (SHARE * workers))))
        sizes.append(size)
        left -= size
    return sizes


def _plan_here(
    catalogue: Catalogue,
    requests: Sequence[PlanRequest],
    done: Callable[[int], None] | None,
    plan: Callable[[Catalogue, PlanRequest], Plan],
) -> list[Plan]:
    step = max(1, len(requests) // 100)
    plans = []
    for request in requests:
        plans.append(plan(catalogue, request))
        if done is not None and len(plans) % step == 0:
            done(len(plans))
    return plans


def _context() -> multiprocessing.context.BaseContext:
    # Fork shares the parent's loaded catalogue for free; elsewhere it is sent to each worker once.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _start(catalogue: Catalogue, requests: Sequence[PlanRequest]) -> None:
    global _catalogue, _requests
    _catalogue = catalogue
    _requests = requests
    # Plans stay alive in the memo tables until sent: the cyclic collector could free none of them.
    gc.disable()


def _plan_chunk(bounds: tuple[int, int]) -> bytes:
    """Plans of the requests from ``bounds[0]`` to ``bounds[1]``, and the work counters they added, to send."""
    assert _catalogue is not None and _requests is not None, "the pool's initializer sets them"
    before = plan_cache.counters(_catalogue)
    # The parent has the requests: sending them back would double their memory there, and the time.
    plans = [_with_request(build_plan(_catalogue, request), None) for request in _requests[bounds[0] : bounds[1]]]
    after = plan_cache.counters(_catalogue)
    return _sent((plans, {what: n - before.get(what, 0) for what, n in after.items() if n != before.get(what, 0)}))


def _with_request(plan: Plan, request: PlanRequest | None) -> Plan:
    """``plan`` with ``request`` in its place (None to send it, the parent's own on arrival); no validation."""
    return plan_cache.construct(Plan, **{**plan.__dict__, "request": request})


class _ModelPickler(pickle.Pickler):
    """Pickles a frozen result model as its class, field values and fields set, nothing more.

    Pydantic pickles each model through ``__getstate__`` and ``__setstate__``, a dictionary of four
    entries per object both ways; a plan is some twenty objects, and a team sends thousands of plans.
    A model with extra fields or private attributes (none of pmoplan's results) is pickled as usual.
    """

    def reducer_override(self, obj: object) -> Any:
        """The reduction of a result model; anything else is pickled as usual."""
        if isinstance(obj, BaseModel) and obj.__pydantic_extra__ is None and not obj.__pydantic_private__:
            return _rebuilt, (type(obj), obj.__dict__, obj.__pydantic_fields_set__)
        return NotImplemented


def _rebuilt(model: type[BaseModel], values: dict[str, Any], fields_set: set[str]) -> BaseModel:
    """The model pickled by :class:`_ModelPickler`: its values and fields set as they were, no validation."""
    return plan_cache.instance(model, values, fields_set)


def _sent(value: object) -> bytes:
    """``value`` pickled for the parent, result models with :class:`_ModelPickler`."""
    buffer = io.BytesIO()
    _ModelPickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return buffer.getvalue()


def _received(sent: bytes) -> tuple[list[Plan], dict[str, int]]:
    """A chunk's plans and work counters, as a worker sent them (from this program's own processes)."""
    received: tuple[list[Plan], dict[str, int]] = pickle.loads(sent)  # noqa: S301
    return received
