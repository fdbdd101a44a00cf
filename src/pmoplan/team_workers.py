"""Planning a team's distinct inputs on several cores, with the same result as on one.

The planner is a pure function of the catalogue and a request, so the distinct requests of a
team can be planned in any process. They are cut into consecutive chunks, planned in a process
pool, and collected with an *ordered* map: plan ``i`` is always the plan of request ``i``,
whatever the number of workers and whichever finishes first, so the report is byte for byte the
same as with one worker. An error (a completion date after the plan starts) is raised for the
first failing request in team order, as it would be on one core.

Each worker keeps its own memo tables (:mod:`pmoplan.plan_cache`) and sends back its work
counters with its plans, so the parent's counters count all the work done.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING

from pmoplan import plan_cache
from pmoplan.planner import build_plan

if TYPE_CHECKING:
    from pmoplan.catalogue import Catalogue
    from pmoplan.plan_models import Plan, PlanRequest

PARALLEL_MIN = 400  # distinct requests; below this, starting processes costs more than it saves
CHUNKS_PER_WORKER = 4  # small enough to share the work evenly, large enough to send few messages

_catalogue: Catalogue | None = None  # the catalogue of this worker process


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
    if workers <= 1 or len(requests) < PARALLEL_MIN:
        return _plan_here(catalogue, requests, done, plan)
    size = -(-len(requests) // (workers * CHUNKS_PER_WORKER))
    chunks = [requests[start : start + size] for start in range(0, len(requests), size)]
    plans: list[Plan] = []
    with ProcessPoolExecutor(
        max_workers=min(workers, len(chunks)), mp_context=_context(), initializer=_start, initargs=(catalogue,)
    ) as pool:
        for chunk_plans, work in pool.map(_plan_chunk, chunks):
            plans.extend(chunk_plans)
            for what, n in work.items():
                plan_cache.count(catalogue, what, n)
            if done is not None:
                done(len(plans))
    return plans


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


def _start(catalogue: Catalogue) -> None:
    global _catalogue
    _catalogue = catalogue
    # Plans stay alive in the memo tables until sent: the cyclic collector could free none of them.
    gc.disable()


def _plan_chunk(requests: Sequence[PlanRequest]) -> tuple[list[Plan], dict[str, int]]:
    """Plans of one chunk, and the work counters they added (a worker process)."""
    assert _catalogue is not None, "the pool's initializer sets the catalogue"
    before = plan_cache.counters(_catalogue)
    plans = [build_plan(_catalogue, request) for request in requests]
    after = plan_cache.counters(_catalogue)
    return plans, {what: n - before.get(what, 0) for what, n in after.items() if n != before.get(what, 0)}
