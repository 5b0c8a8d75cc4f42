"""Bad input through the real CLI: every bad file, argument or plan gives ONE line on stderr that
names what is wrong, a non-zero exit (2 bad usage / plan / input, 1 a tool failed), no traceback,
nothing in --out and a consistent store. Odd-but-valid media (CMYK, 16-bit, palette, EXIF
rotation, every audio container, variable frame rate, rotated video) must decode, not be refused.

Each case is one `medialoom run --plan FILE --json` subprocess (one bad thing per plan: validation
reports every problem, so several bad steps would give several lines); the odd-but-valid files
share one run per kind. Bad files are made procedurally by tests/bad_inputs.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import bad_inputs as bad
from medialoom.catalogue import catalogue
from medialoom.errors import PlanError
from medialoom.plan import Plan, validate
from medialoom.registry import Registry
from medialoom.store import Store

MEDIA_KINDS = ("image", "mask", "audio", "video", "mesh", "layout", "motion")
DAMAGES = ("missing", "zero_bytes", "truncated", "wrong_type", "garbled")
FILLERS = {"instruction": "make it brighter", "text": "hello", "factor": 2, "prompt": "on a beach", "request": "a red ball"}
# one tool per kind for the end-to-end file cases (all offline, quick to refuse)
TOOL_FOR = {"image": ("image.caption", "image"), "mask": ("image.inpaint", "mask"),
            "audio": ("audio.trim", "audio"), "video": ("video.extract_frame", "video"),
            "mesh": ("mesh.render", "mesh"), "layout": ("image.from_layout", "layout"),
            "motion": ("motion.to_mesh", "motion")}


# --- helpers ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def files(tmp_path_factory) -> Path:
    """A folder with one good file per kind (named as in bad_inputs.GOOD)."""
    folder = tmp_path_factory.mktemp("good")
    for name, maker in bad.GOOD.values():
        maker(folder / name)
    return folder


def run_cli(args: list[str], home: Path, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    env = dict(os.environ, MEDIALOOM_HOME=str(home))
    env.pop("MEDIALOOM_PLUGINS", None)
    return subprocess.run([sys.executable, "-m", "medialoom.cli", *args], env=env, cwd=cwd,
                          capture_output=True, text=True, timeout=timeout)


def run_plan(steps: list[dict], home: Path, folder: Path, *extra: str) -> subprocess.CompletedProcess:
    plan = folder / "plan.json"
    plan.write_text(json.dumps({"steps": steps}))
    return run_cli(["run", "--plan", str(plan), "--json", "--out", str(folder / "out"),
                    "--backend", "offline", *extra], home, folder)


def step(tool: str, sid: str = "s1", **args) -> dict:
    return {"id": sid, "tool": tool, "args": args}


def assert_clean(home: Path, out: Path | None = None) -> None:
    """Nothing half-written: the store's rows and files agree, no temp folders are left, and
    --out holds no files."""
    store = Store(home)
    try:
        assert store.check_consistency() == []
    finally:
        store.close()
    tmp = home / "tmp"
    assert not tmp.exists() or list(tmp.iterdir()) == []
    if out is not None and out.exists():
        assert [p for p in out.rglob("*") if p.is_file()] == []


def assert_refused(proc: subprocess.CompletedProcess, code: int, *words: str) -> str:
    """Exit `code`, exactly one stderr line containing every word, no traceback; returns it."""
    assert "Traceback" not in proc.stderr + proc.stdout, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert proc.returncode == code, proc.stderr
    assert len(lines) == 1, proc.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def good_args(tool: str, files: Path) -> dict:
    """Valid arguments for a tool: good files for media, a filler for other required ones."""
    spec = Registry.default().spec(tool)
    args: dict = {}
    for p in spec.params:
        if p.kind in MEDIA_KINDS:
            name = str(files / bad.GOOD[p.kind][0])
            args[p.name] = [name] if p.type == "array" else name
        elif p.required:
            args[p.name] = FILLERS[p.name]
    return args


def file_params() -> list[tuple[str, str, str]]:
    """(tool, argument, kind) for every catalogue argument that takes a user file."""
    return [(spec.id, p.name, p.kind) for spec in catalogue() for p in spec.params if p.kind in MEDIA_KINDS]


# --- 1. every tool x every damaged file (validation, in process) ---------------------------

@pytest.mark.parametrize("damage", DAMAGES)
def test_every_file_argument_refuses_each_damage(damage, files, tmp_path):
    """All 30 file arguments of the catalogue: the plan check gives exactly one problem, naming
    the argument and the file. (The same check runs inside the CLI; section 2 drives it there.)"""
    registry = Registry.default()
    params = file_params()
    assert len(params) >= 30
    for tool, arg, kind in params:
        folder = tmp_path / f"{tool}-{arg}"
        folder.mkdir()
        path = bad.damaged(kind, damage, folder)
        args = good_args(tool, files)
        args[arg] = [str(path)] if isinstance(args[arg], list) else str(path)
        with pytest.raises(PlanError) as err:
            validate(Plan.from_dict({"steps": [step(tool, **args)]}), registry, tmp_path)
        assert len(err.value.problems) == 1, (tool, arg, err.value.problems)
        line = err.value.problems[0]
        assert f"s1.{arg}:" in line and path.name in line, (tool, arg, line)


# --- 2. each damaged kind end to end through the CLI ----------------------------------------

@pytest.mark.parametrize("kind", MEDIA_KINDS)
@pytest.mark.parametrize("damage", DAMAGES)
def test_cli_refuses_damaged_file(kind, damage, files, home, tmp_path):
    tool, arg = TOOL_FOR[kind]
    path = bad.damaged(kind, damage, tmp_path)
    args = good_args(tool, files)
    args[arg] = path.name  # relative: resolved against the working folder
    proc = run_plan([step(tool, **args)], home, tmp_path)
    assert_refused(proc, 2, path.name, f"s1.{arg}")
    assert_clean(home, tmp_path / "out")


# --- 3. over the limits, or empty: refused before decoding ----------------------------------

@pytest.mark.parametrize("maker, name, kind, words", [
    ("png_huge_header", "huge.png", "image", ["downscale"]),
    ("wav_31_minutes_header", "long.wav", "audio", ["31 minutes", "30 minute limit"]),
    ("wav_zero_length", "silent.wav", "audio", ["zero length"]),
    ("mp4_zero_frames", "empty.mp4", "video", []),
    ("mp4_4k_plus", "big.mp4", "video", ["4112x2176", "4K"]),
    ("obj_no_faces", "points.obj", "mesh", ["no faces"]),
    ("glb_truncated", "cut.glb", "mesh", ["not a readable 3D model"]),
    ("flac_truncated", "cut.flac", "audio", ["truncated"]),  # whole header, no ending
    ("mp3_truncated", "cut.mp3", "audio", ["truncated"]),  # its Xing header says more bytes
    ("m4a_cut_after_index", "cut.m4a", "audio", ["truncated", "3.0 s"]),
    ("mp4_cut_after_index", "cut.mp4", "video", ["truncated", "3.0 s"]),
    ("layout_broken", "cut.json", "layout", ["not valid JSON"]),
    ("layout_nested_too_deep", "deep.json", "layout", ["not valid JSON"]),
])
def test_cli_refuses_over_limit_or_empty(maker, name, kind, words, files, home, tmp_path):
    bad.make(bad.MAKERS[maker], tmp_path / name)
    tool, arg = TOOL_FOR[kind]
    args = good_args(tool, files)
    args[arg] = name
    proc = run_plan([step(tool, **args)], home, tmp_path)
    assert_refused(proc, 2, name, *words)
    assert_clean(home, tmp_path / "out")


def test_huge_png_header_is_refused_without_decoding(tmp_path):
    """The 20000x20000 header costs no memory: refused from the header (well under 1 s and no
    1.2 GB allocation)."""
    import resource
    import time

    from medialoom.errors import InputError
    from medialoom.media import probe

    path = bad.make(bad.png_huge_header, tmp_path / "huge.png")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    with pytest.raises(InputError):
        probe(path, "image")
    assert time.perf_counter() - t0 < 1.0
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 200_000  # KiB


# --- 4. odd but valid media: decoded, not refused --------------------------------------------

AUDIO_FILES = {"wav": "take.wav", "flac": "take.flac", "ogg": "take.ogg", "mp3": "take.mp3",
               "m4a": "take.m4a", "mp4_with_audio": "clip-with-sound.mp4",
               "mp3_damaged_middle": "scratched.mp3"}  # a few frames lost: skipped quietly


@pytest.fixture(scope="module")
def audio_run(tmp_path_factory):
    """One run: audio.trim (0.1 s to 0.4 s) of a 440 Hz tone in each container."""
    folder = tmp_path_factory.mktemp("audio")
    home = tmp_path_factory.mktemp("audio-home")
    steps = []
    for maker, name in AUDIO_FILES.items():
        bad.make(bad.MAKERS[maker], folder / name)
        steps.append(step("audio.trim", f"t_{maker}", audio=name, start=0.1, end=0.4))
    proc = run_plan(steps, home, folder)
    return proc, home


@pytest.mark.parametrize("maker", list(AUDIO_FILES))
def test_audio_containers_decode(maker, audio_run):
    import soundfile

    proc, home = audio_run
    assert proc.returncode == 0 and proc.stderr.strip() == "", proc.stderr  # no decoder chatter
    data = json.loads(proc.stdout)
    assert not [f for f in data["failed"] if f["step"] == f"t_{maker}"], data["failed"]
    out = next(o for o in data["outputs"] if o["step"] == f"t_{maker}")
    samples, rate = soundfile.read(out["path"], always_2d=True)
    assert abs(len(samples) / rate - 0.3) < 0.03
    mono = samples.mean(axis=1)
    assert np.sqrt(np.mean(mono ** 2)) > 0.1  # the tone (0.3 peak), not silence
    spectrum = np.abs(np.fft.rfft(mono))
    assert abs(np.fft.rfftfreq(len(mono), 1 / rate)[spectrum.argmax()] - 440) < 15
    assert Store(home).check_consistency() == []


IMAGE_FILES = {"jpeg_cmyk": "cmyk.jpg", "png_16bit": "deep.png",
               "png_palette_transparent": "palette.png", "png_rgba": "rgba.png",
               "jpeg_exif_rotated": "phone.jpg"}


@pytest.fixture(scope="module")
def image_run(tmp_path_factory):
    """One run: image.upscale x2 of each odd image mode."""
    folder = tmp_path_factory.mktemp("images")
    home = tmp_path_factory.mktemp("images-home")
    steps = []
    for maker, name in IMAGE_FILES.items():
        bad.make(bad.MAKERS[maker], folder / name)
        steps.append(step("image.upscale", f"u_{maker}", image=name, scale=2))
    return run_plan(steps, home, folder), home, folder


def _image_output(image_run, maker: str) -> np.ndarray:
    proc, home, _ = image_run
    assert proc.returncode == 0 and proc.stderr.strip() == "", proc.stderr
    data = json.loads(proc.stdout)
    assert not [f for f in data["failed"] if f["step"] == f"u_{maker}"], data["failed"]
    assert Store(home).check_consistency() == []
    return bad.read_rgb(Path(next(o for o in data["outputs"] if o["step"] == f"u_{maker}")["path"]))


@pytest.mark.parametrize("maker", ["jpeg_cmyk", "png_16bit", "png_palette_transparent", "png_rgba"])
def test_image_modes_decode(maker, image_run):
    _, _, folder = image_run
    out = _image_output(image_run, maker)
    assert out.shape[:2] == (48, 64)
    if maker in ("png_rgba", "png_palette_transparent"):
        return  # alpha kept or flattened: colours may change, the size is what matters
    if maker == "png_16bit":  # Pillow's own RGB conversion clips 16-bit values: scale them
        from PIL import Image

        grey = np.asarray(Image.open(folder / IMAGE_FILES[maker])).astype(float) / 257
        source = np.repeat(grey[..., None], 3, axis=2)
    else:
        source = bad.read_rgb(folder / IMAGE_FILES[maker]).astype(float)
    # the picture survives the mode: a 2x2 block of the output matches the source pixel
    small = out.reshape(24, 2, 32, 2, 3).mean(axis=(1, 3))
    assert np.abs(small - source).mean() < 20


def test_exif_rotation_is_applied(image_run):
    out = _image_output(image_run, "jpeg_exif_rotated")
    assert out.shape[:2] == (80, 40)  # shown upright: 20x40 doubled, not the stored 40x20
    top, bottom = out[:30].reshape(-1, 3).mean(0), out[50:].reshape(-1, 3).mean(0)
    assert top[0] > 180 and top[2] < 80 and bottom[2] > 180 and bottom[0] < 80


@pytest.fixture(scope="module")
def video_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("video")
    home = tmp_path_factory.mktemp("video-home")
    bad.make(bad.mp4_vfr, folder / "vfr.mp4")
    bad.make(bad.mp4_rotated, folder / "portrait.mp4")
    bad.make(bad.jpeg_exif_rotated, folder / "phone.jpg")
    steps = [step("video.slideshow", "exif_show", images=["phone.jpg"], durations=[0.3]),step("video.trim", "vfr_trim", video="vfr.mp4", start=0.2, end=1.0),
             step("video.extract_frame", "vfr_frame", video="vfr.mp4", time=0.6),
             step("video.extract_frame", "rot_frame", video="portrait.mp4", time=0.1),
             step("video.trim", "rot_trim", video="portrait.mp4", end=0.3)]
    return run_plan(steps, home, folder), home


def _video_outputs(video_run) -> dict[str, Path]:
    proc, home = video_run
    assert proc.returncode == 0 and proc.stderr.strip() == "", proc.stderr
    assert Store(home).check_consistency() == []
    return {o["step"]: Path(o["path"]) for o in json.loads(proc.stdout)["outputs"]}


def test_variable_frame_rate_is_handled(video_run):
    from medialoom.backends.offline.video.io import probe

    outs = _video_outputs(video_run)
    info = probe(outs["vfr_trim"])
    assert abs(info.duration - 0.8) < 0.15 and info.frame_count >= 3
    frame = bad.read_rgb(outs["vfr_frame"])
    assert frame.shape[:2] == (32, 32) and frame[..., 0].max() > 150  # a real frame, not black


def test_video_rotation_is_applied(video_run):
    from medialoom.backends.offline.video.io import probe

    outs = _video_outputs(video_run)
    frame = bad.read_rgb(outs["rot_frame"])
    assert frame.shape[:2] == (48, 16)  # shown upright: stored 48x16 turned a quarter
    assert frame[:14, :, 0].mean() > 150 and frame[20:, :, 0].mean() < 80  # red third on top
    info = probe(outs["rot_trim"])
    assert (info.width, info.height) == (16, 48)


def test_exif_rotation_is_applied_in_videos(video_run):
    from medialoom.backends.offline.video.io import iter_frames, probe

    outs = _video_outputs(video_run)
    info = probe(outs["exif_show"])
    assert (info.width, info.height) == (20, 40)
    frame = next(iter_frames(outs["exif_show"], info.fps))
    assert frame[:15, :, 0].mean() > 150 and frame[25:, :, 2].mean() > 150  # red on top, blue below


# --- 5. bad values inside a valid plan: refused by the tool --------------------------------

def test_click_outside_image(files, home, tmp_path):
    proc = run_plan([step("image.segment", image=str(files / "photo.png"), point=[500, 400])],
                    home, tmp_path)
    assert_refused(proc, 2, "point")
    assert_clean(home, tmp_path / "out")


def test_empty_mask(files, home, tmp_path):
    bad.make(bad.mask_empty, tmp_path / "nothing.png")
    proc = run_plan([step("image.inpaint", image=str(files / "photo.png"), mask="nothing.png")],
                    home, tmp_path)
    assert_refused(proc, 2, "mask")
    assert_clean(home, tmp_path / "out")


def test_tool_error_names_the_users_file(files, home, tmp_path):
    """A problem found while running names clip.mp4, not its copy in the store (<sha256>.mp4)."""
    import re

    os.link(files / "clip.mp4", tmp_path / "clip.mp4")
    proc = run_plan([step("video.extract_audio", video="clip.mp4")], home, tmp_path)
    line = assert_refused(proc, 2, "s1", "clip.mp4", "no audio track")
    assert not re.search(r"[0-9a-f]{32}", line)
    assert_clean(home, tmp_path / "out")


def test_mismatched_inputs_are_handled(files, home, tmp_path):
    """Tracks of different rates and channels mix; clips of different sizes join."""
    import soundfile

    from medialoom.backends.offline.video.io import probe

    soundfile.write(tmp_path / "stereo.wav", np.full((4410, 2), 0.2, np.float32), 44100)
    bad.mp4(tmp_path / "wide.mp4", 64, 48, 5)
    proc = run_plan([step("audio.mix", "mix", audios=[str(files / "take.wav"), "stereo.wav"]),
                     step("video.concat", "join", videos=[str(files / "clip.mp4"), "wide.mp4"])],
                    home, tmp_path)
    assert proc.returncode == 0 and proc.stderr.strip() == "", proc.stderr
    outs = {o["step"]: Path(o["path"]) for o in json.loads(proc.stdout)["outputs"]}
    mixed, rate = soundfile.read(outs["mix"], always_2d=True)
    assert abs(len(mixed) / rate - 0.5) < 0.02 and np.abs(mixed).max() > 0.3
    assert probe(outs["join"]).frame_count == 15
    assert Store(home).check_consistency() == []


# --- 6. usage errors -------------------------------------------------------------------------

@pytest.mark.parametrize("args, words", [
    (["run", "--frobnicate"], ["--frobnicate"]),
    (["run", "a cat", "--backend", "quantum"], ["--backend", "quantum"]),
    (["run"], ["give a request"]),
    (["run", ""], ["request"]),
    (["run", "   "], ["empty"]),
    (["run", "a" * 50_000], ["50000 characters"]),
    (["run", "a cat", "--model", "no-equals-sign"], ["--model", "no-equals-sign"]),
    (["run", "a cat", "--model", "image.paint=acme/x"], ["--model", "image.paint"]),
    (["plan"], ["give a request"]),
    (["plan", "--batch", "missing.jsonl"], ["missing.jsonl"]),
    (["sculpt"], ["sculpt"]),
    (["run", "a cat", "--seed", "x"], ["--seed", "'x'"]),
    (["run", "a cat", "--plan", "plan.json"], ["either a request or --plan"]),
    (["run", "--plan", "."], ["cannot read plan file"]),
    (["run", "missing-plan.json"], ["plan file missing-plan.json does not exist"]),
    (["plan", "b" * 50_000], ["50000 characters"]),
])
def test_usage_errors(args, words, home, tmp_path):
    proc = run_cli(args, home, tmp_path)
    assert_refused(proc, 2, *words)
    assert proc.stdout == ""
    assert_clean(home)


@pytest.mark.parametrize("damage", [
    "missing",
    "zero_bytes",
    "wrong_type",
    "garbled",
])
def test_verify_bad_file(damage, home, tmp_path):
    path = bad.damaged("image", damage, tmp_path)
    proc = run_cli(["verify", path.name], home, tmp_path)
    assert_refused(proc, 2, path.name)


def test_chat_unknown_flag(home, tmp_path):
    proc = subprocess.run([sys.executable, "-m", "medialoom.cli", "chat", "--frobnicate"], input="",
                          env=dict(os.environ, MEDIALOOM_HOME=str(home)), cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert_refused(proc, 2, "--frobnicate")


def test_batch_file_not_utf8(home, tmp_path):
    (tmp_path / "requests.jsonl").write_bytes(b"\xff\xfe{\x00")
    proc = run_cli(["plan", "--json", "--batch", "requests.jsonl"], home, tmp_path)
    assert_refused(proc, 2, "requests.jsonl", "UTF-8")


def test_batch_file_with_a_bad_line(home, tmp_path):
    batch = tmp_path / "requests.jsonl"
    batch.write_text('{"id": 1, "request": "draw a red apple"}\n' + "[" * 100_000 + "\n" +
                     '{"id": 3}\n{"id": 4, "request": "draw a green pear"}\n')
    proc = run_cli(["plan", "--json", "--batch", str(batch)], home, tmp_path)
    answers = [json.loads(line) for line in proc.stdout.splitlines()]
    assert proc.returncode == 0 and [a["id"] for a in answers] == [1, None, 3, 4]  # the batch goes on
    assert answers[1]["steps"] == [] and "requests.jsonl:2" in answers[1]["error"]
    assert answers[2]["steps"] == [] and "requests.jsonl:3" in answers[2]["error"]
    assert answers[3]["steps"][0]["args"]["prompt"] == "a green pear"


@pytest.mark.parametrize("content, words", [
    ("42", ["'objects' list"]),
    ('"a ball on grass"', ["'objects' list"]),
    ('{"objects": [{"name": "ball", "box": "big"}]}', ["ball", "box"]),
    ('{"objects": [{"name": "ball", "box": [5, 5, -3, 1e9]}]}', ["empty box"]),
    ('{"foo": 1}', ["'objects' list"]),
])
def test_layout_that_is_json_but_not_a_layout(content, words, home, tmp_path):
    (tmp_path / "scene.json").write_text(content)
    proc = run_plan([step("image.from_layout", layout="scene.json")], home, tmp_path)
    assert_refused(proc, 2, "s1", *words)
    assert_clean(home, tmp_path / "out")


def test_plan_file_with_a_byte_order_mark_runs(files, home, tmp_path):
    """Windows editors start UTF-8 files with a BOM: that is not a bad plan."""
    plan = tmp_path / "plan.json"
    text = json.dumps({"steps": [step("audio.trim", audio=str(files / "take.wav"), end=0.2)]})
    plan.write_bytes(b"\xef\xbb\xbf" + text.encode())
    proc = run_cli(["run", "--plan", str(plan), "--json", "--out", str(tmp_path / "out")], home, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert [o["step"] for o in json.loads(proc.stdout)["outputs"]] == ["s1"]


@pytest.mark.parametrize("where", ["under_a_file", "is_a_file", pytest.param("read_only", marks=pytest.mark.skipif(
    os.geteuid() == 0, reason="root writes into read-only folders"))])
def test_unwritable_out_folder(where, files, home, tmp_path):
    blocker = tmp_path / "taken"
    blocker.write_text("a file, not a folder")
    out = blocker / "sub" if where == "under_a_file" else blocker
    if where == "read_only":
        out = tmp_path / "locked"
        out.mkdir(mode=0o500)
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps({"steps": [step("audio.trim", audio=str(files / "take.wav"), end=0.2)]}))
    proc = run_cli(["run", "--plan", str(plan), "--json", "--out", str(out)], home, tmp_path)
    assert_refused(proc, 2, str(out), "--out")
    assert_clean(home)
    assert blocker.read_text() == "a file, not a folder"


def test_backend_the_tool_does_not_have(files, home, tmp_path):
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps({"steps": [step("audio.trim", audio=str(files / "take.wav"), end=0.2)]}))
    proc = run_cli(["run", "--plan", str(plan), "--json", "--backend", "neural"], home, tmp_path)
    assert_refused(proc, 2, "audio.trim has no neural backend", "it has: embedded, offline", "--backend embedded or auto")
    assert_clean(home)


def test_neural_model_not_available(files, home, tmp_path):
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps({"steps": [step("image.caption", image=str(files / "photo.png"))]}))
    proc = run_cli(["run", "--plan", str(plan), "--json", "--out", str(tmp_path / "out"),
                    "--backend", "neural", "--model", "image.caption=acme/not-a-real-model"], home, tmp_path)
    assert_refused(proc, 2, "acme/not-a-real-model")
    assert_clean(home, tmp_path / "out")


# --- 7. plans with every validation error ---------------------------------------------------

TRIM = {"audio": "take.wav", "end": 0.2}
PLAN_ERRORS = {
    "not_json": ('{"steps": [', ["not valid JSON", "line 1"]),
    "not_object": ('"make a cat"', ['{"steps": [...]}']),
    "nested_too_deep": ("[" * 100_000, ["too deeply"]),
    "step_not_object": ({"steps": [1]}, ["step 1 is not an object"]),
    "no_tool": ({"steps": [{"id": "s1", "args": {}}]}, ['no "tool"']),
    "args_not_object": ({"steps": [{"id": "s1", "tool": "audio.trim", "args": [1]}]}, ['"args"']),
    "no_steps": ({"steps": []}, ["no steps"]),
    "bad_step_id": ([step("audio.trim", "1 bad", **TRIM)], ["'1 bad'", "plain name"]),
    "duplicate_id": ([step("audio.trim", **TRIM), step("audio.trim", **TRIM)], ["s1 is used twice"]),
    "unknown_tool": ([step("image.paint", prompt="x")], ["unknown tool 'image.paint'"]),
    "unknown_argument": ([step("audio.trim", colour="red", **TRIM)], ["no argument 'colour'"]),
    "missing_argument": ([step("audio.trim", end=1)], ["needs the argument 'audio'"]),
    "empty_argument": ([step("text.write", prompt="")], ["needs the argument 'prompt'"]),
    "wrong_type": ([step("video.speed", video="clip.mp4", factor="fast")], ["s1.factor", "expects a number"]),
    "not_in_enum": ([step("image.combine", images=["photo.png"], mode="spiral")], ["s1.mode", "one of"]),
    "below_minimum": ([step("image.upscale", image="photo.png", scale=0.5)], ["s1.scale", "at least 1"]),
    "above_maximum": ([step("image.upscale", image="photo.png", scale=100)], ["s1.scale", "at most 8"]),
    "bad_point": ([step("image.segment", image="photo.png", point=[3])], ["s1.point", "[420, 310]"]),
    "bad_box": ([step("image.segment", image="photo.png", box=[0, 0, "x", 1])], ["s1.box"]),
    "bad_time": ([step("audio.trim", audio="take.wav", end="soon")], ["s1.end", "m:ss"]),
    "negative_time": ([step("audio.trim", audio="take.wav", end=-3)], ["s1.end"]),
    "not_a_number": ('{"steps": [{"id": "s1", "tool": "audio.mix", "args": {"audios": ["take.wav", "take.wav"], '
                     '"gains": [NaN, 1]}}]}', ["s1.gains", "finite number"]),
    "infinite_time": ('{"steps": [{"id": "s1", "tool": "audio.trim", "args": {"audio": "take.wav", "end": Infinity}}]}',
                      ["s1.end", "finite number"]),
    "infinite_point": ('{"steps": [{"id": "s1", "tool": "image.segment", "args": {"image": "photo.png", '
                       '"point": [-Infinity, 3]}}]}', ["s1.point", "[420, 310]"]),
    "not_a_list": ([step("image.combine", images="photo.png")], ["s1.images", "expects a list"]),
    "media_not_text": ([step("image.caption", image=5)], ["s1.image", "file path"]),
    "ref_unknown_step": ([step("image.caption", image="$s9")], ["unknown step $s9"]),
    "ref_later_step": ([step("image.caption", image="$s2"), step("video.extract_frame", "s2", video="clip.mp4")],
                       ["later step $s2"]),
    "ref_itself": ([step("text.write", prompt="$s1")], ["its own output"]),
    "ref_wrong_kind": ([step("audio.trim", **TRIM), step("image.caption", "s2", image="$s1")],
                       ["s2.image", "gets audio", "needs image"]),
    "ref_unknown_output": ([step("audio.trim", **TRIM), step("audio.trim", "s2", audio="$s1.midi")],
                           ["no output 'midi'"]),
    "ref_in_plain_value": ([step("audio.trim", **TRIM), step("image.upscale", "s2", image="photo.png",
                                                               scale="$s1")], ["s2.scale", "reference"]),
    "cycle": ([step("text.write", prompt="$s2"), step("text.write", "s2", prompt="$s1")], ["cycle", "s1", "s2"]),
    "file_is_folder": ([step("audio.trim", audio="a-folder")], ["a-folder is not a file"]),
    "file_missing": ([step("audio.trim", audio="nowhere.wav")], ["nowhere.wav does not exist"]),
}


@pytest.mark.parametrize("case", list(PLAN_ERRORS))
def test_plan_validation_errors(case, files, home, tmp_path):
    content, words = PLAN_ERRORS[case]
    for name, _ in bad.GOOD.values():
        os.link(files / name, tmp_path / name)
    (tmp_path / "a-folder").mkdir()
    plan = tmp_path / "plan.json"
    plan.write_text(content if isinstance(content, str) else json.dumps(content))
    proc = run_cli(["run", "--plan", str(plan), "--json", "--out", str(tmp_path / "out")], home, tmp_path)
    assert_refused(proc, 2, *words)
    assert json.loads(proc.stdout) == {"error": proc.stderr.strip().removeprefix("medialoom: "),
                                       "exit_code": 2}  # --json: the error on stdout too
    assert_clean(home, tmp_path / "out")
    assert not (tmp_path / "out").exists()  # nothing is created for a plan that does not run


@pytest.mark.parametrize("content, words", [
    (None, ["does not exist"]),
    (b"\xff\xfe{\x00", ["cannot read plan file", "UTF-8"]),
])
def test_unreadable_plan_file(content, words, home, tmp_path):
    plan = tmp_path / "plan.json"
    if content is not None:
        plan.write_bytes(content)
    proc = run_cli(["run", "--plan", str(plan), "--json"], home, tmp_path)
    assert_refused(proc, 2, "plan.json", *words)
    assert_clean(home)
