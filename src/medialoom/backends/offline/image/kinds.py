"""The object kinds the offline engine can draw: drawing function, design box, size, where it
goes in a scene (ground, small, sky, water, backdrop) and default colour; plus the words
(synonyms, plurals) that name each kind."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from . import draw_built as B
from . import draw_creatures as C
from . import draw_living as L
from . import draw_more as M
from . import draw_nature as N
from . import draw_objects as O
from . import draw_things as T
from . import draw_wild as W
from .pen import Pen


@dataclass(frozen=True)
class Kind:
    name: str
    draw: Callable[[Pen], str]
    design: tuple[float, float]   # width, height of the drawing's own box
    height: float                 # medium size as a fraction of the canvas height
    place: str                    # ground | small | sky | water | backdrop
    colour: str                   # default fill (hex)


def _k(name: str, draw: Callable[[Pen], str], w: float, h: float, height: float, place: str,
       colour: str) -> Kind:
    return Kind(name, draw, (w, h), height, place, colour)


KINDS: dict[str, Kind] = {k.name: k for k in (
    _k("person", L.person, 60, 140, .40, "ground", "#1e88e5"), _k("woman", L.woman, 60, 140, .38, "ground", "#8e24aa"),
    _k("child", L.person, 60, 140, .27, "ground", "#fb8c00"), _k("girl", L.woman, 60, 140, .27, "ground", "#ec407a"), _k("cat", L.cat, 120, 100, .18, "ground", "#f39c3d"),
    _k("dog", L.dog, 140, 110, .20, "ground", "#b07a4f"), _k("bird", L.bird, 80, 60, .09, "sky", "#1e88e5"),
    _k("fish", L.fish, 100, 60, .11, "water", "#fb8c00"), _k("horse", L.horse, 150, 120, .32, "ground", "#9a6a45"),
    _k("cow", L.cow, 150, 110, .28, "ground", "#f7f7f2"), _k("sheep", L.sheep, 130, 100, .20, "ground", "#f7f7f2"),
    _k("duck", L.duck, 100, 80, .11, "ground", "#fdd835"), _k("snowman", L.snowman, 90, 140, .34, "ground", "#f7f7f2"),
    _k("tree", N.tree, 100, 150, .50, "ground", "#43a047"), _k("pine", N.pine, 80, 150, .50, "ground", "#2e7d32"),
    _k("palm", N.palm, 120, 160, .50, "ground", "#43a047"), _k("flower", N.flower, 50, 100, .16, "small", "#ec407a"),
    _k("bush", N.bush, 120, 70, .15, "ground", "#43a047"), _k("sun", N.sun, 100, 100, .20, "sky", "#fdd835"),
    _k("moon", N.moon, 100, 100, .17, "sky", "#f3e6a1"), _k("star", N.star, 100, 100, .09, "sky", "#fdd835"),
    _k("cloud", N.cloud, 160, 90, .13, "sky", "#f7f7f2"), _k("rainbow", N.rainbow, 200, 100, .34, "backdrop", "#e53935"),
    _k("mountain", N.mountain, 200, 120, .40, "backdrop", "#7d8fa3"), _k("hill", N.hill, 200, 80, .20, "backdrop", "#66bb6a"),
    _k("rock", N.rock, 100, 60, .09, "small", "#9aa0a6"), _k("sea", N.sea, 200, 60, .22, "backdrop", "#1e88e5"),
    _k("mushroom", N.mushroom, 80, 80, .11, "small", "#e53935"), _k("cactus", N.cactus, 80, 130, .28, "ground", "#43a047"),
    _k("house", T.house, 120, 120, .40, "ground", "#f2c26b"), _k("castle", T.castle, 160, 150, .48, "ground", "#a7adb4"),
    _k("lighthouse", T.lighthouse, 60, 160, .52, "ground", "#e53935"), _k("car", T.car, 200, 90, .17, "ground", "#e53935"),
    _k("bus", T.bus, 240, 120, .24, "ground", "#fdd835"), _k("bicycle", T.bicycle, 160, 100, .18, "ground", "#1e88e5"),
    _k("boat", T.boat, 160, 80, .15, "water", "#e53935"), _k("sailboat", T.sailboat, 140, 150, .28, "water", "#1e88e5"),
    _k("plane", T.plane, 200, 80, .11, "sky", "#f7f7f2"), _k("rocket", T.rocket, 70, 160, .34, "sky", "#e53935"),
    _k("balloon", T.balloon, 70, 130, .20, "sky", "#e53935"), _k("tent", T.tent, 160, 110, .28, "ground", "#fb8c00"),
    _k("road", T.road, 300, 60, .10, "backdrop", "#5f6870"), _k("umbrella", T.umbrella, 140, 130, .28, "ground", "#e53935"),
    _k("kite", T.kite, 90, 140, .20, "sky", "#e53935"), _k("apple", O.apple, 80, 86, .10, "small", "#e53935"),
    _k("banana", O.banana, 120, 70, .08, "small", "#fdd835"), _k("cup", O.cup, 90, 80, .10, "small", "#f7f7f2"),
    _k("cake", O.cake, 120, 100, .14, "small", "#ec407a"), _k("book", O.book, 100, 80, .09, "small", "#1e88e5"),
    _k("chair", O.chair, 80, 120, .25, "ground", "#8d5a3b"), _k("table", O.table, 240, 110, .28, "ground", "#8d5a3b"),
    _k("lamp", O.lamp, 70, 140, .30, "ground", "#fdd835"), _k("clock", O.clock, 100, 100, .13, "small", "#e53935"),
    _k("ball", O.ball, 80, 80, .11, "small", "#e53935"), _k("box", O.box, 100, 90, .13, "small", "#c8a06a"),
    _k("bottle", O.bottle, 40, 110, .15, "small", "#43a047"), _k("hat", O.hat, 100, 60, .08, "small", "#2b2f33"),
    _k("vase", O.vase, 60, 100, .15, "small", "#1e88e5"), _k("pizza", O.pizza, 100, 100, .12, "small", "#fdd835"),
    _k("guitar", O.guitar, 60, 150, .30, "ground", "#c8772e"), _k("sofa", O.sofa, 200, 100, .24, "ground", "#1e88e5"),
    _k("bed", O.bed, 200, 100, .24, "ground", "#8d5a3b"), _k("window", O.window, 100, 100, .22, "small", "#f7f7f2"),
    _k("truck", M.truck, 230, 110, .22, "ground", "#1e88e5"), _k("train", M.train, 260, 110, .22, "ground", "#e53935"),
    _k("motorcycle", M.motorcycle, 170, 100, .18, "ground", "#e53935"), _k("bench", M.bench, 200, 90, .16, "ground", "#8d5a3b"),
    _k("elephant", M.elephant, 170, 130, .34, "ground", "#9aa0a6"), _k("bear", M.bear, 140, 120, .26, "ground", "#8d5a3b"),
    _k("giraffe", M.giraffe, 120, 200, .52, "ground", "#f2b705"), _k("zebra", M.zebra, 150, 120, .32, "ground", "#f7f7f2"),
    _k("pig", M.pig, 130, 100, .18, "ground", "#f48fb1"), _k("rabbit", M.rabbit, 100, 110, .14, "ground", "#f7f7f2"),
    _k("teddy_bear", M.teddy, 100, 120, .16, "small", "#b07a4f"), _k("laptop", M.laptop, 160, 110, .13, "small", "#9aa0a6"),
    _k("tv", M.tv, 170, 130, .22, "ground", "#2b2f33"), _k("bowl", M.bowl, 120, 60, .07, "small", "#1e88e5"),
    _k("donut", M.donut, 100, 100, .09, "small", "#ff69b4"), _k("carrot", M.carrot, 50, 130, .13, "small", "#fb8c00"),
    _k("orange", M.fruit_orange, 80, 84, .09, "small", "#fb8c00"), _k("backpack", M.backpack, 90, 110, .14, "small", "#e53935"),
    _k("suitcase", M.suitcase, 110, 110, .16, "small", "#1e88e5"), _k("traffic_light", M.traffic_light, 50, 160, .4, "ground", "#2b2f33"),
    _k("stop_sign", M.stop_sign, 80, 150, .36, "ground", "#e53935"), _k("hydrant", M.hydrant, 70, 100, .16, "ground", "#e53935"),
    _k("skateboard", M.skateboard, 160, 40, .05, "small", "#fb8c00"), _k("potted_plant", M.potted_plant, 90, 120, .2, "small", "#c8773e"),
    _k("frog", M.frog, 110, 80, .1, "small", "#43a047"), _k("turtle", M.turtle, 140, 80, .1, "small", "#43a047"),
    _k("butterfly", M.butterfly, 120, 100, .08, "sky", "#fb8c00"), _k("chicken", M.chicken, 100, 110, .14, "ground", "#f7f7f2"),
    _k("fox", W.fox, 140, 100, .16, "ground", "#e8722c"), _k("deer", W.deer, 130, 150, .36, "ground", "#a86b3c"),
    _k("penguin", W.penguin, 80, 120, .2, "ground", "#2b2f33"), _k("owl", W.owl, 90, 110, .14, "small", "#8d5a3b"),
    _k("swan", C.swan, 120, 100, .14, "water", "#f7f7f2"), _k("camel", C.camel, 150, 130, .34, "ground", "#d4a056"),
    _k("lion", C.lion, 150, 120, .28, "ground", "#f2a93b"), _k("bee", C.bee, 100, 80, .07, "sky", "#fdd835"),
    _k("snail", C.snail, 120, 80, .08, "small", "#c8772e"), _k("whale", C.whale, 200, 110, .26, "water", "#3f6fa8"),
    _k("dolphin", C.dolphin, 160, 90, .16, "water", "#7fa7c9"), _k("octopus", C.octopus, 120, 120, .18, "water", "#8e24aa"),
    _k("crab", C.crab, 140, 90, .09, "small", "#e53935"), _k("dinosaur", C.dinosaur, 180, 130, .36, "ground", "#43a047"),
    _k("unicorn", C.unicorn, 150, 130, .32, "ground", "#f7f7f2"), _k("dragon", C.dragon, 180, 140, .36, "ground", "#43a047"),
    _k("pumpkin", B.pumpkin, 110, 90, .12, "small", "#fb8c00"),
    _k("robot", B.robot, 100, 150, .30, "ground", "#9aa0a6"), _k("helicopter", B.helicopter, 200, 100, .14, "sky", "#e53935"),
    _k("candle", B.candle, 50, 130, .14, "small", "#f7f7f2"), _k("ice_cream", B.ice_cream, 80, 140, .14, "small", "#f48fb1"),
    _k("igloo", B.igloo, 160, 100, .26, "ground", "#e3f2fd"), _k("windmill", B.windmill, 130, 180, .50, "ground", "#f2c26b"),
    _k("tower", B.tower, 80, 180, .52, "ground", "#a7adb4"), _k("tractor", B.tractor, 190, 130, .24, "ground", "#43a047"),
    _k("submarine", B.submarine, 200, 100, .18, "water", "#fdd835"), _k("piano", B.piano, 160, 140, .26, "ground", "#2b2f33"),
    _k("astronaut", B.astronaut, 100, 150, .36, "ground", "#f7f7f2"), _k("bridge", B.bridge, 260, 110, .30, "ground", "#a7adb4"),
)}

# Where a worn hat goes: the top centre of the head, as fractions of the design box.
HEADS: dict[str, tuple[float, float, float]] = {   # x, y of the crown, head width
    "person": (0.5, 0.07, 0.5), "woman": (0.5, 0.07, 0.5), "child": (0.5, 0.07, 0.5), "girl": (0.5, 0.07, 0.5), "cat": (0.31, 0.16, 0.36), "dog": (0.24, 0.14, 0.32), "snowman": (0.5, 0.06, 0.55),
    "bear": (0.29, 0.2, 0.36), "teddy_bear": (0.5, 0.1, 0.5), "rabbit": (0.4, 0.34, 0.38), "pig": (0.23, 0.2, 0.36),
    "horse": (0.23, 0.03, 0.14), "duck": (0.26, 0.12, 0.3), "frog": (0.5, 0.12, 0.5), "elephant": (0.27, 0.16, 0.3),
    "chicken": (0.3, 0.12, 0.3), "fox": (0.22, 0.12, 0.3), "penguin": (0.5, 0.14, 0.4), "owl": (0.5, 0.1, 0.5), "sheep": (0.17, 0.27, 0.22), "cow": (0.15, 0.18, 0.24), "giraffe": (0.18, 0.06, 0.26),
    "lion": (0.25, 0.2, 0.26), "robot": (0.5, 0.1, 0.5), "astronaut": (0.5, 0.03, 0.5), "camel": (0.16, 0.22, 0.2),
}

UNKNOWN = Kind("unknown", lambda p: "", (120, 100), .18, "ground", "#e9e4f5")

SYNONYMS: dict[str, str] = {
    "people": "person", "man": "person", "boy": "child", "kid": "child", "human": "person",
    "lady": "woman", "guy": "person", "men": "person", "women": "woman", "children": "child",
    "kids": "child", "friend": "person", "mother": "woman", "mom": "woman", "father": "person",
    "dad": "person", "baby": "child", "grandmother": "woman", "grandfather": "person",
    "daughter": "girl", "son": "child", "wife": "woman", "husband": "person", "princess": "girl",
    "kitten": "cat", "kitty": "cat", "puppy": "dog", "puppies": "dog", "doggy": "dog",
    "parrot": "bird", "seagull": "bird", "pigeon": "bird", "goldfish": "fish", "pony": "horse",
    "lamb": "sheep", "duckling": "duck", "oak": "tree", "fir": "pine", "pine_tree": "pine",
    "christmas_tree": "pine", "palm_tree": "palm", "rose": "flower", "tulip": "flower", "daisy": "flower",
    "sunflower": "flower", "shrub": "bush", "bushes": "bush", "stone": "rock", "boulder": "rock",
    "ocean": "sea", "wave": "sea", "waves": "sea", "toadstool": "mushroom", "cacti": "cactus",
    "cottage": "house", "home": "house", "hut": "house", "barn": "house", "cabin": "house",
    "building": "house", "farmhouse": "house", "shed": "house", "palace": "castle", "taxi": "car",
    "automobile": "car", "bike": "bicycle", "ship": "boat", "canoe": "boat", "yacht": "sailboat",
    "airplane": "plane", "aeroplane": "plane", "jet": "plane", "aircraft": "plane", "spaceship": "rocket",
    "hot_air_balloon": "balloon", "mug": "cup", "teacup": "cup", "cupcake": "cake", "desk": "table",
    "stool": "chair", "football": "ball", "basketball": "ball", "soccer_ball": "ball", "beach_ball": "ball",
    "gift": "box", "present": "box", "package": "box", "crate": "box", "couch": "sofa", "cap": "hat",
    "bananas": "banana", "stars": "star", "knives": "knife", "leaves": "leaf", "geese": "goose",
    "mice": "mouse", "teeth": "tooth", "feet": "foot", "lorry": "truck", "van": "truck", "locomotive": "train",
    "motorbike": "motorcycle", "scooter": "motorcycle", "teddy": "teddy_bear", "teddy_bear": "teddy_bear",
    "computer": "laptop", "notebook": "laptop", "television": "tv", "monitor": "tv", "doughnut": "donut",
    "bag": "backpack", "rucksack": "backpack", "luggage": "suitcase", "traffic_light": "traffic_light",
    "stop_sign": "stop_sign", "fire_hydrant": "hydrant", "plant": "potted_plant", "potted_plant": "potted_plant",
    "houseplant": "potted_plant", "toad": "frog", "tortoise": "turtle", "hen": "chicken", "rooster": "chicken",
    "reindeer": "deer", "stag": "deer", "doe": "deer", "fawn": "deer", "vixen": "fox", "owlet": "owl",
    "bunny": "rabbit", "hare": "rabbit", "piglet": "pig", "calf": "cow", "foal": "horse",
    "cygnet": "swan", "dromedary": "camel", "lioness": "lion", "cub": "lion", "bumblebee": "bee", "honeybee": "bee",
    "slug": "snail", "porpoise": "dolphin", "octopi": "octopus", "lobster": "crab", "dino": "dinosaur",
    "t_rex": "dinosaur", "t-rex": "dinosaur", "trex": "dinosaur", "stegosaurus": "dinosaur", "brontosaurus": "dinosaur", "wyvern": "dragon",
    "pegasus": "unicorn", "jack_o_lantern": "pumpkin", "gourd": "pumpkin", "android": "robot", "droid": "robot",
    "chopper": "helicopter", "taper": "candle", "ice_cream": "ice_cream", "ice_cream_cone": "ice_cream",
    "gelato": "ice_cream", "icecream": "ice_cream", "spaceman": "astronaut", "cosmonaut": "astronaut",
    "turret": "tower", "skyscraper": "tower", "minaret": "tower", "viaduct": "bridge", "sub": "submarine",
    "u_boat": "submarine", "keyboard": "piano", "grand_piano": "piano",
}
MULTIWORD: tuple[str, ...] = ("pine tree", "christmas tree", "palm tree", "hot air balloon",
                              "soccer ball", "beach ball", "teddy bear", "traffic light", "stop sign",
                              "fire hydrant", "potted plant", "ice cream cone", "ice cream",
                              "grand piano", "jack o lantern", "t rex", "u boat")


def lookup(word: str) -> str | None:
    """The kind named by a word (singular, plural or synonym), or None."""
    if word in KINDS:
        return word
    if word in SYNONYMS:
        return lookup(SYNONYMS[word]) or None
    for suffix, repl in (("ies", "y"), ("ves", "f"), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            base = word[: -len(suffix)] + repl
            if base in KINDS or base in SYNONYMS:
                return lookup(base)
    return None


def singular(word: str) -> str:
    """A best-effort singular of an unknown noun ("gizmos" -> "gizmo")."""
    if word in SYNONYMS and SYNONYMS[word] not in KINDS:
        return SYNONYMS[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word
