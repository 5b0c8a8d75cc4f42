"""Steps on a Ray cluster: the executor's pool interface (`submit` -> concurrent Future), with
Ray tasks behind it. Optional: `pip install 'medialoom[ray]'`.

    [cluster]
    ray_address = "auto"        # or "HOST:PORT"; MEDIALOOM_RAY_ADDRESS and --ray override it
    retries = 2                 # a step whose worker or node died runs again, at most this often
    gpus_per_model = 1          # GPUs of one neural model actor (0: neural steps on CPUs)
    cpus_per_step = 1           # CPUs an offline step declares
    model_memory_gb = 0         # memory a neural model actor declares (0: none)

    1. connect: one line when the cluster cannot be reached, before anything runs
    2. check(plan, bound): a neural step on a cluster without the GPUs it needs is one line
    3. submit: inputs go through the object store as bytes (each file once per run); offline
       steps are Ray tasks (num_cpus), neural steps go to one long-lived actor per model
       (num_gpus, memory) so the model stays loaded between steps and jobs
    4. a result's bytes are written into the step's work folder on the driver, and the executor
       stores them as it stores a local step's files: same cache keys, seeds and sha256
    5. a worker or node that dies mid-step: the step is sent again (bounded by `retries`), to
       another live node when the cluster has one (each attempt tells the driver's `Attempts`
       actor its node as it starts); each retry is reported as a progress event and kept in the
       output's record (`ray_retries`, naming the node that failed)
"""

from __future__ import annotations

import contextlib
import hashlib
import ipaddress
import os
import socket
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import CancelledError, Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any

from .artifacts import artifacts_in
from .config import Config
from .context import Output, ToolContext, _no_progress
from .errors import BackendUnavailable, UsageError
from .plan import Plan
from .registry import Bound
from .worker import StepFailure, StepOutputs

ENV_ADDRESS = "MEDIALOOM_RAY_ADDRESS"
CONNECT_LOCK = threading.Lock()  # ray.init is once per process


def ray_address(config: Config) -> str | None:
    """--ray (through MEDIALOOM_RAY_ADDRESS) or [cluster] ray_address; None: run locally."""
    value = os.environ.get(ENV_ADDRESS) or config.sections.get("cluster", {}).get("ray_address")
    return str(value).strip() or None if value else None


@dataclass(frozen=True)
class ClusterSettings:
    retries: int = 2
    gpus_per_model: float = 1.0
    cpus_per_step: float = 1.0
    model_memory_gb: float = 0.0

    @classmethod
    def from_config(cls, config: Config) -> ClusterSettings:
        section = config.sections.get("cluster", {})
        try:
            return cls(int(section.get("retries", 2)), float(section.get("gpus_per_model", 1)),
                       float(section.get("cpus_per_step", 1)), float(section.get("model_memory_gb", 0)))
        except (TypeError, ValueError) as exc:
            raise UsageError(f"[cluster] in config.toml: retries, gpus_per_model, cpus_per_step and "
                             f"model_memory_gb are numbers ({exc})") from exc


def _is_loopback(host: str) -> bool:
    try:
        return host == "localhost" or ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _reachable(address: str) -> None:
    """A wrong HOST:PORT is one line now, not Ray's minute of retries."""
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit():
        raise UsageError(f"the Ray address {address!r} is not HOST:PORT or 'auto'; give the head's "
                         "address, e.g. --ray 10.0.0.5:6379")
    try:
        socket.create_connection((host.strip("[]"), int(port)), 3).close()
    except OSError as exc:
        raise UsageError(f"cannot reach the Ray cluster at {address} ({exc.strerror or exc}); start it with "
                         "'ray start --head' there, or fix [cluster] ray_address / --ray") from exc


def _import_ray() -> Any:
    try:
        import ray
    except ModuleNotFoundError as exc:
        raise UsageError("running on a Ray cluster needs ray: pip install 'medialoom[ray]'") from exc
    return ray


# errors of the machinery, not of the step: the step is sent again
def _system_errors(ray: Any) -> tuple[type[BaseException], ...]:
    ex = ray.exceptions
    names = ("WorkerCrashedError", "NodeDiedError", "RayActorError", "ActorUnavailableError",
             "ObjectLostError", "OwnerDiedError", "LocalRayletDiedError")
    return tuple(getattr(ex, n) for n in names if hasattr(ex, n))


@dataclass
class _Call:
    outer: Future
    bound: Bound
    ctx: ToolContext
    kwargs: dict[str, Any]
    report: Callable[[float, str], None]
    attempt: int = 0
    ref: Any = None
    failures: tuple[str, ...] = ()
    avoid: tuple[str, ...] = ()  # nodes an attempt of this step died on
    name: str = field(default_factory=lambda: uuid.uuid4().hex)

    @property
    def key(self) -> str:
        """This attempt's name in the attempts actor (unique across calls, unlike id())."""
        return f"{self.name}-{self.attempt}"


class RayPool:
    """Drop-in for the executor's thread and process pools; one per Session (process)."""

    def __init__(self, ray: Any, address: str, settings: ClusterSettings):
        self.ray = ray
        self.address = address
        self.settings = settings
        self._task: Any = None
        self._remote: Any = None
        self._attempts: Any = None
        self._actors: dict[tuple[str, str], Any] = {}
        self._blobs: dict[str, Any] = {}  # sha256 -> ObjectRef: each input goes up once
        self._calls: dict[Future, _Call] = {}
        self._lock = threading.Lock()
        self._landing = ThreadPoolExecutor(2, thread_name_prefix="medialoom-ray")
        self._system = _system_errors(ray)

    @classmethod
    def connect(cls, address: str, config: Config) -> RayPool:
        settings = ClusterSettings.from_config(config)
        if address != "auto":
            _reachable(address)
            if _is_loopback(address.rpartition(":")[0].strip("[]")):
                # a cluster on this machine's loopback: Ray must not swap 127.0.0.1 for the
                # machine's outward address (ray_local starts such clusters)
                os.environ["RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"] = "0"
                import ray._private.ray_constants as constants

                constants.ENABLE_RAY_CLUSTER = False
        ray = _import_ray()
        if not ray.is_initialized():
            try:
                ray.init(address=address, namespace="medialoom", log_to_driver=False,
                         configure_logging=False)
            except (ConnectionError, RuntimeError, ValueError) as exc:
                raise UsageError(f"cannot connect to the Ray cluster at {address}: {str(exc).splitlines()[0]}; "
                                 "start it with 'ray start --head' or fix [cluster] ray_address / --ray") from exc
        return cls(ray, address, settings)

    # -- before anything runs -----------------------------------------------------------------
    def check(self, plan: Plan, bound: dict[str, Bound]) -> None:
        need = self.settings.gpus_per_model
        neural = [s for s in plan.steps if bound[s.id].family == "neural"]
        if not neural or need <= 0:
            return
        have = float(self.ray.cluster_resources().get("GPU", 0))
        if have < need:
            step = neural[0]
            raise BackendUnavailable(
                f"step {step.id} ({step.tool}, neural) needs {need:g} GPU and the Ray cluster at "
                f"{self.address} has {have:g}; join a GPU worker (ray start --address ... --num-gpus 1) "
                "or set [cluster] gpus_per_model = 0 to run neural steps on CPUs")

    # -- the pool interface --------------------------------------------------------------------
    def submit(self, fn: Any, bound: Bound, ctx: ToolContext, kwargs: dict[str, Any]) -> Future:
        """`fn` is the executor's run_backend; the worker calls it (ray_worker.execute)."""
        call = _Call(Future(), bound, ctx, kwargs, ctx.progress)
        call.outer.set_running_or_notify_cancel()
        with self._lock:
            self._calls[call.outer] = call
        self._launch(call)
        return call.outer

    def abandon(self, futures: list[Future]) -> None:
        """Cancel the cluster tasks behind these futures (a cancelled or interrupted run)."""
        for future in futures:
            with self._lock:
                call = self._calls.pop(future, None)
            if call is not None and call.ref is not None:
                with contextlib.suppress(Exception):  # already finished or gone: nothing to stop
                    self.ray.cancel(call.ref, force=call.bound.family != "neural")
            if call is not None and not call.outer.done():  # the executor waits no longer for it
                call.outer.set_exception(CancelledError("the run was cancelled"))

    def close(self) -> None:
        self._landing.shutdown(wait=False)

    # -- one call --------------------------------------------------------------------------------
    def _launch(self, call: _Call) -> None:
        names, refs = self._inputs(call.kwargs)
        ctx = replace(call.ctx, progress=_no_progress)  # the driver's events stay on the driver
        where = {"attempts": self._attempt_log(), "key": call.key}
        if call.bound.family == "neural":  # a dead actor is restarted by Ray, on a node it picks
            call.ref = self._actor(call.bound).run.remote(call.bound, ctx, call.kwargs, names, *refs, **where)
        else:
            call.ref = self._remote_task(call.avoid).remote(call.bound, ctx, call.kwargs, names, *refs, **where)
        call.ref.future().add_done_callback(lambda f, c=call, r=call.ref: self._landing.submit(self._landed, c, r, f))

    def _landed(self, call: _Call, ref: Any, done: Future) -> None:
        try:
            self._land(call, ref, done)
        except BaseException as exc:  # noqa: BLE001 - a retry that could not be sent: the step fails, never hangs
            if not call.outer.done():
                self._settle(call, exc=exc)

    def _land(self, call: _Call, ref: Any, done: Future) -> None:
        with self._lock:
            if call.outer not in self._calls or call.ref is not ref:
                return  # abandoned
        try:
            result = done.result()
        except self._system as exc:
            if call.attempt < self.settings.retries:
                node = self._node_of(call)
                call.attempt += 1
                why = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
                call.failures += (f"{why[:200]} (node {node or 'unknown'})",)
                if node:
                    call.avoid += (node,)
                with contextlib.suppress(Exception):  # a cancelled run: the retry is abandoned next
                    call.report(0.0, f"retry {call.attempt} of {self.settings.retries}: "
                                     f"the worker stopped ({why[:120]})")
                self._launch(call)
                return
            self._settle(call, exc=exc)
            return
        except BaseException as exc:  # noqa: BLE001 - a task that could not run (unpicklable ...)
            self._settle(call, exc=exc)
            return
        self._settle(call, result=result)

    def _settle(self, call: _Call, result: Any = None, exc: BaseException | None = None) -> None:
        with self._lock:
            self._calls.pop(call.outer, None)
        if exc is not None:
            call.outer.set_exception(exc)
            return
        if isinstance(result, StepFailure):
            call.outer.set_result(result)
            return
        try:
            call.outer.set_result(self._unpack(call, result))
        except OSError as err:
            call.outer.set_result(StepFailure(f"cannot write the step's result on the driver ({err})",
                                              type(err).__name__, 1))

    def _unpack(self, call: _Call, result: Any) -> StepOutputs:
        """The worker's bytes become files in the step's work folder on this machine."""
        call.ctx.workdir.mkdir(parents=True, exist_ok=True)
        outputs = {}
        for name, f in result.files.items():
            path = call.ctx.workdir / f"{name}-{f.name}"
            path.write_bytes(f.data)
            meta = {**f.meta, "ray_node": result.node}
            if call.failures:
                meta["ray_retries"] = list(call.failures)
            outputs[name] = Output(path, f.kind, meta)
        return StepOutputs(outputs, result.seconds)

    def _inputs(self, kwargs: dict[str, Any]) -> tuple[list[str], list[Any]]:
        names, refs = [], []
        for art in artifacts_in(kwargs):
            name = f"{art.sha256}{art.path.suffix}"
            if name in names:
                continue
            with self._lock:
                ref = self._blobs.get(art.sha256)
                if ref is None:
                    ref = self._blobs[art.sha256] = self.ray.put(art.path.read_bytes())
                    if len(self._blobs) > 256:  # the oldest input leaves the driver's table
                        self._blobs.pop(next(iter(self._blobs)))
            names.append(name)
            refs.append(ref)
        return names, refs

    def _remote_task(self, avoid: tuple[str, ...] = ()) -> Any:
        if self._task is None:
            from .ray_worker import execute

            self._remote = self.ray.remote(execute)
            self._task = self._remote.options(num_cpus=self.settings.cpus_per_step, max_retries=0,
                                              scheduling_strategy="SPREAD")
        other = self._other_node(avoid) if avoid else None
        if other is None:
            return self._task
        from ray.util.scheduling_strategies import NodeAffinitySchedulingStrategy

        # soft: should that node go too, the retry runs wherever the cluster can
        return self._remote.options(num_cpus=self.settings.cpus_per_step, max_retries=0,
                                    scheduling_strategy=NodeAffinitySchedulingStrategy(other, soft=True))

    def _other_node(self, avoid: tuple[str, ...]) -> str | None:
        """A live node with the CPUs a step declares, other than those in `avoid` (None: none)."""
        with contextlib.suppress(Exception):  # the cluster's table unreadable: Ray picks, as first
            for node in self.ray.nodes():
                if (node.get("Alive") and node.get("NodeID") not in avoid
                        and float(node.get("Resources", {}).get("CPU", 0)) >= self.settings.cpus_per_step):
                    return str(node["NodeID"])
        return None

    def _attempt_log(self) -> Any:
        with self._lock:
            if self._attempts is None:
                from .ray_worker import Attempts

                actor = self.ray.remote(Attempts).options(num_cpus=0).remote()
                # alive before the first step starts, so even a worker that dies at once has told it
                self.ray.get(actor.node_of.remote(""), timeout=120)
                self._attempts = actor
            return self._attempts

    def _node_of(self, call: _Call) -> str | None:
        """The node the failed attempt started on, as it told the attempts actor."""
        try:
            return self.ray.get(self._attempt_log().node_of.remote(call.key), timeout=10)
        except Exception:  # noqa: BLE001 - unknown: the retry goes where Ray sends it
            return None

    def _actor(self, bound: Bound) -> Any:
        key = (bound.backend.entry, bound.model or "")
        with self._lock:
            if key not in self._actors:
                from .ray_worker import ModelHost

                digest = hashlib.sha256("|".join(key).encode()).hexdigest()[:16]
                options: dict[str, Any] = {
                    "name": f"model-{digest}", "get_if_exists": True, "lifetime": "detached",
                    "num_gpus": self.settings.gpus_per_model, "num_cpus": 1, "max_restarts": 2,
                    "max_concurrency": 8}  # concurrent steps of one model share batches
                if self.settings.model_memory_gb > 0:
                    options["memory"] = int(self.settings.model_memory_gb * (1 << 30))
                self._actors[key] = self.ray.remote(ModelHost).options(**options).remote()
            return self._actors[key]
