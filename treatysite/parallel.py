"""Independent work spread over every core: forked workers inherit the inputs, only results travel back."""
from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Sequence

from .errors import WorkerLost

RANGES_PER_WORKER = 64       # small ranges, taken as each process frees up, even out items of uneven cost
_WORK: tuple | None = None   # (function, items, ranges, next range), inherited by forked workers, never pickled


def fork_map(function: Callable, items: Sequence, minimum: int, workers: int | None = None) -> list:
    """[function(item) for item in items], in order; on every core once there are `minimum` items.

    Below that (or on one core, or where processes cannot fork) it runs here: starting workers would
    cost more than it saves. Otherwise this process and one forked worker per other core take small
    ranges of items in turn until none is left. An exception in a worker is raised here, as if the call
    had been local; a worker that dies raises WorkerLost.
    """
    global _WORK
    workers = workers or os.cpu_count() or 1
    if len(items) < minimum or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [function(item) for item in items]
    size = -(-len(items) // (workers * RANGES_PER_WORKER))
    ranges = [(start, min(start + size, len(items))) for start in range(0, len(items), size)]
    context = multiprocessing.get_context("fork")
    taken = context.Value("l", 0)  # index of the next range to take, shared by every process
    _WORK = (function, items, ranges, taken)
    try:
        # An executor, not a Pool: if a worker dies (say, killed for memory) the call fails instead of waiting forever.
        with ProcessPoolExecutor(workers - 1, mp_context=context) as executor:
            helpers = [executor.submit(_take_ranges) for _ in range(workers - 1)]
            try:
                done = _take_ranges()
            except BaseException:
                with taken.get_lock():
                    taken.value = len(ranges)  # the workers stop after their current range
                raise
            for helper in helpers:
                done += helper.result()
    except BrokenProcessPool:
        raise WorkerLost("a worker process stopped unexpectedly (out of memory?); the files already written "
                         "are complete, and the next run finishes the rest") from None
    finally:
        _WORK = None
    done.sort(key=lambda indexed: indexed[0])
    return [result for _, part in done for result in part]


def _take_ranges() -> list[tuple[int, list]]:
    """Apply the function to ranges of items, taking the next free range until none is left."""
    function, items, ranges, taken = _WORK
    done = []
    while True:
        with taken.get_lock():
            index = taken.value
            taken.value = index + 1
        if index >= len(ranges):
            return done
        start, end = ranges[index]
        done.append((index, [function(item) for item in items[start:end]]))
