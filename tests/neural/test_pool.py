"""The model pool: lazy shared loading, LRU eviction under a budget, offload, thread safety."""

from __future__ import annotations

import threading
import time

import pytest
import torch

from medialoom.backends.neural.pool import GB, ModelPool, default_dtype, get_pool, size_bytes

pytestmark = pytest.mark.neural


def linear(n: int, calls: list | None = None):
    def load(dtype):
        if calls is not None:
            calls.append(n)
        torch.manual_seed(n)
        return torch.nn.Linear(n, n).to(dtype)
    return load


def test_size_and_dtype_on_cpu():
    pool = ModelPool(device="cpu")
    with pool.use("a", linear(16)) as lease:
        assert lease.device == "cpu" and lease.dtype == torch.float32 and lease.dtype_name == "float32"
        assert size_bytes(lease.model) == (16 * 16 + 16) * 4
    assert default_dtype("cpu") == torch.float32 and pool.used_bytes("cpu") == 1088


def test_lazy_and_shared_between_threads():
    calls: list = []
    pool = ModelPool(device="cpu")
    slow = linear(8, calls)
    seen = []

    def load(dtype):
        time.sleep(0.05)  # threads arrive while the first load is running
        return slow(dtype)

    def step():
        with pool.use("m", load) as lease:
            seen.append(id(lease.model))

    threads = [threading.Thread(target=step) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert calls == [8] and pool.loads == 1 and len(set(seen)) == 1


def test_lru_eviction_under_a_tiny_cpu_budget():
    one = (16 * 16 + 16) * 4
    pool = ModelPool(cpu_gb=2.5 * one / GB, device="cpu")
    for key in ("a", "b"):
        with pool.use(key, linear(16)):
            pass
    with pool.use("a", linear(16)):  # a becomes most recently used
        pass
    with pool.use("c", linear(16)):
        pass
    assert list(pool.loaded()) == ["a", "c"] and pool.evictions == [("b", "dropped")]
    assert pool.used_bytes("cpu") <= 2.5 * one


def test_models_in_use_are_never_evicted():
    one = (16 * 16 + 16) * 4
    pool = ModelPool(cpu_gb=1.5 * one / GB, device="cpu")
    with pool.use("a", linear(16)) as a:
        with pool.use("b", linear(16)):
            assert set(pool.loaded()) == {"a", "b"}  # over budget rather than break a running step
        assert a.model.weight.shape == (16, 16)
    with pool.use("c", linear(16)):
        pass
    assert list(pool.loaded()) == ["c"]


def test_accelerator_budget_offloads_to_cpu_then_brings_back():
    """'cpu:1' stands in for an accelerator: the policy is the one a GPU gets."""
    one = (16 * 16 + 16) * 4
    pool = ModelPool(gpu_gb=1.5 * one / GB, cpu_gb=1.5 * one / GB, device="cpu:1")
    with pool.use("a", linear(16)) as lease:
        assert lease.device == "cpu:1"
    with pool.use("b", linear(16)):
        pass
    assert pool.loaded() == {"a": "cpu", "b": "cpu:1"} and pool.evictions == [("a", "offloaded")]
    with pool.use("a", linear(16)) as lease:  # back on the accelerator, b offloaded, no reload
        assert lease.device == "cpu:1"
    assert pool.loads == 2 and pool.loaded() == {"b": "cpu", "a": "cpu:1"}
    with pool.use("c", linear(16)):  # host memory full too: the least recently used is dropped
        pass
    assert pool.loaded() == {"a": "cpu", "c": "cpu:1"} and pool.evictions[-2:] == [
        ("b", "dropped"), ("a", "offloaded")]


def test_one_pool_per_budget(config):
    import dataclasses

    assert get_pool(config) is get_pool(config)
    tight = dataclasses.replace(config, memory={"cpu_gb": 1.0})
    assert get_pool(tight) is not get_pool(config) and get_pool(tight).cpu_budget == GB


def test_loads_of_different_models_run_one_at_a_time():
    """from_pretrained and lazy library imports are not thread-safe (meta tensors, partially
    initialised modules): the pool never runs two loaders at once, even for different keys."""
    pool = ModelPool(device="cpu")
    active, most = [0], [0]
    guard = threading.Lock()

    def load(n):
        def loader(dtype):
            with guard:
                active[0] += 1
                most[0] = max(most[0], active[0])
            time.sleep(0.03)
            with guard:
                active[0] -= 1
            return torch.nn.Linear(n, n).to(dtype)
        return loader

    start = threading.Barrier(4)

    def step(i: int) -> None:
        start.wait()
        with pool.use(f"m{i}", load(4 + i)):
            pass

    threads = [threading.Thread(target=step, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert pool.loads == 4 and most[0] == 1


def test_a_lease_says_whether_it_loaded_the_model():
    pool = ModelPool(device="cpu")
    with pool.use("a", linear(8)) as first:
        assert isinstance(first.load_seconds, float) and first.load_seconds >= 0
    with pool.use("a", linear(8)) as again:
        assert again.load_seconds is None and again.model is first.model


def test_a_model_bigger_than_the_host_budget_runs_alone():
    small = (16 * 16 + 16) * 4
    pool = ModelPool(cpu_gb=2 * small / GB, device="cpu")
    with pool.use("a", linear(16)):
        pass
    with pool.use("big", linear(64)) as lease:  # 16.6 kB > the 2.2 kB budget: still runs
        assert lease.model.weight.shape == (64, 64)
    assert pool.loaded() == {"big": "cpu"} and pool.evictions == [("a", "dropped")]
