"""Probing user files before anything runs: a file that cannot be used is one clear line.

`probe(path, kind)` reads headers (and decodes a little) and raises InputError for empty,
corrupt, truncated or oversized files. Limits: images 50 megapixels (checked before decoding:
decompression bombs), audio 30 minutes, video 10 minutes and 4K, meshes 5 million faces.
"""

from __future__ import annotations

import json
from pathlib import Path

from .errors import InputError

MAX_IMAGE_PIXELS = 50_000_000
MAX_AUDIO_SECONDS = 30 * 60
MAX_VIDEO_SECONDS = 10 * 60
MAX_VIDEO_PIXELS = 4096 * 2160
MAX_MESH_FACES = 5_000_000


def probe(path: Path, kind: str) -> None:
    path = Path(path)
    check_not_empty(path, kind)
    checker = {"image": probe_image, "mask": probe_image, "audio": probe_audio, "video": probe_video,
               "mesh": probe_mesh, "layout": _probe_json, "storyboard": _probe_json,
               "motion": probe_motion}.get(kind)
    if checker is not None:
        checker(path)


def check_not_empty(path: Path, kind: str) -> None:
    """One line for a file that cannot be read or has no bytes."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"cannot read {path.name} ({exc.strerror}); check the path") from exc
    if size == 0:
        raise InputError(f"{path.name} is empty (0 bytes); give a real {kind} file")


def probe_image(path: Path) -> None:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as img:
            w, h = img.size
            if w * h > MAX_IMAGE_PIXELS:
                raise InputError(f"{path.name} is {w}x{h} ({w * h / 1e6:.0f} megapixels), over the "
                                 f"{MAX_IMAGE_PIXELS // 1_000_000} megapixel limit; downscale it first")
            img.load()
    except InputError:
        raise
    except UnidentifiedImageError as exc:
        raise InputError(f"{path.name} is not an image this machine can read; "
                         "use PNG, JPEG, WebP, GIF, BMP or TIFF") from exc
    except Image.DecompressionBombError as exc:
        raise InputError(f"{path.name} is too large to decode safely (decompression bomb guard); "
                         "downscale it first") from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise InputError(f"{path.name} is corrupt or truncated ({exc}); re-export the image") from exc


def probe_audio(path: Path) -> None:
    seconds = None
    if looks_like_mp3(path):  # PyAV, not libsndfile: its MP3 decoder chatters on stderr
        _check_mp3_length(path)
        seconds = _av_duration(path, "audio")
        if seconds is not None and seconds > MAX_AUDIO_SECONDS:
            raise InputError(f"{path.name} is {seconds / 60:.0f} minutes long, over the 30 minute limit; "
                             "trim it first")
        return
    try:
        import soundfile

        info = soundfile.info(str(path))
        if info.frames == 0:
            raise InputError(f"{path.name} has no audio (zero length); give a recording with sound")
        seconds = info.frames / info.samplerate
        _read_tail(path, info.frames)
        declared = _wav_declared_seconds(path)
        if declared is not None and declared > MAX_AUDIO_SECONDS:
            seconds = declared  # a header over the limit is refused as such, whatever follows it
        elif declared is not None and declared > seconds * 1.01 + 0.05:
            raise InputError(f"{path.name} is truncated (its header says {declared:.1f} s, it holds "
                             f"{seconds:.1f} s); re-export or copy the file again")
    except InputError:
        raise
    except Exception:
        seconds = _av_duration(path, "audio")
    if seconds is not None and seconds > MAX_AUDIO_SECONDS:
        raise InputError(f"{path.name} is {seconds / 60:.0f} minutes long, over the 30 minute limit; "
                         "trim it first")


def probe_video(path: Path) -> None:
    import av

    try:
        with av.open(str(path)) as container:
            if not container.streams.video:
                raise InputError(f"{path.name} has no video stream; give a video file (MP4, WebM, MOV)")
            if container.format.name.endswith("_pipe") or container.format.name == "image2":
                raise InputError(f"{path.name} is a still image, not a video; give MP4, WebM or MOV "
                                 "(video.animate or video.slideshow turn pictures into clips)")
            stream = container.streams.video[0]
            w, h = stream.codec_context.width, stream.codec_context.height
            if w * h > MAX_VIDEO_PIXELS:
                raise InputError(f"{path.name} is {w}x{h}, over the 4K limit; downscale it first")
            seconds = _container_seconds(container, stream)
            if seconds is not None and seconds > MAX_VIDEO_SECONDS:
                raise InputError(f"{path.name} is {seconds / 60:.0f} minutes long, over the 10 minute "
                                 "limit; trim it first")
            if next(container.decode(video=0), None) is None:
                raise InputError(f"{path.name} has no frames (zero-length clip)")
            if "mp4" in container.format.name and seconds and not _has_tail(container, stream, seconds):
                raise InputError(f"{path.name} is truncated (its index runs to {seconds:.1f} s but the "
                                 "data stops before that); re-export or copy the file again")
    except InputError:
        raise
    except (av.FFmpegError, OSError, ValueError, StopIteration) as exc:
        raise InputError(f"{path.name} is not a readable video ({exc.__class__.__name__}); "
                         "it may be corrupt or truncated") from exc


def probe_mesh(path: Path) -> None:
    load_mesh(path)


def load_mesh(path: Path):
    """A trimesh Scene from GLB, glTF, OBJ, STL or PLY, refused in one line when unreadable,
    corrupt or truncated, without faces, over 5 million faces, or with non-finite vertices."""
    import numpy as np
    import trimesh

    try:
        scene = trimesh.load(str(path), force="scene")
    except Exception as exc:
        raise InputError(f"{path.name} is not a readable 3D model ({exc.__class__.__name__}): it may "
                         "be corrupt or truncated; use GLB, glTF, OBJ, STL or PLY") from exc
    faces = sum(len(g.faces) for g in scene.geometry.values() if hasattr(g, "faces"))
    if faces == 0:
        raise InputError(f"{path.name} has no faces; give a mesh with geometry")
    if faces > MAX_MESH_FACES:
        raise InputError(f"{path.name} has {faces:,} faces, over the 5 million limit; simplify it first")
    if not np.all(np.isfinite(scene.bounds)):
        raise InputError(f"{path.name} has vertices that are not finite numbers; it is corrupt")
    return scene


MAX_BVH_BYTES = 200_000_000


def check_bvh_text(path: Path) -> None:
    """The shape of a BVH file, checked before a parser sees it (bvhio loops forever on a file
    that ends early): HIERARCHY, balanced braces, MOTION, and as many frame lines as declared."""
    size = path.stat().st_size
    if size > MAX_BVH_BYTES:
        raise InputError(f"{path.name} is {size / 1e6:.0f} MB, over the {MAX_BVH_BYTES // 1_000_000} MB limit "
                         "for BVH motion; trim it first")
    try:
        text = path.read_text(encoding="utf-8", errors="strict")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path.name} is not a BVH text file (it has binary bytes); export it as BVH") from exc
    head, sep, motion = text.partition("MOTION")
    lines = [ln.split() for ln in motion.splitlines() if ln.strip()]
    problem = None
    if not head.lstrip().startswith("HIERARCHY") or not sep:
        problem = "it has no HIERARCHY and MOTION sections"
    elif head.count("{") != head.count("}") or head.count("{") == 0:
        problem = "its joint hierarchy is cut off (unbalanced braces)"
    elif len(lines) < 2 or lines[0][:1] != ["Frames:"] or lines[1][:2] != ["Frame", "Time:"]:
        problem = "its MOTION section has no 'Frames:' and 'Frame Time:' lines"
    else:
        try:
            declared = int(lines[0][1])
        except (IndexError, ValueError):
            declared = -1
        if declared < 1:
            problem = "it declares no motion frames"
        elif len(lines) - 2 != declared:
            problem = f"it declares {declared} frames but holds {len(lines) - 2} (truncated?)"
    if problem:
        raise InputError(f"{path.name} is not a readable BVH file: {problem}; export it again as BVH")


def probe_motion(path: Path) -> None:
    """A BVH file that bvhio reads whole, with at least one frame."""
    check_bvh_text(path)
    try:
        import bvhio
    except ImportError as exc:
        raise InputError("reading BVH motion needs the bvhio package: pip install bvhio") from exc
    try:
        container = bvhio.readAsBvh(str(path))
        frames = int(container.FrameCount or 0)
        keys = len(container.Root.Keyframes)
    except Exception as exc:  # bvhio raises SyntaxError, IndexError, ValueError ... on damage
        raise InputError(f"{path.name} is not a readable BVH file ({exc.__class__.__name__}): it may be "
                         "corrupt or truncated; export it again as BVH") from exc
    if frames < 1 or keys != frames:
        raise InputError(f"{path.name} has {keys} of {frames} motion frames; give a whole BVH with motion")


def _probe_json(path: Path) -> None:
    try:
        json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise InputError(f"{path.name} is not valid JSON ({exc.__class__.__name__}); "
                         "image.layout writes the format") from exc


def _has_tail(container, stream, seconds: float) -> bool:
    """Whether packets exist near the end the index promises (MP4/MOV: a file cut after its
    moov box still lists every sample, but the bytes for the last ones are gone)."""
    import av

    try:
        container.seek(int(seconds * 0.97 / stream.time_base), stream=stream, backward=True)
        return any(packet.size for packet in container.demux(stream))
    except (av.FFmpegError, OSError, ValueError):
        return True  # cannot seek: no verdict, the decoders report damage as they meet it


def _read_tail(path: Path, frames: int) -> None:
    """Decode the last few frames: a cut-off FLAC or OGG has a whole header but no ending."""
    import soundfile

    try:
        with soundfile.SoundFile(str(path)) as f:
            f.seek(max(0, frames - 256))
            f.read(256)
    except (RuntimeError, soundfile.LibsndfileError) as exc:
        raise InputError(f"{path.name} is truncated or corrupt near its end ({exc}); "
                         "re-export or copy the file again") from exc


def _mp3_start(head: bytes) -> int:
    """Offset of the first MPEG audio frame (after an ID3v2 tag), or -1 when there is none."""
    start = 0
    if head[:3] == b"ID3" and len(head) >= 10:
        start = 10 + sum((b & 0x7F) << (7 * (3 - i)) for i, b in enumerate(head[6:10]))
    frame = head[start:start + 2]
    return start if len(frame) == 2 and frame[0] == 0xFF and frame[1] & 0xE0 == 0xE0 else -1


def looks_like_mp3(path: Path) -> bool:
    with open(path, "rb") as f:
        return _mp3_start(f.read(1 << 16)) >= 0


def _check_mp3_length(path: Path) -> None:
    """An MP3 whose Xing/Info header declares more bytes than the file holds is truncated."""
    with open(path, "rb") as f:
        head = f.read(1 << 16)
    start = _mp3_start(head)
    frame = head[start:start + 256]
    if start < 0:
        return
    at = max(frame.find(b"Xing"), frame.find(b"Info"))
    if at < 0 or at + 16 > len(frame):
        return
    flags, pos = int.from_bytes(frame[at + 4:at + 8], "big"), at + 8 + (4 if frame[at + 7] & 1 else 0)
    if not flags & 2:
        return
    declared, held = int.from_bytes(frame[pos:pos + 4], "big"), path.stat().st_size - start
    if declared > held * 1.01:
        raise InputError(f"{path.name} is truncated (its header says {declared:,} bytes, it holds "
                         f"{held:,}); re-export or copy the file again")


def _wav_declared_seconds(path: Path) -> float | None:
    """Seconds a RIFF/WAVE header declares for its data chunk (None when not a plain WAV or
    when the writer left the size open, as streaming writers do)."""
    with open(path, "rb") as f:
        head = f.read(1 << 16)
    if head[:4] != b"RIFF" or head[8:12] != b"WAVE":
        return None
    pos, byte_rate = 12, 0
    while pos + 8 <= len(head):
        kind, size = head[pos:pos + 4], int.from_bytes(head[pos + 4:pos + 8], "little")
        if kind == b"fmt " and pos + 20 <= len(head):
            byte_rate = int.from_bytes(head[pos + 16:pos + 20], "little")
        if kind == b"data":
            return size / byte_rate if byte_rate and size not in (0, 0xFFFFFFFF) else None
        pos += 8 + size + (size & 1)
    return None


def _container_seconds(container, stream) -> float | None:
    if stream.duration is not None and stream.time_base is not None:
        return float(stream.duration * stream.time_base)
    if container.duration is not None:
        return container.duration / 1_000_000
    return None


def _av_duration(path: Path, what: str) -> float | None:
    import av

    try:
        with av.open(str(path)) as container:
            if not container.streams.audio:
                raise InputError(f"{path.name} has no audio track; give WAV, FLAC, OGG, MP3 or M4A")
            stream = container.streams.audio[0]
            seconds = _container_seconds(container, stream)
            frame = next(container.decode(audio=0), None)
            if frame is None:
                raise InputError(f"{path.name} has no audio (zero length); give a recording with sound")
            if "mp4" in container.format.name and seconds and not _has_tail(container, stream, seconds):
                raise InputError(f"{path.name} is truncated (its index runs to {seconds:.1f} s but the "
                                 "data stops before that); re-export or copy the file again")
            return seconds
    except InputError:
        raise
    except (av.FFmpegError, OSError, ValueError) as exc:
        raise InputError(f"{path.name} is not readable {what} ({exc.__class__.__name__}); "
                         "it may be corrupt or truncated") from exc
