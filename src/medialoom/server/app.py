"""The FastAPI application: `create_app(data_dir, ...)` wires Session, the job store and worker,
auth, limits and the web page. No CORS middleware: other origins cannot read responses, and
browsers' preflights for JSON posts fail, which is what a local tool wants."""

from __future__ import annotations

from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, AsyncIterator

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from ..config import load_config
from ..errors import MedialoomError, PlanError, SafetyRefusal, UsageError
from ..session import Session
from .auth import COOKIE, load_token, token_matches
from .jobs import EventHub, JobRunner, JobStore
from .scheduler import default_max_jobs
from .workspace import Workspace

LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "::1", "[::1]"]
# the vendored <model-viewer> compiles WebAssembly decoders ('wasm-unsafe-eval', no JS eval) and
# styles its shadow DOM inline ('unsafe-inline' for styles only; scripts stay 'self')
CSP = ("default-src 'self'; img-src 'self' blob: data:; media-src 'self' blob:; connect-src 'self'; "
       "script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; object-src 'none'; "
       "frame-ancestors 'none'; base-uri 'none'")


@dataclass(frozen=True)
class Limits:
    upload_bytes: int = 200 << 20     # one uploaded file
    body_bytes: int = 1 << 20         # any other request body (plans, requests)
    plan_steps: int = 64
    request_chars: int = 4000
    queued_jobs: int = 16
    max_jobs: int = field(default_factory=default_max_jobs)  # jobs running at the same time

    @classmethod
    def from_config(cls, section: dict[str, Any]) -> "Limits":
        """[server] upload_mb, body_kb, plan_steps, request_chars, queued_jobs, max_jobs in config.toml."""
        base = cls()
        try:
            return cls(int(section.get("upload_mb", base.upload_bytes >> 20)) << 20,
                       int(section.get("body_kb", base.body_bytes >> 10)) << 10,
                       int(section.get("plan_steps", base.plan_steps)),
                       int(section.get("request_chars", base.request_chars)),
                       int(section.get("queued_jobs", base.queued_jobs)),
                       max(1, int(section.get("max_jobs", base.max_jobs))))
        except (TypeError, ValueError) as exc:
            raise UsageError(f"[server] in config.toml: limits are whole numbers ({exc})") from exc


@dataclass
class ServerState:
    token: str
    limits: Limits
    session: Session
    jobs: JobStore
    hub: EventHub
    runner: JobRunner
    workspace: Workspace
    data_dir: Path


def create_app(data_dir: Path | None = None, *, session: Session | None = None,
               token: str | None = None, limits: Limits | None = None,
               allowed_hosts: list[str] | None = None, start_worker: bool = True,
               warm: bool = False) -> FastAPI:
    """The app over one data folder (store, jobs.sqlite, token, files/): `data_dir`, or the home
    of the given session. `allowed_hosts` limits the Host header (the CLI passes loopback names
    when bound to loopback)."""
    if session is None:
        session = Session(load_config(Path(data_dir) if data_dir else None))
    data = session.config.home  # the store, jobs, token and files share one folder
    data.mkdir(parents=True, exist_ok=True)
    token = token or load_token(data)[0]
    limits = limits or Limits.from_config(session.config.sections.get("server", {}))
    session.share_pools()  # concurrent jobs interleave on one set of warm workers
    jobs = JobStore(data / "jobs.sqlite")
    hub = EventHub()
    workspace = Workspace(session, data / "files", jobs)
    runner = JobRunner(jobs, hub, workspace.run, limits.queued_jobs, limits.max_jobs)
    state = ServerState(token, limits, session, jobs, hub, runner, workspace, data)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if warm:  # `medialoom serve`: worker processes started and loaded before the first job
            await run_in_threadpool(session.pools.warm)
        if start_worker:
            runner.start()
        try:
            yield
        finally:
            if runner.stop():
                jobs.close()
                session.pools.close(wait=True)  # no job runs now: the workers end cleanly

    app = FastAPI(title="medialoom", version=__version__, lifespan=lifespan,
                  docs_url=None, redoc_url=None,
                  description="Generate and edit media from language. Auth: Bearer token.")
    app.state.ml = state
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)
    app.add_middleware(LimitsAndHeaders, limits=limits)
    _error_handlers(app)
    _page_routes(app)
    from .routes import router

    app.include_router(router)
    return app


class LimitsAndHeaders:
    """413 for bodies over the limit (411 when a body comes without a length), and safe headers
    on every response. Plain ASGI (not BaseHTTPMiddleware): no extra task and body copy per
    request, and event streams pass through untouched."""

    HEADERS = ((b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
               (b"content-security-policy", CSP.encode()))

    def __init__(self, app: ASGIApp, limits: Limits):
        self.app = app
        self.limits = limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        await self._with_headers(self._refusal(scope) or self.app, scope, receive, send)

    def _refusal(self, scope: Scope) -> Response | None:
        if scope["method"] not in ("POST", "PUT", "PATCH"):
            return None
        headers = Headers(scope=scope)
        length = headers.get("content-length")
        upload = scope["path"] == "/v1/uploads"
        limit = self.limits.upload_bytes + (64 << 10) if upload else self.limits.body_bytes
        if length is None and "chunked" in headers.get("transfer-encoding", ""):
            return JSONResponse({"error": "send a Content-Length with the body"}, 411)
        if length is not None and (not length.isdigit() or int(length) > limit):
            if upload:
                return JSONResponse({"error": f"the file is over the {self.limits.upload_bytes / (1 << 20):.3g} MiB "
                                              "upload limit ([server] upload_mb in config.toml)"}, 413)
            return JSONResponse({"error": f"the request body is over the {limit // 1024} KiB limit "
                                          "([server] body_kb in config.toml)"}, 413)
        return None

    async def _with_headers(self, app: ASGIApp, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self.HEADERS:
                    if name.decode() not in headers:
                        headers.raw.append((name, value))
            await send(message)

        await app(scope, receive, send_with_headers)


def _error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse({"error": exc.detail}, exc.status_code, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid_body(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [_problem(e) for e in exc.errors()]
        return JSONResponse({"error": "; ".join(problems), "problems": problems}, 422)

    @app.exception_handler(MedialoomError)
    async def medialoom_error(request: Request, exc: MedialoomError) -> JSONResponse:
        from .uploads import TooLarge, UnsupportedMedia

        body: dict[str, Any] = {"error": exc.one_line()}
        status = 400
        if isinstance(exc, PlanError):
            body["problems"], status = exc.problems, 422
        elif isinstance(exc, SafetyRefusal):
            status = 403
        elif isinstance(exc, TooLarge):
            status = 413
        elif isinstance(exc, UnsupportedMedia):
            status = 415
        return JSONResponse(body, status)


def _problem(error: dict[str, Any]) -> str:
    if error.get("type") == "json_invalid":
        return f"the body is not valid JSON ({error.get('ctx', {}).get('error', 'parse error')})"
    return f"{'.'.join(str(p) for p in error.get('loc', ())[1:]) or 'body'}: {error.get('msg')}"


def web_dir() -> Path:
    return Path(str(resources.files("medialoom") / "web"))


def _page_routes(app: FastAPI) -> None:
    @app.get("/", include_in_schema=False)
    async def index(request: Request, token: str | None = None) -> Response:
        if token is not None:  # /?token=... from the printed link: set the cookie, drop the query
            state: ServerState = request.app.state.ml
            if not token_matches(token, state.token):
                return JSONResponse({"error": "wrong token"}, 401)
            response = RedirectResponse("/", 303)
            response.set_cookie(COOKIE, token, httponly=True, samesite="strict", path="/")
            return response
        return FileResponse(web_dir() / "index.html", media_type="text/html",
                            headers={"Cache-Control": "no-cache"})

    @app.get("/static/{name}", include_in_schema=False)
    async def static(name: str) -> Response:
        allowed = {p.name: p for p in web_dir().iterdir() if p.suffix in (".js", ".css", ".svg")}
        if name not in allowed:
            return JSONResponse({"error": "not found"}, 404)
        mime = {".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml"}[allowed[name].suffix]
        return FileResponse(allowed[name], media_type=mime, headers={"Cache-Control": "no-cache"})
