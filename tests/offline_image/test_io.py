"""Bad and unusual image files: each handled or refused with one clear line."""

from __future__ import annotations

import struct
import zlib

import numpy as np
import pytest
from PIL import Image

from medialoom.backends.offline import image
from medialoom.backends.offline.image.io import open_image
from medialoom.errors import InputError


def test_zero_bytes_corrupt_and_truncated(tmp_path):
    (tmp_path / "empty.png").write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        open_image(tmp_path / "empty.png")
    (tmp_path / "junk.png").write_bytes(b"not an image at all" * 20)
    with pytest.raises(InputError, match="not an image"):
        open_image(tmp_path / "junk.png")
    Image.new("RGB", (200, 200), "red").save(tmp_path / "full.jpg", quality=90)
    data = (tmp_path / "full.jpg").read_bytes()
    (tmp_path / "cut.jpg").write_bytes(data[: len(data) // 3])
    with pytest.raises(InputError, match="corrupt or truncated"):
        open_image(tmp_path / "cut.jpg")


def _png_header_only(path, w: int, h: int) -> None:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    ihdr = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 10))
                     + chunk(b"IEND", b""))


def test_over_50_megapixels_is_refused_before_decoding(tmp_path):
    _png_header_only(tmp_path / "bomb.png", 10_000, 6_000)
    with pytest.raises(InputError, match="50 megapixel"):
        open_image(tmp_path / "bomb.png")


def test_modes_are_converted(tmp_path):
    Image.new("CMYK", (20, 10), (0, 255, 255, 0)).save(tmp_path / "cmyk.jpg")
    cmyk = open_image(tmp_path / "cmyk.jpg")
    assert cmyk.mode == "RGB" and cmyk.getpixel((5, 5))[0] > 200 and cmyk.getpixel((5, 5))[1] < 60
    deep = Image.fromarray(np.full((10, 20), 65535 // 2, np.uint16))
    deep.save(tmp_path / "deep.png")
    grey = open_image(tmp_path / "deep.png")
    assert grey.mode == "RGB" and 120 <= grey.getpixel((1, 1))[0] <= 135
    pal = Image.new("RGB", (20, 10), (10, 200, 30)).quantize(4)
    pal.save(tmp_path / "pal.png")
    assert open_image(tmp_path / "pal.png").mode == "RGB"
    rgba = Image.new("RGBA", (20, 10), (0, 0, 255, 0))
    rgba.save(tmp_path / "alpha.png")
    assert open_image(tmp_path / "alpha.png").mode == "RGBA"
    Image.new("LA", (20, 10), (100, 255)).save(tmp_path / "la.png")
    assert open_image(tmp_path / "la.png").mode == "RGB"  # opaque alpha is dropped


def test_exif_rotation_is_applied(tmp_path):
    img = Image.new("RGB", (40, 20), "white")
    img.paste((255, 0, 0), (0, 0, 10, 20))
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90 clockwise to display
    img.save(tmp_path / "phone.jpg", exif=exif.tobytes(), quality=95)
    upright = open_image(tmp_path / "phone.jpg")
    assert upright.size == (20, 40)
    assert upright.getpixel((10, 2))[0] > 200 and upright.getpixel((10, 2))[1] < 80


def test_tools_refuse_broken_files_in_one_line(make_ctx, tmp_path, store):
    (tmp_path / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 30)
    art = store.put_file(tmp_path / "broken.png", "image", {}, move=False)
    with pytest.raises(InputError) as info:
        image.edit(make_ctx(), art, "make it brighter")
    assert "\n" not in str(info.value)
