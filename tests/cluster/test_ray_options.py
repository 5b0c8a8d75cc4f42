"""--ray on run, demo and serve: a cluster that cannot be reached is one line, exit 2, before
anything runs or is written (no cluster needed)."""

from __future__ import annotations

import socket

import pytest

from medialoom.cli import main


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.parametrize("argv", [
    ["run", "a red circle", "--ray", "127.0.0.1:{port}", "--out", "{out}"],
    ["demo", "--ray", "127.0.0.1:{port}", "--out", "{out}"],
    ["serve", "--ray", "127.0.0.1:{port}", "--port", "{serve}"],
])
def test_an_unreachable_cluster_is_one_line_before_anything_runs(argv, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("MEDIALOOM_RAY_ADDRESS", "")  # --ray sets it; undone after the test
    closed, out = free_port(), tmp_path / "out"
    args = [a.format(port=closed, out=out, serve=free_port()) for a in argv]
    assert main(args) == 2
    err = capsys.readouterr().err.strip().splitlines()
    expected = (f"medialoom: cannot reach the Ray cluster at 127.0.0.1:{closed} (Connection refused); "
                "start it with 'ray start --head' there, or fix [cluster] ray_address / --ray")
    assert err == [expected]
    assert not out.exists()


def test_a_malformed_address_is_one_line(capsys, monkeypatch):
    monkeypatch.setenv("MEDIALOOM_RAY_ADDRESS", "")  # --ray sets it; undone after the test
    assert main(["run", "a red circle", "--ray", "headnode"]) == 2
    assert capsys.readouterr().err.strip() == ("medialoom: the Ray address 'headnode' is not HOST:PORT or "
                                               "'auto'; give the head's address, e.g. --ray 10.0.0.5:6379")
