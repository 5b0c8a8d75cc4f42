"""Malformed JSON-RPC on `medialoom mcp`'s stdin gets a JSON-RPC error back, not silence; a NUL
in a resource URI is an invalid-params error, not a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from medialoom.mcp_wire import screen

BAD = [
    (b"not json", -32700, None),
    (b'{"jsonrpc": "2.0", "id": 1, "method": "ping"', -32700, None),
    (b'{"jsonrpc": "2.0", "id": 1, "method": "\xff\xfe"}', -32700, None),       # invalid UTF-8
    (b'[{"jsonrpc": "2.0", "id": 2, "method": "ping"}]', -32600, None),          # a batch
    (b"[]", -32600, None),
    (b"42", -32600, None),
    (b'{"jsonrpc": "1.0", "id": 7, "method": "ping"}', -32600, 7),
    (b'{"id": "a", "method": "ping"}', -32600, "a"),
    (b'{"jsonrpc": "2.0", "id": 9}', -32600, 9),                                   # no method, no result
    (b'{"jsonrpc": "2.0", "id": {"x": 1}, "method": 5}', -32600, None),
]


@pytest.mark.parametrize("raw,code,ident", BAD)
def test_bad_lines_are_answered_with_the_right_code(raw, code, ident):
    line, answer = screen(raw)
    assert line is None and answer["jsonrpc"] == "2.0"
    assert answer["error"]["code"] == code and answer["id"] == ident


def test_good_lines_pass_unchanged():
    raw = b'{"jsonrpc": "2.0", "id": 3, "method": "ping"}'
    assert screen(raw) == (raw.decode(), None)


def test_the_server_answers_every_bad_line_and_keeps_serving(tmp_path):
    ping = b'{"jsonrpc": "2.0", "id": 100, "method": "ping"}'
    feed = b"\n".join([raw for raw, _, _ in BAD] + [ping]) + b"\n"
    env = {**os.environ, "MEDIALOOM_HOME": str(tmp_path / "home")}
    done = subprocess.run([sys.executable, "-m", "medialoom.cli", "mcp"], input=feed, capture_output=True,
                          env=env, timeout=120)
    answers = [json.loads(line) for line in done.stdout.decode().splitlines() if line.strip()]
    assert [a["error"]["code"] for a in answers[:-1]] == [code for _, code, _ in BAD]
    assert answers[-1] == {"jsonrpc": "2.0", "id": 100, "result": {}}
    assert b"Traceback" not in done.stderr


def test_a_nul_in_a_resource_uri_is_invalid_params(tmp_path):
    from mcp import MCPError

    from medialoom.mcp_server import read_artifact

    for uri in ("file:///tmp/a%00b.png", "file:///tmp/a\x00b.png"):
        with pytest.raises(MCPError) as info:
            read_artifact(uri, [Path(tmp_path)])
        assert "NUL" in str(info.value)
