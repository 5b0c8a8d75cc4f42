"""`medialoom concept add|list|remove|train` (and `medialoom concepts`, the list): named
subjects kept from your photos for image.customize.

    medialoom concept add Rex dog1.jpg dog2.jpg --noun dog     keep the photos as "Rex"
    medialoom concept train Rex --model SD_FOLDER --steps 300  a DreamBooth-LoRA adapter (neural)
    medialoom concepts                                          list them
    medialoom concept remove Rex                                delete it and its adapter
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import NoReturn, Sequence

from .errors import MedialoomError, SafetyRefusal, UsageError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message}; see 'medialoom concept --help'")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="medialoom concept", description="Named subjects from your photos, for image.customize.")
    sub = p.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    a = sub.add_parser("add", help="keep 1-5 photos of one subject under a name")
    a.add_argument("name")
    a.add_argument("photos", nargs="+", type=Path)
    a.add_argument("--noun", help="what it is (dog, cat, mug ...), so scenes place it well")
    a.add_argument("--consent", action="store_true",
                   help="the person shown agreed (faces also need [safety] customize_people = true)")
    ls = sub.add_parser("list", help="list the concepts")
    ls.add_argument("--json", action="store_true")
    r = sub.add_parser("remove", help="delete a concept and its adapter")
    r.add_argument("name")
    t = sub.add_parser("train", help="train a DreamBooth-LoRA adapter on the concept's photos (neural)")
    t.add_argument("name")
    t.add_argument("--model", default="stable-diffusion-v1-5/stable-diffusion-v1-5",
                   help="the Stable Diffusion model (hub id in the local cache, or a folder)")
    t.add_argument("--steps", type=int, default=300)
    t.add_argument("--rank", type=int, default=4)
    t.add_argument("--resolution", type=int, default=512)
    return p


def main(argv: Sequence[str] | None = None, *, listing: bool = False) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        args = build_parser().parse_args(["list", *argv] if listing else argv)
        if args.action is None:
            build_parser().print_help()
            return 2
        from .config import load_config
        from .store import Store

        config = load_config()
        store = Store(config.home)
        try:
            return {"add": _add, "list": _list, "remove": _remove, "train": _train}[args.action](args, store, config)
        finally:
            store.close()
    except MedialoomError as exc:
        print(f"medialoom: {exc.one_line()}", file=sys.stderr)
        return exc.exit_code


def main_list(argv: Sequence[str] | None = None) -> int:
    """`medialoom concepts`: the list."""
    return main(argv, listing=True)


def _add(args: argparse.Namespace, store, config) -> int:
    from . import concepts
    from .backends.offline.image.customizing import split_name
    from .backends.offline.image.io import open_image
    from .backends.offline.image.subject import best_cut
    from .safety.likeness import screen_photos

    label = concepts.check_name(args.name)
    for path in args.photos:
        if not path.is_file():
            raise UsageError(f"cannot read {path} (no such file); check the path")
    photos = [open_image(p) for p in args.photos]
    names = [p.name for p in args.photos]
    noun = args.noun or split_name(args.name)[1]
    screen_photos(photos, names, f"{args.name} {noun or ''}", args.consent, config)   # before anything is kept
    best_cut(photos, names)    # one subject, found in the photos
    concept = concepts.register(store, label, args.photos, noun=noun, consent=args.consent)
    print(f"kept {concept.label}{f' ({concept.noun})' if concept.noun else ''} from {len(concept.photos)} "
          f"photo{'s' * (len(concept.photos) != 1)}; say its name in a request, e.g. "
          f"medialoom run \"{concept.label} on a beach at sunset\"")
    return 0


def _list(args: argparse.Namespace, store, config) -> int:
    from . import concepts

    found = concepts.all_concepts(store)
    if args.json:
        print(json.dumps([c.to_dict() for c in found], indent=2))
        return 0
    if not found:
        print("no concepts yet; add one with: medialoom concept add NAME PHOTO...")
    for c in found:
        extra = ", LoRA adapter" if c.adapter else ""
        print(f"{c.label:<20} {c.noun or '-':<10} {len(c.photos)} photo{'s' * (len(c.photos) != 1)}{extra}")
    return 0


def _remove(args: argparse.Namespace, store, config) -> int:
    from . import concepts

    gone = concepts.remove(store, args.name)
    print(f"removed {gone.label}" + (" and its adapter" if gone.adapter else ""))
    return 0


def _train(args: argparse.Namespace, store, config) -> int:
    from . import concepts

    concept = concepts.require(store, args.name)
    if not 1 <= args.steps <= 5000 or not 1 <= args.rank <= 128 or not 64 <= args.resolution <= 1024:
        raise UsageError("--steps takes 1-5000, --rank 1-128, --resolution 64-1024")
    try:
        from .backends.neural.lora import TrainSettings, train_concept
    except ImportError as exc:
        raise UsageError(f"training needs the neural extra ({exc.name} is missing): "
                         "pip install 'medialoom[neural]'") from exc
    settings = TrainSettings(steps=args.steps, rank=args.rank, resolution=args.resolution)
    key = concepts.adapter_key(concept, args.model, settings.to_dict())
    if concept.adapter_key == key and concept.adapter and Path(concept.adapter).is_file():
        print(f"{concept.label} already has this adapter: {concept.adapter}")
        return 0
    if concept.consent is False and _has_face(concept, store, config):
        raise SafetyRefusal("likeness of a real person", "add the concept again with --consent")
    work = store.tmpdir("lora")
    file = train_concept(config, args.model, concept.photo_paths(store), concept.noun or "subject", settings, work)
    kept = concepts.keep_adapter(store, concept, file, key)
    print(f"trained a LoRA adapter for {kept.label} ({settings.steps} steps): {kept.adapter}")
    return 0


def _has_face(concept, store, config) -> bool:
    from .backends.offline.image.io import open_image
    from .safety.likeness import screen_photos

    paths = concept.photo_paths(store)
    try:
        screen_photos([open_image(p) for p in paths], [p.name for p in paths], concept.label, False, config)
    except SafetyRefusal:
        return True
    return False
