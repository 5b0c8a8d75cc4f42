"""Prompt -> scene description: noun groups (count, colour, size), relations between them,
a setting and a style. Pure text rules, no model; `parse_prompt` is deterministic."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .kinds import MULTIWORD, lookup, singular
from .palette import colour_name

COUNTS = {"one": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
          "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "pair": 2, "couple": 2,
          "several": 3, "few": 3, "many": 6, "lots": 6, "dozen": 12, "both": 2, "twin": 2}
PARTS = {"roof", "top", "side", "edge", "front", "back", "middle", "centre", "center", "corner", "branch",
         "branches", "hood", "seat", "surface"}
DECOR = {"candle", "sprinkle", "frosting", "icing", "stripe", "spot", "wheel", "window", "door", "chimney",
         "sail", "petal", "leaf", "leave", "whisker", "tail"}
MAX_COUNT = 24
MAX_OBJECTS = 40
SIZES = {"tiny": 0.55, "little": 0.75, "small": 0.75, "medium": 1.0, "big": 1.35, "large": 1.35,
         "huge": 1.7, "giant": 1.8, "enormous": 1.8, "tall": 1.3, "short": 0.8}
PHRASES: tuple[tuple[str, str], ...] = (
    ("to the left of", " LEFT_OF "), ("on the left of", " LEFT_OF "), ("left of", " LEFT_OF "),
    ("to the right of", " RIGHT_OF "), ("on the right of", " RIGHT_OF "), ("right of", " RIGHT_OF "),
    ("on the left", " AT_LEFT "), ("to the left", " AT_LEFT "), ("at the left", " AT_LEFT "),
    ("on the right", " AT_RIGHT "), ("to the right", " AT_RIGHT "), ("at the right", " AT_RIGHT "),
    ("in the middle", " AT_CENTRE "), ("in the center", " AT_CENTRE "), ("in the centre", " AT_CENTRE "),
    ("in front of", " IN_FRONT_OF "), ("on top of", " ON "), ("next to", " NEXT_TO "),
    ("close to", " NEXT_TO "), ("table top", " tabletop "), ("night sky", " night "),
    ("outer space", " space "), ("under the sea", " underwater "), ("under water", " underwater "),
    ("in the sea", " seasetting "), ("in the ocean", " seasetting "), ("city street", " city "),
    ("living room", " room "), ("in the mountains", " mountainsetting "),
    ("in mountains", " mountainsetting "), ("at night", " night "), ("a lot of", " lots "),
)
RELATIONS = {"LEFT_OF": "left_of", "RIGHT_OF": "right_of", "NEXT_TO": "next_to", "beside": "next_to",
             "near": "next_to", "by": "next_to", "IN_FRONT_OF": "in_front_of", "behind": "behind",
             "above": "above", "over": "above", "ON": "on", "on": "on", "onto": "on", "atop": "on",
             "under": "below", "underneath": "below", "below": "below", "beneath": "below",
             "between": "between", "with": "next_to", "holding": "next_to", "wearing": "wears", "wears": "wears", "wear": "wears", "in": "in", "inside": "in", "into": "in", "at": "in", "among": "next_to"}
ABSOLUTE = {"AT_LEFT": "left", "AT_RIGHT": "right", "AT_CENTRE": "centre"}
SETTINGS = {"beach": "beach", "seaside": "beach", "shore": "beach", "coast": "beach", "forest": "forest",
            "woods": "forest", "jungle": "forest", "city": "city", "street": "city", "town": "city",
            "downtown": "city", "mountainsetting": "mountains", "desert": "desert", "snow": "snow",
            "snowy": "snow", "winter": "snow", "underwater": "underwater", "space": "space",
            "galaxy": "space", "room": "room", "bedroom": "room", "kitchen": "room", "indoors": "room",
            "office": "room", "park": "park", "field": "park", "meadow": "park", "garden": "park",
            "countryside": "park", "farm": "park", "grass": "park", "savanna": "park", "savannah": "park",
            "safari": "park", "prairie": "park", "grassland": "park", "outdoors": "park", "outside": "park", "lake": "lake", "pond": "lake",
            "river": "lake", "ice": "snow", "icy": "snow", "arctic": "snow", "antarctic": "snow",
            "glacier": "snow", "tabletop": "tabletop", "studio": "plain", "seasetting": "sea"}
WATER_WORDS = {"lake", "pond", "river", "seasetting", "sea", "ocean", "water"}
# Things that float on or stand by the sea: "a boat in the sea" is a beach scene, not underwater.
SURFACE_KINDS = {"boat", "sailboat", "lighthouse", "duck", "bird", "plane", "kite", "balloon", "person",
                 "woman", "child", "girl", "dog", "castle", "house", "palm", "umbrella", "sun", "moon"}
STYLES = {"sunset": "sunset", "sunrise": "sunset", "dusk": "sunset", "dawn": "sunset",
          "evening": "sunset", "night": "night", "nighttime": "night", "midnight": "night",
          "watercolour": "watercolour", "watercolor": "watercolour", "painted": "watercolour",
          "flat": "flat", "minimal": "flat", "vector": "flat", "cartoon": "flat", "clipart": "flat",
          "rain": "rain", "rainy": "rain", "raining": "rain", "storm": "rain", "stormy": "rain",
          "fog": "fog", "foggy": "fog", "mist": "fog", "misty": "fog", "sketch": "sketch", "pencil": "sketch",
          "vintage": "vintage", "retro": "vintage", "sepia": "vintage"}
DETERMINERS = {"a", "an", "the", "some", "this", "that", "these", "those", "his", "her", "its",
               "their", "my", "our", "your", "another", "of"}
STOP = {"and", "with", "is", "are", "sits", "sitting", "sit", "stands", "standing", "stand",
        "flying", "flies", "swimming", "swims", "lying", "lies", "floating", "parked", "there",
        "picture", "image", "drawing", "photo", "photograph", "scene", "illustration", "draw",
        "generate", "make", "create", "render", "paint", "showing", "show", "shows", "of", "it",
        "while", "which", "who", "playing", "walking", "running", "very", "style", "landscape",
        "view", "background", "foreground", "each", "other", "together", "please", "me", "us",
        "against", "both", "side", "has", "have", "having", "full", "under",
        "cute", "beautiful", "pretty", "lovely", "nice", "happy", "old", "new", "bright", "dark",
        "light", "sky", "ground", "row", "line", "group", "bunch", "pile", "set", "pair", "couple", "family", "crowd", "team",
        "herd", "flock", "pack", "school", "swarm", "collection", "kind", "sort", "lot", "day", "daytime", "sunny", "clear", "blue-sky", "time", "in"}


@dataclass
class Group:
    """A noun phrase: `count` objects of one kind (`kind` None for an unknown noun)."""

    noun: str
    kind: str | None
    count: int = 1
    colour: str | None = None
    size: float = 1.0
    position: str | None = None       # left | right | centre (absolute hint)
    afloat: bool = False              # "on the lake": on the water, not the shore


@dataclass
class Relation:
    subject: int
    relation: str
    objects: list[int]


@dataclass
class SceneSpec:
    groups: list[Group] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    setting: str | None = None
    style: str | None = None
    limited: list[str] = field(default_factory=list)   # what was asked for but not drawn, in words


def tokenize(prompt: str) -> list[str]:
    text = " " + re.sub(r"[^a-z0-9\- ]+", " ", prompt.lower().replace("'", "")) + " "
    for phrase in MULTIWORD:
        text = text.replace(f" {phrase} ", f" {phrase.replace(' ', '_')} ")
        text = text.replace(f" {phrase}s ", f" {phrase.replace(' ', '_')}s ")
    for phrase, repl in PHRASES:
        text = re.sub(rf"\b{phrase}\b", repl, text)
    return text.split()


@dataclass
class _State:
    count: int | None = None
    colour: str | None = None
    size: float = 1.0
    open: bool = False                  # inside a noun phrase (after a, the, a count ...)
    asked: int | None = None            # the number written, before the limit

    def reset(self) -> None:
        self.count, self.colour, self.size, self.open, self.asked = None, None, 1.0, False, None


def _is_known(word: str) -> bool:
    return (word in COUNTS or word.isdigit() or word in SIZES or colour_name(word) is not None
            or word in RELATIONS or word in ABSOLUTE or word in SETTINGS or word in STYLES
            or word in DETERMINERS or word in STOP or lookup(word) is not None)


@dataclass
class _Links:
    """Where the parse stands between noun phrases."""

    pending: tuple[list[int], str] | None = None   # (subject groups, relation) waiting for an object
    between: list[int] = field(default_factory=list)
    chain: int = 0                                   # first group of the current "A and B" chain
    container: int | None = None                     # group before "of" ("a cup of ...")
    last_noun: int = -2

    def link(self, spec: SceneSpec, target: int | None = None) -> None:
        """The newest group (or `target`) as the object of the pending relation, if any."""
        linked = self.pending is not None
        self.pending, self.between = _link(spec, self.pending, self.between, target)
        if linked and self.pending is None:
            self.chain = len(spec.groups)


def parse_prompt(prompt: str) -> SceneSpec:
    """Noun groups, relations, setting and style named in a prompt."""
    words = tokenize(prompt)
    spec = SceneSpec()
    st, lk = _State(), _Links()
    for i, w in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if w.isdigit():
            st.count, st.open, st.asked = min(int(w), MAX_COUNT), True, int(w)
        elif w in COUNTS and not (w == "both" and lookup(nxt) is None):
            st.count, st.open = COUNTS[w], True
        elif colour_name(w) is not None and not (lookup(w) is not None and st.open and _ends_phrase(nxt)):
            tone = words[i - 1] if i and words[i - 1] in ("light", "dark", "pale", "deep") else ""
            st.colour, st.open = f"{tone} {colour_name(w)}".strip(), True
        elif w in SIZES:
            st.size, st.open = SIZES[w], True
        elif w in STYLES:
            spec.style = spec.style or STYLES[w]
        elif w in SETTINGS and lookup(w) is None:
            _setting(spec, w, nxt, st, lk)
        elif w in ABSOLUTE and spec.groups:
            spec.groups[-1].position = ABSOLUTE[w]
        elif w in RELATIONS and not (w == "in" and nxt in SETTINGS):
            if spec.groups and lk.pending is None and lk.chain < len(spec.groups):
                lk.pending, lk.between = (list(range(lk.chain, len(spec.groups))), RELATIONS[w]), []
            elif spec.groups and lk.pending is None and lk.last_noun == i - 1:   # "a cat on a box on a table"
                lk.pending, lk.between = ([len(spec.groups) - 1], RELATIONS[w]), []
            st.open = True
        elif w in ("it", "them") and lk.pending is not None:
            target = max((g for g in range(len(spec.groups)) if g not in lk.pending[0]), default=None)
            if target is not None:
                spec.relations.extend(Relation(s, lk.pending[1], [target]) for s in lk.pending[0])
            lk.pending, lk.chain = None, len(spec.groups)
        elif w == "of" and spec.groups and lk.last_noun == i - 1:
            lk.container, st.open = len(spec.groups) - 1, True    # "a cup of coffee", "a vase of flowers"
        elif w == "family" and nxt != "of" and lookup(words[i - 1] if i else "") is None:
            for kind in ("person", "woman", "child"):   # "a family": two parents and a child
                spec.groups.append(Group(kind, kind, 1, None, st.size))
            lk.last_noun = i
            lk.link(spec, len(spec.groups) - 3)
            st.reset()
        elif w in DETERMINERS:
            st.open = True
        elif lookup(w) is not None or (st.open and not _is_known(w) and not _adjective(words, i)):
            if not _noun(spec, words, i, st, lk):
                break
    if spec.setting == "sea":
        on_top = any(g.kind in SURFACE_KINDS for g in spec.groups)
        spec.setting = "beach" if on_top else "underwater"
    return spec


def _setting(spec: SceneSpec, w: str, nxt: str, st: _State, lk: _Links) -> None:
    snowy = spec.setting == "mountains" and SETTINGS[w] == "snow"   # snowy mountains: the snow scene has them
    spec.setting = SETTINGS[w] if snowy else spec.setting or SETTINGS[w]
    if lk.pending is not None and lk.pending[1] in ("on", "in") and w in WATER_WORDS:
        for g in lk.pending[0]:
            spec.groups[g].afloat = True
    if lookup(nxt) is None:   # "a kitchen table", "a city bus": the setting word is an adjective
        st.reset()
        lk.pending = None


def _noun(spec: SceneSpec, words: list[str], i: int, st: _State, lk: _Links) -> bool:
    """A noun ends a phrase: a new group (or one named again); False when the picture is full."""
    w = words[i]
    nxt = words[i + 1] if i + 1 < len(words) else ""
    if (w in PARTS and nxt == "of") or (lookup(w) is not None and lookup(nxt) is not None and singular(w) == w):
        return True   # "the roof of a house" is the house; "a gift box" is a box
    if singular(w) in DECOR and lk.pending is not None and lk.pending[1] == "next_to":
        lk.pending = None   # "a cake with candles": part of the drawing; the cake keeps its relations
        st.reset()
        return True
    if sum(g.count for g in spec.groups) >= MAX_OBJECTS:
        spec.limited.append(f"'{w}' and what follows left out: at most {MAX_OBJECTS} objects in one picture")
        return False
    kind = lookup(w)
    noun = w if kind is None else kind
    if lk.container is not None and kind is None:   # the contents of a container: not an object
        lk.container = None
        st.reset()
        return True
    again = _mentioned(spec, words, i, kind, noun, st, lk.pending)
    if again is not None:   # "... and a chicken to the right of the barn": the same barn
        lk.pending, lk.between = _link(spec, lk.pending, lk.between, again)
        lk.chain = len(spec.groups)
        st.reset()
        return True
    spec.groups.append(Group(singular(noun) if kind is None else noun, kind,
                             st.count or _plural_count(w, noun, kind), st.colour, st.size))
    lk.last_noun = i
    if st.asked and st.asked > MAX_COUNT:
        spec.limited.append(f"{st.asked} {spec.groups[-1].noun} asked, {MAX_COUNT} drawn (the offline limit)")
    if lk.container is not None:
        spec.relations.append(Relation(len(spec.groups) - 1, "in", [lk.container]))
        lk.container = None
    else:
        lk.link(spec)
    st.reset()
    return True


def _plural_count(word: str, noun: str, kind: str | None) -> int:
    """How many a bare plural means: "apples" -> 3, an unknown "gizmos" -> 2, singular -> 1."""
    if kind is not None:
        if word in ("people", "men", "women", "children", "mice", "geese", "cacti", "puppies", "kids"):
            return 3
        return 3 if word != noun and word.endswith("s") and word not in ("bus", "glass") else 1
    return 2 if word.endswith("s") and singular(word) != word else 1


def _ends_phrase(nxt: str) -> bool:
    """True when the next word cannot continue a noun phrase ("an orange and ...")."""
    return not nxt or (lookup(nxt) is None and colour_name(nxt) is None and nxt not in SIZES
                       and not (nxt.isalpha() and not _is_known(nxt)))


def _adjective(words: list[str], i: int) -> bool:
    """An unknown word followed by more of the noun phrase is an adjective ("a fluffy cat")."""
    for w in words[i + 1: i + 3]:
        if lookup(w) is not None or colour_name(w) is not None or w in SIZES or w in SETTINGS:
            return True
        if _is_known(w):
            return False
    return False


def _mentioned(spec: SceneSpec, words: list[str], i: int, kind: str | None, noun: str, st: _State,
               pending: tuple[list[int], str] | None) -> int | None:
    """The group a definite re-mention ("the barn") names as the object of a relation, if any."""
    if pending is None or i == 0 or words[i - 1] not in ("the", "that", "this") or st.count or st.colour:
        return None
    name = noun if kind is not None else singular(noun)
    for gi in range(len(spec.groups) - 1, -1, -1):
        g = spec.groups[gi]
        if gi not in pending[0] and (g.kind or g.noun) == (kind or name):
            return gi
    return None


def _link(spec: SceneSpec, pending: tuple[list[int], str] | None,
          between: list[int], target: int | None = None) -> tuple[tuple[list[int], str] | None, list[int]]:
    """Attach the newest group (or `target`, a group named again) as the object of a pending relation."""
    new = len(spec.groups) - 1 if target is None else target
    if pending is None:
        return None, []
    subjects, rel = pending
    if rel == "between":
        between = between + [new]
        if len(between) == 1 and spec.groups[new].count >= 2 and new == len(spec.groups) - 1:   # "between two trees": split the pair
            g = spec.groups[new]
            spec.groups.append(Group(g.noun, g.kind, g.count // 2, g.colour, g.size))
            g.count -= g.count // 2
            between = [new, new + 1]
        if len(between) == 2:
            spec.relations.extend(Relation(s, "between", between) for s in subjects)
            return None, []
        return pending, between
    if rel == "wears":   # one hat each: "two cats wearing hats"
        spec.groups[new].count = sum(spec.groups[s].count for s in subjects)
    spec.relations.extend(Relation(s, rel, [new]) for s in subjects)
    return None, []
