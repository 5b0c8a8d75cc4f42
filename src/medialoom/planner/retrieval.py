"""Lexical retrieval of tools: BM25 over each tool's id, description and example phrasings.

Documents are built from the registry, so a tool added to a registry is found by its own
words. `PHRASINGS` adds everyday ways of asking for the catalogue tools (synonyms the short
catalogue descriptions do not carry); it names tools by id and is ignored for unknown ids.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from ..registry import Registry

WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
STOP = frozenset("""a an the of to and it its this that these those please me with in on for my i is
into from by as at be can could would you your we our us some then so up out just also want like
would should let lets do does one get got give have has had them they their there here which
while into onto over short quick little nice""".split()) - {"up", "out", "over"}
IRREGULAR = {"spoken": "speak", "said": "say", "sang": "sing", "sung": "sing", "drawn": "draw",
             "drew": "draw", "made": "make", "wrote": "write", "written": "write", "took": "take",
             "taken": "take", "cut": "cut", "bigger": "big", "larger": "large", "louder": "loud",
             "quieter": "quiet", "children": "child", "mice": "mouse", "videos": "video",
             "photos": "photo", "images": "image", "audios": "audio"}
# everyday phrasings per catalogue tool (words only matter; order does not)
PHRASINGS: dict[str, tuple[str, ...]] = {
    "image.generate": ("create a picture photo illustration painting drawing of", "render an image of a scene",
                       "paint a watercolour poster wallpaper artwork portrait logo icon"),
    "image.layout": ("plan the layout arrangement composition positions of objects", "lay out the scene"),
    "image.from_layout": ("render generate draw paint an image from the layout", "image from that layout"),
    "image.edit": ("colorize give colour to a black and white photo", "make the photo look like winter", "change the colours brightness contrast saturation",
                   "make it warmer cooler darker brighter sepia vintage blur sharpen crop flip",
                   "recolor filter style the picture", "turn it into a pencil sketch cartoon oil painting"),
    "image.segment": ("select mask outline the person object sky region", "segment the foreground",
                      "make a mask of the area I clicked", "mask out the object"),
    "image.inpaint": ("erase remove delete the object person car from the photo", "replace the sky with",
                      "fill in the hole", "fill the space with something", "take the object out of the photo", "get rid of the thing there", "swap the object for something else"),
    "image.remove_background": ("remove the background cutout transparent background isolate subject",
                                "delete the backdrop"),
    "image.caption": ("describe what is in the picture", "what's in this photo", "tell me what is shown", "write a caption description for the image",
                      "what does the photo show", "alt text"),
    "image.upscale": ("upscale enlarge increase resolution super-resolution bigger sharper 4x 2x",),
    "image.combine": ("combine stitch merge images into a collage grid panorama side by side",),
    "image.add_text": ("add put write the caption title text words label on the image at the top bottom",
                       "overlay text meme text", "add a title saying", "stamp a word across the middle"),
    "video.generate": ("generate create a video clip animation movie film footage of",
                       "an animated clip of a scene with motion"),
    "video.animate": ("animate this photo image picture", "turn the image picture into a video clip",
                      "make it move bring to life a short video from the image",
                      "camera motion pan zoom ken burns"),
    "video.slideshow": ("slideshow presentation video of several pictures", "slideshow from these photos pictures images", "turn photos into a slideshow video",
                        "combine stitch put the images photos together into a video"),
    "video.edit": ("make the video clip black and white", "apply a filter to the video footage",
                   "make the clip look vintage film colour grade the video"),
    "video.trim": ("trim cut shorten chop snip the video clip from to seconds", "keep only the part of the video between"),
    "video.speed": ("change the playback speed of the video", "speed up slow down the video faster slower slow motion timelapse",
                    "make it twice as fast half as fast at double half speed 1.5x"),
    "video.concat": ("join concatenate combine merge stitch the clips videos one after another",
                     "put the clips together into one video", "loop repeat the clip several times",
                     "back to back end to end in sequence", "append prepend it to the start end of the video"),
    "video.add_audio": ("synchronize sync the voiceover with the video", "add a soundtrack to the video",
                        "put the audio under over on the clip", "dub the video", "add audio to it",
                        "put them together", "combine merge the two", "replace the audio of the video with this track",
                        "swap switch change the soundtrack sound of the clip for new music",
                        "narration music for my video"),
    "video.extract_audio": ("extract pull get rip the audio sound track soundtrack from the video",),
    "video.extract_frame": ("grab extract take a frame still screenshot snapshot from the video at",),
    "audio.speech": ("convert text to speech audio", "audio file of the text script", "read aloud say speak narrate voice out loud text to speech tts",
                     "read this sentence aloud", "have it read aloud", "narration voice-over saying",
                     "record it with a female male voice", "hear the text spoken"),
    "audio.music": ("compose music song melody tune soundtrack track jazz piano beat", "background music",
                    "generate create make some music", "a jingle theme tune", "write a song", "music",
                    "record hum whistle sing a lullaby tune melody", "something relaxing upbeat calm soothing to listen to"),
    "audio.sound": ("sound effect ambience noise of rain thunder birds wind ocean waves traffic footsteps",
                    "generate create make the sound of",
                    "the sound of", "sounds"),
    "audio.edit": ("change the voice tone pitch gender", "apply effects chorus equalization eq distortion", "add reverb echo equaliser bass treble pitch shift semitones", "fade in fade out",
                   "improve enhance the sound quality of the audio with effects",
                   "make it louder quieter change the volume gain", "lower raise the pitch chipmunk robot voice",
                   "speed up slow down the audio, make it slower faster", "make it sound like a robot in a cathedral underwater"),
    "audio.denoise": ("reduce the background noise", "make the audio clearer cleaner", "remove the noise hiss hum from the recording", "clean up the background noise",
                      "denoise noise reduction"),
    "audio.mix": ("mix overlay layer the tracks together", "mix the voice with the music",
                  "music quieter under the voice", "add sounds under the narration"),
    "audio.concat": ("merge splice the audio files into one single file", "join concatenate combine the recordings tracks one after the other",
                     "put them back to back end to end in sequence",
                     "loop repeat the track several times", "append prepend it to the start end of the recording"),
    "audio.trim": ("trim cut chop snip the audio song recording to the first seconds", "shorten the track",
                   "keep only the part of the recording between",
                   "cut remove the silences pauses gaps dead air", "trim the recording to the voice speech"),
    "audio.to_midi": ("turn my humming singing whistling into midi notes", "the melody tune as midi notes",
                      "audio to midi", "the notes of the tune"),
    "audio.transcribe": ("convert speech into text", "get a transcript", "transcribe the recording speech to text", "what does the speaker say",
                         "write down the words transcript subtitles"),
    "audio.visualize": ("visual representation of the audio", "show plot draw the waveform spectrogram of the sound", "visualise the audio"),
    "mesh.generate": ("make create a 3D model object mesh sculpture of", "generate a 3D asset", "3d"),
    "mesh.edit": ("paint colour it red recolour the model", "scale rescale resize the model make it taller",
                  "make the handle legs top bigger smaller wider thinner longer shorter",
                  "add remove parts of the 3D model"),
    "mesh.render": ("render a preview picture image of the 3D model", "show the model"),
    "mesh.turntable": ("turntable spinning rotating 360 video preview of the model", "show it spinning turning around"),
    "text.refine_prompt": ("improve expand enhance refine rewrite this prompt into a detailed one",),
    "text.write": ("expand elaborate the text into a longer detailed version", "write a poem story script narration lyrics essay paragraph text about",
                   "write a short poem", "tell me a joke riddle limerick sonnet rhyme slogan tagline"),
    "text.storyboard": ("storyboard split the story into scenes shots", "plan the scenes of a video"),
    "motion.generate": ("a person man woman waving walking jogging jumping dancing", "a dancer", "human mocap"),
    "motion.edit": ("slow down speed up mirror loop the dance motion mocap", "make the motion twice as long, loop it three times", "bigger steps retarget the motion to a child",
                    "only the upper body waves", "blend the two motions"),
    "motion.render": ("render film the motion mocap dance on a mannequin as a video",),
    "motion.to_mesh": ("export the motion mocap as an animated rigged 3D character glb",),
}


LEAD_WEIGHT = 2.0
PREFIX = 6  # truncation stemming: narrate/narration, saturated/saturation, describe/description


BRITISH = re.compile(r"^colour|^grey|^centre|(?<=[a-z]{3})is(?=e|ed|es|ing|ation|ations)$")  # one spelling


def stem(word: str) -> str:
    word = word.lower().replace("'s", "")
    word = BRITISH.sub(lambda m: {"colour": "color", "grey": "gray", "centre": "center"}.get(m.group(0), "iz"), word)
    if word in IRREGULAR:
        return IRREGULAR[word]
    for suffix, keep in (("ising", 5), ("izing", 5), ("ing", 5), ("ied", 4), ("ies", 4), ("ed", 5),
                         ("es", 6), ("s", 4)):
        if len(word) >= keep + len(suffix) - 2 and word.endswith(suffix) and not word.endswith("ss"):
            base = word[: -len(suffix)]
            if suffix in ("ied", "ies"):
                return base + "y"
            if suffix in ("ising", "izing"):
                return base + "ise"
            if len(base) >= 3 and base[-1] == base[-2] and base[-1] not in "lsz":
                base = base[:-1]  # running -> run
            return base[:PREFIX]
    word = {"colour": "color", "grey": "gray", "visualise": "visualize", "centre": "center"}.get(word, word)
    return word[:PREFIX]


def tokens(text: str) -> list[str]:
    return [stem(w) for w in WORD.findall(text.lower()) if w not in STOP]


@dataclass
class Index:
    ids: list[str]
    docs: list[Counter]
    idf: dict[str, float]
    avg_len: float
    leads: dict[str, set[str]]
    k1: float = 1.2
    b: float = 0.5

    @classmethod
    def build(cls, registry: Registry) -> "Index":
        ids, docs, leads = [], [], {}
        for spec in registry:
            phrasings = (*spec.examples, *PHRASINGS.get(spec.id, ()))
            text = " ".join((spec.id.replace(".", " ").replace("_", " "), spec.description, *phrasings))
            ids.append(spec.id)
            docs.append(Counter(tokens(text)))
            leads[spec.id] = {stem(p.split()[0]) for p in phrasings if p.split()}
        n = max(len(docs), 1)
        df = Counter(t for d in docs for t in d)
        idf = {t: math.log(1 + (n - c + 0.5) / (c + 0.5)) for t, c in df.items()}
        avg = sum(sum(d.values()) for d in docs) / n
        return cls(ids, docs, idf, avg, leads)

    def scores(self, query: str, verb: str | None = None) -> dict[str, float]:
        """BM25 of every tool for the query; `verb` (the clause's main verb) adds LEAD_WEIGHT to
        tools whose phrasings start with it ('narrate the text' -> audio.speech)."""
        terms = tokens(query)
        lead = stem(verb) if verb else None
        out: dict[str, float] = {}
        for tool, doc in zip(self.ids, self.docs):
            length = sum(doc.values())
            score = 0.0
            for t in terms:
                tf = doc.get(t, 0)
                if tf:
                    tf = min(tf, 3)
                    score += self.idf[t] * tf * (self.k1 + 1) / (
                        tf + self.k1 * (1 - self.b + self.b * length / self.avg_len))
            if lead and lead in self.leads.get(tool, ()):
                score += LEAD_WEIGHT * min(1.0, self.idf.get(lead, 0.0) / 2)  # 'make' counts less than 'narrate'
            out[tool] = score
        return out
