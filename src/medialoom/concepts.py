"""Concepts: a named subject ("my dog Rex") kept from the user's photos, so later requests
draw that subject in new scenes (image.customize).

A concept lives in the store: its photos are image artifacts, its row (name, noun, photo
hashes, consent, adapter) is in the `concepts` table of the store's index. A DreamBooth-LoRA
adapter trained on the photos is a file under `$MEDIALOOM_HOME/adapters/`, named by its own
hash and keyed by the photos' hashes, the base model and the training settings, so a second
request for the same concept reuses it. Deleting a concept deletes its adapter.

    register(store, name, photos, noun=None)  -> Concept   (the photos are imported)
    get / all_concepts / remove                            (by name, case-insensitive)
    named_in(store, text) -> [Concept]                     (names said in a request)
    apply_to_plan(plan, request, store, registry) -> Plan  (Session.plan's hook)
    remember_run(store, result)                            (image.customize with `name`)
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from .errors import InputError
from .store import Store, sha256_file

MAX_PHOTOS = 5
NAME = re.compile(r"^[A-Za-z][\w' -]{0,39}$")
SCHEMA = """
CREATE TABLE IF NOT EXISTS concepts (
  name TEXT PRIMARY KEY, label TEXT NOT NULL, noun TEXT, photos TEXT NOT NULL,
  consent INTEGER NOT NULL DEFAULT 0, adapter TEXT, adapter_key TEXT, created REAL NOT NULL);
"""


@dataclass(frozen=True)
class Concept:
    name: str                 # the key: lower case ("rex")
    label: str                # as the user wrote it ("Rex")
    noun: str | None          # what it is ("dog"), when known
    photos: tuple[str, ...]   # sha256 of the image artifacts
    consent: bool = False
    adapter: str | None = None       # path of a LoRA adapter file, when one was trained
    adapter_key: str | None = None

    def photo_paths(self, store: Store) -> list[Path]:
        found = [store.get(sha) for sha in self.photos]
        return [a.path for a in found if a is not None]

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.label, "noun": self.noun, "photos": list(self.photos),
                "consent": self.consent, "adapter": self.adapter}


def _db(store: Store) -> None:
    """Create the concepts table once per open store."""
    if getattr(store, "_concepts_ready", False):
        return
    with store.transaction() as db:
        db.execute(SCHEMA)
    store._concepts_ready = True  # type: ignore[attr-defined]


def _key(name: str) -> str:
    return " ".join(name.strip().lower().split())


def check_name(name: str) -> str:
    name = " ".join(str(name or "").split())
    if not NAME.match(name):
        raise InputError(f"'{name}' cannot name a concept; use a short name that starts with a letter, "
                         "e.g. Rex or 'my mug'")
    return name


def _row(r: Any) -> Concept:
    return Concept(r["name"], r["label"], r["noun"], tuple(json.loads(r["photos"])), bool(r["consent"]),
                   r["adapter"], r["adapter_key"])


def register(store: Store, name: str, photos: Iterable[Path | str], noun: str | None = None,
             consent: bool = False, replace: bool = True) -> Concept:
    """Keep the photos as a concept (replacing a concept of that name when `replace`)."""
    label = check_name(name)
    paths = [Path(p) for p in photos]
    if not 1 <= len(paths) <= MAX_PHOTOS:
        raise InputError(f"a concept takes 1 to {MAX_PHOTOS} photos of one subject, got {len(paths)}")
    for p in paths:
        if not p.is_file():
            raise InputError(f"cannot read {p} (no such file); check the path")
    if not replace and get(store, label) is not None:
        raise InputError(f"a concept named {label} exists; remove it first (medialoom concept remove {label})")
    shas = tuple(dict.fromkeys(store.import_user_file(p, "image").sha256 for p in paths))
    return _save(store, label, noun, shas, consent)


def register_shas(store: Store, name: str, shas: Iterable[str], noun: str | None = None,
                  consent: bool = False) -> Concept:
    """Keep photos already in the store (e.g. the inputs of an image.customize step)."""
    return _save(store, check_name(name), noun, tuple(dict.fromkeys(shas)), consent)


def _save(store: Store, label: str, noun: str | None, shas: tuple[str, ...], consent: bool) -> Concept:
    _db(store)
    old = get(store, label)
    if old is not None and old.photos != shas:
        _drop_adapter(store, old)
    keep = old if old is not None and old.photos == shas else None
    with store.transaction() as db:
        db.execute("INSERT OR REPLACE INTO concepts VALUES (?,?,?,?,?,?,?,?)",
                   (_key(label), label, noun, json.dumps(list(shas)), int(consent),
                    keep.adapter if keep else None, keep.adapter_key if keep else None, time.time()))
    found = get(store, label)
    assert found is not None
    return found


def get(store: Store, name: str) -> Concept | None:
    _db(store)
    rows = store.query("SELECT * FROM concepts WHERE name=?", (_key(name),))
    return _row(rows[0]) if rows else None


def require(store: Store, name: str) -> Concept:
    found = get(store, name)
    if found is None:
        known = ", ".join(c.label for c in all_concepts(store)) or "none yet"
        raise InputError(f"there is no concept named {name!r} (known: {known}); add one with "
                         f"medialoom concept add NAME PHOTO...")
    return found


def all_concepts(store: Store) -> list[Concept]:
    _db(store)
    return [_row(r) for r in store.query("SELECT * FROM concepts ORDER BY created")]


def remove(store: Store, name: str) -> Concept:
    """Delete a concept and its adapter; its photos stay (other runs may use them)."""
    found = require(store, name)
    _drop_adapter(store, found)
    with store.transaction() as db:
        db.execute("DELETE FROM concepts WHERE name=?", (found.name,))
    return found


# -- adapters ---------------------------------------------------------------------------------
def adapter_dir(store: Store) -> Path:
    return store.home / "adapters"


def adapter_key(concept: Concept, base_model: str, settings: dict[str, Any]) -> str:
    """The photos' hashes, the base model and the training settings, hashed."""
    text = json.dumps({"photos": sorted(concept.photos), "model": base_model, "settings": settings},
                      sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def keep_adapter(store: Store, concept: Concept, file: Path, key: str) -> Concept:
    """Move a trained adapter file into the store and record it on the concept."""
    sha = sha256_file(file)
    dest = adapter_dir(store) / sha[:2] / f"{sha}{file.suffix or '.safetensors'}"
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(file, dest.with_suffix(".tmp"))
    dest.with_suffix(".tmp").replace(dest)
    if concept.adapter and Path(concept.adapter) != dest:
        _drop_adapter(store, concept)
    with store.transaction() as db:
        db.execute("UPDATE concepts SET adapter=?, adapter_key=? WHERE name=?", (str(dest), key, concept.name))
    return require(store, concept.name)


def _drop_adapter(store: Store, concept: Concept) -> None:
    if not concept.adapter:
        return
    path = Path(concept.adapter)
    others = [c for c in all_concepts(store) if c.name != concept.name and c.adapter == concept.adapter]
    if not others and path.is_file() and adapter_dir(store) in path.parents:
        path.unlink()
    with store.transaction() as db:
        db.execute("UPDATE concepts SET adapter=NULL, adapter_key=NULL WHERE name=?", (concept.name,))


# -- words ------------------------------------------------------------------------------------
def named_in(store: Store, text: str) -> list[Concept]:
    """Concepts whose name is said in the text as a word ("now Rex in the snow")."""
    found = []
    for c in all_concepts(store):
        if re.search(rf"(?<![\w-]){re.escape(c.label)}(?![\w-])", text, re.I):
            found.append(c)
    return found


def remember_run(store: Store, result: Any) -> list[Concept]:
    """After a run: every image.customize step given a `name` keeps its photos as that concept."""
    kept = []
    for step in result.plan.steps:
        done = result.steps.get(step.id)
        name = step.args.get("name")
        if step.tool != "image.customize" or not isinstance(name, str) or done is None \
                or done.status not in ("done", "cached") or "main" not in done.outputs:
            continue
        meta = done.outputs["main"].meta
        photos = meta.get("photos") or []
        if not photos:
            continue
        try:
            label = check_name(meta.get("concept") or name)
        except InputError:
            continue
        existing = get(store, label)
        if existing is not None and existing.photos == tuple(photos):
            kept.append(existing)
            continue
        kept.append(register_shas(store, label, photos, meta.get("noun"), bool(step.args.get("consent"))))
    return kept


def apply_to_plan(plan: Any, request: str, store: Store, registry: Any) -> Any:
    """Session.plan's hook (see plan_hook.py): concepts named in the request and "X from
    photo.jpg" requests become image.customize steps."""
    from .plan_hook import customize_plan

    return customize_plan(plan, request, store, registry)
