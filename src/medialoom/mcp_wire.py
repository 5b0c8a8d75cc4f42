"""The MCP server's stdin, screened line by line before the SDK sees it.

The SDK's stdio transport drops a line it cannot parse without answering, and decodes invalid
UTF-8 into replacement characters. JSON-RPC 2.0 wants an answer instead:

    not UTF-8, not JSON                       -> -32700 Parse error, id null
    JSON that is not one request object       -> -32600 Invalid Request, id null
      (an array: batches are not part of MCP; a number, a string ...)
    an object with a wrong "jsonrpc" version,  -> -32600 Invalid Request, with its id when the
      or that is no JSON-RPC message at all       id is a string or an integer, else null

Good lines go on to the SDK unchanged; error answers go out through the session's write
stream, so they never tear a frame the server is writing.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any, BinaryIO

import anyio
import anyio.to_thread


def screen(raw: bytes) -> tuple[str | None, dict[str, Any] | None]:
    """(the line to pass on, None) or (None, the JSON-RPC error answer) for one line of input."""
    import mcp_types as types

    try:
        text = raw.decode("utf-8")
        message = json.loads(text)
    except (UnicodeDecodeError, ValueError) as exc:
        return None, _error(None, types.PARSE_ERROR, f"Parse error: {str(exc).splitlines()[0][:120]}")
    if not isinstance(message, dict):
        what = "a batch (array)" if isinstance(message, list) else f"a JSON {type(message).__name__}"
        return None, _error(None, types.INVALID_REQUEST, f"Invalid Request: got {what}; send one "
                                                        "JSON-RPC 2.0 object per line")
    ident = message.get("id")
    ident = ident if isinstance(ident, (str, int)) and not isinstance(ident, bool) else None
    if message.get("jsonrpc") != "2.0":
        return None, _error(ident, types.INVALID_REQUEST, 'Invalid Request: "jsonrpc" must be "2.0"')
    try:
        types.jsonrpc_message_adapter.validate_python(message, by_name=False)
    except ValueError:
        return None, _error(ident, types.INVALID_REQUEST, "Invalid Request: not a JSON-RPC 2.0 request, "
                                                         "notification or response")
    return text, None


def _error(ident: str | int | None, code: int, message: str) -> dict[str, Any]:
    return {"jsonrpc": "2.0", "id": ident, "error": {"code": code, "message": message}}


class ScreenedStdin:
    """An async line source for `stdio_server(stdin=...)`: bad lines are answered, not passed."""

    def __init__(self, source: BinaryIO):
        self._source = source
        self._reply: Any = None
        self._ready = anyio.Event()

    @classmethod
    def claim_stdin(cls) -> "ScreenedStdin":
        """Read the wire from a private copy of fd 0 and point fd 0 at /dev/null, as the SDK's
        own transport does: a tool's subprocess (espeak-ng reads stdin when given no text)
        must never eat protocol bytes."""
        try:
            private = os.dup(0)
            devnull = os.open(os.devnull, os.O_RDONLY)
            os.dup2(devnull, 0)
            os.close(devnull)
        except OSError:
            return cls(sys.stdin.buffer)
        return cls(os.fdopen(private, "rb"))

    def answer_through(self, write_stream: Any) -> None:
        self._reply = write_stream
        self._ready.set()

    def __aiter__(self) -> "ScreenedStdin":
        return self

    async def __anext__(self) -> str:
        import mcp_types as types
        from mcp.shared.message import SessionMessage

        while True:
            raw = await anyio.to_thread.run_sync(self._source.readline, abandon_on_cancel=True)
            if not raw:
                raise StopAsyncIteration
            if not raw.strip():
                continue
            line, answer = screen(raw.rstrip(b"\r\n"))
            if line is not None:
                return line
            await self._ready.wait()
            await self._reply.send(SessionMessage(types.JSONRPCError.model_validate(answer)))
