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
