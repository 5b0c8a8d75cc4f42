"""C2PA: manifests on PNG, JPEG, WAV, MP3 and MP4 are readable and valid with c2pa-python,
name medialoom, record created/edited with the right digital source type, list parents as
ingredients, and use a key made on first use in $MEDIALOOM_HOME (or the user's own)."""

from __future__ import annotations

import json

import c2pa
import numpy as np
import pytest
import soundfile as sf
from PIL import Image

from medialoom.safety import provenance as pv
from media import moving_frames, mp3_roundtrip, music, scene, write_video

IPTC = "http://cv.iptc.org/newscodes/digitalsourcetype/"


def _record(tool="image.generate", backend="offline", parents=()):
    return pv.Record(tool, backend, "some/model" if backend == "neural" else None, 42,
                     "2026-01-02T03:04:05+00:00", [{"sha256": p, "kind": "image"} for p in parents], "a1b2c3d4e5")


def _files(tmp_path):
    rng = np.random.default_rng(0)
    png, jpg = tmp_path / "a.png", tmp_path / "b.jpg"
    Image.fromarray(scene(rng, 128, 96)).save(png)
    Image.fromarray(scene(rng, 128, 96)).save(jpg, quality=90)
    wav = tmp_path / "c.wav"
    sf.write(wav, music(rng, 1.0) * 0.5, 44100)
    mp3 = tmp_path / "d.mp3"
    import av

    pcm = mp3_roundtrip(music(rng, 1.0) * 0.5, 44100)
    with av.open(str(mp3), "w") as out:
        s = out.add_stream("libmp3lame", rate=44100)
        s.layout = "mono"
        frame = av.AudioFrame.from_ndarray(pcm.astype(np.float32)[None, :], format="fltp", layout="mono")
        frame.sample_rate, frame.pts = 44100, 0
        for p in [*s.encode(frame), *s.encode(None)]:
            out.mux(p)
    mp4 = write_video(tmp_path / "e.mp4", moving_frames(rng, 6, 160, 128))
    return [png, jpg, wav, mp3, mp4]


def test_signed_manifests_are_valid_in_every_format(tmp_path, config):
    for path in _files(tmp_path):
        done = pv.sign(path, _record(), [], config)
        assert done["applied"], path
        with open(path, "rb") as f, c2pa.Reader(pv.c2pa_format(path), f) as reader:   # plain SDK read
            store = json.loads(reader.json())
            assert reader.get_validation_state() in ("Valid", "Trusted")
        failures = [s["code"] for s in store.get("validation_results", {}).get("activeManifest", {})
                    .get("failure", [])]
        assert failures in ([], ["signingCredential.untrusted"]), (path, failures)
        read = pv.read(path, config)                      # trusting the local CA
        assert read["validation_state"] == "Trusted" and read["validation_failures"] == []
        assert read["claim_generator"] == "medialoom"
        assert read["record"]["tool"] == "image.generate" and read["record"]["seed"] == 42
        assert read["actions"] == [{"action": "c2pa.created", "digitalSourceType": IPTC + "algorithmicMedia"}]


def test_the_signing_chain_is_made_once_under_home(config):
    from cryptography import x509

    first = pv.credentials(config)
    assert (config.home / "signing" / "signer.key").stat().st_mode & 0o077 == 0
    assert pv.credentials(config).cert_pem == first.cert_pem
    leaf, ca = x509.load_pem_x509_certificates(first.cert_pem)
    assert leaf.issuer == ca.subject and leaf.signature_algorithm_oid._name == "ecdsa-with-SHA256"


def test_edits_are_edited_actions_with_parent_ingredients(tmp_path, config):
    rng = np.random.default_rng(1)
    parent, other, out = tmp_path / "parent.png", tmp_path / "other.png", tmp_path / "out.png"
    for p in (parent, other, out):
        Image.fromarray(scene(rng, 96, 96)).save(p)
    pv.sign(parent, _record(), [], config)
    done = pv.sign(out, _record("image.edit", "neural", ["f" * 64]), [parent, other], config)
    assert done["ingredients"] == 2
    read = pv.read(out, config)
    assert read["validation_state"] == "Trusted"
    assert [a["action"] for a in read["actions"]] == ["c2pa.opened", "c2pa.edited"]
    assert read["actions"][1]["digitalSourceType"] == IPTC + "trainedAlgorithmicMedia"
    assert read["ingredients"] == ["parent.png", "other.png"]
    assert read["record"]["parents"] == [{"sha256": "f" * 64, "kind": "image"}]
    assert read["record"]["model"] == "some/model"


def test_a_configured_signer_is_used(tmp_path, config):
    from dataclasses import replace

    mine = tmp_path / "mine"
    pv._make_local_chain(mine)
    cfg = replace(config, sections={"safety": {"sign_cert": str(mine / "chain.pem"),
                                               "sign_key": str(mine / "signer.key")}})
    path = tmp_path / "x.png"
    Image.fromarray(scene(np.random.default_rng(2), 96, 96)).save(path)
    assert pv.sign(path, _record(), [], cfg)["signer"] == "configured"
    assert not (config.home / "signing").exists()
    with open(path, "rb") as f, c2pa.Reader("image/png", f) as reader:
        assert reader.get_validation_state() == "Valid"


@pytest.mark.parametrize("name", ["mesh.glb", "notes.txt", "song.mid"])
def test_formats_without_c2pa_embedding_are_left_alone(tmp_path, config, name):
    path = tmp_path / name
    path.write_bytes(b"not media")
    assert pv.sign(path, _record(), [], config)["applied"] is False
    assert path.read_bytes() == b"not media"
