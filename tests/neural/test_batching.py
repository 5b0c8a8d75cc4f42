"""The micro-batcher: concurrent compatible requests share calls, results go to their callers."""

from __future__ import annotations

import threading
import time

import pytest

from medialoom.backends.neural.batching import Batcher

pytestmark = pytest.mark.neural


def test_crowd_is_batched_and_each_caller_gets_its_own_result():
    batcher = Batcher(max_batch=4)
    calls: list[list[int]] = []

    def run(items):
        calls.append(list(items))
        time.sleep(0.05)  # the others arrive while the first batch runs
        return [i * 10 for i in items]

    results: dict[int, int] = {}

    def ask(i: int) -> None:
        results[i] = batcher.submit("g", i, run)

    threads = [threading.Thread(target=ask, args=(i,)) for i in range(9)]
    for t in threads:
        t.start()
        time.sleep(0.002)
    for t in threads:
        t.join()
    assert results == {i: i * 10 for i in range(9)}
    assert sorted(i for c in calls for i in c) == list(range(9))
    assert max(batcher.batches) <= 4 and len(batcher.batches) < 9 and sum(batcher.batches) == 9


def test_groups_never_mix_and_errors_reach_every_caller_of_the_batch():
    batcher = Batcher()
    assert batcher.submit(("a", 64), 1, lambda items: [("a", i) for i in items]) == ("a", 1)
    assert batcher.submit(("b", 32), 2, lambda items: [("b", i) for i in items]) == ("b", 2)

    def broken(items):
        raise ValueError("bad batch")

    with pytest.raises(ValueError, match="bad batch"):
        batcher.submit("c", 1, broken)
    assert batcher.submit("c", 5, lambda items: items) == 5  # the group recovers
