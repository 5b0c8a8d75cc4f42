"""3D benchmark: time to generate, render and turntable with the offline mesh backends.

Each tool is measured against a peer measured in the same run:
  1. mesh.generate (words -> program -> trimesh -> GLB) for every template, against exporting
     the same, already built trimesh scene to GLB alone;
  2. mesh.render (load GLB, stage, three-point light, one picture) against bare pyrender
     drawing a single box at the same size (context creation included in both);
  3. mesh.turntable (render every frame + H.264) against PyAV encoding the same frames alone.

Usage: .venv/bin/python bench/mesh.py [--size 512] [--seconds 4] [--repeat 2] [--objects 29]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import numpy as np

from medialoom.artifacts import Artifact
from medialoom.config import load_config
from medialoom.context import ToolContext
import medialoom.backends.offline.mesh as mesh
from medialoom.backends.offline.mesh.build import build_scene
from medialoom.backends.offline.mesh.loading import load_scene
from medialoom.backends.offline.mesh.orbit import orbit
from medialoom.backends.offline.mesh.rendering import stage
from medialoom.backends.offline.mesh.templates import templates
from medialoom.backends.offline.mesh.words import program_from_prompt
from medialoom.store import sha256_file
from timing import best  # noqa: E402 - bench/ is on the path when run as a script


def as_artifact(path: Path, meta: dict) -> Artifact:
    return Artifact("mesh", path, sha256_file(path), "model/gltf-binary", meta)


def bare_render(size: int) -> None:
    from medialoom.backends.offline.mesh.rendering import gl_module, look_at

    pyrender = gl_module()
    import trimesh

    scene = pyrender.Scene()
    scene.add(pyrender.Mesh.from_trimesh(trimesh.creation.box()))
    scene.add(pyrender.PerspectiveCamera(yfov=0.7), pose=look_at(np.array([2.0, 2.0, 3.0]), np.zeros(3)))
    scene.add(pyrender.DirectionalLight(intensity=3.0), pose=look_at(np.array([1.0, 2.0, 1.0]), np.zeros(3)))
    renderer = pyrender.OffscreenRenderer(size, size)
    renderer.render(scene)
    renderer.delete()


def encode_only(frames: list[np.ndarray], path: Path, fps: int) -> None:
    import av
    from fractions import Fraction

    with av.open(str(path), mode="w") as container:
        stream = container.add_stream("libx264", rate=Fraction(fps))
        stream.height, stream.width = frames[0].shape[:2]
        stream.pix_fmt = "yuv420p"
        stream.options = {"crf": "20", "preset": "veryfast"}
        for frame in frames:
            for packet in stream.encode(av.VideoFrame.from_ndarray(frame, format="rgb24")):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=512, help="render size in pixels")
    parser.add_argument("--turntable-size", type=int, default=384)
    parser.add_argument("--seconds", type=float, default=4.0, help="turntable length")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--objects", type=int, default=len(templates()))
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="bench-mesh-"))
    config = load_config(root / "home")
    counter = iter(range(100_000))

    def ctx() -> ToolContext:
        n = next(counter)
        return ToolContext(f"b{n}", "bench", "offline", 1, root / f"w{n}", config)

    names = sorted(templates())[: args.objects]
    gen, peer_gen, models = [], [], {}
    for name in names:
        prompt = f"a {name}"
        out: dict = {}
        gen.append(best(lambda: out.update(o=mesh.generate(ctx(), prompt)), args.repeat))
        models[name] = as_artifact(out["o"].path, out["o"].meta)
        scene = build_scene(program_from_prompt(prompt))
        peer_gen.append(best(lambda: scene.export(file_type="glb"), args.repeat))
    print(f"mesh.generate  {len(names)} objects: median {np.median(gen) * 1000:7.1f} ms, max "
          f"{max(gen) * 1000:7.1f} ms; GLB export alone median {np.median(peer_gen) * 1000:6.1f} ms "
          f"(ratio {np.median(gen) / np.median(peer_gen):5.1f}x)")

    pick = [models[n] for n in names[:: max(1, len(names) // 6)]]
    render = [best(lambda m=m: mesh.render(ctx(), m, size=args.size), args.repeat) for m in pick]
    peer = best(lambda: bare_render(args.size), args.repeat)
    print(f"mesh.render    {args.size}px, {len(pick)} objects: median {np.median(render) * 1000:7.1f} ms; bare pyrender "
          f"box {peer * 1000:7.1f} ms (ratio {np.median(render) / peer:5.1f}x)")

    model = models.get("windmill", pick[0])
    fps = mesh.TURNTABLE_FPS
    t = best(lambda: mesh.turntable(ctx(), model, duration=args.seconds, size=args.turntable_size), args.repeat)
    frames_n = round(args.seconds * fps)
    st = stage(load_scene(model.path), args.turntable_size, args.turntable_size)
    frames = [st.shoot(orbit(i, frames_n)) for i in range(frames_n)]
    st.close()
    enc = best(lambda: encode_only(frames, root / "peer.mp4", fps), args.repeat)
    print(f"mesh.turntable {args.seconds:g} s at {args.turntable_size}px ({frames_n} frames): {t:6.2f} s = "
          f"{frames_n / t:6.1f} frames/s; encoding alone {enc:5.2f} s = {frames_n / enc:6.1f} frames/s "
          f"(ratio {t / enc:5.1f}x)")


if __name__ == "__main__":
    main()
