"""The storytelling plan (multimodal narrative generation).

"Make a short video story in three scenes about X, with narration and gentle music" becomes:

    s1  text.storyboard(prompt, scenes=N)           scene texts as outputs $s1.sceneI_prompt ...
    per scene: image.generate($s1.sceneI_prompt) -> video.animate(duration=d)
    per scene: audio.speech($s1.sceneI_narration)
    audio.music($s1.music, duration=N*d)            (when music is asked for)
    video.concat(scenes) ; audio.mix(music ducked under narrations at scene offsets)
    video.add_audio(replace) -> one MP4

Plans have no loops, so the planner unrolls the N scenes itself. Durations come from the
deterministic offline storyboard (the same function the offline text backend runs).
"""

from __future__ import annotations

import re

from ..plan import Plan, Step
from ..registry import Registry
from . import extract

STORY = re.compile(r"\b(stor(?:y|ies)|tale|fable|narrative)\b", re.I)
VISUAL = re.compile(r"\b(video|film|movie|animation|animated|clip|scenes?|shots?)\b", re.I)
SOUND = re.compile(r"\b(narrat\w*|voice\w*|music|soundtrack|score|song)\b", re.I)
MAX_STORY_SCENES = 8
MOTIONS = ("slow zoom in", "pan right", "slow zoom out", "pan left")
MUSIC_GAIN = 0.6  # the music bed's level; audio.mix also ducks it while the narrator speaks


def is_story(text: str) -> bool:
    """A video story: a story with a video word, or in scenes with narration or music. 'Write a
    fable, then split that story into 4 scenes' asks for text (a storyboard), not a video."""
    if not STORY.search(text) or re.search(r"\bstoryboard", text, re.I):
        return False
    visual = VISUAL.search(text)
    return bool(visual and (not re.fullmatch(r"scenes?|shots?", visual.group(1), re.I) or SOUND.search(text)))


def scene_count(text: str) -> int:
    """Scenes asked for (default 3), at most MAX_STORY_SCENES."""
    n = extract.count(text, "scene") or extract.count(text, "part") or extract.count(text, "shot") or 3
    return max(1, min(MAX_STORY_SCENES, n))


def asked_scenes(text: str) -> int | None:
    return extract.count(text, "scene") or extract.count(text, "part") or extract.count(text, "shot")


def story_plan(text: str, registry: Registry) -> Plan:
    from ..backends.offline.text import storyboard_data

    n = scene_count(text)
    total = extract.duration(text)
    board = storyboard_data(text, n, total)
    wants_music = not re.search(r"\b(no|without) (background )?music\b", text, re.I)
    wants_voice = not re.search(r"\b(no|without) (narration|voice)", text, re.I)
    voice = extract.voice(text)
    steps: list[Step] = []

    def add(tool: str, args: dict) -> str:
        sid = f"s{len(steps) + 1}"
        steps.append(Step(sid, tool, {k: v for k, v in args.items() if v is not None}))
        return f"${sid}"

    board_ref = add("text.storyboard", {"prompt": text, "scenes": n})
    clips, lines, offsets, start = [], [], [], 0.0
    for scene in board.scenes:
        i = scene.index
        still = add("image.generate", {"prompt": f"{board_ref}.scene{i}_prompt", "width": 640, "height": 360})
        clips.append(add("video.animate", {"image": still, "motion": MOTIONS[(i - 1) % len(MOTIONS)],
                                           "duration": extract.plain(scene.duration)}))
    for scene in board.scenes:
        if wants_voice:
            lines.append(add("audio.speech", {"text": f"{board_ref}.scene{scene.index}_narration",
                                              "voice": voice, "language": extract.language(text)}))
            offsets.append(extract.plain(start + 0.2))
        start += scene.duration
    music = add("audio.music", {"prompt": f"{board_ref}.music",
                                "duration": extract.plain(board.total)}) if wants_music else None
    video = add("video.concat", {"videos": clips}) if len(clips) > 1 else clips[0]
    tracks = ([music] if music else []) + lines
    if not tracks:
        return Plan(steps, text)
    if len(tracks) > 1:
        gains = ([MUSIC_GAIN] if music else []) + [1.0] * len(lines)
        audio = add("audio.mix", {"audios": tracks, "gains": gains,
                                  "offsets": ([0] if music else []) + offsets})
    else:
        audio = tracks[0]
    add("video.add_audio", {"video": video, "audio": audio, "mode": "replace"})
    return Plan(steps, text, _notes(text, n))


def _notes(text: str, n: int) -> list[str]:
    asked = asked_scenes(text)
    return [f"a story has at most {MAX_STORY_SCENES} scenes; planned {n} of the {asked} asked for"] \
        if asked and asked > n else []
