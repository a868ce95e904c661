"""fork_map: the same results as a plain loop, in order; failures in workers reach the caller."""
from __future__ import annotations

import os
import time

import pytest

from treatysite.errors import WorkerLost
from treatysite.parallel import fork_map


def test_results_come_back_in_order_whether_forked_or_not():
    items = list(range(1000))
    assert fork_map(lambda x: x * x, items, minimum=0, workers=2) == [x * x for x in items]
    assert fork_map(lambda x: x * x, items, minimum=10**6, workers=2) == [x * x for x in items]
    assert fork_map(lambda x: x * x, [], minimum=0, workers=2) == []   # nothing to do (the preview kept every file)


@pytest.mark.parametrize("where", ["worker", "caller"])
def test_an_exception_is_raised_in_the_caller_wherever_it_happens(where):
    caller = os.getpid()

    def boom(x):
        time.sleep(0.002)  # slow enough that the worker has started before the caller runs out of items
        if (os.getpid() == caller) == (where == "caller"):
            raise ValueError(f"raised in the {where}")
        return x
    with pytest.raises(ValueError, match=f"raised in the {where}"):
        fork_map(boom, list(range(300)), minimum=0, workers=2)


def test_a_worker_that_dies_is_reported_instead_of_waited_for():
    caller = os.getpid()

    def die(x):
        time.sleep(0.002)
        if os.getpid() != caller:  # the caller takes ranges too: only a worker may die
            os._exit(1)
        return x
    with pytest.raises(WorkerLost, match="stopped unexpectedly"):
        fork_map(die, list(range(300)), minimum=0, workers=2)


def test_workers_leave_ctrl_c_and_sigterm_to_their_parent():
    """The terminal sends Ctrl-C to every process: only the parent answers (no traceback from a worker)."""
    import signal
    caller = os.getpid()

    def dispositions(x):
        time.sleep(0.002)
        return os.getpid() != caller, signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)
    previous = signal.signal(signal.SIGTERM, lambda *a: None)  # as build_site.py's handler, inherited through fork
    try:
        found = set(fork_map(dispositions, list(range(300)), minimum=0, workers=2))
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert {(ignored, term) for worker, ignored, term in found if worker} == {(signal.SIG_IGN, signal.SIG_DFL)}


def test_a_worker_whose_parent_has_ended_stops_before_its_next_range(tmp_path):
    """Where the kernel cannot end workers with their parent (not Linux), they check between ranges."""
    import multiprocessing
    from treatysite import parallel
    touched = tmp_path / "touched"
    child = os.fork()
    if child == 0:  # this child plays a worker whose caller is gone (the caller's pid is neither it nor its parent)
        try:
            parallel._WORK = (lambda x: touched.write_text("worked"), [1], [(0, 1)],
                              multiprocessing.get_context("fork").Value("l", 0), 1)
            parallel._take_ranges()
        finally:
            os._exit(0)
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 1
    assert not touched.exists()
