"""Image and video watermark (dwtDctSvd): invisible, robust to JPEG q80, resizing to half and a
10 % crop, the same bits as invisible-watermark's own decoder reads, and no false detections."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from medialoom.safety import watermark as wm
from media import foreign_image, moving_frames, music, scene, write_video


def _psnr(a: np.ndarray, b: np.ndarray) -> float:
    return float(10 * np.log10(255 ** 2 / np.mean((a.astype(float) - b.astype(float)) ** 2)))


@pytest.fixture(scope="module")
def marked(tmp_path_factory):
    """Three 512x512 pictures, marked through the file API, with their ids and originals."""
    rng = np.random.default_rng(7)
    folder = tmp_path_factory.mktemp("wm")
    items = []
    for n in range(3):
        original = scene(rng)
        path = folder / f"p{n}.png"
        Image.fromarray(original).save(path)
        ident = wm.new_id(f"picture {n}")
        assert wm.mark_image(path, ident)["applied"]
        items.append((original, np.asarray(Image.open(path).convert("RGB")), ident))
    return items


def _attacks(img: np.ndarray) -> dict[str, np.ndarray]:
    buf = io.BytesIO()
    Image.fromarray(img).save(buf, "JPEG", quality=80)
    h, w = img.shape[:2]
    dy, dx = int(h * 0.05) + 3, int(w * 0.05) + 1              # keep 90 %, off the block grid
    return {
        "none": img,
        "jpeg_q80": np.asarray(Image.open(io.BytesIO(buf.getvalue())).convert("RGB")),
        "resize_half": np.asarray(Image.fromarray(img).resize((w // 2, h // 2), Image.BICUBIC)),
        "crop_10pct": img[dy:dy + int(h * 0.9), dx:dx + int(w * 0.9)],
    }


def test_mark_is_invisible(marked):
    for original, img, _ in marked:
        assert _psnr(original, img) > 38.0


def test_bit_accuracy_after_jpeg_resize_and_crop(marked):
    accuracy: dict[str, list[float]] = {}
    for _, img, ident in marked:
        truth = wm.payload_bits(ident)
        for name, attacked in _attacks(img).items():
            found = wm.detect_image(attacked)
            assert found.payload == ident, f"{name}: payload lost (confidence {found.confidence:.2f})"
            accuracy.setdefault(name, []).append(float((found.bits == truth).mean()))
    print("\nimage watermark bit accuracy:",
          {k: round(float(np.mean(v)), 4) for k, v in accuracy.items()})
    assert all(np.mean(v) >= 0.98 for v in accuracy.values())


def test_same_bits_as_invisible_watermark_decoder(marked):
    """Our vectorised embedding is the library's method: its per-block `infer_dct_svd` on the
    U channel's DWT reads the bits we wrote, in our tile layout."""
    import importlib.util

    import cv2
    import pywt

    # the method's own module, without the package's __init__ (which loads rivaGan's ONNX runtime)
    origin = importlib.util.find_spec("imwatermark").submodule_search_locations[0] + "/dwtDctSvd.py"
    spec = importlib.util.spec_from_file_location("imwatermark_dwtdctsvd", origin)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    EmbedDwtDctSvd = module.EmbedDwtDctSvd

    _, img, ident = marked[0]
    yuv = cv2.cvtColor(img[..., ::-1].copy(), cv2.COLOR_BGR2YUV)
    ll, _ = pywt.dwt2(yuv[:, :, 1].astype(np.float64), "haar")
    lib = EmbedDwtDctSvd(watermarks=[], wmLen=64, scales=[0, 36, 0], block=4)
    truth = wm.payload_bits(ident)
    read = [lib.infer_dct_svd(ll[r * 4:r * 4 + 4, c * 4:c * 4 + 4], 36) == truth[(r % 8) * 8 + c % 8]
            for r in range(16) for c in range(16)]
    assert np.mean(read) > 0.97


def test_any_resize_of_a_whole_picture_keeps_the_mark(marked):
    """A screenshot or thumbnail at an arbitrary size (not only half): scaled back to a usual width."""
    _, img, ident = marked[0]
    for width in (460, 384, 300, 200, 700):
        resized = np.asarray(Image.fromarray(img).resize((width, width), Image.BICUBIC))
        assert wm.detect_image(resized).payload == ident, width


def test_no_false_detections_on_foreign_images():
    rng = np.random.default_rng(11)
    found = [wm.detect_image(foreign_image(rng, n)).found for n in range(50)]
    assert sum(found) == 0


def _decoded(path) -> list[np.ndarray]:
    import av

    with av.open(str(path)) as src:
        return [f.to_ndarray(format="rgb24") for f in src.decode(video=0)]


def test_every_video_frame_is_marked_and_audio_is_kept(tmp_path):
    import av

    rng = np.random.default_rng(3)
    path = write_video(tmp_path / "clip.mp4", moving_frames(rng, 24), audio=music(rng, 1.0))
    before = _decoded(path)
    done = wm.mark_video(path, "00c0ffee42")
    assert done["applied"] and done["frames"] == 24
    with av.open(str(path)) as src:
        assert [s.type for s in src.streams] == ["video", "audio"]
    after = _decoded(path)
    assert len(after) == 24
    assert min(_psnr(a, b) for a, b in zip(before, after)) > 33.0
    assert wm.detect_video(path).payload == "00c0ffee42"
    for n in (0, 12, 23):                                    # every frame alone carries the mark
        plane = wm._to_yuv(after[n].astype(np.float32))[..., 1]
        assert wm.decode_channel(plane, full_search=True).payload == "00c0ffee42"


def test_no_false_detections_on_foreign_videos(tmp_path):
    rng = np.random.default_rng(5)
    for n in range(5):
        path = write_video(tmp_path / f"f{n}.mp4", moving_frames(rng, 6, 192, 160))
        assert not wm.detect_video(path).found


def test_small_images_are_left_alone(tmp_path):
    path = tmp_path / "tiny.png"
    Image.new("RGB", (40, 40), "red").save(path)
    before = path.read_bytes()
    assert not wm.mark_image(path, "0000000001")["applied"]
    assert path.read_bytes() == before


def test_alpha_and_jpeg_outputs_keep_their_format(tmp_path):
    rgba = np.dstack([scene(np.random.default_rng(1), 256, 192),
                      np.full((192, 256), 200, np.uint8)])
    png, jpg = tmp_path / "a.png", tmp_path / "b.jpg"
    Image.fromarray(rgba, "RGBA").save(png)
    Image.fromarray(rgba[..., :3]).save(jpg, quality=92)
    for path in (png, jpg):
        assert wm.mark_image(path, "1234567890")["applied"]
        assert wm.detect_image(path).payload == "1234567890"
    with Image.open(png) as im:
        assert im.mode == "RGBA" and np.asarray(im)[..., 3].min() == 200
    with Image.open(jpg) as im:
        assert im.format == "JPEG"


def test_grey_pictures_stay_grey_and_keep_the_mark(tmp_path):
    grey = scene(np.random.default_rng(6), 256, 256).mean(axis=2).astype(np.uint8)
    path = tmp_path / "grey.png"
    Image.fromarray(grey, "L").save(path)
    done = wm.mark_image(path, "0a0b0c0d0e")
    assert done["applied"] and done["channel"] == "grey"
    with Image.open(path) as im:
        assert im.mode == "L" and _psnr(grey, np.asarray(im)) > 38.0
    buf = io.BytesIO()
    Image.open(path).save(buf, "JPEG", quality=80)
    assert wm.detect_image(np.asarray(Image.open(io.BytesIO(buf.getvalue())).convert("RGB"))).payload == "0a0b0c0d0e"


def test_a_black_and_white_picture_stored_as_rgb_stays_black_and_white(tmp_path):
    """image.edit "make it black and white" writes RGB with equal channels: marking U would tint it."""
    grey = scene(np.random.default_rng(5), 256, 256).mean(axis=2).astype(np.uint8)
    path = tmp_path / "bw.png"
    Image.fromarray(np.repeat(grey[..., None], 3, axis=2), "RGB").save(path)
    done = wm.mark_image(path, "0a0b0c0d0f")
    assert done["applied"] and done["channel"] == "grey"
    with Image.open(path) as im:
        rgb = np.asarray(im)
        assert im.mode == "RGB" and (rgb[..., 0] == rgb[..., 1]).all() and (rgb[..., 1] == rgb[..., 2]).all()
        assert _psnr(grey, rgb[..., 0]) > 38.0
    assert wm.detect_image(path).payload == "0a0b0c0d0f"


def test_grey_videos_stay_grey_after_finishing_and_keep_the_mark(tmp_path, make_ctx):
    """A black-and-white video is marked in its grey level (as pictures are), not in U: every
    frame's R, G and B stay within a small tolerance of each other after the finishing step."""
    from medialoom.context import Output
    from medialoom.registry import Registry
    from medialoom.safety.finish import finish

    rng = np.random.default_rng(12)
    frames = [np.repeat(f.mean(axis=2).astype(np.uint8)[..., None], 3, axis=2)
              for f in moving_frames(rng, 16, 256, 192)]
    path = write_video(tmp_path / "bw.mp4", frames)
    before = _decoded(path)
    ctx = make_ctx("video.slideshow")
    done = finish(ctx, Registry.default().spec("video.slideshow"), "main", Output(path), {})
    mark = done.meta["safety"]["watermark"]
    assert mark["applied"] and mark["channel"] == "grey" and mark["frames"] == 16
    after = _decoded(path)
    assert len(after) == 16
    for frame in after:
        f = frame.astype(np.int16)
        tint = max(np.abs(f[..., 0] - f[..., 1]).max(), np.abs(f[..., 1] - f[..., 2]).max())
        assert tint <= 2, f"a grey frame came back tinted (channel difference {tint})"
    assert np.mean([_psnr(a[..., 1], b[..., 1]) for a, b in zip(before, after)]) > 34.0
    assert wm.detect_video(path).payload == done.meta["watermark_id"]
    from medialoom.safety.verify import detect_mark

    assert detect_mark(path) == (True, done.meta["watermark_id"], "video frames")


@pytest.mark.parametrize("w,h", [(480, 270), (640, 358)])
def test_heights_two_above_a_multiple_of_four_are_marked(tmp_path, w, h):
    """U is h/2 rows: odd when h = 4k + 2, so it ends half-way through a row of PyAV's array."""
    rng = np.random.default_rng(h)
    path = write_video(tmp_path / "clip.mp4", moving_frames(rng, 4, w, h))
    done = wm.mark_video(path, "0a0b0c0d0e")
    assert done["applied"] and done["frames"] == 4
    assert wm.detect_video(path).payload == "0a0b0c0d0e"
    assert all(f.shape[:2] == (h, w) for f in _decoded(path))


@pytest.mark.parametrize("size", [(1, 1), (4000, 2), (2, 4000), (3, 20000)])
def test_verify_never_stops_on_odd_pictures(tmp_path, size, config):
    from medialoom.safety.verify import verify

    path = tmp_path / "odd.png"
    Image.new("RGB", size, "gray").save(path)
    result = verify(path, config)
    assert result["watermark"] is False and result["watermark_id"] is None


def test_verify_reads_thin_videos(tmp_path, config):
    from medialoom.safety.verify import verify

    path = write_video(tmp_path / "thin.mp4", [np.full((2, 1000, 3), v, np.uint8) for v in (10, 90)])
    assert verify(path, config)["watermark"] is False
