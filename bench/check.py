"""Judge benchmark (GenEval-style): 100 compositional prompts (counts, colours, positions, two
objects with different attributes) through the offline generator with the check on.

1. each prompt drawn once (seed 0) and checked: share of prompts the judge finds fully right;
2. the prompts it faults go through `run --refine 3`: share fully right after self-correction;
3. an independent reader agrees or not: colour blobs counted on the pixels (the HSV reader of
   the image test suite, which never looks at the layout) for prompts whose objects all have
   a colour;
4. checks per second, against the peer measured in the same run: generating the same picture.
With a neural image model given (--model ID_OR_FOLDER) the suite runs on it too.

Usage: .venv/bin/python bench/check.py [--n 100] [--size 320] [--model ID_OR_FOLDER]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "offline_image"))

OBJECTS = ("apple", "ball", "car", "cup", "balloon", "star", "book", "flower", "bird", "boat", "umbrella", "kite")
COLOURS = ("red", "blue", "green", "yellow", "purple", "orange", "pink")
NUMBERS = {1: "a", 2: "two", 3: "three", 4: "four", 5: "five"}
RELATIONS = ("to the left of", "to the right of", "above", "below")


def prompts(n: int) -> list[tuple[str, dict[str, int]]]:
    """(prompt, {colour: count}) in four families, seeded: counts, colours, positions, attributes."""
    rng = random.Random(0)
    out: list[tuple[str, dict[str, int]]] = []
    while len(out) < n:
        family = len(out) % 4
        a, b = rng.sample(OBJECTS, 2)
        ca, cb = rng.sample(COLOURS, 2)
        k = rng.randint(2, 5)
        if family == 0:
            out.append((f"{NUMBERS[k]} {ca} {a}s", {ca: k}))
        elif family == 1:
            out.append((f"a {ca} {a}", {ca: 1}))
        elif family == 2:
            out.append((f"a {ca} {a} {rng.choice(RELATIONS)} a {cb} {b}", {ca: 1, cb: 1}))
        else:
            m = rng.randint(1, 3)
            out.append((f"{NUMBERS[k]} {ca} {a}s and {NUMBERS[m]} {cb} {b}{'s' * (m > 1)}", {ca: k, cb: m}))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--size", type=int, default=320)
    ap.add_argument("--model", help="a neural image.generate model (hub id or folder) to run the suite on too")
    args = ap.parse_args()
    suite = prompts(args.n)
    report_offline(suite, args.size)
    if args.model:
        report_neural(suite, args.size, args.model)


def report_offline(suite: list[tuple[str, dict[str, int]]], size: int) -> None:
    from blobs import count, rgb_of

    from medialoom.backends.offline import image
    from medialoom.check import check_file
    from medialoom.check.refine import refine
    from medialoom.config import load_config
    from medialoom.context import ToolContext
    from medialoom.plan import Plan, Step
    from medialoom.session import Session

    tmp = Path(tempfile.mkdtemp())
    config = load_config(tmp / "home")
    gen_s = check_s = 0.0
    faulted, agree = [], 0
    for i, (prompt, colours) in enumerate(suite):
        t = time.perf_counter()
        out = image.generate(ToolContext(f"s{i}", "image.generate", "offline", 0, tmp / f"w{i}", config),
                             prompt, width=size, height=size, seed=0)
        gen_s += time.perf_counter() - t
        t = time.perf_counter()
        report = check_file(out.path, prompt, meta=out.meta, config=config)
        check_s += time.perf_counter() - t
        if not report.ok:
            faulted.append(prompt)
        rgb = rgb_of(out.path)
        read = {c: count(rgb, c) for c in colours}
        if report.ok == (read == colours):
            agree += 1
        else:
            print(f"    disagree on {prompt!r}: judge {'ok' if report.ok else 'faults it'}, blobs read {read}")
    n = len(suite)
    print(f"offline image.generate {size}x{size}, {n} prompts")
    print(f"  judge: fully right before self-correction   {n - len(faulted)}/{n} ({(n - len(faulted)) / n:.0%})")
    print(f"  independent pixel reader agrees with judge  {agree}/{n} ({agree / n:.0%})")
    print(f"  checks per second {n / check_s:.1f}   peer (generating the picture) {n / gen_s:.1f}/s   "
          f"ratio {gen_s / check_s:.2f}")
    session = Session(config)
    fixed, rounds = 0, 0
    for prompt in faulted:
        plan = Plan([Step("s1", "image.generate", {"prompt": prompt, "width": size, "height": size, "seed": 0})], prompt)
        _, refined = refine(session, plan, 3)
        fixed += refined.best("s1").report.ok
        rounds += refined.rounds
        print(f"    {prompt!r}: {'fixed' if refined.best('s1').report.ok else 'not fixed'} in {refined.rounds} "
              f"round(s); {refined.attempts['s1'][0].report.summary()}")
    right = n - len(faulted) + fixed
    print(f"  judge: fully right after --refine 3          {right}/{n} ({right / n:.0%}); {rounds} fix rounds run")


def report_neural(suite: list[tuple[str, dict[str, int]]], size: int, model: str) -> None:
    from medialoom.check import check_file
    from medialoom.config import load_config
    from medialoom.models import model_is_local
    from medialoom.plan import Plan, Step
    from medialoom.session import Session

    if not model_is_local(model):
        print(f"neural: {model} is not on this machine (hf download {model}); suite not run")
        return
    session = Session(load_config())
    ok = checked = 0
    for prompt, _ in suite:
        plan = Plan([Step("s1", "image.generate", {"prompt": prompt, "width": size, "height": size, "seed": 0})])
        art = session.run(plan, backend="neural", models={"image.generate": model}).steps["s1"].outputs["main"]
        report = check_file(art.path, prompt, meta=dict(art.meta), config=session.config)
        checked += report.checkable
        ok += report.ok
    print(f"neural {model}: fully right {ok}/{len(suite)}; {checked} could be checked here (detector/CLIP present)")


if __name__ == "__main__":
    main()
