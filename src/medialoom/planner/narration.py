"""Words for a narration nobody wrote: 'with narration', 'a voice-over about spring flowers',
'narrated by a woman' give no words to say, so the plan writes them first (text.write about the
topic named, else about what the planned video shows), or, for the user's own picture or video,
says what a still of it shows (image.caption)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..tools import parse_time
from . import extract
from .clauses import Clause, content_words, make_clause
from .phrases import after

if TYPE_CHECKING:
    from .draft import Draft

WORDS_PER_SECOND = 2.3  # a calm narration; the offline voice speaks ~2.8, so it ends before the video does
DEFAULT_VIDEO_SECONDS = 4.0  # video.generate / video.animate when no duration is given
VOICE_TAIL = re.compile(r"^(?:by|from|with|in)\s+(?:an?\s+|the\s+)?(?:[\w'-]+\s+){0,2}?(?:voice|man|woman|girl|boy|"
                        r"child|kid|lady|narrator|speaker|[\w'-]+)\b\s*", re.I)

NARRATE_OBJECT = re.compile(r"^(\W*(?:(?:please|now|then|and|also|so|can|could|would|will|you)\b[\s,]*)*)"
                            r"(?:narrate|voice[- ]?over|do an? (?:narration|voice-?over) (?:for|of|on))\s+"
                            r"(?=(?:(?:my|the|this|that|our)\s+)?(?:(?:video|clip|film|movie|footage|photo|picture|"
                            r"image|slideshow)[:,]?\s+)?(?:[\w~/.-]+\.(?:mp4|mov|webm|mkv|avi|gif|png|jpe?g|webp)\b|"
                            r"(?:it|them)\b))", re.I)  # "narrate my video beach.mp4": narration put on itWORDS_PER_SECOND = 2.3  # a calm narration; the offline voice speaks ~2.8, so it ends before the video does
DEFAULT_VIDEO_SECONDS = 4.0  # video.generate / video.animate when no duration is given
ONTO = re.compile(r"^(?:to|for|on|onto|over)\s+(?:(?:my|the|this|that|our|your)\s+)?(?:[\w'-]+\s+)?"
                  r"(?:[\w~/.-]+\.[a-z0-9]{2,4}|it|them)\b(?:\s+for (?:me|us))?", re.I)


def narration_text(draft: "Draft", words: str, video: str | None) -> str | None:
    """A reference to the text to speak, made by new steps; None when nothing says what about."""
    rest = after(words, r"narrat\w*|voice-?overs?|voiceovers?|narrators?") or ""
    rest = VOICE_TAIL.sub("", rest).strip(" ,.")
    rest = ONTO.sub("", rest).strip(" ,.")  # "narration to my video beach.mp4": what it goes on, not about
    m = re.match(r"(?:about|on|of|describing|explaining|telling)\s+(.+)$", rest, re.I)
    if rest and not m:
        return None
    topic = m.group(1) if m else shown_by(draft, video)
    if topic and content_words(topic) and "text.write" in draft.registry:
        lang = re.search(r"\bin (" + "|".join(extract.LANGUAGES) + r")\b", words, re.I)
        topic += f" in {lang.group(1).capitalize()}" if lang else ""  # written in the language spoken
        return draft.add("text.write", {"prompt": f"{_length(draft, video)} about {topic}"}).ref
    return None if m else described(draft, video)


def _length(draft: "Draft", video: str | None) -> str:
    """'a narration of about 14 words' for a planned 6 s video (spoken at ~2.3 words a second, so
    it ends with the picture); 'a short narration' when the length is not known."""
    step = next((s for s in draft.steps if video and f"${s.id}" == video), None)
    seconds = None
    if step is not None and step.tool in ("video.generate", "video.animate"):
        try:
            seconds = parse_time(step.args["duration"]) if "duration" in step.args else DEFAULT_VIDEO_SECONDS
        except ValueError:
            seconds = None
    if not seconds or seconds <= 0:
        return "a short narration"
    return f"a narration of about {max(4, round(WORDS_PER_SECOND * seconds))} words"


def shown_by(draft: "Draft", ref: str | None, depth: int = 0) -> str | None:
    """What a planned video or picture shows: the prompt of the step that made it (or of its
    source picture, for an animation or a slideshow)."""
    step = next((s for s in draft.steps if ref and f"${s.id}" == ref), None)
    if step is None or depth > 6:
        return None
    prompt = step.args.get("prompt")
    if isinstance(prompt, str) and not prompt.startswith("$"):
        return prompt
    inner = _source(step.args)
    return shown_by(draft, inner, depth + 1) if inner and inner.startswith("$") else None


def described(draft: "Draft", ref: str | None, depth: int = 0) -> str | None:
    """'animate owl.png with narration', 'narrate my video beach.mp4': the user's own file is
    described (a still of a video first), and the description is what is said."""
    if not ref or depth > 6 or "image.caption" not in draft.registry:
        return None
    if ref.startswith("$"):
        step = next((s for s in draft.steps if f"${s.id}" == ref), None)
        return described(draft, _source(step.args), depth + 1) if step is not None else None
    kind = next((f.kind for f in extract.files(ref)), None)
    if kind == "video" and "video.extract_frame" in draft.registry:
        ref = draft.add("video.extract_frame", {"video": ref, "time": 0}).ref
    elif kind != "image":
        return None
    return draft.add("image.caption", {"image": ref}).ref


def _source(args: dict) -> str | None:
    for name in ("image", "video", "mesh", "images", "videos"):
        inner = args.get(name)
        inner = inner[0] if isinstance(inner, list) and inner else inner
        if isinstance(inner, str):
            return inner
    return None


def narrate_object(clause: Clause, draft: "Draft") -> Clause:
    """'narrate my video beach.mp4' (with calm music underneath): narration (and the music) made
    for the file and put on it; 'narrate owl.png' says what the picture shows; 'narrate it' after
    a video adds narration to it. Any other clause comes back as it is."""
    m = NARRATE_OBJECT.match(clause.text)
    last = draft.sources[-1].kind if draft.sources else None
    if m and (clause.files or last == "video") and not any(f.kind == "video" for f in clause.files):
        verb = "describe {} out loud" if clause.files else "add narration to {}"  # "narrate owl.png"
        clause = make_clause(m.group(1) + verb.format(clause.text[m.end():]))  # "a video of X, then narrate it"
    elif m and clause.files:  # "narrate my clip surf.mp4 with calm music underneath"
        tail = clause.text[m.end():]
        extra = re.search(r",?\s*\b(?:with|and|plus)\s+(.*?\b(?:music|song|soundtrack|sounds?|noise|ambience)\b.*)$",
                          tail, re.I)
        draft.attachments.append("narration")
        if extra:
            draft.attachments.append(re.sub(r"\s+(?:underneath|beneath|under(?: it)?|behind(?: it)?|in the "
                                            r"background)\W*$", "", extra.group(1), flags=re.I).strip(" .!?"))
            tail = tail[:extra.start()]
        clause = make_clause(re.sub(r"\s+for (?:me|us)\b", "", tail))
    return clause
