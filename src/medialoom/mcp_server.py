"""`medialoom mcp`: every catalogue tool over stdio with the official MCP SDK (low-level Server).

A tool call is a one-step plan run through Session (validated, cached, safety hooks applied).
Media arguments are file paths (relative paths resolve against the server's working folder).
The result names every output file: a text block with its path, a `resource_link` with its
`file://` URI, and `structured_content` {"outputs": [{kind, path, sha256, mime}]}. Text outputs
are also given inline, `resources/read` returns any linked file's bytes, and `resources/list`
names the files this server's tool calls made (newest first). `medialoom.request`
plans and runs a whole request in words.
Progress: when the client sends a progress token, step events become progress notifications.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Callable, Sequence

from .errors import MedialoomError, UsageError

REQUEST_TOOL = "medialoom.request"


def _parser() -> argparse.ArgumentParser:
    from .server import OneLineParser

    p = OneLineParser(prog="medialoom mcp", description="Serve every medialoom tool to MCP clients over stdio.")
    p.add_argument("--data", type=Path, default=None, help="data folder (default: MEDIALOOM_HOME)")
    p.add_argument("--out", type=Path, default=None,
                   help="also copy outputs here with readable names (default: paths in the store)")
    p.add_argument("--backend", choices=("offline", "neural", "auto"), default=None)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    try:
        import anyio
        from mcp.server.stdio import stdio_server
    except ModuleNotFoundError as exc:
        raise UsageError(f"'medialoom mcp' needs {exc.name}: pip install 'medialoom[server]'") from exc
    from .config import load_config
    from .session import Session

    config = load_config(args.data.expanduser() if args.data else None)
    server = build_server(Session(config), out=args.out, backend=args.backend)

    from .mcp_wire import ScreenedStdin

    async def serve() -> None:
        wire = ScreenedStdin.claim_stdin()          # malformed lines get JSON-RPC errors back
        async with stdio_server(stdin=wire) as (read, write):  # type: ignore[arg-type]
            wire.answer_through(write)
            await server.run(read, write, server.create_initialization_options())

    anyio.run(serve)
    return 0


def tool_list(session: Any) -> list[Any]:
    import mcp_types as types

    tools = []
    for spec in session.registry:
        schema = spec.json_schema()
        for prop in schema["properties"].values():
            prop["description"] = prop["description"].replace("'$sN' or a file path", "a file path")
        tools.append(types.Tool(name=spec.id, description=f"{spec.description} (returns {spec.output})",
                                input_schema=schema))
    tools.append(types.Tool(
        name=REQUEST_TOOL, description="plan and run a request in words, e.g. 'a cat in a red hat, "
        "then animate it with calm piano music'; returns every step's files",
        input_schema={"type": "object", "required": ["request"], "additionalProperties": False,
                      "properties": {"request": {"type": "string", "description": "what to make or change"}}}))
    return tools


def build_server(session: Any, out: Path | None = None, backend: str | None = None) -> Any:
    import anyio
    import mcp_types as types
    from mcp.server.lowlevel import Server

    from . import __version__
    from .plan import Plan, Step

    tools = tool_list(session)
    made: list[Any] = []  # resources/list: the files tool calls returned, newest first

    async def list_tools(ctx: Any, params: Any) -> Any:
        return types.ListToolsResult(tools=tools)

    async def call_tool(ctx: Any, params: Any) -> Any:
        args = dict(params.arguments or {})
        notify = _progress_sender(ctx)
        try:
            if params.name == REQUEST_TOOL:
                plan = await anyio.to_thread.run_sync(session.plan, str(args.get("request", "")))
            else:
                session.registry.spec(params.name)
                plan = Plan([Step("s1", params.name, args)])

            def run() -> Any:
                return session.run(plan, out=out, base_dir=Path.cwd(), backend=backend, on_event=notify)

            result = await anyio.to_thread.run_sync(run)
        except MedialoomError as exc:
            return _error(exc.one_line())
        answer = tool_result(result)
        links = [c for c in answer.content if c.type == "resource_link"]
        made[:0] = [types.Resource(name=c.name, uri=c.uri, mime_type=c.mime_type, size=c.size)
                    for c in reversed(links) if all(r.uri != c.uri for r in made)]
        del made[200:]
        return answer

    async def list_resources(ctx: Any, params: Any) -> Any:
        return types.ListResourcesResult(resources=list(made))

    async def read_resource(ctx: Any, params: Any) -> Any:
        return read_artifact(str(params.uri), [session.store.objects, *([out] if out else [])])

    return Server("medialoom", version=__version__, on_list_tools=list_tools, on_call_tool=call_tool,
                  on_list_resources=list_resources, on_read_resource=read_resource,
                  instructions="medialoom makes and edits images, video, audio and 3D. Media arguments "
                               "are file paths; results name the files written.")


def tool_result(result: Any) -> Any:
    import mcp_types as types

    from .session import describe_outputs

    rows = describe_outputs(result)
    content: list[Any] = []
    for row in rows:
        path = Path(row["path"])
        content.append(types.TextContent(type="text", text=f"{row['step']} {row['tool']} -> {row['kind']}: {path}"))
        content.append(types.ResourceLink(type="resource_link", name=path.name, uri=path.resolve().as_uri(),
                                          mime_type=row["mime"], size=path.stat().st_size))
        if row["kind"] == "text" and path.stat().st_size < 64_000:
            content.append(types.TextContent(type="text", text=path.read_text(encoding="utf-8")))
    problems = [f"{r.step} ({r.tool}) failed: {r.error}" for r in result.failed]
    problems += [f"{s} ({r.tool}) skipped: {r.error}" for s, r in result.steps.items() if r.status == "skipped"]
    content += [types.TextContent(type="text", text=line) for line in problems]
    structured = {"outputs": [{k: row[k] for k in ("step", "tool", "kind", "path", "sha256", "mime")}
                              for row in rows], "failed": problems}
    return types.CallToolResult(content=content, structured_content=structured, is_error=not result.ok)


def read_artifact(uri: str, roots: list[Path]) -> Any:
    """resources/read for the file:// links a tool result gave: only files under `roots`."""
    import base64
    from urllib.parse import unquote, urlparse

    import mcp_types as types
    from mcp import MCPError

    from .artifacts import mime_for

    parsed = urlparse(uri)
    name = unquote(parsed.path)
    if "\x00" in uri or "\x00" in name:
        raise MCPError(types.INVALID_PARAMS, "a resource URI cannot hold a NUL character; read the "
                       "resource links a tool call returned")
    path = Path(name).resolve()
    inside = any(path.is_relative_to(Path(root).resolve()) for root in roots)
    if parsed.scheme != "file" or not inside or not path.is_file():

        raise MCPError(types.INVALID_PARAMS, f"{uri} is not a medialoom output; read the resource links "
                       "a tool call returned")
    mime = mime_for(path)
    if mime.startswith("text/") or mime == "application/json":
        contents: Any = types.TextResourceContents(uri=uri, mime_type=mime, text=path.read_text(encoding="utf-8"))
    else:
        contents = types.BlobResourceContents(uri=uri, mime_type=mime,
                                              blob=base64.b64encode(path.read_bytes()).decode("ascii"))
    return types.ReadResourceResult(contents=[contents])


def _error(message: str) -> Any:
    import mcp_types as types

    return types.CallToolResult(content=[types.TextContent(type="text", text=message)], is_error=True)


def _progress_sender(ctx: Any) -> Callable[[Any], None]:
    """Executor events -> notifications/progress, when the client asked with a progress token."""
    import anyio.from_thread

    token = (ctx.meta or {}).get("progress_token") if isinstance(ctx.meta, dict) else None
    if token is None:
        return lambda event: None
    done = [0]

    def send(event: Any) -> None:
        if event.type in ("finished", "cached", "failed", "skipped"):
            done[0] += 1
        message = json.dumps({"step": event.step, "tool": event.tool, "event": event.type})
        try:
            anyio.from_thread.run(ctx.session.send_progress_notification, token,
                                  float(done[0]) + (event.fraction or 0.0) * (event.type == "progress"),
                                  None, message)
        except Exception:  # progress is best effort: never fail a tool call over it
            pass

    return send
