"""fork_map: the same results as a plain loop, in order, and errors carried back."""

import os

import pytest

from chatcal.forkmap import WorkerFailed, fork_map, worker_count


def test_results_in_order_from_several_processes():
    items = list(range(500))
    results = fork_map(lambda n: (n * n, os.getpid()), items, workers=2)
    assert [square for square, _ in results] == [n * n for n in items]
    assert len({pid for _, pid in results}) == 2  # the work was really shared


def test_small_inputs_stay_in_this_process():
    assert {pid for pid in fork_map(lambda _: os.getpid(), range(10), workers=2)} == {os.getpid()}


def test_a_worker_error_is_raised_with_its_traceback():
    def fail_on_odd(n):
        if n == 301:
            raise ValueError("odd one out")
        return n

    with pytest.raises(WorkerFailed, match="odd one out"):
        fork_map(fail_on_odd, list(range(400)), workers=2)


def test_worker_count_can_be_set():
    assert worker_count({"CHATCAL_WORKERS": "1"}) == 1
    assert worker_count({}) >= 1
