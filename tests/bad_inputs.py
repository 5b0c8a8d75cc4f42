"""Tiny media files, good and bad, made procedurally for the bad-input suite.

`make(name, folder)` writes one file and returns its path. Good files are a few kilobytes;
bad ones are damaged copies (truncated, zero bytes, garbled header) or headers that claim a
size the limits refuse, so nothing large is ever written or decoded.
"""

from __future__ import annotations

import struct
import zlib
from fractions import Fraction
from pathlib import Path
from typing import Callable

import numpy as np

RATE = 8000


# --- images -------------------------------------------------------------------------------

def _rgb(w: int = 32, h: int = 24) -> np.ndarray:
    y, x = np.mgrid[0:h, 0:w]
    return np.stack([x * 255 // w, y * 255 // h, np.full_like(x, 90)], -1).astype(np.uint8)


def png(path: Path) -> None:
    from PIL import Image

    Image.fromarray(_rgb()).save(path)


def jpeg_cmyk(path: Path) -> None:
    from PIL import Image

    Image.fromarray(_rgb()).convert("CMYK").save(path, "JPEG", quality=95)


def png_16bit(path: Path) -> None:
    from PIL import Image

    grey = (np.linspace(0, 65535, 32 * 24).reshape(24, 32)).astype(np.uint16)
    img = Image.fromarray(grey)
    assert img.mode == "I;16"
    img.save(path)


def png_palette_transparent(path: Path) -> None:
    from PIL import Image

    img = Image.fromarray(_rgb()).quantize(8)
    img.info["transparency"] = 0
    img.save(path, transparency=0)


def png_rgba(path: Path) -> None:
    from PIL import Image

    rgba = np.dstack([_rgb(), np.full((24, 32), 128, np.uint8)])
    Image.fromarray(rgba, "RGBA").save(path)


def jpeg_exif_rotated(path: Path) -> None:
    """Stored 40x20 with a red left half; EXIF orientation 6 (rotate 90 clockwise to view),
    so it displays 20x40 with red on top."""
    from PIL import Image

    pixels = np.zeros((20, 40, 3), np.uint8)
    pixels[:, :20] = (230, 20, 20)
    pixels[:, 20:] = (20, 20, 230)
    img = Image.fromarray(pixels)
    exif = img.getexif()
    exif[0x0112] = 6
    img.save(path, "JPEG", quality=95, exif=exif.tobytes())


def png_huge_header(path: Path) -> None:
    """A valid PNG signature and IHDR claiming 20000x20000, with a tiny IDAT: refused from the
    header alone (decoding it would need 1.2 GB)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", 20000, 20000, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
                     + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b""))


def mask_empty(path: Path) -> None:
    from PIL import Image

    Image.new("L", (32, 24), 0).save(path)


def mask_square(path: Path) -> None:
    from PIL import Image

    m = np.zeros((24, 32), np.uint8)
    m[8:16, 10:20] = 255
    Image.fromarray(m).save(path)


def layout_json(path: Path) -> None:
    path.write_text('{"objects": [{"name": "ball", "box": [0.1, 0.1, 0.5, 0.5], "color": "red"}]}')


def bvh(path: Path) -> None:
    """A two-joint BVH motion of 4 frames."""
    frames = "\n".join(f"0 1 {0.1 * i:.1f} 0 0 0 {10 * i} 0 0" for i in range(4))
    path.write_text("HIERARCHY\nROOT Hips\n{\n OFFSET 0 0 0\n CHANNELS 6 Xposition Yposition Zposition "
                    "Zrotation Xrotation Yrotation\n JOINT Spine\n {\n  OFFSET 0 0.1 0\n  CHANNELS 3 Zrotation "
                    "Xrotation Yrotation\n  End Site\n  {\n   OFFSET 0 0.2 0\n  }\n }\n}\nMOTION\nFrames: 4\n"
                    f"Frame Time: 0.0333333\n{frames}\n")


def layout_nested_too_deep(path: Path) -> None:
    path.write_text("[" * 100_000)


def layout_broken(path: Path) -> None:
    path.write_text('{"objects": [{"name": "ball", "box": [0.1, 0.1')


# --- audio --------------------------------------------------------------------------------

def _tone(seconds: float = 0.5, rate: int = RATE) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return (0.3 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)


def wav(path: Path) -> None:
    import soundfile

    soundfile.write(path, _tone(), RATE, subtype="PCM_16")


def flac(path: Path) -> None:
    import soundfile

    soundfile.write(path, _tone(), RATE, format="FLAC")


def ogg(path: Path) -> None:
    import soundfile

    soundfile.write(path, _tone(), RATE, format="OGG", subtype="VORBIS")


def _av_audio(path: Path, fmt: str, codec: str, rate: int, with_video: bool = False,
              seconds: float = 1.0, faststart: bool = False) -> None:
    import av

    samples = _tone(seconds, rate)
    options = {"movflags": "faststart"} if faststart else {}
    with av.open(str(path), "w", format=fmt, options=options) as out:
        vstream = _add_video_stream(out, 32, 32, 10) if with_video else None
        stream = out.add_stream(codec, rate=rate)
        stream.layout = "mono"
        if vstream is not None:
            for i in range(10):
                _encode(out, vstream, _video_frame(32, 32, i))
            _flush(out, vstream)
        frame_size = stream.codec_context.frame_size or 1024
        for start in range(0, len(samples), frame_size):
            block = samples[start:start + frame_size]
            frame = av.AudioFrame.from_ndarray(block[None, :], format="flt", layout="mono")
            frame.sample_rate, frame.pts = rate, start
            _encode(out, stream, frame)
        _flush(out, stream)


def mp3(path: Path) -> None:
    _av_audio(path, "mp3", "libmp3lame", 22050)


def m4a(path: Path) -> None:
    _av_audio(path, "ipod", "aac", 22050)


def m4a_index_first(path: Path) -> None:
    """3 s of AAC with the index (moov) before the data, as streaming exports write it."""
    _av_audio(path, "ipod", "aac", 22050, seconds=3.0, faststart=True)


def mp4_with_audio(path: Path) -> None:
    _av_audio(path, "mp4", "aac", 22050, with_video=True)


def wav_31_minutes_header(path: Path) -> None:
    """A WAV header that declares 31 minutes of 8 kHz mono 16-bit audio; 0.1 s of data follows."""
    frames = 31 * 60 * RATE
    data = (_tone(0.1) * 32767).astype("<i2").tobytes()
    fmt = struct.pack("<HHIIHH", 1, 1, RATE, RATE * 2, 2, 16)
    path.write_bytes(b"RIFF" + struct.pack("<I", 36 + frames * 2) + b"WAVE" + b"fmt " + struct.pack("<I", 16)
                     + fmt + b"data" + struct.pack("<I", frames * 2) + data)


def wav_zero_length(path: Path) -> None:
    import soundfile

    soundfile.write(path, np.zeros(0, np.float32), RATE, subtype="PCM_16")


# --- video --------------------------------------------------------------------------------

def _video_frame(w: int, h: int, i: int):
    import av

    pixels = np.zeros((h, w, 3), np.uint8)
    pixels[:, : max(1, (i * w) // 10) % w or 1] = (200, 60, 30)
    return av.VideoFrame.from_ndarray(pixels, format="rgb24")


def _add_video_stream(out, w: int, h: int, fps: int, codec: str = "mpeg4"):
    stream = out.add_stream(codec, rate=fps)
    stream.width, stream.height, stream.pix_fmt = w, h, "yuv420p"
    return stream


def _encode(out, stream, frame) -> None:
    for packet in stream.encode(frame):
        out.mux(packet)


def _flush(out, stream) -> None:
    for packet in stream.encode(None):
        out.mux(packet)


def mp4(path: Path, w: int = 32, h: int = 32, frames: int = 10, faststart: bool = False) -> None:
    import av

    options = {"movflags": "faststart"} if faststart else {}
    with av.open(str(path), "w", format="mp4", options=options) as out:
        stream = _add_video_stream(out, w, h, 10)
        for i in range(frames):
            _encode(out, stream, _video_frame(w, h, i))
        _flush(out, stream)


def mp4_index_first(path: Path) -> None:
    """3 s of video with the index (moov) before the data."""
    mp4(path, frames=30, faststart=True)


def mp4_zero_frames(path: Path) -> None:
    """An MP4 with a video stream header and no frames."""
    import av

    with av.open(str(path), "w", format="mp4") as out:
        _add_video_stream(out, 32, 32, 10)
        out.start_encoding()


def mp4_4k_plus(path: Path) -> None:
    mp4(path, 4112, 2176, frames=1)


def mp4_vfr(path: Path) -> None:
    """Ten frames at irregular times (0, 0.05, 0.25, 0.3, ...): variable frame rate."""
    import av

    times = [0.0, 0.05, 0.25, 0.3, 0.5, 0.55, 0.8, 0.85, 1.1, 1.2]
    with av.open(str(path), "w", format="mp4") as out:
        stream = _add_video_stream(out, 32, 32, 20)
        stream.codec_context.time_base = Fraction(1, 1000)
        for i, t in enumerate(times):
            frame = _video_frame(32, 32, i)
            frame.pts, frame.time_base = int(t * 1000), Fraction(1, 1000)
            _encode(out, stream, frame)
        _flush(out, stream)


def mp4_rotated(path: Path) -> None:
    """A clip stored 48x16 (red left third) whose track header's display matrix turns it 90
    degrees clockwise (as phones write portrait video): shown 16x48, red at the top."""
    import av

    with av.open(str(path), "w", format="mp4") as out:
        stream = _add_video_stream(out, 48, 16, 10)
        for _ in range(5):
            pixels = np.zeros((16, 48, 3), np.uint8)
            pixels[:, :16] = (230, 20, 20)
            _encode(out, stream, av.VideoFrame.from_ndarray(pixels, format="rgb24"))
        _flush(out, stream)
    data = bytearray(path.read_bytes())
    at = data.find(b"tkhd") + 44  # version-0 tkhd: the 3x3 matrix (a b u c d v x y w) starts here
    one, w = 1 << 16, 1 << 30
    data[at:at + 36] = struct.pack(">iiiiiiiii", 0, one, 0, -one, 0, 0, 16 * one, 0, w)
    path.write_bytes(bytes(data))


# --- meshes -------------------------------------------------------------------------------

def glb(path: Path) -> None:
    import trimesh

    trimesh.creation.box().export(path)


def obj_no_faces(path: Path) -> None:
    path.write_text("# only points\nv 0 0 0\nv 1 0 0\nv 0 1 0\n")


# --- damage -------------------------------------------------------------------------------

def truncated(maker: Callable[[Path], None], keep: float = 0.4) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        maker(path)
        data = path.read_bytes()
        path.write_bytes(data[: max(8, int(len(data) * keep))])
    return make


def damaged_middle(maker: Callable[[Path], None], at: float = 0.7, count: int = 600) -> Callable[[Path], None]:
    """`count` bytes of noise from `at` of the way in: a few frames lost, the rest playable."""
    def make(path: Path) -> None:
        maker(path)
        data = bytearray(path.read_bytes())
        start = int(len(data) * at)
        data[start:start + count] = np.random.default_rng(0).integers(0, 256, count, np.uint8).tobytes()
        path.write_bytes(bytes(data))
    return make


def garbled_header(maker: Callable[[Path], None], at: bytes = b"") -> Callable[[Path], None]:
    """16 bytes of garbage over the file's start, or over the box named `at` (MP4's moov: the
    demuxer tolerates a broken ftyp but not a missing index)."""
    def make(path: Path) -> None:
        maker(path)
        data = bytearray(path.read_bytes())
        start = max(0, data.find(at) - 4) if at else 0
        data[start:start + 16] = b"\xde\xad\xbe\xef" * 4
        path.write_bytes(bytes(data))
    return make


def zero_bytes(path: Path) -> None:
    path.write_bytes(b"")


GOOD = {"image": ("photo.png", png), "mask": ("mask.png", mask_square), "audio": ("take.wav", wav),
        "video": ("clip.mp4", mp4), "mesh": ("model.glb", glb), "layout": ("layout.json", layout_json),
        "motion": ("take.bvh", bvh)}
# a file of another kind, given where this kind is expected
WRONG_TYPE = {"image": ("sound.png", wav, ".wav"), "mask": ("sound.png", wav, ".wav"),
              "audio": ("picture.wav", png, ".png"), "video": ("picture.mp4", png, ".png"),
              "mesh": ("sound.glb", wav, ".wav"), "layout": ("picture.json", png, ".png"),
              "motion": ("sound.bvh", wav, ".wav")}

MAKERS: dict[str, Callable[[Path], None]] = {
    "jpeg_cmyk": jpeg_cmyk, "png_16bit": png_16bit, "png_palette_transparent": png_palette_transparent,
    "png_rgba": png_rgba, "jpeg_exif_rotated": jpeg_exif_rotated, "png_huge_header": png_huge_header,
    "mask_empty": mask_empty, "layout_broken": layout_broken, "layout_nested_too_deep": layout_nested_too_deep,
    "wav": wav, "flac": flac, "ogg": ogg, "mp3": mp3, "m4a": m4a, "mp4_with_audio": mp4_with_audio,
    "wav_31_minutes_header": wav_31_minutes_header, "wav_zero_length": wav_zero_length,
    "mp4": mp4, "mp4_zero_frames": mp4_zero_frames, "mp4_4k_plus": mp4_4k_plus, "mp4_vfr": mp4_vfr,
    "mp4_rotated": mp4_rotated, "glb": glb, "obj_no_faces": obj_no_faces,
    "flac_truncated": truncated(flac, 0.6), "mp3_truncated": truncated(mp3, 0.6),
    "glb_truncated": truncated(glb, 0.8),
    # cut after a complete index: the header lists every sample, the data stops early
    "mp4_cut_after_index": truncated(mp4_index_first, 0.6),
    "m4a_cut_after_index": truncated(m4a_index_first, 0.6),
    "mp3_damaged_middle": damaged_middle(mp3),
}


def make(maker: Callable[[Path], None], path: Path) -> Path:
    maker(path)
    return path


def damaged(kind: str, damage: str, folder: Path) -> Path:
    """A bad file for an argument of `kind`: missing, zero_bytes, truncated, wrong_type, garbled."""
    name, maker = GOOD[kind]
    if damage == "missing":
        return folder / f"missing-{name}"
    if damage == "wrong_type":
        wrong_name, wrong_maker, natural = WRONG_TYPE[kind]
        made = make(wrong_maker, folder / f"{kind}-made{natural}")
        return made.rename(folder / wrong_name)
    factory = {"zero_bytes": lambda m: zero_bytes, "truncated": truncated,
               "garbled": lambda m: garbled_header(m, b"moov" if kind == "video" else b"")}[damage]
    return make(factory(maker), folder / f"{damage}-{name}")


def read_rgb(path: Path) -> np.ndarray:
    from PIL import Image

    with Image.open(path) as img:
        return np.asarray(img.convert("RGB"))

