"""Finishing one output file, in the worker, before it is hashed and stored:

    1. output check (images, videos): NudeNet; refuses explicit outputs
    2. watermark: images and every video frame (dwtDctSvd), audio (spread spectrum); the payload
       is a 10-hex-digit id kept in the artifact's meta as `watermark_id`
    3. C2PA: a signed manifest for every format C2PA embeds into

Masks, text, layouts, storyboards, MIDI and meshes get no watermark (they are data, not media
a person would mistake for a capture). A layer that is on and fails on a file fails the step
(ToolError, exit 1, one line naming the layer and how to switch it off): a result never leaves
without the marks the policy promised. A layer that does not apply to a file (a picture under
128 pixels, a format without a mark) records why in the meta. Switched-off layers are announced
by `screen_args` in the main process, not once per worker here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any, Mapping

from ..artifacts import Artifact
from ..context import Output, ToolContext
from ..errors import SafetyRefusal, ToolError
from ..tools import ToolSpec
from . import enabled

RASTER = frozenset({".png", ".jpg", ".jpeg", ".webp", ".bmp", ".tif", ".tiff"})
AUDIO = frozenset({".wav", ".flac", ".ogg"})
VIDEO = frozenset({".mp4", ".mov", ".mkv"})      # containers that take H.264


def output_kind(spec: ToolSpec, name: str, out: Output) -> str:
    if out.kind:
        return out.kind
    return spec.output if name == "main" else spec.extra_outputs.get(name, spec.output)


def _fingerprint(path: Path) -> bytes:
    h = hashlib.sha256(str(path.stat().st_size).encode())
    with open(path, "rb") as f:
        h.update(f.read(1 << 20))
    return h.digest()


SWITCH = {"watermark": "watermark", "C2PA": "c2pa"}


def _guarded(layer: str, path: Path, fn, *args: Any) -> dict[str, Any]:
    try:
        return fn(*args)
    except SafetyRefusal:
        raise
    except Exception as exc:  # a layer that is on and fails fails the step
        why = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
        raise ToolError(f"{layer} could not be applied to {path.name} ({why}); the step fails rather "
                        f"than hand out an unmarked file; to accept that, set [safety] "
                        f"{SWITCH[layer]} = false in config.toml") from exc


def _mark(kind: str, path: Path, ident: str, backend: str) -> dict[str, Any]:
    suffix = path.suffix.lower()
    if kind == "image" and suffix in RASTER:
        from .watermark import mark_image

        return mark_image(path, ident)
    if kind == "video" and suffix in VIDEO:
        from .watermark import mark_video

        return mark_video(path, ident)
    if kind == "audio" and suffix in AUDIO:
        from .audio_mark import audioseal_mark, mark_file

        done = audioseal_mark(path, ident) if backend == "neural" else None
        return done or mark_file(path, ident)
    return {"applied": False, "why": f"no watermark for {kind} {suffix or 'files'}"}


def _parents(inputs: Mapping[str, Any]) -> list[Artifact]:
    found: list[Artifact] = []
    for value in inputs.values():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, Artifact) and item not in found:
                found.append(item)
    return found


def finish(ctx: ToolContext, spec: ToolSpec, name: str, out: Output,
           inputs: Mapping[str, Any]) -> Output:
    kind = output_kind(spec, name, out)
    if kind not in ("image", "video", "audio"):
        return out
    path = Path(out.path)
    cfg = ctx.config
    section = cfg.sections.get("safety", {}) or {}
    report: dict[str, Any] = {}
    meta: dict[str, Any] = dict(out.meta)
    if kind in ("image", "video") and enabled(cfg, "output_check", warn=False):
        from .checks import check_output

        report["output_check"] = check_output(kind, path, section).to_dict()
    ident = None
    if enabled(cfg, "watermark", warn=False):
        from .watermark import new_id

        ident = new_id(_fingerprint(path), ctx.tool, str(ctx.seed), ctx.step_id, name)
        report["watermark"] = _guarded("watermark", path, _mark, kind, path, ident, ctx.backend)
        if report["watermark"].get("applied"):
            meta["watermark_id"] = ident
        else:
            ident = None
    if enabled(cfg, "c2pa", warn=False):
        report["c2pa"] = _guarded("C2PA", path, _sign, ctx, spec, name, path, ident, inputs)
    meta["safety"] = report
    return Output(path, out.kind, meta)


def _sign(ctx: ToolContext, spec: ToolSpec, name: str, path: Path, ident: str | None,
          inputs: Mapping[str, Any]) -> dict[str, Any]:
    from .provenance import Record, sign

    parents = _parents(inputs)
    record = Record(tool=spec.id, backend=ctx.backend, model=ctx.model, seed=ctx.seed,
                    time=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                    parents=[{"sha256": a.sha256, "kind": a.kind} for a in parents],
                    watermark_id=ident, step=ctx.step_id, output=name)
    media = [a.path for a in parents if a.kind in ("image", "video", "audio", "mask")]
    return sign(path, record, media, ctx.config)
