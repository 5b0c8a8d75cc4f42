"""Choosing and finding models: local folders, the Hugging Face cache, offline mode, the
one-line missing-model error through the CLI, and a neural step run by the executor."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import av
import numpy as np
import pytest
from PIL import Image

from medialoom.backends.neural import diffusion
from medialoom.backends.neural.loading import resolve
from medialoom.errors import ModelNotFoundError

pytestmark = pytest.mark.neural
REVISION = "0123456789abcdef0123456789abcdef01234567"


def fake_hub_cache(cache: Path, repo: str, folder: Path) -> Path:
    """The layout huggingface_hub writes: models--org--name/{refs/main, snapshots/<sha>/...}."""
    base = cache / f"models--{repo.replace('/', '--')}"
    (base / "refs").mkdir(parents=True)
    (base / "refs" / "main").write_text(REVISION)
    shutil.copytree(folder, base / "snapshots" / REVISION)
    return base / "snapshots" / REVISION


def test_hub_id_found_in_the_local_cache_records_its_revision(tiny_model, nctx, tmp_path, monkeypatch):
    cache = tmp_path / "hub"
    snapshot = fake_hub_cache(cache, "tiny-org/tiny-sd", tiny_model("sd"))
    monkeypatch.setenv("HF_HUB_CACHE", str(cache))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    ctx = nctx("image.generate", "tiny-org/tiny-sd")
    found = resolve(ctx)
    assert found.path == snapshot and found.revision == REVISION and found.model == "tiny-org/tiny-sd"
    out = diffusion.text_to_image(ctx, "a cat", width=32, height=32, seed=1)
    assert (out.meta["model"], out.meta["revision"]) == ("tiny-org/tiny-sd", REVISION)
    from medialoom.models import model_is_local

    assert model_is_local("tiny-org/tiny-sd") and not model_is_local("tiny-org/other")


def test_missing_hub_id_says_how_to_fetch_it(nctx, tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "empty"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelNotFoundError) as err:
        diffusion.text_to_image(nctx("image.generate", "stabilityai/sd-turbo"), "a cat", seed=1)
    line = err.value.one_line()
    assert "stabilityai/sd-turbo" in line and "hf download stabilityai/sd-turbo" in line
    assert err.value.exit_code == 2


def test_missing_folder_and_wrong_kind_of_model(tiny_model, nctx, tmp_path):
    with pytest.raises(ModelNotFoundError, match="no such folder"):
        resolve(nctx("image.generate", str(tmp_path / "nothing-here")))
    with pytest.raises(ModelNotFoundError, match="cannot load it"):  # a speech model is no pipeline
        diffusion.text_to_image(nctx("image.generate", tiny_model("vits")), "a cat", seed=1)


def cli(args: list[str], home: Path, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, MEDIALOOM_HOME=str(home), HF_HUB_OFFLINE="1", HF_HUB_CACHE=str(cwd / "hub"))
    return subprocess.run([sys.executable, "-m", "medialoom.cli", *args], env=env, cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def test_cli_missing_model_is_one_line_exit_2(home, tmp_path):
    """Checked before anything runs: one line on stderr, exit 2, no output folder, no run."""
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps({"steps": [{"id": "s1", "tool": "image.generate", "args": {"prompt": "a cat"}}]}))
    out = tmp_path / "out"
    base = ["run", "--plan", str(plan), "--backend", "neural", "--out", str(out)]
    for extra, named in ((["--model", "image.generate=/nonexistent"], "/nonexistent"),
                         ([], "hf download stabilityai/sd-turbo")):
        for flags in (["--json"], []):
            proc = cli(base + extra + flags, home, tmp_path)
            assert proc.returncode == 2, proc.stderr
            lines = proc.stderr.strip().splitlines()
            assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
            assert named in lines[0] and "--model image.generate=" in lines[0]
            if flags:  # scripts reading stdout get the same line
                assert json.loads(proc.stdout) == {"error": lines[0].removeprefix("medialoom: "), "exit_code": 2}
            else:
                assert proc.stdout == ""
            assert not out.exists()
    from medialoom.store import Store

    assert not list(Store(home).query("SELECT sha256 FROM artifacts"))


def test_missing_models_found_before_running_only_when_the_step_needs_them(config, tmp_path, monkeypatch):
    import dataclasses

    from medialoom.models import missing_model

    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "empty"))
    monkeypatch.delenv("MEDIALOOM_DOWNLOAD", raising=False)
    sam, mms = "medialoom.backends.neural.vision:segment", "medialoom.backends.neural.speech:speak"
    assert "hf download facebook/sam-vit-base" in missing_model(
        "image.segment", {"point": [1, 2]}, "facebook/sam-vit-base", sam, config).one_line()
    # words go to CLIPSeg, a language to its own voice model: not the step's model
    assert missing_model("image.segment", {"text": "the cat"}, "facebook/sam-vit-base", sam, config) is None
    assert missing_model("audio.speech", {"text": "hi", "language": "de"}, "facebook/mms-tts-eng", mms,
                         config) is None
    llm = "medialoom.backends.neural.text:write"
    assert missing_model("text.write", {}, "Qwen/Qwen2.5-1.5B-Instruct", llm, config) is not None
    endpoint = dataclasses.replace(config, llm_base_url="http://localhost:8000/v1")
    assert missing_model("text.write", {}, "Qwen/Qwen2.5-1.5B-Instruct", llm, endpoint) is None
    fetching = dataclasses.replace(config, sections={"neural": {"download": True}})
    assert missing_model("image.segment", {"box": [0, 0, 4, 4]}, "facebook/sam-vit-base", sam, fetching) is None
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")  # offline wins over download = true
    assert missing_model("image.segment", {"box": [0, 0, 4, 4]}, "facebook/sam-vit-base", sam, fetching)


def test_tools_says_which_neural_models_are_here(tiny_model, config, tmp_path, monkeypatch):
    import dataclasses

    from medialoom.registry import Registry

    cache = tmp_path / "hub"
    fake_hub_cache(cache, "stabilityai/sd-turbo", tiny_model("sd"))
    monkeypatch.setenv("HF_HUB_CACHE", str(cache))
    cfg = dataclasses.replace(config, models={"image.edit": str(tiny_model("pix2pix")),
                                              "image.caption": str(tmp_path / "gone")})
    rows = {r["id"]: {b["name"]: b for b in r["backends"]} for r in Registry.default().availability(cfg)}
    assert rows["image.generate"]["neural"]["available"]  # the default id, in the cache
    assert rows["image.edit"]["neural"]["available"] and rows["image.edit"]["neural"]["model"] == str(tiny_model("pix2pix"))
    assert not rows["image.caption"]["neural"]["available"] and "gone" in rows["image.caption"]["neural"]["why"]
    segment = rows["image.segment"]["neural"]
    assert not segment["available"] and "hf download facebook/sam-vit-base" in segment["why"]
    assert rows["image.segment"]["offline"]["available"]


def test_executor_runs_a_neural_step_and_records_the_model(tiny_model, home, config, tmp_path):
    import dataclasses

    from medialoom.plan import Plan
    from medialoom.session import Session

    cfg = dataclasses.replace(config, sections={"neural": {"steps": 2}})
    session = Session(cfg)
    plan = Plan.from_dict({"steps": [{"id": "s1", "tool": "image.generate",
                                      "args": {"prompt": "a lighthouse", "width": 32, "height": 32}}]})
    folder = str(tiny_model("sd"))
    result = session.run(plan, backend="neural", models={"image.generate": folder}, base_dir=tmp_path)
    assert result.ok, [r.error for r in result.failed]
    art = result.steps["s1"].outputs["main"]
    assert art.kind == "image" and Image.open(art.path).size == (32, 32)
    meta = art.meta
    assert meta["backend"] == "neural" and meta["model"] == folder and meta["steps"] == 2
    assert meta["dtype"] == "float32" and meta["device"] == "cpu" and isinstance(meta["seed"], int)
    assert f"s1 image.generate [neural: {folder}]: {art.path}" in session.answer(result).splitlines()
    again = session.run(plan, backend="neural", models={"image.generate": folder}, base_dir=tmp_path)
    assert again.steps["s1"].status == "cached"
    assert np.array_equal(np.asarray(Image.open(again.steps["s1"].outputs["main"].path)),
                          np.asarray(Image.open(art.path)))


def test_cli_auto_runs_several_models_at_once_and_chains_into_offline(tiny_model, home, tmp_path):
    """A fresh process (library imports happen here, in the executor's threads): three
    image.generate steps share one load of the config's model, two other models load at the
    same time, and the neural image feeds an offline video.animate (no SVD here)."""
    (home / "config.toml").write_text(f'[neural]\nsteps = 2\n[models]\n"image.generate" = "{tiny_model("sd")}"\n')
    steps = [{"id": f"s{i}", "tool": "image.generate", "args": {"prompt": p, "width": 32, "height": 32}}
             for i, p in ((1, "a cat"), (2, "a dog"), (3, "an owl"))]
    Image.new("RGB", (32, 24), (200, 40, 40)).save(tmp_path / "red.png")
    import soundfile

    soundfile.write(tmp_path / "tone.wav", np.sin(np.arange(8000) / 5.0).astype("float32") * 0.3, 16000)
    steps += [{"id": "s4", "tool": "image.caption", "args": {"image": "red.png"}},
              {"id": "s5", "tool": "audio.transcribe", "args": {"audio": "tone.wav"}},
              {"id": "s6", "tool": "video.animate", "args": {"image": "$s1", "duration": 0.5}}]
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps({"steps": steps}))
    proc = cli(["run", "--plan", str(plan), "--backend", "auto", "--json", "--out", str(tmp_path / "out"),
                "--model", f"image.caption={tiny_model('blip')}",
                "--model", f"audio.transcribe={tiny_model('whisper')}"], home, tmp_path)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    backends = {o["step"]: o["backend"] for o in result["outputs"]}
    assert backends == {"s1": "neural", "s2": "neural", "s3": "neural", "s4": "neural", "s5": "neural",
                        "s6": "offline"}, result["failed"]
    from medialoom.store import Store

    metas = [json.loads(m) for (m,) in Store(home).query("SELECT meta FROM artifacts")]
    images = [m for m in metas if m.get("tool") == "image.generate"]
    assert len(images) == 3 and sorted(m["model_loaded"] for m in images) == [False, False, True]
    assert {m["model"] for m in images} == {str(tiny_model("sd"))} and {m["steps"] for m in images} == {2}
    video = next(m for m in metas if m.get("tool") == "video.animate")
    assert video["backend"] == "offline" and video["parents"]
    with av.open(next(o["path"] for o in result["outputs"] if o["step"] == "s6")) as container:
        assert container.streams.video[0].width == 32
