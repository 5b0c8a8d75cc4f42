"""The fuzz driver that tests/test_fuzz.py runs in a child process (so the test can watch the
memory of the whole process tree): seeded random plans through the plan check, a few of the
ones that pass through the engine, and every corrupt file of bad_inputs.py through every tool
that takes its kind. Prints one JSON object: counts, tracebacks found and the slowest cases.

    python tests/fuzz_driver.py FOLDER [--seed 0] [--plans 2000] [--runs 12]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import traceback
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import bad_inputs as bad

from medialoom.catalogue import catalogue
from medialoom.config import load_config
from medialoom.errors import MedialoomError
from medialoom.plan import Plan
from medialoom.session import Session

KIND_OF = {".png": "image", ".json": "layout", ".wav": "audio", ".flac": "audio", ".mp3": "audio",
           ".m4a": "audio", ".mp4": "video", ".glb": "mesh", ".obj": "mesh"}
CORRUPT_MAKERS = ("png_huge_header", "mask_empty", "layout_broken", "layout_nested_too_deep",
                  "wav_31_minutes_header", "wav_zero_length", "mp4_zero_frames", "mp4_4k_plus",
                  "obj_no_faces", "flac_truncated", "mp3_truncated", "glb_truncated",
                  "mp4_cut_after_index", "m4a_cut_after_index", "mp3_damaged_middle")
DAMAGES = ("missing", "zero_bytes", "truncated", "wrong_type", "garbled")
FILLERS = {"instruction": "make it brighter", "text": "hello", "factor": 2, "prompt": "a red ball"}
EXTENSION = {"png_huge_header": ".png", "mask_empty": ".png", "layout_broken": ".json",
             "layout_nested_too_deep": ".json", "wav_31_minutes_header": ".wav", "wav_zero_length": ".wav",
             "mp4_zero_frames": ".mp4", "mp4_4k_plus": ".mp4", "obj_no_faces": ".obj",
             "flac_truncated": ".flac", "mp3_truncated": ".mp3", "glb_truncated": ".glb",
             "mp4_cut_after_index": ".mp4", "m4a_cut_after_index": ".m4a", "mp3_damaged_middle": ".mp3"}


# -- files ------------------------------------------------------------------------------------
def extreme_files(folder: Path) -> dict[str, tuple[Path, str]]:
    """The attack's inputs: tiny files that claim enormous work."""
    import struct
    import wave
    import zlib

    def png(path: Path, w: int, h: int) -> Path:
        def chunk(kind: bytes, data: bytes) -> bytes:
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                         + chunk(b"IDAT", zlib.compress(b"\0" * 7)) + chunk(b"IEND", b""))
        return path

    slow = folder / "slow.wav"
    with wave.open(str(slow), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(1)
        w.writeframes(b"\0\1" * 1000)
    sparse = folder / "sparse-layout.json"
    with open(sparse, "wb") as f:
        f.truncate(4 << 30)
    sparse_mesh = folder / "sparse.glb"
    with open(sparse_mesh, "wb") as f:
        f.truncate(4 << 30)
    return {"png_1x49M": (png(folder / "line.png", 1, 49_000_000), "image"),
            "glb_4GB_sparse": (sparse_mesh, "mesh"),
            "png_7000_square": (png(folder / "square.png", 7000, 7000), "image"),
            "wav_1_hz": (slow, "audio"), "layout_4GB_sparse": (sparse, "layout"),
            "name_300_bytes": (folder / ("x" * 300 + ".png"), "image")}


def corrupt_files(folder: Path) -> dict[str, tuple[Path, str]]:
    files: dict[str, tuple[Path, str]] = {}
    for kind in bad.GOOD:
        for damage in DAMAGES:
            sub = folder / f"{kind}-{damage}"
            sub.mkdir()
            files[f"{kind}/{damage}"] = (bad.damaged(kind, damage, sub), kind)
    for name in CORRUPT_MAKERS:
        path = bad.make(bad.MAKERS[name], folder / f"{name}{EXTENSION[name]}")
        files[name] = (path, "mask" if name == "mask_empty" else KIND_OF[EXTENSION[name]])
    files.update(extreme_files(folder))
    return files


def good_files(folder: Path) -> dict[str, Path]:
    return {kind: bad.make(maker, folder / name) for kind, (name, maker) in bad.GOOD.items()}


# -- random plans -----------------------------------------------------------------------------
def value_for(param: Any, rng: random.Random, step_ids: list[str], i: int, files: dict[str, list[str]]) -> Any:
    if param.kind is not None and param.kind not in ("text", "storyboard"):
        pool: list[Any] = files.get(param.kind, []) + [f"$s{rng.randint(0, i + 2)}", "missing.png", ".", 42,
                                                        "x" * 300, "$s1.midi"]
        count = rng.choice((0, 1, 2, 3, 70))
        return [rng.choice(pool) for _ in range(count)] if param.type == "array" else rng.choice(pool)
    pools: dict[str, list[Any]] = {
        "string": ["a cat", "", "x" * 3000, "\x00", "$s1", "../../etc/passwd", "\u202e" * 50, "1:20", None],
        "integer": [0, -1, 16, 512, 4096, 10 ** 12, True, "12", 2 ** 63],
        "number": [0, -0.5, 1e308, float("inf"), float("nan"), 3.5, "x", 2],
        "boolean": [True, False, "yes"],
        "time": [0, 0.5, 2, 3600, "1:20", "99:99", -5, 1e9, "abc"],
        "point": [[1, 2], [1e9, -1e9], [1], "x", [float("nan"), 0]],
        "box": [[0, 0, 10, 10], [10, 10, 0, 0], [0, 0, 1e9, 1e9], [1, 2, 3]],
        "object": [{}, {"a": [[[]]]}, []],
    }
    if param.enum:
        return rng.choice(list(param.enum) + ["bogus"])
    if param.type == "array":
        item = pools.get(param.items or "string", [1])
        return [rng.choice(item) for _ in range(rng.choice((0, 1, 2, 3, 70)))] + ([] if rng.random() < .9 else [[1]])
    if param.kind in ("text", "storyboard") and rng.random() < 0.5:
        return rng.choice(["a red ball on a table", f"$s{rng.randint(0, i + 1)}", "naked", "$s1.scene2_prompt"])
    return rng.choice(pools.get(param.type, ["?"]))


def plausible_value(param: Any, rng: random.Random, made: list[tuple[str, str]], good: dict[str, str]) -> Any:
    """A value of the right shape, within the declared range, often at its edge: plans that
    pass validation and reach the cost checks."""
    if param.kind is not None and param.kind not in ("text", "storyboard"):
        refs = [f"${sid}" for sid, kind in made if kind == param.kind]
        choices = refs + [good[param.kind]] if param.kind in good else refs or ["$s0"]
        count = rng.choice((1, 2, 3, 20))
        return [rng.choice(choices) for _ in range(count)] if param.type == "array" else rng.choice(choices)
    if param.enum:
        return rng.choice(list(param.enum))
    low, high = param.minimum if param.minimum is not None else 0, param.maximum if param.maximum is not None else 4000
    number = rng.choice((low, high, low + (high - low) * rng.random()))
    item = param.items if param.type == "array" else param.type
    value = {"integer": int(number), "number": float(number), "boolean": rng.random() < 0.5,
             "time": rng.choice((0.5, 2, 10, 600, 3600, "1:00")), "point": [10, 10], "box": [0, 0, 20, 20],
             "object": {}}.get(item or "string", "a red ball on a table")
    return [value] * rng.choice((1, 2, 20)) if param.type == "array" else value


def random_plan(rng: random.Random, tools: list[Any], files: dict[str, list[str]]) -> dict[str, Any]:
    if rng.random() < 0.5:
        good = {kind: paths[0] for kind, paths in files.items()}
        made: list[tuple[str, str]] = []
        steps = []
        for i in range(rng.randint(1, 3)):
            spec = rng.choice(tools)
            args = {p.name: plausible_value(p, rng, made, good) for p in spec.params
                    if p.required or rng.random() < 0.5}
            steps.append({"id": f"s{i + 1}", "tool": spec.id, "args": args})
            made.append((f"s{i + 1}", spec.output))
        return {"steps": steps}
    steps = []
    for i in range(rng.randint(1, 6)):
        spec = rng.choice(tools)
        args = {p.name: value_for(p, rng, [], i, files) for p in spec.params
                if p.required and rng.random() < 0.95 or not p.required and rng.random() < 0.4}
        if rng.random() < 0.05:
            args["bogus"] = 1
        tool = spec.id if rng.random() < 0.97 else rng.choice(["image.nope", "", "x" * 80])
        sid = f"s{i + 1}" if rng.random() < 0.97 else rng.choice(["s1", "bad id", "", "s" * 90])
        steps.append({"id": sid, "tool": tool, "args": args})
    return {"steps": steps}


# -- running ------------------------------------------------------------------------------------
class Findings:
    def __init__(self) -> None:
        self.tracebacks: list[dict[str, Any]] = []
        self.times: list[tuple[float, str]] = []
        self.counts = {"plans": 0, "plans_valid": 0, "runs": 0, "file_cases": 0, "refused": 0}

    def timed(self, label: str, fn: Any) -> Any:
        started = time.perf_counter()
        try:
            return fn()
        except MedialoomError as exc:
            self.counts["refused"] += 1
            if "\n" in exc.one_line() or "Traceback" in str(exc):
                self.tracebacks.append({"case": label, "error": str(exc)[:500]})
            return None
        except Exception:  # noqa: BLE001 - a traceback is what this looks for
            self.tracebacks.append({"case": label, "error": traceback.format_exc()[-1500:]})
            return None
        finally:
            self.times.append((time.perf_counter() - started, label))

    def check_run(self, label: str, session: Session, result: Any) -> None:
        if result is None:
            return
        self.counts["runs"] += 1
        rows = session.store.query("SELECT step_id, tool, error, detail FROM steps WHERE run_id=?", (result.run_id,))
        for row in rows:
            if row["detail"]:  # a backend bug: the worker kept a traceback
                self.tracebacks.append({"case": f"{label} {row['step_id']} {row['tool']}",
                                        "error": (row["error"] or "") + "\n" + row["detail"][-1200:]})


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder", type=Path)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--plans", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=12)
    args = ap.parse_args()
    folder: Path = args.folder
    (folder / "home").mkdir(parents=True, exist_ok=True)
    (folder / "home" / "config.toml").write_text(  # small limits: fuzzed runs stay cheap
        "[limits]\nmemory_gb = 0.3\nvideo_megapixel_frames = 30\ninputs = 16\nworker_memory_gb = 1.5\n"
        "[run]\nworkers = 2\n")
    session = Session(load_config(folder / "home"))
    findings = Findings()
    (folder / "bad").mkdir(exist_ok=True)
    (folder / "good").mkdir(exist_ok=True)
    corrupt = corrupt_files(folder / "bad")
    good = good_files(folder / "good")

    phases = {"files": time.perf_counter()}
    # 1. every corrupt file through every tool that takes its kind
    tools = list(catalogue())
    for label, (path, kind) in corrupt.items():
        for spec in tools:
            takes = [p for p in spec.params if p.kind == kind]
            if not takes:
                continue
            plan = {p.name: ([str(path)] if p.type == "array" else str(path)) for p in takes}
            for p in spec.params:
                if p.required and p.name not in plan:
                    other = good.get(p.kind or "")
                    plan[p.name] = (str(other) if p.type != "array" else [str(other)]) if other else FILLERS.get(p.name, "x")
            findings.counts["file_cases"] += 1
            case = f"{label} -> {spec.id}"
            result = findings.timed(case, lambda tool=spec.id, args_=plan: session.run(Plan.from_dict(
                {"steps": [{"id": "s1", "tool": tool, "args": args_}]}), base_dir=folder, backend="offline"))
            findings.check_run(case, session, result)

    # 2. random plans through the check; a few that pass through the engine
    phases["plans"] = time.perf_counter()
    rng = random.Random(args.seed)
    files = {kind: [str(good[kind])] + [str(p) for p, k in corrupt.values() if k == kind][:3] for kind in good}
    runs_left = args.runs
    for n in range(args.plans):
        data = random_plan(rng, tools, files)
        findings.counts["plans"] += 1
        checked = findings.timed(f"plan {n}: check", lambda data=data: session.check(Plan.from_dict(data), base_dir=folder,
                                                                          backend="offline"))
        if checked is None:
            continue
        findings.counts["plans_valid"] += 1
        if runs_left > 0 and len(data["steps"]) <= 3:
            runs_left -= 1
            result = findings.timed(f"plan {n}: run", lambda data=data: session.run(Plan.from_dict(data), base_dir=folder,
                                                                          backend="offline"))
            findings.check_run(f"plan {n}: {json.dumps(data)[:300]}", session, result)
    session.store.close()
    phases["end"] = time.perf_counter()
    seconds = {"files_s": round(phases["plans"] - phases["files"], 1), "plans_s": round(phases["end"] - phases["plans"], 1)}
    slowest = sorted(findings.times, reverse=True)[:5]
    print(json.dumps({**findings.counts, **seconds, "tracebacks": findings.tracebacks,
                      "slowest": [{"seconds": round(s, 2), "case": c} for s, c in slowest]}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
