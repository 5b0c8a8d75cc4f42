"""MCP round trip: the SDK's stdio client launches `medialoom mcp`, lists the tools, calls one."""

from __future__ import annotations

import base64
import os
import sys
from pathlib import Path
from urllib.parse import urlparse

import anyio
import numpy as np
from PIL import Image
from server_tools import DISC, RED, SKY

HERE = Path(__file__).parent


def _params(home: Path):
    from mcp import StdioServerParameters

    exe = Path(sys.executable).with_name("medialoom")
    command, args = (str(exe), ["mcp"]) if exe.exists() else (sys.executable, ["-m", "medialoom.cli", "mcp"])
    env = {"PATH": os.environ.get("PATH", ""), "MEDIALOOM_HOME": str(home),
           "MEDIALOOM_PLUGINS": "server_tools", "PYTHONPATH": str(HERE)}
    return StdioServerParameters(command=command, args=args, env=env)


def test_mcp_round_trip(quiet_home):
    home = quiet_home
    from mcp import Client

    async def session() -> dict:
        async with Client(_params(home), read_timeout_seconds=60) as client:
            listed = await client.list_tools()
            made = await client.call_tool("test.shapes", {"prompt": "shapes"})
            bad = await client.call_tool("image.edit", {"image": "missing.png", "instruction": "x"})
            link = next(c for c in made.content if c.type == "resource_link")
            read = await client.read_resource(link.uri)
            resources = await client.list_resources()
            try:
                await client.read_resource("file:///etc/passwd")
                outside = "read"
            except Exception as exc:  # the SDK raises the server's error
                outside = str(exc)
            return {"tools": {t.name: t for t in listed.tools}, "made": made, "bad": bad,
                    "read": read, "outside": outside, "resources": resources}

    got = anyio.run(session)
    tools = got["tools"]
    assert {"image.generate", "video.animate", "audio.speech", "mesh.generate", "text.write",
            "medialoom.request", "test.shapes"} <= set(tools)
    assert tools["image.inpaint"].input_schema["required"] == ["image", "mask"]
    made = got["made"]
    assert not made.is_error
    link = next(c for c in made.content if c.type == "resource_link")
    path = Path(urlparse(link.uri).path)
    assert link.mime_type == "image/png" and path.is_file() and str(path) in made.content[0].text
    assert made.structured_content["outputs"][0]["path"] == str(path)
    img = np.asarray(Image.open(path).convert("RGB"))
    assert tuple(img[DISC[1], DISC[0]]) == RED and tuple(img[5, 5]) == SKY
    bad = got["bad"]
    assert bad.is_error and "missing.png does not exist" in bad.content[0].text
    (blob,) = got["read"].contents
    assert blob.mime_type == "image/png" and base64.b64decode(blob.blob) == path.read_bytes()
    assert "not a medialoom output" in got["outside"]
    assert [r.uri for r in got["resources"].resources] == [link.uri]    # what the calls made
