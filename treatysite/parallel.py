"""Independent work spread over every core: forked workers inherit the inputs, only results travel back."""
from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Sequence

from .errors import WorkerLost

RANGES_PER_WORKER = 64       # small ranges, handed out as workers free up, even out items of uneven cost
_WORK: tuple | None = None   # (function, items), inherited by forked workers, never pickled


def fork_map(function: Callable, items: Sequence, minimum: int, workers: int | None = None) -> list:
    """[function(item) for item in items], in order; on every core once there are `minimum` items.

    Below that (or on one core, or where processes cannot fork) it runs here: starting workers would
    cost more than it saves. An exception in a worker is raised here, as if the call had been local; a
    worker that dies raises WorkerLost.
    """
    global _WORK
    workers = workers or os.cpu_count() or 1
    if len(items) < minimum or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [function(item) for item in items]
    size = -(-len(items) // (workers * RANGES_PER_WORKER))
    ranges = [(start, min(start + size, len(items))) for start in range(0, len(items), size)]
    _WORK = (function, items)
    try:
        # An executor, not a Pool: if a worker dies (say, killed for memory) the map fails instead of waiting forever.
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as executor:
            parts = list(executor.map(_run_range, ranges))
    except BrokenProcessPool:
        raise WorkerLost("a worker process stopped unexpectedly (out of memory?); the files already written "
                         "are complete, and the next run finishes the rest") from None
    finally:
        _WORK = None
    return [result for part in parts for result in part]


def _run_range(bounds: tuple[int, int]) -> list:
    function, items = _WORK
    return [function(item) for item in items[bounds[0]:bounds[1]]]
