"""Offline text tools (no model): prompt refinement by template expansion with the vocabulary
the offline generators understand, writing by templates, and a storyboard that splits a story
into N scenes, each with a visual prompt, a narration line, a duration and a music mood.

`storyboard_data` is pure and deterministic: the planner calls it too, to know the scenes'
durations while planning.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import asdict, dataclass

from ...context import Output, ToolContext
from ...errors import InputError

MAX_SCENES_WITH_OUTPUTS = 8  # text.storyboard declares scene1..scene8 prompt/narration outputs
DEFAULT_SCENE_SECONDS = 4.0
WORDS_PER_SECOND = 2.8  # espeak-ng's default pace
MOODS = (
    (r"\b(gentle|calm|soft|peaceful|quiet|tender|soothing|relax)", "gentle calm piano, slow tempo"),
    (r"\b(happy|upbeat|cheerful|joyful|fun|playful|bright)", "upbeat cheerful ukulele, bright major key"),
    (r"\b(sad|melanchol|lonely|tragic|loss|grief)", "melancholic strings, slow, minor key"),
    (r"\b(epic|adventure|heroic|battle|quest|dragon|brave)", "epic orchestral adventure, strings and drums"),
    (r"\b(spooky|scary|haunted|ghost|dark|mysterious|mystery)", "dark mysterious ambient, low drones"),
    (r"\b(space|robot|future|neon|cyber|sci-?fi)", "dreamy synthwave pads"),
)
ARC = ("opening", "journey", "challenge", "turning point", "discovery", "climax", "return", "ending")
SEASIDE = {"sea", "ocean", "whale", "fish", "boat", "ship", "lighthouse", "island", "sailor", "pirate", "dolphin"}
TIMES = ("sunrise", "", "", "", "sunset")  # the offline image generator draws these skies


@dataclass(frozen=True)
class Vocabulary:
    """Words the offline image generator draws (objects, colours, sizes, counts, settings);
    other words would become placeholder boxes, so visual prompts keep only these."""

    known: frozenset[str]
    settings: frozenset[str]

    def keep(self, phrase: str) -> str:
        kept = [w for w in re.findall(r"[a-z]+", phrase.lower()) if w in self.known or _is_object(w)]
        if not kept or not any(_is_object(w) for w in kept):
            return ""
        plural = kept[0] in self.known and re.fullmatch(r"two|three|four|five|six|seven|eight|nine|ten|"
                                                         r"several|few|many|lots|pair|couple|dozen", kept[0])
        return " ".join(kept) if plural else "a " + " ".join(kept)


def _is_object(word: str) -> bool:
    try:
        from .image.kinds import lookup
    except ImportError:  # the image backend is optional: keep every word
        return True
    return lookup(word) is not None


def _generator_words() -> Vocabulary:
    try:
        from .image.parse import COUNTS, SETTINGS, SIZES
    except ImportError:
        return Vocabulary(frozenset(), frozenset(("park", "forest", "beach", "city")))
    from ...lang.colours import COLOURS

    return Vocabulary(frozenset(COUNTS) | frozenset(SIZES) | frozenset(COLOURS), frozenset(SETTINGS))
STYLE_WORDS = {"image": "detailed illustration, clear composition, vivid colours",
               "video": "smooth camera motion, cinematic lighting, vivid colours",
               "music": "well balanced mix, clear melody", "sound": "clean recording, natural ambience",
               "speech": "clear, warm, natural pacing", "mesh": "clean geometry, simple solid colours"}


@dataclass(frozen=True)
class Scene:
    index: int
    visual: str
    narration: str
    duration: float
    mood: str


@dataclass(frozen=True)
class Storyboard:
    title: str
    topic: str
    music: str
    scenes: tuple[Scene, ...]

    @property
    def total(self) -> float:
        return sum(s.duration for s in self.scenes)

    def to_dict(self) -> dict:
        return {"title": self.title, "topic": self.topic, "music": self.music,
                "total_duration": self.total, "scenes": [asdict(s) for s in self.scenes]}


def story_topic(prompt: str) -> str:
    """'Make a short video story in three scenes about a fox who learns to fly, with narration'
    -> 'a fox who learns to fly'."""
    text = re.sub(r"\s+", " ", prompt).strip(" .!?")
    m = re.search(r"\b(?:about|of|featuring|where|in which)\s+(.+)$", text, re.I)
    topic = m.group(1) if m else text
    topic = re.split(r",?\s+\b(?:with|and (?:add|put|gentle|calm|soft|some)|using|set to|plus)\b\s+"
                     r"(?=[\w\s-]*\b(?:narrat|music|voice|sound|song|soundtrack))", topic, flags=re.I)[0]
    topic = re.sub(r"\b(?:in|with|across|over)\s+(?:\w+|\d+)[\s-]+(?:scenes?|shots?|parts?)\b", "", topic, flags=re.I)
    return topic.strip(" ,.;:") or "a small adventure"


def music_mood(prompt: str) -> str:
    low = prompt.lower()
    for pattern, mood in MOODS:
        if re.search(pattern, low):
            return mood
    return "gentle calm piano, slow tempo"


def storyboard_data(prompt: str, scenes: int = 3, seconds: float | None = None) -> Storyboard:
    """A deterministic storyboard: an arc of `scenes` beats over the topic."""
    scenes = max(1, min(24, int(scenes)))
    topic = story_topic(prompt)
    subject, action = _subject_and_action(topic)
    mood = music_mood(prompt)
    per = round((seconds / scenes) if seconds else DEFAULT_SCENE_SECONDS, 2)
    beats = _beats(scenes)
    out = []
    words = _generator_words()
    topic_words = re.findall(r"[a-z]+", topic.lower())
    setting = next((w for w in topic_words if w in words.settings), None) or \
        ("beach" if SEASIDE.intersection(topic_words) else "park")
    who, what = words.keep(subject) or subject, words.keep(action)
    for i, beat in enumerate(beats):
        parts = [who] + ([f"with {what}"] if what and beat != "opening" else []) + [("on the " if setting in ("beach", "lake", "mountains") else "in the ") + setting]
        time = TIMES[min(len(TIMES) - 1, round(i * (len(TIMES) - 1) / max(1, scenes - 1)))]
        visual = " ".join(parts) + (f" at {time}" if time else "")
        line = _narration(beat, subject, action, i, scenes)
        fits = per if seconds else max(per, spoken_seconds(line))  # an asked-for total is kept
        out.append(Scene(i + 1, visual, line, fits, mood))
    return Storyboard(_title(topic), topic, mood, tuple(out))


def spoken_seconds(line: str) -> float:
    """Time a scene needs for its narration line (about 2.8 words a second, a pause either side),
    rounded up to half seconds, so a line never runs into the next scene."""
    need = len(line.split()) / WORDS_PER_SECOND + 0.5
    return math.ceil(need * 2) / 2


def _beats(n: int) -> list[str]:
    if n == 1:
        return ["opening"]
    return [ARC[round(i * (len(ARC) - 1) / (n - 1))] for i in range(n)]


def _subject_and_action(topic: str) -> tuple[str, str]:
    m = re.match(r"^(.+?)\s+(?:who|that|which)\s+(.+)$", topic, re.I) or \
        re.match(r"^(.+?)\s+((?:\w+ing)\b.*)$", topic, re.I)
    if m:
        return m.group(1).strip(), m.group(2).strip()
    return topic, ""


def _gerund(action: str) -> str:
    words = action.split()
    if not words:
        return action
    verb = words[0].lower()
    if verb.endswith("ing"):
        return action
    for suffix, repl in (("ies", "ying"), ("es", "ing"), ("s", "ing")):
        if verb.endswith(suffix) and len(verb) > 3:
            base = verb[: -len(suffix)]
            if suffix == "es" and not base.endswith(("sh", "ch", "x", "ss", "o")):
                base = verb[:-1]
                repl = "ing"
                return " ".join([base.rstrip("e") + repl] + words[1:])
            return " ".join([base + repl] + words[1:])
    return " ".join([verb.rstrip("e") + "ing"] + words[1:])


def _narration(beat: str, subject: str, action: str, i: int, n: int) -> str:
    who = subject[0].upper() + subject[1:] if subject else "Our hero"
    the = re.sub(r"^(?:a|an)\s+", "the ", subject, flags=re.I) or "our hero"
    doing = _gerund(action) if action else "exploring the world"
    lines = {
        "opening": f"{who} had a dream: {doing}." if action else f"This is the story of {subject}.",
        "journey": f"Every day, {the} set out again, a little braver than before.",
        "challenge": f"It was hard, and {the} failed more than once.",
        "turning point": f"Then one morning, something changed for {the}.",
        "discovery": f"Step by step, {the} found the way.",
        "climax": f"At last, {the} was {doing}!",
        "return": "Everyone who saw it would remember that day.",
        "ending": f"At last, {the} was happy." if i == n - 1 and action else
                  f"And that is how the story of {the} ends.",
    }
    return lines.get(beat, f"Scene {i + 1}: {the}.")


def _title(topic: str) -> str:
    words = re.sub(r"^(?:a|an|the)\s+", "", topic, flags=re.I).split()[:6]
    return "The Story of " + " ".join(w.capitalize() for w in words) if words else "A Story"


def refine_text(prompt: str, modality: str | None = None) -> str:
    text = re.sub(r"\s+", " ", prompt).strip(" .")
    if not text:
        raise InputError("text.refine_prompt needs a prompt; give a few words to expand")
    kind = (modality or "image").lower()
    extra = STYLE_WORDS.get(kind, STYLE_WORDS["image"])
    if kind in ("image", "video", "mesh") and not re.search(r"\b(light|lighting|sunset|sunrise|night|dawn)\b", text, re.I):
        extra = "soft natural light, " + extra
    return f"{text}, {extra}"


LENGTH = re.compile(r"\s*\b(?:of\s+)?(?:about|around|roughly|approximately|some|up to|at most|~)?\s*(\d{1,4})[\s-]+"
                    r"words?(?:\s+long)?\b", re.I)


def write_text(prompt: str) -> str:
    """A short text from a template: a poem, a story, a narration or lyrics about the topic;
    'about N words' in the prompt makes it that long (within a word or two)."""
    text = re.sub(r"\s+", " ", prompt).strip(" .")
    m = LENGTH.search(text)
    if m:
        body = _template(LENGTH.sub("", text, count=1).strip(" ."))
        return fit_words(body, max(1, int(m.group(1)))) + "\n"
    return _template(text)


def fit_words(body: str, n: int) -> str:
    """The text cut (at a sentence end when one is near) or extended to about n words."""
    words = body.split()
    if len(words) > n:
        cut = " ".join(words[:n])
        end = cut.rfind(".")
        whole = cut[: end + 1]  # whole sentences when they come close enough
        cut = whole if end >= 0 and len(whole.split()) >= min(n - 3, 0.7 * n) else cut.rstrip(",;:") + "."
        return cut
    extra = ("It moves gently.", "The light changes slowly.", "Everything is calm.", "Watch closely.",
             "Time passes quietly.", "Then it carries on.")
    i = 0
    while len(words) < n:
        words += extra[i % len(extra)].split()
        i += 1
    return fit_words(" ".join(words), n) if len(words) > n else " ".join(words)


def _template(text: str) -> str:
    if not text:
        raise InputError("text.write needs a prompt; say what to write about")
    low = text.lower()
    m = re.search(r"\babout\s+(.+)$", text, re.I)
    topic = (m.group(1) if m else re.sub(r"^(?:write|compose|create|make)\s+(?:an?\s+)?(?:short\s+)?"
                                          r"(?:poem|story|script|narration|lyrics|text|haiku)?\s*", "", text,
                                          flags=re.I)).strip(" .") or text
    if re.search(r"\b(poem|haiku|verse|lyrics|song)\b", low):
        return (f"{topic.capitalize()},\nquiet colours in the light,\n"
                f"every moment slowly turns,\nand {topic} stays in mind.\n")
    if re.search(r"\b(story|tale|fable)\b", low):
        board = storyboard_data(f"about {topic}", 3)
        return " ".join(s.narration for s in board.scenes) + "\n"
    return f"{topic[0].upper() + topic[1:]}. Here is a short piece about {topic}, told simply and clearly.\n"


# -- backends ---------------------------------------------------------------------------------
def refine_prompt(ctx: ToolContext, prompt: str, modality: str | None = None) -> Output:
    path = ctx.out("prompt", ".txt")
    path.write_text(refine_text(prompt, modality) + "\n", encoding="utf-8")
    return Output(path, meta={"modality": modality or "image", "method": "template"})


def write(ctx: ToolContext, prompt: str) -> Output:
    path = ctx.out("text", ".txt")
    path.write_text(write_text(prompt), encoding="utf-8")
    return Output(path, meta={"method": "template"})


def storyboard(ctx: ToolContext, prompt: str, scenes: int | None = None) -> dict[str, Output]:
    if not prompt or not prompt.strip():
        raise InputError("text.storyboard needs a prompt; say what the story is about")
    from ...lang.durations import duration

    board = storyboard_data(prompt, scenes or 3, duration(prompt))  # "a 30 second story": 30 s in all
    return storyboard_outputs(ctx, board, {"method": "template"})


def storyboard_outputs(ctx: ToolContext, board: Storyboard, meta: dict) -> dict[str, Output]:
    """The storyboard JSON plus one text output per scene prompt and narration line."""
    main = ctx.out("storyboard", ".json")
    main.write_text(json.dumps(board.to_dict(), indent=2, ensure_ascii=False), encoding="utf-8")
    outputs = {"main": Output(main, meta={**meta, "scenes": len(board.scenes), "total": board.total})}
    texts = {"music": board.music, "narration": " ".join(s.narration for s in board.scenes)}
    for s in board.scenes[:MAX_SCENES_WITH_OUTPUTS]:
        texts[f"scene{s.index}_prompt"] = s.visual
        texts[f"scene{s.index}_narration"] = s.narration
    for name, text in texts.items():
        path = ctx.out(name, ".txt")
        path.write_text(text, encoding="utf-8")
        outputs[name] = Output(path)
    return outputs
