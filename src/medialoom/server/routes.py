"""The HTTP API under /v1 (and /health). Every route but /health needs the token."""

from __future__ import annotations

import json
import re
from typing import Any, AsyncIterator

from fastapi import APIRouter, Depends, Form, HTTPException, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from sse_starlette import EventSourceResponse, ServerSentEvent

from .. import __version__
from ..errors import PlanError, UsageError
from ..plan import Plan
from .app import ServerState
from .auth import COOKIE, authenticate, token_matches
from .jobs import TERMINAL, Job, QueueFull
from .workspace import HEX64

ID32 = re.compile(r"^[0-9a-f]{32}$")
KEEPALIVE_SECONDS = 15.0
# an artifact opened on its own (an SVG, say) runs nothing and reaches nothing
ARTIFACT_CSP = "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox"

router = APIRouter()
api = APIRouter(prefix="/v1", dependencies=[Depends(authenticate)])


class Selection(BaseModel):
    model_config = ConfigDict(extra="forbid")
    image: str = Field(description="sha256 of the image that was clicked")
    point: list[float] | None = Field(None, description="[x, y] in image pixels")
    box: list[float] | None = Field(None, description="[x0, y0, x1, y1] in image pixels")


class PlanRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    request: str
    session: str | None = None
    selection: Selection | None = None


class JobRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    request: str | None = None
    plan: dict[str, Any] | list[Any] | None = None
    session: str | None = None
    selection: Selection | None = None


class Login(BaseModel):
    token: str


def _state(request: Request) -> ServerState:
    return request.app.state.ml


@router.get("/health")
async def health(request: Request) -> dict[str, Any]:
    """Liveness, version, and the safety layers switched off in config.toml (the page warns)."""
    from ..safety import LAYERS

    config = _state(request).session.config
    return {"status": "ok", "version": __version__,
            "safety_off": [layer for layer in LAYERS if not config.safety.get(layer, True)]}


@router.post("/v1/login", status_code=204)
async def login(body: Login, request: Request) -> Response:
    """Exchange the token for an HttpOnly cookie (for the web page's media elements)."""
    if not token_matches(body.token, _state(request).token):
        raise HTTPException(401, "wrong token")
    response = Response(status_code=204)
    response.set_cookie(COOKIE, body.token, httponly=True, samesite="strict", path="/")
    return response


@api.get("/tools")
async def tools(request: Request) -> list[dict[str, Any]]:
    session = _state(request).session
    return await run_in_threadpool(session.registry.availability, session.config)


# -- plans and jobs ----------------------------------------------------------------------------
def _check_session(state: ServerState, session: str | None) -> None:
    if session is not None and not (ID32.match(session) and state.jobs.has_session(session)):
        raise HTTPException(404, f"no session {session[:40]!r}; create one with POST /v1/sessions")


def _make_plan(state: ServerState, request: str | None, plan: Any, session: str | None,
               selection: Selection | None) -> Plan:
    """Plan (or take the given plan), confine its files, validate it: raises before queueing."""
    if (request is None) == (plan is None):
        raise UsageError('send either "request" or "plan"')
    if request is not None:
        if len(request) > state.limits.request_chars:
            raise UsageError(f"the request is over {state.limits.request_chars} characters")
        built = state.workspace.plan(request, session, selection.model_dump() if selection else None)
    else:
        built = Plan.from_dict(plan)
    if len(built.steps) > state.limits.plan_steps:
        raise PlanError(f"the plan has {len(built.steps)} steps; the server takes at most "
                        f"{state.limits.plan_steps}")
    state.workspace.confine(built)
    state.session.check(built, base_dir=state.workspace.files)
    return built


@api.post("/plan")
async def make_plan(body: PlanRequest, request: Request) -> dict[str, Any]:
    state = _state(request)
    _check_session(state, body.session)
    plan = await run_in_threadpool(_make_plan, state, body.request, None, body.session, body.selection)
    return {"plan": plan.to_dict(), "notes": list(plan.notes)}


@api.post("/jobs", status_code=202)
async def submit_job(body: JobRequest, request: Request) -> dict[str, Any]:
    state = _state(request)
    _check_session(state, body.session)
    plan = await run_in_threadpool(_make_plan, state, body.request, body.plan, body.session, body.selection)
    try:
        job = state.runner.submit(plan, body.request or plan.request, body.session)
    except QueueFull as exc:
        raise HTTPException(429, str(exc), headers={"Retry-After": "5"}) from exc
    return {"id": job.id, "status": job.status, "url": f"/v1/jobs/{job.id}",
            "events": f"/v1/jobs/{job.id}/events", "plan": job.plan}


def _job(state: ServerState, job_id: str) -> Job:
    job = state.jobs.get(job_id) if ID32.match(job_id) else None
    if job is None:
        raise HTTPException(404, "no such job")
    return job


@api.get("/jobs/{job_id}")
async def get_job(job_id: str, request: Request) -> dict[str, Any]:
    return _job(_state(request), job_id).to_dict()


@api.delete("/jobs/{job_id}", status_code=202)
async def cancel_job(job_id: str, request: Request) -> dict[str, Any]:
    """Cancel a job: queued -> `cancelled` at once; running -> `cancelling` (its steps stop, its
    finished steps stay cached, the job ends `cancelled`). 409 for a job that has ended or is
    being cancelled already."""
    from .jobs import NotCancellable

    state = _state(request)
    _job(state, job_id)
    try:
        job = await run_in_threadpool(state.runner.cancel, job_id)
    except NotCancellable as exc:
        raise HTTPException(409, str(exc)) from exc
    return {"id": job.id, "status": job.status}


@api.get("/jobs/{job_id}/events")
async def job_events(job_id: str, request: Request) -> EventSourceResponse:
    """Server-sent events (sse-starlette: pings, disconnects): `job` (status changes, the last
    one with the outputs) and `step` (started, progress, finished, cached, failed, skipped) until
    the job ends. Each event's id is its place in the job's log, so a reader that reconnects with
    Last-Event-ID gets only what it missed."""
    state = _state(request)
    _job(state, job_id)
    seen = _last_event_id(request)
    backlog, queue = state.hub.subscribe(job_id)
    job = _job(state, job_id)  # read again after subscribing: nothing can fall in between

    async def stream() -> AsyncIterator[ServerSentEvent]:
        try:
            n = 0
            for n, event in enumerate(backlog, 1):
                if n > seen:
                    yield _sse(event, n)
                if _is_end(event):
                    return
            if job.status in TERMINAL:
                yield _sse({"type": "job", "status": job.status, "error": job.error,
                            "outputs": job.outputs, "time": job.finished}, n + 1)
                return
            while True:
                event = await queue.get()
                n += 1
                if n > seen:
                    yield _sse(event, n)
                if _is_end(event):
                    return
        finally:
            state.hub.unsubscribe(job_id, queue)

    return EventSourceResponse(stream(), ping=KEEPALIVE_SECONDS, sep="\n",
                               headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


def _last_event_id(request: Request) -> int:
    value = request.headers.get("last-event-id", "").strip()
    return int(value) if value.isdigit() else 0


def _sse(event: dict[str, Any], n: int) -> ServerSentEvent:
    return ServerSentEvent(data=json.dumps(event, default=str), event=event["type"], id=str(n))


def _is_end(event: dict[str, Any]) -> bool:
    return event.get("type") == "job" and event.get("status") in TERMINAL


# -- artifacts and uploads ---------------------------------------------------------------------
@api.get("/artifacts/{sha256}")
async def artifact(sha256: str, request: Request, download: bool = False) -> Response:
    """The stored file with this sha256 (64 lowercase hex characters, nothing else)."""
    if not HEX64.match(sha256):
        raise HTTPException(400, "an artifact is named by its sha256: 64 hex characters")
    art = _state(request).workspace.artifact(sha256)
    if art is None:
        raise HTTPException(404, "no artifact with this sha256")
    name = f"{sha256[:12]}{art.path.suffix}"
    return FileResponse(art.path, media_type=art.mime, content_disposition_type=(
        "attachment" if download else "inline"), filename=name,
        headers={"Cache-Control": "private, max-age=31536000, immutable", "Content-Security-Policy": ARTIFACT_CSP})


@api.post("/uploads", status_code=201)
async def upload(file: UploadFile, request: Request, session: str | None = Form(None)) -> dict[str, Any]:
    """A media file (multipart field `file`); its type is sniffed, it is stored by hash. With
    `session`, later requests in that session can refer to it ("make it black and white")."""
    from .uploads import clear, save_upload

    state = _state(request)
    _check_session(state, session)
    folder = state.session.store.tmpdir("upload")
    try:
        path, found = await run_in_threadpool(save_upload, file.file, folder, state.limits.upload_bytes)
        art = await run_in_threadpool(state.session.store.import_user_file, path, found.kind)
    finally:
        clear(folder)
    described = state.workspace.describe(art)
    if session:
        state.jobs.add_session_file(session, art.kind, described["name"])
    return described


# -- sessions ----------------------------------------------------------------------------------
@api.post("/sessions", status_code=201)
async def new_session(request: Request) -> dict[str, str]:
    return {"id": _state(request).jobs.new_session()}


@api.get("/sessions/{session_id}")
async def get_session(session_id: str, request: Request) -> dict[str, Any]:
    state = _state(request)
    _check_session(state, session_id)
    jobs = state.jobs.in_session(session_id)
    return {"id": session_id,
            "jobs": [{"id": j.id, "status": j.status, "request": j.request, "outputs": j.outputs}
                     for j in jobs],
            "latest": list(state.workspace.latest_files(session_id).values())}


router.include_router(api)
