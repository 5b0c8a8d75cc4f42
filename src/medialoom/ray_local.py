"""A real two-node Ray cluster on this machine, on loopback only, for tests and `bench/scale.py`.

    with LocalCluster(cpus_per_node=2, nodes=2, env={"PYTHONPATH": ...}) as cluster:
        cluster.address          # "127.0.0.1:PORT", for [cluster] ray_address or --ray

The head is `ray start --head --block`, the second node `ray start --block --address ...`, each in
its own process group, so stopping ends exactly the processes this object started (never
`ray stop`, which ends every Ray process of the machine). Ray would announce the machine's
outward address; `RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER=0` keeps every node on 127.0.0.1, and the
joining node is started through `_join_main`, which lifts only the check that refuses a second
node in that mode.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Self

from .errors import UsageError

LOOPBACK = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((LOOPBACK, 0))
        return int(s.getsockname()[1])


def _ray_binary() -> str:
    ray = Path(sys.executable).with_name("ray")
    if not ray.exists():
        raise UsageError("the Ray cluster needs ray: pip install 'medialoom[ray]'")
    return str(ray)


class LocalCluster:
    def __init__(self, cpus_per_node: int = 2, nodes: int = 2, env: dict[str, str] | None = None,
                 object_store_mb: int = 100, start_timeout: float = 120.0):
        self.cpus = cpus_per_node
        self.nodes = nodes
        self.port = free_port()
        self.address = f"{LOOPBACK}:{self.port}"
        self.temp = Path(tempfile.mkdtemp(prefix="mlray-", dir="/tmp"))  # short: socket paths
        self.env = {**os.environ, **(env or {}), "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER": "0",
                    "RAY_USAGE_STATS_ENABLED": "0"}
        self.store_bytes = object_store_mb << 20
        self.timeout = start_timeout
        self.processes: list[subprocess.Popen] = []

    def __enter__(self) -> Self:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        common = ["--block", f"--num-cpus={self.cpus}", "--num-gpus=0",
                  f"--object-store-memory={self.store_bytes}", "--disable-usage-stats"]
        self._spawn([_ray_binary(), "start", "--head", f"--node-ip-address={LOOPBACK}",
                     f"--port={self.port}", "--include-dashboard=false", f"--temp-dir={self.temp}",
                     *common], "head")
        self._wait_port()
        for n in range(1, self.nodes):
            self._spawn([sys.executable, "-c", "from medialoom.ray_local import _join_main; _join_main()",
                         "start", f"--address={self.address}", *common], f"node{n}")
        self._wait_nodes()

    def _spawn(self, argv: list[str], name: str) -> None:
        with open(self.temp / f"{name}.log", "wb") as log:  # the child keeps its own copy
            self.processes.append(subprocess.Popen(argv, env=self.env, stdout=log, stderr=subprocess.STDOUT,
                                                   stdin=subprocess.DEVNULL, start_new_session=True))

    def _wait_port(self) -> None:
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            self._check_alive()
            try:
                socket.create_connection((LOOPBACK, self.port), 1).close()
                return
            except OSError:
                time.sleep(0.3)
        raise UsageError(f"the local Ray head did not start in {self.timeout:.0f} s; see {self.temp}/head.log")

    def _wait_nodes(self) -> None:
        """Until the cluster lists every node alive (asked with `ray status`-free GCS calls)."""
        deadline = time.monotonic() + self.timeout
        code = ("import ray,sys; ray.init(address=sys.argv[1], log_to_driver=False); "
                "print(sum(n['Alive'] for n in ray.nodes()))")
        while time.monotonic() < deadline:
            self._check_alive()
            out = subprocess.run([sys.executable, "-c", code, self.address], env=self.env, check=False,
                                 capture_output=True, text=True, timeout=self.timeout).stdout.strip()
            if out.isdigit() and int(out) >= self.nodes:
                return
            time.sleep(1)
        raise UsageError(f"the local Ray cluster did not reach {self.nodes} nodes; see {self.temp}")

    def _check_alive(self) -> None:
        for p in self.processes:
            if p.poll() is not None:
                raise UsageError(f"a local Ray node exited ({p.returncode}); see the logs in {self.temp}")

    def stop(self) -> None:
        """End the nodes this object started: SIGTERM to each group, SIGKILL what is left."""
        for p in reversed(self.processes):
            _signal_group(p, signal.SIGTERM)
        deadline = time.monotonic() + 15
        for p in reversed(self.processes):
            try:
                p.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                pass
            _signal_group(p, signal.SIGKILL)
        for p in self.processes:
            try:
                p.wait(5)
            except subprocess.TimeoutExpired:
                pass
        self.processes.clear()
        shutil.rmtree(self.temp, ignore_errors=True)  # the nodes' sockets and logs


def _signal_group(p: subprocess.Popen, sig: int) -> None:
    try:
        os.killpg(p.pid, sig)  # the node's group: its raylet, store and workers
    except (ProcessLookupError, PermissionError):
        pass


def _join_main() -> None:
    """`ray start --address ...` for a second node on the loopback-only machine."""
    import ray._private.ray_constants as constants
    from ray._private import services
    from ray.scripts.scripts import main

    constants.ENABLE_RAY_CLUSTER = True  # lift "multi-node needs RAY_ENABLE_..."; addresses stay loopback
    services.get_node_ip_address = lambda address=None: LOOPBACK  # type: ignore[assignment]
    sys.argv = ["ray", *sys.argv[1:]]
    main()
