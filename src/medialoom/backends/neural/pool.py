"""The model pool: every neural backend gets its models here.

    pool = get_pool(ctx.config)                 # one pool per process and memory budget
    with pool.use(key, loader) as lease:        # loads on first use, shared afterwards
        with lease.lock:                        # serialise calls on one (stateful) pipeline
            result = lease.model(...)
        lease.device, lease.dtype_name          # for Output.meta
        lease.load_seconds                      # set when this lease loaded the model, else None
        lease.state                             # per-model dict (batchers, compiled graphs)

`key` names the model (e.g. ("diffusers", "/path/or/hub-id")); `loader(dtype)` builds it on the
CPU in that dtype (`from_pretrained(path, dtype=dtype)`); the pool measures its size, makes room
and moves it to the device. `loading.transformers_model(ctx, "ModelClass", "ProcessorClass")`
and `diffusion.pipeline(ctx, "PipelineClass")` wrap this for transformers and diffusers.

Policy:
  * device: cuda, then mps, then cpu (`MEDIALOOM_DEVICE` overrides); dtype: bf16 on CUDA that
    supports it (fp16 otherwise), fp16 on MPS, fp32 on CPU (a loader may ask for another).
  * budget: `[memory] gpu_gb` for the accelerator and `cpu_gb` for host memory; by default
    measured: 85 % of the accelerator's memory (CUDA, MPS) and 60 % of the host's RAM. A model that does not fit on the accelerator evicts the least recently used idle
    models there: they are offloaded to host memory if it has room (made by dropping its least
    recently used idle models), dropped otherwise. A model
    that still does not fit runs with diffusers' model CPU offload (pipelines) or on the CPU.
    Host memory evicts least recently used idle models the same way (dropped); a model bigger
    than the host budget drops every idle model there and runs alone.
  * models in use (an open lease) are never evicted; the budget is exceeded rather than a
    running step broken.
  * thread-safe: concurrent steps asking for one key wait for a single load and share it.
    Loads of different models run one at a time (`LOAD_LOCK`): from_pretrained and the lazy
    imports of diffusers/transformers/accelerate patch module-level state (meta-device init,
    partially initialised modules) and break when two threads load at once.
"""

from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any, Callable, Hashable, Iterator

GB = 1024 ** 3
Loader = Callable[[Any], Any]  # loader(torch.dtype) -> model on the CPU
LOAD_LOCK = threading.RLock()  # one load or lazy library import at a time, process-wide


def detect_device() -> str:
    """cuda, mps or cpu (MEDIALOOM_DEVICE overrides)."""
    forced = os.environ.get("MEDIALOOM_DEVICE")
    if forced:
        return forced
    import torch

    if torch.cuda.is_available():
        return "cuda"
    if getattr(torch.backends, "mps", None) and torch.backends.mps.is_available():
        return "mps"
    return "cpu"


def default_dtype(device: str) -> Any:
    import torch

    if device.startswith("cuda"):
        return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
    if device.startswith("mps"):
        return torch.float16
    return torch.float32


def modules_of(obj: Any) -> list[Any]:
    """The torch modules inside a model, a diffusers pipeline or a dataclass bundle."""
    import torch

    if isinstance(obj, torch.nn.Module):
        return [obj]
    if hasattr(obj, "components") and isinstance(obj.components, dict):
        return [m for m in obj.components.values() if isinstance(m, torch.nn.Module)]
    if is_dataclass(obj):
        return [m for f in fields(obj) for m in modules_of(getattr(obj, f.name))]
    return []


def size_bytes(obj: Any) -> int:
    """Bytes of parameters and buffers (each tensor counted once)."""
    seen: set[int] = set()
    total = 0
    for module in modules_of(obj):
        for t in list(module.parameters()) + list(module.buffers()):
            if id(t) not in seen:
                seen.add(id(t))
                total += t.numel() * t.element_size()
    return total


def move(obj: Any, device: str) -> None:
    """Put a model, pipeline or bundle on a device."""
    if hasattr(obj, "components") and hasattr(obj, "to"):
        obj.to(device)
        return
    for module in modules_of(obj):
        module.to(device)


@dataclass
class Entry:
    key: Hashable
    model: Any
    size: int
    dtype: Any
    place: str              # the device it is on, or "offload" (diffusers model CPU offload)
    refs: int = 0
    last_used: float = field(default_factory=time.monotonic)
    lock: threading.RLock = field(default_factory=threading.RLock)
    state: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Lease:
    """A model in use. `lock` serialises calls on it (pipelines keep scheduler state);
    `state` is a dict that lives as long as the loaded model (e.g. its batcher)."""

    model: Any
    device: str
    dtype: Any
    lock: threading.RLock
    state: dict[str, Any]
    load_seconds: float | None = None  # set when this lease loaded the model (None: shared)

    @property
    def dtype_name(self) -> str:
        return str(self.dtype).removeprefix("torch.")

    @property
    def compute_device(self) -> str:
        """Where inputs go: the accelerator for offloaded pipelines too."""
        return self.device.removeprefix("offload:")


class ModelPool:
    """Lazy, shared, budgeted models. See the module docstring for the policy."""

    def __init__(self, gpu_gb: float | None = None, cpu_gb: float | None = None,
                 device: str | None = None):
        self.device = device or detect_device()
        self.gpu_budget = int(gpu_gb * GB) if gpu_gb else None
        self.cpu_budget = int(cpu_gb * GB) if cpu_gb else None
        self._entries: OrderedDict[Hashable, Entry] = OrderedDict()
        self._loading: set[Hashable] = set()
        self._cond = threading.Condition()
        self.loads = 0
        self.evictions: list[tuple[Hashable, str]] = []  # (key, "offloaded" | "dropped")

    # -- public ------------------------------------------------------------------------------
    @contextmanager
    def use(self, key: Hashable, loader: Loader, dtype: Any = None) -> Iterator[Lease]:
        """Lease the model under `key`, loading it with `loader(dtype)` on first use."""
        entry, seconds = self._acquire(key, loader, dtype)
        try:
            yield Lease(entry.model, entry.place if entry.place != "offload"
                        else f"offload:{self.device}", entry.dtype, entry.lock, entry.state, seconds)
        finally:
            with self._cond:
                entry.refs -= 1
                entry.last_used = time.monotonic()
                self._cond.notify_all()

    def loaded(self) -> dict[Hashable, str]:
        """Key -> where the model is (device name or 'offload'), least recently used first."""
        with self._cond:
            return {k: e.place for k, e in self._entries.items()}

    def used_bytes(self, tier: str) -> int:
        """Bytes held on the accelerator ('gpu') or in host memory ('cpu')."""
        with self._cond:
            return self._used(tier)

    def clear(self) -> None:
        with self._cond:
            for key in [k for k, e in self._entries.items() if e.refs == 0]:
                del self._entries[key]

    # -- internals ---------------------------------------------------------------------------
    def _acquire(self, key: Hashable, loader: Loader, dtype: Any) -> tuple[Entry, float | None]:
        """The entry, and the seconds its load took when this call loaded it."""
        with self._cond:
            while key in self._loading:
                self._cond.wait()
            entry = self._entries.get(key)
            if entry is not None:
                entry.refs += 1
                entry.last_used = time.monotonic()
                self._entries.move_to_end(key)
                if entry.place == "cpu" and self.device != "cpu":
                    self._place(entry)  # offloaded earlier: bring it back
                return entry, None
            self._loading.add(key)
        try:
            dtype = dtype if dtype is not None else default_dtype(self.device)
            start = time.monotonic()
            with LOAD_LOCK:
                model = loader(dtype)
            entry = Entry(key, model, size_bytes(model), dtype, "cpu", refs=1)
            with self._cond:
                self.loads += 1
                self._entries[key] = entry
                self._place(entry)
            return entry, round(time.monotonic() - start, 3)
        finally:
            with self._cond:
                self._loading.discard(key)
                self._cond.notify_all()

    def _tier(self, place: str) -> str:
        if place == "pending":  # being placed: counts nowhere until it lands
            return "none"
        return "cpu" if place in ("cpu", "offload") else "gpu"

    def _used(self, tier: str, skip: Entry | None = None) -> int:
        return sum(e.size for e in self._entries.values() if e is not skip and self._tier(e.place) == tier)

    def _place(self, entry: Entry) -> None:
        """Move a CPU-resident entry to the accelerator if it fits (after evictions)."""
        entry.place = "pending"
        if self.device != "cpu" and self._make_room("gpu", entry):
            move(entry.model, self.device)
            entry.place = self.device
            return
        entry.place = "cpu"
        if hasattr(entry.model, "enable_model_cpu_offload") and self.device.startswith("cuda"):
            entry.model.enable_model_cpu_offload(device=self.device)
            entry.place = "offload"
        if not self._make_room("cpu", entry):  # bigger than the budget: it runs alone
            for other in [e for e in self._entries.values() if e is not entry and e.refs == 0
                          and self._tier(e.place) == "cpu"]:
                self._evict(other, "cpu")

    def _make_room(self, tier: str, entry: Entry) -> bool:
        """Evict idle models (least recently used first) until `entry` fits in `tier`."""
        budget = self.gpu_budget if tier == "gpu" else self.cpu_budget
        if budget is None:
            return True
        if entry.size > budget:
            return False
        for other in list(self._entries.values()):
            if self._used(tier, skip=entry) + entry.size <= budget:
                break
            if other is entry or other.refs > 0 or self._tier(other.place) != tier:
                continue
            self._evict(other, tier)
        return self._used(tier, skip=entry) + entry.size <= budget

    def _evict(self, entry: Entry, tier: str) -> None:
        """Offload an accelerator entry to host memory (making room there, LRU first), else drop it."""
        if tier == "gpu" and entry.place != "offload" and self._make_room("cpu", entry):
            move(entry.model, "cpu")
            entry.place = "cpu"
            self.evictions.append((entry.key, "offloaded"))
            return
        del self._entries[entry.key]
        self.evictions.append((entry.key, "dropped"))
        if tier == "gpu":
            _empty_cache()


def _empty_cache() -> None:
    import torch

    if torch.cuda.is_available():
        torch.cuda.empty_cache()


_POOLS: dict[tuple, ModelPool] = {}
_POOLS_LOCK = threading.Lock()


def measured_gb(device: str) -> tuple[float | None, float | None]:
    """(accelerator, host) budgets in GB when the config sets none: 85 % of the accelerator's
    memory, 60 % of physical RAM (the rest is for activations, the OS and other programs)."""
    gpu = None
    if device.startswith("cuda"):
        import torch

        gpu = 0.85 * torch.cuda.mem_get_info()[1] / GB
    elif device.startswith("mps"):
        import torch

        gpu = 0.85 * torch.mps.recommended_max_memory() / GB
    try:
        host = 0.6 * os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") / GB
    except (ValueError, OSError, AttributeError):
        host = None
    return gpu, host


def get_pool(config: Any = None) -> ModelPool:
    """The process's pool for the memory budget in `config.memory` ({"gpu_gb", "cpu_gb"}),
    measured from the machine where the config says nothing."""
    memory = dict(getattr(config, "memory", None) or {})
    key = (memory.get("gpu_gb"), memory.get("cpu_gb"), os.environ.get("MEDIALOOM_DEVICE"))
    with _POOLS_LOCK:
        pool = _POOLS.get(key)
        if pool is None:
            device = detect_device()
            gpu, host = measured_gb(device)
            pool = _POOLS[key] = ModelPool(memory.get("gpu_gb") or gpu, memory.get("cpu_gb") or host, device)
        return pool
