"""`medialoom serve`: binds loopback by default, generates and prints the token, serves /health."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_generates_token_and_binds_loopback(tmp_path):
    port, data = _free_port(), tmp_path / "data"
    data.mkdir()
    (data / "config.toml").write_text("[safety]\nwatermark = false\n")
    env = {k: v for k, v in os.environ.items() if k != "MEDIALOOM_TOKEN"}
    exe = Path(sys.executable).with_name("medialoom")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "medialoom.cli"]
    proc = subprocess.Popen([*cmd, "serve", "--port", str(port), "--data", str(data)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        base, deadline = f"http://127.0.0.1:{port}", time.time() + 30
        while True:
            try:
                if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stderr.read()
                assert time.time() < deadline, "the server did not start"
                time.sleep(0.1)
        token = (data / "token").read_text().strip()
        assert (data / "token").stat().st_mode & 0o777 == 0o600
        assert httpx.get(f"{base}/v1/tools").status_code == 401
        assert httpx.get(f"{base}/v1/tools", headers={"Authorization": f"Bearer {token}"}).status_code == 200
        assert httpx.get(f"{base}/health", headers={"Host": "evil.example"}).status_code == 400
        listening = [line.split()[1] for line in Path("/proc/net/tcp").read_text().splitlines()[1:]
                     if line.split()[3] == "0A" and int(line.split()[1].split(":")[1], 16) == port]
        assert listening == [f"0100007F:{port:04X}"]  # 127.0.0.1 only
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=15)
    assert token in err and f"http://127.0.0.1:{port}/?token={token}" in err
    assert "WARNING: the watermark safety layer is switched off" in err     # at start, not at a job


def test_bad_arguments_are_one_line(capsys):
    from medialoom.cli import main

    assert main(["serve", "--port", "abc"]) == 2
    assert main(["mcp", "--bogus"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["medialoom: argument --port: invalid int value: 'abc'; see 'medialoom serve --help'",
                   "medialoom: unrecognized arguments: --bogus; see 'medialoom mcp --help'"]


def test_a_busy_port_is_one_line_and_exit_2(capsys):
    from medialoom.cli import main

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"medialoom: cannot listen on 127.0.0.1:{port} (Address already in use); is another "
                   "server running there? pick another --port"]
