"""Words -> actions: "walk forward, then turn left, then wave with the left hand".

A prompt is split into clauses in time order ("then", "after that", commas); "while"/"as"
attach an upper-body action to the clause before it ("walk while waving"). Each clause names
one action by verb or noun ("a dancer") with modifiers: counts ("twice", "3 times"), durations
("for 4 seconds"), distances ("5 metres"), directions ("left", "around", "in a circle"), pace
("slowly", "fast") and hands ("with the left hand", "both hands").
"""

from __future__ import annotations

import re

from ....errors import InputError
from .actions import Action

VERBS: dict[str, str] = {}
for _name, _words in {
    "walk": "walk walks walking walked stroll strolls strolling march marches marching step steps stepping "
            "walker pace paces pacing wander wanders wandering",
    "run": "run runs running ran jog jogs jogging sprint sprints sprinting runner jogger sprinter",
    "jump": "jump jumps jumping jumped hop hops hopping leap leaps leaping jumper",
    "wave": "wave waves waving waved greet greets greeting",
    "sit": "sit sits sitting sat seated",
    "stand_up": "stand-up getup get-up rise rises rising",
    "dance": "dance dances dancing danced dancer dancers boogie groove grooving",
    "turn": "turn turns turning turned spin spins rotate rotates pivot",
    "idle": "stand stands standing idle idles wait waits waiting pause pauses stay stays still breathe",
}.items():
    for _w in _words.split():
        VERBS[_w] = _name
CAN_DO = ("walk, run, jog, jump, hop, wave, sit down, stand up, dance, turn left/right/around, stand still, "
          "and sequences of them ('walk, then turn left, then wave')")
NOT_YET = {"cartwheel": "a cartwheel", "cartwheels": "a cartwheel", "crawl": "crawling", "crawls": "crawling",
           "swim": "swimming", "swims": "swimming", "climb": "climbing", "climbs": "climbing",
           "kick": "kicking", "kicks": "kicking", "punch": "punching", "punches": "punching",
           "throw": "throwing", "throws": "throwing", "fly": "flying", "flies": "flying",
           "somersault": "a somersault", "backflip": "a backflip", "flip": "a flip", "cartwheeling": "a cartwheel"}
NUMBERS = {"one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "once": 1, "twice": 2, "thrice": 3}
SPLIT = re.compile(r"\s*(?:,|;|\.|\bthen\b|\bafter that\b|\bafterwards\b|\bfollowed by\b|\band finally\b|"
                   r"\bfinally\b|\bnext\b|\bbefore\b)\s*", re.IGNORECASE)
LAYER = re.compile(r"\b(?:while|as|whilst)\b", re.IGNORECASE)
WORD = re.compile(r"[a-z]+(?:-[a-z]+)?|\d+(?:\.\d+)?")


def parse(prompt: str) -> list[Action]:
    """The actions a prompt asks for, in time order; one clear line for what it cannot do."""
    text = " ".join(str(prompt).lower().replace("sit down", "sit").replace("stand up", "stand-up")
                    .replace("get up", "get-up").replace("turn around", "turn around").split())
    actions: list[Action] = []
    for clause in filter(None, (c.strip() for c in SPLIT.split(text))):
        parts = LAYER.split(clause, maxsplit=1)
        for k, part in enumerate(parts):
            action = clause_action(part, layer=k > 0 and bool(actions or k))
            if action is None:
                continue
            if action.layer and action.name != "wave":
                action = Action(**{**action.__dict__, "layer": False})
            actions.append(action)
    if not actions:
        words = [w for w in WORD.findall(text) if w in NOT_YET]
        if words:
            raise InputError(f"the offline motion library cannot do {NOT_YET[words[0]]} yet; it can {CAN_DO}")
        raise InputError(f"no movement found in {prompt!r}; motion.generate can {CAN_DO}")
    return _split_and_walks(actions)


def clause_action(clause: str, layer: bool = False) -> Action | None:
    words = WORD.findall(clause)
    name = next((VERBS[w] for w in words if w in VERBS), None)
    if name is None:
        bad = next((w for w in words if w in NOT_YET), None)
        if bad:
            raise InputError(f"the offline motion library cannot do {NOT_YET[bad]} yet; it can {CAN_DO}")
        return None
    if name == "idle" and "stand-up" in words:
        name = "stand_up"
    kw: dict = {"name": name, "layer": layer}
    count = _count(clause)
    if count:
        kw["count"] = count
    seconds = _quantity(clause, r"(?:seconds?|secs?|s)\b")
    if seconds is not None:
        kw["seconds"] = seconds
    metres = _quantity(clause, r"(?:metres?|meters?|m)\b")
    if metres is not None and name in ("walk", "run"):
        kw["distance"] = metres
    if any(w in words for w in ("slowly", "slow", "gently", "leisurely", "lazily")):
        kw["speed"] = 0.7
    if any(w in words for w in ("fast", "quickly", "quick", "briskly", "rapidly", "energetically")):
        kw["speed"] = 1.3
    if re.search(r"\bin (?:a )?circles?\b|\bround and round\b|\baround in\b", clause):
        kw["circle"] = True
    turn = 0.0
    if "around" in words and not kw.get("circle") or "back" in words and name == "turn":
        turn = 180.0
    elif "left" in words and name != "wave":
        turn = 90.0
    elif "right" in words and name != "wave":
        turn = -90.0
    if turn:
        kw["turn"] = turn
    if name == "wave":
        kw["hand"] = ("Both" if re.search(r"\bboth\b|\bhands\b|\barms\b", clause) else
                      "Left" if "left" in words else "Right")
    if name == "jump":
        if any(w in words for w in ("high", "higher", "big")):
            kw["height"] = 0.5
        elif any(w in words for w in ("small", "little", "low", "tiny")):
            kw["height"] = 0.15
        if any(w in words for w in ("forward", "forwards", "ahead", "across", "over")):
            kw["forward"] = 0.6
        kw["turn"] = 0.0
    if name == "sit" and kw.get("turn"):
        kw.pop("turn")
    return Action(**kw)


def _split_and_walks(actions: list[Action]) -> list[Action]:
    """'walk to the left' turns first, then walks; standing actions after sitting stand up first."""
    out: list[Action] = []
    seated = False
    for a in actions:
        if a.name in ("walk", "run", "jump", "dance", "turn") and seated:
            out.append(Action("stand_up"))
            seated = False
        if a.name in ("walk", "run") and a.turn and not a.circle:
            out.append(Action("turn", turn=a.turn))
            a = Action(**{**a.__dict__, "turn": 0.0})
        if a.name == "turn" and not a.turn:
            a = Action(**{**a.__dict__, "turn": 90.0})
        seated = (seated or a.name == "sit") and a.name != "stand_up"
        out.append(a)
    return out


def _count(clause: str) -> int | None:
    m = re.search(r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+times\b", clause)
    if m:
        return int(m.group(1)) if m.group(1).isdigit() else NUMBERS[m.group(1)]
    m = re.search(r"\b(once|twice|thrice)\b", clause)
    return NUMBERS[m.group(1)] if m else None


def _quantity(clause: str, unit: str) -> float | None:
    m = re.search(r"(\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|a)\s*" + unit, clause)
    if not m:
        return None
    v = m.group(1)
    return float(v) if v[0].isdigit() else float(NUMBERS[v])
