"""Tools registered by the engine tests (also loadable as a plugin: MEDIALOOM_PLUGINS=engine_tools).

Each call appends "tool:label" to the file named by MEDIALOOM_TEST_LOG, so tests can tell
which steps really executed."""

from __future__ import annotations

import os
import time
from pathlib import Path

import numpy as np
from PIL import Image

from medialoom.context import Output, ToolContext
from medialoom.errors import ToolError
from medialoom.tools import BackendSpec, Param, ToolSpec

MOD = "engine_tools"


def _log(entry: str) -> None:
    path = os.environ.get("MEDIALOOM_TEST_LOG")
    if path:
        with open(path, "a", encoding="utf-8") as f:
            f.write(entry + "\n")


def executed(log: Path) -> list[str]:
    return log.read_text().split() if log.exists() else []


def sleep(ctx: ToolContext, seconds: float, label: str = "") -> Output:
    _log(f"test.sleep:{label or ctx.step_id}")
    for i in range(4):
        time.sleep(seconds / 4)
        ctx.progress((i + 1) / 4, "sleeping")
    path = ctx.out("out", ".txt")
    path.write_text(f"{label} slept {seconds}")
    return Output(path, meta={"label": label})


def echo(ctx: ToolContext, text: str, tag: str = "") -> Output:
    _log(f"test.echo:{tag or ctx.step_id}")
    path = ctx.out("out", ".txt")
    path.write_text(f"{text}{tag}")
    return Output(path)


def join(ctx: ToolContext, texts: list[str]) -> Output:
    _log(f"test.join:{ctx.step_id}")
    path = ctx.out("out", ".txt")
    path.write_text("+".join(texts))
    return Output(path)


def fail(ctx: ToolContext, message: str) -> Output:
    _log(f"test.fail:{ctx.step_id}")
    raise ToolError(message)


def crash(ctx: ToolContext, message: str) -> Output:
    raise ValueError(message)


def cpu(ctx: ToolContext, n: int) -> Output:
    _log(f"test.cpu:{ctx.step_id}")
    total = sum(i * i for i in range(n))
    path = ctx.out("out", ".txt")
    path.write_text(f"{os.getpid()} {total}")
    return Output(path)


def image(ctx: ToolContext, width: int, height: int, seed: int) -> Output:
    _log(f"test.image:{ctx.step_id}")
    rng = np.random.default_rng(seed)
    pixels = rng.integers(0, 255, (height, width, 3), dtype=np.uint8)
    path = ctx.out("image", ".png")
    Image.fromarray(pixels).save(path)
    return Output(path, meta={"seed_used": seed})


def invert(ctx: ToolContext, image) -> Output:
    _log(f"test.invert:{ctx.step_id}")
    pixels = 255 - np.asarray(Image.open(image.path).convert("RGB"))
    path = ctx.out("image", ".png")
    Image.fromarray(pixels).save(path)
    return Output(path)


def _spec(tool: str, fn: str, params: tuple[Param, ...], output: str, cpu_bound: bool = False) -> ToolSpec:
    return ToolSpec(tool, f"test tool {tool}", params, output,
                    (BackendSpec("test", f"{MOD}:{fn}", cpu_bound=cpu_bound),))


TOOLS = (
    _spec("test.sleep", "sleep", (Param("seconds", "number", "how long"),
                                  Param("label", "string", "a label", required=False)), "text"),
    _spec("test.echo", "echo", (Param("text", "string", "text", kind="text"),
                                Param("tag", "string", "suffix", required=False)), "text"),
    _spec("test.join", "join", (Param("texts", "array", "texts", kind="text", items="string"),), "text"),
    _spec("test.fail", "fail", (Param("message", "string", "why"),), "text"),
    _spec("test.crash", "crash", (Param("message", "string", "why"),), "text"),
    _spec("test.cpu", "cpu", (Param("n", "integer", "work"),), "text", cpu_bound=True),
    _spec("test.image", "image", (Param("width", "integer", "w"), Param("height", "integer", "h"),
                                  Param("seed", "integer", "seed", required=False)), "image", cpu_bound=True),
    _spec("test.invert", "invert", (Param("image", "string", "image", kind="image"),), "image",
          cpu_bound=True),
)
