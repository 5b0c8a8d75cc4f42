"""Requests for human motion: "make the knight wave, then walk off to the left", "a motion of
someone jumping twice", "mocap of a dancer, as a video".

This pass has one job: tell a motion request from a picture or a video of people moving ("a man
walking on a beach" is a video scene; "make a man walk" is a motion), gather the body actions said
after it ("..., then turn left, then wave") into one prompt, and say how the motion is to be
shown (a video of it on a mannequin, or an animated 3D model).
"""

from __future__ import annotations

import re

from .clauses import Clause

BODY = (r"walk|walks|walking|stroll\w*|march\w*|run|runs|running|jog\w*|sprint\w*|jump\w*|hop|hops|hopping|leap\w*|"
        r"wave|waves|waving|sit|sits|sitting|stand|stands|standing|dance|dances|dancing|turn|turns|turning|"
        r"spin|spins|spinning|cartwheel\w*|kick\w*|crouch\w*|squat\w*|bow|bows|bowing|clap\w*|step\w*")
CHARACTER = (r"person|man|woman|boy|girl|child|kid|character|figure|mannequin|knight|robot|dancer|runner|jogger|"
             r"astronaut|zombie|soldier|actor|someone|somebody|avatar|hero|pirate|ninja|wizard|keeper|athlete")
# the motion medium named, or a character made to move ("make the knight wave")
ASKS_MOTION = re.compile(
    r"\b(?:motion capture|mocap|bvh|skeleton animation|skeletal animation|character animation|animation data|"
    r"body motion|human motion|(?:a|the|some) motions? (?:of|for|where|in which)|(?:walk|run) cycle)\b|"
    r"\b(?:make|have|let|get)\s+(?:the|a|an|my|our|this|that)\s+(?:[\w-]+\s+){0,2}?(?:" + CHARACTER + r")s?\s+"
    r"(?:" + BODY + r")\b|"
    r"\banimate\s+(?:a|an|the|my)\s+(?:[\w-]+\s+){0,2}?(?:" + CHARACTER + r")s?\b(?!\s*\S*\.\w{2,4})", re.I)
# a clause that is only more body actions: "then turn left", "and wave with the left hand"
MORE_ACTIONS = re.compile(r"^\W*(?:(?:and|then|after that|afterwards|finally|next|and then)\s*,?\s+)*(?:" + BODY + r")\b",
                          re.I)
AS_VIDEO = re.compile(r"\b(?:as|into|in|to) (?:a |an )?(?:video|clip|mp4|movie|film)\b|\brender(?:ed)?\b|\bfilm(?:ed)?\b|"
                      r"\bshow (?:it|me)\b|\bon a mannequin\b", re.I)
AS_MODEL = re.compile(r"\b(?:glb|gltf|fbx|rig(?:ged)?|skinned|animated (?:3d )?(?:model|character|mesh)|3d (?:model|character))\b",
                      re.I)
SHOWN = re.compile(r",?\s*\b(?:as|into|in|to) (?:a |an )?(?:video|clip|mp4|movie|film|animated (?:3d )?(?:model|character|"
                   r"mesh)|3d (?:model|character)|glb(?: file)?)\b|,?\s*\b(?:and )?(?:render|film) it\b", re.I)
LEAD = re.compile(r"^\W*(?:(?:please|now|also|can you|could you)\s+)*(?:make|have|let|get|animate|generate|create|"
                  r"give me|produce)\s+", re.I)


def is_motion(clause: Clause) -> bool:
    return bool(ASKS_MOTION.search(clause.text)) and not clause.files  # "slow dance.bvh down" edits a file


def gather(clauses: list[Clause], start: int) -> int:
    """How many clauses after `start` only add body actions to the motion begun there."""
    n = 0
    for clause in clauses[start + 1:]:
        if clause.files or not MORE_ACTIONS.match(clause.text):
            break
        n += 1
    return n


def prompt(texts: list[str]) -> str:
    """'make the knight wave', 'then walk off to the left' -> 'the knight wave, then walk off to the left'."""
    words = [SHOWN.sub("", t).strip(" ,.;") for t in texts]
    first = LEAD.sub("", words[0], count=1)
    return ", then ".join([first] + [w for w in words[1:] if w])


def shown_as(texts: list[str]) -> str | None:
    """'motion.render' (a video), 'motion.to_mesh' (an animated model) or None (the BVH alone)."""
    joined = " ".join(texts)
    if AS_MODEL.search(joined):
        return "motion.to_mesh"
    return "motion.render" if AS_VIDEO.search(joined) else None
