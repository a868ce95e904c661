"""fork_map: the same results as a plain loop, in order; failures in workers reach the caller."""
from __future__ import annotations

import os

import pytest

from treatysite.errors import WorkerLost
from treatysite.parallel import fork_map


def test_results_come_back_in_order_whether_forked_or_not():
    items = list(range(1000))
    assert fork_map(lambda x: x * x, items, minimum=0, workers=2) == [x * x for x in items]
    assert fork_map(lambda x: x * x, items, minimum=10**6, workers=2) == [x * x for x in items]


def test_an_exception_in_a_worker_is_raised_in_the_caller():
    def boom(x):
        if x == 500:
            raise ValueError("item 500")
        return x
    with pytest.raises(ValueError, match="item 500"):
        fork_map(boom, list(range(1000)), minimum=0, workers=2)


def test_a_worker_that_dies_is_reported_instead_of_waited_for():
    def die(x):
        if x == 500:
            os._exit(1)
        return x
    with pytest.raises(WorkerLost, match="stopped unexpectedly"):
        fork_map(die, list(range(1000)), minimum=0, workers=2)
