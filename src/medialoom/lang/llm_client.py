"""One OpenAI-compatible chat-completions call, shared by the LLM planner and the neural text
tools. The answer is returned as text: callers parse it as data, nothing in it is executed.

    LLMUnavailable   the endpoint could not be used (network, HTTP status, malformed reply)
"""

from __future__ import annotations

import json
from typing import Any

from ..errors import MedialoomError, UsageError


class LLMUnavailable(MedialoomError):
    """The endpoint could not be used (network, HTTP status, malformed reply)."""


def post_chat(base_url: str, payload: dict[str, Any], api_key: str | None = None,
              timeout: float = 60.0) -> tuple[int, Any]:
    """POST `payload` to `<base_url>/chat/completions`; (HTTP status, JSON body or text).
    Raises LLMUnavailable when the server cannot be reached."""
    try:
        import httpx
    except ImportError as exc:
        raise UsageError("talking to an LLM needs httpx: pip install httpx") from exc
    url = base_url.rstrip("/") + "/chat/completions"
    headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
    try:
        response = httpx.post(url, json=payload, headers=headers, timeout=timeout)
    except httpx.HTTPError as exc:
        raise LLMUnavailable(f"cannot reach the LLM at {url} ({type(exc).__name__})") from exc
    try:
        return response.status_code, response.json()
    except ValueError:
        return response.status_code, response.text


def content(body: Any) -> str:
    """The answer text: message content, or the arguments of a tool call."""
    try:
        message = body["choices"][0]["message"]
    except (KeyError, IndexError, TypeError) as exc:
        raise LLMUnavailable("the LLM reply has no choices[0].message; is this an OpenAI-compatible "
                             "chat-completions endpoint?") from exc
    text = message.get("content")
    if isinstance(text, str) and text.strip():
        return text
    for call in message.get("tool_calls") or []:
        arguments = call.get("function", {}).get("arguments")
        if isinstance(arguments, str):
            return arguments
        if isinstance(arguments, dict):
            return json.dumps(arguments)
    raise LLMUnavailable("the LLM reply is empty")
