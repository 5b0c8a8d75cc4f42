"""`medialoom verify FILE [--json]`: is the file watermarked, and where did it come from?

    {"watermark": true, "watermark_id": "a1b2c3d4e5",
     "provenance": {"source": "c2pa" | "store" | null, "tool": ..., "backend": ..., "model": ...,
                    "seed": ..., "time": ..., "parents": [...], "c2pa": {...}}}

The provenance comes from the file's C2PA manifest when it has one (validated; our local CA is
trusted), else from the store, found through the watermark's id (a re-encoded or screenshotted
copy loses its manifest but keeps the mark). Exit 0 when either was found, 1 when neither.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, NoReturn, Sequence

from ..artifacts import mime_for
from ..config import Config, load_config
from ..errors import InputError, UsageError


def detect_mark(path: Path) -> tuple[bool, str | None, str | None]:
    """(found, id, medium) for images, videos (frames, then the audio track) and audio. A file
    the decoder cannot read a mark from (a 1x1 picture, a 2-pixel-high video) has no mark:
    verify reports that and goes on to the manifest and the store, it never stops on it."""
    try:
        return _detect(path)
    except Exception:  # noqa: BLE001 - any decoder failure means "no readable mark"
        return False, None, None


def _detect(path: Path) -> tuple[bool, str | None, str | None]:
    mime = mime_for(path)
    if mime.startswith("image/") and mime != "image/svg+xml":
        from .watermark import detect_image

        found = detect_image(path)
        return found.found, found.payload, "image"
    if mime.startswith("video/"):
        from .watermark import detect_video

        found = detect_video(path)
        if found.found:
            return True, found.payload, "video frames"
        return _audio(path)
    if mime.startswith("audio/") and "midi" not in mime:
        return _audio(path)
    return False, None, None


def _audio(path: Path) -> tuple[bool, str | None, str | None]:
    from .audio_mark import detect_file

    try:
        found = detect_file(path)
    except Exception:  # no audio stream, unreadable audio
        return False, None, None
    return found.found, found.payload, "audio"


def from_store(config: Config, ident: str | None = None, sha256: str | None = None) -> dict[str, Any] | None:
    """The store's record of the file: through the watermark's id, or through the file's own
    hash (formats without a mark or manifest: MIDI, GLB, text; an exact copy of any output)."""
    from ..store import Store

    if not (Path(config.home) / "index.sqlite").is_file() or not (ident or sha256):
        return None
    store = Store(config.home)
    try:
        if ident:
            rows = store.query("SELECT sha256, kind, meta, created FROM artifacts WHERE "
                               "json_extract(meta, '$.watermark_id') = ? ORDER BY created DESC", (ident,))
        else:
            rows = store.query("SELECT sha256, kind, meta, created FROM artifacts WHERE sha256 = ?", (sha256,))
    finally:
        store.close()
    if not rows:
        return None
    meta = json.loads(rows[0]["meta"])
    if not meta.get("tool"):
        return None          # a user's upload or input file, not something medialoom made
    started = (meta.get("timings") or {}).get("started")
    return {"source": "store", "tool": meta.get("tool"), "backend": meta.get("backend"),
            "model": meta.get("model"), "seed": meta.get("seed"),
            "time": _iso(started) if started else None, "parents": meta.get("parents", []),
            "sha256": rows[0]["sha256"], "kind": rows[0]["kind"], "step": meta.get("step"),
            "run": meta.get("run")}


def _iso(ts: float) -> str:
    import datetime as dt

    return dt.datetime.fromtimestamp(ts, dt.timezone.utc).isoformat(timespec="seconds")


def from_c2pa(path: Path, config: Config) -> dict[str, Any] | None:
    from .provenance import read

    found = read(path, config)
    if not found:
        return None
    record = found.get("record") or {}
    parents = [p.get("sha256") if isinstance(p, dict) else p for p in record.get("parents", [])]
    return {"source": "c2pa", "tool": record.get("tool"), "backend": record.get("backend"),
            "model": record.get("model"), "seed": record.get("seed"), "time": record.get("time"),
            "parents": parents, "watermark_id": record.get("watermark_id"),
            "c2pa": {k: found[k] for k in ("claim_generator", "validation_state", "validation_failures",
                                           "actions", "ingredients")}}


def verify(path: Path, config: Config | None = None) -> dict[str, Any]:
    if not path.is_file():
        raise InputError(f"{path} is not a file; give the path of an image, video or audio file")
    config = config or load_config()
    _probe(path)
    marked, ident, medium = detect_mark(path)
    provenance = from_c2pa(path, config)
    if provenance is None and ident:
        provenance = from_store(config, ident=ident)
    if provenance is None:
        from ..store import sha256_file

        provenance = from_store(config, sha256=sha256_file(path))
    return {"file": str(path), "watermark": marked, "watermark_id": ident, "watermark_in": medium,
            "provenance": provenance}


def _probe(path: Path) -> None:
    """Refuse an empty, corrupt or mislabelled image, audio or video file in one line."""
    from ..artifacts import mime_for
    from ..media import probe

    kind = mime_for(path).split("/")[0]
    probe(path, kind if kind in ("image", "audio", "video") else "file")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, exit 2
        raise UsageError(f"{message}; usage: medialoom verify FILE [--json]")


def main(argv: Sequence[str] | None = None) -> int:
    parser = _Parser(prog="medialoom verify",
                     description="Check a file for medialoom's watermark and provenance.")
    parser.add_argument("file", type=Path, help="an image, video or audio file (any file: its hash is looked up too)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    try:
        args = parser.parse_args(list(argv or []))
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    result = verify(args.file)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(_text(result))
    return 0 if result["watermark"] or result["provenance"] else 1


def _text(result: dict[str, Any]) -> str:
    lines = [f"{result['file']}",
             f"  watermark: {'yes, id ' + result['watermark_id'] + ' in ' + result['watermark_in'] if result['watermark'] else 'no'}"]
    prov = result["provenance"]
    if not prov:
        lines.append("  provenance: none found (no C2PA manifest, no store record)")
        return "\n".join(lines)
    lines.append(f"  provenance ({prov['source']}): {prov.get('tool')} on {prov.get('backend')}"
                 + (f", model {prov['model']}" if prov.get("model") else "")
                 + f", seed {prov.get('seed')}, {prov.get('time')}")
    if prov.get("parents"):
        lines.append(f"  parents: {', '.join(str(p)[:12] for p in prov['parents'])}")
    if prov.get("c2pa"):
        lines.append(f"  C2PA: {prov['c2pa']['validation_state']}")
    return "\n".join(lines)
