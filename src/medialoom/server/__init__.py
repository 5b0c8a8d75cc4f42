"""`medialoom serve`: the HTTP API, the web page and the job worker (FastAPI + uvicorn).

    app.py        create_app(): state, limits, headers, error mapping, the page
    routes.py     /health and /v1: tools, plan, jobs (+ SSE events), artifacts, uploads, sessions
    jobs.py       jobs in SQLite, the worker thread, per-job event logs
    workspace.py  hash-named files, confined plans, pointing plans, the run function
    auth.py       bearer token (MEDIALOOM_TOKEN or DATA/token) and the page's cookie
    uploads.py    sniffing and probing uploaded files
"""

from __future__ import annotations

import argparse
import ipaddress
import sys
from pathlib import Path
from typing import Sequence

from ..errors import UsageError


class OneLineParser(argparse.ArgumentParser):
    """Argument errors are one line (UsageError, exit 2), like the rest of the CLI."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message}; see '{self.prog} --help'")


def _parser() -> argparse.ArgumentParser:
    p = OneLineParser(prog="medialoom serve", description="Serve the HTTP API and the web UI.")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1, loopback only)")
    p.add_argument("--port", type=int, default=8765, help="port to listen on (default 8765)")
    p.add_argument("--data", type=Path, default=None,
                   help="data folder: store, jobs, token (default: MEDIALOOM_HOME)")
    p.add_argument("--ray", metavar="ADDRESS|auto", help="run the jobs' steps on a Ray cluster (HOST:PORT "
                   "of its head, or auto); also [cluster] ray_address; needs medialoom[ray]")
    return p


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _check_port(host: str, port: int) -> None:
    """A busy port is a usage error (exit 2, one line), not uvicorn's exit 3 (medialoom's
    "refused") after a logged traceback-like line."""
    import socket

    try:
        infos = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise UsageError(f"cannot resolve --host {host} ({exc.strerror})") from exc
    family, _, _, _, address = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            raise UsageError(f"cannot listen on {host}:{port} ({exc.strerror}); is another server running "
                             "there? pick another --port") from exc


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    try:
        import uvicorn

        from .app import LOOPBACK_HOSTS, create_app
        from .auth import load_token
    except ModuleNotFoundError as exc:
        raise UsageError(f"'medialoom serve' needs {exc.name}: pip install 'medialoom[server]'") from exc
    from ..config import default_home

    _check_port(args.host, args.port)
    if args.ray:
        from ..cli import _use_ray

        _use_ray(args.ray)
    data = (args.data or default_home()).expanduser().resolve()
    token, generated = load_token(data)
    loopback = is_loopback(args.host)
    if not loopback:
        print(f"medialoom: warning: serving on {args.host}, reachable from other machines; "
              "anyone with the token can run jobs", file=sys.stderr)
    app = create_app(data, token=token, allowed_hosts=LOOPBACK_HOSTS if loopback else None, warm=True)
    app.state.ml.session.remote()  # a Ray cluster that cannot be reached: one line before serving
    from ..safety import LAYERS, enabled

    for layer in LAYERS:  # switched-off layers are announced now, not at the first job
        enabled(app.state.ml.session.config, layer)
    where = "generated and stored in" if generated else "from MEDIALOOM_TOKEN or"
    shown = f"[{args.host}]" if ":" in args.host else args.host
    print(f"medialoom: token ({where} {data / 'token'}): {token}", file=sys.stderr)
    print(f"medialoom: open http://{shown}:{args.port}/?token={token}", file=sys.stderr, flush=True)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0
