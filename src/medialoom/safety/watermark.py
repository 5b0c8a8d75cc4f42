"""Invisible image and video watermark: the dwtDctSvd method of invisible-watermark (one level
Haar DWT of the U chroma channel, 4x4 blocks of the LL band, DCT, SVD, the largest singular value
quantised with step 36 to carry one bit), vectorised over all blocks, with a tiled bit layout so
that the mark survives crops and rescaling.

Payload: 64 bits = a 40-bit id (10 hex digits, kept in the artifact's meta so `verify` can look
the record up in the store) + a 24-bit check. Bit `(r % 8) * 8 + c % 8` goes into block (r, c), so
every 64x64-pixel tile carries the whole payload and any crop still holds complete tiles.

Decoding searches the 8x8 pixel phase of the block grid (on a central window), then the 64 cyclic
shifts of the tile, accepting only a payload whose check matches; it also tries scales 2 and 1/2
at phase 0 (a whole picture shrunk to half, a frame taken from a marked video), and finally,
for images, the factors that bring the width back to a usual output width (any resize). Because the DCT is orthonormal,
the singular values of DCT(block) equal those of the block, so the quantisation is done on the
block's SVD directly; `tests/safety` checks the bits against the library's own `infer_dct_svd`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

SCALE = 36.0          # quantisation step of invisible-watermark's dwtDctSvd (its default scale)
TILE = 8              # blocks per tile side: 64 bits
ID_BYTES = 5
CHECK_BYTES = 3
SEARCH_WINDOW = 128   # pixels: the central window used to find the block grid
DECODE_WINDOW = 1024  # pixels: the central window decoded once the grid is known
SCALES = (1.0, 2.0, 0.5)
MIN_SIDE = 64
RESCUE_WIDTHS = tuple(range(256, 1025, 64)) + (1280, 1536, 2048)


@dataclass(frozen=True)
class Detection:
    payload: str | None       # the 10-hex-digit id when the check matched
    bits: np.ndarray          # 64 decoded bits at the best alignment found
    confidence: float         # mean |soft bit| of the tile, 0 (noise) .. 1 (clean)
    scale: float = 1.0

    @property
    def found(self) -> bool:
        return self.payload is not None


# -- payload ----------------------------------------------------------------------------------
def _check(ident: bytes) -> bytes:
    return hashlib.sha256(b"medialoom-wm1" + ident).digest()[:CHECK_BYTES]


def payload_bits(ident_hex: str) -> np.ndarray:
    ident = bytes.fromhex(ident_hex)
    if len(ident) != ID_BYTES:
        raise ValueError(f"watermark id must be {ID_BYTES * 2} hex digits")
    return np.unpackbits(np.frombuffer(ident + _check(ident), np.uint8)).astype(np.float32)


def bits_to_payload(bits: np.ndarray) -> str | None:
    raw = np.packbits(bits.astype(np.uint8)).tobytes()
    ident, check = raw[:ID_BYTES], raw[ID_BYTES:ID_BYTES + CHECK_BYTES]
    return ident.hex() if _check(ident) == check else None


def new_id(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode() if isinstance(p, str) else p)
        h.update(b"\0")
    return h.hexdigest()[:ID_BYTES * 2]


# -- one channel ------------------------------------------------------------------------------
def _ll_blocks(ch: np.ndarray) -> np.ndarray:
    """Blocks (R, C, 4, 4) of the Haar LL band of the channel's top-left multiple of 8."""
    h8, w8 = ch.shape[0] // 8 * 8, ch.shape[1] // 8 * 8
    x = ch[:h8, :w8].astype(np.float64)
    ll = (x[0::2, 0::2] + x[0::2, 1::2] + x[1::2, 0::2] + x[1::2, 1::2]) / 2.0
    return ll.reshape(h8 // 8, 4, w8 // 8, 4).transpose(0, 2, 1, 3)


def _layout(rows: int, cols: int) -> np.ndarray:
    r, c = np.meshgrid(np.arange(rows) % TILE, np.arange(cols) % TILE, indexing="ij")
    return r * TILE + c


def embed_channel(ch: np.ndarray, bits: np.ndarray, scale: float = SCALE) -> np.ndarray:
    """The channel (float) with one bit per 8x8 block: s0 of the LL block quantised to
    (k + 0.25) * scale for 0 and (k + 0.75) * scale for 1."""
    blocks = _ll_blocks(ch)
    rows, cols = blocks.shape[:2]
    u, s, vt = np.linalg.svd(blocks)
    target = (np.floor(s[..., 0] / scale) + 0.25 + 0.5 * bits[_layout(rows, cols)]) * scale
    delta = (target - s[..., 0])[..., None, None] * u[..., :, :1] * vt[..., :1, :]
    dll = delta.transpose(0, 2, 1, 3).reshape(rows * 4, cols * 4)
    out = ch.astype(np.float64).copy()
    out[:rows * 8, :cols * 8] += np.repeat(np.repeat(dll / 2.0, 2, axis=0), 2, axis=1)
    return out


def _soft(ch: np.ndarray, scale: float = SCALE) -> np.ndarray:
    """Soft bits per block in [-1, 1] (-1 = 0, +1 = 1)."""
    blocks = _ll_blocks(ch)
    if blocks.size == 0:
        return np.zeros((0, 0))
    return -np.sin(2.0 * np.pi * _top_singular(blocks) / scale)


def _top_singular(blocks: np.ndarray, steps: int = 8) -> np.ndarray:
    """Largest singular value of every 4x4 block by power iteration on B^T B (a batched LAPACK
    call per block costs ten times more; blocks of pictures are dominated by their mean, so
    the iteration converges in a few steps)."""
    shape = blocks.shape[:-2]
    b = blocks.reshape(-1, 4, 4)
    gram = (b[:, :, :, None] * b[:, :, None, :]).sum(axis=1)          # elementwise: no per-matrix loop
    v = np.full((b.shape[0], 4), 0.5)
    for _ in range(steps):
        v = (gram * v[:, None, :]).sum(axis=2)
        v /= np.maximum(np.sqrt((v * v).sum(axis=1, keepdims=True)), 1e-12)
    lam = (v * (gram * v[:, None, :]).sum(axis=2)).sum(axis=1)
    return np.sqrt(np.maximum(lam, 0.0)).reshape(shape)


def _tile(soft: np.ndarray) -> np.ndarray:
    """Mean soft bit of each of the 64 tile positions."""
    sums = np.zeros(TILE * TILE)
    counts = np.zeros(TILE * TILE)
    idx = _layout(*soft.shape).ravel()
    np.add.at(sums, idx, soft.ravel())
    np.add.at(counts, idx, 1.0)
    return sums / np.maximum(counts, 1.0)


def _centre(ch: np.ndarray, size: int) -> np.ndarray:
    h, w = ch.shape
    top, left = max(0, (h - size) // 16 * 8), max(0, (w - size) // 16 * 8)   # keeps the grid
    return ch[top:top + size, left:left + size]


def _phases(ch: np.ndarray, keep: int = 3) -> list[tuple[int, int]]:
    """The pixel phases of the block grid whose tiles look most like a mark."""
    win = _centre(ch, SEARCH_WINDOW + 8)
    scored = []
    for py in range(8):
        for px in range(8):
            tile = _tile(_soft(win[py:, px:]))
            scored.append((float(np.abs(tile).mean()), py, px))
    scored.sort(reverse=True)
    return [(py, px) for _, py, px in scored[:keep]]


def _read_tile(tile: np.ndarray) -> tuple[str | None, np.ndarray]:
    grid = tile.reshape(TILE, TILE)
    for dy in range(TILE):
        for dx in range(TILE):
            bits = (np.roll(grid, (-dy, -dx), axis=(0, 1)).ravel() > 0).astype(np.uint8)
            if (payload := bits_to_payload(bits)) is not None:
                return payload, bits
    return None, (grid.ravel() > 0).astype(np.uint8)


def decode_tiles(tiles: list[np.ndarray], scale: float = 1.0) -> Detection:
    tile = np.mean(tiles, axis=0)
    payload, bits = _read_tile(tile)
    return Detection(payload, bits, float(np.abs(tile).mean()), scale)


def decode_channel(ch: np.ndarray, full_search: bool = True) -> Detection:
    """Find the mark in one channel: phase (0, 0) first, then the searched phases and scales."""
    import cv2

    best = Detection(None, np.zeros(64, np.uint8), 0.0)
    for factor in SCALES if full_search else (1.0,):
        scaled = ch if factor == 1.0 else cv2.resize(
            ch.astype(np.float32), None, fx=factor, fy=factor,
            interpolation=cv2.INTER_CUBIC if factor > 1 else cv2.INTER_AREA)
        if min(scaled.shape) < MIN_SIDE:
            continue
        window = _centre(scaled, DECODE_WINDOW + 8)
        tried: set[tuple[int, int]] = set()
        for searched in (False, True):
            if searched and not (full_search and factor == 1.0):
                break   # a rescaled copy of a whole picture keeps the grid at phase 0
            for py, px in (_phases(scaled) if searched else [(0, 0)]):
                if (py, px) in tried:
                    continue
                tried.add((py, px))
                found = decode_tiles([_tile(_soft(window[py:, px:]))], factor)
                if found.found:
                    return found
                if found.confidence > best.confidence:
                    best = found
    return best


# -- images -----------------------------------------------------------------------------------
CHROMA_OFFSET = 127.5   # OpenCV centres float chroma on 0.5 (for 0..1 images): move it to 8-bit's 128


def _to_yuv(rgb: np.ndarray) -> np.ndarray:
    """YUV as OpenCV computes it for 8-bit images (the library's colour space), in float."""
    import cv2

    yuv = cv2.cvtColor(rgb.astype(np.float32), cv2.COLOR_RGB2YUV)
    yuv[..., 1:] += CHROMA_OFFSET
    return yuv


def _from_yuv(yuv: np.ndarray) -> np.ndarray:
    import cv2

    yuv = yuv.astype(np.float32).copy()
    yuv[..., 1:] -= CHROMA_OFFSET
    return cv2.cvtColor(yuv, cv2.COLOR_YUV2RGB)


PIL_MODES = ("RGB", "RGBA", "L", "LA", "P", "PA", "CMYK", "YCbCr", "1")


def mark_image(path: Path, ident: str) -> dict:
    """Watermark an image file in place (same format and mode; alpha kept): colour pictures in
    the U channel, grey ones in their grey channel, so they stay grey."""
    from PIL import Image

    with Image.open(path) as im:
        fmt, mode = (im.format or "PNG").upper(), im.mode
        if mode not in PIL_MODES or getattr(im, "n_frames", 1) > 1:
            return {"method": "dwtDctSvd", "applied": False, "why": f"{mode} / animated images are not marked"}
        alpha = im.getchannel("A") if "A" in im.getbands() else None
        pixels = np.asarray(im.convert("L" if mode in ("L", "LA") else "RGB"), dtype=np.float32)
        # a black-and-white picture stored as RGB is marked in its grey level and stays grey
        grey = pixels.ndim == 2 or bool(np.all(pixels[..., 0] == pixels[..., 1])
                                       and np.all(pixels[..., 1] == pixels[..., 2]))
        pixels = pixels if pixels.ndim == 2 else pixels[..., 1] if grey else pixels
        out_mode = "RGB" if mode not in ("L", "LA") else "L"
        info = {k: v for k, v in im.info.items() if k in ("dpi", "icc_profile")}
        if fmt == "PNG" and getattr(im, "text", None):  # keep PNG text metadata (prompt, seed, tool)
            from PIL import PngImagePlugin

            info["pnginfo"] = PngImagePlugin.PngInfo()
            for key, value in im.text.items():
                info["pnginfo"].add_itxt(key, value)
    if min(pixels.shape[:2]) < MIN_SIDE:
        return {"method": "dwtDctSvd", "applied": False, "why": f"smaller than {MIN_SIDE} pixels"}
    bits = payload_bits(ident)
    if grey:
        out = np.clip(np.rint(embed_channel(pixels, bits)), 0, 255).astype(np.uint8)
        out = np.repeat(out[..., None], 3, axis=2) if out_mode == "RGB" else out
    else:
        yuv = _to_yuv(pixels)
        yuv[..., 1] = embed_channel(yuv[..., 1], bits)
        out = np.clip(np.rint(_from_yuv(yuv)), 0, 255).astype(np.uint8)
    img = Image.fromarray(out, out_mode)
    if alpha is not None and fmt != "JPEG":
        img.putalpha(alpha)
    img.save(path, format=fmt, **({"quality": 95} if fmt in ("JPEG", "WEBP") else {}), **info)
    return {"method": "dwtDctSvd", "applied": True, "id": ident, "channel": "grey" if grey else "U"}


def detect_image(path: Path | np.ndarray) -> Detection:
    """Read the mark: from U, or from the grey level when the picture has no colour."""
    from PIL import Image

    if isinstance(path, np.ndarray):
        rgb = path.astype(np.float32)
        rgb = np.repeat(rgb[..., None], 3, axis=2) if rgb.ndim == 2 else rgb[..., :3]
    else:
        with Image.open(path) as im:
            rgb = np.asarray(im.convert("RGB"), dtype=np.float32)
    grey = np.abs(rgb[..., 0] - rgb[..., 1]).max() <= 1 and np.abs(rgb[..., 1] - rgb[..., 2]).max() <= 1
    channel = rgb[..., 1] if grey else _to_yuv(rgb)[..., 1]
    found = decode_channel(channel)
    return found if found.found else (decode_rescaled(channel) or found)


def decode_rescaled(ch: np.ndarray) -> Detection | None:
    """A copy resized by any factor (a screenshot, a thumbnail): scale it back to each width a
    medialoom output is likely to have (multiples of 64 up to 1024, then 1280, 1536, 2048) and
    read at phase 0. At most ~20 trials, each with a 2 ** -24 check: false alarms stay rare."""
    import cv2

    h, w = ch.shape
    for width in RESCUE_WIDTHS:
        factor = width / w
        if not 0.5 <= factor <= 4.0 or any(abs(factor - s) < 0.01 for s in SCALES):
            continue
        scaled = cv2.resize(ch.astype(np.float32), (width, max(1, round(h * factor))),
                            interpolation=cv2.INTER_CUBIC if factor > 1 else cv2.INTER_AREA)
        if min(scaled.shape) < MIN_SIDE:
            continue
        found = decode_tiles([_tile(_soft(_centre(scaled, DECODE_WINDOW + 8)))], factor)
        if found.found:
            return found
    return None


# -- video ------------------------------------------------------------------------------------
def _u_plane(arr: np.ndarray, h: int, w: int) -> np.ndarray:
    """The U plane of PyAV's (h * 3 / 2, w) yuv420p array, as a (h / 2, w / 2) view. It is read
    from the flat buffer: when h / 2 is odd (h = 270, 358 ...) U ends half-way through a row."""
    return arr.reshape(-1)[h * w: h * w + (h // 2) * (w // 2)].reshape(h // 2, w // 2)


GREY_CHROMA = 2   # a yuv420p frame whose U and V stay this close to 128 has no colour


def _neutral(arr: np.ndarray, h: int) -> bool:
    """True when a yuv420p frame (PyAV's (h * 3 / 2, w) array) is black and white."""
    return bool(np.abs(arr[h:].astype(np.int16) - 128).max() <= GREY_CHROMA)


def _grey_video(path: Path, w: int, h: int, probe: int = 48) -> bool:
    """A black-and-white video: its first `probe` frames all have neutral chroma."""
    import av

    seen = 0
    with av.open(str(path)) as src:
        for frame in src.decode(src.streams.video[0]):
            if not _neutral(frame.reformat(width=w, height=h, format="yuv420p").to_ndarray(), h):
                return False
            seen += 1
            if seen >= probe:
                break
    return seen > 0


def mark_video(path: Path, ident: str, crf: int = 17) -> dict:
    """Watermark every frame and re-encode the video stream with H.264; other streams (audio)
    are copied unchanged. Colour videos are marked in the U plane (yuv420p), black-and-white
    ones in the grey level (Y), so they stay grey (as pictures do)."""
    import av

    bits = payload_bits(ident)
    tmp = path.with_name(path.stem + ".wm" + path.suffix)
    frames = 0
    with av.open(str(path)) as src:
        vin = src.streams.video[0]
        w, h = vin.codec_context.width // 2 * 2, vin.codec_context.height // 2 * 2
    if min(w, h) < 2 * MIN_SIDE:
        return {"method": "dwtDctSvd", "applied": False, "why": f"smaller than {2 * MIN_SIDE} pixels"}
    grey = _grey_video(path, w, h)
    with av.open(str(path)) as src, av.open(str(tmp), "w") as dst:
        vin = src.streams.video[0]
        rate = vin.average_rate or vin.guessed_rate or 24
        vout = dst.add_stream("libx264", rate=rate)
        vout.width, vout.height, vout.pix_fmt = w, h, "yuv420p"
        vout.options = {"crf": str(crf), "preset": "veryfast"}
        others = {s.index: dst.add_stream_from_template(s) for s in src.streams if s.type == "audio"}
        for packet in src.demux(vin, *[s for s in src.streams if s.index in others]):
            if packet.stream.index in others:
                if packet.dts is not None:
                    packet.stream = others[packet.stream.index]
                    dst.mux(packet)
                continue
            for frame in packet.decode():
                dst.mux(vout.encode(_mark_frame(frame, bits, w, h, grey)))
                frames += 1
        dst.mux(vout.encode(None))
    tmp.replace(path)
    return {"method": "dwtDctSvd", "applied": True, "id": ident, "frames": frames, "codec": "h264",
            "channel": "grey" if grey else "U"}


def _mark_frame(frame, bits: np.ndarray, w: int, h: int, grey: bool = False):
    import av

    arr = np.ascontiguousarray(frame.reformat(width=w, height=h, format="yuv420p").to_ndarray())
    plane = arr[:h] if grey else _u_plane(arr, h, w)       # views: writing them writes arr
    plane[...] = np.clip(np.rint(embed_channel(plane.astype(np.float64), bits)), 0, 255).astype(np.uint8)
    out = av.VideoFrame.from_ndarray(arr, format="yuv420p")
    out.pts, out.time_base = frame.pts, frame.time_base
    return out


def _decode_planes(planes: list[np.ndarray]) -> Detection:
    fast = decode_tiles([_tile(_soft(_centre(p, DECODE_WINDOW))) for p in planes])
    if fast.found or min(planes[0].shape) < MIN_SIDE:
        return fast
    return decode_channel(np.mean(planes, axis=0))


def detect_video(path: Path, max_frames: int = 8) -> Detection:
    """Decode the first frames and read the mark, averaged over frames: from the U planes, and
    from the grey level (Y) of black-and-white frames (grey videos are marked there)."""
    import av

    u_planes, y_planes = [], []
    with av.open(str(path)) as src:
        vin = src.streams.video[0]
        for frame in src.decode(vin):
            w, h = frame.width // 2 * 2, frame.height // 2 * 2
            arr = np.ascontiguousarray(frame.reformat(width=w, height=h, format="yuv420p").to_ndarray())
            u_planes.append(_u_plane(arr, h, w).astype(np.float64))
            if _neutral(arr, h):
                y_planes.append(arr[:h].astype(np.float64))
            if len(u_planes) >= max_frames:
                break
    if not u_planes:
        return Detection(None, np.zeros(64, np.uint8), 0.0)
    groups = [y_planes, u_planes] if 2 * len(y_planes) > len(u_planes) else [u_planes, y_planes]
    found = Detection(None, np.zeros(64, np.uint8), 0.0)
    for planes in (g for g in groups if g):
        found = _decode_planes(planes)
        if found.found:
            return found
    return found
