"""Independent work spread over every core: forked workers inherit the inputs, only results travel back."""
from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Sequence

from .errors import WorkerLost

RANGES_PER_WORKER = 64       # small ranges, taken as each process frees up, even out items of uneven cost
_WORK: tuple | None = None   # (function, items, ranges, next range, caller), inherited by forked workers, never pickled
PR_SET_PDEATHSIG = 1         # prctl(2): the signal a Linux process receives when its parent ends


def fork_map(function: Callable, items: Sequence, minimum: int, workers: int | None = None) -> list:
    """[function(item) for item in items], in order; on every core once there are `minimum` items.

    Below that (or on one core, or where processes cannot fork) it runs here: starting workers would
    cost more than it saves. Otherwise this process and one forked worker per other core take small
    ranges of items in turn until none is left. An exception in a worker is raised here, as if the call
    had been local; a worker that dies raises WorkerLost.
    """
    global _WORK
    workers = workers or os.cpu_count() or 1
    if not items or len(items) < minimum or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [function(item) for item in items]
    size = -(-len(items) // (workers * RANGES_PER_WORKER))
    ranges = [(start, min(start + size, len(items))) for start in range(0, len(items), size)]
    context = multiprocessing.get_context("fork")
    taken = context.Value("l", 0)  # index of the next range to take, shared by every process
    _WORK = (function, items, ranges, taken, os.getpid())
    try:
        # An executor, not a Pool: if a worker dies (say, killed for memory) the call fails instead of waiting forever.
        with ProcessPoolExecutor(workers - 1, mp_context=context, initializer=die_with_parent,
                                 initargs=(os.getpid(),)) as executor:
            helpers = [executor.submit(_take_ranges) for _ in range(workers - 1)]
            try:
                done = _take_ranges()
                for helper in helpers:
                    done += helper.result()
            except BaseException:  # here or while waiting for the workers (Ctrl-C, say): they stop after this range
                with taken.get_lock():
                    taken.value = len(ranges)
                raise
    except BrokenProcessPool:
        raise WorkerLost("a worker process stopped unexpectedly (out of memory?); the files already written "
                         "are complete, and the next run finishes the rest") from None
    finally:
        _WORK = None
    done.sort(key=lambda indexed: indexed[0])
    return [result for _, part in done for result in part]


def die_with_parent(parent: int, leave_signals_to_parent: bool = True) -> None:
    """In a child process: end when the parent ends, however it ends, and leave Ctrl-C and SIGTERM to the parent.

    Otherwise a parent killed with SIGKILL would leave its workers writing pages, for ever if they wait on it.
    On Linux the kernel sends SIGKILL when the parent ends; elsewhere _take_ranges checks between ranges.
    """
    if leave_signals_to_parent:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the terminal sends Ctrl-C to every process: the parent answers
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler, inherited through fork
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent ended before prctl took effect
        os._exit(1)


def _take_ranges() -> list[tuple[int, list]]:
    """Apply the function to ranges of items, taking the next free range until none is left."""
    function, items, ranges, taken, caller = _WORK
    done = []
    while True:
        if os.getpid() != caller and os.getppid() != caller:  # a worker whose parent has ended: stop
            os._exit(1)
        with taken.get_lock():
            index = taken.value
            taken.value = index + 1
        if index >= len(ranges):
            return done
        start, end = ranges[index]
        done.append((index, [function(item) for item in items[start:end]]))
