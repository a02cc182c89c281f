"""fork_map: a map shared among worker processes, for the two steps that are a pure function per item.

The build runs on one machine and its steps are deterministic, so the workers are forked: they inherit the
function and the items, and only results travel back. Small builds (the tests, a few articles) stay in one
process, where starting workers would cost more than it saves.
"""

from __future__ import annotations

import multiprocessing
import os
from typing import Callable, Sequence, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")
# Below this many items one process is as fast: forking workers and collecting their results costs from 10 ms
# to a few tenths of a second, growing with the size of the process and of the results.
PARALLEL_FROM = 200

_task: tuple | None = None


def workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def fork_map(function: Callable[[Item], Result], items: Sequence[Item], processes: int | None = None,
             minimum: int = PARALLEL_FROM) -> list[Result]:
    """[function(item) for item in items], in order; in forked workers when there are enough items."""
    processes = workers() if processes is None else processes
    if processes < 2 or len(items) < minimum or "fork" not in multiprocessing.get_all_start_methods():
        return [function(item) for item in items]
    global _task
    _task = (function, items, processes)
    try:
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            shares = pool.map(_share, range(processes))
    finally:
        _task = None
    results: list = [None] * len(items)
    for first, share in enumerate(shares):
        # Items are dealt out in turn, so that each worker gets a like mix of long and short pages.
        results[first::processes] = share
    return results


def _share(first: int) -> list:
    function, items, processes = _task
    return [function(item) for item in items[first::processes]]
