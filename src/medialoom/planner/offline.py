"""The offline planner (no LLM; the default).

    1. split the request into clauses ("then", "and <verb>", lists, sentences)
    2. per clause, rank tools by BM25 over their descriptions and phrasings, adjusted by what the
       clause can feed them (files it names, outputs it refers back to: "it", "that caption")
    3. fill arguments from the words (quotes, paths, times, points, scales, voices ...); a missing
       input is made by a bridge step (a mask by image.segment, a 3D model by mesh.generate,
       music or speech for a video by an audio generator)
    4. independent parts stay parallel branches; "with music"/"put them together" join them
    5. validate; a request that cannot be planned is one clear line (UsageError / PlanError)

Every plan returned passes `plan.validate`.
"""

from __future__ import annotations

import re

from ..errors import PlanError, UsageError
from ..plan import Plan, validate
from ..registry import Registry
from ..tools import ToolSpec
from . import extract, motion
from .args import OF_VIDEO, ArgFiller
from .clauses import (DURATION_PHRASE, MEDIA_NOUN, NOUN_PATTERN, PRONOUN, STILL_PARTS, VIDEO_OF_STILLS, Clause,
                      content_words, make_clause, split, statement, still, subject)
from .draft import Draft, Source
from .intent import (ALOUD, AUDIO_WORDS, LEADING_VERB, PART_EDIT, PLAY_SOMETHING, QUESTION, continuation, left_out,
                     not_media, passive_step, audio_clause as _audio_clause, verb_led as _verb_led)
from .narration import narrate_object
from .retrieval import Index
from .sounds import heard_with
from .understood import check_description, check_text
from .unsupported import left_out_entry, missing, remainder
from .verbs import base_verb

MAX_REQUEST = 4000
MEDIA_KINDS = ("image", "video", "audio", "mesh", "mask", "layout", "motion")
CONVERT = re.compile(r"\b(?:(?:turn|convert|transform|change|make|render)\b.*?\b(?:into|to|as)|"
                     r"(?:stitch|combine|merge|join|assemble|compile|knit)\b.*?\binto|"
                     r"make (?:it|them|this|that|these|those)(?: into)?)\s+(?:an?\s+|the\s+)?"
                     r"(?:[\w-]+\s+){0,2}?(image|picture|photo|video|clip|animation|movie|3d model|3d object|"
                     r"model|mesh|audio|sound|song|music|speech|text|words|transcript|sketch|drawing|painting|cartoon|"
                     r"watercolou?r|illustration|poster|comic|oil painting|slideshow)\b", re.I)
TARGET_KIND = {"image": "image", "picture": "image", "photo": "image", "video": "video", "clip": "video",
               "animation": "video", "movie": "video", "3d model": "mesh", "3d object": "mesh",
               "model": "mesh", "mesh": "mesh", "audio": "audio", "slideshow": "video", "sound": "audio", "song": "audio",
               "music": "audio", "speech": "audio", "text": "text", "words": "text", "transcript": "text",
               **dict.fromkeys(("sketch", "drawing", "painting", "cartoon", "watercolor", "watercolour",
                                "illustration", "poster", "comic", "oil painting"), "image")}
ATTACH = re.compile(r",?\s*\b(?:with|plus|and)\s+((?:(?:some|a|an|the|soft|gentle|calm|quiet|upbeat|relaxing|"
                    r"dramatic|epic|happy|sad|slow|fast|background|piano|orchestral|ambient|a bit of|lo-?fi|"
                    r"cheerful|synthwave|jazz|jazzy|rock|pop|classical|electronic|folk|retro|80s|chill|techno|"
                    r"country|acoustic|guitar|violin|string|drum|festive|spooky|mysterious|romantic|heroic|tense|"
                    r"funky|[\w-]+ing)\s+){0,4}(?:music|soundtrack|song|(?:narration|narrator|voice-?over)(?:\s+(?:in|by|about|"
                    r"describing|from)\s+[^,.;!?\"“']+?)?|"
                    r"sound effects?|sounds? of [\w\s]+?|ambience|(?:[\w-]+\s+){0,3}?(?:sounds?|noises?|ringing|chirping|barking|singing|"
                    r"crackling|buzzing|humming|howling|roaring|crashing|rumbling|ticking|whistling|clapping|"
                    r"applause|birdsong))(?:\s+(?:saying|that says|reading)\s+(?:\"[^\"]*\"|'[^']*'|“[^”]*”))?)"
                    r"(?=$|[,.;!?]|\s+and\b|\s+with\b)", re.I)

NARRATED = re.compile(r",?\s*\b(?:narrated|voiced over|told by a narrator)\b((?:\s+by\s+(?:an?\s+|the\s+)?"
                      r"(?:[\w'-]+\s+){0,2}?(?:man|woman|girl|boy|child|kid|lady|narrator|voice|speaker|robot))?)",
                      re.I)
ANALOGUES = {"concat": ("concat", "combine"), "combine": ("concat", "combine"), "speed": ("speed", "edit"),
             "edit": ("edit",), "trim": ("trim",)}
FROM_REF = re.compile(r"\b(?:from|using|based on|out of|of|for|representing|visuali[sz]ing)\s+(?:it|that|this|them|these|"
                      r"those|(?:the|that|this|my)\s+(?:[a-z]+(?:ed|-reduced|-free)\s+|new\s+|final\s+|resulting\s+|same\s+)*"
                      r"(?:layout|mask|model|image|picture|photo|video|clip|audio|recording|frame|result|track|"
                      r"sound|speech|voice|file|output|text|transcript|transcription|description|caption|script)s?)\b")
FOR_VIDEO = re.compile(r"\bfor (?:my |the |this |that |our |your )?(?:video|clip|film|movie|slideshow|[\w./-]+\.(?:mp4|"
                       r"mov|webm|mkv))", re.I)
INTRODUCES = re.compile(r"\W*(?:i have|i've got|we have|here is|here's|there is|there's|there are|this is)\b", re.I)
COPULA = re.compile(r"\b(i have|i've got|here is|here's|there is|there's|there are|this is|is|are|was|were|has|have|"
                    r"seems?)\b")
HANDLE = re.compile(r"^\W*(?:(?:please|now|ok|okay|so|first|just)\b[\s,]*)*(?:(?:can|could|would|will) you\s+)?"
                    r"(?:take|use|open|load|grab|start with|start from|look at|work on|pick|process|handle)"
                    r"(?:\s+(?:the|my|this|that))?(?:\s+(?:file|photo|image|picture|video|clip|recording|audio|track|"
                    r"model|mesh)){0,2}(?:\s+(?:called|named))?\W*$", re.I)
NEW_SOUNDTRACK = re.compile(r"\b(?:replace|swap|switch|change)\b.{0,30}?\b(?:music|sound|audio|soundtrack|narration|"
                           r"voice-?over)\b.{0,40}?\b(?:to|with|for|by)\s+(?!be\b|sound\b|make\b|\d)")
ATTACH_VERBS = frozenset(("add", "put", "lay", "overlay", "dub", "place", "attach", "include", "layer"))
ATTACH_INTENT = re.compile(r"\b(add|put|place|lay|set|dub|overlay|mix|combine|join|merge|together|under|over|for|replace|swap|"
                           r"onto|behind|underneath|beneath|layer|blend|attach|include)\b")
CREATE = re.compile(r"^(?:\W*(?:please|now|also|then|and|so|just|first|finally)\b)*\W*(?:(?:can|could|would) you\s+|"
                    r"i(?:'d| would) like(?: you)? to\s+|i want(?: you)? to\s+|"
                    r"let'?s\s+)?(?:(?:can|could|may) (?:i|we) (?:get|have)|make|create|generate|"
                    r"produce|build|draw|paint|compose|film|record|design|sketch|give me|write|craft|illustrate|"
                    r"photograph|sculpt|model|show me|shoot|i(?:'d| would) (?:like|love)|"
                    r"i (?:want|need)(?! (?:you )?to\b))\b", re.I)
IMPLIED = {"draw": "image", "paint": "image", "sketch": "image", "illustrate": "image", "photograph": "image",
           "compose": "music", "film": "video", "sculpt": "mesh", "model": "mesh", "show me": "image",
           "shoot": "video"}
# words without which a tool is unlikely to be meant, whatever else matches
ANCHORS = {"image.remove_background": re.compile(r"background|backdrop|cut ?out|transparent|isolat"),
           "image.customize": re.compile(r"\bmy\b|\bour\b|\bfrom (?:the |these |those |my )?(?:photos?|pictures?|"
                                         r"images?|\S+\.(?:jpe?g|png|webp))|\bpet\b|\btoy\b|\bsubject\b|customi[sz]"),
           "audio.trim": re.compile(r"trim|\bcut|chop|snip|shorten|silen|pause|\bgaps?\b|dead air|keep only|\d|first|last|"
                                    r"\bstart|\bend|between|seconds|minutes|beginning|intro|outro"),
           "audio.to_midi": re.compile(r"midi|\bnotes?\b|melod|\btune|sheet music|\bscore\b|humm|whistl|pitches"),
           "text.refine_prompt": re.compile(r"prompt|text|description|idea|wording|caption|sentence|phrase|words|"
                                            r"script|story|paragraph|['\"“‘]"),
           "image.add_text": re.compile(r"\btext|title|caption|\bwords?\b|label|quote|saying|says|meme|slogan|watermark|"
                                        r"\bname\b|date|['\"“‘]|lettering|headline|subtitle"),
           "video.add_audio": re.compile(r"audio|music|sound|song|soundtrack|narrat|voice|speech|dub|\.(?:wav|mp3|"
                                         r"flac|ogg|m4a)\b|them|both|together|track|the two")}
DANGLING = re.compile(r"\b(?:(?:make|turn|animate|upscale|edit|trim|caption|describe|read|transcribe|speed up|"
                      r"slow down|render|change|convert|put|add \w+ to) (?:it|them|the result)|it'?s? (?:darker|"
                      r"brighter|louder|quieter|longer|shorter|bigger|smaller|faster|slower))\b", re.I)
ACTS_ON_IT = re.compile(r"^\W*(?:please\s+)?[a-z]+(?:\s+(?:up|down|out|in))?\s+(?:it|them)\b", re.I)
DESCRIBED = {"image": "image.generate", "video": "video.generate", "music": "audio.music",
             "sound": "audio.sound", "speech": "audio.speech", "mesh": "mesh.generate", "text": "text.write"}


class OfflinePlanner:
    def __init__(self, registry: Registry):
        self.registry = registry
        self.index = Index.build(registry)

    def plan(self, request: str, context: list[Source] | None = None) -> Plan:
        """Plan a request. `context` holds artifacts from earlier turns of a conversation."""
        text = check_request(request)
        from .story import is_story, story_plan

        if is_story(text) and "text.storyboard" in self.registry:
            plan = story_plan(text, self.registry)
        else:
            draft = Draft(self.registry, sources=[Source(s.ref, s.kind, s.tool) for s in context or []])
            clauses = split(text)
            draft.named = [Source(f.text, f.kind) for c in clauses for f in c.files]
            errands = left_out(clauses)  # "draw a cat and book me a flight": the cat only
            acts = any((_verb_led(c) or ACTS_ON_IT.match(c.text) or passive_step(c)) and not statement(c) for c in clauses)
            said = [c for c in clauses if acts and statement(c)]
            for clause in said:  # "Transcribe the talk. The video is talk.mp4": what there is, first
                _remember(clause, draft)
            left: list[dict[str, str]] = []
            skip = 0
            for n, clause in enumerate(clauses):
                if skip:
                    skip -= 1
                    continue
                if "motion.generate" in self.registry and motion.is_motion(clause) and not missing(clause):
                    skip = motion.gather(clauses, n)  # "make the knight wave, then walk off to the left": one motion
                    self._motion([c.text for c in clauses[n:n + skip + 1]], draft)
                    continue
                if VAGUE_EDIT.match(clause.text) and any(_verb_led(c) for c in clauses[n + 1:]):
                    continue  # "I'd like to modify it. Please lower the pitch.": the change is said next
                if clause in errands:
                    left.append({"words": clause.text.strip(" ,.;!?"), "reason": ERRAND_REASON})
                    continue
                if (item := missing(clause)) is not None and (part := remainder(clause, item)) is not None:
                    left.append({"words": part[0], "reason": item.reason})  # "... in the style of ref.png"
                    clause = make_clause(part[1])  # "draw a harbour": still drawn
                elif item is not None:
                    left.append(left_out_entry(clause, item))  # "translate it", "search for related videos"
                    for f in clause.files:  # "read the words on sign.jpg and brighten the photo": still there
                        draft.sources.append(Source(f.text, f.kind))
                    continue
                if clause in said:  # "I have a.mp4 and a script 'Hello'", "there is noise in it"
                    continue
                if draft.attachments and FINAL_VIDEO.search(clause.low):
                    self._join(draft)  # "... with a voiceover. I need the audio of the final video": with it
                self._clause(clause, draft)
            self._join(draft)
            named = [src.ref for src in draft.sources if not src.ref.startswith("$") and src not in (context or [])
                     and src.kind != "text"]
            if not draft.steps and left:
                raise UsageError(_cannot(left))
            if not draft.steps and named:
                raise UsageError(f"say what to do with {named[0]}, e.g. \"make {named[0]} brighter\"")
            if not draft.steps:
                raise UsageError("could not plan this request; name what to make (an image, a video, "
                                 "speech, music, a sound, a 3D model) or what to do to a file")
            plan = Plan(draft.steps, request, left_out=left)  # said once, in the answer (not in notes too)
        try:
            validate(plan, self.registry, check_files=False)
        except PlanError as exc:
            raise PlanError(f"could not plan this request ({exc.one_line()})") from exc
        return plan

    # -- one clause ---------------------------------------------------------------------------
    def _clause(self, clause: Clause, draft: Draft) -> None:
        clause = narrate_object(clause, draft)  # "narrate my video beach.mp4": narration put on it
        if draft.latest("text") is not None and (m := READ_BY.match(clause.text)):
            clause = make_clause("read it aloud " + clause.text[m.end():])  # "a story ..., read by a woman's voice"
        under = _music_under_speech(clause)
        if under:  # "read it aloud by a woman with soft lullaby music": music under the voice
            clause = make_clause(clause.text.replace(under[0], " ").strip(" ,"))
        if not _audio_clause(clause) and (m := NARRATED.search(clause.text)):
            # "a video of a fox, narrated by a woman": the narration is made and added
            draft.attachments.append("narration " + (m.group(1) or "").strip())
            clause = make_clause(NARRATED.sub(" ", clause.text, count=1))
        clause = heard_with(clause, draft)  # "a video of a pond with frogs and crickets": heard, not seen
        voices = _voice_over(clause)
        if voices:  # "a jingle for a bakery with a voice-over saying '...'": speech over the music
            clause = make_clause(ATTACH.sub(lambda m: "" if m.group(1) in voices else m.group(0), clause.text))
        found = list(ATTACH.finditer(extract.strip_quotes_keep_len(clause.text))) if not _audio_clause(clause) else []
        attachments = [clause.text[m.start(1):m.end(1)] for m in found]  # never inside a quote
        if attachments:
            stripped = clause.text
            for m in reversed(found):
                stripped = stripped[:m.start()] + stripped[m.end():]
            stripped = stripped.strip(" ,")
            draft.attachments += attachments
            if not stripped:
                return
            clause = make_clause(stripped)
        if (m := GERUND_LEAD.match(clause.text)) and (base := base_verb(m.group(1))):
            clause = make_clause(base + clause.text[m.end():])  # "... and then creating a new video": create it
        if draft.sources and not clause.files and (active := passive_step(clause)):
            clause = make_clause(active)  # "... and then cleaned up": clean it up
        if draft.sources and not clause.files and (change := continuation(clause)):
            # "make a 3D lamp, then twice as tall": it, changed
            clause = make_clause("make it " + change)
        if self._is_context(clause):
            for f in clause.files:  # "I have a photo called kids.jpg": remember it for "it"
                draft.sources.append(Source(f.text, f.kind))
            draft.introduced = clause.text
            return
        if self._video_of_stills(clause, draft):
            return
        explicit = self._explicit_kinds(clause, draft)
        if not draft.sources and not clause.files and DANGLING.search(extract.strip_quotes(clause.text)) and \
                len({s.ref for s in draft.named}) == 1:
            draft.sources.append(draft.named[0])  # "add colour to it ... the file is old.jpg": the one file named
            explicit = self._explicit_kinds(clause, draft)
        if not draft.sources and not clause.files and DANGLING.search(extract.strip_quotes(clause.text)):
            raise UsageError(f"'{clause.text}' refers to something earlier, but there is nothing before it; "
                             "name a file (e.g. photo.jpg) or say what to make first")
        tool = self._choose(clause, draft, explicit)
        if tool is None:
            return
        target = _target_kind(clause)
        if target and target in explicit and explicit[target].ref.startswith("$") and not clause.files and \
                not [w for w in content_words(clause.text) if not re.search(NOUN_PATTERN.get(target, "^$"), w)]:
            return  # "... animate it and make it a video": it already is one
        if (DELIVER.match(clause.text) or SAVE_ONLY.match(clause.text)) and draft.steps:
            return  # "... and provide me with the final video": what is made is delivered anyway
        if _restated(clause, self.registry.spec(tool), draft):
            return  # "... Please create an image for me." after the picture is planned
        self._check_conversion(clause, explicit, tool)
        filler = ArgFiller(self.registry, draft, clause, explicit)
        last = draft.steps[-1] if draft.steps else None
        takes_media = any(p.required and p.kind in MEDIA_KINDS for p in self.registry.spec(tool).params)
        if last is not None and last.tool == tool and takes_media and not clause.files and not clause.quotes \
                and self.registry.spec(tool).param("instruction") is None:
            filler.merge_into(last)  # "remove the car and fill the space with a tree": one step
            return
        if last is not None and last.tool == tool and _more_of_the_same(clause, self.registry.spec(tool)):
            # "boost the bass on a.wav and add an echo": one effect chain ("... then fade it out" is a new step)
            spec = self.registry.spec(tool)
            last.args["instruction"] = f"{last.args['instruction']} and {filler.fill(spec, spec.param('instruction'), {})}"
            return
        times = extract.durations(clause.text) if self.registry.spec(tool).param("time") else []
        if len(times) > 1 and re.search(r"\band\b|,", clause.text):  # "frames at 1 s and at 3 s"
            for value in times:
                step_args = filler.args(tool)
                step_args["time"] = extract.plain(value)
                draft.add(tool, step_args)
            return
        made = filler.build(tool)
        if made.tool == "audio.speech" and "audio.edit" in self.registry and \
                (effect := SPEECH_EFFECT.search(extract.strip_quotes(clause.text))):
            made = draft.add("audio.edit", {"audio": made.ref, "instruction": f"add {effect.group(1)}"})
        if under and made.tool == "audio.speech" and "audio.mix" in self.registry:
            music = ArgFiller(self.registry, draft, make_clause(under[1]), {}).make_audio(under[1])
            made = draft.add("audio.mix", {"audios": [made.ref, music.ref], "gains": [1.0, 0.5]})
        if made.kind != "audio":
            draft.attachments += voices  # put onto the video at the end, as 'with narration' is
        for words in voices if made.kind == "audio" and "audio.mix" in self.registry else ():
            speech = ArgFiller(self.registry, draft, make_clause(words), {}).make_audio(words)
            made = draft.add("audio.mix", {"audios": [speech.ref, made.ref], "gains": [1.0, 0.6]})
        if made.kind == "text" and ALOUD.search(clause.low) and "audio.speech" in self.registry:
            draft.add("audio.speech", {"text": made.ref, "voice": extract.voice(clause.text),  # "describe it out loud"
                                       "language": extract.language(clause.text)})

    def _is_context(self, clause: Clause) -> bool:
        """A clause that only introduces files ("I have a photo called kids.jpg", "From talk.mp4",
        "The video trip.mp4 is too long") and asks for nothing a tool does."""
        if not clause.files or clause.quotes:
            return False
        if HANDLE.match(clause.bare):  # "could you take beach.jpg, ...": only names what to work on
            return True
        if LEADING_VERB.match(extract.strip_quotes(clause.text)) and not INTRODUCES.match(clause.text):
            return False
        words = [w for w in content_words(clause.bare) if not re.search(r"\b(called|named)\b", w)]
        if not words:
            return True
        if not COPULA.search(clause.low):
            return False
        return max(self.index.scores(" ".join(words)).values(), default=0.0) < 4.0

    def _explicit_kinds(self, clause: Clause, draft: Draft) -> dict[str, Source]:
        """Kinds the clause hands over: its files, and what 'it' / 'the caption' refer to."""
        found: dict[str, Source] = {}
        for f in clause.files:
            found.setdefault(f.kind, Source(f.text, f.kind))
        for kind in clause.referred_kinds():
            src = draft.latest(kind)
            if src is not None:
                found.setdefault(kind, src)
        bare_it = re.search(r"\b(it|its|it's|that one|this one|the result|the output)\b", clause.low)
        if draft.sources and (bare_it or not clause.referred_kinds()) and clause.mentions_back():
            src = draft.sources[-1]  # "it": the last thing made
            found.setdefault(src.kind, src)
        video = draft.latest("video")
        if "image" in clause.referred_kinds() and "image" not in found and video is not None and \
                re.search(r"\b(?:frame|still|screenshot|snapshot)s?\b", clause.low):
            found["video"] = video  # "I have trip.mp4. The frame at 1:05 ...": a still of that video
        if not found and draft.sources and not clause.files and PART_EDIT.match(clause.text):
            src = draft.sources[-1]  # "then make the handle bigger": a part of the last thing made
            found[src.kind] = src
        clause.dangling = [k for k in clause.referred_kinds() if k not in found and
                           re.search(r"\b(this|that|these|those|my|our)\s+(?:\w+\s+)?(?:" + NOUN_PATTERN[k] + r")",
                                     clause.low)]
        if clause.mentions_back() and re.search(r"\b(them|both|together|the two|these two|those two)\b", clause.low):
            for src in draft.sources:
                if src.used == 0:
                    found.setdefault(src.kind, src)
        return found

    def _motion(self, texts: list[str], draft: Draft) -> None:
        """A motion from the words, then shown as a video or an animated model when asked."""
        args = {"prompt": motion.prompt(texts)}
        seconds = extract.durations(" ".join(texts))
        if seconds:
            args["duration"] = extract.plain(seconds[0])
        made = draft.add("motion.generate", args)
        shown = motion.shown_as(texts)
        if shown is not None and shown in self.registry:
            draft.add(shown, {"motion": made.ref})

    def _video_of_stills(self, clause: Clause, draft: Draft) -> bool:
        """'a video showing photo.jpg and a waveform of song.wav': each still is made (or named),
        then shown in turn as a slideshow. False (nothing planned) unless every part is a still."""
        m = VIDEO_OF_STILLS.search(extract.strip_quotes_keep_len(clause.text))
        if not m or "video.slideshow" not in self.registry:
            return False
        parts = [p.strip(" ,.;") for p in STILL_PARTS.split(clause.text[m.start(1):]) if p.strip(" ,.;")]
        kinds = [still(p) for p in parts]
        earlier = draft.latest("image")
        if len(parts) < 2 or None in kinds or ("earlier" in kinds and earlier is None):
            return False
        refs: list[str] = []
        for part, kind in zip(parts, kinds):
            if kind == "file":
                refs += [f.text for f in make_clause(part).files]
                continue
            if kind == "earlier" and earlier is not None:
                refs.append(earlier.ref)
                continue
            before = len(draft.steps)
            self._clause(make_clause("make " + re.sub(r"^(?:an?|the)\s+", "", part)), draft)
            if len(draft.steps) > before and draft.sources[-1].kind == "image":
                refs.append(draft.sources[-1].ref)
        for ref in refs:
            if not ref.startswith("$"):
                draft.use_file(ref, "image")
        draft.add("video.slideshow", {"images": refs})
        return True

    def _choose(self, clause: Clause, draft: Draft, explicit: dict[str, Source]) -> str | None:
        if PLAY_SOMETHING.match(clause.text) and not explicit and "audio.music" in self.registry:
            return "audio.music"  # "play me something relaxing": music to listen to
        scores = self.index.scores(clause.query(), clause.verb())
        weak = [s.kind for s in draft.sources]  # oldest first: the last is the previous output
        target = _target_kind(clause)
        best, best_score = None, 0.0
        for tool, score in scores.items():
            spec = self.registry.spec(tool)
            total = score + self._bonus(spec, clause, explicit, weak, target)
            if total > best_score:
                best, best_score = tool, total
        if not explicit and not clause.media() and not draft.sources and not_media(clause):
            raise UsageError(f"'{clause.text[:60]}' is not something medialoom can do: it makes and edits images, "
                             "video, speech, music, sounds, 3D models and texts; say what to make")
        if not explicit and not clause.media() and QUESTION.match(clause.text) and max(scores.values(), default=0) <= 0.5:
            raise UsageError(f"'{clause.text[:60]}' asks something medialoom cannot answer: it makes and edits "
                             "images, video, speech, music, sounds, 3D models and texts; say what to make")
        if not explicit and not _verb_led(clause):
            return self._describe(clause)  # a bare description: make the thing it names
        if not explicit and not LEADING_VERB.match(extract.strip_quotes(clause.text)) and \
                max(scores.values(), default=0.0) < 4.0:
            return self._describe(clause)  # "conjure a dragon over a lake": stray word matches are no tool
        if best == "mesh.generate" and not explicit and "mesh" not in clause.media() and _made_here(clause) != "mesh" \
                and "image.generate" in self.registry:
            return "image.generate"  # "generate a snowy village": a picture unless 3D is said
        if best is None or scores.get(best, 0) <= 0.5:
            if not explicit and clause.bare and len(clause.bare.split()) >= 2 and "image.generate" in self.registry:
                if clause.verb() and LEADING_VERB.match(extract.strip_quotes(clause.text)) and not clause.media() \
                        and not CREATE.search(DURATION_PHRASE.sub(" ", clause.bare)):  # "play chess with me"
                    raise UsageError(f"'{clause.text[:60]}' is not something medialoom can make or edit; say what "
                                     "to make (an image, a video, speech, music, a sound, a 3D model, a text)")
                return self._describe(clause)  # a bare description: the thing it names, else a picture
            if best is None:
                return None
        return self._analogue(best, explicit, clause)

    def _analogue(self, tool: str, explicit: dict[str, Source], clause: Clause) -> str:
        """The same action for the kind the clause hands over: 'fade in the video' is video.edit,
        not audio.edit; 'join a.wav and b.wav' is audio.concat. 'Add reverb to its audio' (of a
        video) stays audio.edit: the clause names the kind the tool works on."""
        spec = self.registry.spec(tool)
        needs = {p.kind for p in spec.params if p.required and p.kind in MEDIA_KINDS}
        given = [k for k in explicit if k in MEDIA_KINDS]
        if not needs or needs & set(given) or len(given) != 1:
            return tool
        if needs == {"audio"} and re.search(r"\b(?:its|the|their) (?:audio|sound|soundtrack|sound track|voice|speech)\b",
                                           clause.low):
            return tool
        action = ANALOGUES.get(tool.split(".", 1)[1], (tool.split(".", 1)[1],))
        for other in self.registry:
            if other.id.split(".", 1)[1] in action and any(p.required and p.kind == given[0] for p in other.params):
                return other.id
        return tool

    def _describe(self, clause: Clause) -> str | None:
        if not content_words(clause.text) and not clause.quotes:
            raise UsageError(f"'{clause.text[:60]}' does not say what to make; describe it, e.g. "
                             "\"a lighthouse at night\" or \"compose calm piano music\"")
        if not clause.quotes:
            check_description(clause.bare)  # "something relaxing", "asdkjh qwe zzz", "undo": said, not drawn
        media = clause.media()
        made = _made_here(clause)  # "sculpt a lantern": the verb names the medium
        tool = DESCRIBED.get(made or (media[0] if media else "image"), "image.generate")
        return tool if tool in self.registry else None

    def _bonus(self, spec: ToolSpec, clause: Clause, explicit: dict[str, Source], weak: list[str],
               target: str | None) -> float:
        needs = [p.kind for p in spec.params if p.required and p.kind in MEDIA_KINDS]
        bonus = 0.0
        if spec.id == "video.extract_audio" and OF_VIDEO.search(clause.low) and \
                clause.verb() in (None, "", "need", "want", "get", "extract", "pull", "take", "separate", "give", "keep"):
            bonus += 4.0  # "the audio track of the final video": its sound, taken out
        ref = FROM_REF.search(clause.low)  # "draw the image from it": it is the input
        # "a caption for it" reads it; "kitchen sounds for it" are made to go with it
        source_words = bool(ref) and (not ref.group(0).startswith("for") or spec.output == "text")
        for kind in needs:
            if kind in explicit:
                bonus += 4.0 if source_words else 2.0
            elif weak and kind == weak[-1]:
                bonus += 1.2  # the previous step's output: the usual chain
            elif kind in weak:
                bonus += 0.6
            elif _bridgeable(spec, kind, set(explicit) | set(weak), clause):
                # made first by an earlier step; unlikely when the clause never names that kind
                # ("put the narration over the music" with no video anywhere is a mix)
                bonus -= 1.0 if kind != "video" or re.search(r"\b(?:" + NOUN_PATTERN["video"] + r")", clause.low) else 4.0
            else:  # nothing can feed it; worse still when the clause does not even name that kind
                bonus -= 3.0 if re.search(r"\b(?:" + NOUN_PATTERN[kind] + r")", clause.low) else 6.0
        for p in spec.params:
            if p.required and p.type == "array" and p.kind in MEDIA_KINDS:
                bonus += 1.0 if _several(clause, p.kind) else -1.5
        anchor = ANCHORS.get(spec.id)
        if anchor is not None and not anchor.search(clause.low) and not (spec.id == "image.add_text" and "text" in explicit):
            bonus -= 3.0
        attach_verb = clause.verb() in ATTACH_VERBS
        joins = [p for p in spec.params if p.required and p.kind in MEDIA_KINDS and p.kind != "mask"]
        if len(joins) >= 2 or spec.id == "audio.mix":  # a mask is made from the image, not joined
            bonus += (2.0 if attach_verb else 1.0) if ATTACH_INTENT.search(clause.low) else -2.0
            if FOR_VIDEO.search(clause.text) and "video" in explicit:
                bonus += 2.0  # "narration for my video promo.mp4": made for it, so put on it
            if spec.output == "video" and "video" in explicit and NEW_SOUNDTRACK.search(clause.low):
                bonus += 6.0  # "change the music in promo.mp4 to upbeat jazz": new music, put on it
            if attach_verb and weak and weak[-1] in needs and (weak[-1] == spec.output or spec.output in explicit):
                bonus += 4.0  # "now add rain sounds": onto what was just made
        elif attach_verb and not needs and weak and spec.output != weak[-1]:
            bonus -= 3.5  # "add rain sounds" after a video: add them to it, not only make them
        takes = {p.kind for p in spec.params if p.kind in MEDIA_KINDS}
        media_given = {k for k in explicit if k in MEDIA_KINDS}
        if not needs and media_given - takes:
            bonus -= 5.0 if source_words else 1.5  # a file was named ("from that layout") this tool would ignore
        elif needs and media_given - takes and not any(k in takes for k in media_given):
            bonus -= 2.0  # "add birdsong to garden.mp4": audio.mix would leave the video out
        if "text" in explicit and any(p.name in ("prompt", "text") for p in spec.params):
            bonus += 1.0 if not needs else 1.5  # "put it (the poem) on snow.jpg": the text goes in
        if target is not None:
            bonus += 1.5 if spec.output == target else -2.5  # "stitch the photos into a slideshow": a video
            word = CONVERT.search(clause.low)
            if word and word.group(1).lower() in spec.id:
                bonus += 2.0  # the product named is the tool's own ("into a slideshow": video.slideshow)
        made = _made_here(clause) if not explicit else None
        if made is not None and DESCRIBED.get(made) == spec.id:
            bonus += 4.5  # the medium asked for by name or by the verb ("sketch", "show me")
        return bonus

    def _check_conversion(self, clause: Clause, explicit: dict[str, Source], tool: str) -> None:
        """'turn this audio into a 3D model': no tool takes audio and makes a mesh -> PlanError."""
        target = _target_kind(clause)
        spec = self.registry.spec(tool)
        if not target:
            return
        named = [*explicit, *clause.dangling, *clause.referred_kinds()]  # "turn the recording into ..."
        sources = [k for k in named if k in MEDIA_KINDS and k != target and
                   (spec.output != target or not any(p.kind == k for p in spec.params))]
        for kind in sources:
            if not any(s.output == target and any(p.kind == kind for p in s.params) for s in self.registry):
                takes = sorted({s.output for s in self.registry if any(p.kind == kind for p in s.params)})
                raise PlanError(f"cannot turn {_article(kind)} into {_article(target)}: no tool takes "
                                f"{kind} and makes {target} (from {kind} medialoom can make: "
                                f"{', '.join(takes)})")

    # -- joining branches ---------------------------------------------------------------------
    def _join(self, draft: Draft) -> None:
        """Audio asked for 'with' a video ('with calm piano music', 'with narration') is made
        in parallel and put under the video at the end."""
        if not draft.attachments:
            return
        attachments, draft.attachments = draft.attachments, []
        self._attach(draft, attachments)

    def _attach(self, draft: Draft, attachments: list[str]) -> None:
        video = draft.latest("video", unused=True)
        if video is None:  # "a picture of a sunset with the sound of waves": the sound is made too
            for words in attachments:
                ArgFiller(self.registry, draft, make_clause(words), {}).make_audio(words)
            return
        audios = []
        for words in attachments:
            filler = ArgFiller(self.registry, draft, make_clause(words), {})
            audios.append(filler.make_audio(words, video.ref))
        audio = audios[0]
        if len(audios) > 1 and "audio.mix" in self.registry:
            gains = [1.0 if draft.steps[int(a.ref[2:]) - 1].tool == "audio.speech" else 0.6 for a in audios]
            audio = draft.add("audio.mix", {"audios": [a.ref for a in audios], "gains": gains})
        if "video.add_audio" in self.registry:  # a video that has a sound track keeps it, ducked under the new one
            draft.add("video.add_audio", {"video": video.ref, "audio": audio.ref, "mode": "mix"})


DELIVER = re.compile(r"^\W*(?:(?:please|also|and|then|finally)\s+)*(?:provide|give|send|return|deliver|share|hand)"
                     r"(?:\s+(?:me|us|back))?(?:\s+with)?\s+(?:the|a|an|my|both|all)?\s*(?:[\w-]+\s+){0,3}?"
                     r"(?:result|output|file|outcome|image|picture|photo|video|audio|track|recording|version|clip)s?\b"
                     r"(?!\s+(?:of|from)\b)", re.I)
GERUND_LEAD = re.compile(r"^\W*(?:(?:and|then|also|finally|next|after that),?\s+)*([a-z]{3,}ing)\b", re.I)


FINAL_VIDEO = re.compile(r"\b(?:final|finished|resulting|completed?|narrated|dubbed|combined) (?:video|clip|movie|film)\b|"
                         r"\b(?:video|clip) with (?:the )?(?:voice-?over|narration|music|soundtrack|sound)\b")
VAGUE_EDIT = re.compile(r"^\W*(?:(?:and|so|then|please|now)\s+)*(?:modify|edit|change|alter|adjust|tweak|process|"
                        r"work on|fix)\s+(?:it|them|this|that|the (?:file|audio|video|image|photo|recording|track|clip))"
                        r"\W*$", re.I)
SPEECH_EFFECT = re.compile(r"\bwith (?:an? |some )?(?:added |extra |a bit of |slight |light |heavy )?((?:reverb|echo|chorus|"
                           r"distortion|delay|flanger|phaser|robot(?:ic)? (?:voice )?effect)(?: and (?:reverb|echo|chorus|"
                           r"distortion|delay))?)(?: effects?)?\b", re.I)
SAVE_ONLY = re.compile(r"^\W*(?:(?:please|also|and|then|finally)\s+)*(?:save|store|keep|export)\s+(?:it|them|both|"
                       r"(?:the|a|an|my|both|all)\s+(?:[\w-]+\s+){0,3}?(?:result|output|file|image|picture|photo|video|"
                       r"audio|track|recording|version|clip)s?)(?:\s+(?:separately|too|as well|locally|for me|to disk|"
                       r"(?:as|to|in) \S+\.\w{2,4}|(?:as|in) (?:a |an )?(?:separate |new )?file))*\W*$", re.I)
READ_BY = re.compile(r"^\W*(?:and\s+)?(?:read|spoken|narrated|told|voiced|performed|recited)(?:\s+(?:aloud|out loud))?"
                     r"(?=\s+(?:by|in|with|as)\b)", re.I)
MUSIC_UNDER = re.compile(r",?\s*\b(?:with|over|under|to)\s+((?:(?!voice|narrat)[\w'-]+\s+){0,4}?(?:music|song|tune|melody|"
                         r"soundtrack|lullaby|ambience|sounds?|noise|beat)(?:\s+(?:of|in)\s+[\w\s'-]+?)?)"
                         r"(?=\s+(?:in the background|underneath|behind it|playing)|\s*$|[,.;!?])", re.I)
SPEAK_VERB = re.compile(r"^\W*(?:(?:please|now|then|and|also)\s+)*(?:read|say|speak|narrate|recite|voice)\b", re.I)


def _music_under_speech(clause: Clause) -> tuple[str, str] | None:
    """'read it aloud with soft lullaby music' -> (the words to drop, 'soft lullaby music')."""
    if not SPEAK_VERB.match(clause.text):
        return None
    m = MUSIC_UNDER.search(extract.strip_quotes_keep_len(clause.text))
    return (clause.text[m.start():m.end()], clause.text[m.start(1):m.end(1)]) if m else None


def _restated(clause: Clause, spec: ToolSpec, draft: Draft) -> bool:
    """A clause that only names a medium already made ('Please generate the image for me')."""
    prompt = spec.param("prompt")
    if prompt is None or not prompt.required or clause.files or clause.quotes:
        return False
    if content_words(subject(clause)) or draft.latest("text", unused=True) is not None:
        return False
    return any(draft.registry.spec(s.tool).output == spec.output for s in draft.steps)


def _remember(clause: Clause, draft: Draft) -> None:
    """Files and quoted texts a statement introduces become sources for the clauses after it."""
    for f in clause.files:
        draft.sources.append(Source(f.text, f.kind))
    for quote in clause.quotes:
        draft.sources.append(Source(quote, "text"))
    draft.introduced = clause.text


def _more_of_the_same(clause: Clause, spec: ToolSpec) -> bool:
    """A further change with no object of its own ('and add an echo') to the same edit tool."""
    return (spec.param("instruction") is not None and not clause.files and not clause.quotes
            and not clause.mentions_back() and not clause.referred_kinds())


def _several(clause: Clause, kind: str) -> bool:
    """True when the clause hands over several things of a kind (files, 'them', 'these')."""
    if kind == "audio" and clause.verb() in ATTACH_VERBS and clause.referred_kinds() and AUDIO_WORDS.search(
            PRONOUN.sub(" ", clause.low)):
        return True  # "add rain sounds under the narration": the narration and a new sound
    files = sum(f.kind == kind for f in clause.files)
    if files == 1 and re.search(r"\b(?:combine|mix|merge|join|blend|concatenate|splice)\s+(?:it|this|that|the \w+)\s+"
                                r"(?:with|and)\b", clause.low):
        return True  # "combine it with music.wav": what came before and the file
    return files >= 2 or bool(
        re.search(r"\b(them|these|those|both|all|together|clips|images|photos|pictures|tracks|recordings|"
                  r"videos|files|parts)\b", clause.low))


def _bridgeable(spec: ToolSpec, kind: str, available: set[str], clause: Clause) -> bool:
    """Can a missing input be made by an earlier step (a mask from the image, music for a video)?"""
    if kind == "mask":
        return "image" in available
    if kind in ("mesh", "layout"):  # made first only when the words ask for a 3D model / a layout
        return bool(re.search(r"\b(3d|mesh|model|layout|sculpture)\b", clause.low))
    if kind in ("image", "audio") and "video" in available and not spec.output == "video":
        return True  # a frame or the sound track of the video
    if kind == "audio":
        return (spec.output == "video" or spec.id.endswith(".mix")) and bool(AUDIO_WORDS.search(clause.low))
    return False


def _made_here(clause: Clause) -> str | None:
    """'make a video of ...', 'build a 3D tree': the medium a creation verb asks for."""
    text = DURATION_PHRASE.sub(" ", clause.bare)
    m = CREATE.search(text)
    if not m:
        return None
    rest = re.split(r"\b(?:of|for|about|from|to|in|on|with|into|at|and|by|as|showing|where|that)\b",
                    text[m.end():], maxsplit=1)[0]
    for name, pattern in MEDIA_NOUN.items():
        if re.search(r"\b(?:" + pattern + r")\b", rest, re.I):
            return name
    words = re.findall(r"[a-z]+", m.group(0).lower())
    return IMPLIED.get(" ".join(words[-2:])) or IMPLIED.get(words[-1])  # "illustrate a dragon": a picture


def _target_kind(clause: Clause) -> str | None:
    m = CONVERT.search(clause.low)
    return TARGET_KIND.get(m.group(1).lower()) if m else None


def _voice_over(clause: Clause) -> list[str]:
    """'compose a jingle with a voice-over saying "..."': the speech to lay over music or a sound
    made by the same clause (not 'mix it with the narration', which names audio that exists)."""
    media = clause.media()
    if not media or media[0] not in ("music", "sound") or not _audio_clause(clause) or re.search(
            r"\b(mix|overlay|layer|combine|join|add|put|place|dub|lay)\b", clause.low):
        return []
    return [m.group(1) for m in ATTACH.finditer(clause.text) if re.search(r"narrat|voice", m.group(1), re.I)]


ERRAND_REASON = "medialoom makes and edits media; it does not run errands or answer questions"


def _cannot(left: list[dict[str, str]]) -> str:
    """One line for a request made only of jobs medialoom does not do."""
    reasons = list(dict.fromkeys(item["reason"].split(";")[0] for item in left))
    return f"nothing here is media work medialoom can do: {'; '.join(reasons)}"


def _article(kind: str) -> str:
    word = {"mesh": "3D model", "audio": "audio", "text": "text"}.get(kind, kind)
    return word if word in ("audio", "text") else ("an " if word[0] in "aeiou" else "a ") + word


def check_request(request: str) -> str:
    text = (request or "").strip()
    if not text:
        raise UsageError("the request is empty; say what to make, e.g. \"a cat wearing a red hat\"")
    if len(text) > MAX_REQUEST:
        raise UsageError(f"the request is {len(text)} characters; keep it under {MAX_REQUEST} "
                         "(put long texts in a file and refer to it)")
    check_text(text)  # control characters; a request in French, Japanese ...: one line, not an empty picture
    return re.sub(r"\s+", " ", text)
