"""Bearer-token auth. The token comes from MEDIALOOM_TOKEN, else from `token` in the data folder,
else it is generated on first start (and written there, readable by the owner only).

The web page cannot put a header on <img src> or <video src>, so a browser logs in once
(`/?token=...` or the page's token field) and gets an HttpOnly, SameSite=Strict cookie holding
the same token. A cookie-authenticated request that changes something must also come from our
own origin (the Origin header, when sent, must name this host)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from fastapi import HTTPException, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

COOKIE = "medialoom_token"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def load_token(data_dir: Path) -> tuple[str, bool]:
    """(token, generated now). A generated token is stored in DATA/token with mode 0600."""
    env = os.environ.get("MEDIALOOM_TOKEN", "").strip()
    if env:
        return env, False
    path = data_dir / "token"
    if path.is_file():
        text = path.read_text(encoding="utf-8").strip()
        if text:
            return text, False
    token = secrets.token_urlsafe(32)
    data_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(token + "\n")
    return token, True


def token_matches(given: str | None, token: str) -> bool:
    return bool(given) and secrets.compare_digest(given.encode(), token.encode())  # type: ignore[union-attr]


BEARER = HTTPBearer(auto_error=False, description="the token printed by 'medialoom serve' (DATA/token)")


def authenticate(request: Request, _: HTTPAuthorizationCredentials | None = Security(BEARER)) -> None:
    """FastAPI dependency: 401 unless the request carries the token (declared as a bearer
    scheme, so /openapi.json tells clients how to authenticate)."""
    token: str = request.app.state.ml.token
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() == "bearer" and token_matches(given.strip(), token):
        return
    if token_matches(request.cookies.get(COOKIE), token):
        origin = request.headers.get("origin")
        if request.method in SAFE_METHODS or origin is None or _same_origin(origin, request):
            return
        raise HTTPException(403, "cross-origin request refused")
    raise HTTPException(401, "missing or wrong token: send 'Authorization: Bearer TOKEN' "
                             "(printed by 'medialoom serve', stored in DATA/token)",
                        headers={"WWW-Authenticate": "Bearer"})


def _same_origin(origin: str, request: Request) -> bool:
    host = request.headers.get("host", "")
    return origin.split("://", 1)[-1] == host
