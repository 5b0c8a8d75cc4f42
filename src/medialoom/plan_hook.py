"""Concept customization in plans, after the planner (Session.plan's hook; the planner itself
is not changed): two kinds of request become image.customize steps.

    "put my dog from dog.jpg on a beach at sunset"    a subject from photos, put in a scene
    "my dog Rex on the beach" / "now Rex in the snow" a registered concept named in the request
    "a story in three scenes about Rex"               every scene's picture shows the concept

A step that generates a picture whose prompt names the concept (or, in a request naming it,
a storyboard scene's prompt) becomes image.customize with the concept's photos; the rest of
the plan is kept. A request that asks for a video of the subject animates the picture.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from .plan import Plan, Ref, Step, validate
from .safety.likeness import says_consent

EXT = r"(?:jpe?g|png|webp|bmp|tiff?)"
FILE = rf"[\w./~-]+\.{EXT}"
FROM_PHOTO = re.compile(
    rf"\b(?P<det>my|our|the|this|his|her|their)\s+(?P<noun>[a-z]+(?:\s+(?-i:[A-Z])[\w'-]*)?)\s+"
    rf"(?:(?:named|called)\s+(?P<called>[\w'-]+)\s+)?(?:from|in|of|at)\s+(?:the\s+)?(?:photos?\s+|pictures?\s+)?"
    rf"(?P<files>{FILE}(?:\s*(?:,|and|&)\s*{FILE})*)", re.I)
LEAD = re.compile(r"^\s*(?:please\s+)?(?:now\s+|then\s+|and\s+)?(?:put|place|show|draw|paint|imagine|picture|"
                  r"render|depict|generate|create|make|take|bring|i want|give me)\b\s*(?:me\s+)?", re.I)
ART = re.compile(r"^\s*(?:an?\s+)?(?P<art>watercolou?r|painting|oil painting|sketch|drawing|photo|picture|"
                 r"portrait|cartoon|illustration)\s+of\s*$", re.I)
SCENE = re.compile(r"^\s*(?:on|in|at|by|under|near|wearing|as|with|holding|riding|beside|inside|next to|"
                   r"flying|swimming|sitting|standing|running|playing)\b", re.I)
EDIT_WORDS = re.compile(r"^\s*(?:in|with|as)\s+(?:black and white|gr[ae]yscale|sepia|more|less|higher|lower|"
                        r"high contrast|a (?:brighter|darker|sharper))\b", re.I)
VIDEO = re.compile(r"\b(video|animate|animated|animation|clip|movie)\b", re.I)
GENERATORS = ("image.generate",)


def customize_plan(plan: Plan, request: str, store: Any, registry: Any) -> Plan:
    if not isinstance(request, str) or "image.customize" not in registry:
        return plan
    found = _from_photos(request)
    if found is not None:
        return _checked(_single(request, *found), registry, plan)
    from .concepts import named_in
    from .errors import UsageError

    try:
        concepts = named_in(store, request)
    except UsageError:   # no usable store (e.g. a read-only home): plans need none, concepts do
        return plan
    if not concepts:
        return plan
    return _checked(_with_concept(plan, request, concepts[0], store), registry, plan)


def _checked(new: Plan, registry: Any, old: Plan) -> Plan:
    validate(new, registry, check_files=False)
    return new if new.steps else old


def _from_photos(request: str) -> tuple[list[str], str, str | None] | None:
    """(photos, scene words, name) of "put my dog from dog.jpg on a beach", or None."""
    m = FROM_PHOTO.search(request)
    if m is None:
        return None
    before, after = request[:m.start()], request[m.end():]
    art = ART.match(before) or (ART.match(LEAD.sub("", before)) if LEAD.match(before) else None)
    lead = LEAD.match(before) is not None and not LEAD.sub("", before).strip()
    scene = after.strip(" ,.;")
    if art:
        scene = f"as a {art.group('art')} {scene}".strip()
    elif not (lead or not before.strip()) or not SCENE.match(scene) or EDIT_WORDS.match(scene):
        return None   # "remove the dog from dog.jpg", "make the cat in cat.png brighter": edits
    files = re.findall(FILE, m.group("files"))
    noun_words = m.group("noun").split()
    name = m.group("called") or (noun_words[1] if len(noun_words) > 1 else None)
    noun = noun_words[0].lower()
    label = f"my {noun} {name}" if name else None
    scene = VIDEO.sub("", re.sub(r"\b(?:and\s+)?(?:make|turn)\s+(?:it\s+)?(?:into\s+)?an?\s+(?=video|animation|clip)",
                                 "", scene, flags=re.I)).strip(" ,.;") or scene
    return files, f"{noun} {scene}", label


def _single(request: str, files: list[str], prompt: str, name: str | None) -> Plan:
    args: dict[str, Any] = {"images": files, "prompt": prompt}
    if name:
        args["name"] = name
    if says_consent(request):
        args["consent"] = True
    steps = [Step("s1", "image.customize", args)]
    if VIDEO.search(request):
        steps.append(Step("s2", "video.animate", {"image": "$s1"}))
    return Plan(steps, request, ["image.customize: the subject comes from " + ", ".join(files)])


def _concept_args(concept: Any, store: Any, request: str, prompt: Any) -> dict[str, Any]:
    args: dict[str, Any] = {"images": [str(p) for p in concept.photo_paths(store)], "prompt": prompt,
                            "name": f"my {concept.noun} {concept.label}" if concept.noun and
                            concept.noun.lower() != concept.label.lower() else concept.label}
    if concept.consent or says_consent(request):
        args["consent"] = True
    if concept.adapter:
        args["lora"] = concept.adapter
    return args


def _names(text: Any, concept: Any) -> bool:
    word = rf"(?<![\w-]){re.escape(concept.label)}(?![\w-])"
    return isinstance(text, str) and re.search(word, text, re.I) is not None


def _with_concept(plan: Plan, request: str, concept: Any, store: Any) -> Plan:
    if not concept.photo_paths(store):
        return plan
    steps, changed = [], 0
    for step in plan.steps:
        prompt = step.args.get("prompt")
        scene = (Ref.parse(prompt) is not None and str(prompt).endswith("_prompt"))
        if step.tool in GENERATORS and (_names(prompt, concept) or scene):
            args = _concept_args(concept, store, request, prompt)
            args.update({k: v for k, v in step.args.items() if k in ("width", "height", "seed")})
            steps.append(Step(step.id, "image.customize", args))
            changed += 1
        else:
            steps.append(step)
    if changed:
        return replace(plan, steps=steps, notes=[*plan.notes, f"image.customize: {concept.label} from the "
                                                              "concept's photos"])
    if len(plan.steps) > 2:
        return plan
    words = LEAD.sub("", request).strip(" .") or request
    new = [Step("s1", "image.customize", _concept_args(concept, store, request, words))]
    if VIDEO.search(request):
        new.append(Step("s2", "video.animate", {"image": "$s1"}))
    return Plan(new, request, [f"image.customize: {concept.label} from the concept's photos"])
