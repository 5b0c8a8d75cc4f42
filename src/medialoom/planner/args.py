"""Filling a chosen tool's arguments from a clause, making missing inputs by bridge steps."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..errors import UsageError
from ..lang import silences
from ..registry import Registry
from ..tools import Param, ToolSpec, parse_time
from . import extract
from .clauses import DURATION_PHRASE, FILLER, MEDIA_NOUN, PRONOUN, Clause, content_words, subject
from .narration import narration_text
from .phrases import (after, audio_prompt, frame_time, gain_for, introduced_object, is_reference, object_phrase,
                      probe_seconds, topic, trim_times)

if TYPE_CHECKING:
    from .draft import Draft, Source

GENERATOR = {"image": "image.generate", "video": "video.generate", "mesh": "mesh.generate",
             "layout": "image.layout", "text": "text.write"}
TO_TEXT = {"image": ("image.caption", "image"), "audio": ("audio.transcribe", "audio")}
SPEECH_WORDS = re.compile(r"narrat|voice|saying|\bsay|speak|speech|read|spoken", re.I)
MUSIC_WORDS = re.compile(r"\b(?:music|songs?|soundtrack|melody|tune|jazz|piano|beats?|orchestra\w*|guitar|synth\w*|"
                         r"jingle|lullaby|rock|pop|hip-hop|classical|bossa nova|blues|reggae|techno|funk|samba|"
                         r"waltz|ballad|harp|violin|cello|strings|drums|music-box|bpm)\b", re.I)
NEW_AUDIO = re.compile(r"\b(?:add|put|lay|layer|overlay|mix|blend|combine|include)\b.*?\b(?:music|song|sounds?|noise|ambience|"
                       r"narration|voice-?over|beat|rain|waves|birds?)\b", re.I)
AUDIO_BRIDGE = re.compile(r"music|song|soundtrack|melod|tune|beat|narrat|voice|speech|saying|\bsay|sound|noise|"
                          r"ambience|rain|wind|waves|birds|thunder|applause|ringing|chirping|barking", re.I)
FOR_IT = re.compile(r"\b(?:for|to go with|to match|under|behind)\s+(?:it|this|that|the (?:video|clip|film|movie|"
                    r"animation))\b")
DELIVERY = re.compile(r"\b(?:out loud|aloud|out|slowly|quickly|softly|clearly|(?:by|as|in|with) (?:an? |the )?"
                      r"(?:[\w'-]+ ){0,2}?(?:voice|man|woman|girl|boy|child|kid|lady|narrator|speaker|robot)|"
                      r"in (?:" + "|".join(extract.LANGUAGES) + r"))\b", re.I)
SPOKEN_TEXT = re.compile(r"\b(?:text|script|sentence|words|quote|message|saying|says|reads?|reading|line)\b")
OF_VIDEO = re.compile(r"\b(?:audio|speech|sound|voice|narration|soundtrack|words|dialogue|talk|lecture|interview)"
                      r"(?:\s+(?:track|channel|part|content))?\s+"
                      r"(?:from|in|of|inside)\s+(?:the|this|that|my|our)\s+(?:[\w-]+\s+){0,2}?(?:video|clip|movie|film|"
                      r"footage)\b")
POSITION = re.compile(r"\b(top left|top right|bottom left|bottom right|top|bottom|centre|center|middle)\b", re.I)
MOTION = re.compile(r"\b((?:slow |fast |gentle )?(?:zoom(?:s|ing)? (?:in|out)|pan(?:s|ning)? (?:left|right|up|down)|"
                    r"tilt (?:up|down)|orbit|dolly (?:in|out)|ken burns|zoom|pan))\b", re.I)


class ArgFiller:
    def __init__(self, registry: Registry, draft: "Draft", clause: Clause, explicit: dict[str, "Source"]):
        self.registry = registry
        self.draft = draft
        self.clause = clause
        self.explicit = explicit
        self.files_used: set[str] = set()

    def build(self, tool: str) -> "Source":
        return self.draft.add(tool, self.args(tool))

    def args(self, tool: str) -> dict[str, Any]:
        spec = self.registry.spec(tool)
        args: dict[str, Any] = {}
        for param in spec.params:
            value = self.fill(spec, param, args)
            if value is not None and value != []:
                args[param.name] = value
        return args

    def merge_into(self, step) -> None:
        """A clause that repeats the previous step's tool adds what it says (a prompt, a time)
        to that step instead of running the tool twice."""
        spec = self.registry.spec(step.tool)
        for param in spec.params:
            if param.name in step.args or param.kind in ("image", "video", "audio", "mesh", "mask", "layout"):
                continue
            value = self.fill(spec, param, step.args)
            if value is not None and value != [] and not (isinstance(value, str) and value.startswith("$")):
                step.args[param.name] = value

    # -- dispatch -----------------------------------------------------------------------------
    def fill(self, spec: ToolSpec, p: Param, args: dict[str, Any]) -> Any:
        text = self.clause.text
        if p.kind in ("image", "video", "audio", "mesh", "mask", "layout", "motion"):
            return self.media(spec, p, args)
        handler = getattr(self, f"_{p.name}", None)
        if handler is not None:
            return handler(spec, p, args)
        simple = {"seed": extract.seed, "fps": extract.fps, "tempo": extract.tempo, "key": extract.key,
                  "style": extract.style, "voice": extract.voice, "language": extract.language}
        if p.name in simple:
            return simple[p.name](text)
        return None

    # -- media inputs -------------------------------------------------------------------------
    def media(self, spec: ToolSpec, p: Param, args: dict[str, Any]) -> Any:
        kind = p.kind or ""
        files = [f for f in self.clause.files if f.kind == kind and f.text not in self.files_used]
        if p.type == "array":
            return self.media_list(kind, files)
        if files:
            self.files_used.add(files[0].text)
            self.draft.use_file(files[0].text, kind)
            return files[0].text
        tail = self._replacement_sound(spec, kind)
        if p.required and tail:  # "replace the sound with piano music": the music is new
            return self.make_audio(tail, args.get("video")).ref
        if kind == "audio" and not any(q.kind == "video" for q in spec.params) and OF_VIDEO.search(self.clause.low):
            video = self._video_source(args)  # "transcribe the speech in the final video": its sound track
            if video is not None and "video.extract_audio" in self.registry:
                return self.draft.add("video.extract_audio", {"video": video}).ref
        src = self.explicit.get(kind)
        if src is not None and src.ref not in args.values():
            return src.ref
        if p.required and self._new_sound(spec, kind):
            return self.bridge(spec, kind, args)  # "now add rain sounds": new ones, not the narration before
        if not p.required:  # an optional input (a melody to arrange, a character to move) only when named
            return None
        src = self.draft.latest(kind)
        if src is not None and src.ref not in args.values():
            return src.ref
        if not p.required:
            return None
        return self.bridge(spec, kind, args)

    def _replacement_sound(self, spec: ToolSpec, kind: str) -> str | None:
        """'replace the sound with piano music' -> 'piano music' (None when nothing new is named)."""
        if kind != "audio" or not (spec.output == "video" or spec.id.endswith(".mix")):
            return None
        m = re.search(r"\b(?:replace|swap|change)\b.*?\b(?:with|for|to)\s+(.+)$", self.clause.bare, re.I)
        tail = m.group(1).strip(" .!?") if m else ""
        return tail if tail and AUDIO_BRIDGE.search(PRONOUN.sub(" ", tail)) else None

    def _new_sound(self, spec: ToolSpec, kind: str) -> bool:
        """True when the clause describes audio to put on something ('add rain sounds', 'put piano
        music under it') without pointing at audio that exists ('the narration', 'it')."""
        adds_sound = spec.output == "video" or spec.id.endswith(".mix")
        return kind == "audio" and adds_sound and bool(AUDIO_BRIDGE.search(PRONOUN.sub(" ", self.clause.bare)))

    def media_list(self, kind: str, files: list) -> list[str]:
        refs = list(dict.fromkeys(f.text for f in files))  # a file named twice is one input
        for f in files:
            self.draft.use_file(f.text, kind)
        if len(refs) < 2:
            fresh = [s.ref for s in self.draft.sources if s.kind == kind and s.used == 0 and s.ref not in refs]
            refs = fresh + refs if fresh else refs
        if not refs:
            src = self.explicit.get(kind) or self.draft.latest(kind)
            if src is not None:
                refs = [src.ref]
        m = re.search(r"\b(?:loop|repeat)\w*\b.*?\b" + extract.NUM + r"\s+times\b|\b(twice|thrice)\b",
                      self.clause.text, re.I)
        if len(refs) == 1 and m and re.search(r"\b(loop|repeat)", self.clause.text, re.I):
            times = extract.number(m.group(1)) if m.group(1) else (2 if m.group(2).lower() == "twice" else 3)
            return refs * max(1, min(20, int(times or 1)))  # "loop beat.wav three times"
        if len(refs) == 1 and kind == "audio" and NEW_AUDIO.search(self.clause.text):
            refs.append(self.make_audio(audio_prompt(self.clause.text)).ref)  # "add rain under the narration"
        if not refs:
            raise UsageError(f"this needs {kind} files to work on; name them (e.g. a.{_suffix(kind)}, "
                             f"b.{_suffix(kind)}) or ask to make them first")
        return refs

    def bridge(self, spec: ToolSpec, kind: str, args: dict[str, Any]) -> str:
        """Make a missing input with an earlier step."""
        if kind == "mask" and "image.segment" in self.registry:
            image = args.get("image") or self.media(spec, _param("image", "image"), args)
            return self._segment(image).ref
        if kind in self.clause.dangling or (kind not in ("mask", "mesh", "layout", "audio") and
                                           not self.clause.files and self.clause.mentions_back()):
            raise UsageError(f"the request refers to {_a(kind)} but names no {kind} file; give its path "
                             f"(e.g. {_example(kind)})")
        video = self._video_source(args)
        adds_sound = spec.output == "video" or spec.id.endswith(".mix")
        if video is not None and not adds_sound and kind in ("image", "audio"):
            tool = "video.extract_frame" if kind == "image" else "video.extract_audio"
            extra = {"time": frame_time(self.clause)} if kind == "image" else {}
            return self.draft.add(tool, {"video": video, **extra}).ref  # a still, or the sound track
        if kind == "audio" and self.clause.quotes and SPOKEN_TEXT.search(self.clause.low) and "audio.speech" in self.registry:
            return self.draft.add("audio.speech", {"text": self.clause.quotes[0], "voice": extract.voice(self.clause.text),
                                                   "language": extract.language(self.clause.text)}).ref
        if kind == "audio" and AUDIO_BRIDGE.search(extract.FILE.sub(" ", self.clause.text)):  # never "music.wav" as a prompt
            return self.make_audio(audio_prompt(self.clause.text), args.get("video")).ref
        words = subject(self.clause)
        if kind in GENERATOR and GENERATOR[kind] in self.registry and content_words(words):
            return self.draft.add(GENERATOR[kind], {"prompt": words}).ref
        raise UsageError(f"{spec.id} needs {_a(kind)}: name a file (e.g. {_example(kind)}) or ask "
                         f"to make one first")

    def known_duration(self, ref: str, depth: int = 0) -> float | None:
        """A video's length at planning time: from its step's arguments, or the file's header."""
        if depth > 8:
            return None
        if not ref.startswith("$"):
            return probe_seconds(ref)
        step = next((s for s in self.draft.steps if f"${s.id}" == ref), None)
        if step is None:
            return None
        if step.args.get("duration") is not None:
            try:
                return parse_time(step.args["duration"])
            except ValueError:
                return None
        if step.tool == "video.concat":
            parts = [self.known_duration(v, depth + 1) for v in step.args.get("videos", [])]
            return sum(parts) if parts and None not in parts else None  # type: ignore[arg-type]
        inner = step.args.get("video")
        if isinstance(inner, str) and step.tool in ("video.add_audio", "video.edit", "video.speed"):
            base = self.known_duration(inner, depth + 1)
            factor = step.args.get("factor", 1) if step.tool == "video.speed" else 1
            return base / factor if base is not None and factor else base
        return None

    def _video_source(self, args: dict[str, Any]) -> str | None:
        files = [f.text for f in self.clause.files if f.kind == "video"]
        if files:
            self.draft.use_file(files[0], "video")
            return files[0]
        src = self.explicit.get("video")
        if src is None and re.search(r"\b(?:transcri\w*|speech|spoken|dialogue|said)\b", self.clause.low):
            src = self.draft.latest("video")  # "I have a.mp4. Transcribe the speech": its sound track
        return src.ref if src is not None and src.ref not in args.values() else None

    def _segment(self, image: str) -> "Source":
        text = self.clause.text
        args: dict[str, Any] = {"image": image}
        box = extract.box(text)
        point = extract.point(text)
        target = object_phrase(self.clause)
        if not (box or point or target) and self.clause.mentions_back() and self.draft.introduced:
            said = self.draft.introduced  # "there's a bin at (512, 384) in alley.jpg; get rid of it"
            box, point, target = extract.box(said), extract.point(said), introduced_object(said)
        if box:
            args["box"] = box
        elif point:
            args["point"] = point
        if target and not (box or point):
            args["text"] = target
        return self.draft.add("image.segment", args)

    def make_audio(self, words: str, video: str | None = None) -> "Source":
        """Speech, music or a sound for a video, from words like 'narration saying "hi"'; music
        and sounds last as long as the video when its length is known."""
        if extract.files(words) and not AUDIO_BRIDGE.search(extract.FILE.sub(" ", words)):
            # "combine it with music.wav": the file is no description of new audio
            raise UsageError("this needs audio to work on: name a sound file (e.g. take1.wav) or ask to make it "
                             "first (e.g. 'read it aloud', 'add piano music')")
        quotes = extract.quotes(words) or [q for q in self.clause.quotes if len(q.split()) > 2]  # "... using the text: '...'"
        dur = extract.duration(words) or (self.known_duration(video) if video else None)
        if SPEECH_WORDS.search(words) and "audio.speech" in self.registry:
            text = quotes[0] if quotes else None
            if text is None and (src := self.draft.latest("text")) is not None:
                text = src.ref
            if text is None:
                text = after(words, r"say(?:ing)?|says|reading") or narration_text(self.draft, words, video)
            if text is None:
                text = after(words, r"narrat\w*|voice-?over") or audio_prompt(words)
            return self.draft.add("audio.speech", {"text": text or words, "voice": extract.voice(words),
                                                   "language": extract.language(words)})
        tool = "audio.music" if MUSIC_WORDS.search(words) else "audio.sound"
        prompt = quotes[0] if quotes else audio_prompt(DURATION_PHRASE.sub(" ", words)) or (
            "calm music" if tool == "audio.music" else "ambience")  # "10 s of music-box music": length apart
        return self.draft.add(tool, {"prompt": prompt, "duration": extract.plain(dur) if dur else None})

    # -- text arguments -----------------------------------------------------------------------
    def _prompt(self, spec: ToolSpec, p: Param, args: dict[str, Any]) -> Any:
        clause = self.clause
        if spec.id == "image.inpaint":
            words = r"with|by|into|for" if re.search(r"\b(swap|exchange|trade)\b", clause.low) else r"with|by|into"
            return after(clause.text, words) or (clause.quotes[0] if clause.quotes else None)
        if spec.id == "image.from_layout":
            return clause.quotes[0] if clause.quotes else None
        if clause.quotes:
            return clause.quotes[0]
        given = [k for k in self.explicit if k in TO_TEXT and not any(q.kind == k for q in spec.params)]
        if given and TO_TEXT[given[0]][0] in self.registry:
            tool, pname = TO_TEXT[given[0]]
            return self.draft.add(tool, {pname: self.explicit[given[0]].ref}).ref
        words = subject(clause, keep_head=spec.id == "text.write")  # "a short story about X" says what to write
        text_src = self.explicit.get("text") or self.explicit.get("storyboard")
        if text_src is not None and (is_reference(words) or clause.mentions_back()):
            return text_src.ref
        if is_reference(words) and (src := self.draft.latest("text", unused=True)) is not None:
            return src.ref
        if p.required and not content_words(words) and (src := self.draft.latest("text", unused=True)) is not None:
            src.used += 1  # "I have the text 'a calm lake'. Generate an image from it"
            return src.ref
        if spec.id == "text.write" and not content_words(words) and re.search(r"\b(?:" + MEDIA_NOUN["text"] + r")\b",
                                                                             words, re.I):
            return words  # "write a poem": the form is enough to write one
        if p.required and not content_words(words):
            raise UsageError(f"'{clause.text[:60]}' does not say what to make; add a description, e.g. "
                             "\"draw a lighthouse at night\"")
        if spec.id in ("text.storyboard", "text.write"):
            words = topic(words)
        return words or None

    def _text(self, spec: ToolSpec, p: Param, args: dict[str, Any]) -> Any:
        clause = self.clause
        if spec.id == "image.segment":
            if args.get("point") or args.get("box") or extract.point(clause.text) or extract.box(clause.text):
                return None
            return object_phrase(clause)
        if clause.quotes:
            return clause.quotes[0]
        if spec.id == "image.add_text":
            src = self.explicit.get("text")
            if src is not None and clause.mentions_back():
                return src.ref  # "write a haiku ... and put it on snow.jpg"
            return after(clause.text, r"(?:text|title|caption|words|label|saying)") or subject(clause)
        src = self.explicit.get("text") or self.draft.latest("text", unused=True)
        said = after(clause.text, r"say(?:ing)?|reads?|announce")
        if said and not content_words(DELIVERY.sub(" ", said)):
            said = None  # "read aloud by a man": how to say it, not what
        if src is not None and (clause.mentions_back() or not said):
            return src.ref
        if said:  # "say hello world with a deep voice": the words, not how they are said
            said = re.sub(r"\s*,?\s*\b(?:with|in|using|by)\s+(?:an?\s+|the\s+)?(?:[\w'-]+\s+){0,2}?(?:voice|accent|"
                          r"tone)\s*$", "", said, flags=re.I).strip() or said
        return said or subject(clause) or None

    def _instruction(self, spec: ToolSpec, p: Param, args: dict[str, Any]) -> str:
        text = extract.QUOTE.sub(lambda m: m.group(0) if len(m.group(0).split()) <= 6 else " ",
                                 self.clause.text)  # a long quote is the text to speak, not how to change it
        for f in self.clause.files:
            text = text.replace(f.text, "it")
        if not [w for w in re.findall(r"[a-z]+", text.lower()) if w not in FILLER]:
            named = self.clause.files[0].text if self.clause.files else "it"
            raise UsageError(f"say what to do with {named}, e.g. \"make {named} brighter\"")
        return re.sub(r"\s+", " ", text).strip(" .?!")

    def _negative_prompt(self, spec: ToolSpec, p: Param, args: dict[str, Any]) -> str | None:
        m = re.search(r"\b(?:without|avoid(?:ing)?|but no)\s+(?:any\s+)?([\w\s-]+?)(?=[,.;]|$)", self.clause.bare, re.I)
        return m.group(1).strip() if m else None

    def _modality(self, spec: ToolSpec, p: Param, args: dict[str, Any]) -> str | None:
        for name, kind in (("image", "image"), ("picture", "image"), ("photo", "image"), ("video", "video"),
                           ("music", "music"), ("song", "music"), ("sound", "sound"), ("speech", "speech"),
                           ("3d", "mesh"), ("model", "mesh")):
            if re.search(rf"\b{name}\b", self.clause.low):
                return kind
        return None

    def _scenes(self, spec: ToolSpec, p: Param, args: dict[str, Any]) -> int | None:
        n = extract.count(self.clause.text, "scene") or extract.count(self.clause.text, "shot")
        return max(1, min(24, n)) if n else None

    # -- numbers and choices ------------------------------------------------------------------
    def _width(self, spec: ToolSpec, p: Param, args: dict[str, Any]) -> int | None:
        found = extract.size(self.clause.text)
        return found[0] if found else None

    def _height(self, spec: ToolSpec, p: Param, args: dict[str, Any]) -> int | None:
        found = extract.size(self.clause.text)
        return found[1] if found else None

    def _duration(self, spec: ToolSpec, p: Param, args: dict[str, Any]) -> Any:
        value = extract.duration(self.clause.text)
        video = self.explicit.get("video")
        if not value and spec.output == "audio" and video is not None and FOR_IT.search(self.clause.low):
            value = self.known_duration(video.ref)  # "compose music for it": as long as the video
        return extract.plain(value) if value else None

    def _time(self, spec: ToolSpec, p: Param, args: dict[str, Any]) -> Any:
        return frame_time(self.clause)

    def _start(self, spec: ToolSpec, p: Param, args: dict[str, Any]) -> Any:
        start, end = trim_times(self.clause.text)
        if start is not None and end is not None and parse_time(start) >= parse_time(end):
            raise UsageError(f"the cut starts at {start} but ends at {end}; the start must come first")
        return start

    def _end(self, spec: ToolSpec, p: Param, args: dict[str, Any]) -> Any:
        return trim_times(self.clause.text)[1]

    def _scale(self, spec: ToolSpec, p: Param, args: dict[str, Any]) -> Any:
        value = extract.multiplier(self.clause.text)
        return extract.plain(value) if value and 1 <= value <= 8 else None

    def _factor(self, spec: ToolSpec, p: Param, args: dict[str, Any]) -> Any:
        value = extract.speed_factor(self.clause.text)
        return extract.plain(value if value else 2.0)

    def _speed(self, spec: ToolSpec, p: Param, args: dict[str, Any]) -> Any:
        low = self.clause.low
        if re.search(r"\bslow(ly)?\b", low):
            return 0.8
        if re.search(r"\b(fast|quickly|rapid(ly)?)\b", low):
            return 1.3
        return None

    def _point(self, spec: ToolSpec, p: Param, args: dict[str, Any]) -> Any:
        return extract.point(self.clause.text)

    def _box(self, spec: ToolSpec, p: Param, args: dict[str, Any]) -> Any:
        return extract.box(self.clause.text)

    def _mode(self, spec: ToolSpec, p: Param, args: dict[str, Any]) -> Any:
        low = self.clause.low
        if spec.id == "video.add_audio":
            if re.search(r"replac|instead of|swap|switch the|change the (?:music|soundtrack|audio|sound)|new soundtrack|drop the original|mute", low):
                return "replace"
            if re.search(r"\bmix|keep(ing)? the original|blend|on top of", low):
                return "mix"
            if self._from_its_own_sound(args.get("video"), args.get("audio")):
                return "replace"  # its own sound, processed ("improve its audio, then put it back"): not twice
            return "mix"  # the video's own sound stays, ducked under what is added, unless replace is said
        for choice in p.enum or ():
            if re.search(rf"\b{choice}", low):
                return choice
        return "panorama" if "side by side" in low and "panorama" in (p.enum or ()) else None

    def _from_its_own_sound(self, video: Any, audio: Any) -> bool:
        """True when `audio` is made from the sound track of `video` (extract_audio, then edits)."""
        steps = {f"${s.id}": s for s in self.draft.steps}
        seen: set[str] = set()
        todo = [audio] if isinstance(audio, str) else []
        while todo:
            ref = todo.pop()
            step = steps.get(ref)
            if step is None or ref in seen:
                continue
            seen.add(ref)
            if step.tool == "video.extract_audio":
                if step.args.get("video") == video:
                    return True
                continue
            todo += [v for v in step.args.values() if isinstance(v, str) and v.startswith("$")]
        return False

    def _kind(self, spec: ToolSpec, p: Param, args: dict[str, Any]) -> Any:
        return next((c for c in p.enum or () if c in self.clause.low), None)

    def _transition(self, spec: ToolSpec, p: Param, args: dict[str, Any]) -> Any:
        low = self.clause.low
        if re.search(r"cross-?fade|dissolve|fade", low):
            return "crossfade"
        return next((c for c in p.enum or () if re.search(rf"\b{c}\b", low)), None)

    def _durations(self, spec: ToolSpec, p: Param, args: dict[str, Any]) -> Any:
        value = extract.duration(self.clause.text)
        images = args.get("images") or []
        return [extract.plain(value)] * len(images) if value and images else None

    def _volume(self, spec: ToolSpec, p: Param, args: dict[str, Any]) -> Any:
        low = self.clause.low
        m = re.search(r"(\d+)\s*(?:%|percent)", low)
        if m:
            return min(10.0, int(m.group(1)) / 100)
        if re.search(r"\b(quiet|soft|low|gentle|subtle|faint)", low):
            return 0.5
        if re.search(r"\bloud", low):
            return 1.5
        return None

    def _gains(self, spec: ToolSpec, p: Param, args: dict[str, Any]) -> Any:
        """'with the pad 8 dB quieter', 'the harp at -12 dB', 'music.wav quieter': one gain per track."""
        low = self.clause.text.lower()
        gains = []
        for track in args.get("audios") or []:
            names = "|".join(re.escape(n) for n in self._track_names(track))
            gains.append(gain_for(low, names) if names else 1.0)
        return gains if any(g != 1.0 for g in gains) else None

    def _track_names(self, track: str) -> list[str]:
        """Words a request may call a track by: its file name, or what its step made."""
        if not track.startswith("$"):
            stem = re.sub(r"\.\w+$", "", track.rsplit("/", 1)[-1].lower())
            return [stem] + [w for w in re.split(r"[_\-\s.]+", stem) if len(w) > 2 and w != stem]  # voice_b: "voice"
        step = next((s for s in self.draft.steps if f"${s.id}" == track), None)
        if step is None:
            return []
        words = {"audio.speech": ["narration", "voice", "speech", "vocals", "voice-over"],
                 "audio.music": ["music", "song", "melody", "tune", "soundtrack"],
                 "audio.sound": ["sound", "sounds", "ambience", "effects"]}.get(step.tool, [])
        prompt = step.args.get("prompt")
        if isinstance(prompt, str) and not prompt.startswith("$"):
            words += [w for w in content_words(prompt) if len(w) > 3 and w not in words]
        return words

    def _crossfade(self, spec: ToolSpec, p: Param, args: dict[str, Any]) -> Any:
        if "fade" not in self.clause.low:
            return None
        value = extract.duration(self.clause.text)
        return extract.plain(value) if value else 1

    def _silence(self, spec: ToolSpec, p: Param, args: dict[str, Any]) -> Any:
        return silences.silence(self.clause.text)  # "trim it to the voice", "cut the pauses"

    def _position(self, spec: ToolSpec, p: Param, args: dict[str, Any]) -> Any:
        m = POSITION.search(self.clause.bare)
        if not m:
            return None
        word = m.group(1).lower()
        return {"center": "centre", "middle": "centre"}.get(word, word)

    def _motion(self, spec: ToolSpec, p: Param, args: dict[str, Any]) -> Any:
        m = MOTION.search(self.clause.bare)
        return m.group(1).lower() if m else None

    def _view(self, spec: ToolSpec, p: Param, args: dict[str, Any]) -> Any:
        low = self.clause.low
        m = re.search(r"\b(front|side|top|back|three-quarter|isometric)\b", low)
        if m:
            return m.group(1)
        m = re.search(r"\b(?:from\s+)?(above|overhead|bird'?s[- ]eye|behind|the left|the right|below|beneath)\b", low)
        if not m:
            return None
        word = m.group(1)
        return "top" if word in ("above", "overhead") or word.startswith("bird") else \
            "back" if word == "behind" else "side" if word in ("the left", "the right") else None


def _param(name: str, kind: str) -> Param:
    return Param(name, "string", name, True, kind)


def _a(kind: str) -> str:
    word = {"mesh": "3D model"}.get(kind, kind)
    return ("an " if word[0] in "aeiou" else "a ") + word


def _suffix(kind: str) -> str:
    return {"image": "png", "audio": "wav", "video": "mp4", "mesh": "glb"}.get(kind, "json")


def _example(kind: str) -> str:
    return {"image": "photo.jpg", "audio": "take1.wav", "video": "clip.mp4", "mesh": "model.glb",
            "mask": "mask.png", "layout": "layout.json"}.get(kind, "a file")
