"""Signed C2PA manifests (c2pa-python) on every output whose format C2PA supports.

    claim generator   medialoom <version>
    actions           c2pa.created (no media inputs) or c2pa.opened + c2pa.edited (an edit),
                      digital source type algorithmicMedia (offline) or
                      trainedAlgorithmicMedia (neural)
    ingredients       the media inputs: the first as parentOf, the rest as componentOf
    org.medialoom.provenance   tool, backend, model, seed, time, parents, watermark id

Signing: ES256 with a certificate chain made on first use under `$MEDIALOOM_HOME/signing/`
(a local CA and a signer certificate issued by it). Users configure their own with

    [safety]
    sign_cert = "/path/chain.pem"    # signer certificate first, then its issuers
    sign_key = "/path/key.pem"
    sign_alg = "es256"               # es256 | es384 | es512 | ps256 | ed25519
    tsa_url = "http://timestamp.example"   # optional
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from ..config import Config

ASSERTION = "org.medialoom.provenance"
IPTC = "http://cv.iptc.org/newscodes/digitalsourcetype/"
SOURCE_TYPES = {"neural": "trainedAlgorithmicMedia", "remote": "trainedAlgorithmicMedia"}
SUFFIX_FORMATS = {
    ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp",
    ".gif": "image/gif", ".tif": "image/tiff", ".tiff": "image/tiff", ".svg": "image/svg+xml",
    ".avif": "image/avif", ".heic": "image/heic", ".wav": "audio/wav", ".mp3": "audio/mpeg",
    ".flac": "audio/flac", ".m4a": "audio/mp4", ".mp4": "video/mp4", ".mov": "video/quicktime",
    ".avi": "video/avi", ".pdf": "application/pdf",
}


def c2pa_format(path: Path) -> str | None:
    """The MIME type C2PA signs this file as, or None when C2PA has no embedding for it."""
    return SUFFIX_FORMATS.get(path.suffix.lower())


@dataclass(frozen=True)
class Credentials:
    cert_pem: bytes
    key_pem: bytes
    alg: str = "es256"
    tsa_url: str | None = None
    ca_pem: bytes | None = None     # the local CA, when medialoom made the chain


@dataclass(frozen=True)
class Record:
    """What a manifest says about one output."""

    tool: str
    backend: str
    model: str | None
    seed: int
    time: str
    parents: list[dict[str, str]]
    watermark_id: str | None = None
    step: str | None = None
    output: str = "main"

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items()}


# -- keys -------------------------------------------------------------------------------------
def credentials(config: Config) -> Credentials:
    """The configured signer, else the local one under $MEDIALOOM_HOME/signing (made once)."""
    section = config.sections.get("safety", {}) or {}
    if section.get("sign_cert") and section.get("sign_key"):
        return Credentials(Path(section["sign_cert"]).expanduser().read_bytes(),
                           Path(section["sign_key"]).expanduser().read_bytes(),
                           str(section.get("sign_alg", "es256")).lower(), section.get("tsa_url"))
    folder = Path(config.home) / "signing"
    if not (folder / "signer.key").is_file():
        _make_local_chain(folder)
    return Credentials((folder / "chain.pem").read_bytes(), (folder / "signer.key").read_bytes(),
                       "es256", section.get("tsa_url"), (folder / "ca.pem").read_bytes())


def _make_local_chain(folder: Path) -> None:
    """A local CA and an ES256 signer certificate it issued, written atomically (several worker
    processes may get here at once: the first rename wins)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    now = dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=5)
    ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "medialoom local CA"),
                         x509.NameAttribute(NameOID.ORGANIZATION_NAME, "medialoom (local)")])
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "medialoom signer"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "medialoom (local)")])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name)
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(now).not_valid_after(now + dt.timedelta(days=3650))
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
          .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
          .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
          .sign(ca_key, hashes.SHA256()))
    leaf = (x509.CertificateBuilder().subject_name(name).issuer_name(ca_name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now).not_valid_after(now + dt.timedelta(days=1825))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(True, False, False, False, False, False, False, False, False), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
            .sign(ca_key, hashes.SHA256()))
    pem = serialization.Encoding.PEM
    tmp = folder.with_name(f".signing-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    tmp.mkdir(parents=True)
    (tmp / "ca.pem").write_bytes(ca.public_bytes(pem))
    (tmp / "chain.pem").write_bytes(leaf.public_bytes(pem) + ca.public_bytes(pem))
    for fname, k in (("signer.key", key), ("ca.key", ca_key)):
        path = tmp / fname
        path.write_bytes(k.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
        path.chmod(0o600)
    try:
        tmp.rename(folder)
    except OSError:  # another process made it first
        shutil.rmtree(tmp, ignore_errors=True)


# -- signing ----------------------------------------------------------------------------------
def manifest(record: Record, fmt: str, title: str, edited: bool) -> dict[str, Any]:
    from .. import __version__

    source = IPTC + SOURCE_TYPES.get(record.backend, "algorithmicMedia")
    agent = {"name": "medialoom", "version": __version__}
    params = {"tool": record.tool, "backend": record.backend, "model": record.model, "seed": record.seed}
    actions: list[dict[str, Any]] = []
    if edited:
        actions.append({"action": "c2pa.opened", "softwareAgent": agent,
                        "parameters": {"ingredientIds": ["parent-0"]}})
        actions.append({"action": "c2pa.edited", "digitalSourceType": source, "softwareAgent": agent,
                        "when": record.time, "parameters": params})
    else:
        actions.append({"action": "c2pa.created", "digitalSourceType": source, "softwareAgent": agent,
                        "when": record.time, "parameters": params})
    return {
        "claim_generator_info": [agent],
        "title": title,
        "format": fmt,
        "assertions": [
            {"label": "c2pa.actions", "data": {"actions": actions}},
            {"label": ASSERTION, "data": record.to_dict()},
        ],
    }


def sign(path: Path, record: Record, parents: list[Path], config: Config) -> dict[str, Any]:
    """Embed a signed manifest into the file in place. Returns what was done."""
    import c2pa

    fmt = c2pa_format(path)
    if fmt is None:
        return {"applied": False, "why": f"C2PA has no embedding for {path.suffix or 'this format'}"}
    creds = credentials(config)
    usable = [p for p in parents if c2pa_format(p) is not None and p.is_file()]
    spec = manifest(record, fmt, path.name, edited=bool(usable))
    signer = c2pa.Signer.from_info(c2pa.C2paSignerInfo(creds.alg, creds.cert_pem, creds.key_pem,
                                                       creds.tsa_url))
    tmp = path.with_name(path.stem + ".c2pa" + path.suffix)
    try:
        with c2pa.Builder(spec, context=_sign_context()) as builder:
            for n, parent in enumerate(usable):
                ingredient = {"title": parent.name, "relationship": "parentOf" if n == 0 else "componentOf",
                              "label": f"parent-{n}" if n == 0 else f"component-{n}"}
                with open(parent, "rb") as stream:
                    builder.add_ingredient(ingredient, c2pa_format(parent), stream)
            with open(path, "rb") as src, open(tmp, "w+b") as dst:
                builder.sign(signer, fmt, src, dst)
        tmp.replace(path)
    finally:
        signer.close()
        tmp.unlink(missing_ok=True)
    return {"applied": True, "format": fmt, "ingredients": len(usable),
            "signer": "configured" if creds.ca_pem is None else "local"}


def _sign_context() -> Any:
    """No thumbnail (the output is the picture; a JPEG copy inside it only adds bytes and time)."""
    import c2pa

    try:
        return c2pa.Context.from_dict({"builder": {"thumbnail": {"enabled": False}}})
    except Exception:  # an SDK without this setting
        return None


def read(path: Path, config: Config | None = None) -> dict[str, Any] | None:
    """The active manifest's medialoom record and the validation state, or None without one."""
    import c2pa

    fmt = c2pa_format(path)
    if fmt is None or not path.is_file():
        return None
    with open(path, "rb") as stream:
        try:
            reader = c2pa.Reader.try_create(fmt, stream, context=_trust_context(config))
        except c2pa.C2paError:
            return None
        if reader is None:
            return None
        with reader:
            store = json.loads(reader.json())
    active = store.get("manifests", {}).get(store.get("active_manifest", ""), {})
    record = next((a.get("data", {}) for a in active.get("assertions", []) if a.get("label") == ASSERTION), None)
    return {"claim_generator": _generator(active), "record": record,
            "ingredients": [i.get("title") for i in active.get("ingredients", [])],
            "validation_state": store.get("validation_state"),
            "validation_failures": [s.get("code") for s in
                                    (store.get("validation_results", {}).get("activeManifest", {}) or {})
                                    .get("failure", [])],
            "actions": _actions(active)}


def _generator(active: Mapping[str, Any]) -> str | None:
    info = active.get("claim_generator_info") or []
    return info[0].get("name") if info else active.get("claim_generator")


def _actions(active: Mapping[str, Any]) -> list[dict[str, Any]]:
    for a in active.get("assertions", []):
        if a.get("label", "").startswith("c2pa.actions"):
            return [{"action": x.get("action"), "digitalSourceType": x.get("digitalSourceType")}
                    for x in a.get("data", {}).get("actions", [])]
    return []


def _trust_context(config: Config | None) -> Any:
    """A reading context that trusts the local CA (so our own manifests validate as trusted)."""
    if config is None:
        return None
    ca = Path(config.home) / "signing" / "ca.pem"
    if not ca.is_file():
        return None
    import c2pa

    settings = {"verify": {"verify_trust": True},
                "trust": {"user_anchors": ca.read_text(), "trust_config": "1.3.6.1.5.5.7.3.4\n1.3.6.1.5.5.7.3.36\n"}}
    try:
        return c2pa.Context.from_dict(settings)
    except Exception:  # an older SDK without these settings: read untrusted
        return None
