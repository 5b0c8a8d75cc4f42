"""Resources (issue 13, items 1-4): inputs and plans that would take gigabytes or crash the
checker are refused before anything runs, in one line that says what to lower."""

from __future__ import annotations

import json
import struct
import wave
import zlib
from pathlib import Path

import pytest

from medialoom.catalogue import catalogue
from medialoom.errors import InputError, PlanError
from medialoom.media import probe
from medialoom.plan import Plan, find_cycle, validate
from medialoom.registry import Registry


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry(catalogue())


def tall_png(path: Path, w: int, h: int) -> Path:
    """A valid PNG header of w x h with one tiny IDAT (never decoded: refused from the header)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 7))
                     + chunk(b"IEND", b""))
    return path


def slow_wav(path: Path, rate: int, frames: int = 1000) -> Path:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(b"\0\1" * frames)
    return path


def test_a_1_by_49_million_png_is_refused_by_its_shape(tmp_path):
    with pytest.raises(InputError, match="a side over 100 times the other"):
        probe(tall_png(tmp_path / "line.png", 1, 49_000_000), "image")


def test_a_1_hz_wav_is_refused_by_its_sample_rate(tmp_path):
    with pytest.raises(InputError, match="sample rate of 1 Hz"):
        probe(slow_wav(tmp_path / "slow.wav", 1), "audio")
    probe(slow_wav(tmp_path / "ok.wav", 8000), "audio")  # a telephone rate is fine


def test_a_huge_sparse_layout_is_refused_without_reading_it(tmp_path, registry):
    big = tmp_path / "layout.json"
    with open(big, "wb") as f:  # 4 GB, sparse: reading it whole would take 4 GB of memory
        f.truncate(4 << 30)
    plan = Plan.from_dict({"steps": [{"id": "s1", "tool": "image.from_layout", "args": {"layout": str(big)}}]})
    with pytest.raises(PlanError, match="over the 8 MB limit"):
        validate(plan, registry, tmp_path)


def test_a_2000_step_forward_chain_is_one_line_not_a_recursion_error(registry):
    n = 2000
    steps = [{"id": f"s{i}", "tool": "image.edit", "args": {"image": f"$s{i + 1}", "instruction": "brighter"}}
             for i in range(1, n)] + [{"id": f"s{n}", "tool": "image.generate", "args": {"prompt": "a cat"}}]
    plan = Plan.from_dict({"steps": steps})
    assert find_cycle(plan) is None
    with pytest.raises(PlanError) as err:
        validate(plan, registry, check_files=False)
    assert "refers to later step $s2" in str(err.value)
    loop = Plan.from_dict({"steps": steps[:-1] + [{"id": f"s{n}", "tool": "image.edit",
                                                     "args": {"image": "$s1", "instruction": "x"}}]})
    assert len(find_cycle(loop)) == n + 1


def test_a_file_name_over_255_bytes_is_one_line(tmp_path, registry):
    plan = Plan.from_dict({"steps": [{"id": "s1", "tool": "image.caption", "args": {"image": "x" * 300 + ".png"}}]})
    with pytest.raises(PlanError, match="over 255 bytes"):
        validate(plan, registry, tmp_path)
